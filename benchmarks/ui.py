"""Benchmark of the game window under the SDL dummy driver.

``run()`` returns: startup_to_title_s; turn_resolve_ms_p50 (End Turn with one card ordered
until the resolution screen is drawn, the other governments played by the computer, the
autosave written) and turn_resolve_cpu_ms_p50 (the process's CPU time for the same);
frame_ms_p50 and frame_ms_p95 (the turn screen after a month, while the meters, map and chart
animate to the new values, 1280x720, wall clock), frame_cpu_ms (the process's CPU time per
such frame, which a busy machine inflates less) and idle_cpu_percent (turn screen, no input,
about 5 s, process CPU time over wall time); the same with a _2560x1440 suffix at 2560x1440.
Targets: p95 < 8 ms, idle < 5 % (both sizes), startup < 1.5 s, resolve < 100 ms.
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
    from tests.ui_driver import key  # not at the top: start-up is timed from the first import

    key(app, code, frames=0)  # released, or the next press is a repeat


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
    """Wall-clock milliseconds of each frame while the month's change animates."""
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


def _order_something(app, turn) -> None:
    """Order the first card that can be ordered, from the keyboard (a month with no orders
    asks first); a blame card's claim question is closed with Esc (no claim)."""
    import pygame

    for _ in range(len(turn.cards) + 1):
        if turn.my_orders():
            return
        _key(app, pygame.K_RETURN)  # the focused card
        for _ in range(3):
            if app.top is turn:
                break
            _key(app, pygame.K_ESCAPE)
        if not turn.my_orders():
            _key(app, pygame.K_DOWN)
    raise RuntimeError("no card could be ordered")


def _resolve_times(app, turn, months: int = TURNS) -> list[tuple[float, float]]:
    """End Turn (with one card ordered) until the resolution screen has been drawn: (wall,
    process CPU) milliseconds of each month."""
    import pygame

    from game.ui.resolution import ResolutionScene

    times = []
    for _ in range(months):
        if turn.game.finished:
            break
        _order_something(app, turn)
        start, cpu = time.perf_counter(), time.process_time()
        _key(app, pygame.K_e)
        if not isinstance(app.top, ResolutionScene):
            raise RuntimeError(f"End Turn led to {type(app.top).__name__}, not the resolution")
        times.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
        _key(app, pygame.K_s)
        _key(app, pygame.K_RETURN)
        app.pump(1)
    return times


def _screen_figures(size: tuple[int, int], scenarios: Path) -> dict[str, float]:
    """Frame times while the meters animate and idle CPU on the turn screen at ``size``."""
    from game.ui.app import App, LaunchOptions

    os.environ["PRECURSOR_DATA_DIR"] = tempfile.mkdtemp(prefix="precursor-bench-")  # no autosave
    app = App(size, LaunchOptions(seed=1, scenarios_dir=scenarios))
    app.pump(1)
    turn = _to_turn_screen(app)
    _resolve_times(app, turn, 1)  # a month played: the meters have somewhere to move
    app.pump(2)
    cpu = time.process_time()
    frames = _frames_while_animating(app, turn)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(frames)
    idle = _idle_cpu(app)
    suffix = "" if size == (1280, 720) else f"_{size[0]}x{size[1]}"
    return {
        f"frame_ms_p50{suffix}": round(statistics.median(frames), 2),
        f"frame_ms_p95{suffix}": round(_percentile(frames, 0.95), 2),
        f"frame_cpu_ms{suffix}": round(cpu_ms, 2),
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
    resolve = _resolve_times(app, turn)
    results = {
        "startup_to_title_s": round(startup, 3),
        "turn_resolve_ms_p50": round(statistics.median(wall for wall, _cpu in resolve), 1),
        "turn_resolve_cpu_ms_p50": round(statistics.median(cpu for _wall, cpu in resolve), 1),
    }
    import pygame

    pygame.quit()
    results.update(_screen_figures((1280, 720), scenarios))
    pygame.quit()
    results.update(_screen_figures((2560, 1440), scenarios))
    pygame.quit()
    return results


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
