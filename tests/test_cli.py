import json
import subprocess
import sys

import pytest

from game.format.reference import BEGIN, END, reference_markdown
from game.sim.gamelog import GameLog
from game.tools.cli import main

from .conftest import DATA, DEFAULT_SCENARIO, ROOT


def test_validate_a_good_file_exits_0(capsys):
    assert main(["validate", str(DATA / "mini.toml")]) == 0
    assert "ok" in capsys.readouterr().out


def test_validate_reports_every_bad_file_and_exits_2(capsys):
    broken = ROOT / "tests" / "broken"
    code = main(
        [
            "validate",
            str(DATA / "mini.toml"),
            str(broken / "unknown_actor.toml"),
            str(broken / "toml_syntax.toml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 2
    assert "unknown_actor.toml:111: actions.mx_talk.actor: unknown actor 'mxx'" in out
    assert "toml_syntax.toml:10:10: TOML syntax: Invalid value" in out


def test_validate_a_missing_file_is_bad_input_not_a_crash(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "none.toml")]) == 2
    assert "cannot read file" in capsys.readouterr().out


def test_schema_prints_a_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "actions" in schema["properties"]


def test_inspect_lists_actions_with_category_and_cost(capsys):
    assert main(["inspect", str(DATA / "mini.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    action = next(a for a in data["actions"] if a["id"] == "us_blame_mx")
    assert action == {
        "id": "us_blame_mx",
        "actor": "us",
        "category": "blame",
        "target": "mx",
        "cost": 1.0,
    }
    assert {v["id"] for v in data["variables"]} >= {"approval_us", "tension_us_mx"}


def test_simulate_writes_a_full_log_that_parses(capsys):
    assert main(["simulate", str(DATA / "mini.toml"), "--seed", "3", "--json", "-"]) == 0
    log = GameLog.model_validate_json(capsys.readouterr().out)
    assert len(log.turns) == 6 and log.seed == 3
    assert log.turns[0].date == "2023-03" and log.turns[-1].date == "2023-08"
    assert log.outcome is not None and set(log.outcome.actors) == {"us", "mx"}
    first = log.turns[0]
    for variable, terms in first.contributions.items():
        assert sum(terms.values()) == pytest.approx(
            first.variables[variable] - log.initial[variable], abs=1e-9
        )


def test_simulate_follows_a_plan_and_repeats_its_last_entry(tmp_path, capsys):
    plan = tmp_path / "plan.toml"
    plan.write_text('[orders]\nus = [["us_border"], ["us_blame_mx"]]\n')
    out = tmp_path / "log.json"
    assert (
        main(
            [
                "simulate",
                str(DATA / "mini.toml"),
                "--plan",
                str(plan),
                "--others",
                "idle",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    log = GameLog.model_validate_json(out.read_text())
    assert [t.orders["us"] for t in log.turns] == [["us_border"]] + [["us_blame_mx"]] * 5
    assert all(t.orders["mx"] == [] for t in log.turns)


def test_a_plan_with_an_impossible_order_says_which_turn(tmp_path, capsys):
    plan = tmp_path / "plan.toml"
    plan.write_text('[orders]\nus = [["us_border"], ["us_border"]]\n')
    assert main(["simulate", str(DATA / "mini.toml"), "--plan", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "turn 2: us: 'us_border' is available again in 2 months" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[orders\n", "TOML syntax"),
        ('[orders]\nca = [["x"]]\n', "orders.ca: unknown government"),
        ('[order]\nus = [["x"]]\n', "order: Extra inputs are not permitted"),
        ('[orders]\nus = [["nope"]]\n', "unknown action 'nope'"),
    ],
)
def test_broken_plans_are_bad_input_with_a_message(tmp_path, capsys, content, message):
    plan = tmp_path / "plan.toml"
    plan.write_text(content)
    assert main(["simulate", str(DATA / "mini.toml"), "--plan", str(plan)]) == 2
    assert message in capsys.readouterr().err


def test_simulate_many_games_prints_a_summary_and_writes_json(tmp_path, capsys):
    out = tmp_path / "games.json"
    assert (
        main(
            [
                "simulate",
                str(DATA / "mini.toml"),
                "--games",
                "4",
                "--policy",
                "mx=random",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    assert "summary of 4 games" in capsys.readouterr().out
    data = json.loads(out.read_text())
    assert len(data["games"]) == 4
    assert set(data["summary"]["scores"]["us"]) == {"mean", "p10", "p50", "p90"}


def test_simulate_writes_csv(tmp_path):
    out = tmp_path / "v.csv"
    assert main(["simulate", str(DATA / "mini.toml"), "--csv", str(out)]) == 0
    rows = out.read_text().splitlines()
    assert rows[0].startswith("turn,date,approval_us")
    assert len(rows) == 1 + 1 + 6


def test_unknown_policy_and_assumptions_are_bad_input(capsys):
    assert main(["simulate", str(DATA / "mini.toml"), "--policy", "us=genius"]) == 2
    assert "unknown policy 'genius'" in capsys.readouterr().err
    assert main(["simulate", str(DATA / "mini.toml"), "--assumptions", "x"]) == 2


def test_unknown_subcommand_is_bad_input():
    assert main(["dance"]) == 2


def test_default_scenario_simulates_24_turns_from_the_command_line():
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "simulate",
            str(DEFAULT_SCENARIO),
            "--seed",
            "1",
            "--json",
            "-",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    log = GameLog.model_validate_json(result.stdout)
    assert len(log.turns) == 24 or log.outcome.ended_by


def test_reference_in_docs_is_current():
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    generated = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert generated == reference_markdown().strip(), "run: python main.py reference --write"


def test_the_plan_example_in_the_readme_plays(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    plan_text = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    plan = tmp_path / "plan.toml"
    plan.write_text(plan_text)
    assert main(["simulate", str(DEFAULT_SCENARIO), "--plan", str(plan)]) == 0
    assert "us [plan]" in capsys.readouterr().out


def test_play_as_an_unknown_government_is_bad_input(capsys):
    assert main(["play", "--as", "zz"]) == 2
    assert "--as 'zz': unknown government (known: us, mx, cn)" in capsys.readouterr().err


def test_play_with_a_missing_scenario_is_bad_input(capsys, tmp_path):
    assert main(["play", str(tmp_path / "none.toml")]) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_backtest_prints_the_fit_and_plots_every_observed_series(tmp_path, capsys):
    history = str(ROOT / "scenarios" / "history" / "fentanyl_2023_history.toml")
    plot = tmp_path / "backtest.png"
    args = ["backtest", str(DEFAULT_SCENARIO), "--plan", history]
    assert main([*args, "--plot", str(plot)]) == 0
    out = capsys.readouterr().out
    assert "deaths: " in out and "MAPE" in out and "2024" in out
    import pygame

    image = pygame.image.load(str(plot))
    assert image.get_height() > 3 * image.get_width() // 2  # one panel per observed series
    assert main([*args, "--plot", str(tmp_path / "no" / "such" / "b.png")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["backtest", str(DEFAULT_SCENARIO), "--plan", str(tmp_path / "none.toml")]) == 2


def test_a_histogram_that_cannot_be_written_is_bad_input_not_a_traceback(tmp_path, capsys):
    bad = str(tmp_path / "no" / "such" / "scores.png")
    assert main(["simulate", str(DATA / "mini.toml"), "--games", "10", "--plot", bad]) == 2
    assert "cannot write" in capsys.readouterr().err
