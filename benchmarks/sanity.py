"""Print the measured numbers of the DESIGN.md sanity checks for scenarios/fentanyl_2023.toml.

Run from the repository root: ``python -m benchmarks.sanity``. The numbers go into
docs/calibration.md; tests/test_sanity.py asserts the thresholds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.format.loader import load_scenario
from game.sim.engine import State, initial_state, step
from game.sim.model import Model

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "fentanyl_2023.toml"
QUIET = {"crises_on": 0}  # no chance crises: runs differ only in their orders
HISTORY = SCENARIO.parent / "history" / "fentanyl_2023_history.toml"
Plan = Callable[[State], dict[str, list[str]]]


def play(model: Model, plan: Plan, months: int) -> list[State]:
    states = [initial_state(model, 0)]
    for _ in range(months):
        states.append(step(states[-1], plan(states[-1]))[0])
    return states


def affordable(state: State, actor: str, wanted: list[str]) -> list[str]:
    budget, chosen = state.capital_of(actor), []
    for action_id in wanted:
        cost = state.model.action(action_id).cost
        if not state.availability(actor)[action_id] and cost <= budget:
            chosen.append(action_id)
            budget -= cost
    return chosen


def main() -> None:
    scenario = load_scenario(SCENARIO)
    model = Model.build(scenario, "", QUIET)
    base = play(model, lambda s: {}, 24)

    def v(states: list[State], name: str, m: int) -> float:
        return states[m].value(name)

    print("1. No actions, 12 months (unordered trends frozen: assumption set frozen_trends)")
    frozen = play(Model.build(scenario, "frozen_trends", QUIET), lambda s: {}, 12)
    deaths = [v(frozen, "deaths", m) for m in range(13)]
    print(
        f"   deaths range {min(deaths):.0f}-{max(deaths):.0f} "
        f"(max deviation {max(abs(d / deaths[0] - 1) for d in deaths):.1%})"
    )
    moving = [v(base, "deaths", m) for m in range(25)]
    print(
        "   with the trends (the moving baseline): "
        + ", ".join(f"m{m} {moving[m]:.0f}" for m in (0, 4, 8, 12, 16, 20, 24))
    )
    for actor in ("us", "mx", "cn"):
        values = [v(base, f"approval_{actor}", m) for m in range(13)]
        print(
            f"   approval_{actor}: start {values[0]:.1f}, "
            f"max deviation {max(abs(x - values[0]) for x in values):.2f} points"
        )

    print("2. Border surge (share seized at the ports doubled, deployed over months) from month 1")
    surge = play(model, lambda s: {"us": ["us_border_surge"]} if s.turn == 0 else {}, 12)
    print(
        "   share seized at ports "
        + ", ".join(f"m{m} {surge[m].evaluate('s_port'):.3f}" for m in (0, 1, 3, 6, 12))
        + "; overall "
        + ", ".join(f"m{m} {surge[m].evaluate('interdiction'):.3f}" for m in (0, 6, 12))
    )
    ratios = [v(surge, "seizures", m) / v(base, "seizures", m) for m in range(13)]
    print(
        f"   seizures month 1: x{ratios[1]:.2f}, peak x{max(ratios):.2f} "
        f"(month {ratios.index(max(ratios))}), month 12: x{ratios[12]:.2f} of baseline"
    )
    gap = [v(base, "flow", m) - v(surge, "flow", m) for m in range(13)]
    deepest = max(range(13), key=lambda m: gap[m])
    print(
        f"   retail flow month 1: {-gap[1] / v(base, 'flow', 1):+.1%}; deepest "
        f"{-gap[deepest] / v(base, 'flow', deepest):+.1%} at month {deepest}; share of the drop "
        + ", ".join(f"m{m} {1 - gap[m] / gap[deepest]:.0%}" for m in (6, 8, 10, 12))
        + " recovered"
    )
    print(
        "   deaths vs baseline "
        + ", ".join(
            f"m{m} {v(surge, 'deaths', m) / v(base, 'deaths', m) - 1:+.1%}" for m in (2, 3, 4, 6)
        )
    )
    print(f"   deaths month 12: {v(surge, 'deaths', 12) / v(base, 'deaths', 12) - 1:+.1%}")

    print("3. U.S. blames China months 1-6")
    blame = play(model, lambda s: {"us": ["us_blame_cn"]} if s.turn < 6 else {}, 24)
    t_gap = [v(blame, "tension_us_cn", m) - v(base, "tension_us_cn", m) for m in range(25)]
    print(
        f"   U.S.-China tension +{t_gap[6]:.1f} at month 6; gap m12 {t_gap[12]:.1f}, "
        f"m18 {t_gap[18]:.1f}, m24 {t_gap[24]:.1f}"
    )
    print(
        f"   cooperation month 6: {v(blame, 'coop_us_cn', 6):.3f} vs {v(base, 'coop_us_cn', 6):.3f}"
    )
    for name in ("flow", "deaths"):
        rise = [v(blame, name, m) / v(base, name, m) - 1 for m in range(25)]
        peak = max(rise)
        first = next(m for m, x in enumerate(rise) if x > 0.1 * peak)
        print(
            f"   {name}: months 1-3 max {max(rise[:4]):+.3%}; first noticeable month {first}; "
            f"peak {peak:+.2%} at month {rise.index(peak)}"
        )
    print(
        "   approval_us month 6: "
        f"{v(blame, 'approval_us', 6) - v(base, 'approval_us', 6):+.2f} points"
    )

    print("5. Treatment expansion (medication share 25% -> 40%)")
    treat = play(model, lambda s: {"us": affordable(s, "us", ["us_treatment"])}, 12)
    print(
        "   medication share "
        + ", ".join(f"m{m} {v(treat, 'medication_share', m):.3f}" for m in (1, 3, 6, 12))
    )
    print(
        "   deaths vs baseline "
        + ", ".join(
            f"m{m} {v(treat, 'deaths', m) / v(base, 'deaths', m) - 1:+.1%}" for m in (1, 3, 6, 12)
        )
    )
    moved = max(
        abs(v(treat, n, m) - v(base, n, m))
        for m in range(13)
        for n in ("seizures", "tension_us_mx", "tension_us_cn", "tension_mx_cn")
    )
    print(f"   largest change in seizures or tension: {moved:.2g}")

    print("6. Sustained U.S.-China diplomacy; China resumes cooperation when it can")
    dip = play(
        model,
        lambda s: {
            "us": affordable(s, "us", ["us_summit_xi", "us_working_group_cn"]),
            "cn": affordable(s, "cn", ["cn_resume_cooperation"]),
        },
        14,
    )
    opened = next(m for m, s in enumerate(dip) if s.policy("cn_channel") == 1)
    sched = [v(dip, "precursors_scheduled", m) for m in range(15)]
    done = next((m for m, x in enumerate(sched) if x >= 0.9), None)
    print(
        f"   tension {v(dip, 'tension_us_cn', 0):.1f} -> {v(dip, 'tension_us_cn', 12):.1f} "
        f"(baseline {v(base, 'tension_us_cn', 12):.1f}); channel reopened after month {opened}"
    )
    print(
        f"   scheduled share {sched[0]:.2f} -> {sched[12]:.2f} at month 12; >= 0.9 at month {done}"
    )
    print(
        f"   deaths month 12 vs baseline {v(dip, 'deaths', 12) / v(base, 'deaths', 12) - 1:+.1%}, "
        f"month 14 {v(dip, 'deaths', 14) / v(base, 'deaths', 14) - 1:+.1%}"
    )

    checks_7_to_9(scenario, model)


def checks_7_to_9(scenario, model: Model) -> None:
    from game.tools.backtest import falls_through, run_backtest
    from game.tools.checks import displacement, treatment_over_border

    print("7. Deaths averted per point of capital over 24 months (others idle)")
    print(f"   {'assumptions':<18}{'treatment':>10}{'border':>10}{'ratio':>8}")
    for assumptions in ["", *scenario.assumptions]:
        treatment, border = treatment_over_border(Model.build(scenario, assumptions, QUIET))
        ratio = treatment.per_point / border.per_point if border.per_point > 0 else float("inf")
        print(
            f"   {assumptions or 'default':<18}{treatment.per_point:>10,.0f}"
            f"{border.per_point:>10,.0f}{ratio:>8.2f}"
        )
    print("8. Displacement after 12 months")
    moved = displacement(model)
    print(
        f"   border surge: share through ports {moved.port_share[0]:.2f} -> "
        f"{moved.port_share[1]:.2f}; between the ports {moved.between_flow[0]:.0f} -> "
        f"{moved.between_flow[1]:.0f} kg/month"
    )
    print(
        f"   China squeeze: Chinese supply {moved.china_supply[0]:.2f} -> "
        f"{moved.china_supply[1]:.2f}; other sources {moved.alt_precursors[0]:.2f} -> "
        f"{moved.alt_precursors[1]:.2f}"
    )
    print(f"   Why panel: '{moved.why_port[0]}' {moved.why_port[1]:+.3f} (port share, month 7)")
    print(f"   Why panel: '{moved.why_alt[0]}' {moved.why_alt[1]:+.3f} (other sources, month 7)")
    print("9. Backtest with scenarios/history/fentanyl_2023_history.toml")
    report = run_backtest(str(SCENARIO), str(HISTORY))
    for fit in report.fits:
        years = ", ".join(
            f"{y.year} {y.observed:+.0%}/{y.simulated:+.0%} "
            f"{'ok' if y.direction_right else 'WRONG'}"
            for y in fit.years
        )
        print(f"   {fit.variable}: MAPE {fit.mape:.1%}; years (observed/simulated) {years}")
    year = report.fit("deaths").year(2024)
    print(
        f"   deaths 2024 mean vs 2023: observed {year.observed_mean:+.1%}, "
        f"simulated {year.simulated_mean:+.1%}; falling through 2024: "
        f"{falls_through(report.fit('deaths'), 2024)}"
    )


RECORD = SCENARIO.parent / "measured" / f"{SCENARIO.stem}_check10.json"


def check_10(games: int, save: str = "", record: bool = False) -> None:
    from game.tools.checks import (
        LIMITS_10,
        POLICIES_10,
        idle_loses_games,
        meets_limit,
        standard_error,
    )

    print(f"10. Share of possible points against ai:normal opponents ({games} seeded games)")
    per_game = idle_loses_games(str(SCENARIO), games)
    print(f"   {'government':<12}" + "".join(f"{p:>16}" for p in POLICIES_10))
    for actor, row in per_game.items():
        cells = "".join(
            f"{row[p].mean():>8.1%} +-{standard_error(row[p]):>4.1%}"
            f"{'' if meets_limit(p, row[p].mean()) else '!'}"
            for p in POLICIES_10
        )
        print(f"   {actor:<12}{cells}")
    limits = ", ".join(f"{p} {side} {limit:.0%}" for p, (side, limit) in LIMITS_10.items())
    print(f"   limits: {limits}; +- one standard error of the mean; '!' marks a miss")
    import json

    if save:
        rows = {a: {p: s.tolist() for p, s in row.items()} for a, row in per_game.items()}
        Path(save).write_text(json.dumps({"games": games, "shares": rows}, indent=1))
    if record:
        import datetime

        summary = {
            a: {
                p: {"mean": round(float(s.mean()), 4), "se": round(standard_error(s), 4)}
                for p, s in row.items()
            }
            for a, row in per_game.items()
        }
        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        text = json.dumps(
            {"games": games, "opponents": "ai:normal", "recorded": today, "shares": summary},
            indent=1,
        )
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(text + "\n", encoding="utf-8")
        print(f"   recorded in {RECORD.relative_to(SCENARIO.parent.parent)} (for the model card)")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=200, help="games per setup for check 10")
    parser.add_argument("--save", default="", help="write check 10's per-game shares (JSON)")
    parser.add_argument(
        "--record", action="store_true", help=f"write check 10's figures to {RECORD.name}"
    )
    parser.add_argument("--only-10", action="store_true", help="skip checks 1-9")
    options = parser.parse_args()
    if not options.only_10:
        main()
    if options.games > 0:
        check_10(options.games, options.save, options.record)
