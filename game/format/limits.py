"""Limits of the scenario format: how big a scenario file's parts may be.

Rules:
- Each limit keeps a file from crashing or stalling the game, and is far above what a real
  scenario needs (the shipped ones use a tenth or less of each).
- ``validate`` checks every limit and says which one a file passes, and where; the table in
  docs/scenario-format.md is generated from ``LIMITS`` below, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator

MAX_NUMBER = 1e15
MAX_FORMULA_LENGTH = 2000
MAX_FORMULA_DEPTH = 40
MAX_TERMS_PER_VARIABLE = 50
MAX_AUX_CHAIN = 50
MAX_ACTIONS_PER_GOVERNMENT = 100
MAX_EVENTS = 500
MAX_FILE_BYTES = 2_000_000
MAX_MESSAGE_VALUE = 60  # characters of a bad value echoed back in a message


def _within_limit(value: float) -> float:
    if abs(value) > MAX_NUMBER:
        raise ValueError(f"must be at most {MAX_NUMBER:g} in size (got {value:g})")
    return value


Number = Annotated[float, AfterValidator(_within_limit)]
"""A number field of the format: at most MAX_NUMBER in size (models also refuse nan and inf)."""


@dataclass(frozen=True)
class Limit:
    name: str
    value: str
    meaning: str


LIMITS = (
    Limit(
        "number",
        f"{MAX_NUMBER:g}",
        "Largest size of any number, in a key (`cost = ...`) or written in a formula; "
        "`nan` and `inf` are never allowed.",
    ),
    Limit("formula length", f"{MAX_FORMULA_LENGTH}", "Characters in one formula."),
    Limit(
        "formula depth",
        f"{MAX_FORMULA_DEPTH}",
        "Levels of brackets, operators and function calls inside one another in one formula.",
    ),
    Limit("terms per variable", f"{MAX_TERMS_PER_VARIABLE}", "Terms of one variable."),
    Limit(
        "aux chain",
        f"{MAX_AUX_CHAIN}",
        "Derived quantities reading one another in a row (`a` reads `b`, which reads `c`...).",
    ),
    Limit(
        "actions per government",
        f"{MAX_ACTIONS_PER_GOVERNMENT}",
        "Actions one government can choose from.",
    ),
    Limit("events", f"{MAX_EVENTS}", "Events in one file."),
    Limit("file size", f"{MAX_FILE_BYTES // 1_000_000} MB", "Size of the scenario file."),
)


def limits_markdown() -> str:
    """The table of limits, for the generated reference."""
    lines = ["| limit | at most | what it counts |", "|---|---|---|"]
    lines += [f"| {limit.name} | {limit.value} | {limit.meaning} |" for limit in LIMITS]
    return "\n".join(lines) + "\n"


def shorten(value: object, limit: int = MAX_MESSAGE_VALUE) -> str:
    """``repr(value)`` cut to about ``limit`` characters, saying how long it was."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**limit:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} characters"
    return f"{text[: limit - 10]}... ({size})"
