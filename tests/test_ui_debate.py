"""The debate through the window (SDL dummy driver): a hot-seat game in which one seat blames
with evidence, the other rebuts, a deal is proposed, accepted and broken, down to the debrief's
argument record."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import shutil
from pathlib import Path

import pygame
import pytest

from game.ui.app import App, LaunchOptions
from game.ui.classroom import CoverScene, PredictScene
from game.ui.debate import DebateScene
from game.ui.debrief import DebriefScene
from game.ui.modal import ConfirmScene
from game.ui.pick import PickScene
from game.ui.resolution import ResolutionScene
from game.ui.setup import SetupScene
from game.ui.summary import actor_style
from game.ui.terms import TermsScene
from game.ui.turn import TurnScene

from .ui_driver import click, key

DEBATE = Path(__file__).resolve().parent / "data" / "debate.toml"


@pytest.fixture
def app(tmp_path: Path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(DEBATE, folder / DEBATE.name)
    options = LaunchOptions(seed=3, scenarios_dir=folder, exports_dir=tmp_path / "exports")
    window = App((1280, 720), options)
    window.pump(1)
    yield window
    pygame.quit()


def start_hot_seat(app: App) -> TurnScene:
    app.top.ring.focus("new")
    key(app, pygame.K_RETURN)
    if isinstance(app.top, ConfirmScene):
        key(app, pygame.K_y)
    setup = app.top
    assert isinstance(setup, SetupScene)
    for actor in setup.entry.scenario.actors:
        setup._set_option(f"seat:{actor}", "human")
    setup.ring.focus("start")
    key(app, pygame.K_RETURN)  # briefing
    key(app, pygame.K_RETURN)  # the cover of the first seat
    assert isinstance(app.top, CoverScene)
    return app.stack[0]


def past_cover(app: App, turn: TurnScene, actor: str) -> None:
    assert isinstance(app.top, CoverScene)
    key(app, pygame.K_RETURN)
    assert turn.actor == actor


def choose(app: App, wanted: str) -> str:
    """Click the debate pop-up's option whose label contains ``wanted``; its label."""
    popup = app.top
    assert isinstance(popup, DebateScene), type(popup).__name__
    index = next(i for i, label in enumerate(popup.options) if wanted in label)
    click(app, f"option:{index}")
    return popup.options[index]


def end_month(app: App, turn: TurnScene) -> None:
    key(app, pygame.K_e)
    while isinstance(app.top, ConfirmScene | PredictScene):
        key(app, pygame.K_y if isinstance(app.top, ConfirmScene) else pygame.K_u)


def reveal(app: App) -> None:
    assert isinstance(app.top, ResolutionScene)
    app.top.anim = 1.0
    key(app, pygame.K_RETURN)


def test_a_hot_seat_argues_a_month_out_strikes_a_deal_breaks_it_and_reads_the_record(app):
    turn = start_hot_seat(app)
    game = turn.game
    # month 1: the U.S. blames Mexico with the DEA's evidence; Mexico offers a deal
    past_cover(app, turn, "us")
    turn.on_command("card:us_blame_mx")  # as a click or Enter on the card sends it
    pick = app.top
    assert isinstance(pick, PickScene)
    assert pick.claim == "made_in_mexico" and pick.chosen == ["dea_report", "rumour"]
    click(app, "card:rumour")  # the mouse drops the weak card
    assert pick.chosen == ["dea_report"]
    assert "A rumour" not in pick.preview_box.html_text.split("Also usable")[0]
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)  # the keyboard makes the case
    assert "Claim:" in turn._detail_html()  # the seat sees its own case, still secret
    end_month(app, turn)
    past_cover(app, turn, "mx")
    assert "Claim:" not in turn._detail_html()  # nothing of the other seat's case
    key(app, pygame.K_d)
    choose(app, "Lab raids for a gun crackdown")
    editor = app.top
    assert isinstance(editor, TermsScene)
    assert editor.chosen == {"proposer": 0, "partner": 0, "months": 2}  # the template: 4 months
    key(app, pygame.K_DOWN)  # the keyboard: down to the months, one fewer
    key(app, pygame.K_DOWN)
    key(app, pygame.K_LEFT)
    click(app, "more:partner")  # the mouse: ask the U.S. to stop blaming instead
    assert editor.chosen == {"proposer": 0, "partner": 1, "months": 1}
    assert "3 months" in editor.preview_box.html_text
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)
    [offer] = turn.flow.moves["mx"]
    assert (offer.kind, offer.months, offer.partner_does) == ("propose", 3, 2)
    end_month(app, turn)
    reveal(app)
    [statement] = [e for e in game.ledgers[0].debate if e.kind == "statement"]
    assert statement.actor == "us" and statement.evidence == ("dea_report",)
    assert any(e.kind == "proposal" for e in game.ledgers[0].debate)
    # month 2: the U.S. accepts the offer; Mexico rebuts the accusation
    past_cover(app, turn, "us")
    choose(app, "Accept")
    end_month(app, turn)
    past_cover(app, turn, "mx")
    choose(app, "Rebut")
    pick = app.top
    assert isinstance(pick, PickScene) and pick.claim == "not_made_here"
    assert "United States said:" in pick.preview_box.html_text  # what is being answered
    assert not pick.rows["card:overdose_data"].is_enabled  # it backs the other answer
    key(app, pygame.K_DOWN)  # to the second answer, and pick it
    key(app, pygame.K_RETURN)
    assert pick.claim == "demand_problem" and pick.chosen == ["overdose_data"]
    assert not pick.rows["card:amlo_letter"].is_enabled
    click(app, "confirm")
    end_month(app, turn)
    reveal(app)
    kinds = {e.kind for e in game.ledgers[1].debate}
    assert {"accepted", "rebuttal"} <= kinds
    [rebuttal] = [e for e in game.ledgers[1].debate if e.kind == "rebuttal"]
    assert (rebuttal.claim, rebuttal.evidence) == ("demand_problem", ("overdose_data",))
    [deal] = game.state.debate.deals  # running from this month, on the edited terms
    assert deal.months_left == 3 and deal.terms.partner == 1
    # month 3: Mexico raids no lab: the deal is broken
    for actor in ("us", "mx"):
        past_cover(app, turn, actor)
        end_month(app, turn)
    reveal(app)
    assert [(e.kind, e.actor) for e in game.ledgers[2].debate if e.kind == "broken"] == [
        ("broken", "mx")
    ]
    # to the end: the debrief's argument record tells the story
    for _ in range(400):
        top = app.top
        if isinstance(top, DebriefScene):
            break
        if isinstance(top, CoverScene):
            key(app, pygame.K_RETURN)
        elif isinstance(top, DebateScene | PickScene | TermsScene):
            key(app, pygame.K_ESCAPE)
        elif isinstance(top, TurnScene):
            end_month(app, top)
        elif isinstance(top, ResolutionScene):
            reveal(app)
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    assert "Argument record" in debrief.side_html
    lost = "lost 1" if not rebuttal.won else "lost 0"
    assert f"rebuttals won {int(bool(rebuttal.won))}, {lost}" in debrief.side_html
    assert "broken 1" in debrief.side_html
    # the argument record's credibility chart: the last page of the charts
    for _ in range(debrief.pages):
        if debrief.on_credibility:
            break
        click(app, "charts")
    assert debrief.on_credibility
    app.pump(2)
    for actor in ("us", "mx"):  # a line per government across the chart
        colour, _shape = actor_style(game, actor)
        assert line_columns(debrief.charts, colour) > debrief.charts.width // 2


def line_columns(area: pygame.Rect, colour) -> int:
    """How many pixel columns of ``area`` on the screen hold ``colour`` (a line's width)."""
    surface = pygame.display.get_surface()
    return sum(
        any(surface.get_at((x, y))[:3] == tuple(colour[:3]) for y in range(area.top, area.bottom))
        for x in range(area.left, area.right)
    )
