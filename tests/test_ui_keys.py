"""Safe keys through the window (SDL dummy driver): held and queued Enters, the empty End Turn
question, the hot-seat cover, the title after a crash, greyed cards that say why, keyboard
scrolling, and the binding tables that drive keys, help and labels."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json
import shutil
from pathlib import Path

import pygame
import pytest

from game.sim.saves import latest_autosave
from game.ui import bindings
from game.ui.app import App, LaunchOptions
from game.ui.briefing import BriefingScene, seats_html
from game.ui.classroom import CoverScene
from game.ui.modal import ConfirmScene, HelpScene
from game.ui.resolution import ResolutionScene
from game.ui.scene import scroll_bar_of
from game.ui.settings import Settings, settings_path
from game.ui.setup import SetupScene
from game.ui.title import TitleScene
from game.ui.turn import TurnScene
from game.ui.words import who_plays

from .ui_driver import hold, key, key_event

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.toml"
DEFAULT = ROOT / "scenarios" / "fentanyl_2023.toml"


@pytest.fixture
def make_app(tmp_path: Path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.toml")

    def make(size=(1280, 720)) -> App:
        options = LaunchOptions(seed=3, scenarios_dir=folder, exports_dir=tmp_path / "exports")
        app = App(size, options)
        app.pump(2)
        return app

    yield make
    pygame.quit()


def to_turn(app: App) -> TurnScene:
    key(app, pygame.K_RETURN)  # title -> setup
    key(app, pygame.K_RETURN)  # setup -> briefing
    key(app, pygame.K_RETURN)  # briefing -> turn
    assert isinstance(app.top, TurnScene)
    return app.top


def test_enter_held_down_on_the_title_passes_one_screen_only(make_app):
    app = make_app()
    hold(app, pygame.K_RETURN, repeats=60)
    assert isinstance(app.top, SetupScene)
    assert len(app.stack) == 2


def test_enters_queued_in_one_stalled_frame_count_once(make_app):
    app = make_app()
    down, up = (key_event(kind, pygame.K_RETURN) for kind in (pygame.KEYDOWN, pygame.KEYUP))
    app.step_frame([down, down, down, up, down, up, down, down, up])  # repeats and new presses
    app.pump(2)
    assert isinstance(app.top, SetupScene)


def test_a_key_that_changed_the_screen_drops_the_rest_of_its_frame(make_app):
    app = make_app()
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefingScene)
    begin = key_event(pygame.KEYDOWN, pygame.K_RETURN)
    end_turn = key_event(pygame.KEYDOWN, pygame.K_e)
    app.step_frame([begin, end_turn])  # E was pressed while the briefing was shown
    app.pump(2)
    assert isinstance(app.top, TurnScene)


def test_held_keys_on_the_turn_screen_act_once_each(make_app):
    app = make_app()
    turn = to_turn(app)
    assert turn.ring.current.startswith("card:")  # each month starts on the cards
    hold(app, pygame.K_RETURN, repeats=31)
    assert len(turn.my_orders()) == 1  # ordered once, not toggled 32 times
    hold(app, pygame.K_e, repeats=30)
    assert isinstance(app.top, ResolutionScene) and len(turn.game.ledgers) == 1
    hold(app, pygame.K_RETURN, repeats=30)
    assert app.top is turn and len(turn.game.ledgers) == 1
    hold(app, pygame.K_e, repeats=30)  # nothing ordered this month: the question
    assert isinstance(app.top, ConfirmScene)
    hold(app, pygame.K_RETURN, repeats=30)  # Enter is the safe answer: back to the cards
    assert app.top is turn and len(turn.game.ledgers) == 1


def test_an_empty_end_turn_asks_and_enter_goes_back_to_the_cards(make_app):
    app = make_app()
    turn = to_turn(app)
    key(app, pygame.K_e)
    assert isinstance(app.top, ConfirmScene)
    assert app.top.question == "End the month with no orders?"
    key(app, pygame.K_RETURN)
    assert app.top is turn and turn.game.ledgers == []
    assert turn.ring.current.startswith("card:")  # back where orders are made
    key(app, pygame.K_e)
    key(app, pygame.K_y)
    assert isinstance(app.top, ResolutionScene)
    assert turn.game.ledgers[0].orders[turn.actor] == ()


def test_end_turn_with_orders_does_not_ask(make_app):
    app = make_app()
    turn = to_turn(app)
    key(app, pygame.K_a)
    key(app, pygame.K_RETURN)
    assert turn.my_orders()
    key(app, pygame.K_e)
    assert isinstance(app.top, ResolutionScene)


def test_dont_ask_again_is_remembered_in_the_settings(make_app):
    app = make_app()
    turn = to_turn(app)
    key(app, pygame.K_e)
    app.top.on_command("never")
    app.pump(2)
    assert isinstance(app.top, ResolutionScene)
    assert json.loads(settings_path().read_text())["confirm_empty_end_turn"] is False
    assert Settings.load().confirm_empty_end_turn is False
    key(app, pygame.K_RETURN)
    key(app, pygame.K_e)
    assert isinstance(app.top, ResolutionScene) and len(turn.game.ledgers) == 2


def test_a_damaged_settings_file_gives_the_defaults_and_keeps_unknown_keys(data_dir):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json", encoding="utf-8")
    assert Settings.load().confirm_empty_end_turn is True
    settings_path().write_text('{"size": [800, 600], "confirm_empty_end_turn": "no"}')
    settings = Settings.load()
    assert settings.confirm_empty_end_turn is True  # a wrong type is ignored
    settings.confirm_empty_end_turn = False
    assert settings.save() == ""
    written = json.loads(settings_path().read_text())
    assert written["size"] == [800, 600] and written["confirm_empty_end_turn"] is False


def test_the_hot_seat_cover_ignores_stray_keys_and_clicks_outside_its_button(make_app):
    app = make_app()
    key(app, pygame.K_RETURN)
    setup = app.top
    other = next(a for a in setup.entry.scenario.actors if a != setup.choices.actor)
    setup._set_option(f"seat:{other}", "human")
    setup.ring.focus("start")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, CoverScene)
    for code in (pygame.K_SPACE, pygame.K_e, pygame.K_a, pygame.K_ESCAPE, pygame.K_y):
        key(app, code)
        assert isinstance(app.top, CoverScene)
    corner = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(3, 3), button=1, touch=False)
    app.step_frame([corner])
    assert isinstance(app.top, CoverScene)
    hold(app, pygame.K_RETURN, repeats=20)
    assert isinstance(app.top, TurnScene)


def test_after_a_crash_enter_on_the_title_continues_the_saved_game(make_app):
    app = make_app()
    turn = to_turn(app)
    key(app, pygame.K_a)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_e)
    key(app, pygame.K_RETURN)  # month 1 played and autosaved
    autosaved = latest_autosave()
    assert autosaved is not None
    saved = json.loads(autosaved.read_text())["turns"]
    pygame.quit()  # the window is gone; the player starts the game again
    app = make_app()
    assert isinstance(app.top, TitleScene) and app.top.ring.current == "continue"
    for _ in range(3):
        key(app, pygame.K_RETURN)
    resumed = app.top
    assert isinstance(resumed, TurnScene) and len(resumed.game.ledgers) == len(turn.game.ledgers)
    assert latest_autosave() == autosaved  # the same game goes on in its own slot
    assert json.loads(autosaved.read_text())["turns"] == saved  # not replaced


def test_new_game_asks_before_replacing_the_autosave(make_app):
    app = make_app()
    to_turn(app)
    pygame.quit()
    app = make_app()
    app.top.ring.focus("new")
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, ConfirmScene)
    key(app, pygame.K_RETURN)  # the safe answer: keep it
    assert isinstance(app.top, TitleScene)
    key(app, pygame.K_n)
    key(app, pygame.K_y)
    assert isinstance(app.top, SetupScene)


def test_greyed_cards_take_the_focus_and_say_why_in_the_engines_words(make_app, tmp_path):
    shutil.copy(DEFAULT, tmp_path / "scenarios" / "mini.toml")  # many cards, several costs
    app = make_app()
    turn = to_turn(app)
    for action_id in turn.model.actions_by_actor[turn.actor]:
        turn.toggle(action_id)  # orders until the capital runs out
    greyed = [a for a, button in turn.cards.items() if not button.is_enabled]
    too_dear = [a for a in greyed if "costs" in turn.order_problem(a)]
    assert too_dear, "some card should be too dear once the capital is spent"
    key(app, pygame.K_a)
    seen = set()
    for _ in range(len(turn.ring.items)):
        seen.add(turn.ring.current)
        key(app, pygame.K_DOWN)
    assert {f"card:{a}" for a in greyed} <= seen
    turn.ring.focus(f"card:{too_dear[0]}")
    key(app, pygame.K_RETURN)  # Enter on a greyed card orders nothing
    assert too_dear[0] not in turn.my_orders()
    cost = turn.model.action(too_dear[0]).cost
    left = turn.capital_left()
    assert f"costs {cost:g}, you have {left:g}" in turn._detail_html()
    details = " ".join(turn.card_lines[too_dear[0]][turn.card_title_lines[too_dear[0]] :])
    assert details.startswith(f"costs {cost:g}, you have {left:g}")


def test_a_card_on_cooldown_says_for_how_long(make_app):
    app = make_app()
    turn = to_turn(app)
    with_cooldown = next(
        a for a in turn.model.actions_by_actor[turn.actor] if turn.model.action(a).cooldown
    )
    turn.toggle(with_cooldown)
    key(app, pygame.K_e)
    key(app, pygame.K_RETURN)
    problem = turn.order_problem(with_cooldown)
    assert problem.startswith("on cooldown") and "month" in problem
    assert problem in " ".join(turn.card_lines[with_cooldown])


def test_toggling_a_card_keeps_the_list_scrolled_and_the_widgets(make_app):
    app = make_app((1024, 640))
    app.cycle_text_size(1)  # large text: the card list scrolls
    turn = to_turn(app)
    last = list(turn.cards)[-1]
    turn.ring.focus(f"card:{last}")
    turn._after_focus_move()
    button = turn.cards[last]
    bar = scroll_bar_of(turn.scroller)
    before = bar.start_percentage if bar else 0.0
    key(app, pygame.K_SPACE)
    assert turn.cards[last] is button  # updated in place, not rebuilt
    assert (bar.start_percentage if bar else 0.0) == before
    assert turn.ring.current == f"card:{last}"


def scrolls(app: App, box, code: int) -> bool:
    bar = scroll_bar_of(box)
    assert bar is not None, "the text should be long enough to scroll"
    before = bar.start_percentage
    key(app, code)
    return bar.start_percentage != before


def test_help_briefing_and_resolution_texts_scroll_from_the_keyboard(make_app):
    app = make_app((1024, 640))
    app.cycle_text_size(1)
    key(app, pygame.K_F1)
    help_scene = app.top
    assert isinstance(help_scene, HelpScene)
    for _ in help_scene.pages:  # the last page, every key, is the longest
        key(app, pygame.K_RIGHT)
    assert scrolls(app, help_scene.body, pygame.K_PAGEDOWN)
    assert scrolls(app, help_scene.body, pygame.K_HOME)
    help_scene.ring.focus("text:body")
    assert scrolls(app, help_scene.body, pygame.K_DOWN)
    assert scrolls(app, help_scene.body, pygame.K_UP)
    assert scrolls(app, help_scene.body, pygame.K_END)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    briefing = app.top
    assert isinstance(briefing, BriefingScene)
    assert scrolls(app, briefing.main_text, pygame.K_PAGEDOWN)
    assert scrolls(app, briefing.main_text, pygame.K_PAGEUP)


def test_help_pages_through_how_to_play_and_ends_with_every_key(make_app):
    app = make_app()
    key(app, pygame.K_F1)
    help_scene = app.top
    pages = len(help_scene.pages)
    assert pages == 6
    for _ in range(pages + 2):
        key(app, pygame.K_RIGHT)
    assert help_scene.page == pages - 1
    assert help_scene.pages[-1][1] == bindings.help_html()
    key(app, pygame.K_F1)
    assert isinstance(app.top, TitleScene)


def test_every_binding_parses_and_every_scene_table_is_in_the_help():
    html = bindings.help_html()
    for table in (bindings.FOCUS, bindings.WINDOW, *bindings.SCENES.values()):
        for binding in table:
            for spec in binding.keys:
                code, _ = bindings.parse(spec)
                assert isinstance(code, int)
            if binding.help:
                assert binding.help in html or binding in bindings.SCENES.get("modal", ())


def test_button_labels_come_from_the_bindings(make_app):
    app = make_app()
    turn = to_turn(app)
    keys = bindings.keys_for("turn", "end_turn")
    assert keys == "E or Ctrl+Enter"
    assert turn.end_button.text == f"End Turn  ({keys})"
    e_event = key_event(pygame.KEYDOWN, pygame.K_e, pygame.KMOD_CTRL)
    assert bindings.command_for("turn", e_event) is None  # Ctrl+E is not E


def type_text(app: App, text: str) -> None:
    for char in text:
        app.step_frame([pygame.event.Event(pygame.TEXTINPUT, text=char)])
    app.pump(1)


def test_people_type_their_names_in_setup_and_the_game_says_them_in_plain_words(make_app):
    app = make_app()
    key(app, pygame.K_RETURN)
    setup = app.top
    other = next(a for a in setup.entry.scenario.actors if a != setup.choices.actor)
    setup._set_option(f"seat:{other}", "human")
    mine = setup.choices.actor
    seed = setup.choices.seed
    for actor, name in ((mine, "Ana"), (other, "Ben Okafor")):
        assert setup.ring.focus(f"name:{actor}")
        key(app, pygame.K_RETURN)  # Enter on the name box starts typing
        assert setup.typing() is not None
        type_text(app, name)
        key(app, pygame.K_n)  # a letter while typing is text, not "new seed"
        key(app, pygame.K_RETURN)  # Enter: done typing
        assert setup.typing() is None
    assert setup.choices.seed == seed
    assert setup.choices.player_names == {mine: "Ana", other: "Ben Okafor"}
    setup.ring.focus("start")
    key(app, pygame.K_RETURN)
    briefing = app.top
    assert isinstance(briefing, BriefingScene)
    game = briefing.game
    seats = seats_html(game)
    assert "ai:" not in seats and "computer (normal)" not in seats  # both seats are people
    assert game.player_names == {mine: "Ana", other: "Ben Okafor"}
    assert "Ana" in seats and "Ben Okafor" in seats
    assert game.to_log().player_names == {mine: "Ana", other: "Ben Okafor"}  # the log keeps them


def test_seats_are_named_in_plain_words(mini_model):
    from game.sim.session import Game

    game = Game(mini_model, 1, {}, seat_names={"us": "human", "mx": "ai:hard"})
    game.player_names["us"] = "Ana"
    assert who_plays(game, "us") == "Ana"
    assert who_plays(game, "mx") == "computer (hard)"


def test_a_whole_game_by_keyboard_alone_ordering_something_every_month(make_app):
    app = make_app((1024, 640))
    key(app, pygame.K_RETURN)  # New game (where the focus starts)
    assert isinstance(app.top, SetupScene)
    key(app, pygame.K_RETURN)  # Start (where the focus starts)
    key(app, pygame.K_RETURN)  # Begin
    turn = app.top
    assert isinstance(turn, TurnScene)
    months = turn.model.scenario.meta.turns
    for _ in range(4 * months + 10):
        if not isinstance(app.top, (TurnScene, ResolutionScene)):
            break
        if isinstance(app.top, ResolutionScene):
            key(app, pygame.K_RETURN)
            continue
        key(app, pygame.K_a)
        for _ in range(len(turn.cards)):  # down to a card the engine accepts
            if turn.cards[turn.ring.current[5:]].is_enabled:
                break
            key(app, pygame.K_DOWN)
        key(app, pygame.K_SPACE)
        key(app, pygame.K_e)
    game = turn.game
    assert game.finished and len(game.ledgers) == months
    assert all(ledger.orders[game.human_actors[0]] for ledger in game.ledgers)
    assert type(app.top).__name__ == "DebriefScene"


def text_items(scene) -> list[str]:
    return [command for _, command in scene.ring.items if command.startswith("text:")]


def test_every_scrolling_text_takes_the_keyboard_focus(make_app):
    app = make_app((1024, 640))
    app.cycle_text_size(1)
    turn = to_turn(app)
    assert text_items(turn) == ["text:orders", "text:news"]
    key(app, pygame.K_o)
    assert turn.ring.current == "text:orders"
    key(app, pygame.K_a)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_e)
    resolution = app.top
    assert isinstance(resolution, ResolutionScene)
    assert text_items(resolution) == ["text:orders", "text:events"]
    key(app, pygame.K_RETURN)
    key(app, pygame.K_m)
    key(app, pygame.K_RETURN)
    assert text_items(app.top) == ["text:details"]
    key(app, pygame.K_ESCAPE)
    while type(app.top).__name__ != "DebriefScene":
        key(app, pygame.K_e)
        key(app, pygame.K_y)
        key(app, pygame.K_RETURN)
    debrief = app.top
    assert text_items(debrief) == ["text:debrief"]
    assert debrief.ring.focus("text:debrief")
    box = debrief.ring.element
    assert scrolls(app, box, pygame.K_PAGEDOWN)  # the questions at the end are reachable
    assert scrolls(app, box, pygame.K_HOME)
    assert scrolls(app, box, pygame.K_DOWN)
    page = debrief.page
    debrief.ring.focus("export")
    key(app, pygame.K_PAGEDOWN)  # without the text focused, PgDn pages the charts
    assert debrief.page != page or debrief.pages == 1
