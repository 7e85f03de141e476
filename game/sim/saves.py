"""Saved games: versioned, written atomically, read back with a clear message when damaged.

Rules:
- A save records what is needed to rebuild the game exactly: the scenario file and id, the
  assumption set, the seed, the seats, and per turn the orders, injects and predictions. The
  engine is deterministic, so loading replays those orders (fast: a 24-month game is a few
  milliseconds) rather than trusting stored numbers.
- Writes are atomic: write a temporary file in the same folder, flush and fsync it, rename it
  over the target, fsync the folder. A crash at any point leaves either the old save or the new
  one, never half of one, and never touches another slot.
- Reading a save that is not valid JSON, is cut short, fails the schema, or comes from a newer
  format raises SaveError with a sentence a player can act on.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SAVE_FORMAT = 2  # 2: random draws are a function of (seed, turn); format 1 games replay differently
OLDEST_FORMAT = 2
AUTOSAVE = "autosave"


class SaveError(Exception):
    """A save that cannot be read or written; the message says why."""


class SavedTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    orders: dict[str, list[str]] = Field(description="Actor id -> action ids ordered.")
    moves: dict[str, list[dict]] = Field(
        default_factory=dict, description="Actor id -> debate moves (see game.sim.debate.Move)."
    )
    injects: list[str] = Field(default_factory=list, description="Events injected this turn.")
    predictions: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Seat -> {variable: 'up'|'down'}."
    )


class SaveFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: int = Field(description="Save format version.")
    saved_at: str = Field(description="When it was written (ISO 8601, UTC).")
    scenario_file: str = Field(description="Path of the scenario file.")
    scenario_id: str = Field(description="Scenario id, checked when loading.")
    scenario_version: str = Field(default="", description="Scenario file version.")
    assumptions: str = Field(default="", description="Assumption set.")
    seed: int = Field(description="Seed of the game.")
    seats: dict[str, str] = Field(description="Actor id -> 'human' or a computer policy.")
    turns: list[SavedTurn] = Field(default_factory=list, description="Turns played so far.")
    pending_injects: list[str] = Field(
        default_factory=list, description="Injects queued for the coming month."
    )
    label: str = Field(default="", description="What the player sees in the slot list.")


def data_dir() -> Path:
    """Where saves and logs go: $PRECURSOR_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get("PRECURSOR_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("precursor", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def slot_path(slot: str) -> Path:
    if not slot.replace("_", "").replace("-", "").isalnum():
        raise SaveError(f"a save slot name uses letters, digits, - and _ only (got {slot!r})")
    return saves_dir() / f"{slot}.json"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_save(save: SaveFile, slot: str) -> Path:
    path = slot_path(slot)
    try:
        write_atomic(path, save.model_dump_json(indent=1))
    except OSError as exc:
        raise SaveError(f"could not write save {path}: {exc.strerror or exc}") from None
    return path


def read_save(path: str | Path) -> SaveFile:
    """The save at ``path``, or SaveError saying what is wrong with it."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"cannot read save {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(
            f"save {path.name} is damaged (cut short or overwritten); other saves are unaffected"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"save {path.name} is damaged (not a saved game)")
    version = data.get("format")
    if isinstance(version, int) and version > SAVE_FORMAT:
        raise SaveError(
            f"save {path.name} was made by a newer version of Precursor (save format {version}; "
            f"this version reads format {SAVE_FORMAT}): update Precursor to open it"
        )
    if isinstance(version, int) and version < OLDEST_FORMAT:
        raise SaveError(
            f"save {path.name} was made by an older version of Precursor (save format {version}) "
            f"whose chance events were drawn differently, so its game cannot be rebuilt exactly: "
            f"start a new game"
        )
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise SaveError(f"save {path.name} is damaged ({where}: {first['msg']})") from None


def list_saves() -> list[tuple[Path, SaveFile | SaveError]]:
    """Every save in the saves folder, newest first; damaged ones come with their error."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    found: list[tuple[Path, SaveFile | SaveError]] = []
    for path in folder.glob("*.json"):
        try:
            found.append((path, read_save(path)))
        except SaveError as exc:
            found.append((path, exc))
    return sorted(found, key=lambda item: item[0].stat().st_mtime, reverse=True)
