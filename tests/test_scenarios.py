"""Every shipped scenario validates, plays to the end, and lets every action and inject fire.

The scenario list is a glob of scenarios/*.toml, so a new scenario is covered without editing
this file. Actions whose precondition does not hold at the start are tried on probe states
(variables and policies pushed to their bounds) with capital to spare.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from itertools import product
from pathlib import Path

import pytest

from game.format.loader import load_scenario
from game.sim.engine import State, initial_state, step
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game, play_out
from tests.conftest import SCENARIOS

SCENARIO_FILES = sorted(SCENARIOS.glob("*.toml"))
IDS = [path.stem for path in SCENARIO_FILES]
# The authoring template is a starting point, not a game to ship: it is checked for validity
# and play, not for the content every playable scenario must have (injects, discussion).
PLAYABLE = [path for path in SCENARIO_FILES if path.stem != "template"]
PLAYABLE_IDS = [path.stem for path in PLAYABLE]


@cache
def model_of(path: Path) -> Model:
    return Model.build(load_scenario(path))


def test_there_are_at_least_four_shipped_scenarios() -> None:
    assert {"fentanyl_2023", "tutorial", "trilateral", "strike_pressure"} <= set(IDS)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_every_shipped_scenario_validates_and_builds_a_model(path: Path) -> None:
    model = model_of(path)
    assert model.actor_ids
    assert model.scenario.meta.id == path.stem


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_every_shipped_scenario_plays_to_the_end_with_computer_and_random_seats(
    path: Path,
) -> None:
    model = model_of(path)
    policies = {a: "ai:normal" if i % 2 == 0 else "random" for i, a in enumerate(model.actor_ids)}
    players = {actor: make_player(policy, 3) for actor, policy in policies.items()}
    game = play_out(Game(model, 3, dict(players)))
    assert game.finished
    assert len(game.ledgers) == model.scenario.meta.turns or game.state.ended_by
    for state in game.states:
        assert_finite_and_in_bounds(state)
    outcome = game.outcome()
    assert set(outcome) == set(model.actor_ids)
    assert all(result.max_score > 0 for result in outcome.values())


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_every_action_of_every_shipped_scenario_can_be_ordered_without_errors(
    path: Path,
) -> None:
    model = model_of(path)
    probes = probe_states(model)
    for action_id, action in model.scenario.actions.items():
        states = probes
        if action.crisis:  # a response opens the month after its crisis
            states = [step(s.with_inject(action.crisis), {})[0] for s in probes[:3]]
        usable = [s for s in states if not s.availability(action.actor)[action_id]]
        assert usable, f"{path.name}: {action_id} is never allowed (needs {action.precondition})"
        after, ledger = step(usable[0], {action.actor: [action_id]})
        first, *others = ledger.orders[action.actor]
        assert first == action_id
        defaults = {model.event(e).default_response for e in model.crises}
        assert set(others) <= defaults, "only default answers to other open crises are added"
        assert_finite_and_in_bounds(after)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_every_inject_of_every_shipped_scenario_fires_when_injected(path: Path) -> None:
    model = model_of(path)
    injects = [e for e, event in model.scenario.events.items() if event.inject]
    if path in PLAYABLE:
        assert len(injects) >= 2, f"{path.name}: needs at least two instructor injects"
    start = initial_state(model, 1)
    for event_id in injects:
        after, ledger = step(start.with_inject(event_id), {})
        fired = [e for e in ledger.events if e.id == event_id]
        assert fired and fired[0].injected
        assert_finite_and_in_bounds(after)


@pytest.mark.parametrize("path", PLAYABLE, ids=PLAYABLE_IDS)
def test_every_playable_scenario_has_headlines_for_every_government_and_discussion_questions(
    path: Path,
) -> None:
    scenario = model_of(path).scenario
    assert 4 <= len(scenario.discussion) <= 8
    assert scenario.display.meters and scenario.display.tension
    for event_id, event in scenario.events.items():
        if event.headlines:
            missing = set(scenario.actors) - set(event.headlines)
            assert not missing, f"{path.name}: {event_id} has no headline for {missing}"


def test_the_tutorial_is_short_and_offers_at_most_one_card_per_category() -> None:
    model = model_of(SCENARIOS / "tutorial.toml")
    assert model.scenario.meta.turns <= 8
    assert set(model.actor_ids) == {"us", "mx", "cn"}
    for actor in model.actor_ids:
        categories = [a.category for a in model.scenario.actions.values() if a.actor == actor]
        assert 2 <= len(categories) <= 4
        assert len(categories) == len(set(categories))


def test_trilateral_has_four_governments_with_canada_and_tension_for_each_pair_with_the_us() -> (
    None
):
    model = model_of(SCENARIOS / "trilateral.toml")
    assert len(model.actor_ids) == 4
    assert "ca" in model.actor_ids
    names = set(model.variable_ids)
    for pair in ("us_ca", "us_mx", "us_cn", "mx_cn", "ca_cn", "ca_mx"):
        assert f"tension_{pair}" in names
    for actor in model.actor_ids:
        assert f"approval_{actor}" in names


def test_a_strike_in_strike_pressure_ends_the_game() -> None:
    model = model_of(SCENARIOS / "strike_pressure.toml")
    ready = replace(
        initial_state(model, 1),
        values=tuple(
            4.0 if name == "escalation" else value
            for name, value in zip(model.variable_ids, initial_state(model).values, strict=True)
        ),
    )
    after, _ = step(ready, {"us": ["us_strike"]})
    assert after.finished and after.ended_by


def probe_states(model: Model) -> list[State]:
    """The start, and the start with variables and policies pushed to their bounds."""
    start = initial_state(model, 1)
    rich = replace(start, capital=tuple(100.0 for _ in start.capital))
    low = tuple(v.low for v in model.variables)
    high = tuple(v.high for v in model.variables)
    policies = list(model.scenario.policies.values())
    p_low = tuple(p.min for p in policies)
    p_high = tuple(p.max for p in policies)
    return [
        replace(rich, values=values, policies=chosen)
        for values, chosen in product((rich.values, low, high), (rich.policies, p_low, p_high))
    ]


def assert_finite_and_in_bounds(state: State) -> None:
    for variable, value in zip(state.model.variables, state.values, strict=True):
        assert math.isfinite(value)
        assert variable.low - 1e-9 <= value <= variable.high + 1e-9
