"""The debrief's charts show the scenario's real values (``[observations.*]``) against the game."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from types import SimpleNamespace

import pygame
import pytest

from game.format.loader import load_scenario
from game.render.charts import draw_chart
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game, play_out
from game.ui.debrief import missed_value
from game.ui.summary import chart_data, observed_points

from .conftest import DEFAULT_SCENARIO


@pytest.fixture(scope="module")
def default_model() -> Model:
    return Model.build(load_scenario(DEFAULT_SCENARIO))


def idle_game(model: Model, turns: int | None = None) -> Game:
    game = Game(model, 3, {a: make_player("idle", 3) for a in model.actor_ids})
    play_out(game, turns)
    return game


def test_each_observed_month_sits_where_the_game_shows_that_months_result(default_model):
    game = idle_game(default_model)
    observed = default_model.scenario.observations["deaths"].values
    points = observed_points(game, "deaths", len(game.ledgers))
    assert points, "the default scenario observes deaths"
    for turn, value in points:
        month = game.ledgers[turn - 1].date
        assert observed[month] == value
    assert len(points) == sum(m in {ledger.date for ledger in game.ledgers} for m in observed)


def test_a_game_that_ended_early_shows_only_the_months_it_played(default_model):
    game = idle_game(default_model, turns=5)
    data = chart_data(game, "deaths", [])
    played = {ledger.date for ledger in game.ledgers}
    assert data.observed and max(turn for turn, _ in data.observed) <= 5
    assert len(data.observed) == len(
        played & set(default_model.scenario.observations["deaths"].values)
    )


def test_a_variable_nobody_observed_has_no_real_values(default_model, mini_model):
    assert observed_points(idle_game(default_model, 3), "coop_us_cn", 3) == []
    assert observed_points(idle_game(mini_model, 3), "approval_us", 3) == []


def test_the_real_values_are_drawn_on_the_chart_and_widen_its_range(default_model):
    pygame.font.init()
    game = idle_game(default_model, turns=6)
    data = chart_data(game, "deaths", [])
    bare = data.__class__(**{**data.__dict__, "observed": ()})
    with_dots, without = pygame.Surface((400, 240)), pygame.Surface((400, 240))
    draw_chart(with_dots, with_dots.get_rect(), data, 14)
    draw_chart(without, without.get_rect(), bare, 14)
    differs = sum(
        with_dots.get_at((x, y)) != without.get_at((x, y))
        for x in range(0, 400, 2)
        for y in range(0, 240, 2)
    )
    assert differs > 20


def test_a_missed_objective_never_reads_as_its_target():
    missed = SimpleNamespace(value=80.98, target=81.0, met=False)
    assert missed_value(missed, 1) == "80.98"
    met = SimpleNamespace(value=81.0, target=81.0, met=True)
    assert missed_value(met, 1) == "81.0"


def test_the_legend_names_real_values_only_when_a_chart_shows_them_and_wraps_to_fit(
    default_model,
):
    from game.ui.summary import _legend_rows, legend_entries

    pygame.font.init()
    game = idle_game(default_model, turns=2)
    labels = [e.label for e in legend_entries(game, compared=True, observed=True)]
    assert labels[:2] == ["this branch", "original"] and labels[-1] == "real value"
    assert "real value" not in [e.label for e in legend_entries(game)]
    entries = legend_entries(game, compared=True, observed=True)
    assert len(_legend_rows(entries, 14, 3000)) == 1
    narrow = _legend_rows(entries, 14, 420)
    assert len(narrow) > 1 and sum(len(row) for row in narrow) == len(entries)
    from game.render.style import font

    for row in narrow:
        x, last = row[-1]
        assert x + last.swatch_width + font(14).size(last.label)[0] <= 420 or len(row) == 1
