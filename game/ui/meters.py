"""Meters: a variable's value, unit, trend arrow and a gauge of where it sits in its range."""

from __future__ import annotations

import pygame

from game.model import VariableInfo
from game.ui.look import (
    BLUE, CARD, GRID, INK, MUTED, RULE, blit_text, fit_text, format_change, format_value,
)


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


def draw_meter(
    surface: pygame.Surface,
    rect: pygame.Rect,
    info: VariableInfo,
    value: float,
    change: float,
    text: int,
    selected: bool = False,
) -> None:
    """One meter card: label, big value, trend arrow with the change, gauge bar."""
    pygame.draw.rect(surface, CARD, rect, border_radius=4)
    pygame.draw.rect(surface, BLUE if selected else RULE, rect, 3 if selected else 1, 4)
    pad = 6
    small = max(10, text - 2)
    blit_text(surface, fit_text(info.label, small, rect.width - 2 * pad), (rect.x + pad,
              rect.y + 3), small, MUTED)
    big = max(12, min(text + 6, rect.height - small - 16))
    shown = format_value(value, info.decimals, info.unit)
    value_rect = blit_text(surface, fit_text(shown, big, rect.width - 2 * pad - 18, True),
                           (rect.x + pad, rect.y + small + 5), big, INK, True)
    rounded = round(change, info.decimals)
    arrow_size = max(8, big // 2)
    arrow_x = value_rect.right + arrow_size // 2 + 6
    if arrow_x + arrow_size // 2 < rect.right - pad:
        draw_trend(surface, (arrow_x, value_rect.centery), rounded, arrow_size)
        change_text = format_change(change, info.decimals)
        room = rect.right - pad - (arrow_x + arrow_size)
        if room > 30:
            blit_text(surface, fit_text(change_text, small, room), (arrow_x + arrow_size,
                      value_rect.centery), small, MUTED, anchor="midleft")
    bar = pygame.Rect(rect.x + pad, rect.bottom - 8, rect.width - 2 * pad, 4)
    pygame.draw.rect(surface, GRID, bar)
    fill = bar.copy()
    fill.width = round(bar.width * gauge_fraction(info, value, info.initial))
    pygame.draw.rect(surface, BLUE, fill)
