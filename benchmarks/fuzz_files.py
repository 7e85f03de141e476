"""Fuzzing saves and game logs: mutate real ones and check every one gets a clear answer.

Each case takes a real save or finished-game log (of the tests' mini scenario or the tutorial),
applies one to three random mutations (bytes flipped, cut short, stray characters, numbers made
huge, 5,001 digits long or non-finite, values replaced by other types, keys deleted or added,
turns doubled or swapped, nesting 50,000 deep, the format version changed, the scenario file
made /dev/zero, orders of unknown cards, seats changed) or, now and then, replaces the file
with a FIFO, a link to /dev/zero, a link loop or a dangling link. Then:

- a save is opened as the window opens it (``load_saved_game``): it is *handled* when it loads
  (and its game can be saved again) or raises SaveError whose message names the file;
- a log goes through ``replay`` (exit 0, 3, or 2 with the file named) and ``report``
  (never aborts; the file is read or named as skipped).

Anything else (a traceback, a hang longer than ``CASE_SECONDS``) is a failure.

``python -m benchmarks fuzz_files`` reports tried / handled over a longer run;
tests/test_fuzz_files.py runs about 30 seconds of it in ``make test``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from benchmarks.fuzzing import Report, command_line, guarded, insert_stray, run_cases, truncate

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.toml"
TUTORIAL = ROOT / "scenarios" / "tutorial.toml"
CASE_SECONDS = 20
BENCH_SECONDS = 120.0

ODD_VALUES: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    2**70,
    1e308,
    -0.0,
    "",
    "1",
    "human",
    "ai:normal",
    "us",
    "x" * 5000,
    [],
    {},
    [[]],
    {"kind": "claim"},
    ["us_border", "us_border"],
    ["no_such_card"],
    {"us": ["no_such_card"]},
    {"approval_us": "sideways"},
]
ODD_NUMBERS = [
    "9" * 5001,
    "-" + "9" * 5001,
    "1e999",
    "-1e999",
    "Infinity",
    "-Infinity",
    "NaN",
    "1" + "0" * 400,
    "0." + "0" * 400 + "1",
    "-0",
    "1e-400",
    "2.5",
    "-3",
]
STRAY = ["\x00", "\ufeff", "\\", '"', "[", "]", "{", "}", ",", ":", "é", "\u2028", "\n"]
SCENARIO_FILES = ["/dev/zero", "/dev/urandom", "/nonexistent/x.toml", "", ".", "/", "x" * 5000]
KINDS = ["fifo", "dev_zero", "loop", "dangling", "folder"]


# --- the real files the mutations start from ---------------------------------------------------


def bases() -> list[tuple[str, str]]:
    """(kind, JSON text) of real saves and logs: 'save' or 'log'."""
    from game.format.loader import load_scenario
    from game.sim.model import Model
    from game.sim.players import make_player
    from game.sim.session import Game, to_save

    found = []
    for path, human, plan in [
        (MINI, "us", [["us_border"], ["us_blame_mx"], [], ["us_blame_mx"], [], []]),
        (TUTORIAL, "us", [[]] * 6),
    ]:
        model = Model.build(load_scenario(path))
        players = {a: None if a == human else make_player("ai:easy", 5) for a in model.actor_ids}
        game = Game(model, 5, players, scenario_file=str(path), player_names={human: "Ana"})
        for month, orders in enumerate(plan):
            if month == 1:
                game.inject(next(iter(model.scenario.events)))
            game.play_turn({human: orders}, {human: {model.variable_ids[0]: "up"}})
            if month == 2:
                found.append(("save", to_save(game).model_dump_json(indent=1)))
        found.append(("log", game.to_log().model_dump_json(indent=1)))
    return found


# --- mutations -------------------------------------------------------------------------------


def _paths(value: object, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


def _at(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _structural(text: str, rng: random.Random) -> str:
    data = json.loads(text)
    paths = [p for p in _paths(data) if p]
    path = rng.choice(paths)
    parent, key = _at(data, path[:-1]), path[-1]
    kind = rng.choice(["replace", "replace", "delete", "add", "double", "swap", "field"])
    if kind == "replace":
        parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif kind == "delete":
        del parent[key]
    elif kind == "add" and isinstance(parent, dict):
        parent[rng.choice(["extra", "format", "turns", "seed", str(key) + "_"])] = rng.choice(
            ODD_VALUES
        )
    elif kind == "double" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif kind == "swap" and isinstance(parent, list) and len(parent) > 1:
        other = rng.randrange(len(parent))
        parent[key], parent[other] = parent[other], parent[key]
    else:
        _named_field(data, rng)
    return json.dumps(data, indent=rng.choice([None, 1]))


def _named_field(data: dict, rng: random.Random) -> None:
    """A change a person might make on purpose: format, scenario file, seats, seed, turns."""
    choice = rng.choice(["format", "scenario_file", "seats", "seed", "turns", "scenario"])
    if choice == "format":
        data["format"] = rng.choice([0, -1, "1", "2", 1, 2, 3, 1.0, None, 2**70])
    elif choice == "scenario_file":
        data["scenario_file"] = rng.choice(SCENARIO_FILES)
    elif choice == "seats" and data.get("seats"):
        actor = rng.choice(list(data["seats"]))
        data["seats"][actor] = rng.choice(["human", "ai:normal", "ai:hard", "plan", "Ana", ""])
    elif choice == "seed":
        data["seed"] = rng.choice([-1, 0, 2**63, 2**64, 10**40, "5", 5.5, True])
    elif choice == "turns" and data.get("turns"):
        cut = rng.randrange(len(data["turns"]) + 1)
        data["turns"] = data["turns"][:cut] + data["turns"][cut:] * rng.choice([0, 2, 3])
    else:
        data["scenario" if "scenario" in data else "scenario_id"] = rng.choice(
            ["tutorial", "fentanyl_2023", "mini", "nope", "", "x" * 300]
        )


def _number(text: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(text) if c.isdigit() and not text[i - 1].isalnum()]
    if not spots:
        return text
    at = rng.choice(spots)
    end = at
    while end < len(text) and (text[end].isdigit() or text[end] in ".e-+"):
        end += 1
    return text[:at] + rng.choice(ODD_NUMBERS) + text[end:]


def _deep(text: str, rng: random.Random) -> str:
    at = text.find("[", rng.randrange(len(text) + 1))
    depth = rng.choice([300, 5000, 50_000])
    if at < 0:
        return "[" * depth + text + "]" * depth
    return text[:at] + "[" * depth + "]" * depth * rng.choice([0, 1]) + text[at:]


def _stray(text: str, rng: random.Random) -> str:
    return insert_stray(text, rng, STRAY)


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    if rng.random() < 0.5:
        del lines[i]
    else:
        lines.insert(i, lines[i])
    return "\n".join(lines)


TEXT_MUTATIONS = [_number, _number, _deep, _stray, truncate, _lines]


def mutate(text: str, rng: random.Random) -> bytes:
    """``text`` with one to three mutations, as the bytes of a file."""
    for _ in range(rng.choice([1, 1, 2, 3])):
        try:
            if rng.random() < 0.55:
                text = _structural(text, rng)
            else:
                text = rng.choice(TEXT_MUTATIONS)(text, rng)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            text = rng.choice(TEXT_MUTATIONS)(text, rng)  # no longer JSON: bytes-level only
    data = text.encode("utf-8", errors="surrogatepass")
    if data and rng.random() < 0.08:
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        data = bytes(flipped)
    return data


def place(data: bytes, path: Path, rng: random.Random) -> None:
    """Write the case at ``path``: usually a file, now and then a pipe, a device or a link."""
    if rng.random() < 0.06:
        kind = rng.choice(KINDS)
        if kind == "fifo" and hasattr(os, "mkfifo"):
            os.mkfifo(path)
            return
        if kind == "dev_zero" and os.path.exists("/dev/zero"):
            path.symlink_to("/dev/zero")
            return
        if kind == "loop":
            path.symlink_to(path)
            return
        if kind == "dangling":
            path.symlink_to(path.with_name("nowhere.json"))
            return
        if kind == "folder":
            path.mkdir()
            return
    path.write_bytes(data)


# --- one case --------------------------------------------------------------------------------


def check_case(kind: str, path: Path, seed: int) -> str:
    """'loaded', 'refused', or a paragraph saying what went wrong."""
    if kind == "save":
        return guarded(lambda: _check_save(path), CASE_SECONDS)
    return guarded(lambda: _check_log(path, seed), CASE_SECONDS)


def _check_save(path: Path) -> str:
    from game.sim.saves import SaveError
    from game.sim.session import load_saved_game, to_save

    try:
        game = load_saved_game(path)
    except SaveError as exc:
        return "refused" if f"save {path.name}" in str(exc) else f"message without file: {exc}"
    to_save(game).model_dump_json()
    game.to_log()
    return "loaded"


def _check_log(path: Path, seed: int) -> str:
    from game.tools.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["replay", str(path)])
    printed = out.getvalue() + err.getvalue()
    if code not in (0, 2, 3):
        return f"replay exited {code}: {printed[-600:]}"
    if str(path) not in printed:
        return f"replay's answer does not name the file: {printed[-300:]!r}"
    report = _check_report(path, seed)
    if report:
        return report
    return "loaded" if code == 0 else "refused"


def _check_report(path: Path, seed: int) -> str:
    from game.tools.report import collect, rows, to_csv, to_markdown, write_report

    if seed % 8 == 0:  # with the charts (pygame) now and then: they are the slow part
        with tempfile.TemporaryDirectory() as out:
            loaded, _ = write_report([path], Path(out))
    else:
        loaded = collect([path])
        table = rows(loaded.logs)
        to_csv(table)
        to_markdown(loaded, table, [])
    if len(loaded.logs) + len(loaded.skipped) != 1:
        return f"report read {len(loaded.logs)} and skipped {len(loaded.skipped)} of one file"
    return ""


# --- a run -----------------------------------------------------------------------------------


def cases(seed: int, originals: list[tuple[str, str]]) -> Iterator[tuple[int, str, bytes]]:
    """(case seed, kind, bytes) forever, reproducible from ``seed``."""
    case = seed
    while True:
        rng = random.Random(case)
        kind, text = rng.choices(originals, [3, 3, 1, 1][: len(originals)])[0]
        yield case, kind, mutate(text, rng)
        case += 1


def _placed_and_checked(folder: Path, case: int, kind: str, data: bytes) -> str:
    path = folder / f"{kind}{case}.json"
    place(data, path, random.Random(-case))
    try:
        return check_case(kind, path, case)
    finally:
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()


def fuzz(seconds: float, seed: int = 0, most: int | None = None) -> Report:
    """Try mutated saves and logs for about ``seconds`` (or ``most`` cases)."""
    originals = bases()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        checks = (
            (f"case {case} ({kind})", partial(_placed_and_checked, folder, case, kind, data))
            for case, kind, data in cases(seed, originals)
        )
        return run_cases(checks, Report("loaded"), seconds, most)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ.setdefault("PRECURSOR_DATA_DIR", data_dir)
        return fuzz(BENCH_SECONDS, seed=100_000).figures("fuzz_files", "loaded")


if __name__ == "__main__":
    command_line(fuzz, BENCH_SECONDS, "loaded")
