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

from tests import ui_driver  # noqa: E402  (after the SDL drivers are chosen)

EVENTS = int(os.environ.get("PRECURSOR_SOAK_EVENTS", "20000"))
SEED = 20_000
RESIZE_SHARE = 0.01
SCENES = [*ui_driver.SCENES, "trilateral"]  # the trilateral: a turn screen with four governments


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
        return [ui_driver.resize_event((rng.randint(200, 5120), rng.randint(150, 1440)))]
    if roll < 0.55:
        code = rng.choice(keys)
        return ui_driver.press(code, rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]))
    pos = (rng.randrange(max(1, size[0])), rng.randrange(max(1, size[1])))
    if roll < 0.65:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]))]
    if roll < 0.75:
        return [ui_driver.mouse_motion(pos)]
    return ui_driver.mouse_click(pos)


class Games:
    """Games to open scenes on (the scenarios loaded once)."""

    def __init__(self) -> None:
        from game.format.loader import load_scenario

        self._scenarios = {p: load_scenario(p) for p in (ui_driver.DEFAULT, ui_driver.TRILATERAL)}

    def new(self, path: Path = ui_driver.DEFAULT, turns: int = 2):
        return ui_driver.new_game(path, turns, self._scenarios[path])


def open_scene(app, name: str, games: Games) -> None:
    """Put ``name`` on top, the way the game would."""
    if name == "trilateral":
        ui_driver.open_scene(app, "turn", games.new(ui_driver.TRILATERAL))
    else:
        finished = games.new(turns=10_000) if name == "debrief" else None
        ui_driver.open_scene(app, name, games.new(), finished)


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
