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


@pytest.mark.parametrize(
    ("level", "games", "months"),
    [("easy", 4, 24), ("normal", 1, 12), ("hard", 1, 6)],
    ids=["easy", "normal", "hard"],
)
def test_the_batched_look_ahead_makes_the_reference_players_choices(level, games, months):
    """Every candidate looked ahead in one batch: the same choice as one scalar look-ahead
    per candidate, for every seat and month of whole games (make bench compares more)."""
    compared = 0
    for model in ALL_MODELS[:2]:
        for seed in range(games):
            game = Game(model, seed, {a: make_player(f"ai:{level}", seed) for a in model.actor_ids})
            while not game.finished and len(game.ledgers) < months:
                for actor, player in game.players.items():
                    batched = player.choose(game.state, actor, game.ledgers)
                    assert batched == player.choose_reference(game.state, actor, game.ledgers)
                    compared += 1
                game.play_turn()
    assert compared >= 12


def with_many_actions(model, count: int):
    """``model`` with ``count`` free copies of the first government's first action."""
    from game.sim.model import Model

    scenario = model.scenario
    actor = model.actor_ids[0]
    first = scenario.actions[model.actions_by_actor[actor][0]]
    extra = {
        f"free_{i}": first.model_copy(update={"cost": 0.0, "name": f"Free move {i}"})
        for i in range(count)
    }
    return Model.build(scenario.model_copy(update={"actions": {**scenario.actions, **extra}}))


def test_a_choice_among_hundreds_of_free_actions_takes_bounded_time(mini_model):
    model = with_many_actions(mini_model, 400)
    state = initial_state(model, 1)
    start = time.perf_counter()
    orders = LookaheadPlayer(1, "hard").choose(state, "us", [])
    assert time.perf_counter() - start < 5.0  # minutes before candidates were bounded
    step(state, {"us": orders})  # legal
