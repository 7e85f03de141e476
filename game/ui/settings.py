"""Window settings remembered between runs: size, full screen, text size.

Rules:
- Stored as ``settings.json`` in the user data folder (``game.sim.saves.data_dir``).
- Reading never fails: a missing, damaged or foreign file gives the defaults (and each bad
  value falls back alone); writing is atomic and a failure is returned as a message, never
  raised, so a read-only profile still plays.
- Unknown keys are kept, so a newer version's settings survive an older version's write.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from game.sim.saves import data_dir
from game.ui.look import TEXT_SIZES

DEFAULT_SIZE = (1280, 720)
LARGEST_SIDE = 16384  # beyond any real screen; a bigger number in the file is a typo
MAX_BYTES = 64_000


@dataclass
class Settings:
    width: int = DEFAULT_SIZE[0]
    height: int = DEFAULT_SIZE[1]
    fullscreen: bool = False
    text_size: str = "normal"
    other: dict = field(default_factory=dict)  # keys this version does not know

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def settings_path() -> Path:
    return data_dir() / "settings.json"


def parse_size(text: str) -> tuple[int, int]:
    """'1280x720' -> (1280, 720); ValueError with a plain message otherwise."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"a window size is WIDTHxHEIGHT, e.g. 1280x720 (got {text!r})")
    width, height = (int(p) for p in parts)
    if not (1 <= width <= LARGEST_SIDE and 1 <= height <= LARGEST_SIDE):
        raise ValueError(f"a window size is 1 to {LARGEST_SIDE} pixels a side (got {text!r})")
    return width, height


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Settings()
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    settings = Settings()
    known = {"width", "height", "fullscreen", "text_size"}
    settings.other = {k: v for k, v in raw.items() if k not in known}
    for name in ("width", "height"):
        value = raw.get(name)
        if type(value) is int and 1 <= value <= LARGEST_SIDE:
            setattr(settings, name, value)
    if isinstance(raw.get("fullscreen"), bool):
        settings.fullscreen = raw["fullscreen"]
    if raw.get("text_size") in TEXT_SIZES:
        settings.text_size = raw["text_size"]
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> str:
    """Write the settings; '' when done, else what went wrong in one line."""
    path = path or settings_path()
    content = {
        **settings.other,
        "width": settings.width,
        "height": settings.height,
        "fullscreen": settings.fullscreen,
        "text_size": settings.text_size,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".settings.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(content, out, indent=1)
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except (OSError, TypeError, ValueError) as error:
        return f"settings not saved: {getattr(error, 'strerror', None) or error}"
    return ""
