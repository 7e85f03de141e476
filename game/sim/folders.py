"""The player's folders (data, saves, exports) and the autosaves in them, without reading a save.

Light on purpose: the title screen asks whether there is a game to continue before anything
that reads saves (pydantic, the engine) is imported. ``game.sim.saves`` re-exports all of it.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

AUTOSAVE = "autosave"  # the one shared slot of older versions; still offered by Continue
KEEP_AUTOSAVES = 8
ORPHAN_AGE_S = 120  # a temporary file this old belongs to no write under way
_TEMPORARY = re.compile(r"^\..+\.(json|csv)\.[a-z0-9_]{8}$")


def data_dir() -> Path:
    """Where saves and logs go: $PRECURSOR_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get("PRECURSOR_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("precursor", appauthor=False))


def exports_dir() -> Path:
    """Where the window's exports go: $PRECURSOR_EXPORTS_DIR, else Documents/Precursor."""
    override = os.environ.get("PRECURSOR_EXPORTS_DIR")
    if override:
        return Path(override)
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Precursor"


def saves_dir() -> Path:
    return data_dir() / "saves"


def is_autosave(path: Path) -> bool:
    return path.stem == AUTOSAVE or path.stem.startswith(AUTOSAVE + "-")


def latest_autosave() -> Path | None:
    """The newest autosave slot that is a regular file, or None (Continue then has nothing)."""
    folder = saves_dir()
    clean_orphans(folder)
    slots = [p for p in _json_files(folder) if is_autosave(p) and _is_regular_file(p)]
    return max(slots, key=_mtime) if slots else None


def clean_orphans(folder: Path, older_than_s: float = ORPHAN_AGE_S) -> list[Path]:
    """Remove temporary files that a killed write left behind; the ones removed."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMPORARY.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than_s:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _json_files(folder: Path) -> list[Path]:
    try:
        return sorted(Path(e.path) for e in os.scandir(folder) if e.name.endswith(".json"))
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0
