"""The debrief's small-multiple charts: key variables over the whole game, each government's
decisions marked in a strip under every chart (one row and one marker shape per government),
events marked on the line. Used on screen and for the exported PNG."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.i18n import _, join_list
from game.play.debate import argument_record
from game.render.charts import (
    ChartData,
    Marker,
    Series,
    draw_chart,
    draw_dashed,
    draw_observed,
    draw_series,
    month_text,
)
from game.render.style import (
    BLUE,
    INK,
    MARKER_SHAPES,
    PAPER,
    VERMILLION,
    blit_text,
    draw_marker,
    font,
    hex_colour,
)
from game.sim.session import Game


def actor_style(game: Game, actor: str) -> tuple[tuple, str]:
    index = game.model.actor_ids.index(actor)
    colour = hex_colour(game.model.scenario.actors[actor].colour)
    return colour, MARKER_SHAPES[index % len(MARKER_SHAPES)]


def game_markers(game: Game) -> list[Marker]:
    markers = []
    for ledger in game.ledgers:
        markers += [Marker(ledger.turn, e.name, INK, "diamond") for e in ledger.events]
        for row, actor in enumerate(game.model.actor_ids):
            names = [game.model.action(a).name for a in ledger.orders.get(actor, ())]
            if names:
                colour, shape = actor_style(game, actor)
                markers.append(Marker(ledger.turn, join_list(names), colour, shape, row))
    return markers


def observed_points(game: Game, variable: str, turns: int) -> list[tuple[int, float]]:
    """The scenario's real values of ``variable`` as (turn, value) within ``turns`` months:
    the value observed in a month sits where the game shows that month's result."""
    observation = game.model.scenario.observations.get(variable)
    if observation is None:
        return []
    shown = {game.model.month(turn - 1): turn for turn in range(1, turns + 1)}
    return [(shown[m], float(v)) for m, v in observation.values.items() if m in shown]


def chart_data(
    game: Game, variable: str, markers: Sequence[Marker], original: Game | None = None
) -> ChartData:
    model = game.model
    index = model.variable_position[variable]
    compare = [s.values[index] for s in original.states] if original else []
    longest = original.states if original and len(original.states) > len(game.states) else None
    turns = max(len(game.states) - 1, len(compare) - 1, 1)
    return ChartData(
        model.variables[index],
        [s.values[index] for s in game.states],
        [s.date for s in (longest or game.states)],
        turns,
        markers,
        strip_rows=len(model.actor_ids),
        compare=compare,
        observed=observed_points(game, variable, turns),
    )


@dataclass(frozen=True)
class LegendEntry:
    """One entry of the legend: how its swatch is drawn, and its words."""

    label: str
    kind: str  # "line", "dashed", "marker" or "observed"
    colour: tuple = INK
    shape: str = "circle"

    @property
    def swatch_width(self) -> int:
        return 30 if self.kind in ("line", "dashed") else 18

    def draw_swatch(self, surface: pygame.Surface, x: int, mid: int) -> None:
        if self.kind == "line":
            pygame.draw.line(surface, self.colour, (x, mid), (x + 24, mid), 3)
        elif self.kind == "dashed":
            draw_dashed(surface, self.colour, [(x, mid), (x + 24, mid)], 2, 5)
        elif self.kind == "observed":
            draw_observed(surface, (x + 7, mid), 5)
        else:
            draw_marker(surface, self.shape, (x + 7, mid), 6, self.colour)


def legend_entries(game: Game, compared: bool = False, observed: bool = False) -> list[LegendEntry]:
    """The legend: the two lines of a compared branch, each government's marker, events, and
    the real values' open dot when a chart shows them."""
    entries = []
    if compared:
        entries += [
            LegendEntry(_("this branch"), "line", BLUE),
            LegendEntry(_("original"), "dashed", VERMILLION),
        ]
    for actor in game.model.actor_ids:
        colour, shape = actor_style(game, actor)
        acted = _("{country} acted").format(country=game.model.scenario.actors[actor].name)
        entries.append(LegendEntry(acted, "marker", colour, shape))
    entries.append(LegendEntry(_("event"), "marker", INK, "diamond"))
    if observed:
        entries.append(LegendEntry(_("real value"), "observed"))
    return entries


def _legend_rows(
    entries: list[LegendEntry], size: int, width: int
) -> list[list[tuple[int, LegendEntry]]]:
    """The entries placed left to right, a new row where the next would pass ``width``."""
    rows: list[list[tuple[int, LegendEntry]]] = [[]]
    x = 0
    for entry in entries:
        span = entry.swatch_width + font(size).size(entry.label)[0]
        if rows[-1] and x + span > width:
            rows.append([])
            x = 0
        rows[-1].append((x, entry))
        x += span + 18
    return rows


def draw_legend(
    surface: pygame.Surface, rect: pygame.Rect, text: int, entries: list[LegendEntry]
) -> int:
    """The legend along the bottom of ``rect``, wrapped to its width; returns the height used."""
    size = max(10, text - 2)
    rows = _legend_rows(entries, size, rect.width)
    line = size + 8
    top = rect.bottom - line * len(rows) + 2
    for r, row in enumerate(rows):
        y = top + r * line
        for x, entry in row:
            entry.draw_swatch(surface, rect.x + x, y + size // 2 + 2)
            blit_text(surface, entry.label, (rect.x + x + entry.swatch_width, y), size, INK)
    return line * len(rows)


def draw_summary(
    surface: pygame.Surface,
    rect: pygame.Rect,
    game: Game,
    variables: Sequence[str],
    text: int,
    columns: int = 2,
    original: Game | None = None,
) -> None:
    """A grid of charts over ``rect``, the legend along its bottom; with ``original``, each
    chart also draws that game's line (dashed) for comparison."""
    pygame.draw.rect(surface, PAPER, rect)
    observed = any(v in game.model.scenario.observations for v in variables)
    entries = legend_entries(game, original is not None, observed)
    legend_h = draw_legend(surface, rect, text, entries)
    markers = game_markers(game)
    columns = min(columns, max(1, len(variables)))
    rows = max(1, math.ceil(len(variables) / columns))
    gap = 8
    width = (rect.width - gap * (columns - 1)) // columns
    height = (rect.height - legend_h - gap * rows) // rows
    for i, variable in enumerate(variables):
        cell = pygame.Rect(
            rect.x + (i % columns) * (width + gap),
            rect.y + (i // columns) * (height + gap),
            width,
            height,
        )
        data = chart_data(game, variable, markers, original)
        draw_chart(surface, cell, data, max(11, text - 2))


def draw_credibility(surface: pygame.Surface, rect: pygame.Rect, game: Game, text: int) -> None:
    """The argument record's chart: each government's credibility (0-100) over the game, a
    dot where one of its claims was shown false or it broke a deal."""
    pygame.draw.rect(surface, PAPER, rect)
    records = argument_record(game)
    lines: list[Series] = []
    months = max(1, len(game.states) - 1)
    for actor, record in records.items():
        colour, _shape = actor_style(game, actor)
        name = game.model.scenario.actors[actor].short or game.model.scenario.actors[actor].name
        lines.append(Series(record.credibility, colour, 3, label=name))
        hits = sorted(
            {
                ledger.turn
                for ledger in game.ledgers
                for e in ledger.debate
                if (e.actor == actor and e.kind in ("exposed", "broken"))
                or (e.kind == "rebuttal" and e.actor == actor and not e.won)
                or (e.kind == "rebuttal" and e.other == actor and e.won)
            }
        )
        if hits:
            values = [record.credibility[min(t, len(record.credibility) - 1)] for t in hits]
            lines.append(Series(values, colour, 4, "dots", xs=[t / months for t in hits]))
    dates = [s.date for s in game.states]
    draw_series(
        surface,
        rect,
        _("Credibility (0-100): the argument record"),
        lines,
        (month_text(dates[0]), month_text(dates[-1])),
        text,
        bounds=(0.0, 100.0),
    )
