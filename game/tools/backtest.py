"""``backtest``: play a plan of real moves and compare the model with what really happened.

Rules:
- The scenario's ``[observations.VARIABLE]`` series are the truth; the simulated value for a
  month is the variable after that month's turn.
- Per observed variable: the mean absolute percentage error (MAPE) over the observed months; for
  each calendar year, the change from the last observed month of the year before (the first
  observed month, for the first year) to the year's last observed month, as a direction (up,
  down, or flat within ``FLAT``) and in percent, plus the change of the year's mean over the
  year before's mean (same months in both series); and the turning points (peaks and troughs of
  the series after a three-month moving average, ignoring wiggles under ``WIGGLE``).
- A plan's ``events`` are fired as injects in their month and its ``parameters`` override the
  scenario's (a history file switches random crises off that way), so the run is the plan's
  history, not a seed's.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from game.format.loader import load_scenario
from game.sim.engine import State, initial_state, step
from game.sim.model import AssumptionError, Model

FLAT = 0.03  # a change smaller than 3% counts as flat (polls move that much on noise)
WIGGLE = 0.005  # month-to-month moves under 0.5% do not make a turning point


@dataclass(frozen=True)
class YearFit:
    year: int
    observed: float  # relative change over the year (end to end)
    simulated: float
    observed_mean: float | None  # change of the year's mean over the year before's mean
    simulated_mean: float | None

    @property
    def observed_direction(self) -> str:
        return direction(self.observed)

    @property
    def simulated_direction(self) -> str:
        return direction(self.simulated)

    @property
    def direction_right(self) -> bool:
        return self.observed_direction == self.simulated_direction


@dataclass(frozen=True)
class SeriesFit:
    variable: str
    label: str
    months: tuple[str, ...]
    observed: tuple[float, ...]
    simulated: tuple[float, ...]
    years: tuple[YearFit, ...]
    observed_turns: tuple[tuple[str, str], ...]
    simulated_turns: tuple[tuple[str, str], ...]

    @property
    def mape(self) -> float:
        pairs = [(o, s) for o, s in zip(self.observed, self.simulated, strict=True) if o]
        return sum(abs(s - o) / abs(o) for o, s in pairs) / max(len(pairs), 1)

    def year(self, year: int) -> YearFit | None:
        return next((y for y in self.years if y.year == year), None)


@dataclass
class Backtest:
    scenario: str
    plan: str
    assumptions: str
    fits: list[SeriesFit] = field(default_factory=list)
    states: list[State] = field(default_factory=list, repr=False)

    def fit(self, variable: str) -> SeriesFit | None:
        return next((f for f in self.fits if f.variable == variable), None)


def direction(change: float) -> str:
    if change > FLAT:
        return "up"
    return "down" if change < -FLAT else "flat"


def run_backtest(scenario_path: str, plan_path: str, assumptions: str = "", seed: int = 1):
    """Play the plan on the scenario and fit every observed series; ValueError for bad input."""
    from game.tools.simulate import read_plan

    scenario = load_scenario(scenario_path)
    if not scenario.observations:
        raise ValueError(f"{scenario_path}: the scenario has no [observations] to compare with")
    try:
        plain = Model.build(scenario, assumptions)
    except AssumptionError as exc:
        raise ValueError(str(exc)) from None
    plan = read_plan(plan_path, plain)
    model = Model.build(scenario, assumptions, plan.parameters)
    states = play_plan(model, plan, seed)
    report = Backtest(scenario.meta.id, plan_path, assumptions, states=states)
    for variable, observation in scenario.observations.items():
        report.fits.append(fit_series(model, states, variable, observation))
    return report


def play_plan(model: Model, plan, seed: int) -> list[State]:
    """States from the start, one per month of the plan (or the whole game), following it."""
    from game.sim.engine import OrdersError

    state = initial_state(model, seed)
    states = [state]
    months = plan.months or []
    turns = len(months) if months else model.scenario.meta.turns
    for turn in range(turns):
        if state.finished:
            break
        if months:
            orders = {a: list(ids) for a, ids in months[turn].orders.items()}
            for event_id in months[turn].events:
                state = state.with_inject(event_id)
        else:
            orders = {
                actor: list(turns_[min(turn, len(turns_) - 1)]) if turns_ else []
                for actor, turns_ in plan.orders.items()
            }
        try:
            state, _ = step(state, orders)
        except OrdersError as exc:
            raise ValueError(f"plan: {model.month(turn)}: {exc}") from None
        states.append(state)
    return states


def fit_series(model: Model, states: list[State], variable: str, observation) -> SeriesFit:
    played = {model.month(s.turn - 1): s.value(variable) for s in states[1:]}
    months = tuple(m for m in observation.values if m in played)
    observed = tuple(observation.values[m] for m in months)
    simulated = tuple(played[m] for m in months)
    label = observation.label or model.variables[model.variable_position[variable]].label
    return SeriesFit(
        variable,
        label,
        months,
        observed,
        simulated,
        _years(months, observed, simulated),
        turning_points(months, observed),
        turning_points(months, simulated),
    )


def _years(
    months: tuple[str, ...], observed: tuple[float, ...], simulated: tuple[float, ...]
) -> tuple[YearFit, ...]:
    by_year: dict[int, list[int]] = {}
    for i, month in enumerate(months):
        by_year.setdefault(int(month[:4]), []).append(i)
    fits = []
    previous: list[int] | None = None
    for year, indexes in sorted(by_year.items()):
        start = previous[-1] if previous else indexes[0]
        end = indexes[-1]
        if end == start:
            previous = indexes
            continue
        mean_obs = mean_sim = None
        if previous:
            mean_obs = _mean(observed, indexes) / _mean(observed, previous) - 1
            mean_sim = _mean(simulated, indexes) / _mean(simulated, previous) - 1
        fits.append(
            YearFit(
                year,
                observed[end] / observed[start] - 1,
                simulated[end] / simulated[start] - 1,
                mean_obs,
                mean_sim,
            )
        )
        previous = indexes
    return tuple(fits)


def _mean(values: tuple[float, ...], indexes: list[int]) -> float:
    return sum(values[i] for i in indexes) / len(indexes)


def turning_points(
    months: tuple[str, ...], values: tuple[float, ...]
) -> tuple[tuple[str, str], ...]:
    """(month, 'peak' or 'trough') where the smoothed series changes direction."""
    if len(values) < 3:
        return ()
    smooth = [
        sum(values[max(0, i - 1) : i + 2]) / len(values[max(0, i - 1) : i + 2])
        for i in range(len(values))
    ]
    scale = sum(abs(v) for v in values) / len(values) or 1.0
    points = []
    last_sign, last_index = 0, 0
    for i in range(1, len(smooth)):
        move = smooth[i] - smooth[last_index]
        if abs(move) < WIGGLE * scale:
            continue
        sign = 1 if move > 0 else -1
        if last_sign and sign != last_sign:
            points.append((months[last_index], "peak" if last_sign > 0 else "trough"))
        last_sign, last_index = sign, i
    return tuple(points)


def falls_through(fit: SeriesFit, year: int, slack: float = WIGGLE) -> bool:
    """Whether the simulated series never rises by more than ``slack`` a month within ``year``."""
    values = [s for m, s in zip(fit.months, fit.simulated, strict=True) if int(m[:4]) == year]
    return all(b <= a * (1 + slack) for a, b in itertools.pairwise(values))


def format_backtest(report: Backtest) -> str:
    assumptions = report.assumptions or "default"
    lines = [
        f"backtest of {report.scenario} with {report.plan} (assumptions: {assumptions})",
        "",
    ]
    for fit in report.fits:
        lines.append(f"{fit.variable}: {fit.label}")
        lines.append(f"  MAPE {fit.mape:.1%} over {len(fit.months)} observed months")
        lines.append(
            f"  {'year':<6}{'observed':>10}{'simulated':>11}{'direction':>11}"
            f"{'mean obs':>10}{'mean sim':>10}"
        )
        for y in fit.years:
            mark = "ok" if y.direction_right else "WRONG"
            means = (
                f"{y.observed_mean:>+10.1%}{y.simulated_mean:>+10.1%}"
                if y.observed_mean is not None and y.simulated_mean is not None
                else f"{'':>10}{'':>10}"
            )
            lines.append(f"  {y.year:<6}{y.observed:>+10.1%}{y.simulated:>+11.1%}{mark:>11}{means}")
        lines.append("  turning points observed:  " + _turns(fit.observed_turns))
        lines.append("  turning points simulated: " + _turns(fit.simulated_turns))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _turns(points: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{kind} {month}" for month, kind in points) or "none"
