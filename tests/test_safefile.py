"""The one safe file reader: pipes, devices, links, huge numbers, deep nesting, bad bytes."""

import os
import subprocess
import sys
import time

import pytest

from game.format import safefile
from game.format.loader import ScenarioError, load_scenario
from game.format.safefile import LOG, PLAN, SAVE, SCENARIO, FileProblem

from .conftest import DATA, ROOT

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")


def problem(path, kind=SAVE, reader=safefile.read_json) -> FileProblem:
    with pytest.raises(FileProblem) as caught:
        reader(path, kind)
    return caught.value


@needs_fifo
def test_a_fifo_named_json_is_refused_at_once_not_read(tmp_path):
    fifo = tmp_path / "save.json"
    os.mkfifo(fifo)
    started = time.perf_counter()
    found = problem(fifo)
    assert time.perf_counter() - started < 1
    assert str(found) == f"{fifo}:1: cannot read this save: it is a named pipe (FIFO), not a file"


@needs_dev_zero
def test_a_symlink_to_dev_zero_is_a_device_not_a_file(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    assert "it is a device, not a file" in str(problem(link))


def test_a_symlink_loop_is_named_as_a_loop(tmp_path):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert str(problem(loop)).endswith("cannot read file: it is a link that loops back on itself")


def test_a_dangling_link_names_its_missing_target(tmp_path):
    link = tmp_path / "gone.json"
    link.symlink_to(tmp_path / "nowhere.json")
    assert "it is a link to" in str(problem(link)) and "which does not exist" in str(problem(link))


def test_a_folder_is_not_a_file(tmp_path):
    assert str(problem(tmp_path)).endswith("cannot read this save: it is a folder, not a file")


def test_a_file_over_the_kind_cap_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (PLAN.max_bytes + 1))
    assert "this plan is larger than 1 MB" in str(problem(big, PLAN, safefile.read_toml))


def test_deep_json_is_nested_too_deeply_with_its_line(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"turns":\n' + "[" * 100_000)
    found = problem(deep, LOG)
    assert (found.line, found.damage) == (2, "nested too deeply")
    assert "this game log is nested too deeply" in found.message


def test_a_5001_digit_number_is_refused_with_its_line(tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{\n "seed": ' + "9" * 5001 + "\n}")
    found = problem(path)
    assert (found.line, found.column) == (2, 10)
    assert "a number of 5,001 digits, too long" in found.message


def test_a_5001_digit_integer_in_toml_is_refused_with_its_line(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text("[orders]\nus = " + "9" * 5001 + "\n")
    found = problem(path, PLAN, safefile.read_toml)
    assert found.line == 2 and "too long to read" in found.message


@pytest.mark.parametrize("literal", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_non_finite_json_numbers_are_refused(tmp_path, literal):
    path = tmp_path / "inf.json"
    path.write_text('{"label": "Infinity and NaN",\n "score": ' + literal + "}")
    found = problem(path, LOG)
    assert found.line == 2 and literal in found.message


def test_a_bom_is_accepted_and_dropped(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert safefile.read_json(path, SAVE) == {"a": 1}


def test_not_utf8_names_the_line_and_column_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes("[meta]\nid = 'x'\ntitle = 'Caf\u00e9'\n".encode("latin-1"))
    found = problem(path, SCENARIO, safefile.read_toml)
    assert (found.line, found.column) == (3, 13)
    assert "not UTF-8 text (byte 0xe9 here); save it again as UTF-8" in found.message


def test_cut_json_says_cut_short_with_its_line(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"a": [1,\n2,\n')
    found = problem(path)
    assert found.line == 3 and found.damage == "cut short or overwritten"


def test_load_scenario_turns_every_file_problem_into_a_scenario_error_with_the_line(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes((DATA / "mini.toml").read_bytes().replace(b"Mexico", b"M\xe9xico", 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    [found] = caught.value.problems
    assert found.line > 1 and "not UTF-8 text" in found.message


def test_a_scenario_with_a_bom_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "mini.toml").read_bytes())
    assert load_scenario(path).meta.id == "mini"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


@needs_dev_zero
def test_validate_dev_zero_answers_at_once_with_exit_2():
    result = run_cli("validate", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero:1: cannot read this scenario: it is a device, not a file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@needs_fifo
def test_validate_a_fifo_answers_at_once_with_exit_2(tmp_path):
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    result = run_cli("validate", str(fifo))
    assert result.returncode == 2 and "it is a named pipe (FIFO), not a file" in result.stdout


@needs_dev_zero
def test_simulate_with_a_plan_that_is_dev_zero_is_bad_input():
    result = run_cli("simulate", str(DATA / "mini.toml"), "--plan", "/dev/zero")
    assert result.returncode == 2
    assert "/dev/zero:1: cannot read this plan: it is a device" in result.stderr


def test_a_plan_with_a_syntax_error_names_its_line(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('[orders]\nus = [["a"],\n')
    result = run_cli("simulate", str(DATA / "mini.toml"), "--plan", str(plan))
    assert result.returncode == 2 and f"{plan}:2:" in result.stderr
