"""The player's settings, remembered between games in ``settings.json`` in the data folder.

Rules:
- A missing, unreadable or damaged file gives the defaults (never a crash); unknown keys in the
  file are kept when it is written back, so settings added by another part of the game survive.
- Only plain JSON values (bool, number, text, lists of those).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from game.sim.saves import data_dir


def settings_path() -> Path:
    return data_dir() / "settings.json"


@dataclass
class Settings:
    confirm_empty_end_turn: bool = True  # ask before ending a month with nothing ordered
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(settings_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls) if f.name != "extra"}
        settings = cls()
        for key, value in raw.items():
            if key in known and isinstance(value, type(getattr(settings, key))):
                setattr(settings, key, value)
            elif key not in known:
                settings.extra[key] = value
        return settings

    def save(self) -> str:
        """Write the file; '' when written, else why not (the game goes on either way)."""
        data = {**self.extra, **{k: v for k, v in asdict(self).items() if k != "extra"}}
        path = settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        except OSError as error:
            return f"settings not saved: {error.strerror or error}"
        return ""
