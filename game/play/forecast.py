"""The advisers' forecast: the engine run ahead on copies of the state (no pygame here).

The forecast compares the player's chosen orders with ordering nothing, assuming the other
governments order nothing either; it reports the difference next month and three months on.
It is run over a small ensemble, the game's own seed plus ``SEEDS`` other seeds (chance events
differ) under the game's assumptions and up to ``ASSUMPTION_SETS`` of the scenario's other
assumption sets (contested facts differ), so it gives a central value and a range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from game.sim.engine import OrdersError, State, step
from game.sim.model import Model

HORIZON = 3
SEEDS = 2
ASSUMPTION_SETS = 3


@dataclass(frozen=True)
class Forecast:
    """variable -> (difference next month, difference after ``months`` months).

    ``ranges`` holds, per variable, the lowest and highest difference after ``months`` months
    across the ensemble; ``members`` says how many runs it spans.
    """

    effects: dict[str, tuple[float, float]]
    months: int
    problems: tuple[str, ...] = ()
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    members: int = 1


def _run(state: State, orders: dict[str, list[str]], months: int) -> list[State]:
    states = []
    current = state
    for month in range(months):
        if current.finished:
            break
        current, _ = step(current, orders if month == 0 else {})
        states.append(current)
    return states


def ensemble(state: State) -> list[State]:
    """The state itself, then copies with other seeds and under other assumption sets."""
    model = state.model
    members = [state]
    for k in range(1, SEEDS + 1):
        members.append(replace(state, seed=state.seed + 7919 * k))
    others = [key for key in model.scenario.assumptions if key != model.assumptions]
    for key in others[:ASSUMPTION_SETS]:
        members.append(replace(state, model=_model_for(model, key)))
    return members


def _model_for(model: Model, assumptions: str) -> Model:
    table = model.cache.setdefault("assumption_models", {})
    if assumptions not in table:
        table[assumptions] = Model.build(model.scenario, assumptions)
    return table[assumptions]


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
    later: dict[str, list[float]] = {var: [effects[var][1]] for var in variables}
    members = 1
    for member in ensemble(state)[1:]:
        try:
            a = _run(member, {actor: list(chosen)}, HORIZON)
        except OrdersError:
            continue  # the orders are not possible in this world (a precondition differs)
        b = _run(member, {}, HORIZON)
        if len(a) != len(with_orders) or len(b) != len(without):
            continue
        members += 1
        for var in variables:
            later[var].append(a[-1].value(var) - b[-1].value(var))
    ranges = {var: (min(values), max(values)) for var, values in later.items()}
    return Forecast(effects, len(with_orders), ranges=ranges, members=members)
