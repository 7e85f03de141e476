"""The batch engine and Monte Carlo at scale, and the computer player's choice time.

- ``batch_game_steps_per_s``: game-months a second of the batch engine (10,000 idle games of
  the default scenario stepped together, debate included), best of three.
- ``montecarlo_{1k,10k,100k}_idle_s`` and ``montecarlo_scaling_100k_over_10k`` (should stay
  under 12), ``montecarlo_100k_peak_mb`` (every process of the 100k run, measured in a fresh
  interpreter). Idle seats: every scenario now has a debate, and random seats argue game by
  game, so random games run on the scalar engine (``montecarlo_1k_random_s``).
- ``ai_choice_ms_{20,100,400}_actions``: one hard decision with that many extra free actions.
- ``ai_batched_same_choices``: decisions compared between the batched look-ahead and the scalar
  reference (``ai_batched_mismatches`` should be 0).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from benchmarks.engine import DEFAULT, _model
from game.sim import batch
from game.sim.engine import initial_state
from game.sim.model import Model
from game.sim.players import LookaheadPlayer, make_player
from game.sim.session import Game
from game.tools import montecarlo
from game.tools.montecarlo import Batch

PEAK_SCRIPT = """
import json, resource, sys, time
from game.tools import montecarlo
from game.tools.montecarlo import Batch
actors = montecarlo.compiled(sys.argv[1], "").actor_ids
start = time.perf_counter()
results = montecarlo.run(Batch(sys.argv[1], dict.fromkeys(actors, "idle"), int(sys.argv[2])))
summary = montecarlo.summarise(results, [])
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": max(own, workers), "games": summary["games"]}))
"""


def batch_steps_per_second(model: Model, games: int = 10_000) -> float:
    best = 0.0
    for _ in range(3):
        state = batch.initial(model, list(range(games)))
        steps, start = 0, time.perf_counter()
        while not state.finished:
            state, _ = batch.step(state, validate=False)
            steps += 1
        best = max(best, games * steps / (time.perf_counter() - start))
    return best


def montecarlo_seconds(policy: str, games: int) -> float:
    model = montecarlo.compiled(str(DEFAULT), "")
    job = Batch(str(DEFAULT), dict.fromkeys(model.actor_ids, policy), games)
    start = time.perf_counter()
    montecarlo.run(job)
    return time.perf_counter() - start


def peak_run(games: int) -> dict:
    """A Monte Carlo run in a fresh interpreter: seconds and the peak memory of its processes."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(DEFAULT), str(games)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_free_actions(model: Model, count: int) -> Model:
    """``model`` with ``count`` free copies of the first government's first action."""
    scenario = model.scenario
    first = scenario.actions[model.actions_by_actor[model.actor_ids[0]][0]]
    extra = {
        f"free_{i}": first.model_copy(update={"cost": 0.0, "name": f"Free move {i}"})
        for i in range(count)
    }
    return Model.build(scenario.model_copy(update={"actions": {**scenario.actions, **extra}}))


def choice_ms(model: Model, count: int) -> float:
    bigger = with_free_actions(model, count)
    state = initial_state(bigger, 1)
    times = []
    for seed in range(3):
        start = time.perf_counter()
        LookaheadPlayer(seed, "hard").choose(state, bigger.actor_ids[0], [])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def same_choices(model: Model, seconds: float = 60.0) -> tuple[int, int]:
    """(decisions compared, mismatches) between batched and reference look-aheads."""
    compared = mismatches = 0
    start = time.perf_counter()
    seed = 0
    while time.perf_counter() - start < seconds:
        game = Game(model, seed, {a: make_player("ai:normal", seed) for a in model.actor_ids})
        while not game.finished and time.perf_counter() - start < seconds:
            for actor, player in game.players.items():
                batched = player.choose(game.state, actor, game.ledgers)
                mismatches += batched != player.choose_reference(game.state, actor, game.ledgers)
                compared += 1
            game.play_turn()
        seed += 1
    return compared, mismatches


def run() -> dict[str, float]:
    model = _model()
    results: dict[str, float] = {}
    results["batch_game_steps_per_s"] = round(batch_steps_per_second(model))
    for label, games in (("1k", 1_000), ("10k", 10_000)):
        results[f"montecarlo_{label}_idle_s"] = round(
            min(montecarlo_seconds("idle", games) for _ in range(2)), 2
        )
    big = peak_run(100_000)
    results["montecarlo_100k_idle_s"] = round(big["seconds"], 2)
    results["montecarlo_100k_peak_mb"] = round(big["peak_kb"] / 1024, 1)
    results["montecarlo_scaling_100k_over_10k"] = round(
        results["montecarlo_100k_idle_s"] / results["montecarlo_10k_idle_s"], 2
    )
    results["montecarlo_1k_random_s"] = round(montecarlo_seconds("random", 1_000), 2)
    for count in (20, 100, 400):
        results[f"ai_choice_ms_{count}_actions"] = round(choice_ms(model, count), 1)
    compared, mismatches = same_choices(model)
    results["ai_batched_same_choices"] = compared
    results["ai_batched_mismatches"] = mismatches
    return results
