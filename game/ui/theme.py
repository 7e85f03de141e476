"""The pygame_gui theme: ``assets/theme.json`` with every font size scaled to the body text
size in pixels (which follows the window size and the player's text size)."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import pygame_gui

from game.resources import read_asset
from game.ui.look import TEXT_SCALE

BASE_TEXT = 16  # the theme file's body size
TOOLTIP_CHARACTERS = 26  # a tooltip wraps at about this many body-text "em"s
PRELOADED = ("italic",)  # styles that text boxes use through <b> and <i>


@lru_cache(maxsize=1)
def _base_theme() -> dict:
    return json.loads(read_asset("theme.json"))


def scaled_theme(text_size: str, body: int | None = None) -> dict:
    """The theme with every font size scaled so that body text is ``body`` pixels (default:
    16 times the text size's scale); tooltips wrap at a width that follows the text."""
    body = body or round(BASE_TEXT * TEXT_SCALE[text_size])
    scale = body / BASE_TEXT
    theme = copy.deepcopy(_base_theme())
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
    for name in ("tool_tip",):
        block = theme.setdefault(name, {})
        block.setdefault("misc", {})["rect_width"] = str(round(body * TOOLTIP_CHARACTERS))
    return theme


def make_manager(
    size: tuple[int, int], text_size: str, body: int | None = None
) -> pygame_gui.UIManager:
    theme = scaled_theme(text_size, body)
    manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False)
    body = body or round(BASE_TEXT * TEXT_SCALE[text_size])
    manager.preload_fonts(
        [{"name": "noto_sans", "point_size": body, "style": style} for style in PRELOADED]
    )
    return manager
