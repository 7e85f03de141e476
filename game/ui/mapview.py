"""The map: Natural Earth country shapes (``assets/map.json``, made by ``tools/make_map.py``),
the trafficking route as a flow whose width follows ``display.flow``, seizures at the border,
and tension arcs between capitals whose thickness follows each tension variable.

Rules:
- A government is drawn as the country its ``country`` field names (ISO alpha-2; empty: its
  id in capitals). A government whose country the map lacks is drawn as a labelled circle in
  the empty sea, so any scenario can be shown.
- The route's colour is never a government's colour (``route_colour``), and everything that
  carries meaning also has a shape or a label.
- Labels never overlap each other and stay inside the map (``place_labels``); they avoid the
  capitals and the route where they can.
- The land layer (sea, countries, frames, scale bars) is drawn once per size.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pygame

from game.i18n import N_, _
from game.render.style import (
    CARD,
    INK,
    MUTED,
    ORANGE,
    PURPLE,
    SEA,
    SKY_BLUE,
    blit_text,
    draw_dashed,
    format_value,
    hex_colour,
    text_surface,
)
from game.resources import read_asset

if TYPE_CHECKING:  # types only: the title screen draws without the scenario format
    from game.format.schema import Actor, Scenario

# the frames' names in assets/map.json (tools/make_map.py), for the catalogs
FRAME_NAMES = (N_("North America"), N_("East Asia (inset, 0.5x scale)"))
Point = tuple[float, float]
Colour = tuple[int, int, int]
BACKGROUND_LAND = (228, 225, 216)
COAST = (160, 156, 146)
# the route's colour: the first of these that no government has (nor one close to it)
ROUTE_COLOURS: tuple[Colour, ...] = ((120, 60, 20), PURPLE, ORANGE, SKY_BLUE, (60, 60, 60))
CLOSEST_ROUTE_COLOUR = 80  # RGB distance below which two colours count as the same


@lru_cache(maxsize=1)
def map_data() -> dict:
    try:
        return json.loads(read_asset("map.json"))
    except (OSError, ValueError, Exception):  # a broken installation still plays, mapless
        return {"viewbox": [1000, 560], "countries": {}, "borders": {}, "land": [], "frames": []}


@dataclass(frozen=True)
class Place:
    """Where one government sits on the map (in viewbox units)."""

    polygons: tuple[tuple[Point, ...], ...]
    capital: Point
    hub: Point
    label: Point
    code: str = ""


def country_code(actor_id: str, actor: Actor) -> str:
    return actor.country or actor_id.upper()


def places(scenario: Scenario) -> dict[str, Place]:
    data = map_data()
    known = data["countries"]
    codes = {a: country_code(a, actor) for a, actor in scenario.actors.items()}
    missing = [a for a, code in codes.items() if code not in known]
    spots = _spare_sea(data, len(missing))
    result = {}
    for actor_id, code in codes.items():
        if code in known:
            c = known[code]
            result[actor_id] = Place(
                tuple(tuple(map(tuple, ring)) for ring in c["polygons"]),
                tuple(c["capital"]),
                tuple(c.get("hub", c["capital"])),
                tuple(c["label"]),
                code,
            )
        else:
            spot = spots[missing.index(actor_id)]
            result[actor_id] = Place((), spot, spot, (spot[0], spot[1] - 40), code)
    return result


def _spare_sea(data: dict, count: int) -> list[Point]:
    """Spots for governments the map lacks: in a row across the sea above the inset."""
    width, height = data["viewbox"]
    frames = data.get("frames", [])
    right = frames[1]["box"][2] if len(frames) > 1 else width
    y = height * 0.18
    return [(right * (i + 1) / (count + 1), y) for i in range(count)]


def route_colour(colours: Iterable[Colour]) -> Colour:
    """A colour for the trafficking route that no government's colour is close to."""
    taken = list(colours)
    for candidate in ROUTE_COLOURS:
        if all(_distance(candidate, colour) >= CLOSEST_ROUTE_COLOUR for colour in taken):
            return candidate
    steps = range(0, 256, 51)  # many governments: the colour farthest from all of theirs
    grid = [(r, g, b) for r in steps for g in steps for b in steps]
    return max(grid, key=lambda c: min(_distance(c, t) for t in taken))


def _distance(a: Colour, b: Colour) -> float:
    return math.dist(a, b)


class Transform:
    """Viewbox -> screen, keeping the aspect ratio, centred in ``rect``."""

    def __init__(self, rect: pygame.Rect) -> None:
        width, height = map_data()["viewbox"]
        self.scale = min(rect.width / width, rect.height / height)
        self.ox = rect.x + (rect.width - width * self.scale) / 2
        self.oy = rect.y + (rect.height - height * self.scale) / 2

    def __call__(self, p: Point) -> tuple[int, int]:
        return round(self.ox + p[0] * self.scale), round(self.oy + p[1] * self.scale)

    def box(self, box: Sequence[float]) -> pygame.Rect:
        x, y = self((box[0], box[1]))
        right, bottom = self((box[0] + box[2], box[1] + box[3]))
        return pygame.Rect(x, y, right - x, bottom - y)


def transform(rect: pygame.Rect) -> Transform:
    return Transform(rect)


def tint(colour: tuple, amount: float = 0.3) -> tuple[int, int, int]:
    return tuple(round(c * amount + 255 * (1 - amount)) for c in colour)  # type: ignore[return-value]


def shade(colour: tuple, amount: float = 0.75) -> tuple[int, int, int]:
    return tuple(round(c * amount) for c in colour)  # type: ignore[return-value]


class MapView:
    """Draws the map for one scenario; the land layer is cached per size."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.places = places(scenario)
        self.colours = {a: hex_colour(actor.colour) for a, actor in scenario.actors.items()}
        self.route_colour = route_colour(self.colours.values())
        self._static: tuple[tuple[int, int, int], pygame.Surface] | None = None
        self.label_boxes: list[pygame.Rect] = []  # where the last draw put its labels
        self._placed: tuple[object, list[pygame.Rect]] = (None, [])

    @property
    def aspect(self) -> float:
        """The map's width over its height."""
        width, height = map_data()["viewbox"]
        return width / max(height, 1)

    # the land layer ---------------------------------------------------------------------------
    def _land(self, rect: pygame.Rect, text: int) -> pygame.Surface:
        key = (rect.width, rect.height, text)
        if self._static and self._static[0] == key:
            return self._static[1]
        layer = pygame.Surface(rect.size)
        layer.fill(SEA)
        to_screen = transform(pygame.Rect((0, 0), rect.size))
        data = map_data()
        frames = [to_screen.box(f["box"]) for f in data.get("frames", [])]
        clip = layer.get_clip()
        for frame in frames or [layer.get_rect()]:
            layer.set_clip(frame)
            for ring in data.get("land", []):
                _polygon(layer, [to_screen(p) for p in ring], BACKGROUND_LAND, COAST)
            played = {place.code for place in self.places.values()}
            for code, country in data.get("countries", {}).items():
                if code not in played:
                    for ring in country.get("polygons", []):
                        _polygon(layer, [to_screen(p) for p in ring], BACKGROUND_LAND, COAST)
            for actor_id, place in self.places.items():
                colour = self.colours[actor_id]
                for ring in place.polygons:
                    _polygon(layer, [to_screen(p) for p in ring], tint(colour, 0.35), shade(colour))
        layer.set_clip(clip)
        for actor_id, place in self.places.items():
            if not place.polygons:
                colour = self.colours[actor_id]
                pygame.draw.circle(layer, tint(colour), to_screen(place.capital), text * 2)
                pygame.draw.circle(layer, colour, to_screen(place.capital), text * 2, 3)
        for frame, info in zip(frames, data.get("frames", []), strict=False):
            km_per_pixel = info.get("km_per_unit", 0) / max(to_screen.scale, 1e-9)
            _scale_bar(layer, frame, km_per_pixel, text)
        if len(frames) > 1:  # the inset: framed, with its caption above it
            inset = frames[1]
            pygame.draw.rect(layer, MUTED, inset, 1)
            small = max(9, text - 4)
            caption = _(data["frames"][1]["name"])  # one of FRAME_NAMES
            blit_text(layer, caption, (inset.x + 4, inset.y - 2), small, MUTED, anchor="bottomleft")
        self._static = (key, layer)
        return layer

    # the live layer ---------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        value: Callable[[str], float],
        info: Callable[[str], tuple[str, int, float]],
        text: int,
    ) -> None:
        """``value(var)`` is the value to show; ``info(var)`` its (unit, decimals, initial)."""
        if rect.width < 20 or rect.height < 20:
            return
        surface.blit(self._land(rect, text), rect)
        to_screen = transform(rect)
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip))
        labels: list[Label] = []
        avoid: list[pygame.Rect] = []
        for actor_id, place in self.places.items():
            name = self.scenario.actors[actor_id].name
            labels.append(Label(name, to_screen(place.label), text, True))
        tension: list[Label] = []
        self._draw_tension(surface, to_screen, value, text, tension)
        self._draw_route(surface, to_screen, value, info, text, labels, avoid)
        self._draw_seizures(surface, to_screen, value, info, text, labels, avoid)
        labels += tension  # placed last: a tension label may slide along its arc
        for place in self.places.values():
            centre = to_screen(place.capital)
            _capital(surface, centre, max(4, text // 3))
            avoid.append(pygame.Rect(centre[0] - 7, centre[1] - 7, 14, 14))
        key = (tuple(rect), tuple(labels), tuple(map(tuple, avoid)))
        if self._placed[0] != key:  # an unchanged map keeps its labels where they were
            self._placed = (key, place_labels(labels, rect, avoid))
        self.label_boxes = [box.copy() for box in self._placed[1]]
        for label, box in zip(labels, self.label_boxes, strict=True):
            _label_box(surface, label.text, box.center, label.size, label.bold)
        surface.set_clip(clip)

    def route_points(self) -> list[Point]:
        """The route in viewbox units: each government's hub, with the crossings between."""
        route = [a for a in self.scenario.display.route if a in self.places]
        borders = map_data().get("borders", {})
        points: list[Point] = []
        for i, actor in enumerate(route):
            if i:
                a, b = self.places[route[i - 1]].code, self.places[actor].code
                crossing = borders.get(f"{a}-{b}") or list(reversed(borders.get(f"{b}-{a}", [])))
                points += [tuple(p) for p in crossing]
            points.append(self.places[actor].hub)
        return points

    def crossing_index(self) -> int:
        """Index in ``route_points`` of the last border crossing (where seizures are drawn)."""
        return len(self.route_points()) - 2

    def _draw_route(self, surface, to_screen, value, info, text, labels, avoid) -> None:
        flow = self.scenario.display.flow
        points = [to_screen(p) for p in self.route_points()]
        if len(points) < 2 or not flow:
            return
        unit, decimals, initial = info(flow)
        amount = value(flow)
        base = max(2.0, text / 4)
        width = round(max(2, min(base * 5, base * 1.6 * amount / initial if initial else base)))
        pygame.draw.lines(surface, CARD, False, points, width + 4)
        pygame.draw.lines(surface, self.route_colour, False, points, width)
        for point in points[1:-1]:
            pygame.draw.circle(surface, self.route_colour, point, max(1, width // 2))
        _arrow_head(surface, points[-2], points[-1], max(10, width + 8), self.route_colour)
        for a, b in itertools.pairwise(points):
            avoid += _segment_boxes(a, b, width + 4)
        longest = max(range(len(points) - 1), key=lambda i: math.dist(points[i], points[i + 1]))
        a, b = points[longest], points[longest + 1]
        label = _("Flow {amount}").format(amount=format_value(amount, decimals, unit))
        labels.append(Label(label, ((a[0] + b[0]) // 2, (a[1] + b[1]) // 2), max(10, text - 2)))

    def _draw_seizures(self, surface, to_screen, value, info, text, labels, avoid) -> None:
        seized = self.scenario.display.seizures
        route = self.route_points()
        if not seized or len(route) < 3:
            return
        unit, decimals, initial = info(seized)
        amount = value(seized)
        centre = to_screen(route[self.crossing_index()])
        base = max(5, text // 2)
        radius = round(
            max(base, min(base * 2.2, base * (amount / initial) ** 0.5 if initial > 0 else base))
        )
        octagon = [(centre[0] + radius * dx, centre[1] + radius * dy) for dx, dy in _OCTAGON]
        pygame.draw.polygon(surface, CARD, octagon)
        pygame.draw.polygon(surface, INK, octagon, 3)
        avoid.append(pygame.Rect(centre[0] - radius, centre[1] - radius, 2 * radius, 2 * radius))
        label = _("Seized {amount}").format(amount=format_value(amount, decimals, unit))
        labels.append(Label(label, (centre[0], centre[1] + radius + text), max(10, text - 2)))

    def _draw_tension(self, surface, to_screen, value, text: int, labels: list) -> None:
        for line in self.scenario.display.tension:
            if line.a not in self.places or line.b not in self.places:
                continue
            a, b = to_screen(self.places[line.a].capital), to_screen(self.places[line.b].capital)
            level = value(line.variable)
            arc = _arc(a, b)
            draw_dashed(surface, INK, arc, max(1, round(1 + level / 20)), max(6, text // 2))
            tension = _("Tension {level}").format(level=f"{level:.0f}")
            labels.append(Label(tension, arc[len(arc) // 2], max(10, text - 2)))


def _polygon(surface, points: list, fill, outline) -> None:
    if len(points) < 3:
        return
    pygame.draw.polygon(surface, fill, points)
    pygame.draw.aalines(surface, outline, True, points)


def _capital(surface, centre, radius: int) -> None:
    pygame.draw.circle(surface, CARD, centre, radius + 1)
    pygame.draw.circle(surface, INK, centre, radius + 1, 2)
    pygame.draw.circle(surface, INK, centre, max(1, radius // 3))


def _scale_bar(surface, frame: pygame.Rect, km_per_pixel: float, text: int) -> None:
    """A bar of a round number of km in the frame's lower right corner."""
    if km_per_pixel <= 0 or frame.width < 80:
        return
    target = frame.width / 5 * km_per_pixel
    km = max((k for k in (100, 200, 250, 500, 1000, 2000) if k <= target), default=100)
    length = round(km / km_per_pixel)
    small = max(9, text - 5)
    right, bottom = frame.right - 6, frame.bottom - 6
    pygame.draw.line(surface, INK, (right - length, bottom), (right, bottom), 2)
    for x in (right - length, right):
        pygame.draw.line(surface, INK, (x, bottom - 4), (x, bottom), 2)
    blit_text(
        surface, f"{km:,} km", (right - length // 2, bottom - 5), small, INK, anchor="midbottom"
    )


def _arc(a: tuple, b: tuple, bend: float = 0.18, steps: int = 28) -> list[tuple[int, int]]:
    """A gentle curve from ``a`` to ``b`` (bulging upwards), as points."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    nx, ny = -dy * bend, dx * bend
    if ny > 0:
        nx, ny = -nx, -ny
    cx, cy = mx + nx, my + ny
    points = []
    for i in range(steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * cx + t * t * b[0]
        y = (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t * t * b[1]
        points.append((round(x), round(y)))
    return points


def _segment_boxes(a: tuple, b: tuple, width: int) -> list[pygame.Rect]:
    """Small squares along a segment, for labels to keep off it."""
    length = math.dist(a, b)
    count = max(1, int(length // max(width, 6)))
    half = width // 2 + 1
    return [
        pygame.Rect(
            round(a[0] + (b[0] - a[0]) * i / count) - half,
            round(a[1] + (b[1] - a[1]) * i / count) - half,
            2 * half,
            2 * half,
        )
        for i in range(count + 1)
    ]


@dataclass(frozen=True)
class Label:
    """A boxed map label and where it would like to sit (screen pixels)."""

    text: str
    centre: tuple[int, int]
    size: int
    bold: bool = False


def label_rect(label: Label) -> pygame.Rect:
    image = text_surface(label.text, label.size, INK, label.bold)
    return image.get_rect(center=label.centre).inflate(8, 4)


def place_labels(
    labels: list[Label], area: pygame.Rect, avoid: Sequence[pygame.Rect] = ()
) -> list[pygame.Rect]:
    """A box for every label, in order: at its wished place, else the nearest spot around it
    (rings of growing radius) that overlaps no label placed before it, stays inside ``area``
    and, where it can, keeps off ``avoid``. Overlapping another label costs far more than
    covering something in ``avoid``, so labels overlap each other only when nothing else fits."""
    placed: list[pygame.Rect] = []
    avoid = list(avoid)
    for label in labels:
        box = label_rect(label)
        best, best_cost = box, math.inf
        for dx, dy in _candidates(box):
            candidate = box.move(dx, dy)
            hard = _overlap(candidate, placed) + _outside(candidate, area)
            soft = _overlap(candidate, avoid)
            cost = hard * 50 + soft + math.hypot(dx, dy) * 0.5
            if cost < best_cost:
                best, best_cost = candidate, cost
            if hard == 0 and soft == 0:
                break
        placed.append(best)
    return placed


@lru_cache(maxsize=256)
def _ring(width: int, height: int) -> tuple[tuple[int, int], ...]:
    offsets = [(0, 0)]
    for step in (0.6, 1.2, 1.9, 2.7, 3.6, 4.6, 6.0, 7.5):
        for k in range(16):
            angle = math.tau * k / 16 - math.pi / 2
            offsets.append(
                (
                    round(math.cos(angle) * step * (width * 0.5 + height) * 0.6),
                    round(math.sin(angle) * step * height * 1.1),
                )
            )
    return tuple(offsets)


def _candidates(box: pygame.Rect) -> tuple[tuple[int, int], ...]:
    return _ring(box.width, box.height)


def _overlap(box: pygame.Rect, others: Sequence[pygame.Rect]) -> float:
    """The area of ``box`` covered by ``others`` (overlaps counted once per other box)."""
    total = 0
    for index in box.collidelistall(others):  # the few that touch it, found in C
        clipped = box.clip(others[index])
        total += clipped.width * clipped.height
    return total


def _outside(box: pygame.Rect, area: pygame.Rect) -> float:
    inside = box.clip(area)
    return box.width * box.height - inside.width * inside.height


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
    image = text_surface(text, size, INK, bold)
    box = pygame.Surface(image.get_rect().inflate(8, 4).size, pygame.SRCALPHA)
    rect = box.get_rect()
    pygame.draw.rect(box, CARD, rect, border_radius=3)
    pygame.draw.rect(box, MUTED, rect, 1, border_radius=3)
    box.blit(image, image.get_rect(center=rect.center))
    return box


def _arrow_head(surface, start: tuple, end: tuple, size: int, colour=INK) -> None:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max(1.0, (dx * dx + dy * dy) ** 0.5)
    ux, uy = dx / length, dy / length
    tip = (end[0] + ux * size * 0.6, end[1] + uy * size * 0.6)
    left = (end[0] - uy * size * 0.6 - ux * size * 0.4, end[1] + ux * size * 0.6 - uy * size * 0.4)
    right = (end[0] + uy * size * 0.6 - ux * size * 0.4, end[1] - ux * size * 0.6 - uy * size * 0.4)
    pygame.draw.polygon(surface, colour, [tip, left, right])
    pygame.draw.polygon(surface, INK, [tip, left, right], 2)
