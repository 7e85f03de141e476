"""Many seeded games at once: the numbers behind ``simulate --games`` and ``balance``.

Rules:
- Game k uses seed ``first_seed + k``; results come back in seed order whatever the number of
  worker processes, so a batch is as reproducible as a single game.
- When every seat is idle, random or a plan, the games run on the batch engine
  (``game.sim.batch``, the debate on arrays: ``game.sim.batch_debate``): thousands stepped
  together, in chunks of ``CHUNK``. Otherwise they play game by game on the scalar engine
  (computer players then decide with batched look-aheads).
- Only small summaries are kept (``Results``: scores, objectives met, final values, which
  variables moved, how often each action was chosen, as arrays over games), never the games'
  logs, so memory does not grow with every month of every game.
- Large batches are split across cores with ``concurrent.futures.ProcessPoolExecutor`` (an
  explicit start method, an initializer that compiles the scenario once per worker, no module
  globals). An error in a worker comes back whole: its type, every problem and the seed.
- On a terminal, a progress bar shows long runs on stderr.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field, fields

import numpy as np

from game.format.loader import load_scenario
from game.sim import batch as engine_batch
from game.sim.batch_debate import ArrayDebate, DebateKernel, random_honour, random_moves
from game.sim.batch_players import (
    POSITION_STRIDE,
    IdleOrders,
    PlanOrders,
    RandomOrders,
    SpamOrders,
    combine,
)
from game.sim.engine import OrdersError, check_orders
from game.sim.model import Model
from game.sim.players import PlanPlayer, make_player
from game.sim.session import Game, play_out, play_out_together
from game.tools.arguments import claim_payoffs, deal_payoffs

CHUNK = 5_000  # games stepped together (bigger: less Python per game, more memory)
PARALLEL_GAME_MONTHS = 400_000  # batch-engine work worth starting worker processes for
ARGUING_COST = 4  # a month of random seats arguing costs about this many idle months
PARALLEL_SCALAR_GAMES = 8  # scalar games worth it


@dataclass(frozen=True)
class Batch:
    """What to play: a scenario, who plays each seat, how many games from which seed."""

    scenario: str
    policies: dict[str, str]  # actor -> policy name
    games: int
    first_seed: int = 1
    assumptions: str = ""
    turns: int | None = None
    plans: dict[str, list[list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class GameResult:
    seed: int
    turns: int
    ended_by: str
    scores: dict[str, float]
    max_scores: dict[str, float]
    met: dict[str, int]
    final: dict[str, float]
    moved: frozenset[str]  # variables whose value ever left its initial value
    choices: dict[str, dict[str, int]]  # actor -> action id -> times chosen
    claims: dict[str, tuple[int, int]] = field(default_factory=dict)  # claim -> (made, paid)
    # deal -> (offered, accepted, completed, broken)
    deals: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)


@dataclass(eq=False)
class Results:
    """Every game's summary as arrays over games (in seed order); a sequence of GameResult."""

    actors: tuple[str, ...]
    variables: tuple[str, ...]
    actions: tuple[str, ...]
    action_actor: tuple[str, ...]
    events: tuple[str, ...]
    max_scores: dict[str, float]
    seeds: np.ndarray  # (games,) int64
    turns: np.ndarray  # (games,)
    ended_by: np.ndarray  # (games,) event index or -1
    scores: np.ndarray  # (actors, games)
    met: np.ndarray  # (actors, games)
    final: np.ndarray  # (variables, games)
    moved: np.ndarray  # (variables, games) bool
    choices: np.ndarray  # (actions, games) times chosen
    claims: tuple[str, ...] = ()
    claim_made: np.ndarray | None = None  # (claims, games): statements made with each claim
    claim_paid: np.ndarray | None = None  # (claims, games): of them, those that paid
    # per game, deal -> (offered, accepted, completed, broken); () when no game had a deal
    deals: tuple[dict, ...] = ()

    def __len__(self) -> int:
        return len(self.seeds)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Results):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, f.name), getattr(other, f.name))
            if isinstance(getattr(self, f.name), np.ndarray)
            else getattr(self, f.name) == getattr(other, f.name)
            for f in fields(self)
        )

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[GameResult]:
        return (self[k] for k in range(len(self)))

    def __getitem__(self, k: int) -> GameResult:
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        choices: dict[str, dict[str, int]] = {a: {} for a in self.actors}
        for a in np.flatnonzero(self.choices[:, k]):
            choices[self.action_actor[a]][self.actions[a]] = int(self.choices[a, k])
        ended = int(self.ended_by[k])
        return GameResult(
            seed=int(self.seeds[k]),
            turns=int(self.turns[k]),
            ended_by=self.events[ended] if ended >= 0 else "",
            scores={a: float(self.scores[i, k]) for i, a in enumerate(self.actors)},
            max_scores=dict(self.max_scores),
            met={a: int(self.met[i, k]) for i, a in enumerate(self.actors)},
            final={v: float(self.final[i, k]) for i, v in enumerate(self.variables)},
            moved=frozenset(v for i, v in enumerate(self.variables) if self.moved[i, k]),
            choices=choices,
            claims={
                c: (int(self.claim_made[i, k]), int(self.claim_paid[i, k]))
                for i, c in enumerate(self.claims)
                if self.claim_made[i, k]
            },
            deals=dict(self.deals[k]) if self.deals else {},
        )

    @classmethod
    def join(cls, parts: Sequence[Results]) -> Results:
        """One Results of several (any order), sorted by seed."""
        first = parts[0]
        seeds = np.concatenate([p.seeds for p in parts])
        order = np.argsort(seeds, kind="stable")

        def cat(name: str, axis: int) -> np.ndarray:
            joined = np.concatenate([getattr(p, name) for p in parts], axis=axis)
            return joined[..., order] if axis else joined[order]

        return cls(
            first.actors,
            first.variables,
            first.actions,
            first.action_actor,
            first.events,
            first.max_scores,
            seeds[order],
            cat("turns", 0),
            cat("ended_by", 0),
            cat("scores", 1),
            cat("met", 1),
            cat("final", 1),
            cat("moved", 1),
            cat("choices", 1),
            first.claims,
            cat("claim_made", 1),
            cat("claim_paid", 1),
            _per_game([p.deals for p in parts], parts, order),
        )

    @classmethod
    def of_games(cls, model: Model, games: Sequence[GameResult]) -> Results:
        """Results of games played one by one (GameResult each)."""
        kernel = engine_batch.Kernel.of(model)
        actors, variables = model.actor_ids, model.variable_ids
        event_index = {e: i for i, e in enumerate(kernel.events)}
        choices = np.zeros((len(kernel.actions), len(games)), dtype=np.int32)
        claims = tuple(model.scenario.claims)
        claim_row = {c: i for i, c in enumerate(claims)}
        made = np.zeros((len(claims), len(games)), dtype=np.int64)
        paid = np.zeros((len(claims), len(games)), dtype=np.int64)
        for k, game in enumerate(games):
            for chosen in game.choices.values():
                for action_id, times in chosen.items():
                    choices[kernel.action_position[action_id], k] = times
            for claim, (times, paying) in game.claims.items():
                made[claim_row[claim], k], paid[claim_row[claim], k] = times, paying
        return cls(
            actors,
            variables,
            tuple(kernel.actions),
            tuple(model.action(a).actor for a in kernel.actions),
            tuple(kernel.events),
            dict(games[0].max_scores) if games else {},
            np.array([g.seed for g in games], dtype=np.int64),
            np.array([g.turns for g in games], dtype=np.int64),
            np.array([event_index.get(g.ended_by, -1) for g in games], dtype=np.int64),
            np.array([[g.scores[a] for g in games] for a in actors], dtype=float),
            np.array([[g.met[a] for g in games] for a in actors], dtype=np.int64),
            np.array([[g.final[v] for g in games] for v in variables], dtype=float),
            np.array([[v in g.moved for g in games] for v in variables], dtype=bool),
            choices,
            claims,
            made,
            paid,
            tuple(g.deals for g in games) if any(g.deals for g in games) else (),
        )


def _per_game(columns: list[tuple], parts: Sequence[Results], order: np.ndarray) -> tuple:
    """A per-game tally of several Results joined in ``order`` (() when none has any)."""
    if not any(columns):
        return ()
    joined = [
        row
        for column, part in zip(columns, parts, strict=True)
        for row in (column or ({},) * len(part))
    ]
    return tuple(joined[i] for i in order)


@functools.lru_cache(maxsize=2)
def compiled(scenario: str, assumptions: str) -> Model:
    """The scenario at ``scenario`` compiled (once per process and assumption set)."""
    return Model.build(load_scenario(scenario), assumptions)


def batch_capable(batch: Batch, model: Model) -> bool:
    """Whether every seat has a batch twin that plays exactly its games.

    Idle, spam and plan seats say nothing in the debate; random seats argue with
    counter-based draws, which ``batch_debate`` makes and resolves on arrays.
    """
    return all(
        a in batch.plans or p in ("idle", "random") or p.startswith("spam:")
        for a, p in batch.policies.items()
    )


# -- one chunk of games --------------------------------------------------------------------------


def play_chunk(batch: Batch, seeds: Sequence[int], model: Model | None = None) -> Results:
    """Play the games with ``seeds`` (a chunk of ``batch``) and summarise them."""
    model = model or compiled(batch.scenario, batch.assumptions)
    if batch_capable(batch, model):
        return _play_batched(batch, model, seeds)
    if len(seeds) > 1 and not batch.plans:
        try:
            return Results.of_games(model, play_together(batch, seeds, model))
        except OrdersError:
            pass  # played again one by one, which names the seed and turn
    return Results.of_games(model, [play_one(batch, seed, model) for seed in seeds])


def play_one(batch: Batch, seed: int, model: Model | None = None) -> GameResult:
    """Play one game of the batch on the scalar engine and summarise it."""
    model = model or compiled(batch.scenario, batch.assumptions)
    game = _new_game(batch, seed, model)
    try:
        play_out(game, batch.turns)
    except OrdersError as exc:
        where = f"seed {seed}, turn {game.state.turn + 1}"
        raise OrdersError([f"{where}: {p}" for p in exc.problems]) from None
    return _result(game, model)


def play_together(batch: Batch, seeds: Sequence[int], model: Model | None = None) -> list:
    """``play_one`` of every seed (the same results), the games played together month by
    month on the scalar engine so that their look-ahead players decide in shared batches."""
    model = model or compiled(batch.scenario, batch.assumptions)
    games = play_out_together([_new_game(batch, seed, model) for seed in seeds], batch.turns)
    return [_result(game, model) for game in games]


def _new_game(batch: Batch, seed: int, model: Model) -> Game:
    players = {actor: make_player(policy, seed) for actor, policy in batch.policies.items()}
    for actor, plan in batch.plans.items():
        players[actor] = PlanPlayer(plan)
    return Game(model, seed, dict(players))


def _result(game: Game, model: Model) -> GameResult:
    """A played game's summary."""
    seed = game.seed
    outcome = game.outcome()
    columns = zip(*(state.values for state in game.states), strict=True)
    moved = {
        variable
        for variable, column in zip(model.variable_ids, columns, strict=True)
        if min(column) != max(column)
    }
    choices: dict[str, Counter[str]] = {actor: Counter() for actor in model.actor_ids}
    for ledger in game.ledgers:
        for actor, action_ids in ledger.orders.items():
            choices[actor].update(action_ids)
    return GameResult(
        seed=seed,
        turns=len(game.ledgers),
        ended_by=game.state.ended_by,
        scores={a: r.score for a, r in outcome.items()},
        max_scores={a: r.max_score for a, r in outcome.items()},
        met={a: r.met for a, r in outcome.items()},
        final=game.state.as_dict(),
        moved=frozenset(moved),
        choices={a: dict(c) for a, c in choices.items()},
        claims=claim_payoffs(entry for ledger in game.ledgers for entry in ledger.debate),
        deals=deal_payoffs(entry for ledger in game.ledgers for entry in ledger.debate),
    )


def _seat_players(batch: Batch, model: Model) -> dict[str, object]:
    players: dict[str, object] = {}
    for actor in model.actor_ids:
        if actor in batch.plans:
            players[actor] = PlanOrders(batch.plans[actor])
        elif batch.policies.get(actor, "idle") == "random":
            players[actor] = RandomOrders()
        elif batch.policies.get(actor, "idle").startswith("spam:"):
            players[actor] = SpamOrders(batch.policies[actor][5:])
        else:
            players[actor] = IdleOrders()
    return players


def _seat_order(batch: Batch, model: Model) -> list[str]:
    """The seats in the order a scalar Game asks them (``play_one``'s players dict)."""
    order = list(batch.policies)
    order += [a for a in batch.plans if a not in order]
    return order + [a for a in model.actor_ids if a not in order]


def batched_months(
    batch: Batch,
    model: Model,
    seeds: Sequence[int],
    turns: int | None = None,
    history: bool = False,
) -> Iterator[tuple]:
    """Each month of the games with ``seeds`` on the batch engine, (state before, state after,
    ledger), the seats choosing for every game at once. ``history``: keep what each game's
    debate needs to be rebuilt (``BatchState.row``)."""
    players = _seat_players(batch, model)
    state = engine_batch.initial(model, list(seeds), history)
    position = model.actor_position
    arguing = [
        position[a]
        for a in _seat_order(batch, model)
        if isinstance(players[a], RandomOrders) and isinstance(state.debate, ArrayDebate)
    ]
    bases = [k * POSITION_STRIDE for k in arguing]
    remaining = turns if turns is not None else model.scenario.meta.turns
    while remaining > 0 and not state.finished:
        available = state.available()
        parts = []
        checked = False
        for actor, player in players.items():
            parts.append(player.orders(state, actor, available))
            if isinstance(player, PlanOrders):
                checked = True
        orders = combine(parts)
        if checked:
            _check_plans(state, orders, players, seeds)
        moves = None
        if arguing:
            orders = random_honour(state, orders, arguing, bases)
            moves = random_moves(state, orders, arguing, arguing)
        after, ledger = engine_batch.step(state, orders, validate=False, moves=moves)
        yield state, after, ledger
        state = after
        remaining -= 1


def _play_batched(batch: Batch, model: Model, seeds: Sequence[int]) -> Results:
    kernel = engine_batch.Kernel.of(model)
    games = len(seeds)
    claims = ClaimTally(model, games)
    deals = DealTally(model, games)
    state = engine_batch.initial(model, list(seeds))
    tracker = _ScoreTracker(model, state)
    moved = np.zeros((len(model.variable_ids), games), dtype=bool)
    initial_values = state.values
    choices = np.zeros((len(kernel.actions), games), dtype=np.int32)
    turns = np.zeros(games, dtype=np.int64)
    for before, state, ledger in batched_months(batch, model, seeds, batch.turns):
        alive = before.alive
        claims.add(ledger.debate_month)
        deals.add(ledger.debate_month)
        choices += (ledger.orders >= 0) & alive  # default answers to crises included
        turns += alive
        moved |= state.values != initial_values
        tracker.add(state, alive)
    scores, met, max_scores = tracker.scores(state)
    return Results(
        actors=model.actor_ids,
        variables=model.variable_ids,
        actions=tuple(kernel.actions),
        action_actor=tuple(model.action(a).actor for a in kernel.actions),
        events=tuple(kernel.events),
        max_scores=max_scores,
        seeds=np.array(list(seeds), dtype=np.int64),
        turns=turns,
        ended_by=state.ended_by.copy(),
        scores=scores,
        met=met,
        final=state.values,
        moved=moved,
        choices=choices,
        claims=tuple(model.scenario.claims),
        claim_made=claims.made,
        claim_paid=claims.paid,
        deals=deals.per_game(),
    )


class DealTally:
    """Each game's deals offered, accepted, completed and broken (as ``arguments.deal_payoffs``)."""

    def __init__(self, model: Model, games: int) -> None:
        self.templates = list(model.scenario.deals)
        self.counts = np.zeros((4, len(self.templates), games), dtype=np.int64)

    def add(self, month) -> None:
        if month is None or not self.templates:
            return
        offered = month.proposed_number > 0  # (actors, games)
        for t in range(len(self.templates)):
            self.counts[0, t] += (offered & (month.moves.propose == t)).sum(axis=0)
        self.counts[1] += (month.replied > 0) & (month.moves.reply == 1)
        checked, broken = month.checked, month.broken
        self.counts[2] += checked & ~broken.any(axis=0) & (month.deal_left == 1)
        self.counts[3] += (checked & broken[0]).astype(np.int64) + (checked & broken[1])

    def per_game(self) -> tuple[dict, ...]:
        if not self.counts.any():
            return ()
        return tuple(
            {
                deal: (a, b, c, d)
                for t, deal in enumerate(self.templates)
                for a, b, c, d in [tuple(int(x) for x in self.counts[:, t, g])]
                if a or b or c or d
            }
            for g in range(self.counts.shape[2])
        )


class ClaimTally:
    """Each game's statements per claim and how many paid (as ``arguments.claim_payoffs``):
    at least half true and not beaten by a rebuttal the month after."""

    def __init__(self, model: Model, games: int) -> None:
        count = len(model.scenario.claims)
        self.made = np.zeros((count, games), dtype=np.int64)
        self.paid = np.zeros((count, games), dtype=np.int64)
        self.last_truth = None
        self.slot_claims: list = []
        if engine_batch.Kernel.of(model).has_debate:
            kernel = engine_batch.Kernel.of(model)
            self.slot_claims = [c for _, _, c in DebateKernel.of(model, kernel).slots]

    def add(self, month) -> None:
        if month is None:
            self.last_truth = None
            return
        if self.last_truth is not None and month.rebut_won.any():
            beaten = month.rebut_won & (self.last_truth >= 0.5)
            for s in np.flatnonzero(beaten.any(axis=1)):
                for c in self.slot_claims[s]:
                    self.paid[c] -= beaten[s] & (month.accused_claim[s] == c)
        said = month.said_number > 0
        for s in np.flatnonzero(said.any(axis=1)):
            paying = said[s] & (month.said_truth[s] >= 0.5)
            for c in self.slot_claims[s]:
                mine = month.moves.claim[s] == c
                self.made[c] += said[s] & mine
                self.paid[c] += paying & mine
        self.last_truth = np.where(said, month.said_truth, -1.0)


def _check_plans(state, orders, players, seeds) -> None:
    """OrdersError as the scalar engine words it, naming the seed and turn."""
    known = state.kernel.action_position
    game = 0
    if all(
        a in known for p in players.values() if isinstance(p, PlanOrders) for t in p.plan for a in t
    ):
        try:
            engine_batch.check(state, orders)
            return
        except OrdersError as exc:
            match = re.match(r"game (\d+): ", exc.problems[0])
            game = int(match.group(1)) if match else 0
    row = state.row(game)
    plans = {
        actor: player.plan[min(state.turn, len(player.plan) - 1)]
        for actor, player in players.items()
        if isinstance(player, PlanOrders) and player.plan
    }
    try:
        check_orders(row, plans)
    except OrdersError as exc:
        problems = exc.problems
    else:  # pragma: no cover - the batch check and the scalar check agree (tested)
        problems = ["orders refused"]
    where = f"seed {seeds[game]}, turn {state.turn + 1}"
    raise OrdersError([f"{where}: {p}" for p in problems])


class _ScoreTracker:
    """Each objective's measure over the months played, then the scores (as outcome.evaluate)."""

    def __init__(self, model: Model, state) -> None:
        self.model = model
        self.objectives = [
            (actor, key, objective)
            for actor, spec in model.scenario.actors.items()
            for key, objective in spec.objectives.items()
        ]
        games = state.games
        self.sums = {(a, k): np.zeros(games) for a, k, o in self.objectives if o.when == "mean"}
        self.dated = {
            (a, k): np.full(games, np.nan)
            for a, k, o in self.objectives
            if o.when not in ("end", "mean")
        }
        self.count = np.zeros(games)

    def add(self, state, alive: np.ndarray) -> None:
        if not self.sums and not self.dated:
            return
        ns = state.namespace()
        month = self.model.month(state.turn - 1)
        self.count += alive
        for (actor, key), total in self.sums.items():
            total += np.where(alive, engine_batch.measure(state, (actor, key), ns), 0.0)
        for actor, key, objective in self.objectives:
            if objective.when == month and (actor, key) in self.dated:
                value = engine_batch.measure(state, (actor, key), ns)
                self.dated[(actor, key)] = np.where(alive, value, self.dated[(actor, key)])

    def scores(self, state) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
        model = self.model
        scoring = model.scenario.scoring
        games = state.games
        actors = model.actor_ids
        scores = np.zeros((len(actors), games))
        met = np.zeros((len(actors), games), dtype=np.int64)
        max_scores = dict.fromkeys(actors, 0.0)
        ns = state.namespace()
        for actor, key, objective in self.objectives:
            i = actors.index(actor)
            if objective.when == "end":
                value = engine_batch.measure(state, (actor, key), ns)
            elif objective.when == "mean":
                value = self.sums[(actor, key)] / np.maximum(self.count, 1)
            else:
                value = self.dated[(actor, key)]
            measured = ~np.isnan(value)
            value = np.where(measured, value, 0.0)
            if objective.goal == "at_least":
                gap = objective.target - value
            else:
                gap = value - objective.target
            if objective.floor is not None:
                band = abs(objective.target - objective.floor)
            else:
                band = objective.tolerance or (0.1 * abs(objective.target) or 1.0)
            raw = 1.0 - gap / band
            partial = np.where(raw > 0.0, raw, 0.0)  # max(0.0, raw)
            partial = np.where(partial < scoring.partial, partial, scoring.partial)
            hit = (gap <= 0) & measured
            progress = np.where(hit, 1.0, np.where(measured, partial, 0.0))
            scores[i] = scores[i] + objective.weight * progress
            met[i] += hit
            max_scores[actor] += objective.weight
        return scores, met, max_scores


# -- many chunks, on every core ------------------------------------------------------------------


def run(
    batch: Batch, workers: int | None = None, progress: Callable[[int, int], None] | None = None
) -> Results:
    """Play every game of ``batch``; ``workers`` processes (default: one per core when the
    batch is large enough to be worth it). ``progress(done, total)`` is called as games end."""
    seeds = list(range(batch.first_seed, batch.first_seed + batch.games))
    model = compiled(batch.scenario, batch.assumptions)
    progress = progress or terminal_progress(batch.games)
    cheap = batch_capable(batch, model)
    cores = os.cpu_count() or 1
    months = model.scenario.meta.turns * len(seeds)
    if cheap:
        arguing = engine_batch.Kernel.of(model).has_debate and "random" in batch.policies.values()
        work = months * (ARGUING_COST if arguing else 1)
        worth = work >= PARALLEL_GAME_MONTHS
        workers = workers or (cores if worth else 1)
        # as few chunks as memory allows, a whole number per worker (they end together)
        count = -(-len(seeds) // CHUNK)
        count = -(-count // workers) * workers
        size = max(1, -(-len(seeds) // count))
    else:
        size = max(1, min(64, len(seeds) // max(1, 4 * cores)))
        workers = workers or (cores if len(seeds) >= PARALLEL_SCALAR_GAMES else 1)
    chunks = [seeds[i : i + size] for i in range(0, len(seeds), size)]
    workers = max(1, min(workers, len(chunks)))
    parts: list[Results] = []
    done = 0
    if workers == 1:
        for chunk in chunks:
            parts.append(play_chunk(batch, chunk, model))
            done += len(chunk)
            progress(done, len(seeds))
    else:
        context = multiprocessing.get_context(start_method())
        if start_method() == "forkserver":  # workers start with the engine already imported
            context.set_forkserver_preload(["game.tools.montecarlo"])
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(batch.scenario, batch.assumptions),
        ) as pool:
            futures = [pool.submit(_chunk_in_worker, batch, chunk) for chunk in chunks]
            for future in as_completed(futures):
                outcome = future.result()
                if isinstance(outcome, WorkerError):
                    for other in futures:
                        other.cancel()
                    # the first seed's error whatever chunk ended first (the others running
                    # end too): the same message on every run
                    wait([f for f in futures if not f.cancelled()])
                    failed = [
                        f.result()
                        for f in futures
                        if not f.cancelled() and isinstance(f.result(), WorkerError)
                    ]
                    raise failed[0].rebuilt()
                parts.append(outcome)
                done += len(outcome)
                progress(done, len(seeds))
    return Results.join(parts)


def start_method() -> str:
    """forkserver where there is one (POSIX): cheap workers, no fork of a threaded process."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _start_worker(scenario: str, assumptions: str) -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    compiled(scenario, assumptions)


@dataclass(frozen=True)
class WorkerError:
    """An exception in a worker, carried back whole (type, every problem, message)."""

    kind: str
    problems: tuple[str, ...]

    def rebuilt(self) -> Exception:
        if self.kind == "OrdersError":
            return OrdersError(list(self.problems))
        if self.kind == "ValueError":
            return ValueError("\n".join(self.problems))
        return RuntimeError(f"{self.kind}: " + "\n".join(self.problems))


def _chunk_in_worker(batch: Batch, seeds: list[int]) -> Results | WorkerError:
    try:
        return play_chunk(batch, seeds)
    except OrdersError as exc:
        return WorkerError("OrdersError", tuple(exc.problems))
    except ValueError as exc:
        return WorkerError("ValueError", (str(exc),))
    except Exception as exc:
        return WorkerError(type(exc).__name__, (str(exc),))


def terminal_progress(total: int, stream=None) -> Callable[[int, int], None]:
    """A progress bar on stderr when it is a terminal and the run takes a while; else nothing."""
    stream = stream or sys.stderr
    if total < 1000 or not getattr(stream, "isatty", lambda: False)():
        return lambda done, total: None
    start = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total)
        elapsed = time.monotonic() - start
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done >= total else ""
        stream.write(f"\r[{bar}] {done}/{total} games, {elapsed:.1f} s{end}")
        stream.flush()

    return show


# -- statistics ----------------------------------------------------------------------------------


def quantiles(values: Sequence[float]) -> dict[str, float]:
    """mean, p10, p50 and p90 of ``values``."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return dict.fromkeys(("mean", "p10", "p50", "p90"), ordered[0])
    cuts = statistics.quantiles(ordered, n=10, method="inclusive")
    return {
        "mean": statistics.fmean(ordered),
        "p10": cuts[0],
        "p50": statistics.median(ordered),
        "p90": cuts[8],
    }


def summarise(results: Results, key_variables: list[str]) -> dict:
    """Per government: score and objectives-met distributions and action choice rates."""
    actors = list(results.actors)
    summary: dict = {"games": len(results), "ended_early": int((results.ended_by >= 0).sum())}
    summary["scores"] = {a: quantiles(results.scores[i].tolist()) for i, a in enumerate(actors)}
    summary["max_score"] = {a: results.max_scores[a] for a in actors}
    summary["objectives_met"] = {}
    for i, a in enumerate(actors):
        counts = np.bincount(results.met[i])
        summary["objectives_met"][a] = {m: int(n) for m, n in enumerate(counts) if n}
    position = {v: i for i, v in enumerate(results.variables)}
    summary["final"] = {
        v: quantiles(results.final[position[v]].tolist()) for v in key_variables if v in position
    }
    turns = int(results.turns.sum()) or 1
    totals = results.choices.sum(axis=1)
    summary["action_rates"] = {
        a: {
            action: round(int(totals[j]) / turns, 4)
            for j, action in sorted(enumerate(results.actions), key=lambda item: item[1])
            if results.action_actor[j] == a and totals[j]
        }
        for a in actors
    }
    return summary
