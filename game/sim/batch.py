"""The batch engine: N games of one model stepped at once, every quantity an array over games.

Rules:
- It plays exactly the games the scalar engine (``game.sim.engine``, the reference) plays:
  same formulas (the same checked trees, compiled for arrays by ``game.sim.vector``), same
  order of operations, same counter-based random draws (``game.sim.draws``). A property test
  compares every variable and ledger contribution of both, month by month.
- Formulas are vectorised over games; discrete rules (orders, cooldowns, preconditions,
  budgets, events, elections, the end of a game) are masks over games. Effects of orders and
  events are read from tables built once per model (``Kernel``), so a new kind of effect
  needs one table, not a new engine.
- The debate (``game.sim.debate``: statements, deals, revealed cards) runs on arrays
  (``game.sim.batch_debate``: ``initial`` batches, moves as ``ArrayMoves``). A batch made of
  scalar states (``from_states``), or given each game's moves as dicts, keeps one
  ``DebateState`` per game instead, and the scalar rules run for the games that have
  something to argue this month (moves, open proposals or deals, a card revealed); for the
  others the debate provably does nothing.
- All games of a batch are at the same turn. A game ended by an event stays frozen while the
  others play on (``alive``).
- Arrays are (quantity, games): one row per variable, policy, action..., one column per
  game, so that each formula reads and writes contiguous rows.
- Orders are an int array (actions, games): -1 for not ordered, else the action's position
  in the order the scalar engine applies them (governments in scenario order, then each
  government's list). ``orders_array`` builds it from the scalar engine's dicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from game.format import formula
from game.sim import batch_debate, draws
from game.sim import debate as debate_rules
from game.sim.batch_debate import ArrayDebate, ArrayMoves
from game.sim.debate import DebateState, Move
from game.sim.engine import (
    Contribution,
    ElectionResult,
    GameOverError,
    Ledger,
    OrdersError,
    State,
    _fired_event,
)
from game.sim.model import Model
from game.sim.vector import compile_vector, full

NEVER = -(10**9)  # "last used / last fired" of something that never was


@dataclass(frozen=True)
class PolicyEffect:
    policy: int
    set: float | None
    add: float
    low: float
    high: float


@dataclass(frozen=True)
class Impulse:
    source: int  # row of the sources table: actions, then events, then injected events
    variable: int
    key: str
    label: str
    add: float


class Kernel:
    """Everything of a model the batch engine needs, compiled and tabulated once."""

    def __init__(self, model: Model) -> None:
        scenario = model.scenario
        self.model = model
        self.actions = list(scenario.actions)
        self.events = list(scenario.events)
        self.action_position = {a: i for i, a in enumerate(self.actions)}
        actions, events = scenario.actions, scenario.events
        n_actions, n_events = len(self.actions), len(self.events)
        self.n_sources = n_actions + 2 * n_events
        self.cost = np.array([actions[a].cost for a in self.actions], dtype=float)
        self.cooldown = np.array([actions[a].cooldown for a in self.actions], dtype=np.int64)
        self.actor_of = np.array(
            [model.actor_position[actions[a].actor] for a in self.actions], dtype=np.int64
        )
        self.actor_actions = [
            np.array([self.action_position[a] for a in model.actions_by_actor[actor]], dtype=int)
            for actor in model.actor_ids
        ]
        # costs as an (actors x actions) matrix: cost_matrix @ ordered = spend per actor
        self.cost_matrix = np.zeros((len(model.actor_ids), n_actions))
        self.cost_matrix[self.actor_of, np.arange(n_actions)] = self.cost
        self.cost_column = self.cost[:, None]
        self.cooldown_column = self.cooldown[:, None]
        actor_specs = list(scenario.actors.values())
        self.capital_per_turn = np.array([a.capital_per_turn for a in actor_specs], dtype=float)
        self.capital_cap = np.array(
            [a.capital_cap or 2 * a.capital_per_turn for a in actor_specs], dtype=float
        )[:, None]
        # effects of every source (action, event, injected event)
        effects = [actions[a].effects for a in self.actions]
        effects += [events[e].effects for e in self.events] * 2
        keys = [f"action:{a}" for a in self.actions] + [f"event:{e}" for e in self.events] * 2
        labels = [actions[a].name for a in self.actions] + [events[e].name for e in self.events] * 2
        counter_position = {c: i for i, c in enumerate(model.counter_ids)}
        policy_position = {p: i for i, p in enumerate(model.policy_ids)}
        self.counter_matrix = np.zeros((len(model.counter_ids), self.n_sources))
        self.policy_effects: list[list[PolicyEffect]] = [[] for _ in range(self.n_sources)]
        self.impulses: list[Impulse] = []
        for source, (source_effects, key, label) in enumerate(
            zip(effects, keys, labels, strict=True)
        ):
            for effect in source_effects:
                if effect.counter:
                    self.counter_matrix[counter_position[effect.counter], source] += effect.add
                elif effect.policy:
                    spec = scenario.policies[effect.policy]
                    self.policy_effects[source].append(
                        PolicyEffect(
                            policy_position[effect.policy],
                            effect.set,
                            effect.add,
                            spec.min,
                            spec.max,
                        )
                    )
                else:
                    index = model.variable_position[effect.variable]
                    self.impulses.append(
                        Impulse(source, index, key, effect.label or label, effect.add)
                    )
        self.counter_effects = [
            [(int(c), float(self.counter_matrix[c, source])) for c in np.flatnonzero(column)]
            for source, column in enumerate(self.counter_matrix.T)
        ]
        self.policy_actions = [
            i for i in range(n_actions) if self.policy_effects[i]
        ]  # actions whose order matters
        self.lever_events = np.array(
            [model.event_changes_levers(e) for e in self.events], dtype=bool
        )
        revealing = {card.revealed_by for card in scenario.evidence.values() if card.revealed_by}
        self.reveal_events = np.array(
            [i for i, e in enumerate(self.events) if e in revealing], dtype=int
        )
        # crises: (event row, responder, response rows, default row); each response's event
        event_row = {e: i for i, e in enumerate(self.events)}
        self.crises = [
            (
                event_row[e],
                model.actor_position[events[e].responder],
                np.array([self.action_position[a] for a in events[e].responses], dtype=int),
                self.action_position[events[e].default_response],
            )
            for e in model.crises
        ]
        self.response_rows = np.array([self.action_position[a] for a in model.crisis_of], dtype=int)
        self.response_events = np.array([event_row[e] for e in model.crisis_of.values()], dtype=int)
        self.has_debate = debate_rules.has_debate(model)
        self.ends_game = np.array([events[e].ends_game for e in self.events], dtype=bool)
        self.repeat = np.array([events[e].repeat for e in self.events], dtype=bool)
        self.event_cooldown = np.array([events[e].cooldown for e in self.events], dtype=np.int64)
        # formulas
        self.derive = (
            compile_vector(list(model.derived_trees), [], store=list(model.derived_names))
            if model.derived_trees
            else None
        )
        self.terms = compile_vector(
            [(f"t{i}", tree) for i, tree in enumerate(model.term_trees)],
            [f"t{i}" for i in range(len(model.term_trees))],
            guard_outputs=False,  # the engine zeroes and reports non-finite terms itself
        )
        pre = [(a, actions[a].precondition) for a in self.actions if actions[a].precondition]
        self.precondition_actions = np.array([self.action_position[a] for a, _ in pre], dtype=int)
        self.preconditions = _compile_many([text for _, text in pre])
        cond = [(e, events[e].when) for e in self.events if events[e].when]
        self.condition_position = {e: i for i, (e, _) in enumerate(cond)}
        self.conditions = _compile_many([text for _, text in cond])
        self.measures = {
            key: _compile_many([o.expr for o in [scenario.actors[key[0]].objectives[key[1]]]])
            for key in model.measures
        }
        # sum of each variable's terms in scenario order: k-th terms of all variables at once
        width = max([len(ts) for ts in model.terms_by_variable.values()] + [1])
        count = len(model.terms)
        self.term_gather = np.full((width, len(model.variables)), count, dtype=int)
        for v, variable in enumerate(model.variable_ids):
            for k, t in enumerate(model.terms_by_variable[variable]):
                self.term_gather[k, v] = t
        self.lows = np.array(model.bounds[0], dtype=float)[:, None]
        self.highs = np.array(model.bounds[1], dtype=float)[:, None]

    @staticmethod
    def of(model: Model) -> Kernel:
        """The model's kernel, built on first use."""
        kernel = model.cache.get("batch_kernel")
        if kernel is None:
            kernel = model.cache["batch_kernel"] = Kernel(model)
        return kernel


def _compile_many(texts: list[str]):
    if not texts:
        return None
    pairs = [(f"c{i}", formula.parse(text).tree) for i, text in enumerate(texts)]
    return compile_vector(pairs, [name for name, _ in pairs])


@dataclass(frozen=True)
class BatchState:
    """N games at the start of the same month (arrays: one column per game)."""

    model: Model = field(repr=False)
    turn: int
    seeds: np.ndarray  # uint64 (games)
    values: np.ndarray  # (variables, games)
    policies: np.ndarray  # (policies, games)
    capital: np.ndarray  # (actors, games)
    last_used: np.ndarray  # (actions, games) int, NEVER when never used
    fired: np.ndarray  # (events, games) int, NEVER when never fired
    ended_by: np.ndarray  # (games,) int: index of the event that ended the game, or -1
    injects: np.ndarray | None = None  # (events, games) bool: instructor injects queued
    # the debate: ArrayDebate (arrays over games), or one DebateState per game; None: no debate
    debate: ArrayDebate | tuple[DebateState | None, ...] | None = None

    @property
    def games(self) -> int:
        return len(self.seeds)

    @property
    def kernel(self) -> Kernel:
        return Kernel.of(self.model)

    @property
    def finished(self) -> bool:
        return self.turn >= self.model.scenario.meta.turns or not self.alive.any()

    @property
    def alive(self) -> np.ndarray:
        return self.ended_by < 0

    @property
    def date(self) -> str:
        return self.model.month(self.turn)

    def namespace(self) -> dict[str, object]:
        """Names formulas read at the start of this month, counters at 0 (arrays; computed
        once per state: do not modify)."""
        found = self.__dict__.get("_namespace_memo")
        if found is None:
            zeros = np.zeros((len(self.model.counter_ids), self.games))
            found = _namespace(self, zeros, self.policies)
            object.__setattr__(self, "_namespace_memo", found)
        return found

    def available(self, namespace: dict | None = None, budget: bool = True) -> np.ndarray:
        """(actions, games) bool: what may be ordered this month (each action's cost alone).

        As ``State.allowed``: off cooldown, precondition holding, and (with ``budget``)
        affordable on its own.
        """
        kernel = self.kernel
        ready = self.__dict__.get("_ready_memo") if namespace is None else None
        if ready is None:
            ready = ~(
                (self.last_used != NEVER)
                & (kernel.cooldown_column > 0)
                & (self.turn - self.last_used <= kernel.cooldown_column)
            )
            if len(kernel.response_rows):  # a crisis response only the month after its crisis
                ready[kernel.response_rows] &= self.fired[kernel.response_events] == self.turn - 1
            if kernel.preconditions is not None:
                ns = namespace if namespace is not None else self.namespace()
                holds = kernel.preconditions(ns)
                for column, value in zip(kernel.precondition_actions, holds, strict=True):
                    ready[column] &= full(value, self.games) != 0
            if namespace is None:
                object.__setattr__(self, "_ready_memo", ready)
        if budget:
            return ready & (kernel.cost_column <= self.capital[kernel.actor_of] + 1e-9)
        return ready.copy()

    def row(self, game: int) -> State:
        """Game ``game`` of the batch as a scalar engine State."""
        model = self.model
        last_used = [
            (a, int(t))
            for a, t in zip(self.kernel.actions, self.last_used[:, game], strict=True)
            if t != NEVER
        ]
        fired = [
            (e, int(t))
            for e, t in zip(self.kernel.events, self.fired[:, game], strict=True)
            if t != NEVER
        ]
        pending = ()
        if self.injects is not None:
            pending = tuple(
                e for e, on in zip(self.kernel.events, self.injects[:, game], strict=True) if on
            )
        ended = int(self.ended_by[game])
        return State(
            model=model,
            turn=self.turn,
            values=tuple(float(v) for v in self.values[:, game]),
            policies=tuple(float(v) for v in self.policies[:, game]),
            capital=tuple(float(v) for v in self.capital[:, game]),
            last_used=tuple(sorted(last_used)),
            fired=tuple(sorted(fired)),
            seed=_signed(int(self.seeds[game])),
            pending_injects=pending,
            ended_by=self.kernel.events[ended] if ended >= 0 else "",
            debate=self.debate_of(game),
        )

    def debate_of(self, game: int) -> DebateState | None:
        """Game ``game``'s debate as the scalar engine holds it."""
        if isinstance(self.debate, ArrayDebate):
            return batch_debate.debate_state(self.model, self.kernel, self.debate, game)
        return None if self.debate is None else self.debate[game]

    def with_debate_objects(self) -> BatchState:
        """This batch with one ``DebateState`` per game (for moves the arrays do not cover)."""
        if not isinstance(self.debate, ArrayDebate):
            return self
        return replace(self, debate=tuple(self.debate_of(g) for g in range(self.games)))

    def take(self, rows: np.ndarray) -> BatchState:
        """The games ``rows`` (indices or a mask) of this batch, as a new batch."""
        return BatchState(
            self.model,
            self.turn,
            self.seeds[rows],
            self.values[:, rows],
            self.policies[:, rows],
            self.capital[:, rows],
            self.last_used[:, rows],
            self.fired[:, rows],
            self.ended_by[rows],
            None if self.injects is None else self.injects[:, rows],
            self.debate.take(rows)
            if isinstance(self.debate, ArrayDebate)
            else None
            if self.debate is None
            else tuple(self.debate[g] for g in np.arange(self.games)[rows]),
        )


def _signed(seed: int) -> int:
    return seed - (1 << 64) if seed >= 1 << 63 else seed


def seeds_array(seeds: Sequence[int]) -> np.ndarray:
    return np.array([s & draws.MASK for s in seeds], dtype=np.uint64)


def initial(model: Model, seeds: Sequence[int], history: bool = True) -> BatchState:
    """The states before turn 1 of the games with ``seeds`` (as ``engine.initial_state``).

    ``history=False`` keeps no record of the debate's statements (less memory for long
    statistics runs; ``row`` then cannot rebuild a game's debate)."""
    kernel = Kernel.of(model)
    games = len(seeds)
    scenario = model.scenario
    return BatchState(
        model=model,
        turn=0,
        seeds=seeds_array(seeds),
        values=np.tile(np.array([[v.initial] for v in model.variables], dtype=float), games),
        policies=np.tile(
            np.array([[p.initial] for p in scenario.policies.values()], dtype=float), games
        ).reshape(len(scenario.policies), games),
        capital=np.tile(kernel.capital_per_turn[:, None], games),
        last_used=np.full((len(kernel.actions), games), NEVER, dtype=np.int64),
        fired=np.full((len(kernel.events), games), NEVER, dtype=np.int64),
        ended_by=np.full(games, -1, dtype=np.int64),
        debate=batch_debate.initial(model, kernel, games, history) if kernel.has_debate else None,
    )


def from_states(states: Sequence[State]) -> BatchState:
    """A batch of scalar states (all of one model, at one turn); their debates on arrays
    (``batch_debate.from_debates``) when the arrays can hold them."""
    model = states[0].model
    kernel = Kernel.of(model)
    if any(s.turn != states[0].turn for s in states):
        raise ValueError("every game of a batch must be at the same turn")
    games = len(states)
    last_used = np.full((len(kernel.actions), games), NEVER, dtype=np.int64)
    fired = np.full((len(kernel.events), games), NEVER, dtype=np.int64)
    event_position = model.event_position
    injects = None
    for g, s in enumerate(states):
        for a, t in s.last_used:
            last_used[kernel.action_position[a], g] = t
        for e, t in s.fired:
            fired[event_position[e], g] = t
        if s.pending_injects:
            if injects is None:
                injects = np.zeros((len(kernel.events), games), dtype=bool)
            for e in s.pending_injects:
                injects[event_position[e], g] = True
    return BatchState(
        model=model,
        turn=states[0].turn,
        seeds=seeds_array([s.seed for s in states]),
        values=np.array([s.values for s in states], dtype=float).reshape(games, -1).T.copy(),
        policies=np.array([s.policies for s in states], dtype=float)
        .reshape(games, len(model.policy_ids))
        .T.copy(),
        capital=np.array([s.capital for s in states], dtype=float).reshape(games, -1).T.copy(),
        last_used=last_used,
        fired=fired,
        ended_by=np.array(
            [event_position[s.ended_by] if s.ended_by else -1 for s in states], dtype=np.int64
        ),
        injects=injects,
        debate=_debates_of(states) if kernel.has_debate else None,
    )


def _debates_of(states: Sequence[State]) -> ArrayDebate | tuple:
    """The games' debates on arrays, or (when the arrays cannot hold one) the objects."""
    model = states[0].model
    debates = [s.debate for s in states]
    arrays = batch_debate.from_debates(model, Kernel.of(model), debates, states[0].turn)
    return arrays if arrays is not None else tuple(debates)


def orders_array(model: Model, orders: Sequence[Mapping[str, Sequence[str]]]) -> np.ndarray:
    """(actions, games) positions of each game's orders (dicts as ``engine.step`` takes)."""
    kernel = Kernel.of(model)
    array = np.full((len(kernel.actions), len(orders)), -1, dtype=np.int64)
    for g, game_orders in enumerate(orders):
        position = 0
        for actor in model.actor_ids:
            for action_id in game_orders.get(actor, ()):
                array[kernel.action_position[action_id], g] = position
                position += 1
    return array


def _namespace(state: BatchState, counters: np.ndarray, policies: np.ndarray) -> dict:
    model = state.model
    ns: dict[str, object] = dict(model.base_namespace)
    ns.update(zip(model.variable_ids, state.values, strict=True))
    ns.update(zip(model.counter_ids, counters, strict=True))
    ns.update(zip(model.policy_ids, policies, strict=True))
    ns["turn"], ns["month"], ns["year"] = model.calendar(state.turn)
    kernel = state.kernel
    if kernel.derive is not None:
        kernel.derive(ns)
    return ns


@dataclass(frozen=True)
class BatchLedger:
    """Why each variable of each game changed in one month (arrays: one column per game)."""

    model: Model = field(repr=False)
    turn: int
    date: str
    before: np.ndarray
    after: np.ndarray
    term_values: np.ndarray  # (terms, games), non-finite values as 0
    impulse_on: np.ndarray  # (impulses, games) bool: which impulses of Kernel.impulses applied
    unclamped: np.ndarray
    orders: np.ndarray  # (actions, games) positions, -1 when not ordered
    fired: np.ndarray  # (events, games) bool: fired by themselves
    injected: np.ndarray  # (events, games) bool: injected by the instructor
    elections: tuple[tuple[str, np.ndarray, np.ndarray], ...]  # (id, value, incumbent won)
    non_finite: np.ndarray  # (terms, games) bool
    alive: np.ndarray  # (games,) bool: games this month was played in
    held: np.ndarray | None = None  # (variables, games) bool: not finite, held at its value
    moves: Sequence[dict] | None = None  # per game: actor -> debate moves (when any)
    debate: Sequence[tuple] | None = None  # per game: what happened in the debate
    debate_month: batch_debate.ArrayMonth | None = None  # the debate's month, on arrays

    def contributions(self, game: int, variable: str) -> list[Contribution]:
        """As ``Ledger.contributions`` for game ``game``."""
        return self.row(game).contributions(variable)

    def row(self, game: int) -> Ledger:
        """This month of game ``game`` as a scalar engine Ledger."""
        model = self.model
        kernel = Kernel.of(model)
        n_actions, n_events = len(kernel.actions), len(kernel.events)
        ordered = sorted(
            (int(p), a) for a, p in enumerate(self.orders[:, game]) if p >= 0
        )  # application order
        sources = [a for _, a in ordered]
        sources += [n_actions + e for e in np.flatnonzero(self.fired[:, game])]
        sources += [n_actions + n_events + e for e in np.flatnonzero(self.injected[:, game])]
        by_source: dict[int, list[int]] = {}
        for i, impulse in enumerate(kernel.impulses):
            by_source.setdefault(impulse.source, []).append(i)
        impulses = [
            (
                kernel.impulses[i].variable,
                kernel.impulses[i].key,
                kernel.impulses[i].label,
                kernel.impulses[i].add,
            )
            for source in sources
            for i in by_source.get(source, ())
        ]
        orders: dict[str, tuple[str, ...]] = {actor: () for actor in model.actor_ids}
        for _, a in ordered:
            actor = model.actor_ids[kernel.actor_of[a]]
            orders[actor] = (*orders[actor], kernel.actions[a])
        events = [
            _fired_event(model, kernel.events[e], False)
            for e in np.flatnonzero(self.fired[:, game])
        ]
        events += [
            _fired_event(model, kernel.events[e], True)
            for e in np.flatnonzero(self.injected[:, game])
        ]
        elections = []
        for election_id, value, won in self.elections:
            election = model.scenario.elections[election_id]
            headline = election.win_headline if won[game] else election.loss_headline
            default = f"{election.label}: the governing side {'wins' if won[game] else 'loses'}"
            elections.append(
                ElectionResult(
                    election_id,
                    election.actor,
                    election.label,
                    float(value[game]),
                    election.threshold,
                    bool(won[game]),
                    headline or default,
                )
            )
        bad = tuple(
            f"{model.terms[t].variable}.{model.terms[t].key}"
            for t in np.flatnonzero(self.non_finite[:, game])
        )
        return Ledger(
            model=model,
            turn=self.turn,
            date=self.date,
            before=tuple(float(v) for v in self.before[:, game]),
            after=tuple(float(v) for v in self.after[:, game]),
            term_values=tuple(float(v) for v in self.term_values[:, game]),
            impulses=tuple(impulses),
            unclamped=tuple(float(v) for v in self.unclamped[:, game]),
            orders=orders,
            events=tuple(events),
            elections=tuple(elections),
            non_finite_terms=bad,
            held=()
            if self.held is None
            else tuple(int(i) for i in np.flatnonzero(self.held[:, game])),
            moves=self.moves[game] if self.moves is not None else {},
            debate=self.debate[game] if self.debate is not None else (),
        )


def check(state: BatchState, orders: np.ndarray) -> None:
    """OrdersError naming each game whose orders the scalar engine would refuse."""
    kernel = state.kernel
    ordered = orders >= 0
    if not ordered.any():
        return
    ready = state.available(budget=False)  # capital is checked on the total below
    problems = []
    for a, g in zip(*np.nonzero(ordered & ~ready), strict=True):
        problems.append(f"game {g}: {kernel.actions[a]!r} is not available this month")
    for _, _, responses, _ in kernel.crises:
        for g in np.flatnonzero(ordered[responses].sum(axis=0) > 1):
            problems.append(f"game {g}: two responses to one crisis: choose one")
    spend = np.zeros_like(state.capital)
    for a in np.flatnonzero(ordered.any(axis=1)):
        spend[kernel.actor_of[a]] += np.where(ordered[a], kernel.cost[a], 0.0)
    for k, g in zip(*np.nonzero(spend > state.capital + 1e-9), strict=True):
        problems.append(
            f"game {g}: {state.model.actor_ids[k]} orders cost {spend[k, g]:g} political capital "
            f"but only {state.capital[k, g]:g} is available"
        )
    if problems:
        raise OrdersError(problems[:20])


def step(
    state: BatchState,
    orders: np.ndarray | None = None,
    validate: bool = True,
    moves: ArrayMoves | Sequence[Mapping[str, Sequence[Move]] | None] | None = None,
) -> tuple[BatchState, BatchLedger]:
    """Play one month of every game (as ``engine.step`` would, game by game).

    ``validate=False`` skips the check of the orders (for players that only order what
    ``BatchState.available`` allows within their capital). ``moves``: the debate moves, as
    ``ArrayMoves`` (legal by construction: batch players make them) or each game's moves as
    ``engine.step`` takes them (then the debate is played game by game), or None.
    """
    if state.turn >= state.model.scenario.meta.turns:
        raise GameOverError("the game is over: no more turns can be played")
    arrays = isinstance(state.debate, ArrayDebate)
    if isinstance(moves, ArrayMoves):
        if not arrays:
            raise ValueError("ArrayMoves need a batch whose debate is on arrays")
    elif arrays and moves is not None:
        if any(moves):
            state, arrays = state.with_debate_objects(), False
        else:
            moves = None
    model, kernel, games = state.model, state.kernel, state.games
    n_actions, n_events = len(kernel.actions), len(kernel.events)
    alive = state.alive
    everyone = bool(alive.all())
    if orders is None:
        orders = np.full((n_actions, games), -1, dtype=np.int64)
    elif not everyone:
        orders = np.where(alive, orders, -1)
    if validate:
        check(state, orders)
    turn = state.turn
    if kernel.crises:
        orders = _with_default_responses(state, orders, alive)
    # orders: capital, counters, policies, cooldowns
    ordered = orders >= 0
    any_orders = bool(ordered.any())
    if any_orders:
        capital = state.capital.copy()
        for a in np.flatnonzero(ordered.any(axis=1)):
            capital[kernel.actor_of[a]] -= np.where(ordered[a], kernel.cost[a], 0.0)
        counters = np.zeros((len(model.counter_ids), games))
        _add_counters(kernel, counters, ordered, 0)
        policies = state.policies.copy()
        _apply_action_policies(kernel, orders, policies)
        last_used = np.where(ordered, turn, state.last_used)
    else:
        capital, policies, last_used = state.capital, state.policies, state.last_used
        counters = np.zeros((len(model.counter_ids), games))
    ns = _namespace(state, counters, policies)
    # events
    date = state.date
    fired = np.zeros((n_events, games), dtype=bool)
    holds = kernel.conditions(ns) if kernel.conditions is not None else ()
    event_position = model.event_position
    for event_id in model.events_to_check(date):
        event = model.event(event_id)
        if event.date is not None and date < event.date:
            continue
        e = event_position[event_id]
        last = state.fired[e]
        fire = (last == NEVER) | (event.repeat & (turn - last > event.cooldown))
        if event.when:
            fire &= full(holds[kernel.condition_position[event_id]], games) != 0
        if event.chance < 1.0:
            fire &= draws.uniforms(state.seeds, turn, draws.EVENT_CHANCE, e) < event.chance
        fired[e] = fire if everyone else fire & alive
    if state.injects is not None:
        injected = state.injects & alive
    else:
        injected = np.zeros((n_events, games), dtype=bool)
    any_event = fired | injected
    ended, fired_turns = state.ended_by, state.fired
    if any_event.any():
        if not any_orders:
            policies = policies.copy()
        counters = counters.copy()
        _add_counters(kernel, counters, fired, n_actions)
        _add_counters(kernel, counters, injected, n_actions + n_events)
        for e in np.flatnonzero(fired.any(axis=1)):  # natural, then injected: the scalar order
            if kernel.policy_effects[n_actions + e]:
                _apply_policy(kernel.policy_effects[n_actions + e], fired[e], policies)
        for e in np.flatnonzero(injected.any(axis=1)):
            if kernel.policy_effects[n_actions + n_events + e]:
                _apply_policy(
                    kernel.policy_effects[n_actions + n_events + e], injected[e], policies
                )
        fired_turns = np.where(any_event, turn, state.fired)
        if (any_event & kernel.lever_events[:, None]).any():
            ns = _namespace(state, counters, policies)
        ended = state.ended_by.copy()
        for e in np.flatnonzero(kernel.ends_game):
            ended = np.where((ended < 0) & fired[e], e, ended)
        for e in np.flatnonzero(kernel.ends_game):
            ended = np.where((ended < 0) & injected[e], e, ended)
    # the debate, game by game where there is something to argue
    debate_after, debate_moves, debate_entries = state.debate, None, None
    debate_month = None
    if arrays:
        argued = _argue_arrays(state, orders, moves, fired, injected, counters, capital, alive)
        if argued is not None:
            capital, counters, debate_after, debate_moves, debate_entries, counted, debate_month = (
                argued
            )
            if counted:
                ns = _namespace(state, counters, policies)
    elif state.debate is not None:
        argued = _argue(state, orders, moves, fired, injected, counters, capital, alive)
        if argued is not None:
            capital, counters, debate_after, debate_moves, debate_entries, counted = argued
            if counted:
                ns = _namespace(state, counters, policies)
    # terms: a non-finite value counts as 0 (and is reported)
    term_list = kernel.terms(ns)
    count = len(term_list)
    terms = np.empty((count + 1, games))
    for i, value in enumerate(term_list):
        terms[i] = value
    terms[count] = 0.0
    non_finite = ~np.isfinite(terms[:count])
    if non_finite.any():
        terms[:count][non_finite] = 0.0
    totals = 0.0 + terms[kernel.term_gather[0]]
    for k in range(1, len(kernel.term_gather)):
        totals += terms[kernel.term_gather[k]]
    # impulses, in the scalar engine's order for the usual case of one per variable
    impulse_on = np.zeros((len(kernel.impulses), games), dtype=bool)
    for i, impulse in enumerate(kernel.impulses):
        if impulse.source < n_actions:
            on = ordered[impulse.source] if any_orders else None
        elif impulse.source < n_actions + n_events:
            on = fired[impulse.source - n_actions]
        else:
            on = injected[impulse.source - n_actions - n_events]
        if on is not None and on.any():
            impulse_on[i] = on
            totals[impulse.variable] += np.where(on, impulse.add, 0.0)
    unclamped = state.values + totals
    held = ~np.isfinite(unclamped)  # a change still not finite: the engine holds the value
    if held.any():
        terms, unclamped = _hold_non_finite(kernel, state, terms, unclamped, held, impulse_on)
    lows, highs = kernel.lows, kernel.highs
    after = np.where(unclamped < lows, lows, np.where(unclamped > highs, highs, unclamped))
    if held.any():
        after = np.where(held, state.values, after)
    # elections
    elections = []
    for election_id, election in model.scenario.elections.items():
        if election.date != date:
            continue
        value = after[model.variable_position[election.variable]]
        elections.append((election_id, value, value >= election.threshold))
    # capital: min(cap, max(0, left) + per turn), as Python's min and max do it
    left = np.where(capital > 0.0, capital, 0.0) + kernel.capital_per_turn[:, None]
    refilled = np.where(left < kernel.capital_cap, left, kernel.capital_cap)
    if not everyone:
        after = np.where(alive, after, state.values)
        policies = np.where(alive, policies, state.policies)
        refilled = np.where(alive, refilled, state.capital)
    new_state = BatchState(
        model=model,
        turn=turn + 1,
        seeds=state.seeds,
        values=after,
        policies=policies,
        capital=refilled,
        last_used=last_used,
        fired=fired_turns,
        ended_by=ended,
        injects=None,
        debate=debate_after,
    )
    ledger = BatchLedger(
        model=model,
        turn=turn + 1,
        date=date,
        before=state.values,
        after=after,
        term_values=terms[:count],
        impulse_on=impulse_on,
        unclamped=unclamped,
        orders=orders,
        fired=fired,
        injected=injected,
        elections=tuple(elections),
        non_finite=non_finite,
        alive=alive,
        held=held,
        moves=debate_moves,
        debate=debate_entries,
        debate_month=debate_month,
    )
    return new_state, ledger


def _hold_non_finite(kernel, state, terms, unclamped, held, impulse_on):
    """As ``_Month._hold_non_finite``: held variables' terms count 0, their change is the
    impulses alone (summed as the scalar engine sums them)."""
    model = state.model
    terms = terms.copy()
    unclamped = unclamped.copy()
    for v, g in zip(*np.nonzero(held), strict=True):
        for t in model.terms_by_variable[model.variable_ids[v]]:
            terms[t, g] = 0.0
        amounts = [
            impulse.add
            for i, impulse in enumerate(kernel.impulses)
            if impulse.variable == v and impulse_on[i, g]
        ]
        unclamped[v, g] = state.values[v, g] + sum(amounts)
    return terms, unclamped


def _only_reveals(debate, moves, turn: int) -> bool:
    """Whether this month's debate can only reveal cards (no moves, no deal to check, no
    proposal to answer, no claim a card could test): then it reads nothing of the game."""
    return (
        debate is not None
        and not moves
        and not debate.statements
        and all(deal.first_turn > turn for deal in debate.deals)
        and not any(p.turn == turn - 1 for p in debate.proposals)
    )


def _no_spending(actor: str, amount: float) -> None:  # pragma: no cover - no moves, no costs
    raise AssertionError("a debate without moves spends nothing")


def _argue(state, orders, moves, fired, injected, counters, capital, alive):
    """The debate's part of the month for the games that have one to play (scalar rules).

    Returns None when no game argues, else (capital, counters, debate states, moves,
    entries, whether any counter changed).
    """
    kernel, model = state.kernel, state.model
    games, turn = state.games, state.turn
    revealing = np.zeros(games, dtype=bool)
    if len(kernel.reveal_events):
        revealing = (fired[kernel.reveal_events] | injected[kernel.reveal_events]).any(axis=0)
    # games share their debate objects until they argue: judge each object once
    index: dict[int, int] = {}
    objects: list = []
    codes = np.empty(games, dtype=np.int64)
    for g, debate in enumerate(state.debate):
        code = index.get(id(debate))
        if code is None:
            code = index[id(debate)] = len(objects)
            objects.append(debate)
        codes[g] = code
    pending = np.array([d is not None and bool(d.proposals or d.deals) for d in objects])
    quiet = np.array([_only_reveals(d, None, turn) for d in objects])
    moving = np.zeros(games, dtype=bool)
    if moves is not None:
        moving = np.array([bool(m) for m in moves], dtype=bool)
    busy_mask = alive & (moving | revealing | pending[codes])
    if not busy_mask.any():
        return None
    capital, counters = capital.copy(), counters.copy()
    debates = list(state.debate)
    all_moves: list[dict] = [{} for _ in range(games)]
    entries: list[tuple] = [() for _ in range(games)]
    counted = False
    positions = model.actor_position
    # games that can only reveal cards: one result per (debate, events), whatever the game's
    # numbers (nothing here reads them)
    sharing = busy_mask & ~moving & quiet[codes]
    if sharing.any():
        rows = np.flatnonzero(sharing)
        keys = np.concatenate([codes[None, rows], fired[:, rows], injected[:, rows]]).T
        _, first, groups = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        for k, g in enumerate(rows[first]):
            events = [kernel.events[e] for e in np.flatnonzero(fired[:, g])]
            events += [kernel.events[e] for e in np.flatnonzero(injected[:, g])]
            month = debate_rules.resolve(state.row(g), {}, {}, events, {}, _no_spending)
            for member in rows[groups.reshape(-1) == k]:
                debates[member], entries[member] = month.state, month.entries
    for g in np.flatnonzero(busy_mask & ~sharing):
        events = [kernel.events[e] for e in np.flatnonzero(fired[:, g])]
        events += [kernel.events[e] for e in np.flatnonzero(injected[:, g])]
        row = state.row(g)
        checked = {actor: () for actor in model.actor_ids}
        for _, a in sorted((int(p), a) for a, p in enumerate(orders[:, g]) if p >= 0):
            actor = model.actor_ids[kernel.actor_of[a]]
            checked[actor] = (*checked[actor], kernel.actions[a])
        try:
            plan = debate_rules.check_moves(row, checked, moves[g] if moves is not None else None)
        except OrdersError as exc:
            raise OrdersError([f"game {g}: {p}" for p in exc.problems]) from None
        column = dict(zip(model.counter_ids, counters[:, g].tolist(), strict=True))

        def spend(actor: str, amount: float, g: int = g, positions: dict = positions) -> None:
            capital[positions[actor], g] -= amount

        month = debate_rules.resolve(row, checked, plan, events, column, spend)
        counters[:, g] = [column[c] for c in model.counter_ids]
        debates[g] = month.state
        all_moves[g] = plan
        entries[g] = month.entries
        counted = counted or month.counted
    return capital, counters, tuple(debates), tuple(all_moves), tuple(entries), counted


def _argue_arrays(state, orders, moves, fired, injected, counters, capital, alive):
    """The debate's month on arrays (``batch_debate.argue``); None when no game argues."""
    debate: ArrayDebate = state.debate  # type: ignore[assignment]
    kernel = state.kernel
    quiet = (
        (moves is None or not moves.any().any())
        and not debate.said_number.any()
        and not debate.proposal.any()
        and not debate.deal.any()
    )
    if quiet and len(kernel.reveal_events):
        quiet = not (fired[kernel.reveal_events] | injected[kernel.reveal_events]).any()
    if quiet:
        return None
    capital, counters, after, month, counted = batch_debate.argue(
        state, orders, moves, fired, injected, counters, capital, alive
    )
    dk = batch_debate.DebateKernel.of(state.model, kernel)
    games = state.games
    moves_of = batch_debate.PerGame(lambda g: month.moves_of(dk, kernel, g), games)
    entries = batch_debate.PerGame(lambda g: month.entries(dk, g), games)
    return capital, counters, after, moves_of, entries, counted, month


def _with_default_responses(state: BatchState, orders: np.ndarray, alive: np.ndarray) -> np.ndarray:
    """The orders plus each open crisis's default response where its responder chose none,
    placed right after the responder's own orders (as ``engine.with_default_responses``)."""
    kernel = state.kernel
    for event_row, responder, responses, default in kernel.crises:
        need = state.fired[event_row] == state.turn - 1
        if not need.any():
            continue
        need &= alive
        games = np.flatnonzero(need)
        sub = orders[:, games]
        games = games[~(sub[responses] >= 0).any(axis=0)]
        if not len(games):
            continue
        sub = orders[:, games]
        mine = kernel.actor_of <= responder
        last = np.where(mine[:, None], sub, -1).max(axis=0)
        sub = np.where(sub > last, sub + 1, sub)
        sub[default] = last + 1
        orders = orders.copy()
        orders[:, games] = sub
    return orders


def _add_counters(kernel: Kernel, counters: np.ndarray, on: np.ndarray, first: int) -> None:
    """Counter effects of the sources ``first + row`` of ``on`` where they apply.

    (Loops over the few effects rather than a matrix product: BLAS threads are slower than
    this on a busy machine, and the sums keep the scalar engine's order.)
    """
    for row in np.flatnonzero(on.any(axis=1)):
        for counter, add in kernel.counter_effects[first + row]:
            counters[counter] += np.where(on[row], add, 0.0)


def _apply_action_policies(kernel: Kernel, orders: np.ndarray, policies: np.ndarray) -> None:
    """Policy effects of the orders, in each game's order (a set and an add do not commute)."""
    rows = kernel.policy_actions
    if not rows:
        return
    positions = orders[rows]
    chosen = positions >= 0
    if not chosen.any():
        return
    if chosen.sum(axis=0).max() <= 1:
        for j, a in enumerate(rows):
            if chosen[j].any():
                _apply_policy(kernel.policy_effects[a], chosen[j], policies)
        return
    for rank in np.unique(positions[chosen]):
        for j, a in enumerate(rows):
            mask = positions[j] == rank
            if mask.any():
                _apply_policy(kernel.policy_effects[a], mask, policies)


def _apply_policy(effects: list[PolicyEffect], mask: np.ndarray, policies: np.ndarray) -> None:
    for effect in effects:
        current = policies[effect.policy]
        value = effect.set if effect.set is not None else current + effect.add
        value = np.where(value > effect.low, value, effect.low)  # max(low, value)
        value = np.where(value < effect.high, value, effect.high)  # min(high, value)
        policies[effect.policy] = np.where(mask, value, current)


def measure(state: BatchState, key: tuple[str, str], namespace: dict | None = None) -> np.ndarray:
    """An objective's measure (actor, objective id) for every game of ``state``."""
    ns = namespace if namespace is not None else state.namespace()
    (value,) = state.kernel.measures[key](ns)
    return full(value, state.games)
