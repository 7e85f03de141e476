"""Computer players: who decides a government's orders when no person does.

Rules:
- A player is anything with ``choose(state, actor, history) -> list[str]``; ``history`` is the
  list of ledgers so far (the last one says who did what to whom last month).
- Players never change the state; any look-ahead runs ``step`` on the immutable state.
- Every random choice comes from ``random.Random`` seeded by (seed, actor, turn), so the same
  game seed gives the same decisions whatever order seats are asked in.
"""

from __future__ import annotations

import ast
import itertools
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from game.format import formula
from game.format.schema import AiStyle, Category
from game.sim import draws
from game.sim.engine import Ledger, State, clashes, step
from game.sim.model import month_label
from game.sim.outcome import raw_progress

HOSTILE = (Category.blame, Category.sanctions)


class Player(Protocol):
    policy: str  # the name make_player knows it by, recorded in logs and saves

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

    policy = "idle"

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        return []


RANDOM_TAKE_SHARE = 0.6  # chance the random player takes each allowed action it can afford


@dataclass
class RandomPlayer:
    """Orders a random affordable set of the allowed actions.

    It goes through the allowed actions in an order shuffled by counter-based draws and takes
    each with chance ``RANDOM_TAKE_SHARE`` while it fits the budget; the draws depend only on
    (seed, month, action), so ``batch_players.RandomOrders`` makes the same choices for
    thousands of games at once.
    """

    seed: int = 0
    policy = "random"

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        model, turn, seed = state.model, state.turn, self.seed
        position = model.action_position
        shuffled = sorted(
            (draws.uniform(seed, turn, draws.RANDOM_ORDER, position[a]), position[a], a)
            for a in state.allowed(actor)
        )
        budget = state.capital_of(actor) + 1e-9
        chosen: list[str] = []
        for _, index, action_id in shuffled:
            cost = model.action(action_id).cost
            take = draws.uniform(seed, turn, draws.RANDOM_TAKE, index) < RANDOM_TAKE_SHARE
            if take and cost <= budget and not clashes(model, chosen, action_id):
                chosen.append(action_id)
                budget -= cost
        return chosen


@dataclass
class SpamPlayer:
    """Orders one action every month it can (the balance check's single-action spam)."""

    action: str = ""

    @property
    def policy(self) -> str:
        return f"spam:{self.action}"

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        return [self.action] if self.action in state.allowed(actor) else []


@dataclass
class PlanPlayer:
    """Follows a fixed list of orders per turn; the last entry repeats."""

    plan: list[list[str]] = field(default_factory=list)
    policy = "plan"

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
    policy = "tft"

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
            if (
                score > 0.4
                and affordable(state, actor, chosen, action_id)
                and not clashes(state.model, chosen, action_id)
            ):
                chosen.append(action_id)
        return chosen


@dataclass(frozen=True)
class Level:
    """How a difficulty plays: months looked ahead, candidate order sets, chance of a slip."""

    depth: int
    candidates: int
    mistakes: float


LEVELS = {
    "easy": Level(depth=1, candidates=6, mistakes=0.6),
    "normal": Level(depth=4, candidates=32, mistakes=0.1),
    "hard": Level(depth=6, candidates=64, mistakes=0.0),
}


@dataclass
class LookaheadPlayer:
    """Looks ahead with the engine on copies of the state and scores what it sees.

    For each candidate set of orders (within its capital) it plays ``depth`` months ahead,
    expecting the others to repeat last month's orders, and scores the result with its
    objectives (a smooth version of the scenario's score) and personality weights. It
    remembers who was hostile last month and answers in kind unless it forgives (generous
    tit-for-tat). Lower levels look less far, weigh fewer options and sometimes slip.
    """

    seed: int = 0
    level: str = "normal"

    @property
    def policy(self) -> str:
        return f"ai:{self.level}"

    def choose(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        """Its orders: every candidate looked ahead at once on the batch engine (``decide``)."""
        return decide([(self, state, history)], actor)[0]

    def choose_reference(self, state: State, actor: str, history: Sequence[Ledger]) -> list[str]:
        """The same choice with one scalar look-ahead per candidate (the reference)."""
        if state.finished:
            return []
        level = LEVELS[self.level]
        rng = decision_rng(self.seed, actor, state.turn)
        style = state.model.scenario.actors[actor].ai
        hostile = {
            o for o in sorted(hostile_towards(history, actor)) if rng.random() >= style.generosity
        }
        others = _expected_orders(state, actor, history)
        ranked = []
        for orders in _candidate_sets(state, actor, level.candidates, rng):
            value = _look_ahead(state, actor, orders, others, level.depth)
            value += _reciprocity(state, orders, hostile, style)
            value += style.noise * 0.05 * rng.gauss(0.0, 1.0)
            ranked.append((value, orders))
        ranked.sort(key=lambda item: item[0], reverse=True)
        if level.mistakes and rng.random() < level.mistakes:
            return list(rng.choice(ranked[: max(2, len(ranked) // 3)])[1])
        return list(ranked[0][1])


def choose_seats(
    state: State, seats: Mapping[str, Player], history: Sequence[Ledger]
) -> dict[str, list[str]]:
    """Every seat's orders for this month (as each player's ``choose``), the look-ahead
    players' candidates looked ahead together in one batch."""
    return choose_in_games([(state, seats, history)])[0]


def choose_in_games(
    games: Sequence[tuple[State, Mapping[str, Player], Sequence[Ledger]]],
) -> list[dict[str, list[str]]]:
    """``choose_seats`` for several games at once (the same choices as one by one): the
    look-ahead players of games at the same month share their batches."""
    requests = [
        (player, state, history, actor)
        for state, seats, history in games
        for actor, player in seats.items()
        if _thinks_in_batches(player)
    ]
    decided = iter(decide_seats(requests))
    chosen = []
    for state, seats, history in games:
        orders = {}
        for actor, player in seats.items():
            if _thinks_in_batches(player):
                orders[actor] = next(decided)
            else:
                orders[actor] = player.choose(state, actor, history)
        chosen.append(orders)
    return chosen


def _thinks_in_batches(player: Player) -> bool:
    return isinstance(player, LookaheadPlayer) and type(player).choose is LookaheadPlayer.choose


def decide(
    requests: Sequence[tuple[LookaheadPlayer, State, Sequence[Ledger]]], actor: str
) -> list[list[str]]:
    """What each (player, state, history) chooses for ``actor`` (as ``LookaheadPlayer.choose``),
    with every candidate of every request looked ahead together on the batch engine."""
    return decide_seats([(player, state, history, actor) for player, state, history in requests])


def decide_seats(
    requests: Sequence[tuple[LookaheadPlayer, State, Sequence[Ledger], str]],
) -> list[list[str]]:
    """What each (player, state, history, actor) chooses (as ``LookaheadPlayer.choose``), every
    candidate of every request looked ahead together: the seats of one game, or of many
    games at the same month, share one batch per look-ahead depth."""
    prepared: list[tuple | None] = []
    for player, state, history, actor in requests:
        if state.finished:
            prepared.append(None)
            continue
        level = LEVELS[player.level]
        rng = decision_rng(player.seed, actor, state.turn)
        style = state.model.scenario.actors[actor].ai
        hostile = {
            o for o in sorted(hostile_towards(history, actor)) if rng.random() >= style.generosity
        }
        others = _expected_orders(state, actor, history)
        candidates = _candidate_sets(state, actor, level.candidates, rng)
        prepared.append((state, level, rng, style, hostile, others, candidates, actor))
    values = _look_ahead_all([p for p in prepared if p is not None])
    chosen: list[list[str]] = []
    found = iter(values)
    for item in prepared:
        if item is None:
            chosen.append([])
            continue
        state, level, rng, style, hostile, _, candidates, _ = item
        ranked = []
        for orders, value in zip(candidates, next(found), strict=True):
            value += _reciprocity(state, orders, hostile, style)
            value += style.noise * 0.05 * rng.gauss(0.0, 1.0)
            ranked.append((value, orders))
        ranked.sort(key=lambda entry: entry[0], reverse=True)
        if level.mistakes and rng.random() < level.mistakes:
            chosen.append(list(rng.choice(ranked[: max(2, len(ranked) // 3)])[1]))
        else:
            chosen.append(list(ranked[0][1]))
    return chosen


def _look_ahead_all(items: list[tuple]) -> list[list[float]]:
    """``_look_ahead`` of every candidate of every item, one batch per (model, month, depth)."""
    from game.sim import batch

    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, (state, level, *_) in enumerate(items):
        groups.setdefault((id(state.model), state.turn, level.depth), []).append(i)
    values: list[list[float]] = [[] for _ in items]
    for (_, _, depth), members in groups.items():
        states = [items[i][0] for i in members]
        candidates = [items[i][6] for i in members]
        actors = [items[i][7] for i in members]
        model = states[0].model
        counts = [len(c) for c in candidates]
        distinct: dict[int, int] = {}  # the seats of one game share its state's row
        for state in states:
            distinct.setdefault(id(state), len(distinct))
        unique = list({id(state): state for state in states}.values())
        rows = np.repeat([distinct[id(state)] for state in states], counts)
        together = batch.from_states(unique).take(rows)
        orders = _orders_for(model, actors, [items[i][5] for i in members], candidates)
        spans = []
        start = 0
        for actor, count in zip(actors, counts, strict=True):
            spans.append((actor, start, start + count))
            start += count
        scores = _scores_ahead(together, orders, spans, depth)
        for i, (_, first, last) in zip(members, spans, strict=True):
            values[i] = scores[first:last].tolist()
    return values


def _orders_for(model, actors: list[str], others: list[dict], candidates: list[list[tuple]]):
    """(actions, rows) order positions: each item's expected orders of the others plus one
    candidate of its actor per row (positions in the scalar engine's order)."""
    from game.sim.batch import Kernel

    kernel = Kernel.of(model)
    position = kernel.action_position
    stride = 1000
    total = sum(len(c) for c in candidates)
    orders = np.full((len(kernel.actions), total), -1, dtype=np.int64)
    row = 0
    for actor, expected, sets in zip(actors, others, candidates, strict=True):
        me = model.actor_position[actor]
        width = len(sets)
        for other, action_ids in expected.items():
            base = model.actor_position[other] * stride
            for rank, action_id in enumerate(action_ids):
                orders[position[action_id], row : row + width] = base + rank
        for offset, orders_set in enumerate(sets):
            for rank, action_id in enumerate(orders_set):
                orders[position[action_id], row + offset] = me * stride + rank
        row += width
    return orders


def _scores_ahead(together, orders, spans: list[tuple[str, int, int]], depth: int) -> np.ndarray:
    """``smooth_score(trail) + _weighted(...)`` of each row, played ``depth`` months ahead, for
    the actor whose rows they are (``spans``: (actor, first row, row after the last))."""
    from game.sim import batch

    model = together.model
    rows = together.games
    mine: dict[str, np.ndarray] = {}
    for actor, first, last in spans:
        mine.setdefault(actor, np.zeros(rows, dtype=bool))[first:last] = True
    readers = [(_Reader.of(model, actor), mask) for actor, mask in mine.items()]
    sums = {
        (reader.actor, key): np.zeros(rows)
        for reader, _ in readers
        for key, o in reader.objectives
        if o.when == "mean"
    }
    dated = {
        (reader.actor, key): np.full(rows, np.nan)
        for reader, _ in readers
        for key, o in reader.objectives
        if o.when not in ("end", "mean")
    }
    count = np.zeros(rows)
    current = together
    spaces: dict[str, dict] = {}
    for month in range(depth):
        if month and current.turn >= model.scenario.meta.turns:
            break
        counted = current.alive
        current, _ = batch.step(current, orders if month == 0 else None, validate=False)
        count += counted
        label = model.month(current.turn - 1)
        spaces = {}
        for reader, _ in readers:
            for key, objective in reader.objectives:
                slot = (reader.actor, key)
                if slot in sums:
                    value = reader.measure(key, reader.namespace(current, spaces), rows)
                    sums[slot] += np.where(counted, value, 0.0)
                elif slot in dated and objective.when == label:
                    value = reader.measure(key, reader.namespace(current, spaces), rows)
                    dated[slot] = np.where(counted, value, dated[slot])
    result = np.zeros(rows)
    for reader, mask in readers:
        ns = reader.namespace(current, spaces)
        total = np.zeros(rows)
        for key, objective in reader.objectives:
            slot = (reader.actor, key)
            if slot in sums:
                value = sums[slot] / count
            else:
                value = reader.measure(key, ns, rows)
                if slot in dated:
                    value = np.where(np.isnan(dated[slot]), value, dated[slot])
            raw = raw_progress(objective, value)
            total = total + objective.weight * np.where(raw < 1.0, raw, 1.0)  # min(1.0, raw)
        weighted = 0.0
        for name, weight in reader.weights:
            weighted = weighted + weight * ns[name]
        result = np.where(mask, total + weighted, result)
    return result


class _Reader:
    """What one government's look-ahead reads of a batch state: its objectives' measures and
    its personality weights, from a namespace holding only the names they need (the derived
    values they read, and the ones those read, computed by the same formulas in the same
    order as the full namespace, so the numbers are the same)."""

    def __init__(self, model, actor: str) -> None:
        from game.sim.batch import Kernel
        from game.sim.vector import compile_vector

        spec = model.scenario.actors[actor]
        self.model = model
        self.actor = actor
        self.objectives = list(spec.objectives.items())
        self.weights = list(spec.ai.weights.items())
        kernel = Kernel.of(model)
        self.measures = {key: kernel.measures[(actor, key)] for key, _ in self.objectives}
        wanted = set(spec.ai.weights)
        for _, objective in self.objectives:
            wanted |= formula.parse(objective.expr).names
        trees = dict(model.derived_trees)
        needed: set[str] = set()
        for name, tree in reversed(model.derived_trees):  # later ones read earlier ones
            if name in wanted or name in needed:
                needed.add(name)
                needed |= _names_read(tree) & trees.keys()
        chosen = [(name, tree) for name, tree in model.derived_trees if name in needed]
        self.derive = compile_vector(chosen, [], store=[n for n, _ in chosen]) if chosen else None
        self.counters = bool(wanted & set(model.counter_ids)) or any(
            _names_read(tree) & set(model.counter_ids) for _, tree in chosen
        )

    @staticmethod
    def of(model, actor: str) -> _Reader:
        readers = model.cache.setdefault("lookahead_readers", {})
        if actor not in readers:
            readers[actor] = _Reader(model, actor)
        return readers[actor]

    def namespace(self, state, memo: dict[str, dict]) -> dict:
        """As ``BatchState.namespace`` for the names this reader needs (kept in ``memo``,
        which holds the namespaces of one state)."""
        if self.actor not in memo:
            memo[self.actor] = self._namespace(state)
        return memo[self.actor]

    def _namespace(self, state) -> dict:
        model = self.model
        ns: dict[str, object] = dict(model.base_namespace)
        ns.update(zip(model.variable_ids, state.values, strict=True))
        if self.counters:
            zeros = np.zeros((len(model.counter_ids), state.games))
            ns.update(zip(model.counter_ids, zeros, strict=True))
        ns.update(zip(model.policy_ids, state.policies, strict=True))
        ns["turn"], ns["month"], ns["year"] = model.calendar(state.turn)
        if self.derive is not None:
            self.derive(ns)
        return ns

    def measure(self, key: str, ns: dict, rows: int) -> np.ndarray:
        from game.sim.vector import full

        (value,) = self.measures[key](ns)
        return full(value, rows)


def _names_read(tree) -> set[str]:
    """The namespace names a checked formula tree reads (``ns["name"]``)."""
    return {
        node.slice.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "ns"
        and isinstance(node.slice, ast.Constant)
    }


MAX_ENUMERATED = 4000  # order sets listed one by one; beyond, a seeded sample is drawn
MAX_SINGLES = 96  # single actions kept as candidates when there are more


def _candidate_sets(
    state: State, actor: str, limit: int, rng: random.Random
) -> list[tuple[str, ...]]:
    """The empty order, then affordable sets of one to three allowed actions (seeded sample).

    With many actions (more than ``MAX_ENUMERATED`` sets of up to three), the sets are drawn
    at random instead of listed, and at most ``MAX_SINGLES`` single actions are kept, so the
    choice takes bounded time whatever the number of actions.
    """
    model = state.model
    allowed = state.allowed(actor)
    budget = state.capital_of(actor) + 1e-9
    n = len(allowed)
    if n + n * (n - 1) // 2 + n * (n - 1) * (n - 2) // 6 > MAX_ENUMERATED:
        return _sampled_sets(state, allowed, budget, limit, rng)
    sets: list[tuple[str, ...]] = []
    for size in (1, 2, 3):
        for combo in itertools.combinations(allowed, size):
            if sum(model.action(a).cost for a in combo) <= budget and not any(
                clashes(model, combo[:i], a) for i, a in enumerate(combo)
            ):
                sets.append(combo)
    if len(sets) > limit - 1:
        singles = [s for s in sets if len(s) == 1]
        rest = [s for s in sets if len(s) > 1]
        sets = singles + rng.sample(rest, max(0, min(len(rest), limit - 1 - len(singles))))
    return [(), *sets]


def _sampled_sets(
    state: State, allowed: list[str], budget: float, limit: int, rng: random.Random
) -> list[tuple[str, ...]]:
    model = state.model
    singles = [(a,) for a in allowed if model.action(a).cost <= budget]
    if len(singles) > MAX_SINGLES:
        keep = sorted(rng.sample(range(len(singles)), MAX_SINGLES))
        singles = [singles[i] for i in keep]
    wanted = max(0, limit - 1 - len(singles))
    found: dict[tuple[str, ...], None] = {}
    for _ in range(20 * wanted):
        if len(found) >= wanted:
            break
        picks = sorted(rng.sample(range(len(allowed)), min(len(allowed), rng.choice((2, 3)))))
        combo = tuple(allowed[i] for i in picks)
        if sum(model.action(a).cost for a in combo) <= budget:
            found[combo] = None
    return [(), *singles, *found]


def _expected_orders(state: State, actor: str, history: Sequence[Ledger]) -> dict[str, list[str]]:
    """Others are expected to repeat last month's orders where they still can."""
    if not history:
        return {}
    expected = {}
    for other, action_ids in history[-1].orders.items():
        if other == actor:
            continue
        available = state.availability(other)
        repeat, budget = [], state.capital_of(other)
        for action_id in action_ids:
            cost = state.model.action(action_id).cost
            if not available.get(action_id) and cost <= budget:
                repeat.append(action_id)
                budget -= cost
        expected[other] = repeat
    return expected


def _look_ahead(
    state: State, actor: str, orders: tuple[str, ...], others: dict[str, list[str]], depth: int
) -> float:
    trail = []
    current, _ = step(state, {**others, actor: list(orders)})
    trail.append(current)
    for _ in range(depth - 1):
        if current.finished:
            break
        current, _ = step(current, {})
        trail.append(current)
    return smooth_score(trail, actor) + _weighted(state, actor, current)


def smooth_score(trail: Sequence[State], actor: str) -> float:
    """The actor's objective points over a look-ahead, without the floor at zero."""
    model = trail[0].model
    total = 0.0
    for key, objective in model.scenario.actors[actor].objectives.items():
        measure = model.measures[(actor, key)]
        if objective.when == "mean":
            value = sum(measure(s.namespace) for s in trail) / len(trail)
        else:
            start = model.scenario.meta.start
            dated = [s for s in trail if month_label(start, s.turn - 1) == objective.when]
            value = measure((dated or trail)[-1].namespace)
        total += objective.weight * min(1.0, raw_progress(objective, value))
    return total


def _reciprocity(state: State, orders: tuple[str, ...], hostile: set[str], style: AiStyle) -> float:
    """Tit-for-tat and taste: answering hostility pays, opening hostilities costs a little."""
    value = 0.0
    answered: set[str] = set()
    for action_id in orders:
        action = state.model.action(action_id)
        value += 0.1 * (style.categories.get(action.category, 1.0) - 1.0)
        if action.category in HOSTILE and action.target:
            if action.target in hostile and action.target not in answered:
                value += style.retaliation
                answered.add(action.target)
            elif action.target not in hostile:
                value -= style.provocation
    return value


def _weighted(state: State, actor: str, after: State) -> float:
    weights = state.model.scenario.actors[actor].ai.weights
    ns = after.namespace
    return sum(weight * ns[name] for name, weight in weights.items())


def _squash(gain: float) -> float:
    return math.tanh(gain)


POLICIES = {
    "idle": lambda seed: IdlePlayer(),
    "random": RandomPlayer,
    "tft": TitForTatPlayer,
    "ai": lambda seed: LookaheadPlayer(seed, "normal"),
    "ai:easy": lambda seed: LookaheadPlayer(seed, "easy"),
    "ai:normal": lambda seed: LookaheadPlayer(seed, "normal"),
    "ai:hard": lambda seed: LookaheadPlayer(seed, "hard"),
}


def make_player(policy: str, seed: int) -> Player:
    """A player from a policy name (idle, random, ai, spam:ACTION); ValueError if unknown."""
    if policy.startswith("spam:") and len(policy) > 5:
        return SpamPlayer(policy[5:])
    if policy not in POLICIES:
        known = ", ".join(sorted(POLICIES))
        raise ValueError(f"unknown policy {policy!r} (known: {known})")
    return POLICIES[policy](seed)
