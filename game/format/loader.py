"""Load a scenario file: TOML syntax, the schema, then every cross reference and formula.

Rules:
- Every problem in a file is collected into one report; nothing stops at the first.
- Each problem carries the file, the line, the dotted key path and a message a person can act
  on (``scenarios/x.toml:42: actions.us_blame_cn.cost: must be >= 0 (got -3)``).
- Unknown ids get a "did you mean" from difflib; TOML syntax errors get a hint in plain words.
- Every limit of ``game.format.limits`` is checked; a bad value is echoed cut to a readable length.
- Warnings (``game.format.lint``) are problems that do not stop a game but make it nonsense
  (an event after the last month); ``check_scenario`` returns them, ``validate`` prints them.
- Never raise anything but ``ScenarioError`` for bad input.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import UnionType
from typing import Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from game.format import formula, limits, safefile
from game.format.debate import check_debate, debate_counter_names
from game.format.limits import shorten
from game.format.problems import Problem, ScenarioError
from game.format.schema import ID_PATTERN, MONTH_PATTERN, Effect, Scenario
from game.format.suggest import did_you_mean
from game.format.tomlhints import duplicate_hint, toml_hint
from game.format.tomlpos import TomlLines
from game.format.translations import content_language, translated
from game.format.translations import warnings as translation_warnings

if sys.version_info >= (3, 11):  # noqa: UP036 - tomli is the fallback for older Pythons
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RESERVED_NAMES = frozenset({"turn", "month", "year"} | set(formula.FUNCTIONS))


def load_scenario(path: str | Path) -> Scenario:
    """Read, validate and cross-check a scenario file, or raise ScenarioError.

    Its texts come in the content language (game.format.translations) where translated.
    """
    scenario = parse_scenario(_read(path), str(path))
    return translated(scenario, content_language())  # type: ignore[return-value]


def _read(path: str | Path) -> str:
    """The text of a scenario file, or ScenarioError saying why it cannot be read."""
    name = str(path)
    try:
        return safefile.read_text(path, safefile.SCENARIO)
    except safefile.FileProblem as exc:
        raise ScenarioError([Problem(name, exc.line, "", exc.message, exc.column)]) from None


def check_scenario_file(path: str | Path) -> tuple[Scenario, list[Problem]]:
    """Read and validate a scenario file: the scenario and its warnings, or ScenarioError."""
    return check_scenario(_read(path), str(path))


def translation_warnings_of(path: str | Path, scenario: Scenario) -> list[Problem]:
    """Gaps in a scenario's ``[translations.LANG]`` tables, as warnings ``validate`` prints.

    Kept apart from ``check_scenario``'s warnings: a text added in English is usable at once
    (English is the fallback), so an untranslated text never blocks a shipped scenario.
    """
    found = translation_warnings(scenario)
    if not found:
        return []
    lines = TomlLines(_read(path))
    return [
        Problem(str(path), lines.line_of(_key_path(key)), key, message, warning=True)
        for key, message in found
    ]


def _key_path(dotted: str) -> tuple[str | int, ...]:
    if dotted.startswith("translations."):
        _, language, rest = dotted.split(".", 2)
        return ("translations", language, rest)
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    """Validate scenario TOML text; ``name`` is used in messages."""
    return _validated(text, name)[0]


def check_scenario(text: str, name: str = "<scenario>") -> tuple[Scenario, list[Problem]]:
    """Validate scenario TOML text: the scenario and its warnings, or ScenarioError."""
    from game.format.lint import scenario_warnings

    scenario, lines = _validated(text, name)
    warnings = [
        Problem(name, lines.line_of(path), _dotted(path), message, warning=True)
        for path, message in scenario_warnings(scenario)
    ]
    return scenario, warnings


def _validated(text: str, name: str) -> tuple[Scenario, TomlLines]:
    text = text.removeprefix("\ufeff")  # a byte order mark, as Windows editors write
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError([_toml_problem(name, exc, text)]) from None
    except RecursionError:
        raise ScenarioError([Problem(name, 1, "", "TOML is nested too deeply")]) from None
    except ValueError:  # an integer too long to convert (Python refuses over 4300 digits)
        raise ScenarioError([_long_number_problem(name, text)]) from None
    lines = TomlLines(text)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_schema_problems(name, exc, lines)) from None
    except RecursionError:
        raise ScenarioError([Problem(name, 1, "", "TOML is nested too deeply")]) from None
    problems = [
        Problem(name, lines.line_of(path), _dotted(path), message)
        for path, message in check_references(scenario)
    ]
    if problems:
        raise ScenarioError(problems)
    return scenario, lines


def _toml_problem(name: str, exc: tomllib.TOMLDecodeError, text: str) -> Problem:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:  # Python < 3.14: "... (at line 3, column 7)"
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
        else:
            line, column = 1, 1
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", message)
    message = getattr(exc, "msg", message)
    hint = toml_hint(text, int(line), int(column or 1), message)
    if message.startswith(("Cannot overwrite", "Cannot declare", "Cannot mutate")):
        again, hint = duplicate_hint(text)
        if again:
            line, column = again, 0
    text = f"TOML syntax: {message}" + (f" ({hint})" if hint else "")
    return Problem(name, int(line), "", text, column=int(column or 0))


def _long_number_problem(name: str, text: str) -> Problem:
    found = re.search(r"[0-9_]{100,}", text)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return Problem(
        name,
        line,
        "",
        f"a number is too long to read (numbers are at most {limits.MAX_NUMBER:g} in size)",
    )


def _schema_problems(name: str, exc: ValidationError, lines: TomlLines) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        path = tuple(p for p in error["loc"] if not _is_model_tag(p))
        message = _friendly(error)
        if error["type"] == "extra_forbidden":
            message = _unknown_key_message(path)
        problems.append(Problem(name, lines.line_of(path), _dotted(path), message))
    return problems


def _is_model_tag(part: object) -> bool:
    return isinstance(part, str) and part.startswith("function-")


_COMPARISONS = {
    "greater_than_equal": (">=", "ge"),
    "less_than_equal": ("<=", "le"),
    "greater_than": (">", "gt"),
    "less_than": ("<", "lt"),
}
_PATTERNS = {
    MONTH_PATTERN: "must be a month written YYYY-MM",
    ID_PATTERN: "must start with a lowercase letter and use only a-z, 0-9 and _",
}


def _friendly(error: dict) -> str:
    kind = error["type"]
    given = error.get("input")
    context = error.get("ctx") or {}
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return f"must be a finite number (got {shorten(given)})"
    if kind in _COMPARISONS:
        symbol, key = _COMPARISONS[kind]
        return f"must be {symbol} {context.get(key):g} (got {shorten(given)})"
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERNS:
        return f"{_PATTERNS[context['pattern']]} (got {shorten(given)})"
    message = error["msg"].removeprefix("Value error, ").replace("Input should be", "must be")
    if isinstance(given, datetime.date | datetime.time) and kind == "string_type":
        return f'put dates in quotes: "{_month_of(given)}" (got an unquoted date)'
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("enum", "literal_error"):
        return _cut(f"{message} (got {shorten(given)})")
    return _cut(message)


def _month_of(value: datetime.date | datetime.time) -> str:
    return f"{value.year:04d}-{value.month:02d}" if isinstance(value, datetime.date) else "YYYY-MM"


def _cut(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def _unknown_key_message(path: tuple) -> str:
    fields = _fields_at(path[:-1])
    key = str(path[-1]) if path else ""
    hint = _suggest(key, fields) if fields and len(key) < 100 else ""
    return f"unknown key {shorten(key)}{hint}" + ("" if hint else " (see docs/scenario-format.md)")


def _fields_at(path: tuple) -> list[str]:
    """Field names of the model found at ``path`` inside a Scenario, [] if none."""
    current: object = Scenario
    for part in path:
        current = _without_none(current)
        if get_origin(current) in (dict, list):
            current = get_args(current)[-1]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            return []
    current = _without_none(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _without_none(annotation: object) -> object:
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _dotted(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _suggest(name: str, choices: Iterable[str]) -> str:
    return did_you_mean(name, choices)


Path_ = tuple[str | int, ...]


def check_references(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    """Yield (path, message) for every broken cross reference or formula."""
    yield from _check_limits(scenario)
    yield from _check_namespace(scenario)
    yield from _check_sources(scenario)
    yield from _check_actors_and_targets(scenario)
    yield from _check_formulas(scenario)
    yield from check_debate(scenario)


def debate_counters(scenario: Scenario) -> list[str]:
    """Counters the engine fills in from the debate (none when the scenario has no debate)."""
    if not (scenario.claims or scenario.deals):
        return []
    return debate_counter_names(list(scenario.actors))


def _check_limits(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    for var_id, variable in scenario.variables.items():
        if len(variable.terms) > limits.MAX_TERMS_PER_VARIABLE:
            yield (
                ("variables", var_id, "terms"),
                f"{len(variable.terms)} terms: a variable has at most "
                f"{limits.MAX_TERMS_PER_VARIABLE} (add them up in an [aux] value?)",
            )
    per_actor: dict[str, list[str]] = {}
    for action_id, action in scenario.actions.items():
        per_actor.setdefault(action.actor, []).append(action_id)
    for actor_id, action_ids in per_actor.items():
        if len(action_ids) > limits.MAX_ACTIONS_PER_GOVERNMENT:
            first_extra = action_ids[limits.MAX_ACTIONS_PER_GOVERNMENT]
            yield (
                ("actions", first_extra, "actor"),
                f"{actor_id!r} has {len(action_ids)} actions: a government has at most "
                f"{limits.MAX_ACTIONS_PER_GOVERNMENT}",
            )
    if len(scenario.events) > limits.MAX_EVENTS:
        first_extra = list(scenario.events)[limits.MAX_EVENTS]
        yield (
            ("events", first_extra),
            f"{len(scenario.events)} events: a scenario has at most {limits.MAX_EVENTS}",
        )


def formula_names(scenario: Scenario) -> set[str]:
    """Every name a formula of this scenario may read."""
    return (
        set(scenario.parameters)
        | set(scenario.variables)
        | set(scenario.aux)
        | set(scenario.delays)
        | set(scenario.counters)
        | set(scenario.policies)
        | set(debate_counters(scenario))
        | {"turn", "month", "year"}
    )


def _check_namespace(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    seen: dict[str, str] = {}
    for section in ("parameters", "variables", "aux", "delays", "counters", "policies"):
        for key in getattr(scenario, section):
            if key in RESERVED_NAMES:
                yield (section, key), f"{key!r} is reserved (a built-in name or function)"
            elif key in seen:
                yield (section, key), f"id {key!r} is already used in [{seen[key]}]"
            else:
                seen[key] = section
    for delay_id, delay in scenario.delays.items():
        for stage in range(1, delay.order + 1):
            generated = f"{delay_id}_stage{stage}"
            if generated in seen:
                yield ("delays", delay_id), f"{generated!r} is needed for the delay's stages"
    for generated in debate_counters(scenario):
        if generated in seen:
            yield (
                (seen[generated], generated),
                f"{generated!r} is a counter the debate fills in (see [debate] in the docs)",
            )


def _check_sources(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    known = set(scenario.sources)

    def check(path: Path_, key: str) -> Iterator[tuple[Path_, str]]:
        if key and key not in known:
            yield path, f"unknown source {key!r}{_suggest(key, known)}"

    for i, key in enumerate(scenario.meta.sources):
        yield from check(("meta", "sources", i), key)
    for section in ("parameters", "variables", "aux", "delays", "actions", "events"):
        for item_id, item in getattr(scenario, section).items():
            yield from check((section, item_id, "source"), item.source)
    for var_id, variable in scenario.variables.items():
        for term_id, term in variable.terms.items():
            yield from check(("variables", var_id, "terms", term_id, "source"), term.source)
        if variable.smooth:
            yield from check(("variables", var_id, "smooth", "source"), variable.smooth.source)
    for set_id, assumption in scenario.assumptions.items():
        yield from check(("assumptions", set_id, "source"), assumption.source)
    for var_id, observation in scenario.observations.items():
        yield from check(("observations", var_id, "source"), observation.source)


def _check_actors_and_targets(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    actors = set(scenario.actors)
    variables = set(scenario.variables)

    def actor(path: Path_, key: str) -> Iterator[tuple[Path_, str]]:
        if key not in actors:
            yield path, f"unknown actor {key!r}{_suggest(key, actors)}"

    def variable(path: Path_, key: str) -> Iterator[tuple[Path_, str]]:
        if key not in variables:
            yield path, f"unknown variable {key!r}{_suggest(key, variables)}"

    if scenario.meta.default_actor:
        yield from actor(("meta", "default_actor"), scenario.meta.default_actor)
    for action_id, action in scenario.actions.items():
        yield from actor(("actions", action_id, "actor"), action.actor)
        if action.target:
            yield from actor(("actions", action_id, "target"), action.target)
            if action.target == action.actor:
                yield ("actions", action_id, "target"), "an action cannot target its own actor"
        yield from _check_effects(scenario, ("actions", action_id), action.effects)
    for event_id, event in scenario.events.items():
        for key in event.headlines:
            yield from actor(("events", event_id, "headlines", key), key)
        yield from _check_effects(scenario, ("events", event_id), event.effects)
        yield from _check_crisis(scenario, event_id)
    for action_id, action in scenario.actions.items():
        if action.crisis and action.crisis not in scenario.events:
            yield (
                ("actions", action_id, "crisis"),
                f"unknown event {action.crisis!r}{_suggest(action.crisis, scenario.events)}",
            )
        elif action.crisis and action_id not in scenario.events[action.crisis].responses:
            yield (
                ("actions", action_id, "crisis"),
                f"the event {action.crisis!r} does not list {action_id!r} among its responses",
            )
    for election_id, election in scenario.elections.items():
        yield from actor(("elections", election_id, "actor"), election.actor)
        yield from variable(("elections", election_id, "variable"), election.variable)
    for set_id, assumption in scenario.assumptions.items():
        for key in assumption.parameters:
            if key not in scenario.parameters:
                suggestion = _suggest(key, scenario.parameters)
                yield (
                    ("assumptions", set_id, "parameters", key),
                    (f"unknown parameter {key!r}{suggestion}"),
                )
    for var_id in scenario.observations:
        yield from variable(("observations", var_id), var_id)
    display = scenario.display
    for field in ("meters", "key_variables"):
        for i, key in enumerate(getattr(display, field)):
            yield from variable(("display", field, i), key)
    for field in ("flow", "seizures"):
        if getattr(display, field):
            yield from variable(("display", field), getattr(display, field))
    for i, line in enumerate(display.tension):
        yield from actor(("display", "tension", i, "a"), line.a)
        yield from actor(("display", "tension", i, "b"), line.b)
        yield from variable(("display", "tension", i, "variable"), line.variable)
    for i, key in enumerate(display.route):
        yield from actor(("display", "route", i), key)
    known = formula_names(scenario)
    for actor_id, spec in scenario.actors.items():
        for key in spec.ai.weights:
            if key not in known:
                yield (
                    ("actors", actor_id, "ai", "weights", key),
                    (f"unknown variable {key!r}{_suggest(key, known)}"),
                )


def _check_crisis(scenario: Scenario, event_id: str) -> Iterator[tuple[Path_, str]]:
    """A crisis names its responder, 2-3 responses of that actor answering it, and a default."""
    event = scenario.events[event_id]
    path = ("events", event_id)
    if not (event.responder or event.responses or event.default_response):
        return
    if event.responder not in scenario.actors:
        yield (*path, "responder"), f"a crisis needs a known responder, not {event.responder!r}"
        return
    if not 2 <= len(event.responses) <= 3:
        yield (*path, "responses"), "a crisis offers 2 or 3 responses"
    for i, action_id in enumerate(event.responses):
        action = scenario.actions.get(action_id)
        if action is None:
            yield (
                (*path, "responses", i),
                f"unknown action {action_id!r}{_suggest(action_id, scenario.actions)}",
            )
        elif action.actor != event.responder or action.crisis != event_id:
            yield (
                (*path, "responses", i),
                f"{action_id!r} must be an action of {event.responder!r} with crisis = "
                f"{event_id!r}",
            )
    if event.default_response not in event.responses:
        yield (*path, "default_response"), "the default response must be one of the responses"
    elif scenario.actions[event.default_response].cost != 0:
        yield (*path, "default_response"), "the default response must cost nothing"


def _check_effects(
    scenario: Scenario, owner: Path_, effects: list[Effect]
) -> Iterator[tuple[Path_, str]]:
    for i, effect in enumerate(effects):
        for field, table in (
            ("counter", scenario.counters),
            ("policy", scenario.policies),
            ("variable", scenario.variables),
        ):
            key = getattr(effect, field)
            if key and key not in table:
                yield (
                    (*owner, "effects", i, field),
                    (f"unknown {field} {key!r}{_suggest(key, table)}"),
                )


def _formulas(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    for var_id, variable in scenario.variables.items():
        for term_id, term in variable.terms.items():
            yield ("variables", var_id, "terms", term_id, "formula"), term.formula
        if variable.smooth:
            yield ("variables", var_id, "smooth", "input"), variable.smooth.input
            yield ("variables", var_id, "smooth", "time"), variable.smooth.time
    for aux_id, aux in scenario.aux.items():
        yield ("aux", aux_id, "formula"), aux.formula
    for delay_id, delay in scenario.delays.items():
        yield ("delays", delay_id, "input"), delay.input
        yield ("delays", delay_id, "time"), delay.time
    for action_id, action in scenario.actions.items():
        if action.precondition:
            yield ("actions", action_id, "precondition"), action.precondition
    for event_id, event in scenario.events.items():
        if event.when:
            yield ("events", event_id, "when"), event.when
    for actor_id, actor in scenario.actors.items():
        for objective_id, objective in actor.objectives.items():
            yield ("actors", actor_id, "objectives", objective_id, "expr"), objective.expr


def _check_formulas(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    known = formula_names(scenario)
    parameter_sets = _parameter_sets(scenario)
    for path, text in _formulas(scenario):
        try:
            checked = formula.parse(text, known)
        except formula.FormulaError as exc:
            yield path, str(exc)
            continue
        yield from _check_overflow(path, checked, parameter_sets)
    debate = [(("claims", key, "truth"), claim.truth) for key, claim in scenario.claims.items()]
    debate.append((("debate", "persuasion"), scenario.debate.persuasion))
    for path, text in debate:  # their other problems are reported by check_debate
        try:
            checked = formula.parse(text)
        except formula.FormulaError:
            continue
        yield from _check_overflow(path, checked, parameter_sets)
    yield from _check_aux_cycles(scenario)
    plain = set(scenario.parameters) | set(scenario.variables)
    for delay_id, delay in scenario.delays.items():
        try:
            extra = sorted(formula.parse(delay.time).names - plain)
        except formula.FormulaError:
            continue
        if extra:
            yield (
                ("delays", delay_id, "time"),
                (
                    "a delay's time may read only parameters and variables (not "
                    + ", ".join(extra)
                    + ")"
                ),
            )


def _check_overflow(
    path: Path_, checked: formula.Formula, parameter_sets: list[ParameterSet]
) -> Iterator[tuple[Path_, str]]:
    for label, parameters, changed in parameter_sets:
        if changed is not None and not checked.names & changed:
            continue  # reads none of the parameters this set changes: same as the defaults
        part = formula.overflowing_part(checked.tree, parameters)
        if part:
            yield path, f"{_cut(part, 80)} is not a finite number{label} (too large)"
            return


ParameterSet = tuple[str, dict[str, float], "set[str] | None"]


def _parameter_sets(scenario: Scenario) -> list[ParameterSet]:
    """('', defaults, None), then (' with assumptions X', its parameters, those it changes)."""
    defaults = {key: p.value for key, p in scenario.parameters.items()}
    sets: list[ParameterSet] = [("", defaults, None)]
    for set_id, assumption in scenario.assumptions.items():
        label = f" with assumptions {set_id!r}"
        sets.append((label, {**defaults, **assumption.parameters}, set(assumption.parameters)))
    return sets


def _check_aux_cycles(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    try:
        chains = aux_chains(scenario)
    except CycleError as exc:
        yield ("aux", exc.start, "formula"), str(exc)
        return
    except formula.FormulaError:
        return
    longest = max(chains, key=lambda aux_id: len(chains[aux_id]), default="")
    if longest and len(chains[longest]) > limits.MAX_AUX_CHAIN:
        chain = chains[longest]
        shown = " -> ".join(chain[:3]) + " -> ... -> " + chain[-1]
        yield (
            ("aux", longest, "formula"),
            f"{len(chain)} derived quantities read one another in a row ({shown}): "
            f"at most {limits.MAX_AUX_CHAIN}",
        )


class CycleError(ValueError):
    def __init__(self, cycle: list[str]) -> None:
        self.start = cycle[0]
        shown = cycle if len(cycle) <= 12 else [*cycle[:5], "...", *cycle[-5:]]
        super().__init__(
            "derived quantities depend on each other in a circle: " + " -> ".join(shown)
        )


def _aux_dependencies(scenario: Scenario) -> dict[str, list[str]]:
    depends = {
        aux_id: sorted(formula.parse(aux.formula).names & set(scenario.aux))
        for aux_id, aux in scenario.aux.items()
    }
    for delay_id in scenario.delays:
        depends.setdefault(delay_id, [])
    return depends


def aux_order(scenario: Scenario) -> list[str]:
    """Aux ids ordered so each comes after the aux it reads; CycleError on a circle.

    A depth-first search with its own stack (no recursion, so any length of chain is fine).
    """
    depends = _aux_dependencies(scenario)
    order: list[str] = []
    state: dict[str, int] = {}  # 1 while on the stack, 2 when done
    for root in depends:
        if state.get(root):
            continue
        state[root] = 1
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(depends[root]))]
        while stack:
            node, pending = stack[-1]
            dependency = next(pending, None)
            if dependency is None:
                stack.pop()
                state[node] = 2
                if node in scenario.aux:
                    order.append(node)
            elif state.get(dependency) == 1:
                trail = [name for name, _ in stack]
                raise CycleError([*trail[trail.index(dependency) :], dependency])
            elif not state.get(dependency):
                state[dependency] = 1
                stack.append((dependency, iter(depends.get(dependency, ()))))
    return order


def aux_chains(scenario: Scenario) -> dict[str, list[str]]:
    """Aux id -> the longest chain of aux it reads, through one another, itself first."""
    depends = _aux_dependencies(scenario)
    chains: dict[str, list[str]] = {}
    for aux_id in aux_order(scenario):
        below = [chains[d] for d in depends[aux_id] if d in chains]
        chains[aux_id] = [aux_id, *max(below, key=len, default=[])]
    return chains
