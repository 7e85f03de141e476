"""Warnings: things a valid scenario may hold that make part of the game silently nonsense.

Rules:
- A warning never stops a game (the file is valid); ``validate`` prints each one as
  ``FILE:LINE: path: warning: message`` and ``validate --strict`` fails on them.
- Each warning names what will go wrong in play ("it never happens", "it can never be scored"),
  not only what is unusual. The shipped scenarios have none (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.format import formula
from game.format.schema import Scenario

Path_ = tuple[str | int, ...]


def scenario_warnings(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    """Yield (path, message) for every warning about a scenario that passed validation."""
    yield from _dates_outside_the_game(scenario)
    yield from _objectives_that_cannot_score(scenario)
    yield from _actions_never_affordable(scenario)
    yield from _ids_differing_only_by_case(scenario)


def game_months(scenario: Scenario) -> tuple[str, str]:
    """The first and the last month played (YYYY-MM)."""
    start = scenario.meta.start
    index = int(start[:4]) * 12 + int(start[5:7]) - 1 + scenario.meta.turns - 1
    return start, f"{index // 12:04d}-{index % 12 + 1:02d}"


def _outside(month: str, first: str, last: str) -> str:
    """'' when ``month`` is played, else why not, for a message."""
    if month < first:
        return f"{month} is before the game's first month ({first})"
    if month > last:
        return f"{month} is after the game's last month ({last})"
    return ""


def _dates_outside_the_game(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    first, last = game_months(scenario)
    for event_id, event in scenario.events.items():
        if event.date is None or event.inject:
            continue
        if event.when and event.date <= last:
            continue  # a conditional event dated before the start is simply not held back
        why = _outside(event.date, first, last)
        if why:
            yield ("events", event_id, "date"), f"{why}: this event never happens"
    for election_id, election in scenario.elections.items():
        why = _outside(election.date, first, last)
        if why:
            yield ("elections", election_id, "date"), f"{why}: this election is never held"
    for actor_id, actor in scenario.actors.items():
        for objective_id, objective in actor.objectives.items():
            if objective.when in ("end", "mean"):
                continue
            why = _outside(objective.when, first, last)
            if why:
                path = ("actors", actor_id, "objectives", objective_id, "when")
                yield path, f"{why}: this objective can never be scored"


def _objectives_that_cannot_score(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    constant = set(scenario.parameters)
    bounds = {key: (v.min, v.max) for key, v in scenario.variables.items()}
    bounds.update({key: (p.min, p.max) for key, p in scenario.policies.items()})
    for actor_id, actor in scenario.actors.items():
        if not actor.objectives:
            yield ("actors", actor_id), "this government has no objectives: it can never score"
        for objective_id, objective in actor.objectives.items():
            path = ("actors", actor_id, "objectives", objective_id)
            try:
                names = formula.parse(objective.expr).names
            except formula.FormulaError:
                continue
            if names <= constant:
                yield (
                    (*path, "expr"),
                    "reads nothing that changes during the game: it is met or missed from the "
                    "start, whatever anyone does",
                )
            elif objective.expr.strip() in bounds:
                yield from _target_out_of_reach(path, objective, bounds[objective.expr.strip()])


def _target_out_of_reach(
    path: Path_, objective, bounds: tuple[float, float]
) -> Iterator[tuple[Path_, str]]:
    low, high = bounds
    name = objective.expr.strip()
    if objective.goal == "at_least" and objective.target > high:
        yield (
            (*path, "target"),
            f"can never be met: {name} is at most {high:g} (target {objective.target:g})",
        )
    if objective.goal == "at_most" and objective.target < low:
        yield (
            (*path, "target"),
            f"can never be met: {name} is at least {low:g} (target {objective.target:g})",
        )


def _actions_never_affordable(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    for action_id, action in scenario.actions.items():
        actor = scenario.actors.get(action.actor)
        if actor is None:
            continue
        most = actor.capital_cap or 2 * actor.capital_per_turn
        if action.cost > most + 1e-9:
            yield (
                ("actions", action_id, "cost"),
                f"costs {action.cost:g} but {action.actor!r} can save at most {most:g} "
                "political capital: it can never be ordered",
            )


def _ids_differing_only_by_case(scenario: Scenario) -> Iterator[tuple[Path_, str]]:
    top = ("parameters", "variables", "aux", "delays", "counters", "policies")
    yield from _case_clashes(
        [(section, key) for section in top for key in getattr(scenario, section)]
    )
    for section in ("sources", "actors", "actions", "events", "elections", "assumptions"):
        yield from _case_clashes([(section, key) for key in getattr(scenario, section)])
    for actor_id, actor in scenario.actors.items():
        keys = actor.objectives
        yield from _case_clashes([("actors", actor_id, "objectives", key) for key in keys])
    for var_id, variable in scenario.variables.items():
        keys = variable.terms
        yield from _case_clashes([("variables", var_id, "terms", key) for key in keys])


def _case_clashes(paths: Iterable[Path_]) -> Iterator[tuple[Path_, str]]:
    seen: dict[str, str] = {}
    for path in paths:
        key = str(path[-1])
        other = seen.setdefault(key.lower(), key)
        if other != key:
            yield path, f"id {key!r} differs from {other!r} only by case: easy to mix up"
