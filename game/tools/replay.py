"""Re-run a game log headless and say whether it reproduces exactly."""

from __future__ import annotations

from pathlib import Path

from game.format.loader import load_scenario
from game.resources import bundled_scenarios
from game.sim.engine import OrdersError
from game.sim.gamelog import LOG_FORMAT, GameLog
from game.sim.model import AssumptionError, Model
from game.sim.session import replay_orders


def find_scenario(log: GameLog, override: str | None = None) -> Path:
    """The scenario file a log was played with: the override, the recorded path, or by id."""
    if override:
        return Path(override)
    if log.scenario_file and Path(log.scenario_file).is_file():
        return Path(log.scenario_file)
    for path in sorted(bundled_scenarios().glob("*.toml")):
        if f'id = "{log.scenario}"' in path.read_text(encoding="utf-8"):
            return path
    raise ValueError(f"cannot find scenario {log.scenario!r}: pass --scenario FILE")


def replay_log(log: GameLog, scenario_file: str | None = None) -> tuple[bool, str]:
    """(reproduced, message): replay the log's orders and injects and compare every value."""
    if log.format < LOG_FORMAT:
        return False, (
            f"made by an older version of Precursor (log format {log.format}) whose chance "
            f"events were drawn differently: it cannot be replayed exactly"
        )
    path = find_scenario(log, scenario_file)
    scenario = load_scenario(path)
    if scenario.meta.id != log.scenario:
        return False, f"{path} is scenario {scenario.meta.id!r}, the log is {log.scenario!r}"
    try:
        model = Model.build(scenario, log.assumptions)
        game = replay_orders(
            model,
            log.seed,
            [turn.orders for turn in log.turns],
            [[e.id for e in turn.events if e.injected] for turn in log.turns],
            [turn.moves for turn in log.turns],
        )
    except (OrdersError, AssumptionError) as exc:
        return False, f"does not replay: {exc}"
    if game.states[0].as_dict() != log.initial:
        return False, "differs before turn 1: the scenario's initial values changed"
    for turn, ledger in zip(log.turns, game.ledgers, strict=False):
        replayed = dict(zip(model.variable_ids, ledger.after, strict=True))
        for variable, value in turn.variables.items():
            if replayed.get(variable) != value:
                return False, (
                    f"differs at turn {turn.turn} ({turn.date}): {variable} was {value!r}, "
                    f"replayed {replayed.get(variable)!r}"
                )
    return True, f"reproduces exactly ({len(log.turns)} turns, seed {log.seed})"
