"""Scripted input for the window, shared by the window tests and the window benchmarks
(benchmarks/ui.py, benchmarks/soak.py): key presses, clicks and resizes as events, a game some
months in, and every scene opened directly the way the game would open it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.sim.session import Game
from game.ui.app import App

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "fentanyl_2023.toml"
TRILATERAL = ROOT / "scenarios" / "trilateral.toml"
SCENES = (
    "title",
    "setup",
    "briefing",
    "turn",
    "why",
    "resolution",
    "predict",
    "cover",
    "inject",
    "menu",
    "help",
    "message",
    "load",
    "debrief",
)


def key_event(kind: int, code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(kind, key=code, mod=mod, unicode="", scancode=0)


def press(code: int, mod: int = 0) -> list[pygame.event.Event]:
    """A key pressed and released."""
    return [key_event(pygame.KEYDOWN, code, mod), key_event(pygame.KEYUP, code, mod)]


def key(app: App, code: int, mod: int = 0, frames: int = 2) -> None:
    """Press and release one key (a frame each), and let ``frames`` frames run."""
    for event in press(code, mod):
        app.step_frame([event])
    app.pump(frames)


def hold(app: App, code: int, repeats: int, mod: int = 0) -> None:
    """Hold a key down: the press, ``repeats`` key-repeat events one frame apart, the release."""
    app.step_frame([key_event(pygame.KEYDOWN, code, mod)])
    for _ in range(repeats):
        app.step_frame([key_event(pygame.KEYDOWN, code, mod)])
    app.step_frame([key_event(pygame.KEYUP, code, mod)])
    app.pump(2)


def mouse_motion(position: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(
        pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0), touch=False
    )


def mouse_click(position: tuple[int, int]) -> list[pygame.event.Event]:
    """The mouse moved to ``position``, its left button pressed and released there."""
    return [mouse_motion(position)] + [
        pygame.event.Event(kind, pos=position, button=1, touch=False)
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
    ]


def click(app: App, command: str, frames: int = 2) -> None:
    """Click, with the mouse, the top scene's widget that sends ``command``."""
    widget = next(w for w, c in app.top.commands.items() if c == command)
    for event in mouse_click(widget.get_abs_rect().center):
        app.step_frame([event])
    app.pump(frames)


def resize_event(size: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)


def resize(app: App, size: tuple[int, int]) -> None:
    app.step_frame([resize_event(size)])
    app.pump(1)


def new_game(path: Path = DEFAULT, turns: int = 0, scenario=None) -> Game:
    """A game of ``path`` (or of the loaded ``scenario``) as its default government, played
    ``turns`` months with no orders."""
    from game.format.loader import load_scenario
    from game.play.newgame import SetupChoices, start_game

    scenario = scenario or load_scenario(path)
    actor = scenario.meta.default_actor or next(iter(scenario.actors))
    game = start_game(scenario, SetupChoices(path, actor, seed=3))
    for _ in range(turns):
        if game.finished:
            break
        game.play_turn({actor: []}, {})
    return game


def open_scene(app: App, name: str, game: Game, finished: Game | None = None) -> None:
    """Put the scene called ``name`` (one of ``SCENES``) on top of the window the way the game
    would: on ``game``, a game some months in; the debrief on ``finished`` (else ``game``)."""
    from game.ui.briefing import BriefingScene
    from game.ui.classroom import ChoiceScene, CoverScene, PredictScene
    from game.ui.debrief import DebriefScene
    from game.ui.modal import HelpScene, MenuScene, MessageScene
    from game.ui.resolution import ResolutionScene
    from game.ui.setup import SetupScene
    from game.ui.title import TitleScene
    from game.ui.turn import TurnScene
    from game.ui.why import WhyScene

    if name in ("title", "setup"):
        app.switch(TitleScene(app))
        if name == "setup":
            app.push(SetupScene(app))
    elif name == "briefing":
        app.switch(BriefingScene(app, game))
    elif name == "debrief":
        app.switch(DebriefScene(app, finished or game, None, Path("/tmp/logs")))
    elif name == "cover":
        app.switch(TurnScene(app, game))
        app.push(CoverScene(app, "Mexico", "A new month: the first player chooses."))
    else:
        turn = TurnScene(app, game)
        app.switch(turn)
        if name == "why":
            app.push(WhyScene(app, game, turn.meters[0], turn.meters))
        elif name == "resolution":
            app.push(ResolutionScene(app, game, game.ledgers[-1], game.human_actors[0]))
        elif name == "predict":
            app.push(PredictScene(app, "Overdose deaths", "6,000", "United States"))
        elif name == "inject":
            turn.open_injects()
        elif name == "menu":
            app.push(MenuScene(app, [("Save game  (Ctrl+S)", "save")]))
        elif name == "help":
            app.push(HelpScene(app))
        elif name == "message":
            app.push(MessageScene(app, "Problems in x.toml", "line 1<br>" * 40))
        elif name == "load":
            choices = [(f"Save {i}: turn {i}", f"save{i}") for i in range(12)]
            app.push(ChoiceScene(app, "Load game", choices, "Pick a save"))
    app.pump(2)
