"""Re-run a game log headless and say whether it reproduces exactly, naming what differs.

Rules:
- Everything that can be recomputed is: the initial values, every month's date, variables,
  contributions, events, elections and debate, the computer seats' orders and debate moves
  (from their policy and the seed), the outcome and every score; the turn count is checked
  against the scenario and against the month the game ended.
- What a person typed cannot be recomputed (a human seat's orders, predictions, names); a
  checksum written with the log catches an edit made to those in a text editor. It is a seal
  against casual edits, not a secret: someone who runs Python can forge it.
- Nothing raises for a bad log: every problem becomes a sentence in ``Verdict.differences``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.format import safefile
from game.format.loader import ScenarioError, load_scenario
from game.resources import bundled_scenarios
from game.sim.engine import GameOverError, OrdersError
from game.sim.gamelog import LOG_FORMAT, GameLog
from game.sim.model import AssumptionError, Model
from game.sim.players import POLICIES, make_player
from game.sim.session import Game, _outcome_log, _turn_log

MAX_LISTED = 12
SEAT_KINDS = ("human", "plan")


@dataclass
class Verdict:
    """What a replay found: no differences means the log reproduces exactly."""

    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    turns: int = 0
    finished: bool = False
    stopped: bool = False  # the replay could not go on to the log's last month

    @property
    def same(self) -> bool:
        return not self.differences

    def message(self, seed: int) -> str:
        if self.same:
            text = f"reproduces exactly ({self.turns} turns, seed {seed})"
            return "; ".join([text, *self.notes])
        shown = self.differences[:MAX_LISTED]
        more = len(self.differences) - len(shown)
        count = len(self.differences)
        lines = [f"does not reproduce ({count} difference{'s' if count > 1 else ''}):"]
        lines += [f"  - {d}" for d in shown]
        if more:
            lines.append(f"  ... and {more} more")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def find_scenario(log: GameLog, override: str | None = None) -> Path:
    """The scenario file a log was played with: the override, the recorded path, or by id."""
    if override:
        return Path(override)
    if log.scenario_file and safefile.is_regular_file(log.scenario_file):
        return Path(log.scenario_file)
    wanted = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(log.scenario)}[\"']", re.MULTILINE)
    for path in sorted(bundled_scenarios().glob("*.toml")):
        try:
            if wanted.search(safefile.read_text(path, safefile.SCENARIO)):
                return path
        except safefile.FileProblem:
            continue
    raise ValueError(f"cannot find scenario {_shown(log.scenario)}: pass --scenario FILE")


def replay_log(log: GameLog, scenario_file: str | None = None) -> tuple[bool, str]:
    """(reproduced, message): replay the log and compare everything that can be recomputed."""
    verdict = verify_log(log, scenario_file)
    return verdict.same, verdict.message(log.seed)


def verify_log(log: GameLog, scenario_file: str | None = None) -> Verdict:
    """Replay ``log`` and list every difference from what it records."""
    verdict = Verdict(turns=len(log.turns))
    if log.format < LOG_FORMAT:
        verdict.differences.append(
            f"made by an older version of Precursor (log format {log.format}) whose chance "
            f"events were drawn differently: it cannot be replayed exactly"
        )
        return verdict
    try:
        path = find_scenario(log, scenario_file)
        scenario = load_scenario(path)
    except ValueError as exc:
        verdict.differences.append(str(exc))
        return verdict
    except ScenarioError as exc:
        verdict.differences.append(f"the scenario cannot be loaded: {exc.problems[0]}")
        return verdict
    if scenario.meta.id != log.scenario:
        verdict.differences.append(
            f"{path} is scenario {scenario.meta.id!r}, the log is {_shown(log.scenario)}"
        )
        return verdict
    if log.scenario_version and log.scenario_version != scenario.meta.version:
        verdict.notes.append(
            f"played with scenario version {_shown(log.scenario_version)}, "
            f"replayed with {scenario.meta.version!r}"
        )
    try:
        model = Model.build(scenario, log.assumptions)
    except AssumptionError as exc:
        verdict.differences.append(f"does not replay: {exc}")
        return verdict
    _check_seal(log, verdict)
    players = _check_seats(log, model, verdict)
    _check_header(log, model, verdict)
    game = _replay_turns(log, model, players, verdict)
    if verdict.stopped:
        return verdict
    _check_outcome(log, game, verdict)
    verdict.finished = game.finished
    if not game.finished:
        verdict.notes.append(
            f"the game was not finished ({len(game.ledgers)} of {scenario.meta.turns} months)"
        )
    return verdict


def _check_seal(log: GameLog, verdict: Verdict) -> None:
    if not log.checksum:
        verdict.notes.append(
            "the log has no checksum (written by an older Precursor): "
            "human seats' orders, predictions and names cannot be checked"
        )
    elif not log.checksum_matches():
        verdict.differences.append(
            "the log was edited after it was written: its checksum does not match its contents"
        )


def _check_seats(log: GameLog, model: Model, verdict: Verdict) -> dict[str, object]:
    """Actor -> the computer player of that seat (None for a person or a plan)."""
    actors = list(model.actor_ids)
    if log.seats and set(log.seats) != set(actors):
        verdict.differences.append(
            f"seats: the log names {', '.join(map(_shown, log.seats))}; "
            f"the scenario's governments are {', '.join(actors)}"
        )
    players: dict[str, object] = {}
    for actor in actors:
        seat = log.seats.get(actor, "human")
        if seat in POLICIES:
            players[actor] = make_player(seat, log.seed)
        else:
            players[actor] = None
            if seat not in SEAT_KINDS:
                verdict.differences.append(
                    f"seats.{actor}: {_shown(seat)} is not human, plan or a computer policy"
                )
    return players


def _check_header(log: GameLog, model: Model, verdict: Verdict) -> None:
    scenario = model.scenario
    if log.key_variables and log.key_variables != list(scenario.display.key_variables):
        verdict.differences.append(
            f"key_variables: the log says {_shown(log.key_variables)}, "
            f"the scenario {list(scenario.display.key_variables)!r}"
        )
    if len(log.turns) > scenario.meta.turns:
        verdict.differences.append(
            f"the log has {len(log.turns)} months; the scenario has only {scenario.meta.turns}"
        )
    unknown = sorted(set(log.player_names) - set(model.actor_ids))
    if unknown:
        verdict.differences.append(f"player_names: unknown governments {', '.join(unknown)}")


def _replay_turns(log: GameLog, model: Model, players: dict, verdict: Verdict) -> Game:
    game = Game(model, log.seed, dict(players))
    initial = game.states[0].as_dict()
    _compare(initial, log.initial, "initial", verdict)
    humans = [a for a, p in players.items() if p is None]
    for number, turn in enumerate(log.turns, 1):
        where = f"month {number}"
        if turn.turn != number:
            verdict.differences.append(f"{where}: numbered {turn.turn} in the log")
        if game.finished:
            verdict.differences.append(
                f"the game ended after month {number - 1}"
                + (f" ({game.state.ended_by})" if game.state.ended_by else "")
                + f"; the log goes on to month {len(log.turns)}"
            )
            verdict.stopped = True
            break
        try:
            _replay_one(game, turn, humans, where, verdict)
        except (OrdersError, ValueError, GameOverError) as exc:
            verdict.differences.append(f"{where}: does not replay: {_cut(str(exc), 300)}")
            verdict.stopped = True
            break
        _check_predictions(turn.predictions, humans, model, where, verdict)
        expected = _turn_log(game.ledgers[-1], model, turn.predictions)
        expected_data = expected.model_dump(exclude={"predictions"})
        logged_data = turn.model_dump(exclude={"predictions"})
        expected_data["turn"] = logged_data["turn"]  # already named above
        _compare(expected_data, logged_data, where, verdict)
    return game


def _replay_one(game: Game, turn, humans: list[str], where: str, verdict: Verdict) -> None:
    for event in turn.events:
        if event.injected:
            game.inject(event.id)
    chosen = game.computer_orders(skip=humans)
    for actor, orders in chosen.items():
        logged = turn.orders.get(actor, [])
        if list(orders) != list(logged):
            verdict.differences.append(
                f"{where}: {actor} is a computer seat ({_policy(game, actor)}) that orders "
                f"{_shown(list(orders))}; the log says {_shown(logged)}"
            )
    orders = {actor: list(ids) for actor, ids in turn.orders.items()}
    for actor in game.model.actor_ids:
        orders.setdefault(actor, [])
    known = game.model.scenario.actions
    valid = all(isinstance(a, str) and a in known for ids in orders.values() for a in ids)
    if game.state.debate is not None and valid:  # invalid orders: play_turn names them next
        for actor, moves in game.computer_moves(orders).items():
            expected = [m.to_dict() for m in moves]
            if expected != turn.moves.get(actor, []):
                verdict.differences.append(
                    f"{where}: {actor}'s debate moves are not what its computer player makes"
                )
    game.play_turn(orders, turn.predictions, dict(turn.moves))


def _check_predictions(predictions, humans, model: Model, where: str, verdict: Verdict) -> None:
    for seat, guesses in predictions.items():
        if seat not in humans:
            verdict.differences.append(f"{where}: predictions by {_shown(seat)}, not a human seat")
        for variable, direction in guesses.items():
            if variable not in model.variable_position or direction not in ("up", "down"):
                verdict.differences.append(
                    f"{where}: prediction {_shown(variable)}: {_shown(direction)} is not a "
                    "variable of the scenario with 'up' or 'down'"
                )


def _check_outcome(log: GameLog, game: Game, verdict: Verdict) -> None:
    expected = _outcome_log(game.outcome(), len(game.ledgers), game.state.ended_by)
    if log.outcome is None:
        verdict.differences.append("the log has no outcome (objectives and scores)")
        return
    _compare(expected.model_dump(), log.outcome.model_dump(), "outcome", verdict)


def _compare(expected: object, logged: object, path: str, verdict: Verdict) -> None:
    """Add a sentence for each place where ``logged`` is not ``expected``."""
    if isinstance(expected, dict) and isinstance(logged, dict):
        for key in expected:
            if key not in logged:
                verdict.differences.append(f"{path}.{key}: missing from the log")
            else:
                _compare(expected[key], logged[key], f"{path}.{key}", verdict)
        for key in logged:
            if key not in expected:
                verdict.differences.append(f"{path}.{_shown(key)}: in the log, not in the replay")
        return
    if isinstance(expected, list) and isinstance(logged, list):
        if len(expected) != len(logged):
            verdict.differences.append(
                f"{path}: {len(logged)} entries in the log, {len(expected)} in the replay"
            )
            return
        for i, (a, b) in enumerate(zip(expected, logged, strict=True)):
            _compare(a, b, f"{path}[{i}]", verdict)
        return
    if not _equal(expected, logged):
        verdict.differences.append(
            f"{path}: the log says {_shown(logged)}, the replay gives {_shown(expected)}"
        )


def _equal(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return (type(a) is type(b) and a == b) or (_number(a) and _number(b) and a == b)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _policy(game: Game, actor: str) -> str:
    return getattr(game.players.get(actor), "policy", "computer")


def _shown(value: object, limit: int = 80) -> str:
    return _cut(repr(value), limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
