"""The language chosen on the title screen, remembered in the user data folder.

Order at start: ``--lang``, else the last choice (``language.txt`` next to the saves), else the
system's language when the game has it, else English.
"""

from __future__ import annotations

from game.i18n import LANGUAGES, language, normalise, set_language
from game.sim.folders import data_dir

ORDER = tuple(LANGUAGES)


def _file():
    return data_dir() / "language.txt"


def saved_language() -> str | None:
    try:
        return normalise(_file().read_text(encoding="utf-8").strip())
    except OSError:
        return None


def choose_language(code: str) -> None:
    """Switch to ``code`` now and remember it (a folder that cannot be written is no error)."""
    set_language(code)
    try:
        _file().parent.mkdir(parents=True, exist_ok=True)
        _file().write_text(code + "\n", encoding="utf-8")
    except OSError:
        pass


def next_language() -> str:
    return ORDER[(ORDER.index(language()) + 1) % len(ORDER)]
