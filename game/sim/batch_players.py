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
        seeds, index = state.seeds[None, :], rows[:, None]
        order_keys = draws.uniforms(seeds, state.turn, draws.RANDOM_ORDER, index)
        take = draws.uniforms(seeds, state.turn, draws.RANDOM_TAKE, index)
        # scalar: sorted by (draw, action position); unavailable ones last (never taken)
        keyed = np.where(allowed, order_keys, np.inf)
        if (np.diff(rows) > 0).all():  # ties in action order: a stable sort keeps it
            order = keyed.argsort(axis=0, kind="stable")
        else:
            order = np.lexsort((np.broadcast_to(rows[:, None], keyed.shape), keyed), axis=0)
        budget = state.capital[k] + 1e-9
        columns = np.arange(games)
        # the candidates (allowed and drawn to be taken), in each game's shuffled order
        wanted = np.take_along_axis(allowed & (take < RANDOM_TAKE_SHARE), order, axis=0)
        costs = kernel.cost[rows][order]  # (rows, games)
        crisis_of = _crisis_rows(kernel, model, k)[order]
        crises = crisis_of.max() + 1 if len(crisis_of) else 0
        answered = np.zeros((max(crises, 1), games), dtype=bool)
        found = np.flatnonzero(wanted.any(axis=1))
        for rank in range(found[-1] + 1 if len(found) else 0):
            cost = costs[rank]
            chosen = wanted[rank] & (cost <= budget)
            crisis = crisis_of[rank]
            if crises and (crisis >= 0).any():  # one response per crisis (``engine.clashes``)
                respond = crisis >= 0
                at = np.where(respond, crisis, 0)
                chosen &= ~(answered[at, columns] & respond)
                answered[at[chosen & respond], columns[chosen & respond]] = True
            if chosen.any():
                budget = np.where(chosen, budget - cost, budget)
                out[rows[order[rank][chosen]], columns[chosen]] = k * POSITION_STRIDE + rank
        return out


def _crisis_rows(kernel: Kernel, model, k: int) -> np.ndarray:
    """For each action of government ``k``: the crisis it answers (index), or -1."""
    cache = model.cache.setdefault("batch_crisis_rows", {})
    if k not in cache:
        crisis_ids = {e: i for i, e in enumerate(model.crises)}
        cache[k] = np.array(
            [
                crisis_ids.get(model.crisis_of.get(kernel.actions[a], ""), -1)
                for a in kernel.actor_actions[k]
            ],
            dtype=np.int64,
        )
    return cache[k]


class SpamOrders:
    """``SpamPlayer`` for every game: its one action whenever it may be ordered."""

    def __init__(self, action: str) -> None:
        self.action = action
        self.policy = f"spam:{action}"

    def orders(self, state: BatchState, actor: str, available: np.ndarray) -> np.ndarray:
        out = no_orders(state)
        kernel = state.kernel
        a = kernel.action_position.get(self.action)
        k = state.model.actor_position[actor]
        if a is not None and kernel.actor_of[a] == k:
            out[a] = np.where(available[a], k * POSITION_STRIDE, -1)
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
