"""Text for pygame_gui's HTML-like text boxes."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """Plain text made safe for a text box (``<``, ``&``), newlines as line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def bold(text: str) -> str:
    """``text`` in bold."""
    return f"<b>{text}</b>"
