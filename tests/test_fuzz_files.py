"""Fuzz: mutated saves and game logs each load fine or get a clear error naming the file.

About 30 seconds of cases from a fixed seed (a failure names its case, and
``benchmarks.fuzz_files.cases(seed, bases())`` rebuilds it). ``make bench`` runs the same
fuzzing for longer and reports tried / handled.
"""

import random

import pytest

from benchmarks.fuzz_files import bases, check_case, fuzz, mutate, place

FUZZ_SECONDS = 30
MOST_CASES = 1200  # all checked in a longer run; a faster machine must not reach unchecked ones


def test_mutated_saves_and_logs_get_a_clear_answer_never_a_traceback_or_hang():
    report = fuzz(FUZZ_SECONDS, seed=0, most=MOST_CASES)
    assert report.failures == []
    assert report.tried >= 100
    assert report.accepted > 0 and report.refused > 0  # both answers were exercised


@pytest.fixture(scope="module")
def originals():
    return bases()


def test_the_fuzzer_loads_the_real_files_and_refuses_a_cut_one(originals, tmp_path):
    for number, (kind, text) in enumerate(originals):
        path = tmp_path / f"{kind}{number}.json"
        path.write_text(text)
        assert check_case(kind, path, 1) == "loaded", (kind, number)
        path.write_text(text[: len(text) // 2])
        assert check_case(kind, path, 1) == "refused", (kind, number)


def test_the_fuzzer_reports_a_traceback_as_a_failure(originals, tmp_path, monkeypatch):
    from game.sim import session

    def crash(save):
        raise RuntimeError("boom")

    monkeypatch.setattr(session, "from_save", crash)
    kind, text = next(item for item in originals if item[0] == "save")
    path = tmp_path / "save.json"
    path.write_text(text)
    outcome = check_case(kind, path, 1)
    assert outcome.startswith("traceback:") and "RuntimeError: boom" in outcome


def test_mutations_change_the_file_and_are_reproducible(originals, tmp_path):
    text = originals[0][1]
    first = [mutate(text, random.Random(seed)) for seed in range(20)]
    assert first == [mutate(text, random.Random(seed)) for seed in range(20)]
    assert sum(data != text.encode() for data in first) >= 18
    odd = set()
    for seed in range(400):
        path = tmp_path / f"odd{seed}.json"
        place(b"{}", path, random.Random(seed))
        odd.add("file" if path.is_file() and not path.is_symlink() else "odd")
    assert odd == {"file", "odd"}  # pipes, devices and links are tried too
