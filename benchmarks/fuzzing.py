"""What the two fuzzers share: the report, the time limit of one case, the run and its output.

A fuzzer (benchmarks/fuzz_scenarios.py, benchmarks/fuzz_files.py) supplies its own cases and
its own check of one case. A check returns ``accepted`` (the file was read: "valid", "loaded"),
"refused" (a clear message naming the file) or a paragraph saying what went wrong, which is a
failure.
"""

from __future__ import annotations

import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class Report:
    """What a fuzz run found: counts, and the failures in full."""

    accepted_word: str = "valid"
    tried: int = 0
    accepted: int = 0
    refused: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.accepted + self.refused

    def record(self, label: str, outcome: str) -> None:
        self.tried += 1
        if outcome == self.accepted_word:
            self.accepted += 1
        elif outcome == "refused":
            self.refused += 1
        else:
            self.failures.append(f"{label}: {outcome}")

    def figures(self, prefix: str, accepted_name: str) -> dict[str, float]:
        """The benchmark's results, printing the first few failures on stderr."""
        for failure in self.failures[:5]:
            print(failure, file=sys.stderr)
        return {
            f"{prefix}_tried": self.tried,
            f"{prefix}_handled": self.handled,
            f"{prefix}_{accepted_name}": self.accepted,
            f"{prefix}_handled_share": round(self.handled / max(self.tried, 1), 4),
        }


class Hang(Exception):
    """A case took longer than its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def guarded(check: Callable[[], str], seconds: int) -> str:
    """``check()``, or a failure paragraph for a traceback or a case longer than ``seconds``.

    The limit needs SIGALRM: on Windows a hang hangs the run instead.
    """
    timed = hasattr(signal, "SIGALRM")
    previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
    if timed:
        signal.alarm(seconds)
    try:
        return check()
    except Hang:
        return f"took longer than {seconds} s"
    except BaseException:  # the point is to catch anything at all
        return "traceback:\n" + traceback.format_exc(limit=-6)
    finally:
        if timed:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def run_cases(
    cases: Iterable[tuple[str, Callable[[], str]]],
    report: Report,
    seconds: float,
    most: int | None = None,
) -> Report:
    """Check (label, check) cases until ``seconds`` have passed or ``most`` were tried."""
    deadline = time.perf_counter() + seconds
    for label, check in cases:
        if time.perf_counter() > deadline or (most is not None and report.tried >= most):
            break
        report.record(label, check())
    return report


def command_line(fuzz: Callable[..., Report], bench_seconds: float, accepted_words: str) -> None:
    """``python -m benchmarks.fuzz_x [SECONDS [SEED]]``: a longer run, every failure printed."""
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else bench_seconds
    found = fuzz(seconds, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    print(
        f"tried {found.tried}, handled {found.handled} ({found.accepted} {accepted_words}, "
        f"{found.refused} refused with the file named)"
    )
    for failure in found.failures:
        print(failure)


# --- mutations both fuzzers make -------------------------------------------------------------


def insert_stray(text: str, rng: random.Random, strays: list[str]) -> str:
    """``text`` with one of ``strays`` inserted at a random place."""
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(strays) + text[at:]


def truncate(text: str, rng: random.Random) -> str:
    """``text`` cut short at a random place."""
    return text[: rng.randrange(len(text) + 1)]
