"""The schematic map: country shapes from ``assets/map.json``, the trafficking route as a flow
whose width follows ``display.flow``, seizures at the border, tension lines between capitals.

Governments missing from the map file are drawn as labelled circles in a row, so any
scenario can be shown.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.format.schema import Scenario
from game.i18n import _
from game.resources import read_asset
from game.ui.look import (
    CARD,
    INK,
    MUTED,
    PURPLE,
    SEA,
    format_value,
    hex_colour,
)

Point = tuple[float, float]


@lru_cache(maxsize=1)
def map_data() -> dict:
    try:
        return json.loads(read_asset("map.json"))
    except (OSError, ValueError):
        return {"viewbox": [1000, 560], "countries": {}, "borders": {}}


@dataclass(frozen=True)
class Place:
    """Where one government sits on the map (in viewbox units)."""

    outline: tuple[Point, ...]
    capital: Point
    hub: Point
    label: Point


def places(scenario: Scenario) -> dict[str, Place]:
    data = map_data()
    width, height = data["viewbox"]
    known = data["countries"]
    missing = [a for a in scenario.actors if a not in known]
    result = {}
    for actor in scenario.actors:
        if actor in known:
            c = known[actor]
            result[actor] = Place(
                tuple(map(tuple, c["outline"])),
                tuple(c["capital"]),
                tuple(c.get("hub", c["capital"])),
                tuple(c["label"]),
            )
        else:
            x = width * (missing.index(actor) + 1) / (len(missing) + 1)
            spot = (x, height * 0.82)
            result[actor] = Place((), spot, spot, (x, height * 0.82 - 50))
    return result


def transform(rect: pygame.Rect) -> Callable[[Point], tuple[int, int]]:
    """Viewbox -> screen, keeping the aspect ratio, centred in ``rect``."""
    width, height = map_data()["viewbox"]
    scale = min(rect.width / width, rect.height / height)
    ox = rect.x + (rect.width - width * scale) / 2
    oy = rect.y + (rect.height - height * scale) / 2
    return lambda p: (round(ox + p[0] * scale), round(oy + p[1] * scale))


def tint(colour: tuple, amount: float = 0.3) -> tuple[int, int, int]:
    return tuple(round(c * amount + 255 * (1 - amount)) for c in colour)  # type: ignore[return-value]


class MapView:
    """Draws the map for one scenario; the land layer is cached per size."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.places = places(scenario)
        self._static: tuple[tuple[int, int, int], pygame.Surface] | None = None

    def _land(self, rect: pygame.Rect, text: int) -> pygame.Surface:
        key = (rect.width, rect.height, text)
        if self._static and self._static[0] == key:
            return self._static[1]
        layer = pygame.Surface(rect.size)
        layer.fill(SEA)
        to_screen = transform(pygame.Rect((0, 0), rect.size))
        for actor_id, place in self.places.items():
            actor = self.scenario.actors[actor_id]
            colour = hex_colour(actor.colour)
            if place.outline:
                points = [to_screen(p) for p in place.outline]
                pygame.draw.polygon(layer, tint(colour), points)
                pygame.draw.polygon(layer, colour, points, 3)
            else:
                pygame.draw.circle(layer, tint(colour), to_screen(place.capital), text * 2)
                pygame.draw.circle(layer, colour, to_screen(place.capital), text * 2, 3)
        self._static = (key, layer)
        return layer

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        value: Callable[[str], float],
        info: Callable[[str], tuple[str, int, float]],
        text: int,
    ) -> None:
        """``value(var)`` is the value to show; ``info(var)`` its (unit, decimals, initial)."""
        surface.blit(self._land(rect, text), rect)
        to_screen = transform(rect)
        clip = surface.get_clip()
        surface.set_clip(rect)
        labels: list[Label] = []
        for actor_id, place in self.places.items():
            name = self.scenario.actors[actor_id].name
            labels.append(Label(name, to_screen(place.label), text, True))
        self._draw_tension(surface, to_screen, value, text, labels)
        self._draw_route(surface, to_screen, value, info, text, labels)
        self._draw_seizures(surface, to_screen, value, info, text, labels)
        dots = []
        for place in self.places.values():
            centre = to_screen(place.capital)
            pygame.draw.circle(surface, CARD, centre, 6)
            pygame.draw.circle(surface, INK, centre, 6, 2)
            dots.append(pygame.Rect(centre[0] - 7, centre[1] - 7, 14, 14))
        for label, box in zip(labels, place_labels(labels, rect, dots), strict=True):
            _label_box(surface, label.text, box.center, label.size, label.bold)
        surface.set_clip(clip)

    def _route_points(self) -> list[Point]:
        route = [a for a in self.scenario.display.route if a in self.places]
        borders = map_data().get("borders", {})
        points: list[Point] = []
        for i, actor in enumerate(route):
            if i:
                crossing = borders.get("-".join(sorted((route[i - 1], actor))))
                if crossing:
                    points.append(tuple(crossing))
            points.append(self.places[actor].hub)
        return points

    def _draw_route(self, surface, to_screen, value, info, text: int, labels: list) -> None:
        flow = self.scenario.display.flow
        points = [to_screen(p) for p in self._route_points()]
        if len(points) < 2 or not flow:
            return
        unit, decimals, initial = info(flow)
        amount = value(flow)
        width = round(max(2, min(30, 10 * amount / initial if initial else 6)))
        for start, end in itertools.pairwise(points):
            pygame.draw.line(surface, PURPLE, start, end, width)
            pygame.draw.circle(surface, PURPLE, end, width // 2)
        _arrow_head(surface, points[-2], points[-1], max(10, width + 6))
        a, b = points[0], points[1]
        label = _("Flow {amount}").format(amount=format_value(amount, decimals, unit))
        centre = ((a[0] + b[0]) // 2, (a[1] + b[1]) // 2 + width + text)
        labels.append(Label(label, centre, max(10, text - 2)))

    def _draw_seizures(self, surface, to_screen, value, info, text: int, labels: list) -> None:
        seized = self.scenario.display.seizures
        route = self._route_points()
        if not seized or len(route) < 3:
            return
        unit, decimals, initial = info(seized)
        amount = value(seized)
        centre = to_screen(route[-2])
        radius = round(max(6, min(22, 11 * (amount / initial) ** 0.5 if initial > 0 else 8)))
        octagon = [(centre[0] + radius * dx, centre[1] + radius * dy) for dx, dy in _OCTAGON]
        pygame.draw.polygon(surface, CARD, octagon)
        pygame.draw.polygon(surface, INK, octagon, 3)
        label = _("Seized {amount}").format(amount=format_value(amount, decimals, unit))
        image_width = len(label) * text // 2
        spot = (centre[0] - radius - image_width // 2 - 8, centre[1])
        labels.append(Label(label, spot, max(10, text - 2)))

    def _draw_tension(self, surface, to_screen, value, text: int, labels: list) -> None:
        for line in self.scenario.display.tension:
            if line.a not in self.places or line.b not in self.places:
                continue
            a, b = to_screen(self.places[line.a].capital), to_screen(self.places[line.b].capital)
            level = value(line.variable)
            _dashed_line(surface, a, b, max(1, round(1 + level / 20)))
            mid = ((a[0] + b[0]) // 2, (a[1] + b[1]) // 2)
            labels.append(
                Label(_("Tension {level}").format(level=f"{level:.0f}"), mid, max(10, text - 2))
            )


@dataclass(frozen=True)
class Label:
    """A boxed map label and where it would like to sit (screen pixels)."""

    text: str
    centre: tuple[int, int]
    size: int
    bold: bool = False


def label_rect(label: Label) -> pygame.Rect:
    from game.ui.look import text_surface

    image = text_surface(label.text, label.size, INK, label.bold)
    return image.get_rect(center=label.centre).inflate(8, 4)


def place_labels(
    labels: list[Label], area: pygame.Rect, avoid: list[pygame.Rect] = ()
) -> list[pygame.Rect]:
    """A box for every label, in order: at its wished place, else the nearest nudge (up, down,
    sideways, further) that overlaps nothing placed before it nor ``avoid``, inside ``area``."""
    placed: list[pygame.Rect] = []
    for label in labels:
        box = label_rect(label)
        best, best_cost = box, None
        for dx, dy in _NUDGES:
            candidate = box.move(round(dx * (box.width // 2 + 4)), round(dy * (box.height + 2)))
            cost = _overlap(candidate, placed, avoid, area) + abs(dx) + abs(dy) * 0.5
            if best_cost is None or cost < best_cost:
                best, best_cost = candidate, cost
            if cost == abs(dx) + abs(dy) * 0.5 and _overlap(candidate, placed, avoid, area) == 0:
                break
        placed.append(best)
    return placed


_NUDGES = [
    (0, 0),
    (0, -1),
    (0, 1),
    (1, 0),
    (-1, 0),
    (0, -2),
    (0, 2),
    (1, -1),
    (-1, -1),
    (1, 1),
    (-1, 1),
    (2, 0),
    (-2, 0),
    (0, -3),
    (0, 3),
]


def _overlap(box: pygame.Rect, placed, avoid, area: pygame.Rect) -> float:
    """How badly ``box`` collides: overlapped area with others, plus any part outside ``area``."""
    total = 0
    for other in (*placed, *avoid):
        clipped = box.clip(other)
        total += clipped.width * clipped.height
    inside = box.clip(area)
    total += box.width * box.height - inside.width * inside.height
    return total


_OCTAGON = [
    (0.38, -0.92),
    (0.92, -0.38),
    (0.92, 0.38),
    (0.38, 0.92),
    (-0.38, 0.92),
    (-0.92, 0.38),
    (-0.92, -0.38),
    (-0.38, -0.92),
]


def _label_box(
    surface: pygame.Surface, text: str, centre: tuple, size: int, bold: bool = False
) -> None:
    image = _boxed_label(text, size, bold)
    surface.blit(image, image.get_rect(center=centre))


@lru_cache(maxsize=256)
def _boxed_label(text: str, size: int, bold: bool) -> pygame.Surface:
    """A label in its white rounded box, rendered once."""
    from game.ui.look import text_surface

    image = text_surface(text, size, INK, bold)
    box = pygame.Surface(image.get_rect().inflate(8, 4).size, pygame.SRCALPHA)
    rect = box.get_rect()
    pygame.draw.rect(box, CARD, rect, border_radius=3)
    pygame.draw.rect(box, MUTED, rect, 1, border_radius=3)
    box.blit(image, image.get_rect(center=rect.center))
    return box


def _dashed_line(surface, a: tuple, b: tuple, width: int, dash: int = 10) -> None:
    ax, ay = a
    bx, by = b
    length = max(1.0, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
    steps = int(length // dash)
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        start = (ax + (bx - ax) * t0, ay + (by - ay) * t0)
        end = (ax + (bx - ax) * t1, ay + (by - ay) * t1)
        pygame.draw.line(surface, INK, start, end, width)


def _arrow_head(surface, start: tuple, end: tuple, size: int) -> None:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max(1.0, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    tip = (end[0] + ux * size * 0.6, end[1] + uy * size * 0.6)
    left = (end[0] - uy * size * 0.6 - ux * size * 0.4, end[1] + ux * size * 0.6 - uy * size * 0.4)
    right = (end[0] + uy * size * 0.6 - ux * size * 0.4, end[1] - ux * size * 0.6 - uy * size * 0.4)
    pygame.draw.polygon(surface, INK, [tip, left, right])
