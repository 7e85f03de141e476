"""A scenario's model card: every variable, term, parameter, action and event, in Markdown.

``python main.py model-card SCENARIO [--out FILE]`` writes it. The card is for instructors and
reviewers who want to read the model without reading TOML: each term in words (its label) and
as a formula, each number with its unit, source and confidence.

Rules: ``model_card`` is pure (reads a validated ``Scenario``, returns text; no files, no
pygame); ``model_card_for`` adds what lies beside the scenario file: the backtest of its history
plan (``history/<id>_history.toml``) and the measured play recorded in ``measured/<id>_*.json``
by ``python -m benchmarks.sanity --record`` and ``balance --record``. The output depends only
on those files, so a committed card can be checked for being current.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.format.schema import Action, Actor, Effect, Event, Scenario, Variable
from game.sim.model import smooth_formula

NO_LIMIT = 1e12


def history_plan_for(scenario_path: Path, scenario_id: str) -> Path | None:
    """The scenario's history plan (``history/<id>_history.toml`` beside it), if there is one."""
    path = Path(scenario_path).parent / "history" / f"{scenario_id}_history.toml"
    try:
        return path if path.is_file() else None
    except OSError:  # a name the file system refuses (too long, ...): no history plan
        return None


def measured_for(scenario_path: Path, scenario_id: str) -> dict[str, dict]:
    """The recorded measurements beside the scenario: ``{"check10": ..., "balance": ...}``."""
    found = {}
    for kind in ("check10", "balance"):
        path = Path(scenario_path).parent / "measured" / f"{scenario_id}_{kind}.json"
        try:
            found[kind] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return found


def model_card_for(path: str | Path) -> str:
    """The card of the scenario file at ``path``, with its backtest when it has a history plan."""
    from game.format.loader import load_scenario
    from game.tools.backtest import run_backtest

    path = Path(path)
    scenario = load_scenario(path)
    history = history_plan_for(path, scenario.meta.id)
    backtest = None
    if history is not None and scenario.observations:
        backtest = run_backtest(str(path), str(history))
        backtest.plan = f"history/{history.name}"
    return model_card(scenario, path.name, backtest, measured_for(path, scenario.meta.id))


def model_card(
    scenario: Scenario, file_name: str = "", backtest=None, measured: dict | None = None
) -> str:
    """The whole card as Markdown text, ending with a newline."""
    sections = [
        _header(scenario, file_name),
        _governments(scenario),
        _variables(scenario),
        _derived(scenario),
        _delays(scenario),
        _counters_and_policies(scenario),
        _parameters(scenario),
        _actions(scenario),
        _events(scenario),
        _elections(scenario),
        _assumptions(scenario),
        _observations(scenario, backtest),
        _measured(scenario, measured or {}),
        _sources(scenario),
    ]
    return "\n\n".join(section for section in sections if section).rstrip() + "\n"


def _number(value: float) -> str:
    if abs(value) >= NO_LIMIT:
        return "no limit"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(formula: str) -> str:
    return f"`{' '.join(formula.split())}`" if formula else ""


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _section(title: str, header: list[str], rows: list[list[str]], intro: str = "") -> str:
    """A ``## title`` section: the intro, then the table; nothing when there are no rows."""
    if not rows:
        return ""
    return "\n\n".join(part for part in (f"## {title}", intro, _table(header, rows)) if part)


def _cite(scenario: Scenario, key: str) -> str:
    if not key:
        return ""
    source = scenario.sources.get(key)
    return f"{source.title} [{key}]" if source else f"[{key}]"


def _header(scenario: Scenario, file_name: str) -> str:
    meta = scenario.meta
    origin = f" from `{file_name}`" if file_name else ""
    lines = [
        f"# Model card: {meta.title}",
        "",
        f"Generated{origin} by `python main.py model-card`; do not edit by hand.",
        "",
        _cell(meta.summary),
        "",
        f"- Scenario id: `{meta.id}`, version {meta.version}, language `{meta.language}`",
        f"- {meta.turns} monthly turns from {meta.start}",
    ]
    if meta.authors:
        lines.append(f"- Authors: {', '.join(meta.authors)}")
    if meta.sources:
        cited = "; ".join(_cite(scenario, key) for key in meta.sources)
        lines.append(f"- Sources: {cited}")
    lines += ["", "Each month every variable changes by the sum of its terms, then is clamped"]
    lines += ["to its bounds. Formulas read this month's values of every id below."]
    return "\n".join(lines)


def _governments(scenario: Scenario) -> str:
    parts = ["## Governments"]
    for actor_id, actor in scenario.actors.items():
        parts.append(_government(actor_id, actor))
    return "\n\n".join(parts)


def _government(actor_id: str, actor: Actor) -> str:
    cap = actor.capital_cap or 2 * actor.capital_per_turn
    leader = f", led by {actor.leader}" if actor.leader else ""
    lines = [
        f"### {actor.name} (`{actor_id}`)",
        "",
        f"{_number(actor.capital_per_turn)} political capital a month (saved up to "
        f"{_number(cap)}){leader}.",
    ]
    if actor.objectives:
        rows = [
            [
                objective.label,
                _code(objective.expr),
                f"{objective.goal.replace('_', ' ')} {_number(objective.target)}",
                objective.when,
                _number(objective.weight),
            ]
            for objective in actor.objectives.values()
        ]
        lines += ["", _table(["objective", "measure", "goal", "when", "weight"], rows)]
    return "\n".join(lines)


def _variables(scenario: Scenario) -> str:
    parts = ["## Variables"]
    for variable_id, variable in scenario.variables.items():
        parts.append(_variable(scenario, variable_id, variable))
    return "\n\n".join(parts)


def _variable(scenario: Scenario, variable_id: str, variable: Variable) -> str:
    unit = f"unit {variable.unit}; " if variable.unit else ""
    lines = [f"### {variable.label} (`{variable_id}`)", ""]
    if variable.description:
        lines += [_cell(variable.description), ""]
    lines.append(
        f"- {unit}starts at {_number(variable.initial)}; bounds {_number(variable.min)} "
        f"to {_number(variable.max)}"
    )
    if variable.source:
        lines.append(f"- Source of the initial value: {_cite(scenario, variable.source)}")
    rows = [
        [term.label, _code(term.formula), term.confidence.value, _cite(scenario, term.source)]
        for term in variable.terms.values()
    ]
    if variable.smooth:
        smooth = variable.smooth
        label = smooth.label or "Adjusts towards its target (smoothing)"
        formula = smooth_formula(variable_id, smooth.input, smooth.time)
        rows.append(
            [label, _code(formula), smooth.confidence.value, _cite(scenario, smooth.source)]
        )
    if rows:
        lines += ["", _table(["term", "formula", "confidence", "source"], rows)]
    else:
        lines.append("- No terms: it changes only through actions and events.")
    return "\n".join(lines)


def _derived(scenario: Scenario) -> str:
    rows = [
        [
            f"`{aux_id}`",
            aux.label,
            _code(aux.formula),
            aux.unit,
            aux.confidence.value,
            _cite(scenario, aux.source),
        ]
        for aux_id, aux in scenario.aux.items()
    ]
    header = ["id", "quantity", "formula", "unit", "confidence", "source"]
    intro = "Recomputed each month from the current values (`aux`)."
    return _section("Derived quantities", header, rows, intro)


def _delays(scenario: Scenario) -> str:
    rows = [
        [
            f"`{delay_id}`",
            delay.label,
            _code(delay.input),
            _code(delay.time),
            str(delay.order),
            _number(delay.initial),
            delay.unit,
            _cite(scenario, delay.source),
        ]
        for delay_id, delay in scenario.delays.items()
    ]
    header = ["id", "flow", "input", "delay (months)", "order", "initial", "unit", "source"]
    intro = (
        "Material delays: what enters at `input` leaves, on average, `delay` months later "
        "through `order` stages; the id reads the rate leaving."
    )
    return _section("Delays", header, rows, intro)


def _counters_and_policies(scenario: Scenario) -> str:
    counters = _section(
        "Counters",
        ["id", "counts"],
        [[f"`{key}`", counter.label] for key, counter in scenario.counters.items()],
        "Counts for this month only, raised by actions and events.",
    )
    policies = _section(
        "Policies",
        ["id", "policy", "initial", "min", "max"],
        [
            [f"`{key}`", p.label, _number(p.initial), _number(p.min), _number(p.max)]
            for key, p in scenario.policies.items()
        ],
        "Standing policies: they keep their value until an action changes them.",
    )
    return "\n\n".join(part for part in (counters, policies) if part)


def _parameters(scenario: Scenario) -> str:
    rows = [
        [
            f"`{key}`",
            _number(parameter.value),
            parameter.unit,
            parameter.description,
            _cite(scenario, parameter.source) or "judgement",
            parameter.confidence.value,
        ]
        for key, parameter in scenario.parameters.items()
    ]
    header = ["id", "value", "unit", "meaning", "source", "confidence"]
    return _section("Parameters", header, rows)


def _effect(scenario: Scenario, effect: Effect) -> str:
    if effect.counter:
        label = (
            scenario.counters[effect.counter].label if effect.counter in scenario.counters else ""
        )
        return f"+{_number(effect.add or 0)} to counter `{effect.counter}` ({label})"
    if effect.policy:
        change = (
            f"sets policy `{effect.policy}` to {_number(effect.set)}"
            if effect.set is not None
            else f"adds {_number(effect.add or 0)} to policy `{effect.policy}`"
        )
        return change
    sign = "+" if (effect.add or 0) >= 0 else ""
    label = f" ({effect.label})" if effect.label else ""
    return f"{sign}{_number(effect.add or 0)} to `{effect.variable}` once{label}"


def _effects(scenario: Scenario, effects: list[Effect]) -> str:
    return "; ".join(_effect(scenario, effect) for effect in effects) or "none"


def _actions(scenario: Scenario) -> str:
    if not scenario.actions:
        return ""
    parts = ["## Actions"]
    for actor_id, actor in scenario.actors.items():
        own = {key: a for key, a in scenario.actions.items() if a.actor == actor_id}
        if own:
            rows = [_action_row(scenario, key, action) for key, action in own.items()]
            header = ["id", "card", "category", "target", "cost", "precondition"]
            header += ["cooldown", "effects"]
            parts += [f"### {actor.name}", _table(header, rows)]
    return "\n\n".join(parts)


def _action_row(scenario: Scenario, action_id: str, action: Action) -> list[str]:
    target = scenario.actors[action.target].name if action.target in scenario.actors else ""
    return [
        f"`{action_id}`",
        action.name,
        action.category.value,
        target,
        _number(action.cost),
        _code(action.precondition),
        f"{action.cooldown} months" if action.cooldown else "",
        _effects(scenario, action.effects),
    ]


def _observations(scenario: Scenario, backtest) -> str:
    if not scenario.observations:
        return ""
    parts = [
        "## Observations and backtest",
        "Real values the model is checked against (`python main.py backtest`).",
    ]
    rows = [
        [
            f"`{key}`",
            observation.label or key,
            f"{len(observation.values)} months, {min(observation.values)} to "
            f"{max(observation.values)}",
            _cite(scenario, observation.source),
            observation.note,
        ]
        for key, observation in scenario.observations.items()
    ]
    parts.append(_table(["variable", "series", "months", "source", "note"], rows))
    if backtest is not None:
        image = f"backtest-{scenario.meta.id}.png"
        parts.append(
            f"Backtest with `{backtest.plan}` (the real moves, month by month; written with "
            f"`--plot docs/{image}`): observed (dots) against simulated (line)."
        )
        parts.append(f"![Backtest: observed against simulated]({image})")
        fit_rows = []
        for fit in backtest.fits:
            years = "; ".join(
                f"{y.year}: {y.observed:+.0%} observed, {y.simulated:+.0%} simulated"
                f" ({'right' if y.direction_right else 'WRONG'})"
                for y in fit.years
            )
            fit_rows.append([f"`{fit.variable}`", f"{fit.mape:.1%}", years])
        parts.append(_table(["variable", "MAPE", "change over each year"], fit_rows))
        parts.append(_month_by_month(backtest))
    return "\n\n".join(parts)


def _month_by_month(backtest) -> str:
    """Observed / simulated of every observed variable, one row a month."""
    fits = [fit for fit in backtest.fits if fit.months]
    months = sorted({m for fit in fits for m in fit.months})
    rows = []
    for month in months:
        row = [month]
        for fit in fits:
            if month in fit.months:
                i = fit.months.index(month)
                simulated = fit.simulated[i]
                shown = round(simulated) if abs(simulated) >= 100 else round(simulated, 1)
                row.append(f"{_number(fit.observed[i])} / {_number(shown)}")
            else:
                row.append("")
        rows.append(row)
    header = ["month", *(f"`{fit.variable}` observed / simulated" for fit in fits)]
    return "Month by month (the simulated value is the variable after that month's turn):\n\n" + (
        _table(header, rows)
    )


def _measured(scenario: Scenario, measured: dict) -> str:
    """Check 10 and the balance battery as recorded beside the scenario."""
    parts = []
    check10 = measured.get("check10")
    if check10:
        rows = [
            [scenario.actors[a].name if a in scenario.actors else a]
            + [
                f"{row[p]['mean']:.0%} (± {row[p]['se']:.1%})"
                for p in ("idle", "random", "ai:hard")
            ]
            for a, row in check10["shares"].items()
        ]
        parts.append(
            f"Check 10: each government's mean share of its possible points over "
            f"{check10['games']} seeded games per setup against `{check10['opponents']}` "
            f"opponents (± one standard error), recorded {check10['recorded']}. "
            "Limits: idle at most 40%, random at most 65%, ai:hard at least 85%."
        )
        parts.append(_table(["government", "idle", "random", "ai:hard"], rows))
    balance = measured.get("balance")
    if balance:
        rows = [
            [
                scenario.actors[a].name if a in scenario.actors else a,
                f"{row['ai:hard']:.0%}",
                f"{row['random']:.0%}",
                f"{row['idle']:.0%}",
                f"{row['spam']:.0%}" if row.get("spam") is not None else "",
                f"`{row['spam_action']}`" if row.get("spam_action") else "",
            ]
            for a, row in balance["shares"].items()
        ]
        flags = "; ".join(balance["flags"]) or "none"
        parts.append(
            f"Balance battery (`python main.py balance`): {balance['games']} seeded games per "
            f"setup against `{balance['opponents']}` opponents, recorded {balance['recorded']}. "
            f"Flags: {flags}."
        )
        header = ["government", "hard", "random", "idle", "best single-action spam", "action"]
        parts.append(_table(header, rows))
    if not parts:
        return ""
    return "\n\n".join(["## Measured play", *parts])


def _trigger(event: Event) -> str:
    if event.inject:
        return "instructor inject"
    parts = []
    if event.responses:
        parts.append(
            f"crisis for {event.responder}: answers "
            + ", ".join(f"`{r}`" for r in event.responses)
            + f" (default `{event.default_response}`)"
        )
    if event.date:
        parts.append(f"in {event.date}" if not event.when else f"from {event.date}")
    if event.when:
        parts.append(f"when {_code(event.when)}")
    if event.chance < 1:
        parts.append(f"chance {_number(event.chance)}")
    if event.repeat:
        parts.append(f"repeats (cooldown {event.cooldown})" if event.cooldown else "repeats")
    return ", ".join(parts)


def _events(scenario: Scenario) -> str:
    rows = [
        [
            f"`{key}`",
            event.name,
            _trigger(event),
            _effects(scenario, event.effects) + ("; ends the game" if event.ends_game else ""),
            _cite(scenario, event.source),
        ]
        for key, event in scenario.events.items()
    ]
    header = ["id", "event", "trigger", "effects", "source"]
    return _section("Events", header, rows)


def _elections(scenario: Scenario) -> str:
    rows = [
        [
            election.label,
            scenario.actors[election.actor].name,
            election.date,
            f"`{election.variable}` at least {_number(election.threshold)}",
        ]
        for election in scenario.elections.values()
    ]
    header = ["election", "country", "month", "incumbent side wins when"]
    return _section("Elections", header, rows)


def _assumptions(scenario: Scenario) -> str:
    if not scenario.assumptions:
        return ""
    parts = ["## Assumption sets", "Named replacements of parameter values."]
    for key, assumption in scenario.assumptions.items():
        lines = [f"### {assumption.label} (`{key}`)", ""]
        if assumption.description:
            lines += [_cell(assumption.description), ""]
        if assumption.source:
            lines += [f"Source: {_cite(scenario, assumption.source)}", ""]
        rows = [
            [f"`{name}`", _default_value(scenario, name), _number(value)]
            for name, value in assumption.parameters.items()
        ]
        lines.append(_table(["parameter", "default", "in this set"], rows))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _default_value(scenario: Scenario, name: str) -> str:
    parameter = scenario.parameters.get(name)
    return _number(parameter.value) if parameter else ""


def _sources(scenario: Scenario) -> str:
    rows = [
        [f"`{key}`", source.title, source.publisher, source.date, source.url]
        for key, source in scenario.sources.items()
    ]
    return _section("Sources", ["key", "title", "publisher", "date", "url"], rows)
