"""Many seeded games on every core: the numbers behind ``simulate --games`` and ``balance``.

Rules:
- Game k uses seed ``first_seed + k``; results come back in seed order whatever the number of
  worker processes, so a batch is as reproducible as a single game.
- Workers load and compile the scenario once each, play their share of seeds, and send back
  only small summaries (scores, objectives met, final values, which actions were chosen).
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from game.format.loader import load_scenario
from game.sim.model import Model
from game.sim.players import PlanPlayer, make_player
from game.sim.session import Game, play_out
from game.tools.arguments import claim_payoffs


@dataclass(frozen=True)
class Batch:
    """What to play: a scenario, who plays each seat, how many games from which seed."""

    scenario: str
    policies: dict[str, str]  # actor -> policy name
    games: int
    first_seed: int = 1
    assumptions: str = ""
    turns: int | None = None
    plans: dict[str, list[list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class GameResult:
    seed: int
    turns: int
    ended_by: str
    scores: dict[str, float]
    max_scores: dict[str, float]
    met: dict[str, int]
    final: dict[str, float]
    moved: frozenset[str]  # variables whose value ever left its initial value
    choices: dict[str, dict[str, int]]  # actor -> action id -> times chosen
    claims: dict[str, tuple[int, int]] = field(default_factory=dict)  # claim -> (made, paid)


_WORKER: dict[str, Model] = {}


def _model_for(batch: Batch) -> Model:
    key = f"{batch.scenario}|{batch.assumptions}"
    if key not in _WORKER:
        _WORKER.clear()
        _WORKER[key] = Model.build(load_scenario(batch.scenario), batch.assumptions)
    return _WORKER[key]


def play_one(batch: Batch, seed: int, model: Model | None = None) -> GameResult:
    """Play one game of the batch and summarise it."""
    model = model or _model_for(batch)
    players = {actor: make_player(policy, seed) for actor, policy in batch.policies.items()}
    for actor, plan in batch.plans.items():
        players[actor] = PlanPlayer(plan)
    game = play_out(Game(model, seed, dict(players)), batch.turns)
    outcome = game.outcome()
    columns = zip(*(state.values for state in game.states), strict=True)
    moved = {
        variable
        for variable, column in zip(model.variable_ids, columns, strict=True)
        if min(column) != max(column)
    }
    choices: dict[str, Counter[str]] = {actor: Counter() for actor in model.actor_ids}
    for ledger in game.ledgers:
        for actor, action_ids in ledger.orders.items():
            choices[actor].update(action_ids)
    return GameResult(
        seed=seed,
        turns=len(game.ledgers),
        ended_by=game.state.ended_by,
        scores={a: r.score for a, r in outcome.items()},
        max_scores={a: r.max_score for a, r in outcome.items()},
        met={a: r.met for a, r in outcome.items()},
        final=game.state.as_dict(),
        moved=frozenset(moved),
        choices={a: dict(c) for a, c in choices.items()},
        claims=claim_payoffs(entry for ledger in game.ledgers for entry in ledger.debate),
    )


def _play_chunk(args: tuple[Batch, list[int]]) -> list[GameResult]:
    batch, seeds = args
    return [play_one(batch, seed) for seed in seeds]


def run(batch: Batch, workers: int | None = None) -> list[GameResult]:
    """Play every game of ``batch``; ``workers`` processes (default: one per core)."""
    seeds = list(range(batch.first_seed, batch.first_seed + batch.games))
    workers = max(1, min(workers or os.cpu_count() or 1, len(seeds)))
    if workers == 1 or len(seeds) < 8:
        model = _model_for(batch)
        return [play_one(batch, seed, model) for seed in seeds]
    chunks = [seeds[i :: workers * 4] for i in range(workers * 4)]
    if os.name == "posix":
        _model_for(batch)  # compiled once here; forked workers inherit it
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers) as pool:
        parts = pool.map(_play_chunk, [(batch, chunk) for chunk in chunks if chunk])
    results = [result for part in parts for result in part]
    return sorted(results, key=lambda r: r.seed)


def quantiles(values: Sequence[float]) -> dict[str, float]:
    """mean, p10, p50 and p90 of ``values``."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return dict.fromkeys(("mean", "p10", "p50", "p90"), ordered[0])
    cuts = statistics.quantiles(ordered, n=10, method="inclusive")
    return {
        "mean": statistics.fmean(ordered),
        "p10": cuts[0],
        "p50": statistics.median(ordered),
        "p90": cuts[8],
    }


def summarise(results: list[GameResult], key_variables: list[str]) -> dict:
    """Per government: score and objectives-met distributions and action choice rates."""
    actors = list(results[0].scores)
    summary: dict = {"games": len(results), "ended_early": sum(bool(r.ended_by) for r in results)}
    summary["scores"] = {a: quantiles([r.scores[a] for r in results]) for a in actors}
    summary["max_score"] = {a: results[0].max_scores[a] for a in actors}
    summary["objectives_met"] = {
        a: dict(sorted(Counter(r.met[a] for r in results).items())) for a in actors
    }
    summary["final"] = {v: quantiles([r.final[v] for r in results]) for v in key_variables}
    turns = sum(r.turns for r in results) or 1
    summary["action_rates"] = {
        a: {
            action: round(count / turns, 4)
            for action, count in sorted(
                sum((Counter(r.choices[a]) for r in results), Counter()).items()
            )
        }
        for a in actors
    }
    return summary
