"""Scenario hardening: limits, finite numbers, warnings and TOML hints (issue 9).

The crashes of the issue each have a broken file in tests/broken/ (checked, with its exact
message, by test_loader.py); the warnings have valid files in tests/warned/ checked here.
"""

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.format import formula
from game.format.loader import (
    Problem,
    ScenarioError,
    check_scenario,
    check_scenario_file,
    load_scenario,
    parse_scenario,
)
from game.sim.engine import initial_state, step
from game.sim.model import Model
from game.tools.cli import main

from .conftest import DATA, SCENARIOS

WARNED = Path(__file__).parent / "warned"
MINI = (DATA / "mini.toml").read_text(encoding="utf-8")
TWENTY_ONE_1E15 = " * ".join(["1e15"] * 21)
OVERFLOWING_TIME = "tau_ship * tau_ship * tau_ship * " + " * ".join(["1e15"] * 19)


def expected_warnings() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for line in (WARNED / "expected.txt").read_text(encoding="utf-8").splitlines():
        expected.setdefault(line.split(":", 1)[0], []).append(line)
    return expected


def problems_of(text: str, name: str = "s.toml") -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, name)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", sorted(WARNED.glob("*.toml")), ids=lambda p: p.stem)
def test_each_warned_scenario_loads_and_warns_exactly_what_and_where(path):
    scenario, warnings = check_scenario_file(path)
    assert scenario.meta.id == "mini"
    reported = [str(w).removeprefix(str(WARNED) + "/") for w in warnings]
    assert reported == expected_warnings()[path.name]


def test_every_warned_file_has_an_expected_warning():
    assert set(expected_warnings()) == {p.name for p in WARNED.glob("*.toml")}


def test_shipped_scenarios_have_no_warnings():
    for path in sorted(SCENARIOS.glob("*.toml")):
        assert check_scenario_file(path)[1] == [], path.name


def test_validate_prints_warnings_but_passes_without_strict(capsys):
    path = WARNED / "event_in_2027.toml"
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:126: events.summit.date: warning: 2027-01 is after the game's last" in out
    assert "ok (2 actors, 3 variables, 3 actions, 1 warning)" in out


def test_validate_strict_fails_with_exit_2_on_a_warning(capsys):
    assert main(["validate", "--strict", str(WARNED / "government_without_objectives.toml")]) == 2
    assert "actors.mx: warning: this government has no objectives" in capsys.readouterr().out


def test_validate_strict_passes_every_shipped_scenario(capsys):
    assert main(["validate", "--strict", *map(str, sorted(SCENARIOS.glob("*.toml")))]) == 0


def test_a_warning_reads_file_line_path_warning_message():
    problem = Problem("s.toml", 4, "events.x.date", "it never happens", warning=True)
    assert str(problem) == "s.toml:4: events.x.date: warning: it never happens"


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.encode("utf-8"))
    assert load_scenario(path).meta.id == "mini"
    assert parse_scenario("\ufeff" + MINI).meta.id == "mini"


def test_a_lone_carriage_return_gets_a_hint_about_line_endings():
    text = MINI.replace("turns = 6\n", 'turns = 6\rlanguage = "en"\n')
    assert problems_of(text) == [
        "s.toml:8:10: TOML syntax: Expected newline or end of document after a statement "
        "(this line holds a lone carriage return (CR): save the file with ordinary line "
        "endings (LF, or CR LF on Windows))"
    ]


def test_a_bad_value_of_1_5_mb_is_echoed_cut_to_a_readable_length():
    text = MINI.replace('category = "diplomacy"', 'category = "' + "x" * 1_500_000 + '"')
    (message,) = problems_of(text)
    assert len(message) < 300
    assert message.endswith("xxxxxxxxxx... (1,500,000 characters))")


def test_an_unknown_key_of_a_million_characters_is_cut():
    text = MINI.replace("[actors.mx]\n", "[actors.mx]\n" + "k" * 1_000_000 + " = 1\n")
    (message,) = problems_of(text)
    assert len(message) < 300
    assert "unknown key 'kkkkkkk" in message


def test_a_5000_digit_integer_is_a_clear_problem_on_its_line():
    text = MINI.replace("cost = 2\n", "cost = " + "9" * 5000 + "\n")
    assert problems_of(text) == [
        "s.toml:103: a number is too long to read (numbers are at most 1e+15 in size)"
    ]


def test_more_than_500_events_is_refused_at_the_first_one_too_many():
    events = "".join(
        f'\n[events.e{i}]\nname = "E"\ninject = true\nheadline = "H"\n' for i in range(500)
    )
    (message,) = problems_of(MINI + events)
    assert message.endswith("events.e497: 503 events: a scenario has at most 500")


def test_a_policy_outside_its_bounds_is_refused():
    text = MINI.replace('label = "Border surge"\n', 'label = "Border surge"\ninitial = 2\n', 1)
    assert problems_of(text) == [
        "s.toml:44: policies.border_surge: initial value 2 is outside [0, 1]"
    ]


def test_an_overflow_under_one_assumption_set_only_names_the_set():
    text = MINI + ('\n[assumptions.huge]\nlabel = "Huge"\nparameters = { tau_ship = 1e15 }\n')
    text = text.replace('time = "tau_ship"', f'time = "{OVERFLOWING_TIME}"')
    (message,) = problems_of(text)
    assert "delays.arrivals.time:" in message
    assert message.endswith("is not a finite number with assumptions 'huge' (too large)")


@pytest.mark.parametrize(
    "text",
    [
        "exp(700) * exp(700)",
        TWENTY_ONE_1E15,
    ],
)
def test_a_constant_part_that_overflows_is_found_at_load(text):
    assert formula.overflowing_part(formula.parse(text).tree, {}) != ""


def test_a_formula_that_overflows_at_run_time_gives_a_finite_value():
    compiled = formula.parse("x * exp(700) * exp(700)").compile()
    assert compiled({"x": 1.0}) == formula.LARGEST
    assert compiled({"x": -1.0}) == -formula.LARGEST
    assert (
        formula.parse("x * exp(700) * exp(700) - x * exp(700) * exp(700)").compile()({"x": 1.0})
        == 0.0
    )


def test_clamp_no_longer_lets_nan_through():
    nan = float("nan")
    assert formula.HELPERS["_f_clamp"](nan, 0.0, 1.0) == 0.0


def test_a_scenario_with_1000_aux_values_in_a_row_is_refused_without_recursion():
    chain = "".join(
        f'\n[aux.a{i}]\nlabel = "A"\nformula = "{f"a{i + 1}" if i < 4999 else "1"}"\n'
        for i in range(5000)
    )
    (message,) = problems_of(MINI + chain)
    assert "5000 derived quantities read one another in a row" in message


def test_a_model_with_many_terms_compiles_and_sums_them_in_order():
    terms = "".join(
        f'\n[variables.retail.terms.t{i}]\nlabel = "T"\nformula = "0.1"\n' for i in range(45)
    )
    model = Model.build(parse_scenario(MINI + terms))
    _, ledger = step(initial_state(model))
    total = sum(c.value for c in ledger.contributions("retail"))
    assert ledger.change("retail") == pytest.approx(total)


def test_check_scenario_returns_the_scenario_and_its_warnings():
    scenario, warnings = check_scenario(MINI, "mini.toml")
    assert scenario.meta.id == "mini"
    assert [str(w) for w in warnings] == [
        "mini.toml:26: actors.mx: warning: this government has no objectives: it can never score"
    ]


def _model_with_terms(*formulas: str) -> Model:
    terms = "".join(
        f'\n[variables.retail.terms.odd{i}]\nlabel = "Odd {i}"\nformula = "{text}"\n'
        for i, text in enumerate(formulas)
    )
    return Model.build(parse_scenario(MINI + terms))


def test_a_nan_term_counts_as_0_with_a_visible_engine_contribution():
    blowup = "retail * exp(700) * exp(700)"
    model = _model_with_terms(f"{blowup} - {blowup}")
    state, ledger = step(initial_state(model))
    assert ledger.non_finite_terms == ("retail.odd0",)
    engine = [c for c in ledger.contributions("retail") if c.key == "engine"]
    assert [(c.value, c.source) for c in engine] == [(0.0, "engine")]
    assert "retail.odd0" in engine[0].label
    assert ledger.change("retail") == pytest.approx(
        sum(c.value for c in ledger.contributions("retail"))
    )
    assert all(v == v and abs(v) < float("inf") for v in state.values)


def test_terms_that_overflow_together_hold_the_variable_with_an_engine_contribution():
    huge = "retail * " + " * ".join(["1e15"] * 20) + " * 1e7"  # about 1e308: finite alone
    model = _model_with_terms(huge, huge)
    first = initial_state(model)
    state, ledger = step(first)
    assert ledger.held == (model.variable_position["retail"],)
    assert ledger.non_finite_terms == ()
    assert state.value("retail") == first.value("retail")
    contributions = ledger.contributions("retail")
    assert [c.key for c in contributions][-1] == "engine"
    assert contributions[-1].source == "engine"
    assert sum(c.value for c in contributions) == ledger.change("retail") == 0.0
    for _ in range(3):
        state, ledger = step(state)
    assert all(v == v and abs(v) < float("inf") for v in state.values)


NAMES = ["a", "b", "turn"]
LEAVES = st.one_of(
    st.sampled_from([*NAMES, "p", "exp(700)", "-exp(700)", "1e15", "700", "0", "-1", "0.5"]),
    st.floats(-1e15, 1e15, allow_nan=False).map(repr),
)
OPERATORS = ["+", "-", "*", "*", "*", "/", "**", "<", "==", " and "]


def _call(name: str, children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    arity = formula.FUNCTIONS[name][1] or 2
    return st.lists(children, min_size=arity, max_size=arity).map(
        lambda args: f"{name}({', '.join(args)})"
    )


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(OPERATORS), children)
    calls = [_call(name, children) for name in sorted(formula.FUNCTIONS)]
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.one_of(*calls),
        children.map(lambda c: f"-{c}"),
    )


SMALL = st.recursive(LEAVES, _grow, max_leaves=8)
FORMULAS = st.tuples(SMALL, st.sampled_from(OPERATORS), SMALL).map(" ".join) | SMALL
VALUES = st.one_of(  # any value a variable may hold, the extremes often
    st.sampled_from([0.0, 1.0, -1.0, 1e15, -1e15]), st.floats(-1e15, 1e15, allow_nan=False)
)
STATES = st.fixed_dictionaries({name: VALUES for name in NAMES})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FORMULAS, STATES, VALUES)
def test_every_formula_that_validates_is_finite_over_random_states(text, state, parameter):
    try:
        checked = formula.parse(text, [*NAMES, "p"])
    except formula.FormulaError:
        assume(False)
    constants = {"p": parameter}
    assume(not formula.overflowing_part(checked.tree, constants))  # refused at load
    assert math.isfinite(checked.compile()({**state, "p": parameter}))
    folded = formula.fold_constants(checked.tree, constants)
    kernel = formula.compile_function([("out", folded)], ["out"])
    assert math.isfinite(kernel(dict(state)))


def test_a_mean_objective_of_huge_values_scores_a_finite_value():
    from game.sim.players import make_player
    from game.sim.session import Game, play_out

    text = MINI.replace('expr = "approval_us"', 'expr = "approval_us * exp(700) * exp(700)"')
    text = text.replace("target = 40\n", 'target = 40\nwhen = "mean"\n', 1)
    model = Model.build(parse_scenario(text))
    players = {actor: make_player("idle", 1) for actor in model.actor_ids}
    log = play_out(Game(model, 1, players)).to_log()
    (objective,) = log.outcome.actors["us"].objectives
    assert objective.value == formula.LARGEST
    assert objective.met


def test_a_plan_with_a_nan_parameter_is_bad_input(tmp_path, capsys):
    plan = tmp_path / "plan.toml"
    plan.write_text("parameters = { reversion = nan }\n", encoding="utf-8")
    assert main(["simulate", str(DATA / "mini.toml"), "--plan", str(plan)]) == 2
    message = capsys.readouterr().err
    assert f"{plan}:1:" in message and "nan" in message


def test_a_delay_time_that_overflows_at_run_time_builds_and_plays_finite():
    text = MINI.replace('time = "tau_ship"', 'time = "retail * exp(700) * exp(700)"')
    model = Model.build(parse_scenario(text))
    state = initial_state(model)
    for _ in range(4):
        state, _ = step(state)
    assert all(math.isfinite(v) for v in state.values)
