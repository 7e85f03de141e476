import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.format.loader import load_scenario
from game.sim.engine import GameOverError, OrdersError, initial_state, step
from game.sim.model import AssumptionError, Model

from .conftest import DATA, SCENARIOS


def models() -> list[Model]:
    paths = [DATA / "mini.toml", *sorted(SCENARIOS.glob("*.toml"))]
    return [Model.build(load_scenario(path)) for path in paths]


ALL_MODELS = models()


def test_contributions_sum_exactly_to_each_change_including_the_clamp(mini_model):
    state = initial_state(mini_model, seed=1)
    for _ in range(6):
        state, ledger = step(state, {"us": ["us_blame_mx"]})
        for variable in mini_model.variable_ids:
            total = sum(c.value for c in ledger.contributions(variable))
            assert math.isclose(total, ledger.change(variable), abs_tol=1e-9)


def with_variable(model: Model, variable: str, **changes) -> Model:
    scenario = model.scenario
    changed = scenario.variables[variable].model_copy(update=changes)
    return Model.build(
        scenario.model_copy(update={"variables": {**scenario.variables, variable: changed}})
    )


def test_clamping_is_a_visible_contribution(mini_model):
    model = with_variable(mini_model, "approval_us", initial=100.0, terms={})
    _, ledger = step(initial_state(model, 1), {"us": ["us_border"]})
    assert ledger.contributions_dict("approval_us") == {
        "action:us_border": pytest.approx(0.3),
        "clamp": pytest.approx(-0.3),
    }
    assert ledger.after[model.variable_position["approval_us"]] == 100.0


def test_step_never_changes_the_state_it_is_given(mini_model):
    state = initial_state(mini_model, seed=4)
    before = (state.values, state.capital, state.policies, state.seed, state.turn)
    step(state, {"us": ["us_border"]})
    step(state, {"us": ["us_blame_mx"]})
    assert (state.values, state.capital, state.policies, state.seed, state.turn) == before


def test_same_seed_and_orders_give_the_same_game(mini_model):
    def play(seed):
        state, trail = initial_state(mini_model, seed), []
        while not state.finished:
            state, ledger = step(state, {"us": ["us_blame_mx"]})
            trail.append(ledger.after)
        return trail

    assert play(7) == play(7)


def test_actions_cost_capital_and_unspent_capital_carries_over_up_to_the_cap(mini_model):
    state = initial_state(mini_model, seed=1)
    assert state.capital_of("us") == 3
    state, _ = step(state, {"us": ["us_blame_mx"]})
    assert state.capital_of("us") == 3 - 1 + 3
    state, _ = step(state, {})
    assert state.capital_of("us") == 6  # cap is twice the monthly amount


def test_unknown_actions_and_governments_get_clear_errors(mini_model):
    state = initial_state(mini_model, seed=1)
    with pytest.raises(OrdersError) as caught:
        step(state, {"us": ["us_blame_mxx", "mx_talk"], "ca": []})
    assert caught.value.problems == [
        "us: unknown action 'us_blame_mxx' (did you mean 'us_blame_mx'?)",
        "us: 'mx_talk' is an action of 'mx'",
        "unknown government 'ca'",
    ]


def test_orders_over_budget_are_refused_with_the_numbers(mini_model):
    scenario = mini_model.scenario
    pricey = scenario.actions["us_border"].model_copy(update={"cost": 3})
    model = Model.build(
        scenario.model_copy(update={"actions": {**scenario.actions, "us_border": pricey}})
    )
    with pytest.raises(OrdersError) as caught:
        step(initial_state(model, 1), {"us": ["us_blame_mx", "us_border"]})
    assert caught.value.problems == ["us: orders cost 4 political capital but only 3 is available"]


def test_duplicate_orders_are_refused(mini_model):
    with pytest.raises(OrdersError, match="ordered more than once"):
        step(initial_state(mini_model, 1), {"us": ["us_blame_mx", "us_blame_mx"]})


def test_cooldown_and_precondition_block_an_action_with_a_reason(mini_model):
    state, _ = step(initial_state(mini_model, 1), {"us": ["us_border"]})
    reason = state.availability("us")["us_border"]
    assert reason == "available again in 2 months"
    with pytest.raises(OrdersError, match="us_border' is available again in 2 months"):
        step(state, {"us": ["us_border"]})
    for _ in range(2):
        state, _ = step(state, {})
    assert state.availability("us")["us_border"] == "not possible now (needs border_surge < 1)"


def test_standing_policy_lasts_and_impulse_is_labelled(mini_model):
    state, ledger = step(initial_state(mini_model, 1), {"us": ["us_border"]})
    assert state.policy("border_surge") == 1
    assert ledger.contributions_dict("approval_us")["action:us_border"] == pytest.approx(0.3)
    state, _ = step(state, {})
    assert state.policy("border_surge") == 1


def test_scheduled_events_fire_in_their_month_and_only_once(mini_model):
    state = initial_state(mini_model, 1)
    fired = []
    while not state.finished:
        state, ledger = step(state, {})
        fired += [(ledger.date, e.id) for e in ledger.events]
    assert fired == [("2023-05", "summit")]


def test_injects_fire_only_when_queued_and_are_marked(mini_model):
    state = initial_state(mini_model, 1).with_inject("storm")
    _, ledger = step(state, {})
    assert [(e.id, e.injected) for e in ledger.events] == [("storm", True)]
    assert ledger.events[0].headlines == {"us": "Storm hits Texas", "mx": "Tormenta"}
    with pytest.raises(OrdersError, match="unknown event 'strom'"):
        state.with_inject("strom")


def test_a_disaster_event_ends_the_game(mini_model):
    model = with_variable(mini_model, "tension_us_mx", initial=85.0)
    state, _ = step(initial_state(model, 1), {})
    assert state.ended_by == "crisis" and state.finished
    with pytest.raises(GameOverError):
        step(state, {})


def test_elections_are_held_in_their_month(mini_model):
    state = initial_state(mini_model, 1)
    results = []
    while not state.finished:
        state, ledger = step(state, {})
        results += ledger.elections
    assert [(r.id, r.incumbent_won) for r in results] == [("us_vote", False)]


def test_delay_passes_a_pulse_through_with_a_lag(mini_model):
    state = initial_state(mini_model, 1)
    assert state.namespace["arrivals"] == pytest.approx(10)


def test_unknown_assumption_set_is_refused(mini_model):
    with pytest.raises(AssumptionError, match="unknown assumption set 'dea'"):
        Model.build(mini_model.scenario, "dea")


def random_orders(model, state, draw):
    orders = {}
    for actor in model.actor_ids:
        allowed = [a for a, why in state.availability(actor).items() if not why]
        chosen = (
            draw(st.lists(st.sampled_from(allowed), unique=True, max_size=3)) if allowed else []
        )
        budget, picked = state.capital_of(actor), []
        for action_id in chosen:
            cost = model.action(action_id).cost
            if cost <= budget:
                picked.append(action_id)
                budget -= cost
        orders[actor] = picked
    return orders


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), seed=st.integers(0, 2**31))
def test_variables_stay_finite_and_within_bounds_under_random_orders(model, data, seed):
    state = initial_state(model, seed)
    while not state.finished:
        state, ledger = step(state, random_orders(model, state, data.draw))
        assert not ledger.non_finite_terms
        for info, value in zip(model.variables, state.values, strict=True):
            assert math.isfinite(value)
            assert info.low <= value <= info.high


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**31), plan=st.lists(st.integers(0, 2**16), min_size=1, max_size=5))
def test_same_seed_same_log(model, seed, plan):
    from game.sim.players import make_player
    from game.sim.session import Game, play_out

    def log():
        players = {a: make_player("ai", seed) for a in model.actor_ids}
        return (
            play_out(Game(model, seed, players))
            .to_log()
            .model_dump(exclude={"game_id", "checksum"})
        )

    assert log() == log()


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
def test_allowed_actions_are_exactly_those_available(model):
    from game.sim.players import make_player
    from game.sim.session import Game

    game = Game(model, 5, {a: make_player("random", 5) for a in model.actor_ids})
    while not game.finished:
        for actor in model.actor_ids:
            available = [a for a, why in game.state.availability(actor).items() if not why]
            assert game.state.allowed(actor) == available
        game.play_turn()
