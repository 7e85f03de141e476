"""The batch engine plays exactly the scalar engine's games (every variable and contribution)."""

import io
import math
import random
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.format import formula
from game.format.loader import load_scenario
from game.sim import batch, draws
from game.sim.debate_ai import debate_moves as ai_moves
from game.sim.engine import OrdersError, clashes, initial_state, step
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game
from game.sim.vector import compile_vector
from game.tools import montecarlo

from .conftest import DATA, SCENARIOS
from .test_engine import ALL_MODELS

model_paths = {
    Model.build(load_scenario(p)).scenario.meta.id: p
    for p in [DATA / "mini.toml", *sorted(SCENARIOS.glob("*.toml"))]
}

TOLERANCE = 1e-9


# ---------------------------------------------------------------------------------------------
# draws and formulas, element by element
# ---------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    seeds=st.lists(st.integers(-(2**70), 2**70), min_size=1, max_size=8),
    turn=st.integers(0, 500),
    stream=st.integers(0, 9),
    index=st.integers(0, 10_000),
)
def test_counter_based_draws_are_the_same_scalar_and_vectorised(seeds, turn, stream, index):
    scalar = [draws.uniform(s, turn, stream, index) for s in seeds]
    vector = draws.uniforms(batch.seeds_array(seeds), turn, stream, index)
    assert vector.tolist() == scalar
    assert all(0.0 <= u < 1.0 for u in scalar)


def test_draws_look_uniform_and_differ_by_every_coordinate():
    values = draws.uniforms(batch.seeds_array(range(20_000)), 3, draws.EVENT_CHANCE, 5)
    assert abs(values.mean() - 0.5) < 0.01
    assert abs((values < 0.1).mean() - 0.1) < 0.01
    base = draws.uniform(1, 2, 3, 4)
    assert len({base, draws.uniform(2, 2, 3, 4), draws.uniform(1, 3, 3, 4)}) == 3
    assert len({base, draws.uniform(1, 2, 4, 4), draws.uniform(1, 2, 3, 5)}) == 3


NAMES = ["a", "b", "c"]
SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 700.0, 1e-300, 1e308, -1e308, math.inf, -math.inf, math.nan]
numbers = st.one_of(
    st.sampled_from(SPECIAL), st.floats(-1e6, 1e6, allow_nan=False), st.integers(-5, 5)
)


def formula_texts(depth: int = 3) -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.sampled_from(NAMES), st.sampled_from(["0", "1", "2.5", "0.1", "3", "700", "1e-9"])
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        )
        compare = st.tuples(
            inner, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), inner, inner
        ).map(
            lambda t: (
                f"({t[0]} {t[1]} {t[2]})" if t[3] < t[0] else f"({t[0]} {t[1]} {t[2]} < {t[3]})"
            )
        )
        logic = st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        )
        unary = st.tuples(st.sampled_from(["-", "not ", "+"]), inner).map(
            lambda t: f"({t[0]}{t[1]})"
        )
        one = st.tuples(st.sampled_from(["abs", "exp", "log", "sqrt"]), inner).map(
            lambda t: f"{t[0]}({t[1]})"
        )
        three = st.tuples(st.sampled_from(["clamp", "where"]), inner, inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]}, {t[3]})"
        )
        many = st.tuples(
            st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)
        ).map(lambda t: f"{t[0]}({', '.join(t[1])})")
        return st.one_of(binary, compare, logic, unary, one, three, many)

    return st.recursive(leaves, extend, max_leaves=8)


def same(x: float, y: float) -> bool:
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return x == y or math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=formula_texts(),
    rows=st.lists(st.tuples(numbers, numbers, numbers), min_size=1, max_size=5),
)
def test_every_formula_gives_the_same_value_on_arrays_as_on_numbers(text, rows):
    parsed = formula.parse(text, NAMES)
    scalar = parsed.compile()
    vector = compile_vector([("r", parsed.tree)], ["r"])
    columns = {name: np.array([float(r[i]) for r in rows]) for i, name in enumerate(NAMES)}
    (result,) = vector(dict(columns))
    result = np.broadcast_to(np.asarray(result, dtype=float), (len(rows),))
    for k, row in enumerate(rows):
        expected = scalar(dict(zip(NAMES, map(float, row), strict=True)))
        assert same(float(result[k]), expected), (text, row, float(result[k]), expected)


# ---------------------------------------------------------------------------------------------
# whole games: the scalar engine and the batch engine side by side
# ---------------------------------------------------------------------------------------------


def random_orders(state, rng: random.Random) -> dict[str, list[str]]:
    orders: dict[str, list[str]] = {}
    for actor in state.model.actor_ids:
        allowed = state.allowed(actor)
        rng.shuffle(allowed)
        budget, chosen = state.capital_of(actor) + 1e-9, []
        for action_id in allowed:
            cost = state.model.action(action_id).cost
            if (
                rng.random() < 0.5
                and cost <= budget
                and not clashes(state.model, chosen, action_id)
            ):
                chosen.append(action_id)
                budget -= cost
        orders[actor] = chosen
    return orders


def debate_moves(state, orders, rng: random.Random) -> dict:
    """Random legal debate moves for every government (none when there is no debate)."""
    if state.debate is None or state.finished:
        return {}
    seed = rng.randrange(10**9)
    found = {
        actor: ai_moves(state, actor, orders.get(actor, ()), "random", random.Random(seed + i))
        for i, actor in enumerate(state.model.actor_ids)
    }
    return {actor: moves for actor, moves in found.items() if moves}


def assert_same_games(model: Model, seeds: list[int], order_seed: int, inject_rate: float = 0.1):
    """Play ``seeds`` with random orders (and injects) in both engines; compare everything."""
    rng = random.Random(order_seed)
    states = [initial_state(model, seed) for seed in seeds]
    injects = sorted(
        (e for e, event in model.scenario.events.items() if event.inject),
        key=model.event_position.get,
    )
    together = batch.initial(model, seeds)
    months, argued = 0, 0
    while not together.finished:
        for g, state in enumerate(states):
            if not state.finished:
                for event_id in injects:
                    if rng.random() < inject_rate:
                        states[g] = states[g].with_inject(event_id)
        pending = batch.from_states([replace(s, turn=together.turn) for s in states]).injects
        together = replace(together, injects=pending)
        orders = [random_orders(s, rng) if not s.finished else {} for s in states]
        moves = [debate_moves(s, o, rng) for s, o in zip(states, orders, strict=True)]
        argued += sum(len(m) for m in moves)
        after, ledger = batch.step(together, batch.orders_array(model, orders), moves=moves)
        for g, state in enumerate(states):
            if state.finished:
                # an ended game stays as it was
                assert after.row(g).values == together.row(g).values
                continue
            expected_state, expected = step(state, orders[g], moves[g])
            got_state, got = after.row(g), ledger.row(g)
            where = f"{model.scenario.meta.id} seed {seeds[g]} month {expected.date}"
            for i, variable in enumerate(model.variable_ids):
                assert abs(expected.after[i] - got.after[i]) <= TOLERANCE, (where, variable)
                want, have = expected.contributions(variable), got.contributions(variable)
                assert [c.key for c in want] == [c.key for c in have], (where, variable)
                for c, d in zip(want, have, strict=True):
                    assert abs(c.value - d.value) <= TOLERANCE, (where, variable, c.key)
            assert [e.id for e in expected.events] == [e.id for e in got.events], where
            assert [e.injected for e in expected.events] == [e.injected for e in got.events]
            for mine, theirs in zip(expected.elections, got.elections, strict=True):
                assert (mine.id, mine.incumbent_won) == (theirs.id, theirs.incumbent_won), where
                assert abs(mine.value - theirs.value) <= TOLERANCE, where
            assert expected.orders == got.orders, where
            assert expected.non_finite_terms == got.non_finite_terms, where
            assert expected_state.policies == pytest.approx(got_state.policies, abs=TOLERANCE)
            assert expected_state.capital == pytest.approx(got_state.capital, abs=TOLERANCE)
            assert expected_state.last_used == got_state.last_used, where
            assert expected_state.fired == got_state.fired, where
            assert expected_state.ended_by == got_state.ended_by, where
            assert expected.moves == got.moves, where
            assert [e.kind for e in expected.debate] == [e.kind for e in got.debate], where
            if expected_state.debate is not None:
                debate, other = expected_state.debate, got_state.debate
                assert debate.holdings == other.holdings, where
                assert [s.claim for s in debate.statements] == [
                    s.claim for s in other.statements
                ], where
                assert (debate.deals, debate.proposals) == (other.deals, other.proposals), where
            states[g] = expected_state
        together = after
        months += 1
    return months, argued


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
def test_batch_and_scalar_engines_play_the_same_games_on_every_shipped_scenario(model):
    months, argued = assert_same_games(model, list(range(10)), order_seed=1)
    assert months == model.scenario.meta.turns
    assert argued or not model.scenario.claims


def varied(model: Model, data) -> Model:
    """The model's scenario with random chances, repeats, cooldowns, initial values, capital."""
    scenario = model.scenario
    events = {}
    for key, event in scenario.events.items():
        update = {}
        if not event.inject and data.draw(st.booleans()):
            update["chance"] = data.draw(st.sampled_from([0.05, 0.3, 0.5, 0.9, 1.0]))
        if data.draw(st.booleans()):
            update["repeat"] = True
            update["cooldown"] = data.draw(st.integers(0, 3))
        events[key] = event.model_copy(update=update)
    variables = {}
    for key, variable in scenario.variables.items():
        share = data.draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0, None]))
        if share is None:
            variables[key] = variable
        else:
            initial = variable.min + share * (variable.max - variable.min)
            if not math.isfinite(initial):
                initial = variable.initial
            variables[key] = variable.model_copy(update={"initial": initial})
    actors = {
        key: actor.model_copy(
            update={"capital_per_turn": data.draw(st.sampled_from([1.0, 2.0, 3.0, 5.0, 8.0]))}
        )
        for key, actor in scenario.actors.items()
    }
    changed = scenario.model_copy(
        update={"events": events, "variables": variables, "actors": actors}
    )
    return Model.build(changed, model.assumptions)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.integers(0, len(ALL_MODELS) - 1), order_seed=st.integers(0, 99))
def test_batch_and_scalar_engines_play_the_same_games_on_generated_scenarios(
    data, which, order_seed
):
    model = varied(ALL_MODELS[which], data)
    seeds = data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=6))
    assert_same_games(model, seeds, order_seed, inject_rate=0.2)


@pytest.mark.parametrize("model", ALL_MODELS[:3], ids=lambda m: m.scenario.meta.id)
def test_the_batch_engine_refuses_exactly_the_orders_the_scalar_engine_refuses(model):
    rng = random.Random(3)
    state = initial_state(model, 1)
    refused = 0
    for _month in range(model.scenario.meta.turns):
        for _ in range(8):
            orders = {
                actor: [a for a in model.actions_by_actor[actor] if rng.random() < 0.3]
                for actor in model.actor_ids
            }
            try:
                step(state, orders)
                scalar_refuses = False
            except OrdersError:
                scalar_refuses = True
                refused += 1
            together = batch.from_states([state, state])
            array = batch.orders_array(model, [{}, orders])
            if scalar_refuses:
                with pytest.raises(OrdersError, match="game 1: "):
                    batch.step(together, array)
            else:
                batch.step(together, array)
        state, _ = step(state, random_orders(state, rng))
        if state.finished:
            break
    assert refused


# ---------------------------------------------------------------------------------------------
# Monte Carlo on the batch engine: the same summaries as game-by-game play
# ---------------------------------------------------------------------------------------------


def batch_seats(model: Model) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    """A plan, random seats (they argue in the debate) and, with three seats, an idle one."""
    actors = model.actor_ids
    policies = {a: "idle" if i == 1 and len(actors) > 2 else "random" for i, a in enumerate(actors)}
    first = [a for a in model.actions_by_actor[actors[0]] if not model.crisis_of.get(a)]
    return {actors[0]: "idle", **policies}, {actors[0]: [[first[0]], [], [first[-1]], []]}


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
def test_monte_carlo_on_the_batch_engine_gives_the_game_by_game_summaries(model):
    path = model_paths[model.scenario.meta.id]
    policies, plans = batch_seats(model)
    job = montecarlo.Batch(str(path), policies, 24, first_seed=3, plans=plans)
    assert montecarlo.batch_capable(job, model)
    seeds = list(range(3, 27))
    fast = montecarlo.play_chunk(job, seeds, model)
    slow = montecarlo.Results.of_games(model, [montecarlo.play_one(job, s, model) for s in seeds])
    for name in ("seeds", "turns", "ended_by", "met", "moved", "choices"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    for name in ("claims", "claim_made", "claim_paid"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert np.abs(fast.scores - slow.scores).max() <= TOLERANCE
    assert np.abs(fast.final - slow.final).max() <= TOLERANCE
    assert fast.max_scores == slow.max_scores
    assert fast[5] == replace(slow[5], scores=fast[5].scores, final=fast[5].final)


def assert_same_arguing_games(model: Model, seeds: list[int], policies: dict[str, str]) -> int:
    """Random seats play ``seeds`` on both engines: the same orders, debate moves, debate
    entries and debate states, every variable within TOLERANCE, month by month."""
    job = montecarlo.Batch("", policies, len(seeds))
    games = [Game(model, s, {a: make_player(p, s) for a, p in policies.items()}) for s in seeds]
    moves = 0
    for _, after, ledger in montecarlo.batched_months(job, model, seeds, history=True):
        for g, game in enumerate(games):
            if game.finished:
                continue
            expected = game.play_turn()
            got, state = ledger.row(g), after.row(g)
            where = f"{model.scenario.meta.id} seed {seeds[g]} month {expected.date}"
            assert expected.orders == got.orders, where
            assert expected.moves == got.moves, where
            assert expected.debate == got.debate, where
            assert game.state.debate == state.debate, where
            assert game.state.capital == pytest.approx(state.capital, abs=TOLERANCE), where
            assert game.state.values == pytest.approx(state.values, abs=TOLERANCE), where
            assert game.state.ended_by == state.ended_by, where
            moves += sum(len(m) for m in expected.moves.values())
    assert all(game.finished for game in games)
    return moves


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.scenario.meta.id)
def test_random_seats_argue_the_same_on_the_batch_engine_month_by_month(model):
    policies = dict.fromkeys(model.actor_ids, "random")
    if len(policies) > 2:  # and a seat that repeats one action (balance's spam)
        last = model.actor_ids[-1]
        spam = next(a for a in model.actions_by_actor[last] if not model.crisis_of.get(a))
        policies[last] = f"spam:{spam}"
    moves = assert_same_arguing_games(model, list(range(1, 9)), policies)
    assert moves or not model.scenario.claims


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.integers(0, len(ALL_MODELS) - 1))
def test_random_seats_argue_the_same_on_both_engines_in_generated_scenarios(data, which):
    model = varied(ALL_MODELS[which], data)
    seeds = data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=5))
    kinds = st.sampled_from(["random", "random", "idle", "spam"])
    policies = {a: data.draw(kinds) for a in model.actor_ids}
    for actor, policy in policies.items():
        if policy == "spam":
            policies[actor] = f"spam:{data.draw(st.sampled_from(model.actions_by_actor[actor]))}"
    assert_same_arguing_games(model, seeds, policies)


def test_scalar_states_go_on_arrays_and_play_on_as_the_scalar_engine_plays_them():
    """Debates with deals, proposals, statements and answers (computer players argue) taken
    onto arrays (``from_states``): the same states back, and the same next month."""
    model = next(m for m in ALL_MODELS if m.scenario.deals)
    seats = ["ai:easy", "random", "random"]
    games = []
    for seed in range(6):
        policies = {a: seats[(i + seed) % 3] for i, a in enumerate(model.actor_ids)}
        game = Game(model, seed, {a: make_player(p, seed) for a, p in policies.items()})
        games.append(game)
    arrays = deals = 0
    for _month in range(model.scenario.meta.turns - 1):
        games = [g for g in games if not g.finished]
        states = [g.state for g in games]
        together = batch.from_states(states)
        arrays += isinstance(together.debate, batch.ArrayDebate)
        assert [together.row(g) for g in range(len(states))] == states
        ledgers = [game.play_turn() for game in games]
        deals += sum(bool(s.debate.deals) for s in states)
        orders = batch.orders_array(model, [dict(ledger.orders) for ledger in ledgers])
        after, _ = batch.step(together, orders, validate=False)
        for g, (game, ledger) in enumerate(zip(games, ledgers, strict=True)):
            if ledger.moves:
                continue  # the month had debate moves: the batch played it without them
            expected = game.state
            got = after.row(g)
            assert got.debate == expected.debate, (g, ledger.date)
            assert got.values == pytest.approx(expected.values, abs=TOLERANCE)
    assert arrays > 1 and deals


def test_a_batch_taken_apart_keeps_each_game_s_debate():
    model = next(m for m in ALL_MODELS if m.scenario.claims)
    job = montecarlo.Batch("", dict.fromkeys(model.actor_ids, "random"), 6)
    months = list(montecarlo.batched_months(job, model, list(range(6)), turns=8, history=True))
    state = months[-1][1]
    rows = np.array([4, 1, 1, 0])
    taken = state.take(rows)
    for new, old in enumerate(rows):
        assert taken.row(new) == state.row(int(old))
    assert any(state.row(g).debate.statements for g in range(6))
    objects = state.with_debate_objects()
    assert [objects.row(g) for g in range(6)] == [state.row(g) for g in range(6)]
    quick = list(montecarlo.batched_months(job, model, list(range(6)), turns=8))[-1][1]
    assert np.array_equal(quick.values, state.values)
    with pytest.raises(ValueError, match="no debate history"):
        quick.row(0)


def test_an_error_in_a_worker_comes_back_whole_with_its_seed_and_turn():
    job = montecarlo.Batch(
        str(model_paths["mini"]), {"us": "idle", "mx": "idle"}, 40, plans={"us": [["nope"]]}
    )
    with pytest.raises(OrdersError) as caught:
        montecarlo.run(job, workers=2)
    assert caught.value.problems[0].startswith("seed 1, turn 1: us: unknown action 'nope'")
    assert len(caught.value.problems) == 1


def test_a_progress_bar_is_drawn_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen, pipe = Terminal(), io.StringIO()
    montecarlo.terminal_progress(5000, screen)(2500, 5000)
    montecarlo.terminal_progress(5000, pipe)(2500, 5000)
    assert "2500/5000 games" in screen.getvalue() and "#" * 15 in screen.getvalue()
    assert pipe.getvalue() == ""
