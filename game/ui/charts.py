"""Time-series charts: one variable since the start, with event and decision markers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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
    draw_marker,
    fit_text,
    format_value,
)


@dataclass(frozen=True)
class Marker:
    """A mark at turn ``turn`` (0 = start): events on the line, decisions in a strip below."""

    turn: int
    label: str = ""
    colour: tuple = INK
    shape: str = "diamond"
    row: int = -1  # -1: an event mark across the chart; >= 0: decision strip row


@dataclass(frozen=True)
class ChartData:
    info: VariableInfo
    values: Sequence[float]  # index = turn, 0 = start
    dates: Sequence[str]  # same length as values
    total_turns: int
    markers: Sequence[Marker] = field(default_factory=tuple)
    strip_rows: int = 0


def _range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.1
    return low - pad, high + pad


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, data: ChartData, text: int) -> None:
    """Title, axes with min/max and first/last dates, the line, its markers."""
    pygame.draw.rect(surface, CARD, rect)
    pygame.draw.rect(surface, RULE, rect, 1)
    info = data.info
    title = f"{info.label} ({info.unit})" if info.unit else info.label
    blit_text(
        surface,
        fit_text(title, text, rect.width - 16, True),
        (rect.x + 8, rect.y + 4),
        text,
        INK,
        True,
    )
    strip = data.strip_rows * (text // 2 + 6)
    plot = pygame.Rect(
        rect.x + 8, rect.y + text + 14, rect.width - 16, rect.height - text * 2 - 26 - strip
    )
    if plot.height < 10 or not data.values:
        return
    low, high = _range(data.values)
    span_turns = max(data.total_turns, len(data.values) - 1, 1)

    def x_of(turn: float) -> float:
        return plot.x + plot.width * turn / span_turns

    def y_of(value: float) -> float:
        return plot.bottom - plot.height * (value - low) / (high - low)

    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom - plot.height * frac
        pygame.draw.line(surface, GRID, (plot.x, y), (plot.right, y), 1)
    small = max(10, text - 3)
    high_text, low_text = format_value(high, info.decimals), format_value(low, info.decimals)
    blit_text(surface, high_text, (plot.right - 2, plot.y), small, MUTED, anchor="topright")
    blit_text(surface, low_text, (plot.right - 2, plot.bottom), small, MUTED, anchor="bottomright")
    _draw_events(surface, plot, data, x_of, small)
    points = [(x_of(i), y_of(v)) for i, v in enumerate(data.values)]
    if len(points) > 1:
        pygame.draw.lines(surface, BLUE, False, points, 3)
    draw_marker(surface, "circle", points[-1], 4, BLUE)
    _draw_strip(surface, plot, data, x_of, text)
    bottom = rect.bottom - 4
    blit_text(surface, data.dates[0], (plot.x, bottom), small, MUTED, anchor="bottomleft")
    last_x = x_of(len(data.values) - 1)
    if len(data.dates) > 1 and last_x - plot.x > 2.2 * small * 4:
        blit_text(
            surface,
            data.dates[-1],
            (x_of(len(data.values) - 1), bottom),
            small,
            MUTED,
            anchor="midbottom" if len(data.values) - 1 < span_turns else "bottomright",
        )


def _draw_events(surface, plot: pygame.Rect, data: ChartData, x_of, small: int) -> None:
    for marker in data.markers:
        if marker.row >= 0:
            continue
        x = x_of(marker.turn)
        for y in range(plot.y, plot.bottom, 8):
            pygame.draw.line(surface, RULE, (x, y), (x, min(y + 4, plot.bottom)), 1)
        draw_marker(surface, marker.shape, (x, plot.y + 4), 5, marker.colour)


def _draw_strip(surface, plot: pygame.Rect, data: ChartData, x_of, text: int) -> None:
    row_height = text // 2 + 6
    for marker in data.markers:
        if marker.row < 0:
            continue
        y = plot.bottom + 6 + row_height * marker.row + row_height // 2
        draw_marker(
            surface, marker.shape, (x_of(marker.turn), y), row_height // 2 - 1, marker.colour
        )
