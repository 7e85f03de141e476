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
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.format import safefile
from game.format.loader import load_scenario
from game.sim.engine import OrdersError
from game.sim.gamelog import GameLog
from game.sim.model import AssumptionError, Model
from game.sim.players import PlanPlayer, Player, make_player
from game.sim.session import Game, play_out
from game.tools import montecarlo
from game.tools.montecarlo import Batch, GameResult


class PlanMonth(BaseModel):
    """One month of a dated plan (a history file): who did what, and the sources."""

    model_config = ConfigDict(extra="forbid")
    date: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Month YYYY-MM.")
    orders: dict[str, list[str]] = Field(
        default_factory=dict, description="Actor id -> action ids ordered that month."
    )
    events: list[str] = Field(
        default_factory=list, description="Event ids that happened that month (fired as injects)."
    )
    sources: list[str] = Field(
        default_factory=list, description="Where each move is documented (keys or references)."
    )
    note: str = Field(default="", description="What happened, in a sentence or two.")


class Plan(BaseModel):
    """A plan file: ``[orders] us = [["act_a"], ...]`` per turn, or dated ``[[months]]``."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    title: str = Field(default="", description="What the plan encodes.")
    scenario: str = Field(default="", description="Scenario id the plan was written for.")
    parameters: dict[str, float] = Field(
        default_factory=dict,
        description="Parameter overrides while the plan runs (e.g. random crises off).",
    )
    orders: dict[str, list[list[str]]] = Field(
        default_factory=dict,
        description="Actor id -> list of turns, each a list of action ids; the last repeats.",
    )
    months: list[PlanMonth] = Field(
        default_factory=list, description="Dated months, in order, from the scenario's start."
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
    plot: str | None = None
    workers: int | None = None


def load_plan(path: str, model: Model) -> dict[str, list[list[str]]]:
    """Actor id -> orders per turn, from either plan layout; ValueError for bad input."""
    plan = read_plan(path, model)
    if plan.months:
        return {
            actor: [list(month.orders.get(actor, [])) for month in plan.months]
            for actor in model.actor_ids
        }
    return plan.orders


def read_plan(path: str, model: Model) -> Plan:
    """The plan file at ``path``, checked against ``model``; ValueError for bad input."""
    try:
        plan = Plan.model_validate(safefile.read_toml(path, safefile.PLAN))
    except safefile.FileProblem as exc:
        raise ValueError(str(exc)) from None
    except ValidationError as exc:
        problems = [
            f"{path}: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
            for error in exc.errors(include_url=False)
        ]
        raise ValueError("\n".join(problems)) from None
    known = ", ".join(model.actor_ids)
    for actor in plan.orders:
        if actor not in model.actor_ids:
            raise ValueError(f"{path}: orders.{actor}: unknown government (known: {known})")
    for i, month in enumerate(plan.months):
        expected = model.month(i)
        if month.date != expected:
            raise ValueError(f"{path}: months[{i}].date: expected {expected}, got {month.date}")
        for actor in month.orders:
            if actor not in model.actor_ids:
                raise ValueError(
                    f"{path}: months[{i}].orders.{actor}: unknown government (known: {known})"
                )
        for event_id in month.events:
            if event_id not in model.scenario.events:
                raise ValueError(f"{path}: months[{i}].events: unknown event {event_id!r}")
    for key in plan.parameters:
        if key not in model.parameters:
            raise ValueError(f"{path}: parameters.{key}: unknown parameter")
    return plan


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
    policies = seat_policies(request, model)
    plans = load_plan(request.plan, model) if request.plan else {}
    batch = Batch(
        request.scenario,
        policies,
        request.games,
        request.seed,
        request.assumptions,
        request.turns,
        plans,
    )
    try:
        results = montecarlo.run(batch, request.workers)
    except OrdersError as exc:
        raise ValueError(f"{request.plan or 'orders'}: {exc}") from None
    keys = scenario.display.key_variables or list(scenario.variables)[:5]
    summary = montecarlo.summarise(results, keys)
    seats = {a: ("plan" if a in plans else p) for a, p in policies.items()}
    _print_games(results, summary, seats)
    if request.json_out:
        data = {
            "scenario": scenario.meta.id,
            "seats": seats,
            "games": [_game_row(r) for r in results],
            "summary": summary,
        }
        _write_text(request.json_out, json.dumps(data, indent=1) + "\n")
    if request.plot:
        from game.tools.report_charts import histogram_chart

        try:
            histogram_chart({a: [r.scores[a] for r in results] for a in seats}, Path(request.plot))
        except OSError as exc:
            raise ValueError(f"{request.plot}: cannot write: {exc.strerror}") from None
        print(f"wrote {request.plot}")
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
    ended = f", ended by {log.outcome.ended_by}" if log.outcome.ended_by else ""
    print(f"{log.scenario_title}: seed {log.seed}, {log.outcome.turns_played} turns{ended}")
    for actor, result in log.outcome.actors.items():
        met = sum(o.met for o in result.objectives)
        print(
            f"  {actor:>4} [{log.seats.get(actor, '?')}]: score {result.score:.2f} / "
            f"{result.max_score:.2f}, objectives met {met}/{len(result.objectives)}"
            + (f", {result.verdict}" if result.verdict else "")
        )


def _game_row(result: GameResult) -> dict:
    return {
        "seed": result.seed,
        "turns": result.turns,
        "ended_by": result.ended_by,
        "scores": result.scores,
        "objectives_met": result.met,
        "final": result.final,
        "choices": result.choices,
    }


PER_GAME_LINES = 50


def _print_games(results: list[GameResult], summary: dict, seats: dict[str, str]) -> None:
    if len(results) <= PER_GAME_LINES:
        for r in results:
            scores = "  ".join(f"{a} {s:6.2f}" for a, s in r.scores.items())
            ended = f"  ended by {r.ended_by}" if r.ended_by else ""
            print(f"seed {r.seed:>6}: {r.turns:>3} turns  {scores}{ended}")
        print()
    who = ", ".join(f"{a}={p}" for a, p in seats.items())
    print(f"summary of {summary['games']} games ({who}); mean / p10 / p50 / p90:")
    for actor, q in summary["scores"].items():
        line = f"{q['mean']:>9.2f} {q['p10']:>9.2f} {q['p50']:>9.2f} {q['p90']:>9.2f}"
        print(f"  score {actor:<18} {line}  (of {summary['max_score'][actor]:g})")
    for actor, counts in summary["objectives_met"].items():
        spread = ", ".join(f"{met}: {n}" for met, n in counts.items())
        print(f"  objectives met by {actor:<8} games per count {{{spread}}}")
    for key, q in summary["final"].items():
        line = f"{q['mean']:>9.2f} {q['p10']:>9.2f} {q['p50']:>9.2f} {q['p90']:>9.2f}"
        print(f"  final {key:<18} {line}")
    print(f"  games ended early: {summary['ended_early']}")
    for actor, rates in summary["action_rates"].items():
        if rates and seats.get(actor) not in ("idle", "plan"):
            top = sorted(rates.items(), key=lambda item: -item[1])
            text = ", ".join(f"{a} {r:.0%}" for a, r in top)
            print(f"  {actor} chose (share of turns): {text}")
