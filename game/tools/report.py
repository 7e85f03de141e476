"""Class reports: many game logs in, a Markdown summary, a CSV table and PNG charts out.

Rules:
- Inputs are log files or folders of them (``*.json``, searched recursively). A file that is not
  a game log (broken JSON, another format, a log of a newer format) is named in the report as
  skipped, with the reason, and never stops the others.
- One CSV row per game and seat: country, seat, score, objectives met, the final value of each
  key variable, and the share of correct predictions (empty when the seat made none).
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.sim.gamelog import LOG_FORMAT, GameLog
from game.sim.outcome import prediction_tally


@dataclass(frozen=True)
class LoadedLogs:
    logs: list[tuple[Path, GameLog]]
    skipped: list[tuple[Path, str]]


def collect(paths: Iterable[str | Path]) -> LoadedLogs:
    """Read every log under ``paths``; broken or foreign files go to ``skipped``."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            skipped.append((path, "no such file or folder"))
    logs = []
    for path in files:
        try:
            logs.append((path, read_log(path)))
        except ValueError as exc:
            skipped.append((path, str(exc)))
    return LoadedLogs(logs, skipped)


def read_log(path: Path) -> GameLog:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not readable JSON (damaged or cut short)") from None
    if not isinstance(data, dict) or "turns" not in data or "seed" not in data:
        raise ValueError("not a Precursor game log")
    if isinstance(data.get("format"), int) and data["format"] > LOG_FORMAT:
        raise ValueError(f"made by a newer Precursor (log format {data['format']})")
    try:
        return GameLog.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"not a valid game log ({where}: {first['msg']})") from None


def prediction_accuracy(log: GameLog, seat: str) -> float | None:
    """Share of this seat's direction predictions that came true; None if it made none."""
    befores = [log.initial, *(turn.variables for turn in log.turns)]
    months = (
        (before, turn.variables, turn.predictions.get(seat, {}))
        for before, turn in zip(befores, log.turns, strict=False)
    )
    right, total = prediction_tally(months)
    return right / total if total else None


def key_variables(logs: list[tuple[Path, GameLog]]) -> list[str]:
    """The key variables the logs' scenarios name, where every log has them."""
    if not logs:
        return []
    present = set.intersection(*(set(log.initial) for _, log in logs))
    named = dict.fromkeys(v for _, log in logs for v in log.key_variables)
    return [v for v in named if v in present] or sorted(present)[:6]


def rows(logs: list[tuple[Path, GameLog]]) -> list[dict[str, object]]:
    keys = key_variables(logs)
    table = []
    for path, log in logs:
        final = log.turns[-1].variables if log.turns else log.initial
        outcome = log.outcome
        for actor, seat in (
            log.seats or dict.fromkeys(outcome.actors if outcome else {}, "?")
        ).items():
            result = outcome.actors.get(actor) if outcome else None
            accuracy = prediction_accuracy(log, actor)
            row: dict[str, object] = {
                "file": path.name,
                "scenario": log.scenario,
                "seed": log.seed,
                "assumptions": log.assumptions,
                "country": actor,
                "seat": seat,
                "turns": len(log.turns),
                "ended_by": outcome.ended_by if outcome else "",
                "score": round(result.score, 4) if result else "",
                "max_score": round(result.max_score, 4) if result else "",
                "objectives_met": sum(o.met for o in result.objectives) if result else "",
                "objectives": len(result.objectives) if result else "",
                "prediction_accuracy": "" if accuracy is None else round(accuracy, 4),
            }
            row.update({f"final_{k}": round(final.get(k, float("nan")), 4) for k in keys})
            table.append(row)
    return table


def to_csv(table: list[dict[str, object]]) -> str:
    out = io.StringIO()
    if table:
        writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return out.getvalue()


def to_markdown(loaded: LoadedLogs, table: list[dict[str, object]], charts: list[str]) -> str:
    lines = ["# Class report", ""]
    games = loaded.logs
    lines.append(f"{len(games)} games read, {len(loaded.skipped)} files skipped.")
    lines.append("")
    if table:
        lines += [
            "## Scores by country",
            "",
            "| country | games | mean score | best | worst | "
            "objectives met (mean) | prediction accuracy |",
            "|---|---|---|---|---|---|---|",
        ]
        for country in dict.fromkeys(str(r["country"]) for r in table):
            mine = [r for r in table if r["country"] == country and r["score"] != ""]
            if not mine:
                continue
            scores = [float(r["score"]) for r in mine]
            met = [float(r["objectives_met"]) for r in mine]
            accuracy = [
                float(r["prediction_accuracy"]) for r in mine if r["prediction_accuracy"] != ""
            ]
            acc_text = f"{statistics.fmean(accuracy):.0%}" if accuracy else "n/a"
            lines.append(
                f"| {country} | {len(mine)} | {statistics.fmean(scores):.2f} | {max(scores):.2f} | "
                f"{min(scores):.2f} | {statistics.fmean(met):.1f} | {acc_text} |"
            )
        lines.append("")
        ended = [log for _, log in games if log.outcome and log.outcome.ended_by]
        lines += ["## Outcomes", "", f"- Games ended early by a disaster: {len(ended)}"]
        for key in key_variables(games):
            finals = [log.turns[-1].variables[key] for _, log in games if log.turns]
            if finals:
                lines.append(
                    f"- Final `{key}`: mean {statistics.fmean(finals):,.1f}, "
                    f"min {min(finals):,.1f}, max {max(finals):,.1f}"
                )
        lines.append("")
    if charts:
        lines += ["## Charts", ""] + [f"![{name}]({name})" for name in charts] + [""]
    if loaded.skipped:
        lines += ["## Skipped files", ""]
        lines += [f"- `{path}`: {reason}" for path, reason in loaded.skipped]
        lines.append("")
    return "\n".join(lines)


def write_report(paths: Iterable[str | Path], out: Path) -> tuple[LoadedLogs, list[Path]]:
    """Write report.md, games.csv and the PNG charts into ``out``; returns what was read."""
    loaded = collect(paths)
    out.mkdir(parents=True, exist_ok=True)
    table = rows(loaded.logs)
    written = [out / "games.csv"]
    (out / "games.csv").write_text(to_csv(table), encoding="utf-8")
    charts: list[str] = []
    if loaded.logs:
        from game.tools.report_charts import draw_report_charts

        charts = draw_report_charts(loaded.logs, table, out)
        written += [out / name for name in charts]
    (out / "report.md").write_text(to_markdown(loaded, table, charts), encoding="utf-8")
    written.append(out / "report.md")
    return loaded, written
