"""Fuzz: mutated scenarios each get exit 0 with a finite game, or exit 2 with file and line.

About 30 seconds of cases from a fixed seed (so a failure reproduces: the message names the
case, and ``benchmarks.fuzz_scenarios.cases(seed)`` rebuilds its text). ``make bench`` runs the
same fuzzing for longer and reports tried / handled.
"""

import random

from benchmarks.fuzz_scenarios import BASES, check_case, fuzz, mutate

FUZZ_SECONDS = 30
MOST_CASES = 400  # all checked in a longer run; a faster machine must not reach unchecked ones


def test_mutated_scenarios_get_a_clear_answer_never_a_traceback_or_hang():
    report = fuzz(FUZZ_SECONDS, seed=0, most=MOST_CASES)
    assert report.failures == []
    assert report.tried >= 50
    assert report.accepted > 0 and report.refused > 0  # both answers were exercised


def test_the_fuzzer_tells_a_crash_from_an_answer(tmp_path):
    good = BASES[0].read_text(encoding="utf-8")
    assert check_case(good, tmp_path, 1) == "valid"
    assert check_case(good.replace("[meta]", "[meta"), tmp_path, 2) == "refused"


def test_mutations_change_the_text_and_are_reproducible():
    text = BASES[0].read_text(encoding="utf-8")
    first = [mutate(text, random.Random(seed)) for seed in range(20)]
    again = [mutate(text, random.Random(seed)) for seed in range(20)]
    assert first == again
    assert sum(mutated != text for mutated in first) >= 15


def test_the_fuzzer_reports_a_traceback_as_a_failure(tmp_path, monkeypatch):
    import game.format.loader as loader

    def crash(text, name):
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "_validated", crash)
    outcome = check_case(BASES[0].read_text(encoding="utf-8"), tmp_path, 3)
    assert outcome.startswith("traceback:")
    assert "RuntimeError: boom" in outcome
