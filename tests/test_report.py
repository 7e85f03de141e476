import csv
import json

from game.sim.gamelog import GameLog
from game.tools.cli import main

from .conftest import DATA


def make_logs(folder, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(count):
        policy = "random" if seed % 2 else "ai:easy"
        assert (
            main(
                [
                    "simulate",
                    str(DATA / "mini.toml"),
                    "--seed",
                    str(seed),
                    "--policy",
                    f"us={policy}",
                    "--json",
                    str(folder / f"game{seed:02d}.json"),
                ]
            )
            == 0
        )


def test_report_on_30_logs_and_2_broken_files_writes_all_outputs_and_names_the_broken(
    tmp_path, capsys
):
    logs = tmp_path / "class"
    make_logs(logs, 30)
    (logs / "broken.json").write_text('{"scenario": "mini", "turns": [')
    (logs / "notes.json").write_text(json.dumps({"hello": "world"}))
    out = tmp_path / "report"
    assert main(["report", str(logs), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "read 30 game logs, skipped 2" in printed
    assert "broken.json: not readable JSON (damaged or cut short, line 1)" in printed
    assert "notes.json: not a Precursor game log" in printed
    rows = list(csv.DictReader((out / "games.csv").open()))
    assert len(rows) == 30 * 2
    assert {r["country"] for r in rows} == {"us", "mx"}
    assert {r["seat"] for r in rows if r["country"] == "us"} == {"random", "ai:easy"}
    summary = (out / "report.md").read_text()
    assert "30 games read, 2 files skipped." in summary and "broken.json" in summary
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert "scores.png" in pngs and len(pngs) >= 2
    assert all((out / p).read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_prediction_accuracy_is_scored_per_seat(tmp_path):
    from game.tools.report import prediction_accuracy

    log_path, plan = tmp_path / "log.json", tmp_path / "plan.toml"
    plan.write_text('[orders]\nus = [["us_blame_mx"]]\n')
    main(["simulate", str(DATA / "mini.toml"), "--json", str(log_path), "--plan", str(plan)])
    log = GameLog.model_validate_json(log_path.read_text())
    first = log.turns[0]
    actual = "up" if first.variables["tension_us_mx"] > log.initial["tension_us_mx"] else "down"
    wrong = "down" if actual == "up" else "up"
    first.predictions = {"us": {"tension_us_mx": actual}, "mx": {"tension_us_mx": wrong}}
    assert prediction_accuracy(log, "us") == 1.0
    assert prediction_accuracy(log, "mx") == 0.0


def test_replay_reproduces_a_log_exactly_and_detects_tampering(tmp_path, capsys):
    log_path = tmp_path / "log.json"
    main(["simulate", str(DATA / "mini.toml"), "--seed", "5", "--json", str(log_path)])
    assert main(["replay", str(log_path)]) == 0
    assert "reproduces exactly (6 turns, seed 5)" in capsys.readouterr().out
    data = json.loads(log_path.read_text())
    data["turns"][2]["variables"]["approval_us"] += 0.5
    log_path.write_text(json.dumps(data))
    assert main(["replay", str(log_path)]) == 3
    assert "month 3.variables.approval_us: the log says" in capsys.readouterr().out


def test_replay_of_a_broken_log_is_bad_input(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("nope")
    assert main(["replay", str(path)]) == 2
    assert "not readable JSON" in capsys.readouterr().err
