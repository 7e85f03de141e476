"""Crises: chance events that ask one government to choose a response the month after."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.format.loader import ScenarioError, load_scenario, parse_scenario
from game.sim.engine import OrdersError, initial_state, order_problem, step
from game.sim.model import Model
from game.sim.players import LookaheadPlayer, RandomPlayer, TitForTatPlayer

from .conftest import DATA

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "fentanyl_2023.toml"

CRISIS = """
[events.kidnapping]
name = "Kidnapping"
inject = true
headline = "Americans kidnapped"
responder = "us"
question = "What now?"
responses = ["us_answer_talk", "us_answer_threat"]
default_response = "us_answer_talk"

[actions.us_answer_talk]
actor = "us"
name = "Work with Mexico"
category = "diplomacy"
target = "mx"
cost = 0
crisis = "kidnapping"
statement = "Together."
effects = [{ variable = "tension_us_mx", add = -2, label = "Joint investigation" }]

[actions.us_answer_threat]
actor = "us"
name = "Threaten"
category = "blame"
target = "mx"
cost = 1
crisis = "kidnapping"
statement = "Or else."
effects = [{ counter = "blame_us_mx", add = 1 }]
"""


def crisis_model(extra: str = CRISIS) -> Model:
    return Model.build(parse_scenario((DATA / "mini.toml").read_text() + extra, "crisis.toml"))


def test_a_crisis_response_is_open_only_in_the_month_after_the_crisis() -> None:
    model = crisis_model()
    state = initial_state(model)
    assert "us_answer_talk" not in state.allowed("us")
    assert state.availability("us")["us_answer_talk"].startswith("only in answer to")
    state, _ = step(state.with_inject("kidnapping"), {})
    assert state.open_crises == ("kidnapping",)
    assert {"us_answer_talk", "us_answer_threat"} <= set(state.allowed("us"))
    state, _ = step(state, {"us": ["us_answer_threat"]})
    assert "us_answer_threat" not in state.allowed("us")
    assert state.open_crises == ()


def test_a_government_that_picks_no_response_gets_the_default_in_its_logged_orders() -> None:
    model = crisis_model()
    state, _ = step(initial_state(model).with_inject("kidnapping"), {})
    before = state.value("tension_us_mx")
    after, ledger = step(state, {"us": ["us_blame_mx"]})
    assert ledger.orders["us"] == ("us_blame_mx", "us_answer_talk")
    assert ledger.contributions_dict("tension_us_mx")["action:us_answer_talk"] == -2
    assert after.value("tension_us_mx") != before


def test_two_responses_to_one_crisis_are_refused_with_a_clear_message() -> None:
    model = crisis_model()
    state, _ = step(initial_state(model).with_inject("kidnapping"), {})
    with pytest.raises(OrdersError, match="both answer 'kidnapping': choose one"):
        step(state, {"us": ["us_answer_talk", "us_answer_threat"]})


def test_the_window_says_in_words_why_a_second_response_or_a_closed_one_cannot_be_ordered():
    model = crisis_model()
    state = initial_state(model)
    assert order_problem(state, "us", [], "us_answer_talk") == (
        "only in answer to the crisis “Kidnapping”"
    )
    state, _ = step(state.with_inject("kidnapping"), {})
    assert order_problem(state, "us", [], "us_answer_threat") == ""
    assert order_problem(state, "us", ["us_answer_talk"], "us_answer_threat") == (
        "answers the same crisis as “Work with Mexico”: choose one"
    )


@pytest.mark.parametrize(
    "player", [RandomPlayer(3), TitForTatPlayer(3), LookaheadPlayer(3, "easy")], ids=str
)
def test_computer_players_answer_a_crisis_with_at_most_one_response(player) -> None:
    model = crisis_model()
    for seed in range(4):
        state, _ = step(initial_state(model, seed).with_inject("kidnapping"), {})
        player.seed = seed
        chosen = player.choose(state, "us", [])
        answers = [a for a in chosen if model.crisis_of.get(a)]
        assert len(answers) <= 1
        step(state, {"us": chosen})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('default_response = "us_answer_talk"', 'default_response = "us_blame_mx"'),
        ('responder = "us"', 'responder = "cn"'),
        ('crisis = "kidnapping"\nstatement = "Or else."', 'crisis = ""\nstatement = "Or else."'),
        ("cost = 0\ncrisis", "cost = 2\ncrisis"),
    ],
    ids=["default-not-a-response", "unknown-responder", "response-not-marked", "default-costs"],
)
def test_a_badly_defined_crisis_is_reported_where_it_is_wrong(change, message) -> None:
    text = (DATA / "mini.toml").read_text() + CRISIS.replace(change, message, 1)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "crisis.toml")
    assert any("kidnapping" in str(p) or "us_answer" in str(p) for p in caught.value.problems)


def test_the_default_scenario_has_at_least_eight_crises_with_two_or_three_responses() -> None:
    scenario = load_scenario(DEFAULT)
    crises = {k: e for k, e in scenario.events.items() if e.responses}
    assert len(crises) >= 8
    assert all(2 <= len(e.responses) <= 3 and e.question and e.source for e in crises.values())
    assert {e.responder for e in crises.values()} == {"us", "mx", "cn"}
    assert all(e.chance < 1 for e in crises.values())


def test_in_the_default_scenario_the_seed_changes_the_game_for_the_same_orders() -> None:
    model = Model.build(load_scenario(DEFAULT))
    finals = set()
    fired = set()
    for seed in range(6):
        state = initial_state(model, seed)
        while not state.finished:
            state, ledger = step(state, {})
            fired |= {e.id for e in ledger.events if model.event(e.id).chance < 1}
        finals.add(round(state.value("deaths"), 3))
    assert len(finals) > 1
    assert fired
