"""Precursor: run `python main.py` to play, `python main.py --help` for the command line."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
