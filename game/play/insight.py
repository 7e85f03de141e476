"""Read-only summaries of a played game for the debrief (no pygame here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.sim.engine import Ledger
from game.sim.model import Model


@dataclass(frozen=True)
class TurningPoint:
    turn: int
    date: str
    variable: str
    label: str
    value: float
    source: str
    confidence: str
    weight: float  # |value| relative to the variable's scale


def variable_scale(model: Model, variable: str, history: Sequence[float]) -> float:
    """A typical size of the variable, so contributions of different units compare."""
    info = model.variables[model.variable_position[variable]]
    span = info.high - info.low
    if 0 < span < 1e9:
        return span
    return max((abs(v) for v in history), default=1.0) or 1.0


def turning_points(
    model: Model, ledgers: Sequence[Ledger], variables: Sequence[str], count: int = 5
) -> list[TurningPoint]:
    """The ``count`` largest contributions (by |value| / scale) across all months played."""
    points = []
    for var in variables:
        index = model.variable_position[var]
        history = [ledger.after[index] for ledger in ledgers]
        scale = variable_scale(model, var, history)
        for ledger in ledgers:
            for c in ledger.contributions(var):
                if c.key == "clamp" or not c.value:
                    continue
                points.append(
                    TurningPoint(
                        ledger.turn,
                        ledger.date,
                        var,
                        c.label,
                        c.value,
                        c.source,
                        c.confidence,
                        abs(c.value) / scale,
                    )
                )
    points.sort(key=lambda p: p.weight, reverse=True)
    return points[:count]


def shown_variables(model: Model) -> list[str]:
    """Variables a player can chart: everything the scenario declared (no delay stages)."""
    return [v.id for v in model.variables if not v.generated]


def meter_variables(model: Model) -> list[str]:
    display = model.scenario.display
    known = set(shown_variables(model))
    chosen = [v for v in display.meters if v in known]
    return chosen or shown_variables(model)[:6]


def key_variables(model: Model) -> list[str]:
    display = model.scenario.display
    known = set(shown_variables(model))
    chosen = [v for v in display.key_variables if v in known]
    return chosen or meter_variables(model)
