"""Computer players for the batch engine: the same choices as ``game.sim.players``, for N games.

Rules:
- A batch policy is ``orders(state, actor) -> (actions, games) positions`` (as ``batch.step``
  takes them, -1 for not ordered) for one government in every game of a batch.
- Each gives, game by game, exactly the orders its scalar twin gives for that game's state
  when the player's seed is the game's seed (as ``simulate --games`` and ``balance`` make
  them): a test compares them.
- ``idle``, ``random`` and plans choose with array operations only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.sim import draws
from game.sim.batch import BatchState, Kernel
from game.sim.players import RANDOM_TAKE_SHARE

POSITION_STRIDE = 1000  # order positions: government index * stride + rank within its orders


def no_orders(state: BatchState) -> np.ndarray:
    return np.full((len(state.kernel.actions), state.games), -1, dtype=np.int64)


class IdleOrders:
    """Orders nothing."""

    policy = "idle"

    def orders(self, state: BatchState, actor: str, available: np.ndarray) -> np.ndarray:
        return no_orders(state)


class RandomOrders:
    """``RandomPlayer`` for every game: a shuffled pass over the allowed actions, each taken
    with chance RANDOM_TAKE_SHARE while it fits the budget."""

    policy = "random"

    def orders(self, state: BatchState, actor: str, available: np.ndarray) -> np.ndarray:
        kernel, model = state.kernel, state.model
        k = model.actor_position[actor]
        rows = kernel.actor_actions[k]
        out = no_orders(state)
        if not len(rows):
            return out
        games = state.games
        allowed = available[rows]
        order_keys = np.stack(
            [draws.uniforms(state.seeds, state.turn, draws.RANDOM_ORDER, int(a)) for a in rows]
        )
        take = np.stack(
            [draws.uniforms(state.seeds, state.turn, draws.RANDOM_TAKE, int(a)) for a in rows]
        )
        # scalar: sorted by (draw, action position); unavailable ones last (never taken)
        keyed = np.where(allowed, order_keys, np.inf)
        order = np.lexsort((np.broadcast_to(rows[:, None], keyed.shape), keyed), axis=0)
        budget = state.capital[k] + 1e-9
        columns = np.arange(games)
        costs = kernel.cost[rows]
        for rank in range(len(rows)):
            j = order[rank]
            cost = costs[j]
            chosen = allowed[j, columns] & (take[j, columns] < RANDOM_TAKE_SHARE) & (cost <= budget)
            if chosen.any():
                budget = np.where(chosen, budget - cost, budget)
                out[rows[j[chosen]], columns[chosen]] = k * POSITION_STRIDE + rank
        return out


class PlanOrders:
    """A fixed list of orders per turn for every game; the last entry repeats."""

    policy = "plan"

    def __init__(self, plan: Sequence[Sequence[str]]) -> None:
        self.plan = [list(turn) for turn in plan]

    def orders(self, state: BatchState, actor: str, available: np.ndarray) -> np.ndarray:
        out = no_orders(state)
        if not self.plan:
            return out
        kernel = state.kernel
        k = state.model.actor_position[actor]
        for rank, action_id in enumerate(self.plan[min(state.turn, len(self.plan) - 1)]):
            if action_id not in kernel.action_position:
                continue  # the engine's check names it
            out[kernel.action_position[action_id]] = k * POSITION_STRIDE + rank
        return out


def combine(parts: list[np.ndarray]) -> np.ndarray:
    """One orders array from each government's (their positions never collide)."""
    combined = parts[0].copy()
    for part in parts[1:]:
        combined = np.where(part >= 0, part, combined)
    return combined


def kernel_of(state: BatchState) -> Kernel:
    return state.kernel
