"""The map: generated shapes keyed by ISO code, labels that never overlap in any shipped
scenario at any window size, and a route colour that is never a government's colour."""

from __future__ import annotations

import itertools
import json
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from pathlib import Path

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.format.loader import load_scenario
from game.render.style import hex_colour
from game.resources import asset
from game.sim.model import Model
from game.ui.layout import text_px, turn_layout
from game.ui.mapview import CLOSEST_ROUTE_COLOUR, MapView, map_data, places, route_colour

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
SIZES = [(800, 600), (1024, 640), (1280, 720), (1366, 768), (1920, 1080), (2560, 640), (3840, 2160)]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    from game.render.style import font, text_surface

    pygame.font.init()
    font.cache_clear()
    text_surface.cache_clear()
    yield
    font.cache_clear()
    text_surface.cache_clear()


def test_the_map_file_is_small_and_holds_the_countries_the_scenarios_play():
    path = asset("map.json")
    assert path.stat().st_size < 120_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"]
    width, height = data["viewbox"]
    for code in ("US", "MX", "CN", "CA"):
        country = data["countries"][code]
        points = [p for ring in country["polygons"] for p in ring]
        assert len(points) > 50, code  # a real outline, not a blob
        for spot in (country["capital"], country["hub"], country["label"], *points):
            assert -1 <= spot[0] <= width + 1 and -1 <= spot[1] <= height + 1


def test_china_is_drawn_in_its_own_inset_away_from_mexico_and_the_united_states():
    data = map_data()
    inset = pygame.Rect(data["frames"][1]["box"])
    main = pygame.Rect(data["frames"][0]["box"])
    assert not inset.colliderect(main)
    for code, frame in (("CN", inset), ("US", main), ("MX", main)):
        for ring in data["countries"][code]["polygons"]:
            assert all(frame.inflate(4, 4).collidepoint(p) for p in ring), code


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_government_is_a_country_on_the_map(path):
    scenario = load_scenario(path)
    for actor_id, place in places(scenario).items():
        assert place.polygons, f"{path.name}: {actor_id} ({place.code}) is not on the map"


def test_a_scenario_chooses_the_country_of_a_government_by_its_iso_code():
    scenario = load_scenario(ROOT / "scenarios" / "trilateral.toml")
    actors = dict(scenario.actors)
    actors["ottawa"] = actors.pop("ca").model_copy(update={"country": "CA"})
    actors["atlantis"] = actors["ottawa"].model_copy(update={"country": "ZZ"})
    renamed = scenario.model_copy(update={"actors": actors})
    found = places(renamed)
    assert found["ottawa"].polygons == tuple(
        tuple(map(tuple, ring)) for ring in map_data()["countries"]["CA"]["polygons"]
    )
    assert found["atlantis"].polygons == ()  # not on the map: a labelled circle


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_map_labels_never_overlap_and_stay_inside_the_map_at_every_size(path):
    model = Model.build(load_scenario(path))
    view = MapView(model.scenario)
    values = {v.id: v.initial for v in model.variables}

    def value(variable: str) -> float:
        return values.get(variable, 0.0)

    def info(variable: str):
        v = model.variables[model.variable_position[variable]]
        return v.unit, v.decimals, v.initial

    for size in SIZES:
        text = text_px(size)
        rect = turn_layout(size, text, len(model.scenario.display.meters), view.aspect).map
        surface = pygame.Surface(size)
        for flow_scale in (0.2, 1.0, 3.0):  # the flow's label moves with its width
            if model.scenario.display.flow:
                values[model.scenario.display.flow] = (
                    model.variables[model.variable_position[model.scenario.display.flow]].initial
                    * flow_scale
                )
            view.draw(surface, rect, value, info, text)
            boxes = view.label_boxes
            assert boxes, "no labels drawn"
            for a, b in itertools.combinations(boxes, 2):
                assert not a.colliderect(b), f"{path.name} at {size}: {a} overlaps {b}"
            for box in boxes:
                assert rect.contains(box), f"{path.name} at {size}: {box} leaves {rect}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_route_is_never_drawn_in_a_governments_colour(path):
    scenario = load_scenario(path)
    colours = [hex_colour(actor.colour) for actor in scenario.actors.values()]
    route = MapView(scenario).route_colour
    assert all(pygame.Color(route).rgb != c for c in colours)
    assert all(
        sum((x - y) ** 2 for x, y in zip(route, c, strict=True)) ** 0.5 >= 80 for c in colours
    )


colour = st.tuples(*[st.integers(0, 255)] * 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(colour, min_size=0, max_size=8))
def test_a_route_colour_is_found_far_from_any_set_of_government_colours(colours):
    route = route_colour(colours)
    distances = [sum((x - y) ** 2 for x, y in zip(route, c, strict=True)) ** 0.5 for c in colours]
    assert all(d > 0 for d in distances)
    if len(colours) <= 3:
        assert all(d >= CLOSEST_ROUTE_COLOUR * 0.6 for d in distances)


def test_the_report_charts_use_the_windows_chart_renderer(tmp_path):
    from game.render.charts import Series, draw_bars, draw_series
    from game.render.style import BLUE, VERMILLION

    surface = pygame.Surface((400, 200))
    series = [Series([1, 3, 2], BLUE, 3), Series([2, 2, 1], VERMILLION, 4, "dots")]
    draw_series(surface, surface.get_rect(), "Title", series, ("a", "b"), 14, legend="x")
    colours = {surface.get_at((x, y))[:3] for x in range(400) for y in range(0, 200, 2)}
    assert BLUE in colours and VERMILLION in colours
    surface.fill((0, 0, 0))
    draw_bars(
        surface, surface.get_rect(), "Bars", {"us": [1, 0, 2], "mx": [0, 3, 1]}, ("0", "9"), 14
    )
    colours = {surface.get_at((x, y))[:3] for x in range(400) for y in range(0, 200, 2)}
    assert BLUE in colours and VERMILLION in colours
