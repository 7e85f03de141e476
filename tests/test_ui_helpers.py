"""The window's pure helpers: scenario catalogue, new-game choices, forecast, turning points."""

from __future__ import annotations

from pathlib import Path

from game.format.loader import load_scenario
from game.play.catalog import default_index, list_scenarios
from game.play.forecast import forecast
from game.play.insight import key_variables, meter_variables, turning_points
from game.play.newgame import SetupChoices, start_game
from game.sim.model import Model
from game.sim.session import Game, play_out

MINI = Path(__file__).parent / "data" / "mini.toml"


def test_catalogue_lists_broken_files_with_their_first_problem_without_raising(tmp_path):
    (tmp_path / "a_bad.toml").write_text("this is = = not toml", encoding="utf-8")
    (tmp_path / "b_mini.toml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    entries = list_scenarios(tmp_path)
    assert [e.broken for e in entries] == [True, False]
    assert entries[0].first_problem.startswith(str(tmp_path / "a_bad.toml"))
    assert default_index(entries) == 1
    assert entries[1].length == "6 monthly turns, Mar 2023 to Aug 2023"


def test_start_game_names_computer_seats_by_difficulty_and_keeps_the_seed():
    scenario = load_scenario(MINI)
    game = start_game(scenario, SetupChoices(MINI, "us", difficulty="hard", seed=99))
    assert game.seat_names == {"us": "human", "mx": "ai:hard"}
    assert game.human_actors == ["us"] and game.seed == 99


def test_forecast_compares_chosen_orders_with_no_orders():
    model = Model.build(load_scenario(MINI))
    game = Game(model, 1, {"us": None, "mx": None})
    result = forecast(game.state, "us", ["us_border"], ["approval_us", "retail"])
    next_month, _later = result.effects["approval_us"]
    assert next_month == 0.3 or abs(next_month - 0.3) < 1e-9
    assert result.months == 3
    assert forecast(game.state, "us", [], ["approval_us"]).effects["approval_us"] == (0.0, 0.0)


def test_forecast_reports_orders_the_engine_refuses():
    model = Model.build(load_scenario(MINI))
    game = Game(model, 1, {"us": None, "mx": None})
    result = forecast(game.state, "us", ["us_border", "us_border"], ["approval_us"])
    assert result.problems and not result.effects


def test_turning_points_are_the_largest_contributions_across_the_game():
    model = Model.build(load_scenario(MINI))
    game = play_out(Game(model, 3, {"us": None, "mx": None}))
    points = turning_points(model, game.ledgers, ["tension_us_mx", "approval_us"], count=5)
    assert len(points) <= 5
    weights = [p.weight for p in points]
    assert weights == sorted(weights, reverse=True)


def test_meters_fall_back_to_declared_variables_when_the_scenario_has_no_display():
    model = Model.build(load_scenario(MINI))
    assert meter_variables(model) == ["approval_us", "tension_us_mx", "retail"]
    assert key_variables(model) == meter_variables(model)


def test_the_forecast_gives_a_range_over_seeds_and_assumption_sets():
    from game.format.loader import load_scenario
    from game.play.forecast import ASSUMPTION_SETS, SEEDS
    from game.sim.model import Model
    from game.sim.session import Game

    model = Model.build(
        load_scenario(Path(__file__).parent.parent / "scenarios/fentanyl_2023.toml")
    )
    game = Game(model, 1, {"us": None, "mx": None, "cn": None})
    result = forecast(game.state, "us", ["us_border_surge"], ["seizures", "deaths"])
    assert result.members == 1 + SEEDS + ASSUMPTION_SETS
    low, high = result.ranges["seizures"]
    assert low <= result.effects["seizures"][1] <= high
    assert high > low, "other assumption sets (balloon, supply-side) disagree about seizures"


def test_a_long_folder_wraps_at_its_separators_on_windows_and_elsewhere():
    import pygame

    from game.render.style import fit_text, font, wrap_text

    pygame.font.init()  # fonts cached by a window another test closed are gone with it
    for cached in (font, fit_text, wrap_text):
        cached.cache_clear()
    for folder in (r"C:\Users\student name\OneDrive\Documents\Precursor", "/home/a/b/Precursor"):
        width = font(12).size(folder)[0] // 2
        lines = wrap_text(f"Exports go to {folder}", 12, width, 4)
        assert "".join(lines).replace(" ", "") == f"Exportsgoto{folder}".replace(" ", "")
        assert all(font(12).size(line)[0] <= width for line in lines)
        assert len(lines) > 2
