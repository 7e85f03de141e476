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

from game.render.style import TEXT_SCALE
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
    theme = scaled_theme(text_size, body)
    manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False)
    body = body or round(BASE_TEXT * TEXT_SCALE[text_size])
    manager.preload_fonts(
        [{"name": FONT_NAME, "point_size": body, "style": style} for style in PRELOADED]
    )
    return manager
