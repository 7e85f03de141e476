"""The title screen comes up without the heavy parts (benchmarks/languages.py times it)."""

import os
import subprocess
import sys

from .conftest import ROOT

PROBE = """
import sys
from game.tools.cli import main
code = main(["play", "--lang", sys.argv[1], "--quit-after", "0.01"])
heavy = sorted(m for m in ("pydantic", "numpy", "game.sim.engine", "game.format.loader")
               if m in sys.modules)
print(code, " ".join(heavy) or "-")
"""


def test_the_title_opens_in_every_language_without_pydantic_numpy_or_the_engine(tmp_path):
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["PRECURSOR_DATA_DIR"] = str(tmp_path)
    for language in ("en", "es", "zh"):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, language],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.stdout.split() == ["0", "-"], (language, done.stdout, done.stderr[-800:])
