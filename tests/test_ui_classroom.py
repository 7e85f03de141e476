"""Classroom features through the window (SDL dummy driver): hot seat with cover screens and
predictions, instructor injects, saves (Continue, Load, damaged saves), branching, difficulty."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json
import shutil
from pathlib import Path

import pygame
import pytest

from game.format.loader import load_scenario
from game.sim.gamelog import GameLog
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.saves import SAVE_FORMAT, saves_dir, write_save
from game.sim.session import Game, to_save
from game.ui.app import App, LaunchOptions
from game.ui.classroom import ChoiceScene, CoverScene, PredictScene
from game.ui.debrief import DebriefScene
from game.ui.modal import ConfirmScene, MessageScene
from game.ui.resolution import ResolutionScene
from game.ui.setup import SetupScene
from game.ui.title import TitleScene
from game.ui.turn import TurnScene

from .ui_driver import key as press

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.toml"
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"


def key(app: App, code: int, mod: int = 0, frames: int = 1) -> None:
    press(app, code, mod, frames)


@pytest.fixture
def make_app(tmp_path: Path):
    def make(scenario: Path = MINI, seed: int = 11) -> App:
        folder = tmp_path / "scenarios"
        folder.mkdir(exist_ok=True)
        shutil.copy(scenario, folder / scenario.name)
        options = LaunchOptions(seed=seed, scenarios_dir=folder, exports_dir=tmp_path / "exports")
        app = App((1280, 720), options)
        app.pump(1)
        return app

    yield make
    pygame.quit()


def open_setup(app: App) -> SetupScene:
    app.top.ring.focus("new")
    key(app, pygame.K_RETURN)
    if isinstance(app.top, ConfirmScene):  # an autosave is there: yes, a new game
        key(app, pygame.K_y)
    assert isinstance(app.top, SetupScene)
    return app.top


def start(app: App, setup: SetupScene) -> None:
    setup.ring.focus("start")
    key(app, pygame.K_RETURN)  # the briefing
    key(app, pygame.K_RETURN)  # the turn screen (or its hot-seat cover)


def play_months(app: App, months: int | None = None) -> int:
    """Press through covers, predictions, End Turn and resolutions; the covers seen."""
    covers = 0
    played = 0
    for _ in range(2000):
        top = app.top
        if isinstance(top, DebriefScene) or (months is not None and played >= months):
            return covers
        if isinstance(top, CoverScene):
            covers += 1
            key(app, pygame.K_RETURN)
        elif isinstance(top, ConfirmScene):
            key(app, pygame.K_y)
        elif isinstance(top, PredictScene):
            key(app, pygame.K_u)
        elif isinstance(top, TurnScene):
            key(app, pygame.K_e)
        elif isinstance(top, ResolutionScene):
            played += 1
            top.anim = 1.0
            key(app, pygame.K_RETURN)
        else:
            raise AssertionError(f"unexpected scene {type(top).__name__}")
    raise AssertionError("the game never ended")


def finished_logs(data_dir: Path) -> list[GameLog]:
    return [
        GameLog.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted((data_dir / "logs").glob("*.json"))
    ]


def test_three_humans_play_hot_seat_to_the_debrief_with_covers_and_scored_predictions(
    make_app, data_dir
):
    app = make_app(TUTORIAL)
    setup = open_setup(app)
    for actor in setup.entry.scenario.actors:
        if actor != setup.choices.actor:
            setup._set_option(f"seat:{actor}", "human")
    start(app, setup)
    assert isinstance(app.top, CoverScene)
    turn = app.stack[0]
    assert isinstance(turn, TurnScene) and turn.root is None  # nothing shown under the cover
    game = turn.game
    covers = play_months(app)
    months = len(game.ledgers)
    assert len(game.human_actors) == 3 and game.finished
    assert covers == 3 * months  # before every seat of every month
    assert all(set(month) == set(game.human_actors) for month in game.predictions)
    directions = {d for month in game.predictions for p in month.values() for d in p.values()}
    assert directions == {"up"}  # every seat pressed U
    [log] = finished_logs(data_dir)
    assert log.turns[0].predictions == game.predictions[0]
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and "predictions" in debrief.side_html


def test_ctrl_i_queues_an_instructor_inject_that_fires_and_reaches_the_finished_log(
    make_app, data_dir
):
    app = make_app()
    start(app, open_setup(app))
    turn = app.top
    key(app, pygame.K_i, pygame.KMOD_CTRL)
    assert isinstance(app.top, ChoiceScene)
    key(app, pygame.K_RETURN)  # the first inject
    assert app.top is turn and turn.game.state.pending_injects == ("storm",)
    assert "Inject queued" in turn._detail_html()
    play_months(app)
    [log] = finished_logs(data_dir)
    assert [(e.id, e.injected) for e in log.turns[0].events if e.injected] == [("storm", True)]
    assert str(data_dir / "logs") in app.top.side_html


def test_continue_resumes_the_autosave_after_the_process_was_killed_mid_turn(make_app):
    app = make_app()
    start(app, open_setup(app))
    game = app.top.game
    play_months(app, 2)
    app.top.toggle(next(iter(app.top.cards)))  # a choice in progress, lost in the kill
    orders = [ledger.orders for ledger in game.ledgers]
    fresh = make_app()  # a new process: nothing shared but the data folder
    assert isinstance(fresh.top, TitleScene) and fresh.top.ring.focus("continue")
    key(fresh, pygame.K_c)
    resumed = fresh.top
    assert isinstance(resumed, TurnScene) and resumed.game is not game
    assert [ledger.orders for ledger in resumed.game.ledgers] == orders
    assert resumed.game.state.values == game.state.values
    key(fresh, pygame.K_s, pygame.KMOD_CTRL)
    assert isinstance(fresh.top, MessageScene)
    assert len(list(saves_dir().glob("save-*.json"))) == 1


def test_a_damaged_save_shows_its_message_and_the_other_saves_still_load(make_app):
    computer = {"mx": make_player("ai:easy", 5)}
    game = Game(Model.build(load_scenario(MINI)), 5, computer, scenario_file=str(MINI))
    game.play_turn({"us": []})
    good = write_save(to_save(game, "good game"), "good")
    good.with_name("damaged.json").write_text(good.read_text()[:40], encoding="utf-8")
    newer = json.loads(good.read_text())
    newer["format"] = SAVE_FORMAT + 1
    good.with_name("newer.json").write_text(json.dumps(newer), encoding="utf-8")
    app = make_app()
    assert not app.top.ring.focus("continue")  # no autosave: no Continue
    key(app, pygame.K_l)
    listing = app.top
    assert isinstance(listing, ChoiceScene) and len(listing.choices) == 3
    damaged = next(path for text, path in listing.choices if "damaged.json" in text)
    assert "DAMAGED" in next(text for text, path in listing.choices if path == damaged)
    listing.on_command(f"pick:{damaged}")
    app.pump(1)
    assert isinstance(app.top, MessageScene) and "damaged" in app.top.html
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l)
    newer_path = next(path for text, path in app.top.choices if "newer.json" in text)
    app.top.on_command(f"pick:{newer_path}")
    app.pump(1)
    assert isinstance(app.top, MessageScene) and "update Precursor" in app.top.html
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l)
    app.top.on_command(f"pick:{good}")
    app.pump(1)
    assert isinstance(app.top, TurnScene) and len(app.top.game.ledgers) == 1


def test_the_load_list_shows_a_dangling_link_a_loop_and_a_fifo_without_crashing(make_app):
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    (folder / "autosave-loop.json").symlink_to(folder / "autosave-loop.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    app = make_app()
    assert not app.top.ring.focus("continue")  # a looping autosave link is no autosave
    key(app, pygame.K_l)
    listing = app.top
    assert isinstance(listing, ChoiceScene)
    assert all(text.startswith("DAMAGED") for text, _ in listing.choices)
    for text, path in list(listing.choices):
        app.top.on_command(f"pick:{path}")
        app.pump(1)
        assert isinstance(app.top, MessageScene), text
        key(app, pygame.K_ESCAPE)
        key(app, pygame.K_l)


def test_replay_from_turn_k_branches_and_the_branch_debrief_draws_both_games(make_app):
    app = make_app()
    start(app, open_setup(app))
    original = app.top.game
    play_months(app)
    debrief = app.top
    key(app, pygame.K_b)
    for _ in range(6):
        key(app, pygame.K_LEFT)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert debrief.replay_from == 2
    key(app, pygame.K_RETURN)
    branch = app.top.game
    assert branch is not original and len(branch.ledgers) == 2
    assert branch.states[:3] == original.states[:3]
    app.top.toggle(next(iter(app.top.cards)))
    play_months(app)
    second = app.top
    assert isinstance(second, DebriefScene) and second.game is branch
    assert second.original is original and branch.finished
    assert branch.ledgers[:2] == original.ledgers[:2]
    assert "original game" in second.side_html


@pytest.mark.parametrize("level", ["easy", "hard"])
def test_the_difficulty_chosen_in_setup_is_the_computer_players_level(make_app, level):
    app = make_app()
    setup = open_setup(app)
    setup._set_option("difficulty", level)
    start(app, setup)
    game = app.top.game
    computers = [a for a in game.model.actor_ids if game.players[a] is not None]
    assert computers
    for actor in computers:
        assert game.players[actor].policy == f"ai:{level}"
        assert game.seat_names[actor] == f"ai:{level}"
