"""Meters: a variable's value, unit, trend arrow and a gauge of where it sits in its range."""

from __future__ import annotations

import pygame

from game.model import VariableInfo
from game.ui.look import (
    BLUE,
    CARD,
    GRID,
    INK,
    MUTED,
    RULE,
    blit_text,
    fit_text,
    format_change,
    format_value,
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
    """One meter card: label, big value with its unit, trend arrow and change, gauge bar."""
    pygame.draw.rect(surface, CARD, rect, border_radius=4)
    pygame.draw.rect(surface, BLUE if selected else RULE, rect, 3 if selected else 1, 4)
    pad = 6
    small = max(10, text - 3)
    inner = rect.width - 2 * pad
    blit_text(surface, fit_text(info.label, small, inner), (rect.x + pad, rect.y + 3), small, MUTED)
    big = max(12, min(text + 6, rect.height - small - 16))
    y = rect.y + small + 6
    number = blit_text(
        surface,
        fit_text(format_value(value, info.decimals), big, inner, True),
        (rect.x + pad, y),
        big,
        INK,
        True,
    )
    change_text = format_change(change, info.decimals)
    change_w = text_width(change_text, small) + big // 2 + 6
    right = rect.right - pad
    if number.right + change_w + 4 <= right:
        arrow_x = right - change_w + big // 4
        draw_trend(surface, (arrow_x, number.centery), round(change, info.decimals), big // 2)
        blit_text(
            surface,
            change_text,
            (arrow_x + big // 4 + 4, number.centery),
            small,
            MUTED,
            anchor="midleft",
        )
        right -= change_w
    room = right - number.right - 6
    if info.unit and room > 16:
        unit = fit_text(info.unit, small, room)
        blit_text(
            surface, unit, (number.right + 4, number.bottom - 4), small, MUTED, anchor="bottomleft"
        )
    bar = pygame.Rect(rect.x + pad, rect.bottom - 8, inner, 4)
    pygame.draw.rect(surface, GRID, bar)
    fill = bar.copy()
    fill.width = round(bar.width * gauge_fraction(info, value, info.initial))
    pygame.draw.rect(surface, BLUE, fill)


def text_width(text: str, size: int) -> int:
    from game.ui.look import font

    return font(size).size(text)[0]
