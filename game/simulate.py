"""Headless play for ``simulate``: one game with a full log, or many games with a summary.

Rules:
- Seats: a plan file fixes some governments' orders turn by turn; ``--policy ACTOR=POLICY``
  names a computer policy; everyone else is the baseline computer (or idle with --others idle).
- Game k of ``--games N`` uses seed ``seed + k``.
- Bad input (plan, policy, assumption set, orders) raises ValueError with a message that says
  what and where; the caller turns it into exit status 2.
"""

from __future__ import annotations

import json
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine import OrdersError
from game.gamelog import GameLog
from game.loader import load_scenario, tomllib
from game.model import AssumptionError, Model
from game.players import PlanPlayer, Player, make_player
from game.session import Game, play_out


class Plan(BaseModel):
    """A plan file: ``[orders] us = [["act_a"], ["act_a", "act_b"], ...]``."""

    model_config = ConfigDict(extra="forbid")
    orders: dict[str, list[list[str]]] = Field(
        description="Actor id -> list of turns, each a list of action ids; the last repeats."
    )


@dataclass
class SimulationRequest:
    scenario: str
    seed: int = 1
    turns: int | None = None
    assumptions: str = ""
    plan: str | None = None
    others: str = "ai"
    policies: list[str] = field(default_factory=list)
    games: int = 1
    json_out: str | None = None
    csv_out: str | None = None


def load_plan(path: str, model: Model) -> dict[str, list[list[str]]]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        plan = Plan.model_validate(data)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read plan: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: TOML syntax: {exc}") from None
    except ValidationError as exc:
        problems = [
            f"{path}: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
            for error in exc.errors(include_url=False)
        ]
        raise ValueError("\n".join(problems)) from None
    for actor in plan.orders:
        if actor not in model.actor_ids:
            known = ", ".join(model.actor_ids)
            raise ValueError(f"{path}: orders.{actor}: unknown government (known: {known})")
    return plan.orders


def seat_policies(request: SimulationRequest, model: Model) -> dict[str, str]:
    """Actor id -> policy name ('plan' for a planned seat); ValueError for bad input."""
    default = "idle" if request.others == "idle" else "ai:normal"
    policies = dict.fromkeys(model.actor_ids, default)
    for spec in request.policies:
        actor, _, policy = spec.partition("=")
        if actor not in model.actor_ids or not policy:
            raise ValueError(
                f"--policy {spec!r}: expected ACTOR=POLICY with ACTOR one of "
                + ", ".join(model.actor_ids)
            )
        make_player(policy, 0)  # checks the name
        policies[actor] = policy
    return policies


def play_game(request: SimulationRequest, model: Model, seed: int) -> Game:
    names = seat_policies(request, model)
    players: dict[str, Player | None] = {a: make_player(p, seed) for a, p in names.items()}
    if request.plan:
        for actor, turns in load_plan(request.plan, model).items():
            players[actor], names[actor] = PlanPlayer(turns), "plan"
    game = Game(model, seed, players, seat_names=names, scenario_file=request.scenario)
    try:
        play_out(game, request.turns)
    except OrdersError as exc:
        source = request.plan or "orders"
        raise ValueError(f"{source}: turn {game.state.turn + 1}: {exc}") from None
    return game


def run_simulation(request: SimulationRequest) -> int:
    scenario = load_scenario(request.scenario)
    try:
        model = Model.build(scenario, request.assumptions)
    except AssumptionError as exc:
        raise ValueError(str(exc)) from None
    if request.games < 1:
        raise ValueError("--games must be at least 1")
    if request.games == 1:
        log = play_game(request, model, request.seed).to_log()
        _write_single(log, request)
        return 0
    logs = [play_game(request, model, request.seed + k).to_log() for k in range(request.games)]
    summary = summarise(logs, scenario.display.key_variables or list(scenario.variables)[:5])
    _print_games(logs, summary)
    if request.json_out:
        data = {"games": [_game_row(log) for log in logs], "summary": summary}
        _write_text(request.json_out, json.dumps(data, indent=1) + "\n")
    return 0


def _write_single(log: GameLog, request: SimulationRequest) -> None:
    if request.json_out:
        _write_text(request.json_out, log.model_dump_json(indent=1) + "\n")
    if request.csv_out:
        _write_text(request.csv_out, log.to_csv())
    if request.json_out != "-":
        _print_outcome(log)


def _write_text(target: str, text: str) -> None:
    if target == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(target).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"{target}: cannot write: {exc.strerror}") from None


def _print_outcome(log: GameLog) -> None:
    assert log.outcome is not None
    print(
        f"{log.scenario_title}: seed {log.seed}, {log.outcome.turns_played} turns"
        + (f", ended by {log.outcome.ended_by}" if log.outcome.ended_by else "")
    )
    for actor, result in log.outcome.actors.items():
        met = sum(o.met for o in result.objectives)
        print(
            f"  {actor:>4} [{log.seats.get(actor, '?')}]: score {result.score:.2f} / "
            f"{result.max_score:.2f}, objectives met {met}/{len(result.objectives)}"
        )


def _game_row(log: GameLog) -> dict:
    assert log.outcome is not None
    final = log.turns[-1].variables if log.turns else log.initial
    return {
        "seed": log.seed,
        "turns": log.outcome.turns_played,
        "ended_by": log.outcome.ended_by,
        "scores": {a: r.score for a, r in log.outcome.actors.items()},
        "objectives_met": {
            a: sum(o.met for o in r.objectives) for a, r in log.outcome.actors.items()
        },
        "final": final,
    }


def _quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if len(ordered) == 1:
        return {"mean": ordered[0], "p10": ordered[0], "p50": ordered[0], "p90": ordered[0]}
    cuts = statistics.quantiles(ordered, n=10, method="inclusive")
    return {
        "mean": statistics.fmean(ordered),
        "p10": cuts[0],
        "p50": statistics.median(ordered),
        "p90": cuts[8],
    }


def summarise(logs: list[GameLog], key_variables: list[str]) -> dict:
    rows = [_game_row(log) for log in logs]
    actors = list(rows[0]["scores"])
    return {
        "games": len(rows),
        "scores": {a: _quantiles([r["scores"][a] for r in rows]) for a in actors},
        "final": {v: _quantiles([r["final"][v] for r in rows]) for v in key_variables},
        "ended_early": sum(1 for r in rows if r["ended_by"]),
    }


def _print_games(logs: list[GameLog], summary: dict) -> None:
    for row in (_game_row(log) for log in logs):
        scores = "  ".join(f"{a} {s:6.2f}" for a, s in row["scores"].items())
        ended = f"  ended by {row['ended_by']}" if row["ended_by"] else ""
        print(f"seed {row['seed']:>6}: {row['turns']:>3} turns  {scores}{ended}")
    print(f"\nsummary of {summary['games']} games (mean / p10 / p50 / p90):")
    for name, group in (("score", summary["scores"]), ("final", summary["final"])):
        for key, q in group.items():
            print(
                f"  {name} {key:<16} {q['mean']:>10.2f} {q['p10']:>10.2f} "
                f"{q['p50']:>10.2f} {q['p90']:>10.2f}"
            )
    print(f"  games ended early: {summary['ended_early']}")
