"""Classroom rules: which meter a month's prediction is about, how predictions score, which
scenario events an instructor may inject.

Rules:
- The metric to predict is the same for every seat in a month: one of the scenario's meters,
  drawn from the game seed and the turn, so a replay asks the same questions.
- Predictions score as the game report scores them (``outcome.prediction_tally``).
"""

from __future__ import annotations

import random

from game.play.insight import meter_variables
from game.sim.outcome import prediction_tally
from game.sim.session import Game


def prediction_variable(game: Game, turn: int) -> str:
    """The meter every seat predicts in month ``turn`` (0 = the first month)."""
    meters = meter_variables(game.model)
    return random.Random(f"predict:{game.seed + turn}").choice(meters)


def prediction_score(game: Game, actor: str) -> tuple[int, int]:
    """(right, total) of a seat's direction predictions."""
    ids = game.model.variable_ids

    def values(i: int) -> dict[str, float]:
        return dict(zip(ids, game.states[i].values, strict=True))

    months = (
        (values(i), values(i + 1), month.get(actor, {}))
        for i, month in enumerate(game.predictions)
        if i + 1 < len(game.states)
    )
    return prediction_tally(months)


def inject_events(game: Game) -> list[tuple[str, str]]:
    """(event id, name) of the scenario's instructor injects."""
    events = game.model.scenario.events
    return [(event_id, event.name) for event_id, event in events.items() if event.inject]
