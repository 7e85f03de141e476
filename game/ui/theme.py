"""The pygame_gui theme: ``assets/theme.json`` with every font size scaled to the body text
size in pixels (which follows the window size and the player's text size).

Every font in the theme is the bundled family (Latin and Simplified Chinese, see
``game.resources.font_file``), whatever name theme.json gives it: pygame_gui has no fallback
between fonts, so one family must cover every language the game shows.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import pygame_gui
from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont

from game.render.style import NO_LINE_END, NO_LINE_START, TEXT_SCALE, is_cjk
from game.resources import font_file, read_asset

BASE_TEXT = 16  # the theme file's body size
TOOLTIP_CHARACTERS = 26  # a tooltip wraps at about this many body-text "em"s
PRELOADED = ("italic",)  # styles that text boxes use through <b> and <i>
FONT_NAME = "precursor"
PYGAME_GUI_DEFAULT_SIZE = 14  # what an element without a font in theme.json is set in
# element types that show text: each gets the bundled font even when theme.json names none
TEXT_ELEMENTS = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "text_entry_box",
    "drop_down_menu",
    "selection_list",
    "tool_tip",
    "window",
)


@lru_cache(maxsize=1)
def _base_theme() -> dict:
    return json.loads(read_asset("theme.json"))


def scaled_theme(text_size: str, body: int | None = None) -> dict:
    """The theme with every font size scaled so that body text is ``body`` pixels (default:
    16 times the text size's scale); tooltips wrap at a width that follows the text."""
    body = body or round(BASE_TEXT * TEXT_SCALE[text_size])
    scale = body / BASE_TEXT
    theme = copy.deepcopy(_base_theme())
    for element in TEXT_ELEMENTS:
        theme.setdefault(element, {}).setdefault("font", {"size": str(PYGAME_GUI_DEFAULT_SIZE)})
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
        if font:
            font.update(_bundled_font())
    for name in ("tool_tip",):
        block = theme.setdefault(name, {})
        block.setdefault("misc", {})["rect_width"] = str(round(body * TOOLTIP_CHARACTERS))
    return theme


def _bundled_font() -> dict[str, str]:
    """The bundled family's files; it has no italic, so italic text is set upright."""
    regular, bold = str(font_file()), str(font_file(bold=True))
    return {
        "name": FONT_NAME,
        "regular_path": regular,
        "bold_path": bold,
        "italic_path": regular,
        "bold_italic_path": bold,
    }


def make_manager(
    size: tuple[int, int], text_size: str, body: int | None = None
) -> pygame_gui.UIManager:
    allow_cjk_line_breaks()
    theme = scaled_theme(text_size, body)
    manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False)
    body = body or round(BASE_TEXT * TEXT_SCALE[text_size])
    manager.preload_fonts(
        [{"name": FONT_NAME, "point_size": body, "style": style} for style in PRELOADED]
    )
    return manager


# --- line breaks in Chinese ----------------------------------------------------------------
# pygame_gui breaks a text box's lines only at spaces (``TextLineChunkFTFont.split_points``),
# so a Chinese sentence, which has none, moves whole to the next line after a bold word and
# leaves the punctuation that follows it alone at the start of a line. The game adds a break
# point between any two Chinese characters (never before a closing mark or after an opening
# one), as ``game.render.style.wrap_text`` does for the text it draws itself.


def cjk_break_points(text: str) -> set[int]:
    """Indexes at which ``text`` may be broken between two characters, one of them Chinese."""
    return {
        i
        for i in range(1, len(text))
        if (is_cjk(text[i - 1]) or is_cjk(text[i]))
        and text[i] not in NO_LINE_START
        and text[i - 1] not in NO_LINE_END
        and text[i] != " "
        and text[i - 1] != " "
    }


def _with_cjk_breaks(chunk) -> None:
    extra = cjk_break_points(chunk.text)
    if extra:
        chunk.split_points = sorted(set(chunk.split_points) | extra)


def allow_cjk_line_breaks() -> None:
    """Teach pygame_gui's text chunks to break Chinese lines between characters (once)."""
    chunk_type = TextLineChunkFTFont
    if getattr(chunk_type, "_precursor_cjk", False):
        return
    original_init, original_split = chunk_type.__init__, chunk_type.split

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        _with_cjk_breaks(self)

    def split(self, *args, **kwargs):
        right = original_split(self, *args, **kwargs)
        _with_cjk_breaks(self)
        return right

    chunk_type.__init__, chunk_type.split = __init__, split
    chunk_type._precursor_cjk = True
