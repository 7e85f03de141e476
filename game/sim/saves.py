"""Saved games: versioned, written atomically, read back with a clear message when damaged.

Rules:
- A save records what is needed to rebuild the game exactly: the scenario file and id, the
  assumption set, the seed, the seats, and per turn the orders, injects and predictions. The
  engine is deterministic, so loading replays those orders (fast: a 24-month game is a few
  milliseconds) rather than trusting stored numbers.
- Writes are atomic: write a temporary file in the same folder, flush and fsync it, rename it
  over the target, fsync the folder. A crash at any point leaves either the old save or the new
  one, never half of one, and never touches another slot.
- Reading a save goes through ``game.format.safefile``: a pipe, a device, a link loop, a huge or
  non-UTF-8 file, bad or deep JSON, a 5,001-digit number are refused with a sentence. The data
  is then checked by a strict schema (``format`` must be exactly the integer 1; no "1", no 0);
  every failure raises SaveError with a sentence a player can act on.
- One autosave slot per game (``autosave-<game id>.json``), so two windows never share one;
  Continue opens the newest. Only the newest few autosaves are kept.
- Temporary files left by a write that was killed (``.NAME.json.XXXXXXXX``) are removed when
  the saves are next listed, once they are old enough not to belong to a write under way.
- Finished-game logs and exports never overwrite a file: ``write_new`` creates the file
  exclusively and picks ``NAME-2``, ``NAME-3``... when the name is taken.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.format import safefile
from game.sim.folders import (  # noqa: F401 - the folders are part of this module's interface
    AUTOSAVE,
    KEEP_AUTOSAVES,
    ORPHAN_AGE_S,
    _json_files,
    _mtime,
    clean_orphans,
    data_dir,
    exports_dir,
    is_autosave,
    latest_autosave,
    saves_dir,
)

SAVE_FORMAT = 2  # 2: random draws are a function of (seed, turn); format 1 games replay differently
OLDEST_FORMAT = 2
MAX_LISTED_SAVES = 500


class SaveError(Exception):
    """A save that cannot be read or written; the message says why."""


_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
_SHORT = 200  # characters of an id, a label or a seat name


class SavedTurn(BaseModel):
    model_config = _STRICT
    orders: dict[str, list[str]] = Field(description="Actor id -> action ids ordered.")
    moves: dict[str, list[dict]] = Field(
        default_factory=dict, description="Actor id -> debate moves (see game.sim.debate.Move)."
    )
    injects: list[str] = Field(default_factory=list, description="Events injected this turn.")
    predictions: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Seat -> {variable: 'up'|'down'}."
    )


class SaveFile(BaseModel):
    model_config = _STRICT
    format: int = Field(description="Save format version: exactly 1.")
    saved_at: str = Field(max_length=40, description="When it was written (ISO 8601, UTC).")
    scenario_file: str = Field(max_length=4096, description="Path of the scenario file.")
    scenario_id: str = Field(max_length=_SHORT, description="Scenario id, checked when loading.")
    scenario_version: str = Field(default="", max_length=_SHORT, description="Scenario version.")
    assumptions: str = Field(default="", max_length=_SHORT, description="Assumption set.")
    seed: int = Field(ge=-(2**63), le=2**63, description="Seed of the game.")
    seats: dict[str, str] = Field(description="Actor id -> 'human' or a computer policy.")
    player_names: dict[str, str] = Field(
        default_factory=dict, description="Actor id -> the name of the person playing it."
    )
    game_id: str = Field(
        default="", max_length=40, description="Which game this is; names its autosave slot."
    )
    turns: list[SavedTurn] = Field(
        default_factory=list, max_length=10_000, description="Turns played so far."
    )
    pending_injects: list[str] = Field(
        default_factory=list, description="Injects queued for the coming month."
    )
    label: str = Field(
        default="", max_length=1000, description="What the player sees in the slot list."
    )


def slot_path(slot: str) -> Path:
    if not slot or len(slot) > 100 or not slot.replace("_", "").replace("-", "").isalnum():
        raise SaveError(f"a save slot name uses letters, digits, - and _ only (got {slot!r})")
    return saves_dir() / f"{slot}.json"


def new_game_id() -> str:
    """A short id, different for every game started, that names the game's autosave slot."""
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(3)


def autosave_slot(game_id: str) -> str:
    """The autosave slot of one game (``autosave`` for a game without an id)."""
    return f"{AUTOSAVE}-{game_id}" if game_id else AUTOSAVE


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


def write_new(path: Path, text: str | bytes) -> Path:
    """Write ``text`` to a new file at ``path`` (or NAME-2, NAME-3...): never overwrites.

    The text is written to a temporary file first and linked into place, so the file appears
    whole or not at all; where links are not possible it is created exclusively instead.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        target = path if attempt == 1 else path.with_name(f"{path.stem}-{attempt}{path.suffix}")
        if _create_exclusive(target, text):
            return target
    raise FileExistsError(f"{path}: 999 files of this name already exist")


def _create_exclusive(target: Path, text: str | bytes) -> bool:
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (some removable drives): create it exclusively
            try:
                with open(target, "xb") as out:
                    out.write(data)
            except FileExistsError:
                return False
    finally:
        Path(temporary).unlink(missing_ok=True)
    _fsync_folder(target.parent)
    return True


def read_save(path: str | Path) -> SaveFile:
    """The save at ``path``, or SaveError saying what is wrong with it."""
    path = Path(path)
    try:
        data = safefile.read_json(path, safefile.SAVE)
    except safefile.FileProblem as exc:
        raise SaveError(_problem_sentence(path, exc)) from None
    if not isinstance(data, dict):
        raise SaveError(f"save {path.name} is damaged (not a saved game)")
    version = data.get("format")
    if type(version) is int and version > SAVE_FORMAT:
        raise SaveError(
            f"save {path.name} was made by a newer version of Precursor (save format {version}; "
            f"this version reads format {SAVE_FORMAT}): update Precursor to open it"
        )
    if type(version) is int and 1 <= version < OLDEST_FORMAT:
        raise SaveError(
            f"save {path.name} was made by an older version of Precursor (save format {version}) "
            f"whose chance events were drawn differently, so its game cannot be rebuilt exactly: "
            f"start a new game"
        )
    if type(version) is not int or version != SAVE_FORMAT:
        shown = _shown(version)
        raise SaveError(
            f"save {path.name} is not a Precursor save of a known format "
            f"(format {shown}; this version reads format {SAVE_FORMAT})"
        )
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise SaveError(f"save {path.name} is damaged ({where}: {first['msg']})") from None


def _problem_sentence(path: Path, problem: safefile.FileProblem) -> str:
    if problem.damage:
        return (
            f"save {path.name} is damaged ({problem.damage}, line {problem.line}); "
            "other saves are unaffected"
        )
    reason = problem.message
    if reason.startswith("cannot read") and ": " in reason:
        reason = reason.split(": ", 1)[1]
    return f"save {path.name} cannot be opened: {reason}"


def _shown(value: object) -> str:
    if value is None:
        return "missing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def list_saves() -> list[tuple[Path, SaveFile | SaveError]]:
    """Every save in the saves folder, newest first; damaged ones come with their error.

    Anything in the folder (a dangling link, a link loop, a pipe, garbage) is listed with the
    reason it cannot be opened; nothing here raises.
    """
    folder = saves_dir()
    clean_orphans(folder)
    found: list[tuple[float, Path, SaveFile | SaveError]] = []
    for path in _json_files(folder)[:MAX_LISTED_SAVES]:
        try:
            save: SaveFile | SaveError = read_save(path)
        except SaveError as exc:
            save = exc
        found.append((_mtime(path), path, save))
    found.sort(key=lambda item: item[0], reverse=True)
    return [(path, save) for _, path, save in found]


def prune_autosaves(keep_path: Path, keep: int = KEEP_AUTOSAVES) -> None:
    """Remove all but the newest ``keep`` autosaves (never ``keep_path``)."""
    slots = [p for p in _json_files(keep_path.parent) if is_autosave(p) and p != keep_path]
    for old in sorted(slots, key=_mtime, reverse=True)[max(0, keep - 1) :]:
        with contextlib.suppress(OSError):
            old.unlink()
