"""The debrief's small-multiple charts: key variables over the whole game, each government's
decisions marked in a strip under every chart (one row and one marker shape per government),
events marked on the line. Used on screen and for the exported PNG."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.i18n import _
from game.render.charts import ChartData, Marker, draw_chart, draw_dashed
from game.render.style import (
    BLUE,
    INK,
    MARKER_SHAPES,
    PAPER,
    VERMILLION,
    blit_text,
    draw_marker,
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
                markers.append(Marker(ledger.turn, ", ".join(names), colour, shape, row))
    return markers


def chart_data(
    game: Game, variable: str, markers: Sequence[Marker], original: Game | None = None
) -> ChartData:
    model = game.model
    index = model.variable_position[variable]
    compare = [s.values[index] for s in original.states] if original else []
    longest = original.states if original and len(original.states) > len(game.states) else None
    return ChartData(
        model.variables[index],
        [s.values[index] for s in game.states],
        [s.date for s in (longest or game.states)],
        max(len(game.states) - 1, len(compare) - 1, 1),
        markers,
        strip_rows=len(model.actor_ids),
        compare=compare,
    )


def draw_legend(
    surface: pygame.Surface, x: int, y: int, game: Game, text: int, compared: bool = False
) -> int:
    """Marker shape and colour of each government, then events (and, when a branch is
    compared with its original, the two line styles); returns the height used."""
    size = max(10, text - 2)
    if compared:
        mid = y + size // 2 + 2
        pygame.draw.line(surface, BLUE, (x, mid), (x + 24, mid), 3)
        x = blit_text(surface, _("this branch"), (x + 30, y), size, INK).right + 16
        draw_dashed(surface, VERMILLION, [(x, mid), (x + 26, mid)], 2, 5)
        x = blit_text(surface, _("original"), (x + 32, y), size, INK).right + 18
    for actor in game.model.actor_ids:
        colour, shape = actor_style(game, actor)
        draw_marker(surface, shape, (x + 7, y + size // 2 + 2), 6, colour)
        acted = _("{country} acted").format(country=game.model.scenario.actors[actor].name)
        rect = blit_text(surface, acted, (x + 18, y), size, INK)
        x = rect.right + 18
    draw_marker(surface, "diamond", (x + 7, y + size // 2 + 2), 6, INK)
    blit_text(surface, _("event"), (x + 18, y), size, INK)
    return size + 8


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
    legend_h = draw_legend(
        surface, rect.x, rect.bottom - text - 6, game, text, original is not None
    )
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
