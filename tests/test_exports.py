"""Exports for a class: the documents folder, names that never overwrite, a readable CSV."""

import csv
import io
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
from platformdirs import user_documents_dir

from game.format.loader import load_scenario
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.saves import exports_dir
from game.sim.session import Game
from game.ui.app import LaunchOptions
from game.ui.export import export_game

from .conftest import DATA


def finished_game() -> Game:
    path = DATA / "mini.toml"
    model = Model.build(load_scenario(path))
    game = Game(
        model,
        3,
        {"us": None, "mx": make_player("ai:easy", 3)},
        scenario_file=str(path),
        player_names={"us": "Ana"},
    )
    while not game.finished:
        game.play_turn({"us": ["us_blame_mx"] if game.state.turn % 2 == 0 else []})
    return game


def test_exports_go_to_the_documents_folder_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv("PRECURSOR_EXPORTS_DIR")
    assert exports_dir() == Path(user_documents_dir()) / "Precursor"
    assert LaunchOptions().exports_dir == exports_dir()
    monkeypatch.setenv("PRECURSOR_EXPORTS_DIR", str(tmp_path))
    assert LaunchOptions().exports_dir == tmp_path


def test_two_exports_of_the_same_game_in_the_same_second_never_overwrite(tmp_path, monkeypatch):
    from game.ui import export

    monkeypatch.setattr(export, "export_stem", lambda game: "mini_seed3_20260101-000000")
    game = finished_game()
    pygame.init()
    first = export_game(game, tmp_path, lambda surface: surface.fill("white"))
    second = export_game(game, tmp_path, lambda surface: surface.fill("black"))
    assert [p.name for p in first] == [
        f"mini_seed3_20260101-000000{s}" for s in (".json", ".csv", ".png")
    ]
    assert [p.name for p in second] == [
        f"mini_seed3_20260101-000000-2{s}" for s in (".json", ".csv", ".png")
    ]
    assert all(p.is_absolute() and p.stat().st_size > 0 for p in first + second)
    assert pygame.image.load(str(first[2])).get_at((5, 5)) == pygame.Color("white")
    assert len(list(tmp_path.iterdir())) == 6


def test_the_exported_csv_has_labels_units_rounded_values_orders_and_the_players_name(tmp_path):
    game = finished_game()
    pygame.init()
    _, csv_path, _ = export_game(game, tmp_path, lambda surface: None)
    table = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    header = table[0]
    assert header[:3] == ["Turn", "Month (YYYY-MM)", "U.S. approval (%)"]
    assert header[-2:] == ["Orders: United States (Ana)", "Orders: Mexico"]
    assert len(table) == 1 + 1 + game.model.scenario.meta.turns
    approval = [row[2] for row in table[1:]]
    assert all(len(value.split(".")[1]) == 1 for value in approval)  # rounded, 1 decimal
    assert table[2][-2] == "Blame Mexico" and table[3][-2] == ""


def test_names_typed_in_setup_reach_the_log_for_human_seats_only():
    from game.play.newgame import SetupChoices, start_game

    choices = SetupChoices(
        DATA / "mini.toml",
        "us",
        seats={"mx": "computer"},
        seed=4,
        player_names={"us": "  Ana   María ", "mx": "not a person"},
    )
    game = start_game(load_scenario(DATA / "mini.toml"), choices)
    assert game.to_log().player_names == {"us": "Ana María"}
    choices.player_names["us"] = "x" * 500
    assert len(start_game(load_scenario(DATA / "mini.toml"), choices).player_names["us"]) == 40
