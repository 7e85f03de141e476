"""Meters: a variable's value, unit, trend arrow and a gauge of where it sits in its range."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import pygame

from game.render.style import (
    BLUE,
    CARD,
    GRID,
    INK,
    MUTED,
    PAPER,
    RULE,
    blit_text,
    fit_text,
    format_change,
    format_value,
    unit_variants,
    wrap_text,
)

if TYPE_CHECKING:  # types only: the title screen draws without the scenario format
    from game.sim.model import VariableInfo


def gauge_fraction(info: VariableInfo, value: float, reference: float) -> float:
    """Where ``value`` sits: within the bounds when they are finite, else against 2x reference."""
    low, high = info.low, info.high
    if not high - low < 1e9:
        low, high = 0.0, max(2 * abs(reference), abs(value), 1e-9)
    return max(0.0, min(1.0, (value - low) / (high - low)))


def draw_trend(surface: pygame.Surface, centre: tuple[int, int], change: float, size: int) -> None:
    """An up or down triangle, or a flat bar for no change (shape, not colour)."""
    x, y = centre
    half = size // 2
    if change > 0:
        points = [(x, y - half), (x + half, y + half // 2), (x - half, y + half // 2)]
        pygame.draw.polygon(surface, INK, points)
    elif change < 0:
        points = [(x, y + half), (x + half, y - half // 2), (x - half, y - half // 2)]
        pygame.draw.polygon(surface, INK, points)
    else:
        pygame.draw.rect(surface, INK, (x - half, y - 2, size, 4))


@lru_cache(maxsize=1024)
def fitting_unit(unit: str, size: int, room: int) -> str:
    """The longest form of ``unit`` that fits ``room`` pixels, or '' when none does."""
    for variant in unit_variants(unit):
        if text_width(variant, size) <= room:
            return variant
    return ""


@lru_cache(maxsize=512)
def meter_label(
    label: str, size: int, width: int, two_lines: bool = True
) -> tuple[tuple[str, ...], int]:
    """The label in one line, else two lines (when there is room), else a smaller font;
    (lines, size)."""
    if not two_lines:
        for candidate in (size, size - 1, size - 2):
            if text_width(label, max(9, candidate)) <= width:
                return (label,), max(9, candidate)
        return (fit_text(label, max(9, size - 2), width),), max(9, size - 2)
    for candidate in (size, size - 1, size - 2):
        lines = wrap_text(label, max(9, candidate), width, 2)
        if len(lines) == 1 or not lines[-1].endswith("…"):
            return lines, max(9, candidate)
    return lines, max(9, size - 2)


def draw_meter(
    surface: pygame.Surface,
    rect: pygame.Rect,
    info: VariableInfo,
    value: float,
    change: float,
    text: int,
    selected: bool = False,
) -> None:
    """One meter card: label (wrapped), big value with its unit, trend arrow and change, gauge."""
    if rect.width < 8 or rect.height < 8:
        return
    surface.blit(_card(rect.width, rect.height, selected), rect)
    pad = 6
    small = max(10, text - 3)
    inner = rect.width - 2 * pad
    lines, label_size = meter_label(info.label, small, inner, rect.height >= text * 4.4)
    y = rect.y + 3
    for line in lines:
        y = blit_text(surface, line, (rect.x + pad, y), label_size, MUTED).bottom - 2
    big = max(12, min(text + 6, rect.bottom - 10 - y - 4))
    number = blit_text(
        surface,
        fit_text(format_value(value, info.decimals), big, inner, True),
        (rect.x + pad, y),
        big,
        INK,
        True,
    )
    right = rect.right - pad
    arrow = big // 2
    change_text = format_change(change, info.decimals)
    change_w = text_width(change_text, small) + 4
    unit_room = right - number.right - 6 - arrow - 8
    unit = fitting_unit(info.unit, small, unit_room - change_w) if info.unit else ""
    show_change = bool(unit) or not info.unit
    if not show_change:
        unit = fitting_unit(info.unit, small, unit_room)
    if unit:
        blit_text(
            surface, unit, (number.right + 4, number.bottom - 4), small, MUTED, anchor="bottomleft"
        )
    if show_change and number.right + change_w + arrow + 10 <= right:
        blit_text(surface, change_text, (right, number.centery), small, MUTED, anchor="midright")
        right -= change_w
    draw_trend(
        surface, (right - arrow // 2 - 2, number.centery), round(change, info.decimals), arrow
    )
    bar = pygame.Rect(rect.x + pad, rect.bottom - 8, inner, 4)
    pygame.draw.rect(surface, GRID, bar)
    fill = bar.copy()
    fill.width = round(bar.width * gauge_fraction(info, value, info.initial))
    pygame.draw.rect(surface, BLUE, fill)


@lru_cache(maxsize=2048)
def text_width(text: str, size: int) -> int:
    from game.render.style import font

    return font(size).size(text)[0]


@lru_cache(maxsize=64)
def _card(width: int, height: int, selected: bool) -> pygame.Surface:
    """A meter's rounded card and border on the page's colour, drawn once per size (opaque:
    it is copied, not blended, every frame)."""
    card = pygame.Surface((max(1, width), max(1, height)))
    card.fill(PAPER)
    rect = card.get_rect()
    pygame.draw.rect(card, CARD, rect, border_radius=4)
    pygame.draw.rect(card, BLUE if selected else RULE, rect, 3 if selected else 1, 4)
    return card
