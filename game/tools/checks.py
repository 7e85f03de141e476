"""Measurements behind the sanity checks 7-10 of DESIGN.md (printed by benchmarks/sanity.py,
asserted by tests/test_sanity.py): treatment against interdiction, displacement, the backtest
and whether idle play loses.

Rules:
- Each measurement plays the scenario through the public engine and returns plain numbers; the
  thresholds live in the tests, the printing in the benchmark.
- "Deaths averted" are summed over the months played against the same months with no orders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.sim.engine import State, initial_state, step
from game.sim.model import Model

Plan = Callable[[State], dict[str, list[str]]]
TREATMENT = ("us_treatment",)
BORDER = ("us_border_surge",)


def play(model: Model, plan: Plan, months: int, seed: int = 0) -> list[State]:
    states = [initial_state(model, seed)]
    for _ in range(months):
        if states[-1].finished:
            break
        states.append(step(states[-1], plan(states[-1]))[0])
    return states


def affordable(state: State, actor: str, wanted: tuple[str, ...] | list[str]) -> list[str]:
    """The wanted actions available this month, in order, while capital lasts."""
    budget, chosen = state.capital_of(actor), []
    for action_id in wanted:
        cost = state.model.action(action_id).cost
        if not state.availability(actor)[action_id] and cost <= budget:
            chosen.append(action_id)
            budget -= cost
    return chosen


@dataclass(frozen=True)
class PerCapital:
    actions: tuple[str, ...]
    capital: float
    averted: float

    @property
    def per_point(self) -> float:
        return self.averted / self.capital if self.capital else 0.0


def deaths_averted_per_capital(
    model: Model, actions: tuple[str, ...], months: int = 24
) -> PerCapital:
    """The U.S. orders ``actions`` whenever it can (others idle): deaths averted per point."""
    baseline = play(model, lambda s: {}, months)
    spent = 0.0

    def plan(state: State) -> dict[str, list[str]]:
        nonlocal spent
        chosen = affordable(state, "us", actions)
        spent += sum(model.action(a).cost for a in chosen)
        return {"us": chosen}

    run = play(model, plan, months)
    averted = sum(
        b.value("deaths") - r.value("deaths") for b, r in zip(baseline[1:], run[1:], strict=False)
    )
    return PerCapital(actions, spent, averted)


def treatment_over_border(model: Model, months: int = 24) -> tuple[PerCapital, PerCapital]:
    """Check 7: (treatment, border surge) deaths averted per capital point over ``months``."""
    return (
        deaths_averted_per_capital(model, TREATMENT, months),
        deaths_averted_per_capital(model, BORDER, months),
    )


@dataclass(frozen=True)
class Displacement:
    port_share: tuple[float, float]  # share of shipments through the ports: start, month 12
    between_flow: tuple[float, float]  # kg a month carried between the ports: baseline, surge
    alt_precursors: tuple[float, float]  # non-Chinese precursor supply: baseline, squeeze
    china_supply: tuple[float, float]  # precursors still got from China: baseline, squeeze
    why_port: tuple[str, float]  # the Why panel's displacement term for port_share, month 6
    why_alt: tuple[str, float]


def displacement(model: Model, months: int = 12) -> Displacement:
    """Check 8: a squeeze on one route or source moves the trade to the other."""
    baseline = play(model, lambda s: {}, months)
    surge = play(model, lambda s: {"us": affordable(s, "us", BORDER)}, months)
    squeeze = play(
        model,
        lambda s: {
            "us": affordable(s, "us", ("us_sanction_cn_suppliers",)),
            "cn": affordable(s, "cn", ("cn_customs_crackdown",)),
        },
        months,
    )

    def between(state: State) -> float:
        ns = state.namespace
        return (1 - ns["port_share"]) * ns["shipments"]

    port_ledger = step(surge[6], {})[1]
    alt_ledger = step(squeeze[6], {})[1]
    port_term = next(c for c in port_ledger.contributions("port_share") if c.key == "smooth")
    alt_term = next(c for c in alt_ledger.contributions("alt_precursors") if c.key == "smooth")
    return Displacement(
        (surge[0].value("port_share"), surge[-1].value("port_share")),
        (between(baseline[-1]), between(surge[-1])),
        (baseline[-1].value("alt_precursors"), squeeze[-1].value("alt_precursors")),
        (baseline[-1].namespace["china_supply"], squeeze[-1].namespace["china_supply"]),
        (port_term.label, port_term.value),
        (alt_term.label, alt_term.value),
    )


POLICIES_10 = ("idle", "random", "ai:hard")
LIMITS_10 = {"idle": ("at most", 0.40), "random": ("at most", 0.65), "ai:hard": ("at least", 0.85)}


def idle_loses(
    path: str, games: int, workers: int | None = None, opponents: str = "ai:normal"
) -> dict[str, dict[str, float]]:
    """Check 10: each government's mean share of its possible points when it plays idle,
    random or hard against ``opponents`` (seeds 1..games, the same for every setup)."""
    per_game = idle_loses_games(path, games, workers, opponents)
    return {
        actor: {policy: float(np.mean(shares)) for policy, shares in row.items()}
        for actor, row in per_game.items()
    }


def idle_loses_games(
    path: str, games: int, workers: int | None = None, opponents: str = "ai:normal"
) -> dict[str, dict[str, np.ndarray]]:
    """Check 10 game by game: each government's share of its possible points in each game."""
    from game.format.loader import load_scenario
    from game.tools import montecarlo
    from game.tools.montecarlo import Batch

    actors = list(load_scenario(path).actors)
    shares: dict[str, dict[str, np.ndarray]] = {}
    for actor in actors:
        shares[actor] = {}
        for policy in POLICIES_10:
            policies = {**dict.fromkeys(actors, opponents), actor: policy}
            results = montecarlo.run(Batch(path, policies, games), workers)
            best = results.max_scores[actor] or 1.0
            shares[actor][policy] = results.scores[results.actors.index(actor)] / best
    return shares


def standard_error(shares: np.ndarray) -> float:
    """The standard error of the mean of per-game shares (0 for a single game)."""
    return float(np.std(shares, ddof=1) / np.sqrt(len(shares))) if len(shares) > 1 else 0.0


def meets_limit(policy: str, share: float) -> bool:
    side, limit = LIMITS_10[policy]
    return share <= limit if side == "at most" else share >= limit
