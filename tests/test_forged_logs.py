"""Forged, damaged and odd game logs: `replay` names what differs, `report` skips and names them.

Every forgery here is one a student could make in a text editor; each must be caught.
"""

import json
import os

import pytest

from game.format.loader import load_scenario
from game.resources import bundled_scenarios
from game.sim.gamelog import GameLog
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game
from game.tools.cli import main
from game.tools.replay import verify_log
from game.tools.report import collect, read_log

from .conftest import DATA

MINI = DATA / "mini.toml"


@pytest.fixture(scope="module")
def honest_log() -> dict:
    """A finished mini game: Ana plays the U.S. with predictions, the computer plays Mexico."""
    model = Model.build(load_scenario(MINI))
    game = Game(
        model,
        7,
        {"us": None, "mx": make_player("ai:normal", 7)},
        scenario_file=str(MINI),
        player_names={"us": "Ana"},
    )
    orders = [["us_border"], ["us_blame_mx"], [], ["us_blame_mx"], [], []]
    for month in orders:
        game.play_turn({"us": month}, {"us": {"approval_us": "up", "tension_us_mx": "down"}})
    assert game.finished
    return game.to_log().model_dump()


def verdict_of(data: dict, reseal: bool = False):
    log = GameLog.model_validate(data)
    return verify_log(log.sealed() if reseal else log)


def differences(data: dict, reseal: bool = False) -> str:
    verdict = verdict_of(data, reseal)
    assert not verdict.same
    return "\n".join(verdict.differences)


def test_the_honest_log_reproduces_exactly_and_keeps_the_players_name(honest_log):
    verdict = verdict_of(honest_log)
    assert verdict.same and verdict.finished, verdict.differences
    assert honest_log["player_names"] == {"us": "Ana"}


@pytest.mark.parametrize("reseal", [False, True], ids=["edited", "edited_and_resealed"])
def test_forged_score_999_is_caught(honest_log, reseal):
    forged = json.loads(json.dumps(honest_log))
    forged["outcome"]["actors"]["us"]["score"] = 999
    assert "outcome.actors.us.score: the log says 999.0, the replay gives" in differences(
        forged, reseal
    )


@pytest.mark.parametrize("reseal", [False, True], ids=["edited", "edited_and_resealed"])
def test_forged_all_objectives_met_is_caught(reseal):
    tutorial = bundled_scenarios() / "tutorial.toml"
    model = Model.build(load_scenario(tutorial))
    players = {"us": None, "mx": make_player("ai:normal", 7), "cn": make_player("ai:normal", 7)}
    game = Game(model, 7, players, scenario_file=str(tutorial))
    while not game.finished:
        game.play_turn({"us": []})
    honest = game.to_log().model_dump()
    assert not all(o["met"] for o in honest["outcome"]["actors"]["us"]["objectives"])
    forged = json.loads(json.dumps(honest))
    for actor in forged["outcome"]["actors"].values():
        for objective in actor["objectives"]:
            objective["met"] = True
    assert "outcome.actors.us.objectives[0].met: the log says True, the replay gives False" in (
        differences(forged, reseal)
    )


def test_forged_seat_changed_from_computer_to_human_is_caught_by_the_checksum(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["seats"]["mx"] = "human"
    assert "its checksum does not match its contents" in differences(forged)


def test_forged_seat_changed_from_human_to_computer_is_caught_by_recomputing_its_orders(
    honest_log,
):
    forged = json.loads(json.dumps(honest_log))
    forged["seats"]["us"] = "ai:normal"
    assert "us is a computer seat (ai:normal) that orders" in differences(forged, reseal=True)


@pytest.mark.parametrize("reseal", [False, True], ids=["edited", "edited_and_resealed"])
def test_forged_contribution_is_caught(honest_log, reseal):
    forged = json.loads(json.dumps(honest_log))
    terms = forged["turns"][1]["contributions"]["approval_us"]
    term = next(iter(terms))
    terms[term] += 1.0
    assert f"month 2.contributions.approval_us.{term}: the log says" in differences(forged, reseal)


def test_forged_prediction_is_caught_by_the_checksum(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["turns"][0]["predictions"]["us"]["approval_us"] = "down"
    assert "its checksum does not match" in differences(forged)


def test_forged_player_name_is_caught_by_the_checksum(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["player_names"]["us"] = "Someone else"
    assert "its checksum does not match" in differences(forged)


@pytest.mark.parametrize("reseal", [False, True], ids=["edited", "edited_and_resealed"])
def test_forged_variables_removed_are_caught(honest_log, reseal):
    forged = json.loads(json.dumps(honest_log))
    for turn in forged["turns"]:
        turn["variables"].pop("approval_us")
    assert "month 1.variables.approval_us: missing from the log" in differences(forged, reseal)


def test_forged_log_cut_to_3_turns_is_caught(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["turns"] = forged["turns"][:3]
    assert "outcome.turns_played: the log says 6, the replay gives 3" in differences(forged, True)


def test_a_log_cut_to_3_turns_with_a_matching_outcome_is_not_a_finished_game(honest_log, tmp_path):
    model = Model.build(load_scenario(MINI))
    game = Game(model, 7, {"us": None, "mx": make_player("ai:normal", 7)}, scenario_file=str(MINI))
    for _ in range(3):
        game.play_turn({"us": []})
    path = tmp_path / "short.json"
    path.write_text(game.to_log().model_dump_json())
    verdict = verify_log(read_log(path))
    assert verdict.same and not verdict.finished
    assert "the game was not finished (3 of 6 months)" in verdict.message(7)
    [(_, reason)] = collect([path], verify=True).skipped
    assert reason == "not a finished game (3 months played)"


def test_a_log_with_more_turns_than_the_scenario_is_a_difference_not_game_over(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["turns"] += [dict(forged["turns"][-1], turn=7), dict(forged["turns"][-1], turn=8)]
    found = differences(forged, reseal=True)
    assert "the log has 8 months; the scenario has only 6" in found
    assert "the game ended after month 6; the log goes on to month 8" in found


def test_a_log_of_an_unknown_scenario_id_is_a_difference(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["scenario"] = "no_such_scenario"
    forged["scenario_file"] = ""
    assert "cannot find scenario 'no_such_scenario': pass --scenario FILE" in differences(forged)


def test_a_log_whose_scenario_file_is_dev_zero_is_never_read(honest_log):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    forged = json.loads(json.dumps(honest_log))
    forged["scenario_file"] = "/dev/zero"
    assert "cannot find scenario 'mini': pass --scenario FILE" in differences(forged)


def test_orders_of_an_unknown_action_do_not_replay_with_a_message(honest_log):
    forged = json.loads(json.dumps(honest_log))
    forged["turns"][1]["orders"]["mx"] = ["no_such_card"]
    assert "month 2: does not replay: mx: unknown action 'no_such_card'" in differences(forged)


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_replay_cli_exit_codes_for_honest_forged_and_unreadable_logs(honest_log, tmp_path, capsys):
    assert main(["replay", write(tmp_path, "honest.json", honest_log)]) == 0
    assert "reproduces exactly (6 turns, seed 7)" in capsys.readouterr().out
    forged = json.loads(json.dumps(honest_log))
    forged["outcome"]["actors"]["us"]["score"] = 999
    assert main(["replay", write(tmp_path, "forged.json", forged)]) == 3
    printed = capsys.readouterr().out
    assert "does not reproduce (2 differences):" in printed and "999.0" in printed
    deep = write(tmp_path, "deep.json", '{"turns": ' + "[" * 100_000)
    assert main(["replay", deep]) == 2
    assert "nested too deeply" in capsys.readouterr().err


def test_replay_names_a_removed_variable_instead_of_refusing_the_log(honest_log, tmp_path, capsys):
    forged = json.loads(json.dumps(honest_log))
    del forged["turns"][2]["variables"]["approval_us"]
    assert main(["replay", write(tmp_path, "forged.json", forged)]) == 3
    assert "month 3.variables.approval_us: missing from the log" in capsys.readouterr().out


def test_report_verify_counts_only_honest_finished_logs_and_names_every_forgery(
    honest_log, tmp_path, capsys
):
    folder = tmp_path / "class"
    folder.mkdir()
    write(folder, "honest.json", honest_log)
    score = json.loads(json.dumps(honest_log))
    score["outcome"]["actors"]["us"]["score"] = 999
    write(folder, "score.json", score)
    seat = json.loads(json.dumps(honest_log))
    seat["seats"]["mx"] = "human"
    write(folder, "seat.json", seat)
    unsealed = json.loads(json.dumps(honest_log))
    unsealed["checksum"] = ""
    write(folder, "unsealed.json", unsealed)
    out = tmp_path / "report"
    assert main(["report", str(folder), "--out", str(out), "--verify"]) == 0
    printed = capsys.readouterr().out
    assert "read 1 game logs, skipped 3" in printed
    assert "score.json: does not replay exactly:" in printed
    assert "seat.json: does not replay exactly: the log was edited after it was written" in printed
    assert "unsealed.json: cannot be verified: it has no checksum" in printed
    assert "999" not in (out / "games.csv").read_text()
    assert "Ana" in (out / "games.csv").read_text()
    assert "| Ana | us | honest.json |" in (out / "report.md").read_text()


def test_report_without_verify_still_reads_the_forged_score_but_never_aborts(
    honest_log, tmp_path, capsys
):
    folder = tmp_path / "class"
    folder.mkdir()
    write(folder, "honest.json", honest_log)
    write(folder, "deep.json", '{"turns": ' + "[" * 100_000)
    write(
        folder, "infinity.json", json.dumps(honest_log).replace('"score": 1.0', '"score": Infinity')
    )
    missing = json.loads(json.dumps(honest_log))
    missing["key_variables"] = ["approval_us", "no_such_variable"]
    write(folder, "missing_key.json", missing)
    gone = json.loads(json.dumps(honest_log))
    del gone["turns"][-1]["variables"]["approval_us"]
    write(folder, "gone.json", gone)
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    out = tmp_path / "report"
    assert main(["report", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    skipped = {
        line.split(": ", 1)[0].rsplit("/", 1)[-1]
        for line in printed.splitlines()
        if "skipped " in line
    }
    expected = {"deep.json", "infinity.json", "missing_key.json", "gone.json", "loop.json"}
    expected |= {"dangling.json"} | ({"pipe.json"} if hasattr(os, "mkfifo") else set())
    assert expected <= skipped, printed
    assert "read 1 game logs" in printed
    report = (out / "report.md").read_text()
    assert "Infinity, which is not a number the game can use" in report
    assert "key_variables: no_such_variable not in initial" in report
    assert "turns[5].variables: missing approval_us" in report
