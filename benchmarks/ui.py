"""Benchmark of the game window under the SDL dummy driver.

``run()`` returns: startup_to_title_s, frame_ms_p50 and frame_ms_p95 (turn screen while the
meters animate, 1280x720), idle_cpu_percent (turn screen, no input, about 5 s, process CPU time
over wall time) and turn_resolve_ms_p50 (End Turn until the resolution screen is drawn, the
other governments played by the computer); frame_ms_* and idle_cpu_percent_2560x1440 are
the same at 2560x1440. Targets: p95 < 8 ms, idle < 5 % (both sizes), startup < 1.5 s,
resolve < 100 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
# autosaves and finished-game logs go to a scratch folder, not the user's own
os.environ.setdefault("PRECURSOR_DATA_DIR", tempfile.mkdtemp(prefix="precursor-bench-"))

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

IDLE_SECONDS = 5.0
FRAMES = 240
TURNS = 8


def _key(app, code: int) -> None:
    import pygame

    for kind in (pygame.KEYDOWN, pygame.KEYUP):  # released, or the next press is a repeat
        app.step_frame([pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0)])


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _to_turn_screen(app) -> object:
    import pygame

    from game.ui.turn import TurnScene

    for _ in range(6):
        if isinstance(app.top, TurnScene):
            return app.top
        _key(app, pygame.K_RETURN)
        app.pump(1)
    raise RuntimeError("the turn screen was never reached")


def _frames_while_animating(app, turn) -> list[float]:
    times = []
    for _ in range(FRAMES):
        if turn.anim >= 1.0:
            turn.anim = 0.0
        start = time.perf_counter()
        app.step_frame()
        times.append((time.perf_counter() - start) * 1000)
    turn.anim = 1.0
    return times


def _idle_cpu(app) -> float:
    app.pump(1)
    app._last_input = 0.0  # as if the last key was long ago
    app._dirty = False
    wall, cpu = time.perf_counter(), time.process_time()
    app.run_loop(IDLE_SECONDS)
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def _resolve_times(app, turn) -> list[float]:
    import pygame

    from game.ui.resolution import ResolutionScene

    times = []
    for _ in range(TURNS):
        if turn.game.finished:
            break
        start = time.perf_counter()
        _key(app, pygame.K_e)
        if isinstance(app.top, ResolutionScene):
            times.append((time.perf_counter() - start) * 1000)
        _key(app, pygame.K_s)
        _key(app, pygame.K_RETURN)
    return times


def _screen_figures(size: tuple[int, int], scenarios: Path) -> dict[str, float]:
    """Frame times while the meters animate and idle CPU on the turn screen at ``size``."""
    from game.ui.app import App, LaunchOptions

    os.environ["PRECURSOR_DATA_DIR"] = tempfile.mkdtemp(prefix="precursor-bench-")  # no autosave
    app = App(size, LaunchOptions(seed=1, scenarios_dir=scenarios))
    app.pump(1)
    turn = _to_turn_screen(app)
    app.pump(2)
    frames = _frames_while_animating(app, turn)
    idle = _idle_cpu(app)
    suffix = "" if size == (1280, 720) else f"_{size[0]}x{size[1]}"
    return {
        f"frame_ms_p50{suffix}": round(statistics.median(frames), 2),
        f"frame_ms_p95{suffix}": round(_percentile(frames, 0.95), 2),
        f"idle_cpu_percent{suffix}": round(idle, 2),
    }


def run() -> dict[str, float]:
    start = time.perf_counter()
    from game.ui.app import App, LaunchOptions

    scenarios = ROOT / "scenarios"
    app = App((1280, 720), LaunchOptions(seed=1, scenarios_dir=scenarios))
    app.pump(1)
    startup = time.perf_counter() - start
    turn = _to_turn_screen(app)
    app.pump(2)
    frames = _frames_while_animating(app, turn)
    idle = _idle_cpu(app)
    resolve = _resolve_times(app, turn)
    results = {
        "startup_to_title_s": round(startup, 3),
        "frame_ms_p50": round(statistics.median(frames), 2),
        "frame_ms_p95": round(_percentile(frames, 0.95), 2),
        "idle_cpu_percent": round(idle, 2),
        "turn_resolve_ms_p50": round(statistics.median(resolve), 1) if resolve else float("nan"),
    }
    import pygame

    pygame.quit()
    results.update(_screen_figures((2560, 1440), scenarios))
    pygame.quit()
    return results


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
