"""Argument records across games: what ``report`` prints about the debate and ``balance`` checks.

Rules:
- Read from the game log's per-turn ``debate`` lists (plain dicts), so a class report needs no
  scenario file; ``claim_payoffs`` reads a live game's ledgers the same way.
- A statement *pays* when its claim is at least half true under the assumptions played and no
  rebuttal beat it; a claim that pays every time it is made (and that no claim can answer) or
  never pays is worth an author's look.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.sim.gamelog import GameLog


@dataclass
class ArgumentRow:
    """One government's argument record in one game."""

    statements: int = 0
    with_evidence: int = 0
    truth: list[float] = field(default_factory=list)
    rebuttals_won: int = 0
    rebuttals_lost: int = 0
    concessions: int = 0
    deals_completed: int = 0
    deals_broken: int = 0
    credibility: float | None = None


def argument_rows(log: GameLog) -> dict[str, ArgumentRow]:
    """Each government's argument record in one logged game."""
    rows: dict[str, ArgumentRow] = {}
    for turn in log.turns:
        for entry in turn.debate:
            actor = entry.get("actor", "")
            if not actor or not isinstance(actor, str):
                continue
            row = rows.setdefault(actor, ArgumentRow())
            kind = entry.get("kind")
            if kind in ("statement", "rebuttal"):
                row.statements += 1
                row.with_evidence += bool(entry.get("evidence"))
                truth = entry.get("truth", 0.0)
                if isinstance(truth, int | float) and math.isfinite(truth):
                    row.truth.append(float(truth))
            if kind == "rebuttal":
                if entry.get("won"):
                    row.rebuttals_won += 1
                else:
                    row.rebuttals_lost += 1
            elif kind == "concession":
                row.concessions += 1
            elif kind == "broken":
                row.deals_broken += 1
            elif kind == "completed":
                row.deals_completed += 1
                other = entry.get("other", "")
                if isinstance(other, str):
                    rows.setdefault(other, ArgumentRow()).deals_completed += 1
    if log.turns:
        for actor, row in rows.items():
            row.credibility = log.turns[-1].variables.get(f"credibility_{actor}")
    rows.pop("", None)
    return rows


def arguments_markdown(logs: Iterable[tuple[Path, GameLog]]) -> list[str]:
    """The class report's section on argument records (empty when no game had a debate)."""
    by_country: dict[str, list[ArgumentRow]] = {}
    for _, log in logs:
        for actor, row in argument_rows(log).items():
            by_country.setdefault(actor, []).append(row)
    if not by_country:
        return []
    lines = [
        "## Argument records",
        "",
        "| country | games | claims (mean) | with evidence | mean truth | rebuttals won / lost "
        "| concessions | deals completed / broken | final credibility |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for country, rows in by_country.items():
        claims = sum(r.statements for r in rows)
        evidence = sum(r.with_evidence for r in rows)
        truths = [t for r in rows for t in r.truth]
        credibility = [r.credibility for r in rows if r.credibility is not None]
        lines.append(
            f"| {country} | {len(rows)} | {claims / len(rows):.1f} | "
            f"{evidence / claims if claims else 0:.0%} | "
            f"{statistics.fmean(truths) if truths else 0:.2f} | "
            f"{sum(r.rebuttals_won for r in rows)} / {sum(r.rebuttals_lost for r in rows)} | "
            f"{sum(r.concessions for r in rows)} | "
            f"{sum(r.deals_completed for r in rows)} / {sum(r.deals_broken for r in rows)} | "
            f"{statistics.fmean(credibility) if credibility else float('nan'):.0f} |"
        )
    lines.append("")
    return lines


def claim_payoffs(entries: Iterable[Any]) -> dict[str, tuple[int, int]]:
    """Claim id -> (times made as an accusation, times it paid), from debate entries."""
    entries = list(entries)
    beaten = {_get(e, "ref") for e in entries if _get(e, "kind") == "rebuttal" and _get(e, "won")}
    tally: dict[str, list[int]] = {}
    for entry in entries:
        if _get(entry, "kind") != "statement":
            continue
        made = tally.setdefault(_get(entry, "claim"), [0, 0])
        made[0] += 1
        if (_get(entry, "truth") or 0.0) >= 0.5 and _get(entry, "number") not in beaten:
            made[1] += 1
    return {claim: (n, paid) for claim, (n, paid) in tally.items()}


DEAL_KINDS = {"proposal": 0, "countered": 0, "accepted": 1, "completed": 2, "broken": 3}


def deal_payoffs(entries: Iterable[Any]) -> dict[str, tuple[int, int, int, int]]:
    """Deal id -> (times offered, accepted, completed, broken), from debate entries."""
    tally: dict[str, list[int]] = {}
    for entry in entries:
        column = DEAL_KINDS.get(_get(entry, "kind"))
        if column is None or not _get(entry, "deal"):
            continue
        tally.setdefault(_get(entry, "deal"), [0, 0, 0, 0])[column] += 1
    return {deal: (a, b, c, d) for deal, (a, b, c, d) in tally.items()}


def _get(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, Mapping) else getattr(entry, key, None)
