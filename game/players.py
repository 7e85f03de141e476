"""Computer players: who decides a government's orders when no person does.

Rules:
- A player is anything with ``choose(state, actor, history) -> list[str]``; ``history`` is the
  list of ledgers so far (the last one says who did what to whom last month).
- Players never change the state; any look-ahead runs ``step`` on the immutable state.
- Every random choice comes from ``random.Random`` seeded by (seed, actor, turn), so the same
  game seed gives the same decisions whatever order seats are asked in.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from game.engine import Ledger, State, step
from game.schema import Category

HOSTILE = (Category.blame, Category.sanctions)


class Player(Protocol):
    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]: ...


def decision_rng(seed: int, actor: str, turn: int) -> random.Random:
    return random.Random(f"{seed}:{actor}:{turn}")


def affordable(state: State, actor: str, chosen: Sequence[str], action_id: str) -> bool:
    model = state.model
    spent = sum(model.action(a).cost for a in chosen)
    return spent + model.action(action_id).cost <= state.capital_of(actor) + 1e-9


def hostile_towards(history: Sequence[Ledger], actor: str) -> set[str]:
    """Governments whose orders last month blamed or sanctioned ``actor``."""
    if not history:
        return set()
    last = history[-1]
    hostile = set()
    for other, action_ids in last.orders.items():
        for action_id in action_ids:
            action = last.model.action(action_id)
            if action.target == actor and action.category in HOSTILE:
                hostile.add(other)
    return hostile


@dataclass
class IdlePlayer:
    """Orders nothing."""

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        return []


@dataclass
class RandomPlayer:
    """Orders a random affordable set of the allowed actions."""

    seed: int = 0

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        rng = decision_rng(self.seed, actor, state.turn)
        allowed = [a for a, reason in state.availability(actor).items() if not reason]
        rng.shuffle(allowed)
        chosen: list[str] = []
        for action_id in allowed:
            if rng.random() < 0.6 and affordable(state, actor, chosen, action_id):
                chosen.append(action_id)
        return chosen


@dataclass
class PlanPlayer:
    """Follows a fixed list of orders per turn; the last entry repeats."""

    plan: list[list[str]] = field(default_factory=list)

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        if not self.plan:
            return []
        return list(self.plan[min(state.turn, len(self.plan) - 1)])


@dataclass
class TitForTatPlayer:
    """Generous tit-for-tat with the scenario's personality weights and a one-month look-ahead.

    Each allowed action gets a score: the government's taste for its category, raised when it
    answers last month's hostility (unless it forgives, with chance ``generosity``) and lowered
    when it would start a quarrel; plus the personality-weighted change the engine predicts for
    next month from this action alone; plus seeded noise. It buys the best-scoring actions
    it can afford while their score stays positive.
    """

    seed: int = 0

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        rng = decision_rng(self.seed, actor, state.turn)
        style = state.model.scenario.actors[actor].ai
        hostile = hostile_towards(history, actor)
        forgive = {other: rng.random() < style.generosity for other in sorted(hostile)}
        baseline = _weighted(state, actor, step(state, {})[0]) if not state.finished else 0.0
        scored = []
        for action_id, reason in state.availability(actor).items():
            if reason:
                continue
            action = state.model.action(action_id)
            taste = style.categories.get(action.category, 1.0)
            if action.category in HOSTILE and action.target:
                provoked = action.target in hostile and not forgive[action.target]
                taste *= 2.5 if provoked else 0.35
            elif action.category == Category.diplomacy and action.target in hostile:
                taste *= 0.6
            gain = _weighted(state, actor, step(state, {actor: [action_id]})[0]) - baseline
            noise = style.noise * rng.gauss(0.0, 1.0)
            score = taste + _squash(gain) + noise
            scored.append((score / max(action.cost, 0.5), action_id))
        scored.sort(reverse=True)
        chosen: list[str] = []
        for score, action_id in scored:
            if score > 0.4 and affordable(state, actor, chosen, action_id):
                chosen.append(action_id)
        return chosen


def _weighted(state: State, actor: str, after: State) -> float:
    weights = state.model.scenario.actors[actor].ai.weights
    ns = after.namespace
    return sum(weight * ns[name] for name, weight in weights.items())


def _squash(gain: float) -> float:
    return math.tanh(gain)


POLICIES = {
    "idle": lambda seed: IdlePlayer(),
    "random": RandomPlayer,
    "ai": TitForTatPlayer,
    "ai:normal": TitForTatPlayer,
}


def make_player(policy: str, seed: int) -> Player:
    """A player from a policy name (idle, random, ai); ValueError for an unknown name."""
    if policy not in POLICIES:
        known = ", ".join(sorted(POLICIES))
        raise ValueError(f"unknown policy {policy!r} (known: {known})")
    return POLICIES[policy](seed)
