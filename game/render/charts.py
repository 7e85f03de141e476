"""Time-series charts: one variable since the start, with event and decision markers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from game.i18n import _, format_month
from game.render.style import (
    BLUE,
    CARD,
    GRID,
    INK,
    MUTED,
    OKABE_ITO,
    RULE,
    VERMILLION,
    blit_text,
    draw_dashed,
    draw_marker,
    fit_text,
    fitted_text,
    format_value,
    text_surface,
    unit_variants,
)
from game.sim.model import VariableInfo


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
    compare: Sequence[float] = ()  # a second game's values (the original of a branch), dashed
    observed: Sequence[tuple[int, float]] = ()  # (turn, real value): open dots


def draw_observed(surface: pygame.Surface, centre: tuple[float, float], radius: float) -> None:
    """An observed (real) value: an open dot, told apart from every filled marker."""
    pygame.draw.circle(surface, CARD, centre, radius)
    pygame.draw.circle(surface, INK, centre, radius, 2)


def _range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.1
    return low - pad, high + pad


def chart_title(info: VariableInfo, size: int, width: int) -> tuple[str, int]:
    """('Label (unit)', its size): the unit abbreviated or dropped, then the text a little
    smaller, before the label is shortened."""
    units = unit_variants(info.unit) if info.unit else ()
    titled = [_("{label} ({unit})").format(label=info.label, unit=unit) for unit in units]
    return fitted_text([*titled, info.label], size, width)


def chart_frame(
    surface: pygame.Surface,
    rect: pygame.Rect,
    title: str | tuple[str, int],
    text: int,
    strip: int = 0,
) -> pygame.Rect:
    """The card, its border and bold title (text, or text and size); the plot area inside
    (may be tiny)."""
    title, size = (title, text) if isinstance(title, str) else title
    pygame.draw.rect(surface, CARD, rect)
    pygame.draw.rect(surface, RULE, rect, 1)
    blit_text(surface, title, (rect.x + 8, rect.y + 4 + (text - size) // 2), size, INK, True)
    return pygame.Rect(
        rect.x + 8, rect.y + text + 14, rect.width - 16, rect.height - text * 2 - 26 - strip
    )


def draw_grid(surface: pygame.Surface, plot: pygame.Rect) -> None:
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom - plot.height * frac
        pygame.draw.line(surface, GRID, (plot.x, y), (plot.right, y), 1)


def draw_value_labels(surface, plot: pygame.Rect, low_text: str, high_text: str, small: int):
    """The top and bottom values of the axis, at the plot's right edge."""
    for value_text, anchor, y in (
        (high_text, "topright", plot.y),
        (low_text, "bottomright", plot.bottom),
    ):
        image = text_surface(value_text, small, MUTED)
        box = image.get_rect(**{anchor: (plot.right - 2, y)})
        pygame.draw.rect(surface, CARD, box.inflate(4, 0))
        surface.blit(image, box)


def draw_x_labels(
    surface, rect: pygame.Rect, plot: pygame.Rect, first: str, last: str, last_x: float, small
) -> None:
    """The first x label at the left, the last under ``last_x`` when there is room."""
    bottom = rect.bottom - 4
    blit_text(surface, first, (plot.x, bottom), small, MUTED, anchor="bottomleft")
    if last and last_x - plot.x > 2.2 * small * 4:
        anchor = "bottomright" if last_x >= plot.right - 2 else "midbottom"
        blit_text(surface, last, (last_x, bottom), small, MUTED, anchor=anchor)


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, data: ChartData, text: int) -> None:
    """Title, axes with min/max and first/last dates, the line, its markers."""
    info = data.info
    strip = data.strip_rows * (text // 2 + 6)
    plot = chart_frame(surface, rect, chart_title(info, text, rect.width - 16), text, strip)
    if plot.height < 10 or not data.values:
        return
    low, high = _range([*data.values, *data.compare, *(v for _, v in data.observed)])
    span_turns = max(data.total_turns, len(data.values) - 1, len(data.compare) - 1, 1)

    def x_of(turn: float) -> float:
        return plot.x + plot.width * turn / span_turns

    def y_of(value: float) -> float:
        return plot.bottom - plot.height * (value - low) / (high - low)

    draw_grid(surface, plot)
    small = max(10, text - 3)
    _draw_events(surface, plot, data, x_of, small)
    if len(data.compare) > 1:
        compare = [(x_of(i), y_of(v)) for i, v in enumerate(data.compare)]
        draw_dashed(surface, VERMILLION, compare, 2)
        draw_marker(surface, "square", compare[-1], 4, VERMILLION)
    points = [(x_of(i), y_of(v)) for i, v in enumerate(data.values)]
    if len(points) > 1:
        pygame.draw.lines(surface, BLUE, False, points, 3)
    draw_marker(surface, "circle", points[-1], 4, BLUE)
    for turn, value in data.observed:
        draw_observed(surface, (x_of(turn), y_of(value)), 3)
    high_text, low_text = format_value(high, info.decimals), format_value(low, info.decimals)
    draw_value_labels(surface, plot, low_text, high_text, small)
    _draw_strip(surface, plot, data, x_of, text)
    last = month_text(data.dates[-1]) if len(data.dates) > 1 else ""
    first = month_text(data.dates[0])
    draw_x_labels(surface, rect, plot, first, last, x_of(len(data.values) - 1), small)


@dataclass(frozen=True)
class Series:
    """One line of a many-line chart (reports, back-tests)."""

    values: Sequence[float]
    colour: tuple = BLUE
    width: int = 2
    style: str = "line"  # "line", "dashed" or "dots"
    xs: Sequence[float] = ()  # where each value sits, 0 to 1 (default: evenly spread)
    label: str = ""  # a labelled series gets a legend entry in the title's line


def draw_series(
    surface: pygame.Surface,
    rect: pygame.Rect,
    title: str,
    series: Sequence[Series],
    x_labels: tuple[str, str],
    text: int,
    decimals: int = 0,
    legend: str = "",
    bounds: tuple[float, float] | None = None,
) -> None:
    """Several series on one pair of axes, in the look of ``draw_chart``; ``bounds`` fixes the
    value axis (a 0-100 scale), otherwise it fits the values."""
    labelled = [s for s in series if s.label]
    title_room = rect.width // 2 if labelled else rect.width - 16
    plot = chart_frame(surface, rect, fitted_text([title], text, title_room), text)
    values = [v for s in series for v in s.values]
    if plot.height < 10 or not values:
        return
    low, high = bounds or _range(values)
    longest = max(len(s.values) for s in series)
    draw_grid(surface, plot)

    def point(s: Series, i: int) -> tuple[float, float]:
        x = s.xs[i] if s.xs else i / max(1, longest - 1)
        value = s.values[i]
        return plot.x + plot.width * x, plot.bottom - plot.height * (value - low) / (high - low)

    for s in series:
        points = [point(s, i) for i in range(len(s.values))]
        if s.style == "dots":
            for p in points:
                draw_marker(surface, "circle", p, max(3, s.width), s.colour)
        elif len(points) > 1 and s.style == "dashed":
            draw_dashed(surface, s.colour, points, s.width)
        elif len(points) > 1:
            pygame.draw.lines(surface, s.colour, False, points, s.width)
    small = max(10, text - 3)
    low_text, high_text = format_value(low, decimals), format_value(high, decimals)
    draw_value_labels(surface, plot, low_text, high_text, small)
    draw_x_labels(surface, rect, plot, x_labels[0], x_labels[1], plot.right, small)
    if legend:
        legend = fit_text(legend, small, rect.width // 2)
        blit_text(surface, legend, (rect.right - 8, rect.y + 6), small, MUTED, anchor="topright")
    right = rect.right - 8  # labelled series: a legend in the title's line, from the right
    for s in reversed(labelled):
        box = blit_text(surface, s.label, (right, rect.y + 6), small, INK, anchor="topright")
        y = box.centery
        pygame.draw.line(surface, s.colour, (box.x - 26, y), (box.x - 6, y), max(2, s.width))
        right = box.x - 36


def draw_bars(
    surface: pygame.Surface,
    rect: pygame.Rect,
    title: str,
    groups: dict[str, Sequence[int]],
    x_labels: tuple[str, str],
    text: int,
) -> None:
    """Side-by-side bars per bin, one colour and one labelled legend entry per group."""
    plot = chart_frame(surface, rect, fitted_text([title], text, rect.width - 16), text)
    if plot.height < 10 or not groups:
        return
    draw_grid(surface, plot)
    bins = max(len(counts) for counts in groups.values())
    top = max((max(counts) for counts in groups.values() if counts), default=0) or 1
    width = plot.width / max(1, bins)
    bar_w = width / (len(groups) + 1)
    small = max(10, text - 3)
    for k, counts in enumerate(groups.values()):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        for b, count in enumerate(counts):
            x = plot.x + b * width + k * bar_w + bar_w / 2
            h = plot.height * count / top
            pygame.draw.rect(surface, colour, (x, plot.bottom - h, max(1, bar_w), h))
    right = rect.right - 8  # the legend, in the title's line from the right
    for k, name in reversed(list(enumerate(groups))):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        box = blit_text(surface, name, (right, rect.y + 6), small, INK, anchor="topright")
        draw_marker(surface, "square", (box.x - 10, box.centery), 5, colour)
        right = box.x - 26
    draw_value_labels(surface, plot, "0", f"{top:g}", small)
    draw_x_labels(surface, rect, plot, x_labels[0], x_labels[1], plot.right, small)


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


def month_text(date: str) -> str:
    """A chart's date label: a 'YYYY-MM' month as the language writes it, anything else as is."""
    return format_month(date) if re.fullmatch(r"\d{4}-\d{2}", date) else date
