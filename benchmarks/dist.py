"""Check of the standalone build (``make dist-check``): it plays, and how big and fast it is.

Runs ``dist/precursor/precursor`` from an empty temporary folder with no Python on the path:
``validate`` of the bundled scenarios, ``simulate --json -`` (a full game), and a window start
under the SDL dummy driver that quits after its first frames (then once more in Spanish and
in Chinese). Prints and returns dist_size_mb, dist_simulate_s and dist_window_start_s
(process start to exit, best of 3), and writes build/dist-check.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIST = Path("dist") / "precursor"
EXECUTABLE = DIST / ("precursor.exe" if os.name == "nt" else "precursor")
SCENARIOS = ("fentanyl_2023", "tutorial", "trilateral", "strike_pressure", "template")


def _environment(folder: Path) -> dict[str, str]:
    """The user's environment without any Python: the build must carry its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PRECURSOR_DATA_DIR"] = str(folder / "data")
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if "venv" not in p
    )
    return env


def _timed(args: list[str], folder: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(EXECUTABLE.resolve()), *args],
        cwd=folder,
        env=_environment(folder),
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"precursor {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return elapsed, done


def run() -> dict[str, float]:
    if not EXECUTABLE.is_file():
        raise SystemExit(f"{EXECUTABLE}: not built; run make dist")
    files = [f for f in DIST.rglob("*") if f.is_file() and not f.is_symlink()]
    size = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory(prefix="precursor-dist-") as name:
        folder = Path(name)
        _, validated = _timed(["validate", *SCENARIOS], folder)
        if validated.stdout.count(": ok") != len(SCENARIOS):
            raise SystemExit(f"validate did not pass every bundled scenario:\n{validated.stdout}")
        simulate_s, simulated = _timed(["simulate", "--json", "-"], folder)
        turns = len(json.loads(simulated.stdout)["turns"])
        window_s = min(_timed(["play", "--quit-after", "0.05"], folder)[0] for _ in range(3))
        for language in ("es", "zh"):  # the catalogs, Babel's data and the font are bundled
            _timed(["play", "--lang", language, "--quit-after", "0.05"], folder)
    return {
        "dist_size_mb": round(size / 2**20, 1),
        "dist_simulate_s": round(simulate_s, 2),
        "dist_simulated_turns": turns,
        "dist_window_start_s": round(window_s, 2),
    }


if __name__ == "__main__":
    results = run()
    for key, value in results.items():
        print(f"{key}: {value}")
    Path("build").mkdir(exist_ok=True)
    Path("build", "dist-check.json").write_text(json.dumps(results, indent=2) + "\n")
    sys.exit(0)
