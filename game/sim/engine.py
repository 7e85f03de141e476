"""The turn engine: ``step(state, orders) -> (state, ledger)``.

Rules:
- A State is an immutable snapshot; ``step`` never changes its argument, so callers can look
  ahead on a state as often as they like (forecasts, computer players) without side effects.
- One month, in order: check the orders; apply their effects (counters, policies, impulses) and
  spend capital; derive this month's quantities; fire events (scheduled, conditional with their
  chance drawn by ``draws.uniform(seed, turn, EVENT_CHANCE, event position)``, and instructor
  injects); compute every
  term; add terms and impulses; clamp to bounds; hold elections; refill capital.
- The Ledger explains every variable's change as labelled contributions that sum to it exactly,
  the clamp included. A term whose value is not a finite number counts as 0, and a variable
  whose change still is not finite (terms overflowing together) is held at its value; either
  shows as a contribution sourced to the engine, so no state or log ever holds nan or inf.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from game.format.suggest import did_you_mean
from game.sim import debate as debate_rules
from game.sim import draws
from game.sim.debate import DebateEntry, DebateState, Move, Moves
from game.sim.model import Model, TermInfo

Orders = Mapping[str, Sequence[str]]
NOT_ENOUGH_CAPITAL = "not enough political capital"
ENGINE = "engine"  # key and source of the engine's own ledger contributions
NAMESPACES_KEPT = 4096  # start-of-month namespaces remembered per model (State.namespace)


class OrdersError(ValueError):
    """Orders that cannot be carried out; ``problems`` lists each reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class GameOverError(RuntimeError):
    """The game has ended: no more turns can be played."""


@dataclass(frozen=True)
class Contribution:
    key: str
    label: str
    value: float
    source: str = ""
    confidence: str = ""


@dataclass(frozen=True)
class FiredEvent:
    id: str
    name: str
    headlines: dict[str, str]
    injected: bool = False
    ends_game: bool = False


@dataclass(frozen=True)
class ElectionResult:
    id: str
    actor: str
    label: str
    value: float
    threshold: float
    incumbent_won: bool
    headline: str


@dataclass(frozen=True)
class State:
    """Everything that defines a game at the start of a month."""

    model: Model = field(repr=False, compare=False)
    turn: int
    values: tuple[float, ...]
    policies: tuple[float, ...]
    capital: tuple[float, ...]
    last_used: tuple[tuple[str, int], ...]
    fired: tuple[tuple[str, int], ...]
    seed: int = 0  # every random draw of the game is a function of (seed, turn, ...)
    pending_injects: tuple[str, ...] = ()
    ended_by: str = ""
    debate: DebateState | None = None  # None when the scenario has no debate

    @cached_property
    def date(self) -> str:
        """Month of the turn about to be played (YYYY-MM)."""
        return self.model.month(self.turn)

    @property
    def finished(self) -> bool:
        return bool(self.ended_by) or self.turn >= self.model.scenario.meta.turns

    def value(self, variable: str) -> float:
        return self.values[self.model.variable_position[variable]]

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.model.variable_ids, self.values, strict=True))

    def capital_of(self, actor: str) -> float:
        return self.capital[self.model.actor_position[actor]]

    def policy(self, policy: str) -> float:
        return self.policies[self.model.policy_ids.index(policy)]

    @cached_property
    def _last_used(self) -> dict[str, int]:
        return dict(self.last_used)

    @cached_property
    def open_crises(self) -> tuple[str, ...]:
        """Crisis events that fired last month: their responder answers them this month."""
        if not self.model.crises:
            return ()
        fired = dict(self.fired)
        return tuple(e for e in self.model.crises if fired.get(e) == self.turn - 1)

    @cached_property
    def _preconditions(self) -> dict[str, bool]:
        return self.model.preconditions(self.namespace)

    @cached_property
    def _reasons(self) -> dict[str, str]:
        """Memo of ``_unavailable_reason`` (a State never changes, so neither do they)."""
        return {}

    @cached_property
    def namespace(self) -> dict[str, float]:
        """Names formulas read at the start of this month, counters at 0 (do not modify).

        Shared by equal states (same month, values and policies: look-aheads and batches
        rebuild many copies of one state), from a bounded memo of the model."""
        model = self.model
        memo = model.cache.get("namespaces")
        if memo is None:
            memo = model.cache["namespaces"] = {}
        key = (self.turn, self.values, self.policies)
        ns = memo.get(key)
        if ns is None:
            if len(memo) >= NAMESPACES_KEPT:
                memo.clear()
            ns = memo[key] = self._namespace(model.zero_counters, self.policies)
        return ns

    def _namespace(self, counters: dict[str, float], policies: Sequence[float]) -> dict[str, float]:
        model = self.model
        ns = model.base_namespace_at(self.turn).copy()  # parameters and calendar
        ns.update(zip(model.variable_ids, self.values, strict=True))
        ns.update(counters)
        ns.update(zip(model.policy_ids, policies, strict=True))
        model.derive(ns)
        return ns

    @cached_property
    def _fired(self) -> dict[str, int]:
        return dict(self.fired)

    def evaluate(self, text: str) -> float:
        """Evaluate a formula on this state (checked against the scenario's names)."""
        from game.format import formula
        from game.format.loader import formula_names

        known = formula_names(self.model.scenario) | set(self.model.derived_names)
        return float(formula.parse(text, known).compile()(dict(self.namespace)))

    def availability(self, actor: str) -> dict[str, str]:
        """Action id -> '' when it may be ordered this month, else the reason it may not."""
        memo = self._reasons
        return {
            action_id: memo[action_id] if action_id in memo else self._unavailable_reason(action_id)
            for action_id in self.model.actions_by_actor.get(actor, ())
        }

    def allowed(self, actor: str) -> list[str]:
        """The actions ``actor`` may order this month (those whose availability is '')."""
        memo = self._allowed
        if actor not in memo:
            facts, last_used, turn = self.model.action_facts, self._last_used, self.turn
            preconditions = self._preconditions
            budget = self.capital[self.model.actor_position[actor]] + 1e-9
            found = []
            crisis_of, open_crises = self.model.crisis_of, self.open_crises
            for action_id in self.model.actions_by_actor.get(actor, ()):
                if action_id in crisis_of and crisis_of[action_id] not in open_crises:
                    continue
                cost, cooldown, _, precondition = facts[action_id]
                last = last_used.get(action_id)
                if last is not None and cooldown and turn - last <= cooldown:
                    continue
                if (precondition and not preconditions[action_id]) or cost > budget:
                    continue
                found.append(action_id)
            memo[actor] = found
        return list(memo[actor])

    @cached_property
    def _allowed(self) -> dict[str, list[str]]:
        return {}

    def _unavailable_reason(self, action_id: str) -> str:
        memo = self._reasons
        if action_id not in memo:
            memo[action_id] = self._reason(action_id)
        return memo[action_id]

    def cooldown_left(self, action_id: str) -> int:
        """Months before the action may be ordered again (0: it may be now)."""
        cooldown = self.model.action_facts[action_id][1]
        last = self._last_used.get(action_id)
        if last is not None and cooldown and self.turn - last <= cooldown:
            return cooldown - (self.turn - last) + 1
        return 0

    def _reason(self, action_id: str) -> str:
        crisis = self.model.crisis_of.get(action_id)
        if crisis and crisis not in self.open_crises:
            return f"only in answer to the crisis '{self.model.event(crisis).name}'"
        cost, _, actor, precondition = self.model.action_facts[action_id]
        wait = self.cooldown_left(action_id)
        if wait:
            return f"available again in {wait} month{'s' if wait != 1 else ''}"
        if precondition and not self._preconditions[action_id]:
            return f"not possible now (needs {precondition})"
        if cost > self.capital[self.model.actor_position[actor]] + 1e-9:
            return NOT_ENOUGH_CAPITAL
        return ""

    def with_inject(self, event_id: str) -> State:
        """A copy of this state with an instructor inject queued for the coming month."""
        if event_id not in self.model.scenario.events:
            known = sorted(self.model.scenario.events)
            raise OrdersError([f"unknown event {event_id!r}{_did_you_mean(event_id, known)}"])
        return replace(self, pending_injects=(*self.pending_injects, event_id))


def initial_state(model: Model, seed: int = 0) -> State:
    """The state before turn 1 of the game with seed ``seed``."""
    actors = model.scenario.actors
    return State(
        model=model,
        turn=0,
        values=tuple(v.initial for v in model.variables),
        policies=tuple(p.initial for p in model.scenario.policies.values()),
        capital=tuple(a.capital_per_turn for a in actors.values()),
        last_used=(),
        fired=(),
        seed=seed,
        debate=debate_rules.initial_debate(model),
    )


@dataclass(frozen=True)
class Ledger:
    """Why each variable changed in one month, and what else happened."""

    model: Model = field(repr=False)
    turn: int
    date: str
    before: tuple[float, ...]
    after: tuple[float, ...]
    term_values: tuple[float, ...]
    impulses: tuple[tuple[int, str, str, float], ...]
    unclamped: tuple[float, ...]  # old value + every term and impulse, before the clamp
    orders: dict[str, tuple[str, ...]]
    events: tuple[FiredEvent, ...]
    elections: tuple[ElectionResult, ...]
    non_finite_terms: tuple[str, ...] = ()
    held: tuple[int, ...] = ()  # variables whose change was not finite: held at their value
    moves: dict[str, tuple[Move, ...]] = field(default_factory=dict)  # debate moves ordered
    debate: tuple[DebateEntry, ...] = ()  # what happened in the debate

    def change(self, variable: str) -> float:
        i = self.model.variable_position[variable]
        return self.after[i] - self.before[i]

    def contributions(self, variable: str) -> list[Contribution]:
        """Labelled contributions to ``variable``'s change, in scenario order, clamp last."""
        model = self.model
        index = model.variable_position[variable]
        items = [
            _contribution(model.terms[t], self.term_values[t])
            for t in model.terms_by_variable[variable]
        ]
        items += [
            Contribution(key, label, amount, "", "")
            for (i, key, label, amount) in self.impulses
            if i == index
        ]
        clamp = self.after[index] - self.unclamped[index]
        if self.non_finite_terms or self.held:
            items += self._engine_contribution(variable, index, clamp)
            if index in self.held:
                return items
        if clamp:
            variable_info = model.variables[index]
            label = f"held within bounds [{variable_info.low:g}, {variable_info.high:g}]"
            items.append(Contribution("clamp", label, clamp, "", "high"))
        return items

    def _engine_contribution(self, variable: str, index: int, held: float) -> list[Contribution]:
        if index in self.held:
            label = "not a finite number: the engine held last month's value"
            return [Contribution(ENGINE, label, held, ENGINE, "high")]
        bad = [name for name in self.non_finite_terms if name.split(".", 1)[0] == variable]
        if not bad:
            return []
        label = "not a finite number, counted as 0 by the engine: " + ", ".join(bad)
        return [Contribution(ENGINE, label, 0.0, ENGINE, "high")]

    def contributions_dict(self, variable: str) -> dict[str, float]:
        return {c.key: c.value for c in self.contributions(variable)}


def _contribution(term: TermInfo, value: float) -> Contribution:
    return Contribution(term.key, term.label, value, term.source, term.confidence)


def check_orders(state: State, orders: Orders) -> dict[str, tuple[str, ...]]:
    """Normalised orders (every actor, scenario order), or OrdersError with every problem."""
    model = state.model
    problems: list[str] = []
    normal: dict[str, tuple[str, ...]] = {actor: () for actor in model.actor_ids}
    for actor, action_ids in orders.items():
        if actor not in normal:
            problems.append(f"unknown government {actor!r}{_did_you_mean(actor, model.actor_ids)}")
            continue
        if isinstance(action_ids, str):
            problems.append(f"{actor}: orders must be a list of action ids, not one text")
            continue
        problems += _check_actor_orders(state, actor, list(action_ids))
        normal[actor] = tuple(action_ids)
    if problems:
        raise OrdersError(problems)
    return normal


def _check_actor_orders(state: State, actor: str, action_ids: list[str]) -> list[str]:
    model = state.model
    problems = []
    cost = 0.0
    for action_id in action_ids:
        if action_id not in model.scenario.actions:
            hint = _did_you_mean(action_id, model.actions_by_actor.get(actor, ()))
            problems.append(f"{actor}: unknown action {action_id!r}{hint}")
            continue
        action = model.action(action_id)
        if action.actor != actor:
            problems.append(f"{actor}: {action_id!r} is an action of {action.actor!r}")
            continue
        cost += action.cost
        reason = state._unavailable_reason(action_id)
        if reason and reason != NOT_ENOUGH_CAPITAL:
            problems.append(f"{actor}: {action_id!r} is {reason}")
    answered: dict[str, str] = {}
    for action_id in action_ids:
        crisis = model.crisis_of.get(action_id)
        if crisis and crisis in answered:
            problems.append(
                f"{actor}: {answered[crisis]!r} and {action_id!r} both answer "
                f"{crisis!r}: choose one"
            )
        elif crisis:
            answered[crisis] = action_id
    if len(set(action_ids)) != len(action_ids):
        duplicates = sorted({a for a in action_ids if action_ids.count(a) > 1})
        problems += [f"{actor}: {a!r} is ordered more than once" for a in duplicates]
    budget = state.capital_of(actor)
    if cost > budget + 1e-9:
        problems.append(
            f"{actor}: orders cost {cost:g} political capital but only {budget:g} is available"
        )
    return problems


def with_default_responses(
    state: State, checked: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Checked orders plus the default response to every open crisis its responder left open."""
    model = state.model
    for crisis in state.open_crises:
        event = model.event(crisis)
        if not any(model.crisis_of.get(a) == crisis for a in checked[event.responder]):
            checked = {
                **checked,
                event.responder: (*checked[event.responder], event.default_response),
            }
    return checked


def clashes(model: Model, chosen: Sequence[str], action_id: str) -> bool:
    """Whether ``action_id`` answers a crisis that one of ``chosen`` already answers."""
    crisis = model.crisis_of.get(action_id)
    return bool(crisis) and any(model.crisis_of.get(a) == crisis for a in chosen)


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    return did_you_mean(name, choices)


def step(
    state: State, orders: Orders | None = None, moves: Moves | None = None
) -> tuple[State, Ledger]:
    """Play one month: the new state and the ledger that explains it.

    ``moves`` are the debate's orders (statements, rebuttals, deals: game.sim.debate).
    """
    if state.finished:
        raise GameOverError("the game is over: no more turns can be played")
    model = state.model
    checked = with_default_responses(state, check_orders(state, orders or {}))
    plan = debate_rules.check_moves(state, checked, moves)
    month = _Month(state)
    for actor, action_ids in checked.items():
        for action_id in action_ids:
            action = model.action(action_id)
            month.spend(actor, action.cost)
            month.apply(action.effects, f"action:{action_id}", action.name)
    ns = state._namespace(month.counters, month.policies)
    events = month.fire_events(ns)
    argued = debate_rules.resolve(
        state, checked, plan, [e for e, _ in events], month.counters, month.spend
    )
    levers = model.lever_events
    if argued.counted or any(event_id in levers for event_id, _ in events):
        # derived values see them: the same as a new namespace (derive rewrites every one)
        ns.update(month.counters)
        ns.update(zip(model.policy_ids, month.policies, strict=True))
        model.derive(ns)
    return month.finish(ns, checked, events, argued, plan)


class _Month:
    """Working space for one call of ``step``; never outlives it."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.model = state.model
        self.counters = dict(self.model.zero_counters)
        self.policies = list(state.policies)
        self.capital = list(state.capital)
        self.impulses: list[tuple[int, str, str, float]] = []
        self.last_used: dict[str, int] | None = None  # copied from the state when changed
        self.fired: dict[str, int] | None = None
        self.month_keys: dict[int, int] = {}  # stream -> draws.month_key of this month

    def spend(self, actor: str, cost: float) -> None:
        self.capital[self.model.actor_position[actor]] -= cost

    def apply(self, effects, key: str, label: str) -> None:
        model = self.model
        for effect in effects:
            if effect.counter:
                self.counters[effect.counter] += effect.add
            elif effect.policy:
                i = model.policy_position[effect.policy]
                spec = model.scenario.policies[effect.policy]
                value = effect.set if effect.set is not None else self.policies[i] + effect.add
                self.policies[i] = min(spec.max, max(spec.min, value))
            else:
                index = model.variable_position[effect.variable]
                self.impulses.append((index, key, effect.label or label, effect.add))
        if key.startswith("action:"):
            if self.last_used is None:
                self.last_used = dict(self.state.last_used)
            self.last_used[key[7:]] = self.state.turn

    def fire_events(self, ns: dict[str, float]) -> list[tuple[str, bool]]:
        """Ids of the events that fire this month (with 'injected'), effects applied."""
        state, model = self.state, self.model
        fired: list[tuple[str, bool]] = []
        date = state.date
        holds = model.conditions(ns)
        last_fired, turn, facts = state._fired, state.turn, model.event_facts
        for event_id in model.events_to_check(date):
            repeat, cooldown, event_date, when, chance = facts[event_id]
            last = last_fired.get(event_id)
            if last is not None and not (repeat and turn - last > cooldown):
                continue
            if event_date is not None and date < event_date:
                continue
            if when and not holds[event_id]:
                continue
            if chance < 1.0 and self.draw(draws.EVENT_CHANCE, event_id) >= chance:
                continue
            fired.append((event_id, False))
        if state.pending_injects:
            fired += [(event_id, True) for event_id in state.pending_injects]
        if fired:
            self.fired = dict(state.fired)
            for event_id, _ in fired:
                event = model.event(event_id)
                self.apply(event.effects, f"event:{event_id}", event.name)
                self.fired[event_id] = turn
        return fired

    def draw(self, stream: int, event_id: str) -> float:
        """This month's draw in [0, 1) for ``event_id`` (the same in the batch engine)."""
        index = self.model.event_position[event_id]
        month = self.month_keys.get(stream)
        if month is None:
            month = self.month_keys[stream] = draws.month_key(
                self.state.seed, self.state.turn, stream
            )
        return draws.uniform_of(month, index)

    def finish(
        self,
        ns: dict[str, float],
        orders: dict[str, tuple[str, ...]],
        fired: list[tuple[str, bool]],
        argued: debate_rules.DebateMonth | None = None,
        moves: dict[str, tuple[Move, ...]] | None = None,
    ) -> tuple[State, Ledger]:
        state, model = self.state, self.model
        computed = model.compute_terms(ns)
        count = len(model.terms)
        terms, totals = computed[:count], list(computed[count:])
        bad: tuple[str, ...] = ()
        if not math.isfinite(sum(totals)):  # any inf or nan term makes its total non-finite
            terms, totals, bad = _zero_non_finite(model, terms)
        for variable_index, _, _, amount in self.impulses:
            totals[variable_index] += amount
        unclamped = tuple([old + total for old, total in zip(state.values, totals, strict=True)])
        held: tuple[int, ...] = ()
        if not math.isfinite(sum(unclamped)):  # rare: checked one by one only then
            terms, unclamped, held = self._hold_non_finite(terms, unclamped)
        after = [
            low if raw < low else high if raw > high else raw
            for raw, (low, high) in zip(unclamped, model.bound_pairs, strict=True)
        ]
        for i in held:
            after[i] = state.values[i]
        events = tuple(_fired_event(model, event_id, injected) for event_id, injected in fired)
        elections = self._elections(after)
        ended_by = next((e.id for e in events if e.ends_game), "")
        new_state = _new(
            State,
            model=model,
            turn=state.turn + 1,
            values=tuple(after),
            policies=tuple(self.policies),
            capital=self._refilled_capital(),
            last_used=(
                state.last_used if self.last_used is None else tuple(sorted(self.last_used.items()))
            ),
            fired=state.fired if self.fired is None else tuple(sorted(self.fired.items())),
            seed=state.seed,
            pending_injects=(),
            ended_by=ended_by,
            debate=argued.state if argued else state.debate,
        )
        ledger = _new(
            Ledger,
            model=model,
            turn=state.turn + 1,
            date=state.date,
            before=state.values,
            after=new_state.values,
            term_values=terms,
            impulses=tuple(self.impulses),
            unclamped=unclamped,
            orders=orders,
            events=events,
            elections=elections,
            non_finite_terms=bad,
            held=held,
            moves=moves or {},
            debate=argued.entries if argued else (),
        )
        return new_state, ledger

    def _hold_non_finite(
        self, terms: tuple[float, ...], unclamped: tuple[float, ...]
    ) -> tuple[tuple[float, ...], tuple[float, ...], tuple[int, ...]]:
        """Hold each variable whose new value is not finite: its terms count 0, its value stays."""
        model, old = self.model, self.state.values
        held = tuple(i for i, raw in enumerate(unclamped) if not math.isfinite(raw))
        if not held:
            return terms, unclamped, held
        zeroed = list(terms)
        raw = list(unclamped)
        for i in held:
            for t in model.terms_by_variable[model.variables[i].id]:
                zeroed[t] = 0.0
            raw[i] = old[i] + sum(amount for j, _, _, amount in self.impulses if j == i)
        return tuple(zeroed), tuple(raw), held

    def _refilled_capital(self) -> tuple[float, ...]:
        return tuple(
            [
                min(cap, max(0.0, left) + per_turn)
                for left, (cap, per_turn) in zip(
                    self.capital, self.model.capital_refill, strict=True
                )
            ]
        )

    def _elections(self, after: list[float]) -> tuple[ElectionResult, ...]:
        results = []
        for election_id, election in self.model.elections_on(self.state.date):
            value = after[self.model.variable_position[election.variable]]
            won = value >= election.threshold
            headline = election.win_headline if won else election.loss_headline
            default = f"{election.label}: the governing side {'wins' if won else 'loses'}"
            results.append(
                ElectionResult(
                    election_id,
                    election.actor,
                    election.label,
                    value,
                    election.threshold,
                    won,
                    headline or default,
                )
            )
        return tuple(results)


def _new(cls, **fields):
    """A frozen dataclass instance from all its fields, without the per-field checks of
    ``__init__`` (which cost more than a month's arithmetic); the usual constructor when a
    field is left out (so its default applies)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    if fields.keys() != names:
        return cls(**fields)
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _zero_non_finite(
    model: Model, terms: tuple[float, ...]
) -> tuple[tuple[float, ...], list[float], tuple[str, ...]]:
    """Terms with every non-finite value replaced by 0, new totals, and the culprits' names."""
    bad = tuple(
        f"{model.terms[i].variable}.{model.terms[i].key}"
        for i, value in enumerate(terms)
        if not math.isfinite(value)
    )
    terms = tuple(v if math.isfinite(v) else 0.0 for v in terms)
    totals = [0.0] * len(model.variables)
    for variable_index, value in zip(model.term_index, terms, strict=True):
        totals[variable_index] += value
    return terms, totals, bad


def _fired_event(model: Model, event_id: str, injected: bool) -> FiredEvent:
    key = (event_id, injected)
    cache = model.cache.setdefault("fired_events", {})
    if key not in cache:
        event = model.event(event_id)
        fallback = event.headline or next(iter(event.headlines.values()))
        headlines = {actor: event.headlines.get(actor, fallback) for actor in model.actor_ids}
        cache[key] = FiredEvent(event_id, event.name, headlines, injected, event.ends_game)
    return cache[key]


def N_(message: str) -> str:
    return message


def _(message: str) -> str:
    """A player-facing phrase in the window's language (English on the command line, which
    never sets one); imported late so the engine loads without the i18n machinery."""
    from game.i18n import _ as translate

    return translate(message)


_CONDITION_WORDS = {
    "<": N_("below"),
    "<=": N_("at most"),
    ">": N_("above"),
    ">=": N_("at least"),
    "==": "=",
}


_CONDITION_TOKEN = re.compile(r"<=|>=|==|<|>|[A-Za-z_][A-Za-z0-9_]*|\S+")


def describe_condition(model: Model, text: str) -> str:
    """An action's precondition in words: 'escalation < 3' -> 'Escalation below 3'."""
    scenario = model.scenario
    labels = {k: v.label for k, v in scenario.policies.items()}
    labels.update({v.id: v.label for v in model.variables})
    words = []
    for token in _CONDITION_TOKEN.findall(text):
        word = _CONDITION_WORDS.get(token)
        words.append(_(word) if word else labels.get(token, token))
    return " ".join(words)


def _cooldown_words(reason: str) -> str:
    """'available again in 3 months' in the window's language."""
    from game.i18n import ngettext

    found = re.search(r"in (\d+) month", reason)
    if not found:
        return reason
    wait = int(found.group(1))
    return ngettext("available again in {n} month", "available again in {n} months", wait).format(
        n=wait
    )


def order_problem(state: State, actor: str, chosen: Sequence[str], action_id: str) -> str:
    """Why ``action_id`` cannot be added to ``chosen`` this month, in plain words ('' if it
    can): the same checks as ``check_orders``, worded for a player."""
    model = state.model
    reason = state._unavailable_reason(action_id)
    cost, _cooldown, _kind, precondition = model.action_facts[action_id]
    if reason and reason != NOT_ENOUGH_CAPITAL:
        if precondition and reason.startswith("not possible now"):
            return _("needs {condition}").format(condition=describe_condition(model, precondition))
        crisis = model.crisis_of.get(action_id)
        if crisis and reason.startswith("only in answer"):
            return _("only in answer to the crisis “{crisis}”").format(
                crisis=model.event(crisis).name
            )
        return _("on cooldown: {reason}").format(reason=_cooldown_words(reason))
    if action_id in chosen:
        return ""
    crisis = model.crisis_of.get(action_id)
    rival = next((a for a in chosen if crisis and model.crisis_of.get(a) == crisis), None)
    if rival is not None:
        return _("answers the same crisis as “{card}”: choose one").format(
            card=model.action(rival).name
        )
    left = state.capital_of(actor) - sum(model.action(a).cost for a in chosen)
    if cost > left + 1e-9:
        return _("costs {cost}, you have {left} left").format(
            cost=f"{cost:g}", left=f"{max(left, 0):g}"
        )
    try:
        check_orders(state, {actor: [*chosen, action_id]})
    except OrdersError as error:
        return "; ".join(error.problems)
    return ""
