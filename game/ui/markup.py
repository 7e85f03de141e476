"""Text for pygame_gui's HTML-like text boxes."""

from __future__ import annotations

import html
import re


def escape(text: str) -> str:
    """Plain text made safe for a text box (``<``, ``&``), newlines as line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def keep_bullets(text: str) -> str:
    """A list's dash kept with its line's first word: Chinese has no space to break at, so
    after '- ' a text box would leave the dash alone on its line."""
    return re.sub(r"(^|<br>)- ", "\\1-\u00a0", text)


def bold(text: str) -> str:
    """``text`` in bold."""
    return f"<b>{text}</b>"
