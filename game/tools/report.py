"""Class reports: many game logs in, a Markdown summary, a CSV table and PNG charts out.

Rules:
- Inputs are log files or folders of them (``*.json``, searched recursively). Each is read
  through ``game.format.safefile``. A file that is not a game log (a pipe, a device, a link
  loop, broken or deep JSON, a non-finite number, another format, a log of a newer format, a
  log whose parts disagree) is named in the report as skipped, with the reason, and never stops
  the others. With ``verify``, each log is also replayed and skipped unless it reproduces
  exactly and is a finished game.
- One CSV row per game and seat: country, seat, player's name, score, objectives met, the final
  value of each key variable, and the share of correct predictions (empty when none).
- A chart that cannot be drawn is named in the report; the tables are still written.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.format import safefile
from game.i18n import _, format_number, format_percent
from game.sim.gamelog import LOG_FORMAT, GameLog
from game.sim.outcome import prediction_tally
from game.tools.arguments import arguments_markdown


@dataclass(frozen=True)
class LoadedLogs:
    logs: list[tuple[Path, GameLog]]
    skipped: list[tuple[Path, str]]


def collect(paths: Iterable[str | Path], verify: bool = False) -> LoadedLogs:
    """Read every log under ``paths``; broken or foreign files go to ``skipped``."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(path.rglob("*.json"))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            skipped.append((path, "no such file or folder"))
    logs = []
    for path in files:
        try:
            log = read_log(path)
            if verify:
                _verify(log)
        except ValueError as exc:
            skipped.append((path, str(exc)))
        else:
            logs.append((path, log))
    return LoadedLogs(logs, skipped)


def read_log(path: Path, check: bool = True) -> GameLog:
    """The game log at ``path``; ValueError with a sentence when it is not one.

    With ``check``, a log whose parts disagree (a turn without a variable...) is refused too.
    """
    try:
        data = safefile.read_json(path, safefile.LOG)
    except safefile.FileProblem as exc:
        if exc.damage == "cut short or overwritten":
            raise ValueError(f"not readable JSON (damaged or cut short, line {exc.line})") from None
        raise ValueError(
            f"{exc.message} (line {exc.line})" if exc.damage else exc.message
        ) from None
    if not isinstance(data, dict) or "turns" not in data or "seed" not in data:
        raise ValueError("not a Precursor game log")
    version = data.get("format")
    if type(version) is int and version > LOG_FORMAT:
        raise ValueError(f"made by a newer Precursor (log format {version})")
    try:
        log = GameLog.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"not a valid game log ({where}: {first['msg']})") from None
    problems = log.consistency_problems() if check else []
    if problems:
        raise ValueError(f"not a valid game log ({problems[0]})")
    return log


def _verify(log: GameLog) -> None:
    from game.tools.replay import verify_log

    verdict = verify_log(log)
    if not verdict.same:
        more = f" (and {len(verdict.differences) - 1} more)" if len(verdict.differences) > 1 else ""
        raise ValueError(f"does not replay exactly: {verdict.differences[0]}{more}")
    if not log.checksum:
        raise ValueError("cannot be verified: it has no checksum (written by an older Precursor)")
    if not verdict.finished:
        raise ValueError(f"not a finished game ({len(log.turns)} months played)")


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
                "player": log.player_names.get(actor, ""),
                "turns": len(log.turns),
                "ended_by": outcome.ended_by if outcome else "",
                "score": round(result.score, 4) if result else "",
                "max_score": round(result.max_score, 4) if result else "",
                "objectives_met": sum(o.met for o in result.objectives) if result else "",
                "objectives": len(result.objectives) if result else "",
                "prediction_accuracy": "" if accuracy is None else round(accuracy, 4),
            }
            row.update({f"final_{k}": _rounded(final.get(k)) for k in keys})
            table.append(row)
    return table


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("|", "/").replace("\n", " ")[:80]


def _rounded(value: float | None) -> float | str:
    return "" if value is None or not math.isfinite(value) else round(value, 4)


def to_csv(table: list[dict[str, object]]) -> str:
    out = io.StringIO()
    if table:
        writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    return out.getvalue()


def to_markdown(
    loaded: LoadedLogs,
    table: list[dict[str, object]],
    charts: list[str],
    chart_problem: str = "",
) -> str:
    lines = ["# " + _("Class report"), ""]
    games = loaded.logs
    lines.append(
        _("{games} games read, {skipped} files skipped.").format(
            games=len(games), skipped=len(loaded.skipped)
        )
    )
    lines.append("")
    if table:
        lines += [
            "## " + _("Scores by country"),
            "",
            _(
                "| country | games | mean score | best | worst | "
                "objectives met (mean) | prediction accuracy |"
            ),
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
            acc_text = format_percent(statistics.fmean(accuracy)) if accuracy else _("n/a")
            cells = [
                country,
                str(len(mine)),
                format_number(statistics.fmean(scores), 2),
                format_number(max(scores), 2),
                format_number(min(scores), 2),
                format_number(statistics.fmean(met), 1),
                acc_text,
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        ended = [log for _, log in games if log.outcome and log.outcome.ended_by]
        lines += [
            "## " + _("Outcomes"),
            "",
            "- " + _("Games ended early by a disaster: {n}").format(n=len(ended)),
        ]
        for key in key_variables(games):
            finals = [log.turns[-1].variables[key] for _, log in games if log.turns]
            finals = [v for v in finals if math.isfinite(v)]
            if finals:
                summary = _("Final {variable}: mean {mean}, min {low}, max {high}").format(
                    variable=f"`{key}`",
                    mean=format_number(statistics.fmean(finals), 1),
                    low=format_number(min(finals), 1),
                    high=format_number(max(finals), 1),
                )
                lines.append(f"- {summary}")
        lines.append("")
    named = [r for r in table if r.get("player")]
    if named:
        lines += [
            "## " + _("Players"),
            "",
            _("| player | country | file | score |"),
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(r['player'])} | {r['country']} | {_cell(r['file'])} | {r['score']} |"
            for r in named
        ]
        lines.append("")
    lines += arguments_markdown(games)
    if charts:
        lines += ["## " + _("Charts"), ""] + [f"![{name}]({name})" for name in charts] + [""]
    if chart_problem:
        lines += [_("Charts not drawn: {reason}").format(reason=chart_problem), ""]
    if loaded.skipped:
        lines += ["## " + _("Skipped files"), ""]
        lines += [f"- `{path}`: {reason}" for path, reason in loaded.skipped]
        lines.append("")
    return "\n".join(lines)


def write_report(
    paths: Iterable[str | Path], out: Path, verify: bool = False
) -> tuple[LoadedLogs, list[Path]]:
    """Write report.md, games.csv and the PNG charts into ``out``; returns what was read."""
    loaded = collect(paths, verify)
    out.mkdir(parents=True, exist_ok=True)
    table = rows(loaded.logs)
    written = [out / "games.csv"]
    (out / "games.csv").write_text(to_csv(table), encoding="utf-8")
    charts: list[str] = []
    chart_problem = ""
    if loaded.logs:
        try:
            from game.tools.report_charts import draw_report_charts

            charts = draw_report_charts(loaded.logs, table, out, key_variables(loaded.logs))
        except Exception as exc:  # a chart is a bonus: the tables above are the report
            chart_problem = f"{type(exc).__name__}: {exc}"[:300]
        written += [out / name for name in charts]
    (out / "report.md").write_text(
        to_markdown(loaded, table, charts, chart_problem), encoding="utf-8"
    )
    written.append(out / "report.md")
    return loaded, written
