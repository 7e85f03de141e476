import json

from game.tools.balance import check, format_report
from game.tools.cli import main
from game.tools.montecarlo import Batch, run, summarise

from .conftest import DATA

MINI = str(DATA / "mini.toml")


def test_batches_give_the_same_results_on_one_or_two_processes():
    batch = Batch(MINI, {"us": "random", "mx": "ai:easy"}, games=12, first_seed=5)
    one, two = run(batch, workers=1), run(batch, workers=2)
    assert one == two
    assert [r.seed for r in one] == list(range(5, 17))


def test_summary_has_distributions_objectives_and_action_rates():
    results = run(Batch(MINI, {"us": "random", "mx": "random"}, games=10), workers=1)
    summary = summarise(results, ["approval_us"])
    assert set(summary["scores"]["us"]) == {"mean", "p10", "p50", "p90"}
    assert sum(summary["objectives_met"]["us"].values()) == 10
    assert 0 < summary["action_rates"]["us"]["us_blame_mx"] <= 1


def test_simulate_many_games_writes_json_and_a_histogram(tmp_path, capsys):
    out, plot = tmp_path / "games.json", tmp_path / "scores.png"
    args = ["simulate", MINI, "--games", "60", "--policy", "us=random", "--json", str(out)]
    assert main([*args, "--plot", str(plot), "--workers", "2"]) == 0
    printed = capsys.readouterr().out
    assert "summary of 60 games (us=random, mx=ai:normal)" in printed
    assert "seed" not in printed.split("summary")[0]  # no per-game lines for 60 games
    data = json.loads(out.read_text())
    assert len(data["games"]) == 60 and "action_rates" in data["summary"]
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_balance_flags_an_impossible_action_and_a_variable_that_never_moves(tmp_path):
    text = (DATA / "mini.toml").read_text()
    text = text.replace(
        "[actions.mx_talk]",
        """[variables.frozen]
label = "Never changes"
initial = 1

[actions.mx_never]
actor = "mx"
name = "Never possible"
category = "domestic"
cost = 1
precondition = "turn > 100"
statement = "Never."

[actions.mx_talk]""",
    )
    path = tmp_path / "flagged.toml"
    path.write_text(text)
    report = check(str(path), games=4, workers=1)
    assert "action 'mx_never' (mx) is never picked by anyone" in report.flags
    assert "variable 'frozen' never moves in any game" in report.flags
    assert "flag(s):" in format_report(report)


def test_balance_command_exits_3_and_names_what_it_flags(capsys):
    assert main(["balance", MINI, "--games", "3", "--workers", "1"]) == 3
    out = capsys.readouterr().out
    assert "United States wins whatever it does: idle it still scores 100%" in out
    assert "Mexico has no objectives: nothing it does can score" in out
