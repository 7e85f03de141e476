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


def test_balance_flags_a_single_action_repeated_all_game_that_scores_like_the_hard_ai(tmp_path):
    text = (DATA / "mini.toml").read_text()
    # blaming Mexico every month lifts approval to about 43: one card, repeated, meets it
    text = text.replace('goal = "at_least"\ntarget = 40', 'goal = "at_least"\ntarget = 41.5')
    path = tmp_path / "spammy.toml"
    path.write_text(text)
    report = check(str(path), games=4, workers=1)
    spam = report.spam["us"]
    assert spam["us_blame_mx"] >= 0.9 * report.score_share["us"]["ai:hard"] > spam["us_border"]
    assert any(
        f.startswith("United States: repeating 'us_blame_mx' all game") for f in report.flags
    )
    assert not any("doing nothing scores" in f for f in report.flags)
    printed = format_report(report)
    assert "us_blame_mx 100%, us_border" in printed and "--opponents ai:normal" in printed


def test_balance_flags_idle_play_within_10_percent_of_the_hard_ai():
    report = check(MINI, games=3, workers=1, spam=False)
    shares = report.score_share["us"]
    assert shares["idle"] >= 0.9 * shares["ai:hard"]
    assert any(f.startswith("United States: doing nothing scores") for f in report.flags)


def test_balance_json_has_every_share_and_flag_for_the_model_card(tmp_path, capsys):
    out = tmp_path / "measured.json"
    args = ["balance", MINI, "--games", "3", "--workers", "1", "--opponents", "idle"]
    assert main([*args, "--json", str(out)]) == 3
    data = json.loads(out.read_text())
    assert data["opponents"] == "idle" and data["games"] == 3
    assert set(data["shares"]["us"]) >= {"ai:hard", "random", "idle", "spam", "spam_action"}
    assert data["flags"] and data["recorded"]
    assert "(DESIGN's benchmark" in capsys.readouterr().out
    assert main([*args, "--json", str(tmp_path / "no" / "such" / "dir.json")]) == 2
