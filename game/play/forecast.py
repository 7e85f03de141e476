"""The advisers' forecast: the engine run ahead on a copy of the state (no pygame here).

The forecast compares the player's chosen orders with ordering nothing, assuming the other
governments order nothing either; it reports the difference next month and three months on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.sim.engine import OrdersError, State, step

HORIZON = 3


@dataclass(frozen=True)
class Forecast:
    """variable -> (difference next month, difference after ``months`` months)."""

    effects: dict[str, tuple[float, float]]
    months: int
    problems: tuple[str, ...] = ()


def _run(state: State, orders: dict[str, list[str]], months: int) -> list[State]:
    states = []
    current = state
    for month in range(months):
        if current.finished:
            break
        current, _ = step(current, orders if month == 0 else {})
        states.append(current)
    return states


def forecast(state: State, actor: str, chosen: Sequence[str], variables: Sequence[str]) -> Forecast:
    """Expected effect of ``actor`` ordering ``chosen`` this month, versus no orders."""
    if state.finished:
        return Forecast({}, 0)
    try:
        with_orders = _run(state, {actor: list(chosen)}, HORIZON)
    except OrdersError as error:
        return Forecast({}, 0, tuple(error.problems))
    without = _run(state, {}, HORIZON)
    effects = {
        var: (
            with_orders[0].value(var) - without[0].value(var),
            with_orders[-1].value(var) - without[-1].value(var),
        )
        for var in variables
    }
    return Forecast(effects, len(with_orders))
