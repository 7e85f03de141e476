import time

import pytest

from game.sim.engine import initial_state, step
from game.sim.players import (
    LEVELS,
    LookaheadPlayer,
    TitForTatPlayer,
    choose_in_games,
    hostile_towards,
    make_player,
)
from game.sim.session import Game, play_out, play_out_together

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


SEEDED_STATES = 200


def seeded_games(count: int) -> list[Game]:
    """``count`` games of the shipped scenarios, each played by random seats for a seeded
    number of months (statements, deals and revealed cards included), with look-ahead players
    of every level in the seats from there on."""
    games = []
    for k in range(count):
        model = ALL_MODELS[k % len(ALL_MODELS)]
        game = Game(model, k, {a: make_player("random", k) for a in model.actor_ids})
        play_out(game, (7 * k + k // len(ALL_MODELS)) % model.scenario.meta.turns)
        levels = ("hard", "normal", "easy")
        game.players = {
            a: make_player(f"ai:{levels[(k + i) % 3]}", k) for i, a in enumerate(model.actor_ids)
        }
        games.append(game)
    return games


def test_batched_choices_match_the_scalar_reference_in_200_seeded_games():
    """200 games at seeded months (every shipped scenario, every level), all their seats
    deciding together in shared batches across games: each game's choice for one seat
    (taking turns) is the scalar reference's, one scalar look-ahead per candidate."""
    games = [g for g in seeded_games(SEEDED_STATES) if not g.finished]
    assert len(games) >= SEEDED_STATES * 0.9
    by_month: dict[int, list[Game]] = {}
    for game in games:
        by_month.setdefault(game.state.turn, []).append(game)
    compared = mismatches = 0
    for members in by_month.values():
        decided = choose_in_games([(g.state, g.players, g.ledgers) for g in members])
        for game, chosen in zip(members, decided, strict=True):
            actor = game.model.actor_ids[game.seed % len(game.model.actor_ids)]
            reference = game.players[actor].choose_reference(game.state, actor, game.ledgers)
            mismatches += chosen[actor] != reference
            compared += 1
    assert compared >= SEEDED_STATES * 0.9
    assert mismatches == 0


def test_games_played_together_are_the_games_played_one_by_one():
    model = next(m for m in ALL_MODELS if m.scenario.meta.id == "fentanyl_2023")

    def fresh(seed):
        return Game(model, seed, {a: make_player("ai:hard", seed) for a in model.actor_ids})

    together = play_out_together([fresh(seed) for seed in range(2)], turns=3)
    alone = [play_out(fresh(seed), 3) for seed in range(2)]
    for a, b in zip(together, alone, strict=True):
        assert [ledger.orders for ledger in a.ledgers] == [ledger.orders for ledger in b.ledgers]
        assert a.state.values == b.state.values
        assert len(a.ledgers) == 3


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


def test_monte_carlo_plays_look_ahead_games_together_with_the_same_results():
    from game.tools import montecarlo

    from .conftest import DATA

    batch = montecarlo.Batch(str(DATA / "mini.toml"), {"us": "ai:normal", "mx": "random"}, 4)
    model = montecarlo.compiled(batch.scenario, "")
    seeds = [1, 2, 3, 4]
    together = montecarlo.play_chunk(batch, seeds, model)
    alone = [montecarlo.play_one(batch, seed, model) for seed in seeds]
    assert together == montecarlo.Results.of_games(model, alone)
    assert len({tuple(column) for column in together.final.T.tolist()}) > 1  # not one game
