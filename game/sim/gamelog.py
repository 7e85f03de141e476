"""The game log: one pydantic model for what ``simulate --json`` writes and the game exports.

A log holds the scenario id and version, the seed, the assumption set, who played each seat,
the initial values and, per turn, the orders, the values after the turn, every variable's
labelled contributions, the events and elections; then the outcome. It is enough to replay the
game exactly (``game.sim.session.replay``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

LOG_FORMAT = 2  # 2: random draws are a function of (seed, turn); see game/sim/draws.py


class _Log(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    key_variables: list[str] = Field(
        default_factory=list, description="The scenario's key variables, for reports."
    )
    initial: dict[str, float] = Field(description="Variable values before turn 1.")
    turns: list[TurnLog] = Field(default_factory=list, description="One entry per turn played.")
    outcome: OutcomeLog | None = Field(default=None, description="Objectives and scores.")

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=1), encoding="utf-8")

    def to_csv(self) -> str:
        """One row per turn (turn 0 = initial values), one column per variable."""
        names = list(self.initial)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["turn", "date", *names])
        writer.writerow([0, "", *(_fmt(self.initial[n]) for n in names)])
        for turn in self.turns:
            writer.writerow([turn.turn, turn.date, *(_fmt(turn.variables[n]) for n in names)])
        return out.getvalue()


def _fmt(value: float) -> str:
    return f"{value:.6g}"
