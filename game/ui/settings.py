"""The player's settings, remembered between games in ``settings.json`` in the data folder.

Rules:
- A missing, unreadable or damaged file gives the defaults (never a crash), and each bad value
  falls back alone; unknown keys in the file are kept when it is written back, so settings
  added by another part (or version) of the game survive.
- Only plain JSON values (bool, number, text, lists of those).
- Writing is atomic (a temporary file, then a rename); a failure is returned as a message,
  never raised, so a read-only profile still plays.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from game.render.style import TEXT_SIZES
from game.sim.folders import data_dir

DEFAULT_SIZE = (1280, 720)
LARGEST_SIDE = 16384  # beyond any real screen; a bigger number in the file is a typo
MAX_BYTES = 64_000


def settings_path() -> Path:
    return data_dir() / "settings.json"


@dataclass
class Settings:
    confirm_empty_end_turn: bool = True  # ask before ending a month with nothing ordered
    width: int = DEFAULT_SIZE[0]  # the window, when not full screen
    height: int = DEFAULT_SIZE[1]
    fullscreen: bool = False
    text_size: str = "normal"  # one of look.TEXT_SIZES
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_path()
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                return cls()
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls) if f.name != "extra"}
        settings = cls()
        for key, value in raw.items():
            if key not in known:
                settings.extra[key] = value
            elif _acceptable(key, value, getattr(settings, key)):
                setattr(settings, key, value)
        return settings

    def save(self, path: Path | None = None) -> str:
        """Write the file; '' when written, else why not (the game goes on either way)."""
        path = path or settings_path()
        data = {**self.extra, **{k: v for k, v in asdict(self).items() if k != "extra"}}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".settings.", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(data, out, indent=1)
                os.replace(temp, path)
            finally:
                if os.path.exists(temp):
                    os.unlink(temp)
        except (OSError, TypeError, ValueError) as error:
            return f"settings not saved: {getattr(error, 'strerror', None) or error}"
        return ""


def _acceptable(key: str, value: Any, default: Any) -> bool:
    """Whether ``value`` from the file may replace the default of setting ``key``."""
    if type(value) is not type(default):  # also refuses True for a number
        return False
    if key in ("width", "height"):
        return 1 <= value <= LARGEST_SIDE
    if key == "text_size":
        return value in TEXT_SIZES
    return True


def parse_size(text: str) -> tuple[int, int]:
    """'1280x720' -> (1280, 720); ValueError with a plain message otherwise."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"a window size is WIDTHxHEIGHT, e.g. 1280x720 (got {text!r})")
    width, height = (int(p) for p in parts)
    if not (1 <= width <= LARGEST_SIDE and 1 <= height <= LARGEST_SIDE):
        raise ValueError(f"a window size is 1 to {LARGEST_SIDE} pixels a side (got {text!r})")
    return width, height
