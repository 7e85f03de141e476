"""The window driven by scripted input (SDL dummy driver): title to debrief, orders, Why, export."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import shutil
from pathlib import Path

import pygame
import pytest

from game.sim.gamelog import GameLog
from game.ui import app as app_module
from game.ui.app import App, LaunchOptions
from game.ui.briefing import BriefingScene
from game.ui.classroom import CoverScene, PredictScene
from game.ui.debrief import DebriefScene
from game.ui.modal import ConfirmScene, HelpScene, MenuScene, MessageScene
from game.ui.resolution import ResolutionScene
from game.ui.setup import SetupScene
from game.ui.title import TitleScene
from game.ui.turn import TurnScene
from game.ui.why import WhyScene

from .ui_driver import key

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.toml"
DEFAULT = ROOT / "scenarios" / "fentanyl_2023.toml"


def enter_until(app: App, scene_type: type, limit: int = 200) -> None:
    """Press Enter until ``scene_type`` is on top; an empty month is ended with E, then Y."""
    for _ in range(limit):
        if isinstance(app.top, scene_type):
            return
        if isinstance(app.top, TurnScene):
            key(app, pygame.K_e)
        if isinstance(app.top, ConfirmScene):
            key(app, pygame.K_y)
        else:
            key(app, pygame.K_RETURN)
    raise AssertionError(f"never reached {scene_type.__name__}; at {type(app.top).__name__}")


@pytest.fixture
def scenarios(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.toml")
    (folder / "zz_broken.toml").write_text('format = 1\n[meta]\nid = "x"\n', encoding="utf-8")
    return folder


@pytest.fixture
def make_app(tmp_path: Path, scenarios: Path):
    apps: list[App] = []

    def make(folder: Path | None = None, seed: int = 11, size=(1280, 720)) -> App:
        options = LaunchOptions(
            seed=seed, scenarios_dir=folder or scenarios, exports_dir=tmp_path / "exports"
        )
        app = App(size, options)
        app.pump(2)
        apps.append(app)
        return app

    yield make
    pygame.quit()


def start_mini(app: App) -> TurnScene:
    enter_until(app, TurnScene, limit=5)
    return app.top


def test_enter_from_the_title_plays_the_default_scenario_as_its_default_actor_to_the_debrief(
    make_app,
):
    if not DEFAULT.exists():
        pytest.skip("default scenario not written yet")
    app = make_app(ROOT / "scenarios")
    assert isinstance(app.top, TitleScene)
    enter_until(app, TurnScene, limit=5)
    game = app.top.game
    scenario = game.model.scenario
    assert game.human_actors == [scenario.meta.default_actor or next(iter(scenario.actors))]
    assert all(
        game.seat_names[a].startswith("ai:")
        for a in game.model.actor_ids
        if a not in game.human_actors
    )
    enter_until(app, DebriefScene, limit=4 * scenario.meta.turns + 10)
    assert game.finished


def test_setup_lists_a_broken_scenario_with_its_first_error_and_r_opens_the_full_report(make_app):
    app = make_app()
    key(app, pygame.K_RETURN)
    setup = app.top
    assert isinstance(setup, SetupScene)
    broken = [e for e in setup.entries if e.broken]
    assert [e.path.name for e in broken] == ["zz_broken.toml"]
    assert "zz_broken.toml" in broken[0].first_problem
    assert not setup.entry.broken  # the valid scenario is offered first
    setup.on_command(f"scenario:{setup.entries.index(broken[0])}")
    app.pump(2)
    assert setup.start_button.is_enabled is False
    key(app, pygame.K_r)
    assert isinstance(app.top, MessageScene)
    key(app, pygame.K_ESCAPE)
    assert app.top is setup


def test_ordering_cards_from_the_keyboard_spends_capital_and_reaches_the_engine(make_app):
    app = make_app()
    turn = start_mini(app)
    capital = turn.game.state.capital_of(turn.actor)
    key(app, pygame.K_a)
    assert turn.ring.current.startswith("card:")
    ordered = turn.ring.current[5:]
    key(app, pygame.K_SPACE)
    assert turn.my_orders() == [ordered]
    assert turn.capital_left() == capital - turn.model.action(ordered).cost
    key(app, pygame.K_e)
    assert isinstance(app.top, ResolutionScene)
    assert turn.game.ledgers[-1].orders[turn.actor] == (ordered,)
    key(app, pygame.K_RETURN)
    assert app.top is turn and turn.my_orders() == []


def test_an_unaffordable_card_cannot_be_ordered(make_app):
    app = make_app()
    turn = start_mini(app)
    for action_id in turn.model.actions_by_actor[turn.actor]:
        turn.toggle(action_id)
    spent = sum(turn.model.action(a).cost for a in turn.my_orders())
    assert spent <= turn.game.state.capital_of(turn.actor)


def test_forecast_appears_when_a_card_is_chosen(make_app):
    app = make_app()
    turn = start_mini(app)
    assert turn.forecast is None
    turn.toggle(turn.model.actions_by_actor[turn.actor][0])
    assert turn.forecast is not None and not turn.forecast.problems


def test_why_panel_opens_from_a_meter_and_lists_contributions_largest_first(make_app):
    app = make_app()
    turn = start_mini(app)
    key(app, pygame.K_e)
    key(app, pygame.K_y)  # yes, end the month with no orders
    key(app, pygame.K_RETURN)
    key(app, pygame.K_m)
    variable = turn.ring.current[6:]
    key(app, pygame.K_RETURN)
    why = app.top
    assert isinstance(why, WhyScene) and why.variable == variable
    from game.ui.why import sorted_contributions

    items = sorted_contributions(turn.game, variable)
    sizes = [abs(c.value) for c in items]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(c.value for c in items) == pytest.approx(turn.game.ledgers[-1].change(variable))
    key(app, pygame.K_RIGHT)
    assert why.variable != variable or len(turn.meters) == 1
    key(app, pygame.K_ESCAPE)
    assert app.top is turn


def test_debrief_export_writes_json_csv_and_png_and_the_json_is_a_game_log(make_app, tmp_path):
    app = make_app()
    enter_until(app, DebriefScene)
    key(app, pygame.K_x)
    debrief = app.top
    paths = debrief.exported
    assert sorted(p.suffix for p in paths) == [".csv", ".json", ".png"]
    assert all(p.exists() and p.parent == (tmp_path / "exports").resolve() for p in paths)
    json_path = next(p for p in paths if p.suffix == ".json")
    log = GameLog.model_validate_json(json_path.read_text(encoding="utf-8"))
    assert log.seed == 11 and len(log.turns) == debrief.game.model.scenario.meta.turns
    assert pygame.image.load(str(next(p for p in paths if p.suffix == ".png"))).get_width() > 0
    key(app, pygame.K_x)  # pressing Export again writes no second copy
    assert len(list((tmp_path / "exports").iterdir())) == 3
    assert debrief.status.startswith("Already exported")


def test_two_human_seats_take_turns_on_one_keyboard(make_app):
    app = make_app()
    key(app, pygame.K_RETURN)
    setup = app.top
    other = next(a for a in setup.entry.scenario.actors if a != setup.choices.actor)
    setup._set_option(f"seat:{other}", "human")
    setup.ring.focus("start")
    enter_until(app, TurnScene, limit=4)
    turn = app.top
    first = turn.actor
    key(app, pygame.K_e)
    key(app, pygame.K_y)
    assert isinstance(app.top, PredictScene)  # hot seat predicts by default
    key(app, pygame.K_u)
    assert isinstance(app.top, CoverScene) and turn.actor == other
    key(app, pygame.K_RETURN)
    key(app, pygame.K_e)
    key(app, pygame.K_y)
    key(app, pygame.K_d)
    assert isinstance(app.top, ResolutionScene)
    assert set(turn.game.human_actors) == {first, other}
    assert set(turn.game.predictions[0]) == {first, other}


def test_menu_help_text_size_and_resize_keep_the_game(make_app):
    app = make_app()
    turn = start_mini(app)
    key(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_F2)
    assert app.text_size == "large" and app.top is turn
    app.step_frame([pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=640, size=(1024, 640))])
    app.pump(2)
    assert app.size == (1024, 640)
    assert turn.layout is not None and turn.layout.end_turn.right <= 1024
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    app.top.dismiss("title")
    assert isinstance(app.top, TitleScene)


def test_a_scenario_path_and_actor_from_the_command_line_are_preselected(make_app, tmp_path):
    options = LaunchOptions(MINI, "mx", 5, tmp_path / "none", tmp_path / "exports")
    app = App((1280, 720), options)
    key(app, pygame.K_RETURN)
    assert app.top.choices.actor == "mx" and app.top.entry.path == MINI
    enter_until(app, BriefingScene, limit=2)


def test_run_without_a_display_prints_one_line_and_returns_1(monkeypatch, capsys):
    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    assert app_module.run() == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "python main.py simulate" in out


def test_a_whole_game_can_be_played_with_the_mouse_alone(make_app, tmp_path):
    from .ui_driver import click

    app = make_app()
    click(app, "new")
    assert isinstance(app.top, SetupScene)
    click(app, "start")
    assert isinstance(app.top, BriefingScene)
    click(app, "begin")
    turn = app.top
    assert isinstance(turn, TurnScene)
    first_card = next(c for c in turn.commands.values() if c.startswith("card:"))
    click(app, first_card)
    assert turn.chosen[turn.actor] == [first_card[5:]]
    while not isinstance(app.top, DebriefScene):
        if isinstance(app.top, TurnScene):
            click(app, "end_turn")
        elif isinstance(app.top, ConfirmScene):
            click(app, "yes")  # a month with no orders, confirmed with the mouse
        else:
            click(app, "continue")
    game = app.top.game
    assert game.ledgers[0].orders[game.human_actors[0]] == (first_card[5:],)
    click(app, "export")
    assert len(list((tmp_path / "exports").iterdir())) == 3


def test_a_frame_that_redraws_only_the_moving_parts_equals_a_whole_frame(make_app, monkeypatch):
    app = make_app(ROOT / "scenarios")
    enter_until(app, TurnScene, limit=6)
    enter_until(app, ResolutionScene)  # one month, so the meters have somewhere to move
    enter_until(app, TurnScene)
    turn = app.top
    assert len(turn.game.states) == 2 and turn.moving_rects()
    partial = []
    monkeypatch.setattr(
        app, "draw_regions", lambda r: (partial.append(r), App.draw_regions(app, r))
    )
    for progress in (0.0, 0.3, 0.6):
        turn.anim = progress
        assert app.step_frame()  # nothing pressed, no widget changed: only the moving parts
        assert partial and partial[-1] == turn.moving_rects()
        drawn = pygame.image.tobytes(app.window, "RGB")
        app.draw()
        assert pygame.image.tobytes(app.window, "RGB") == drawn
    enter_until(app, ResolutionScene)  # the month revealed animates its map and meters too
    shown = app.top
    for progress in (0.0, 0.5):
        shown.anim = progress
        assert app.step_frame() and partial[-1] == shown.moving_rects()
        drawn = pygame.image.tobytes(app.window, "RGB")
        app.draw()
        assert pygame.image.tobytes(app.window, "RGB") == drawn
    enter_until(app, TurnScene)
    partial.clear()
    turn.anim = 0.0
    key(app, pygame.K_DOWN, frames=0)  # a key: the widgets may change, so whole frames
    assert turn.animating and not partial
    turn.cards[next(iter(turn.cards))].select()  # a widget changed: a whole frame again
    app.step_frame()
    assert not partial


def test_a_cards_tooltip_is_drawn_over_the_card_titles(make_app, monkeypatch):
    import time

    import pygame_gui

    app = make_app(ROOT / "scenarios")
    turn = enter_until(app, TurnScene, limit=6) or app.top
    card = list(turn.cards.values())[1]
    position = card.get_abs_rect().center
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: position)  # the dummy driver's mouse
    motion = {"rel": (0, 0), "buttons": (0, 0, 0), "touch": False}
    app.step_frame([pygame.event.Event(pygame.MOUSEMOTION, pos=position, **motion)])
    group = app.manager.get_sprite_group()
    deadline = time.perf_counter() + 10
    tips: list = []
    while not tips and time.perf_counter() < deadline:
        time.sleep(0.05)
        app.step_frame()
        tips = [s for s in group.sprites() if isinstance(s, pygame_gui.elements.UITooltip)]
    assert tips, "no tooltip appeared"
    app.step_frame()
    tip = tips[0].rect.inflate(-12, -12)
    titles = [c.get_abs_rect() for c in turn.cards.values() if c.get_abs_rect().colliderect(tip)]
    assert titles, "the tooltip covers no card, so this checks nothing"
    drawn = app.window.subsurface(tip).copy()
    above = [s for s in group.sprites() if s.layer >= tips[0].layer and s.image is not None]
    app.window.blits([s.blit_data for s in above])  # the tooltip once more, on top
    assert pygame.image.tobytes(app.window.subsurface(tip), "RGB") == pygame.image.tobytes(
        drawn, "RGB"
    )
