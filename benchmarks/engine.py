"""Engine speed: one government's orders plus a full model step, and a whole headless game."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from game.format.loader import load_scenario
from game.sim.engine import State, initial_state, step
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game, play_out

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "fentanyl_2023.toml"


def _model() -> Model:
    return Model.build(load_scenario(DEFAULT))


def _months(model: Model) -> list[tuple[State, dict[str, list[str]]]]:
    """Every month of a quiet game, each with one affordable order for the first government."""
    state, months = initial_state(model, 1), []
    actor = model.actor_ids[0]
    while not state.finished:
        allowed = [a for a, why in state.availability(actor).items() if not why]
        months.append((state, {actor: allowed[:1]}))
        state, _ = step(state, {})
    return months


def steps_per_second(model: Model, seconds: float = 2.0, clock=time.process_time) -> float:
    """Steps a second over all months of a game (events included), one order each.

    By default a second of this process's CPU time: on a machine shared with other work the
    wall clock measures the others too (``clock=time.perf_counter`` for wall time).
    """
    months = _months(model)
    count, start = 0, clock()
    while clock() - start < seconds:
        for state, orders in months:
            step(state, orders)
        count += len(months)
    return count / (clock() - start)


def game_seconds(model: Model, repeats: int = 5) -> float:
    """Median time of a whole game with a computer player (ai:normal) in every seat."""
    times = []
    for seed in range(repeats):
        players = {actor: make_player("ai:normal", seed) for actor in model.actor_ids}
        start = time.perf_counter()
        play_out(Game(model, seed, players))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> dict[str, float]:
    model = _model()
    return {
        "engine_steps_per_s": round(max(steps_per_second(model) for _ in range(3))),
        "engine_steps_per_wall_s": round(
            max(steps_per_second(model, clock=time.perf_counter) for _ in range(3))
        ),
        "game_24_turns_s": round(game_seconds(model), 4),
    }
