"""Fuzzing scenario files: mutate real scenarios and check every one gets a clear answer.

Each case takes a shipped scenario (or a test scenario), applies one to three random mutations
(numbers made nan, huge or negative; formulas replaced by random ones; dates moved; ids
swapped; lines deleted, doubled or swapped; stray characters; truncation; copied sections;
deep nesting) and runs ``validate`` on it. It is *handled* when:

- ``validate`` exits 2 and every line it prints starts with ``FILE:LINE:``, or
- ``validate`` exits 0, ``inspect`` and ``model-card`` exit 0 on it, and a whole game with
  random players (or two months with the computer player, one case in ten) stays finite:
  every value, every ledger contribution and every score of its log is a finite number;

and never when anything raises, exits otherwise, or takes longer than ``CASE_SECONDS``.

``python -m benchmarks fuzz_scenarios`` reports tried / handled over a longer run;
tests/test_fuzz_scenarios.py runs a short one in ``make test``.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import random
import re
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from benchmarks.fuzzing import Report, command_line, guarded, insert_stray, run_cases, truncate

ROOT = Path(__file__).resolve().parent.parent
BASES = [
    ROOT / "tests" / "data" / "mini.toml",
    ROOT / "tests" / "data" / "debate.toml",
    ROOT / "scenarios" / "tutorial.toml",
    ROOT / "scenarios" / "template.toml",
    ROOT / "scenarios" / "strike_pressure.toml",
    ROOT / "scenarios" / "fentanyl_2023.toml",
]
CASE_SECONDS = 20
BENCH_SECONDS = 180.0

NUMBERS = [
    "nan",
    "inf",
    "-inf",
    "+inf",
    "1e999",
    "-1e999",
    "1e308",
    "-1e308",
    "1e16",
    "1e15",
    "0",
    "-0.0",
    "-1",
    "-1000000",
    "0.000001",
    "1e-320",
    "9" * 30,
    "9" * 400,
    "9" * 5000,
    "0x7fffffff",
    "1_000",
    "2023-03",
    "true",
    '"12"',
    "[]",
    "{}",
]
STRAY = [
    "\r",
    "\x00",
    "\ufeff",
    "\\",
    '"',
    "'",
    "[",
    "]",
    "{",
    "}",
    "=",
    "#",
    "\t",
    "é",
    "\u2028",
    "\n[",
    '"""',
    "\\u",
    ",",
    ".",
]
FUNCTIONS = ["min", "max", "abs", "exp", "log", "sqrt", "clamp", "where", "open", "__import__"]
OPERATORS = ["+", "-", "*", "/", "**", "<", ">=", "==", " and ", " or ", "%", "//"]
SPECIAL_FORMULAS = [
    "exp(700)*exp(700)",
    "max(1)",
    "min(turn)",
    "1/0",
    "0**-1",
    "log(0)",
    "sqrt(-1)",
    "10**400",
    "exp(exp(exp(700)))",
    "(" * 60 + "1" + ")" * 60,
    "clamp(1, 2)",
    "where(1, 2)",
    "x.__class__",
    "'text'",
    "1e999 - 1e999",
    "-" * 200 + "1",
    "turn ** turn ** turn",
]


# --- mutations -------------------------------------------------------------------------------


def _names(text: str) -> list[str]:
    found = re.findall(
        r"^\[(?:variables|aux|parameters|delays|counters|policies)\.(\w+)\]", text, re.M
    )
    return found or ["turn"]


def random_formula(rng: random.Random, names: list[str], depth: int = 0) -> str:
    """A random expression: mostly in the language, sometimes not."""
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice([*names, "turn", rng.choice(NUMBERS[:14]), str(rng.uniform(-5, 5))])
    if roll < 0.55:
        left, right = random_formula(rng, names, depth + 1), random_formula(rng, names, depth + 1)
        return f"({left} {rng.choice(OPERATORS)} {right})"
    if roll < 0.85:
        count = rng.choice([0, 1, 1, 2, 2, 3, 3, 4])
        args = ", ".join(random_formula(rng, names, depth + 1) for _ in range(count))
        return f"{rng.choice(FUNCTIONS)}({args})"
    return rng.choice(SPECIAL_FORMULAS)


def _replace_number(text: str, rng: random.Random) -> str:
    spots = list(
        re.finditer(r"(?<=[=\s,\[{])-?\d+(?:\.\d+)?(?:e-?\d+)?(?=\s*(?:$|[,\]}#]))", text, re.M)
    )
    if not spots:
        return text
    spot = rng.choice(spots)
    return text[: spot.start()] + rng.choice(NUMBERS) + text[spot.end() :]


def _replace_formula(text: str, rng: random.Random) -> str:
    spots = list(
        re.finditer(
            r'^(\s*(?:formula|expr|when|precondition|input|time|truth) = )"[^"\n]*"', text, re.M
        )
    )
    if not spots:
        return text
    spot = rng.choice(spots)
    new = random_formula(rng, _names(text)).replace('"', "'")
    return text[: spot.start()] + spot.group(1) + json.dumps(new) + text[spot.end() :]


def _replace_date(text: str, rng: random.Random) -> str:
    spots = list(re.finditer(r'"\d{4}-\d{2}"', text))
    if not spots:
        return text
    spot = rng.choice(spots)
    year, month = rng.choice([1999, 2022, 2023, 2024, 2025, 2027, 9999]), rng.randint(0, 13)
    new = rng.choice(
        [
            f'"{year}-{month:02d}"',
            f"{year}-{month:02d}",
            f"{year}-{max(month, 1):02d}-01",
            '"end"',
            '"mean"',
        ]
    )
    return text[: spot.start()] + new + text[spot.end() :]


def _swap_id(text: str, rng: random.Random) -> str:
    spots = list(
        re.finditer(
            r'^(\s*(?:actor|target|variable|counter|policy|source|default_actor) = )"(\w*)"',
            text,
            re.M,
        )
    )
    if not spots:
        return text
    spot = rng.choice(spots)
    new = rng.choice([*_names(text), "us", "mx", "cn", "US", "", "nobody", "é", "x" * 300])
    return text[: spot.start()] + spot.group(1) + json.dumps(new) + text[spot.end() :]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.choice(["delete", "double", "swap", "move"])
    if kind == "delete":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines.insert(j, lines.pop(i))
    return "\n".join(lines)


def _stray(text: str, rng: random.Random) -> str:
    return insert_stray(text, rng, STRAY)


def _duplicate_section(text: str, rng: random.Random) -> str:
    sections = list(
        re.finditer(r"^\[(actions|events|variables|aux)\.(\w+)\]\n(?:(?!^\[).*\n?)*", text, re.M)
    )
    if not sections:
        return text
    section = rng.choice(sections)
    copies = rng.choice([1, 5, 60, 150])
    extra = "".join(
        "\n" + section.group(0).replace(f".{section.group(2)}]", f".{section.group(2)}_copy{k}]", 1)
        for k in range(copies)
    )
    return text + extra


def _long_text(text: str, rng: random.Random) -> str:
    spots = list(re.finditer(r'^(\s*\w+ = )"[^"\n]*"', text, re.M))
    if not spots:
        return text
    spot = rng.choice(spots)
    return (
        text[: spot.start()]
        + spot.group(1)
        + '"'
        + "x" * rng.choice([300, 100_000])
        + '"'
        + text[spot.end() :]
    )


def _turns(text: str, rng: random.Random) -> str:
    return re.sub(
        r"^turns = \d+", f"turns = {rng.choice([0, 1, 2, 240, 241, -3])}", text, count=1, flags=re.M
    )


def _deep(text: str, rng: random.Random) -> str:
    depth = rng.choice([50, 1000, 5000])
    value = rng.choice(["[" * depth + "]" * depth, "{a = " * depth + "1" + "}" * depth])
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), f"deep = {value}")
    return "\n".join(lines)


MUTATIONS: list[Callable[[str, random.Random], str]] = [
    _replace_number,
    _replace_number,
    _replace_formula,
    _replace_formula,
    _replace_formula,
    _replace_date,
    _swap_id,
    _lines,
    _stray,
    truncate,
    _duplicate_section,
    _long_text,
    _turns,
    _deep,
]


def mutate(text: str, rng: random.Random) -> str:
    """``text`` with one to three random mutations."""
    for _ in range(rng.choice([1, 1, 2, 3])):
        text = rng.choice(MUTATIONS)(text, rng)
    return text


# --- one case --------------------------------------------------------------------------------


def check_case(text: str, folder: Path, seed: int) -> str:
    """'valid', 'refused', or a one-paragraph description of what went wrong."""
    path = folder / f"case{seed}.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return guarded(lambda: _check_commands(path, seed), CASE_SECONDS)


def _check_commands(path: Path, seed: int) -> str:
    from game.tools.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    if code == 2:
        return _check_refusal(path, out.getvalue() + err.getvalue())
    if code != 0:
        return f"validate exited {code}: {out.getvalue()[-500:]}{err.getvalue()[-500:]}"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        for command in (["inspect", str(path)], ["model-card", str(path)]):
            if main(command) != 0:
                return f"{command[0]} exited non-zero on a valid file: {err.getvalue()[-500:]}"
    return _check_game(path, seed)


def _check_refusal(path: Path, output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    if not lines:
        return "exit 2 with no message"
    where = re.compile(re.escape(str(path)) + r":\d+(:\d+)?: \S")
    bad = [line for line in lines if not where.match(line)]
    return f"exit 2 without FILE:LINE: {bad[0][:300]!r}" if bad else "refused"


def _check_game(path: Path, seed: int) -> str:
    from game.format.loader import load_scenario
    from game.sim.model import Model
    from game.sim.players import make_player
    from game.sim.session import Game, play_out

    model = Model.build(load_scenario(path))
    policy, turns = ("ai:normal", 2) if seed % 10 == 0 else ("random", None)  # the AI is slower
    players = {actor: make_player(policy, seed) for actor in model.actor_ids}
    game = play_out(Game(model, seed, players), turns)
    data = json.loads(game.to_log().model_dump_json())
    for turn in data["turns"]:
        for key in ("variables", "contributions"):
            problem = _not_finite(turn[key], f"turn {turn.get('turn')} {key}")
            if problem:
                return problem
    return _not_finite(data.get("outcome"), "outcome") or "valid"


def _not_finite(value: object, where: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return f"game not finite: {where} holds {value!r}"
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "value" and item is None:
                continue  # an objective never measured (a month the game did not reach)
            problem = _not_finite(item, f"{where}.{key}")
            if problem:
                return problem
    if isinstance(value, list):
        for i, item in enumerate(value):
            problem = _not_finite(item, f"{where}[{i}]")
            if problem:
                return problem
    return ""


# --- a run -----------------------------------------------------------------------------------


def cases(seed: int) -> Iterator[tuple[int, str]]:
    """(case seed, mutated text) forever, reproducible from ``seed``."""
    texts = [path.read_text(encoding="utf-8") for path in BASES]
    weights = [6, 3, 3, 3, 1, 1]  # small files are faster, so they get more cases
    case = seed
    while True:
        rng = random.Random(case)
        base = rng.choices(texts, weights)[0]
        yield case, mutate(base, rng)
        case += 1


def fuzz(seconds: float, seed: int = 0, most: int | None = None) -> Report:
    """Try mutated scenarios for about ``seconds`` (or ``most`` cases); what was handled."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        checks = (
            (f"case {case}", partial(check_case, text, folder, case)) for case, text in cases(seed)
        )
        return run_cases(checks, Report("valid"), seconds, most)


def run() -> dict[str, float]:
    return fuzz(BENCH_SECONDS, seed=100_000).figures("fuzz_scenarios", "valid_games")


if __name__ == "__main__":
    command_line(fuzz, BENCH_SECONDS, "valid games")
