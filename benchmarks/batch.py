"""The batch engine and Monte Carlo at scale, and the computer player's choice time.

- ``batch_game_steps_per_s``: game-months a second of the batch engine (10,000 idle games of
  the default scenario stepped together, debate included), best of three.
- ``montecarlo_{1k,10k}_{random,idle}_s``: seconds for that many games of the default
  scenario with every seat random (they argue in the debate) or idle, best of three, on every
  core (``run`` decides how many workers are worth it).
- ``montecarlo_10k_{random,idle}_cpu_s``: the CPU seconds of 10,000 games in one process,
  best of three: the cost of the games whatever the load of this shared machine.
- ``montecarlo_100k_random_s``, ``montecarlo_scaling_100k_over_10k`` (should stay under 12)
  and ``montecarlo_100k_peak_mb`` (the peak of the resident memory of the 100k run's whole
  process tree, workers included, sampled every 50 ms in a fresh interpreter).
- ``balance_{games}_games_s``: ``balance --games N`` on the default scenario (N = 20 unless
  the environment sets BALANCE_GAMES; its hard-AI setups dominate).
- ``ai_choice_ms_{20,100,400}_actions``: one hard decision with that many extra free actions.
- ``ai_batched_same_choices``: decisions compared between the batched look-ahead and the scalar
  reference (``ai_batched_mismatches`` should be 0).
"""

from __future__ import annotations

import json
import math
import os
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
import json, os, sys, threading, time
from game.tools import montecarlo
from game.tools.montecarlo import Batch


def tree_rss_kb():
    # resident memory of this process and all its descendants (workers, forkserver), summed
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    parents[int(pid)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    tree, grown = {os.getpid()}, True
    while grown:
        found = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= found
        grown = bool(found)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


peak, running = [0], [True]


def sample():
    while running[0]:
        peak[0] = max(peak[0], tree_rss_kb())
        time.sleep(0.05)


actors = montecarlo.compiled(sys.argv[1], "").actor_ids
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
start = time.perf_counter()
results = montecarlo.run(Batch(sys.argv[1], dict.fromkeys(actors, sys.argv[3]), int(sys.argv[2])))
summary = montecarlo.summarise(results, [])
seconds = time.perf_counter() - start
running[0] = False
sampler.join()
print(json.dumps({"seconds": seconds, "peak_kb": peak[0], "games": summary["games"]}))
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


def montecarlo_seconds(policy: str, games: int, repeats: int = 3) -> float:
    """Best of ``repeats`` runs (the scenario compiled beforehand, as a warm tool has it)."""
    model = montecarlo.compiled(str(DEFAULT), "")
    job = Batch(str(DEFAULT), dict.fromkeys(model.actor_ids, policy), games)
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        montecarlo.run(job)
        best = min(best, time.perf_counter() - start)
    return best


def montecarlo_cpu_seconds(policy: str, games: int, repeats: int = 3) -> float:
    """CPU seconds of the run in this one process (no workers), best of ``repeats``: what the
    games cost whatever the machine's load (the 2-core wall time is about half, plus ~0.5 s
    for starting the workers)."""
    model = montecarlo.compiled(str(DEFAULT), "")
    job = Batch(str(DEFAULT), dict.fromkeys(model.actor_ids, policy), games)
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        montecarlo.run(job, workers=1)
        best = min(best, time.process_time() - start)
    return best


def peak_run(games: int, policy: str = "random") -> dict:
    """A Monte Carlo run in a fresh interpreter: seconds and the peak memory of its processes."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(DEFAULT), str(games), policy],
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


def balance_seconds(games: int) -> float:
    from game.tools import balance

    start = time.perf_counter()
    balance.check(str(DEFAULT), games=games)
    return time.perf_counter() - start


def run() -> dict[str, float]:
    model = _model()
    results: dict[str, float] = {}
    results["batch_game_steps_per_s"] = round(batch_steps_per_second(model))
    for policy in ("random", "idle"):
        for label, games in (("1k", 1_000), ("10k", 10_000)):
            results[f"montecarlo_{label}_{policy}_s"] = round(montecarlo_seconds(policy, games), 2)
        cpu = montecarlo_cpu_seconds(policy, 10_000)
        results[f"montecarlo_10k_{policy}_cpu_s"] = round(cpu, 2)
    big = peak_run(100_000, "random")
    results["montecarlo_100k_random_s"] = round(big["seconds"], 2)
    results["montecarlo_100k_peak_mb"] = round(big["peak_kb"] / 1024, 1)
    results["montecarlo_scaling_100k_over_10k"] = round(
        results["montecarlo_100k_random_s"] / results["montecarlo_10k_random_s"], 2
    )
    games = int(os.environ.get("BALANCE_GAMES", "20"))
    results[f"balance_{games}_games_s"] = round(balance_seconds(games), 1)
    for count in (20, 100, 400):
        results[f"ai_choice_ms_{count}_actions"] = round(choice_ms(model, count), 1)
    compared, mismatches = same_choices(model)
    results["ai_batched_same_choices"] = compared
    results["ai_batched_mismatches"] = mismatches
    return results
