"""Window soak: random keys, clicks, wheel turns and resizes on every scene (SDL dummy driver).

``run()`` sends ``EVENTS`` random events (resizes from 200x150 up to 5120x1440) and returns
soak_events, soak_exceptions (target 0), soak_scenes_visited, soak_peak_rss_mb and soak_s.
Every ``EVENTS // len(SCENES)`` events the soak opens the next scene of ``SCENES`` directly, so
every scene gets its share whatever the random keys do. A crash is counted, its traceback
printed once, and the soak goes on in a new window.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PRECURSOR_DATA_DIR", tempfile.mkdtemp(prefix="precursor-soak-"))

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EVENTS = int(os.environ.get("PRECURSOR_SOAK_EVENTS", "20000"))
SEED = 20_000
RESIZE_SHARE = 0.01
SCENES = [
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
    "load",
    "debrief",
    "trilateral",
]


def _keys():
    import pygame

    return [
        pygame.K_RETURN,
        pygame.K_SPACE,
        pygame.K_ESCAPE,
        pygame.K_TAB,
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_LEFT,
        pygame.K_RIGHT,
        pygame.K_PAGEUP,
        pygame.K_PAGEDOWN,
        pygame.K_HOME,
        pygame.K_END,
        pygame.K_F1,
        pygame.K_F2,
        pygame.K_F11,
        *(getattr(pygame, f"K_{c}") for c in "abcdeimnrsuwxyl0123456789"),
    ]


def _random_events(rng: random.Random, size: tuple[int, int], keys: list[int]) -> list:
    import pygame

    roll = rng.random()
    if roll < RESIZE_SHARE:
        w, h = rng.randint(200, 5120), rng.randint(150, 1440)
        return [pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))]
    if roll < 0.55:
        code = rng.choice(keys)
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
        down = pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
        up = pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode="", scancode=0)
        return [down, up]
    pos = (rng.randrange(max(1, size[0])), rng.randrange(max(1, size[1])))
    if roll < 0.65:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]))]
    motion = pygame.event.Event(
        pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False
    )
    if roll < 0.75:
        return [motion]
    click = [
        pygame.event.Event(kind, pos=pos, button=1, touch=False)
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
    ]
    return [motion, *click]


class Games:
    """Games to open scenes on (played once, reused)."""

    def __init__(self) -> None:
        from game.format.loader import load_scenario
        from game.play.newgame import SetupChoices, start_game

        self._games = {}
        for name in ("fentanyl_2023", "trilateral"):
            path = ROOT / "scenarios" / f"{name}.toml"
            scenario = load_scenario(path)
            actor = scenario.meta.default_actor or next(iter(scenario.actors))
            self._games[name] = (scenario, path, actor, SetupChoices, start_game)

    def new(self, name: str = "fentanyl_2023", turns: int = 2):
        scenario, path, actor, choices, start = self._games[name]
        game = start(scenario, choices(path, actor, seed=3))
        for _ in range(turns):
            if game.finished:
                break
            game.play_turn({actor: []}, {})
        return game


def open_scene(app, name: str, games: Games) -> None:
    """Put ``name`` on top, the way the game would."""
    from game.ui.briefing import BriefingScene
    from game.ui.classroom import ChoiceScene, CoverScene, PredictScene
    from game.ui.debrief import DebriefScene
    from game.ui.modal import HelpScene, MenuScene
    from game.ui.resolution import ResolutionScene
    from game.ui.setup import SetupScene
    from game.ui.title import TitleScene
    from game.ui.turn import TurnScene
    from game.ui.why import WhyScene

    if name == "title":
        app.switch(TitleScene(app))
    elif name == "setup":
        app.switch(TitleScene(app))
        app.push(SetupScene(app))
    elif name == "briefing":
        app.switch(BriefingScene(app, games.new()))
    elif name == "debrief":
        app.switch(DebriefScene(app, games.new(turns=10_000), None, None))
    elif name == "cover":
        app.switch(TurnScene(app, games.new()))
        app.push(CoverScene(app, "Mexico", ""))
    else:
        game = games.new("trilateral" if name == "trilateral" else "fentanyl_2023")
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
            app.push(MenuScene(app, [("Save game", "save")]))
        elif name == "help":
            app.push(HelpScene(app))
        elif name == "load":
            app.push(ChoiceScene(app, "Load game", [(f"Save {i}", f"s{i}") for i in range(12)]))
    app.pump(1)


def run() -> dict[str, float]:
    import pygame

    from game.ui.app import App, LaunchOptions

    rng = random.Random(SEED)
    exports = Path(tempfile.mkdtemp(prefix="precursor-soak-exports-"))
    options = LaunchOptions(seed=3, scenarios_dir=ROOT / "scenarios", exports_dir=exports)
    games = Games()
    keys = _keys()
    app = App((1280, 720), options)
    exceptions, shown = 0, False
    visited: set[str] = set()
    per_scene = max(1, EVENTS // len(SCENES))
    start = time.perf_counter()
    sent = 0
    while sent < EVENTS:
        try:
            if sent % per_scene == 0:
                open_scene(app, SCENES[(sent // per_scene) % len(SCENES)], games)
            batch = _random_events(rng, app.size, keys)
            sent += 1
            app.step_frame(batch)
            if app.stack:
                visited.add(type(app.top).__name__)
            if not app.running or not app.stack:
                pygame.quit()
                app = App((1280, 720), options)
        except Exception:
            exceptions += 1
            if not shown:
                traceback.print_exc()
                shown = True
            pygame.quit()
            app = App((1280, 720), options)
    seconds = time.perf_counter() - start
    pygame.quit()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"soak visited: {', '.join(sorted(visited))}", file=sys.stderr)
    return {
        "soak_events": sent,
        "soak_exceptions": exceptions,
        "soak_scenes_visited": len(visited),
        "soak_peak_rss_mb": round(peak, 1),
        "soak_s": round(seconds, 1),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
