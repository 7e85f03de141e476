"""A scenario compiled for stepping: names in order, formulas compiled once, helpers expanded.

Rules:
- Built-in helpers become ordinary, visible parts of the model: a delay of order n becomes n
  stage variables (``<id>_stage1`` ...) plus its output ``<id>`` (rate leaving the last stage);
  a smoothed variable gets one "adjustment" term. Nothing the Why panel shows is hidden here.
- All formulas of a month are compiled into two functions of one namespace dict: ``derive``
  (delay outputs, then aux in dependency order, written into the namespace) and ``terms``
  (every term's value, in ``term_keys`` order).
- A Model is immutable once built; one Model serves any number of games and look-aheads.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from game.format import formula
from game.format.loader import aux_order, debate_counters, formula_names
from game.format.schema import Action, Confidence, Event, Scenario

STAGE_HIGH = 1e15  # upper bound of a delay's stage variables
SUM_CHUNK = 40  # terms added in one expression before a partial sum is stored


class AssumptionError(ValueError):
    """An unknown assumption set was asked for."""


def month_label(start: str, offset: int) -> str:
    """The month ``offset`` months after ``start`` (both YYYY-MM)."""
    year, month = int(start[:4]), int(start[5:7])
    index = year * 12 + (month - 1) + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class TermInfo:
    """What the Why panel needs to know about one term of one variable."""

    variable: str
    key: str
    label: str
    source: str = ""
    confidence: str = Confidence.medium.value


@dataclass(frozen=True)
class VariableInfo:
    id: str
    label: str
    unit: str
    low: float
    high: float
    initial: float
    description: str = ""
    decimals: int = 0
    generated: bool = False


@dataclass(frozen=True, eq=False)
class Model:
    """A compiled scenario under one assumption set."""

    scenario: Scenario
    assumptions: str
    parameters: dict[str, float]
    variables: tuple[VariableInfo, ...]
    terms: tuple[TermInfo, ...]
    term_index: tuple[int, ...]  # variable index of each term
    derive: Callable[[dict[str, float]], object]
    compute_terms: Callable[[dict[str, float]], tuple[float, ...]]
    preconditions: Callable[[dict[str, float]], dict[str, bool]]  # action id -> allowed
    conditions: Callable[[dict[str, float]], dict[str, bool]]  # event id -> condition holds
    measures: dict[tuple[str, str], Callable[[dict[str, float]], float]]
    derived_names: tuple[str, ...] = field(default=())
    # the checked trees behind ``derive`` and ``compute_terms`` (the batch engine compiles
    # the same trees for arrays): (name, tree) in derive order, and one tree per term
    derived_trees: tuple[tuple[str, ast.expr], ...] = field(default=(), repr=False)
    term_trees: tuple[ast.expr, ...] = field(default=(), repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # immutable values derived lazily

    @classmethod
    def build(
        cls, scenario: Scenario, assumptions: str = "", overrides: dict[str, float] | None = None
    ) -> Model:
        """Compile ``scenario`` with the named assumption set ('' for the defaults).

        ``overrides`` replaces parameter values on top of the assumption set (a backtest's plan
        may switch off random crises this way).
        """
        parameters = {key: p.value for key, p in scenario.parameters.items()}
        if assumptions:
            if assumptions not in scenario.assumptions:
                known = ", ".join(scenario.assumptions) or "none"
                raise AssumptionError(f"unknown assumption set {assumptions!r} (known: {known})")
            parameters.update(scenario.assumptions[assumptions].parameters)
        for key, value in (overrides or {}).items():
            if key not in parameters:
                raise AssumptionError(f"unknown parameter {key!r}")
            parameters[key] = value
        known = formula_names(scenario)
        builder = _KernelBuilder(scenario, parameters, known)
        return cls(
            scenario=scenario,
            assumptions=assumptions,
            parameters=parameters,
            variables=tuple(builder.variables),
            terms=tuple(builder.terms),
            term_index=tuple(builder.term_index),
            derive=builder.derive_function(),
            compute_terms=builder.terms_function(),
            preconditions=_all_in_one(
                {k: a.precondition for k, a in scenario.actions.items() if a.precondition}
            ),
            conditions=_all_in_one({k: e.when for k, e in scenario.events.items() if e.when}),
            measures={
                (actor_id, key): formula.parse(o.expr).compile()
                for actor_id, actor in scenario.actors.items()
                for key, o in actor.objectives.items()
            },
            derived_names=tuple(builder.derived_names),
            derived_trees=tuple(builder.derived),
            term_trees=tuple(builder.term_trees),
        )

    @cached_property
    def bounds(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        return tuple(v.low for v in self.variables), tuple(v.high for v in self.variables)

    @cached_property
    def bound_pairs(self) -> tuple[tuple[float, float], ...]:
        return tuple((v.low, v.high) for v in self.variables)

    @cached_property
    def variable_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.variables)

    @cached_property
    def variable_position(self) -> dict[str, int]:
        return {v.id: i for i, v in enumerate(self.variables)}

    @cached_property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(self.scenario.actors)

    @cached_property
    def actor_position(self) -> dict[str, int]:
        return {actor: i for i, actor in enumerate(self.actor_ids)}

    @cached_property
    def counter_ids(self) -> tuple[str, ...]:
        """Declared counters, then those the debate fills in (if the scenario has one)."""
        return (*self.scenario.counters, *debate_counters(self.scenario))

    @cached_property
    def policy_ids(self) -> tuple[str, ...]:
        return tuple(self.scenario.policies)

    @cached_property
    def actions_by_actor(self) -> dict[str, tuple[str, ...]]:
        grouped: dict[str, list[str]] = {actor: [] for actor in self.actor_ids}
        for action_id, action in self.scenario.actions.items():
            grouped[action.actor].append(action_id)
        return {actor: tuple(ids) for actor, ids in grouped.items()}

    @cached_property
    def action_facts(self) -> dict[str, tuple[float, int, str, str]]:
        """Action id -> (cost, cooldown, actor, precondition): what availability reads."""
        return {
            key: (a.cost, a.cooldown, a.actor, a.precondition)
            for key, a in self.scenario.actions.items()
        }

    @cached_property
    def crisis_of(self) -> dict[str, str]:
        """Action id -> the crisis event it answers (only for crisis responses)."""
        return {key: a.crisis for key, a in self.scenario.actions.items() if a.crisis}

    @cached_property
    def crises(self) -> tuple[str, ...]:
        """Event ids that ask a government to choose a response."""
        return tuple(key for key, e in self.scenario.events.items() if e.responses)

    def calendar(self, turn: int) -> tuple[float, float, float]:
        """(turn number from 1, month 1-12, year) of the month played at ``turn``."""
        table = self.cache.setdefault("calendar", {})
        if turn not in table:
            label = self.month(turn)
            table[turn] = (float(turn + 1), float(label[5:7]), float(label[:4]))
        return table[turn]

    def month(self, turn: int) -> str:
        """The month (YYYY-MM) played at ``turn`` (0 for the first)."""
        labels = self.cache.setdefault("months", {})
        if turn not in labels:
            labels[turn] = month_label(self.scenario.meta.start, turn)
        return labels[turn]

    @cached_property
    def action_position(self) -> dict[str, int]:
        """Action id -> its position in scenario order (the index of its random draws)."""
        return {action_id: i for i, action_id in enumerate(self.scenario.actions)}

    @cached_property
    def policy_position(self) -> dict[str, int]:
        return {policy: i for i, policy in enumerate(self.policy_ids)}

    @cached_property
    def event_facts(self) -> dict[str, tuple[bool, int, str | None, str, float]]:
        """Event id -> (repeat, cooldown, date, when, chance): what firing reads each month."""
        return {
            key: (e.repeat, e.cooldown, e.date, e.when, e.chance)
            for key, e in self.scenario.events.items()
        }

    @cached_property
    def capital_refill(self) -> tuple[tuple[float, float], ...]:
        """(cap, per turn) of each actor's political capital."""
        return tuple(
            (a.capital_cap or 2 * a.capital_per_turn, a.capital_per_turn)
            for a in self.scenario.actors.values()
        )

    def elections_on(self, date: str) -> list:
        """(id, election) of the elections held in month ``date``."""
        table = self.cache.get("elections_on")
        if table is None:
            table = self.cache["elections_on"] = {}
            for key, election in self.scenario.elections.items():
                table.setdefault(election.date, []).append((key, election))
        return table.get(date, [])

    def base_namespace_at(self, turn: int) -> dict[str, float]:
        """Parameters and the calendar names of ``turn`` (copy before changing it)."""
        table = self.cache.setdefault("base_namespace_at", {})
        if turn not in table:
            ns = dict(self.base_namespace)
            ns["turn"], ns["month"], ns["year"] = self.calendar(turn)
            table[turn] = ns
        return table[turn]

    @cached_property
    def event_position(self) -> dict[str, int]:
        return {event_id: i for i, event_id in enumerate(self.scenario.events)}

    @cached_property
    def zero_counters(self) -> dict[str, float]:
        """Every counter at 0 (copy before changing it)."""
        return dict.fromkeys(self.counter_ids, 0.0)

    @cached_property
    def lever_events(self) -> frozenset[str]:
        """The events whose effects touch counters or policies."""
        return frozenset(e for e in self.scenario.events if self.event_changes_levers(e))

    def event_changes_levers(self, event_id: str) -> bool:
        """Whether an event's effects touch counters or policies (which derived values read)."""
        event = self.scenario.events[event_id]
        return any(effect.counter or effect.policy for effect in event.effects)

    def action(self, action_id: str) -> Action:
        return self.scenario.actions[action_id]

    def event(self, event_id: str) -> Event:
        return self.scenario.events[event_id]

    @cached_property
    def _scheduled(self) -> dict[str, tuple[str, ...]]:
        by_date: dict[str, list[str]] = {}
        for key, event in self.scenario.events.items():
            if not event.inject and event.date is not None and not event.when:
                by_date.setdefault(event.date, []).append(key)
        return {date: tuple(keys) for date, keys in by_date.items()}

    @cached_property
    def _conditional(self) -> tuple[str, ...]:
        return tuple(k for k, e in self.scenario.events.items() if not e.inject and e.when)

    def events_to_check(self, date: str) -> tuple[str, ...]:
        """Events that might fire in month ``date``: scheduled for it, or conditional."""
        scheduled = self._scheduled.get(date, ())
        if not scheduled:
            return self._conditional
        order = list(self.scenario.events)
        return tuple(sorted((*scheduled, *self._conditional), key=order.index))

    @cached_property
    def terms_by_variable(self) -> dict[str, tuple[int, ...]]:
        grouped: dict[str, list[int]] = {v.id: [] for v in self.variables}
        for i, term in enumerate(self.terms):
            grouped[term.variable].append(i)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def base_namespace(self) -> dict[str, float]:
        return dict(self.parameters)


def smooth_formula(variable: str, target: str, time: str) -> str:
    """The formula of a smoothed variable's adjustment term, exactly as the engine compiles it."""
    return f"(({target}) - {variable}) / max(({time}), 1)"


def _all_in_one(texts: dict[str, str]) -> Callable[[dict[str, float]], dict[str, bool]]:
    """One compiled function evaluating every formula in ``texts`` (id -> formula) at once."""
    if not texts:
        return lambda ns: {}
    keys = list(texts)
    pairs = [(f"c{i}", formula.parse(texts[key]).tree) for i, key in enumerate(keys)]
    compiled = formula.compile_function(pairs, [name for name, _ in pairs])
    if len(keys) == 1:
        return lambda ns: {keys[0]: bool(compiled(ns))}
    return lambda ns: dict(zip(keys, map(bool, compiled(ns)), strict=True))  # type: ignore[arg-type]


class _KernelBuilder:
    """Expands helpers and collects the (name, tree) pairs of the two kernel functions."""

    def __init__(self, scenario: Scenario, parameters: dict[str, float], known: set[str]) -> None:
        self.scenario = scenario
        self.known = known | {
            f"{d}_stage{k}"
            for d, delay in scenario.delays.items()
            for k in range(1, delay.order + 1)
        }
        self.parameters = parameters
        self.variables: list[VariableInfo] = []
        self.terms: list[TermInfo] = []
        self.term_index: list[int] = []
        self.term_trees: list[ast.expr] = []
        self.derived: list[tuple[str, ast.expr]] = []
        self.derived_names: list[str] = []
        self._add_variables()
        self._add_delays()
        self._add_aux()

    def _parse(self, text: str) -> ast.expr:
        return formula.fold_constants(formula.parse(text, self.known).tree, self.parameters)

    def _add_term(self, variable_index: int, info: TermInfo, text: str) -> None:
        self.terms.append(info)
        self.term_index.append(variable_index)
        self.term_trees.append(self._parse(text))

    def _add_variables(self) -> None:
        for var_id, v in self.scenario.variables.items():
            index = len(self.variables)
            self.variables.append(
                VariableInfo(
                    var_id, v.label, v.unit, v.min, v.max, v.initial, v.description, v.decimals
                )
            )
            for term_id, term in v.terms.items():
                info = TermInfo(var_id, term_id, term.label, term.source, term.confidence.value)
                self._add_term(index, info, term.formula)
            if v.smooth:
                smooth = v.smooth
                label = smooth.label or f"{v.label} adjusts towards its target"
                info = TermInfo(var_id, "smooth", label, smooth.source, smooth.confidence.value)
                text = smooth_formula(var_id, smooth.input, smooth.time)
                self._add_term(index, info, text)

    def _add_delays(self) -> None:
        namespace = {**self.parameters, **{v.id: v.initial for v in self.variables}}
        namespace.update(turn=0.0, month=1.0, year=2000.0)
        for delay_id, delay in self.scenario.delays.items():
            n = delay.order
            time_text = f"max(({delay.time}), 0.1)"
            # share of a stage that moves on each month; at most all of it, so a delay
            # shorter than its order never drains a stage below zero
            rate = f"min({n} / {time_text}, 1)"
            try:
                time = float(formula.parse(time_text, self.known).compile()(namespace))
            except KeyError:
                time = 1.0
            share = min(n / time, 1.0)  # time >= 0.1 and finite (compiled formulas are)
            stage_initial = min(delay.initial / share, STAGE_HIGH) if share > 0 else STAGE_HIGH
            for k in range(1, n + 1):
                stage = f"{delay_id}_stage{k}"
                index = len(self.variables)
                self.variables.append(
                    VariableInfo(
                        stage,
                        f"{delay.label} (in transit, stage {k} of {n})",
                        delay.unit.split("/")[0].strip() if delay.unit else "",
                        0.0,
                        STAGE_HIGH,
                        stage_initial,
                        f"Built-in delay stage of '{delay_id}'.",
                        1,
                        generated=True,
                    )
                )
                inflow = delay.input if k == 1 else f"{delay_id}_stage{k - 1} * {rate}"
                into = "enters the pipeline" if k == 1 else f"arrives from stage {k - 1}"
                source, confidence = delay.source, delay.confidence.value
                self._add_term(index, TermInfo(stage, "inflow", into, source, confidence), inflow)
                outflow = f"-{stage} * {rate}"
                moves_on = "leaves the pipeline" if k == n else f"moves on to stage {k + 1}"
                info = TermInfo(stage, "outflow", moves_on, source, confidence)
                self._add_term(index, info, outflow)
            output = f"{delay_id}_stage{n} * {rate}"
            self.derived.append((delay_id, self._parse(output)))
            self.derived_names.append(delay_id)

    def _add_aux(self) -> None:
        for aux_id in aux_order(self.scenario):
            self.derived.append((aux_id, self._parse(self.scenario.aux[aux_id].formula)))
            self.derived_names.append(aux_id)

    def derive_function(self) -> Callable[[dict[str, float]], object]:
        if not self.derived:
            return lambda ns: None
        names = [name for name, _ in self.derived]
        return formula.compile_function(self.derived, [names[-1]], store=names)

    def terms_function(self) -> Callable[[dict[str, float]], tuple[float, ...]]:
        """One function returning every term, then each variable's sum of terms."""
        pairs: list[tuple[str, object]] = [
            (f"t{i}", tree) for i, tree in enumerate(self.term_trees)
        ]
        outputs = [name for name, _ in pairs]
        for v in range(len(self.variables)):
            mine = [i for i, owner in enumerate(self.term_index) if owner == v]
            total: ast.expr = ast.Constant(0.0)
            for count, i in enumerate(mine, start=1):
                total = ast.BinOp(total, ast.Add(), ast.Name(f"_l_t{i}", ast.Load()))
                if count % SUM_CHUNK == 0 and count < len(mine):  # no deep tree to compile
                    pairs.append((f"s{v}_{count}", total))
                    total = ast.Name(f"_l_s{v}_{count}", ast.Load())
            pairs.append((f"s{v}", total))
            outputs.append(f"s{v}")
        function = formula.compile_function(pairs, outputs, guard_outputs=False)
        return function  # type: ignore[return-value]
