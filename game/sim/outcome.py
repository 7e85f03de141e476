"""Objectives, scores and verdicts: how well each government did over a game's history of states.

Rules:
- An objective is measured by its formula after the last turn played ('end'), as the mean over
  all turns played ('mean'), or after a given month's turn (YYYY-MM; not yet played: missed).
- Progress is 1 when met. A miss earns partial credit: with a ``floor``, in a straight line from
  nothing at the floor to the target; without one, ``1 - gap / tolerance`` (tolerance defaulting
  to 10% of the target's size). Partial credit never exceeds ``scoring.partial`` (below 1), so a
  missed objective never shows full points, and never goes below 0. Points are weight x progress.
- The verdict compares the share of possible points with the scenario's bands: won at or above
  ``scoring.won``, held at or above ``scoring.held``, lost below.
- During a game each objective has a live status: ``on track`` (met if the game ended now),
  ``at risk`` (not met yet, still open), ``met`` or ``missed`` (decided: a dated objective after
  its month, or any objective once the game is over).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from game.format.schema import Objective, Scoring
from game.sim.engine import State
from game.sim.model import month_label

WON, HELD, LOST = "won", "held", "lost"
ON_TRACK, AT_RISK, MET, MISSED = "on track", "at risk", "met", "missed"


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
    status: str = ""


@dataclass(frozen=True)
class ActorOutcome:
    actor: str
    objectives: tuple[ObjectiveResult, ...]
    scoring: Scoring = field(default_factory=Scoring)

    @property
    def score(self) -> float:
        return sum(o.points for o in self.objectives)

    @property
    def max_score(self) -> float:
        return sum(o.weight for o in self.objectives)

    @property
    def met(self) -> int:
        return sum(o.met for o in self.objectives)

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def verdict(self) -> str:
        """won, held or lost, by the scenario's bands on the share of possible points."""
        if self.share >= self.scoring.won - 1e-9:
            return WON
        return HELD if self.share >= self.scoring.held - 1e-9 else LOST


def gap_of(objective: Objective, value: float) -> float:
    """How far ``value`` falls short of the target (<= 0 when met)."""
    if objective.goal == "at_least":
        return objective.target - value
    return value - objective.target


def raw_progress(objective: Objective, value: float) -> float:
    """Partial credit before the caps: 1 at the target, 0 at the floor, linear (unbounded)."""
    gap = gap_of(objective, value)
    if objective.floor is not None:
        band = abs(objective.target - objective.floor)
    else:
        band = objective.tolerance or (0.1 * abs(objective.target) or 1.0)
    return 1.0 - gap / band


def progress_of(objective: Objective, value: float, scoring: Scoring) -> float:
    """The share of the objective's weight earned: 1 when met, else capped partial credit."""
    if gap_of(objective, value) <= 0:
        return 1.0
    return min(scoring.partial, max(0.0, raw_progress(objective, value)))


def evaluate(history: Sequence[State], final: bool = True) -> dict[str, ActorOutcome]:
    """Each actor's objectives over ``history`` (initial state first, one state per turn).

    With ``final`` False the game is still going: statuses say on track / at risk, and only
    dated objectives whose month has passed are decided.
    """
    model = history[0].model
    played = history[1:] or history[:1]
    scoring = model.scenario.scoring
    finished = final or history[-1].finished
    outcomes = {}
    for actor_id, actor in model.scenario.actors.items():
        results = []
        for objective_id, objective in actor.objectives.items():
            measure = model.measures[(actor_id, objective_id)]
            value, decided = _measure(played, measure, objective.when, len(history) > 1, finished)
            results.append(_score(objective_id, objective, value, scoring, finished or decided))
        outcomes[actor_id] = ActorOutcome(actor_id, tuple(results), scoring)
    return outcomes


def _measure(
    played: Sequence[State], measure, when: str, any_played: bool, finished: bool
) -> tuple[float | None, bool]:
    """The measured value and whether it is already decided.

    A dated objective whose month was never played is None once the game is over, and is
    measured on the latest state while the game goes on (what it would be if voting now).
    """
    if when == "end":
        return float(measure(played[-1].namespace)), False
    if when == "mean":
        values = [float(measure(s.namespace)) for s in played]
        mean = sum(values) / len(values)
        if not math.isfinite(mean):  # huge values overflowing together: divide first
            mean = sum(value / len(values) for value in values)
        return mean, False
    for state in played:
        if any_played and month_label(state.model.scenario.meta.start, state.turn - 1) == when:
            return float(measure(state.namespace)), True
    if finished:
        return None, False
    return float(measure(played[-1].namespace)), False


def _score(
    objective_id: str, objective: Objective, value: float | None, scoring: Scoring, decided: bool
) -> ObjectiveResult:
    if value is None:
        status = MISSED if decided else AT_RISK
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
            status,
        )
    met = gap_of(objective, value) <= 0
    progress = progress_of(objective, value, scoring)
    status = (MET if met else MISSED) if decided else (ON_TRACK if met else AT_RISK)
    return ObjectiveResult(
        objective_id,
        objective.label,
        value,
        objective.target,
        objective.goal,
        met,
        progress,
        objective.weight * progress,
        objective.weight,
        status,
    )


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
