import time

import pytest

from game.sim.engine import initial_state, step
from game.sim.players import LEVELS, LookaheadPlayer, TitForTatPlayer, hostile_towards, make_player
from game.sim.session import Game, play_out

from .test_engine import ALL_MODELS


@pytest.mark.parametrize("policy", ["idle", "random", "tft", "ai:easy", "ai:normal", "ai:hard"])
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
def test_every_policy_plays_legal_orders_to_the_end(model, policy):
    game = play_out(Game(model, 3, {a: make_player(policy, 3) for a in model.actor_ids}))
    assert game.finished
    assert game.seat_names == dict.fromkeys(model.actor_ids, policy)


def test_computer_players_are_deterministic_for_a_seed(mini_model):
    def orders(seed):
        game = play_out(
            Game(mini_model, seed, {a: make_player("ai:hard", seed) for a in mini_model.actor_ids})
        )
        return [ledger.orders for ledger in game.ledgers]

    assert orders(4) == orders(4)


def test_choosing_never_changes_the_state(mini_model):
    state = initial_state(mini_model, 2)
    before = (state.values, state.capital, state.seed)
    LookaheadPlayer(2, "hard").choose(state, "us", [])
    TitForTatPlayer(2).choose(state, "us", [])
    assert (state.values, state.capital, state.seed) == before


def test_hostility_last_month_is_remembered(mini_model):
    state = initial_state(mini_model, 1)
    _, ledger = step(state, {"us": ["us_blame_mx"]})
    assert hostile_towards([ledger], "mx") == {"us"}
    assert hostile_towards([ledger], "us") == set()


def test_harder_levels_look_further_and_slip_less():
    assert LEVELS["easy"].depth < LEVELS["normal"].depth < LEVELS["hard"].depth
    assert LEVELS["easy"].mistakes > LEVELS["normal"].mistakes > LEVELS["hard"].mistakes


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="unknown policy 'genius'"):
        make_player("genius", 1)


def test_a_hard_decision_on_the_default_scenario_is_quick():
    model = next(m for m in ALL_MODELS if m.scenario.meta.id != "mini")
    state = initial_state(model, 1)
    start = time.perf_counter()
    LookaheadPlayer(1, "hard").choose(state, model.actor_ids[0], [])
    assert time.perf_counter() - start < 2.0  # generous: the benchmark reports the real figure
