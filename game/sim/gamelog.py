"""The game log: one pydantic model for what ``simulate --json`` writes and the game exports.

A log holds the scenario id and version, the seed, the assumption set, who played each seat,
the initial values and, per turn, the orders, the values after the turn, every variable's
labelled contributions, the events and elections; then the outcome. It is enough to replay the
game exactly (``game.tools.replay``).

A log carries a checksum of its own contents (``sealed``). It catches an edit made in a text
editor to what a replay cannot recompute (a person's orders, predictions, names, seats); it is
a seal, not a secret. ``consistency_problems`` names a log whose parts disagree with each other
(a turn without a variable, turns out of order), so reports never trip over one.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from game.format.schema import Scenario

LOG_FORMAT = 2  # 2: random draws are a function of (seed, turn); see game/sim/draws.py
_SEAL = "precursor game log\n"


class _Log(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class EventLog(_Log):
    id: str = Field(description="Event id in the scenario.")
    name: str = Field(description="Event name.")
    headlines: dict[str, str] = Field(description="Headline per actor's press.")
    injected: bool = Field(default=False, description="Fired by the instructor.")


class ElectionLog(_Log):
    id: str = Field(description="Election id.")
    actor: str = Field(description="Country voting.")
    value: float = Field(description="Value of the deciding variable.")
    threshold: float = Field(description="Threshold for the governing side.")
    incumbent_won: bool = Field(description="Whether the governing side won.")
    headline: str = Field(description="Headline.")


class TurnLog(_Log):
    turn: int = Field(ge=1, description="Turn number, from 1.")
    date: str = Field(description="Month played, YYYY-MM.")
    orders: dict[str, list[str]] = Field(description="Actor id -> action ids ordered.")
    variables: dict[str, float] = Field(description="Variable id -> value after the turn.")
    contributions: dict[str, dict[str, float]] = Field(
        description="Variable id -> {term -> contribution}; they sum to the change."
    )
    events: list[EventLog] = Field(default_factory=list, description="Events that fired.")
    elections: list[ElectionLog] = Field(default_factory=list, description="Elections held.")
    predictions: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Seat -> {variable: 'up'|'down'} predicted (class mode)."
    )
    moves: dict[str, list[dict]] = Field(
        default_factory=dict,
        description="Actor id -> debate moves ordered (claims, rebuttals, proposals, answers).",
    )
    debate: list[dict] = Field(
        default_factory=list,
        description=(
            "What happened in the debate: statements with the audiences' reactions, "
            "rebuttals, concessions, proposals, answers, deal compliance, revealed cards."
        ),
    )


class ObjectiveLog(_Log):
    id: str
    label: str
    value: float | None
    target: float
    met: bool
    points: float
    weight: float


class ActorOutcomeLog(_Log):
    score: float = Field(description="Points earned.")
    max_score: float = Field(description="Points available.")
    objectives: list[ObjectiveLog] = Field(description="Each objective, met or missed.")
    verdict: str = Field(default="", description="won, held or lost (the scenario's bands).")


class OutcomeLog(_Log):
    turns_played: int = Field(description="Turns played.")
    ended_by: str = Field(default="", description="Event id that ended the game early, if any.")
    actors: dict[str, ActorOutcomeLog] = Field(description="Actor id -> outcome.")


class GameLog(_Log):
    format: int = Field(default=LOG_FORMAT, description="Log format version.")
    scenario: str = Field(description="Scenario id.")
    scenario_title: str = Field(default="", description="Scenario title.")
    scenario_version: str = Field(default="", description="Scenario file version.")
    scenario_file: str = Field(default="", description="Path of the scenario file played.")
    seed: int = Field(description="Seed of the game's random generator.")
    assumptions: str = Field(default="", description="Assumption set ('' for defaults).")
    seats: dict[str, str] = Field(
        default_factory=dict, description="Actor id -> who played it (human, ai:normal, ...)."
    )
    player_names: dict[str, str] = Field(
        default_factory=dict, description="Actor id -> the name of the person who played it."
    )
    game_id: str = Field(default="", description="Which game this is (one per game started).")
    key_variables: list[str] = Field(
        default_factory=list, description="The scenario's key variables, for reports."
    )
    initial: dict[str, float] = Field(description="Variable values before turn 1.")
    turns: list[TurnLog] = Field(default_factory=list, description="One entry per turn played.")
    outcome: OutcomeLog | None = Field(default=None, description="Objectives and scores.")
    checksum: str = Field(
        default="", description="SHA-256 of the rest of the log, written with it (see sealed)."
    )

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=1), encoding="utf-8")

    def content_digest(self) -> str:
        """The checksum this log's contents call for."""
        body = self.model_copy(update={"checksum": ""}).model_dump_json()
        return hashlib.sha256((_SEAL + body).encode("utf-8")).hexdigest()

    def sealed(self) -> GameLog:
        """This log with its checksum filled in."""
        return self.model_copy(update={"checksum": self.content_digest()})

    def checksum_matches(self) -> bool:
        return bool(self.checksum) and self.checksum == self.content_digest()

    def consistency_problems(self) -> list[str]:
        """Where the log disagrees with itself; [] for every log the game writes."""
        problems = []
        names = set(self.initial)
        for index, turn in enumerate(self.turns):
            where = f"turns[{index}]"
            if turn.turn != index + 1:
                problems.append(f"{where}.turn: {turn.turn} where {index + 1} belongs")
            missing = sorted(names - set(turn.variables))
            extra = sorted(set(turn.variables) - names)
            if missing:
                problems.append(f"{where}.variables: missing {', '.join(missing[:5])}")
            if extra:
                problems.append(f"{where}.variables: {', '.join(extra[:5])} not in initial")
            for seat, guesses in turn.predictions.items():
                if any(d not in ("up", "down") for d in guesses.values()):
                    problems.append(f"{where}.predictions.{seat}: directions are 'up' or 'down'")
        unknown = [v for v in self.key_variables if v not in names]
        if unknown:
            problems.append(f"key_variables: {', '.join(unknown[:5])} not in initial")
        if self.outcome is not None and self.outcome.turns_played != len(self.turns):
            problems.append(
                f"outcome.turns_played: {self.outcome.turns_played}, "
                f"but the log has {len(self.turns)} turns"
            )
        return problems

    def to_csv(self, scenario: Scenario | None = None) -> str:
        """One row per turn (turn 0 = initial values): the month, each variable, the orders.

        With the scenario, columns are labelled ``Label (unit)``, values are rounded to one
        more decimal than the game shows, and orders are the cards' names; without it, ids
        and six significant digits.
        """
        names = list(self.initial)
        if scenario is not None:  # the teacher's table: the scenario's variables, no internals
            names = [n for n in names if n in scenario.variables] or names
        actors = list(self.seats) or sorted({a for t in self.turns for a in t.orders})
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "Turn" if scenario else "turn",
                "Month (YYYY-MM)" if scenario else "date",
                *(_variable_heading(n, scenario) for n in names),
                *(self._orders_heading(a, scenario) for a in actors),
            ]
        )
        fmt = {n: _formatter(n, scenario) for n in names}
        writer.writerow(
            [
                0,
                "start" if scenario else "",
                *(fmt[n](self.initial[n]) for n in names),
                *([""] * len(actors)),
            ]
        )
        for turn in self.turns:
            writer.writerow(
                [
                    turn.turn,
                    turn.date,
                    *(fmt[n](turn.variables[n]) if n in turn.variables else "" for n in names),
                    *(_orders_text(turn.orders.get(a, []), scenario) for a in actors),
                ]
            )
        return out.getvalue()

    def _orders_heading(self, actor: str, scenario: Scenario | None) -> str:
        if scenario is None:
            return f"orders_{actor}"
        country = scenario.actors[actor].name if scenario and actor in scenario.actors else actor
        person = self.player_names.get(actor, "")
        return f"Orders: {country}" + (f" ({person})" if person else "")


def _variable_heading(variable: str, scenario: Scenario | None) -> str:
    if scenario is None or variable not in scenario.variables:
        return variable
    spec = scenario.variables[variable]
    return f"{spec.label} ({spec.unit})" if spec.unit else spec.label


def _formatter(variable: str, scenario: Scenario | None):
    if scenario is None or variable not in scenario.variables:
        return _fmt
    decimals = scenario.variables[variable].decimals + 1
    return lambda value: f"{value:.{decimals}f}"


def _orders_text(action_ids: list[str], scenario: Scenario | None) -> str:
    names = [
        scenario.actions[a].name if scenario and a in scenario.actions else a for a in action_ids
    ]
    return "; ".join(names)


def _fmt(value: float) -> str:
    return f"{value:.6g}"
