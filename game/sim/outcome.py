"""Objectives and scores: how well each government did over a game's history of states.

Rules:
- An objective is measured by its formula after the last turn played ('end'), as the mean over
  all turns played ('mean'), or after a given month's turn (YYYY-MM; not yet played: missed).
- Progress is 1 when met; a miss earns ``1 - gap / tolerance`` (never below 0), with the
  tolerance defaulting to 10% of the target's size. Points are weight x progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.sim.engine import State
from game.sim.model import month_label


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    label: str
    value: float
    target: float
    goal: str
    met: bool
    progress: float
    points: float
    weight: float


@dataclass(frozen=True)
class ActorOutcome:
    actor: str
    objectives: tuple[ObjectiveResult, ...]

    @property
    def score(self) -> float:
        return sum(o.points for o in self.objectives)

    @property
    def max_score(self) -> float:
        return sum(o.weight for o in self.objectives)

    @property
    def met(self) -> int:
        return sum(o.met for o in self.objectives)


def evaluate(history: Sequence[State]) -> dict[str, ActorOutcome]:
    """Each actor's objectives over ``history`` (initial state first, one state per turn)."""
    model = history[0].model
    played = history[1:] or history[:1]
    outcomes = {}
    for actor_id, actor in model.scenario.actors.items():
        results = []
        for objective_id, objective in actor.objectives.items():
            measure = model.measures[(actor_id, objective_id)]
            value = measured(played, measure, objective.when)
            results.append(_score(objective_id, objective, value))
        outcomes[actor_id] = ActorOutcome(actor_id, tuple(results))
    return outcomes


def measured(played: Sequence[State], measure, when: str) -> float | None:
    """An objective's measure over the states played: at the end, the mean, or in the month
    ``when`` (YYYY-MM; None when that month is not among them)."""
    if when == "end":
        return float(measure(played[-1].namespace))
    if when == "mean":
        return sum(float(measure(s.namespace)) for s in played) / len(played)
    for state in played:
        if month_label(state.model.scenario.meta.start, state.turn - 1) == when:
            return float(measure(state.namespace))
    return None


def _score(objective_id: str, objective, value: float | None) -> ObjectiveResult:
    if value is None:
        return ObjectiveResult(
            objective_id,
            objective.label,
            float("nan"),
            objective.target,
            objective.goal,
            False,
            0.0,
            0.0,
            objective.weight,
        )
    gap = objective_gap(objective, value)
    progress = 1.0 if gap <= 0 else max(0.0, raw_progress(objective, value))
    return ObjectiveResult(
        objective_id,
        objective.label,
        value,
        objective.target,
        objective.goal,
        gap <= 0,
        progress,
        objective.weight * progress,
        objective.weight,
    )


def objective_gap(objective, value: float) -> float:
    """How far ``value`` is from the objective's target (0 or less: met)."""
    return objective.target - value if objective.goal == "at_least" else value - objective.target


def raw_progress(objective, value: float) -> float:
    """``1 - gap / tolerance``, not clamped (the computer players' smooth version of the
    score); the tolerance defaults to 10% of the target's size."""
    tolerance = objective.tolerance or (0.1 * abs(objective.target) or 1.0)
    return 1.0 - objective_gap(objective, value) / tolerance


def prediction_tally(
    months: Iterable[tuple[Mapping[str, float], Mapping[str, float], Mapping[str, str]]],
) -> tuple[int, int]:
    """(right, total) of direction predictions: each month's (values before, values after,
    {variable: 'up' or 'down'}); a prediction is right when the variable moved that way (no
    change is never right); predictions of unknown variables are not counted."""
    right = total = 0
    for before, after, predictions in months:
        for variable, direction in predictions.items():
            if variable not in before or variable not in after:
                continue
            change = after[variable] - before[variable]
            total += 1
            right += change != 0 and (change > 0) == (direction == "up")
    return right, total
