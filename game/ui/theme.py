"""The pygame_gui theme: ``assets/theme.json`` with every font size scaled by the text size."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import pygame_gui

from game.resources import read_asset
from game.ui.look import TEXT_SCALE

PRELOADED = ("italic",)  # styles that text boxes use through <b> and <i>


@lru_cache(maxsize=1)
def _base_theme() -> dict:
    return json.loads(read_asset("theme.json"))


def scaled_theme(text_size: str) -> dict:
    """The theme with every font size multiplied by the text size's scale."""
    scale = TEXT_SCALE[text_size]
    theme = copy.deepcopy(_base_theme())
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(round(int(font["size"]) * scale))
    return theme


def make_manager(size: tuple[int, int], text_size: str) -> pygame_gui.UIManager:
    manager = pygame_gui.UIManager(size, scaled_theme(text_size), enable_live_theme_updates=False)
    body = round(16 * TEXT_SCALE[text_size])
    manager.preload_fonts(
        [{"name": "noto_sans", "point_size": body, "style": style} for style in PRELOADED]
    )
    return manager
