"""Start-up to the title screen in each language, as a player sees it.

``run()`` starts ``main.py play --lang LANG`` in a new process under the SDL dummy driver, which
quits after its first frames, and returns start_to_title_{en,es,zh}_s: the best of 3 wall
times from process start to exit. Target < 1.5 s each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "es", "zh")
RUNS = 3


def _start(language: str, data: str) -> float:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["PRECURSOR_DATA_DIR"] = data
    command = [sys.executable, "main.py", "play", "--lang", language, "--quit-after", "0.01"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="precursor-bench-") as data:
        return {
            f"start_to_title_{language}_s": round(
                min(_start(language, data) for _ in range(RUNS)), 3
            )
            for language in LANGUAGES
        }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
