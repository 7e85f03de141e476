"""The balance check for authors: a standard battery of seeded games and what it flags.

Battery, for each government X (the other seats as ``opponents``, random play by default):
- X as hard AI, as random and as idle against the same opponents;
- X repeating one action all game (``spam:ACTION``), for each of its actions;
- every seat hard AI.
Flags:
- idle play or the best single-action spam within 10% of the hard AI's share (``CLOSE``):
  doing nothing, or one thing over and over, should not score like good play;
- a government that wins almost always whatever it does (even idle, it scores at least
  ``EASY`` of its points on average) or loses almost always (even as hard AI, at most ``HARD``);
- a government whose hard AI does not beat random play in most games;
- a claim that always pays (true, unbeaten, and no claim can rebut it) or never does; a deal
  that dominates: accepted almost every time it is offered and never broken (``DEAL_ACCEPTED``),
  so nobody ever finds a reason to refuse or to break it;
- an action nobody ever picks (not even random play: it can never be taken);
  a variable that never moves in any game.
Actions that the computer never picks but random play does are listed as notes: they may be
dominated, or deliberately unwise (a strike that ends the game).
Speed: the random, idle and spam setups play on the batch engine (a spam seat repeats its
action and says nothing in the debate); the hard-AI setups play game by game.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.format.loader import load_scenario
from game.tools import montecarlo
from game.tools.montecarlo import Batch, GameResult

EASY = 0.9
HARD = 0.1
BEATS = 0.6
CLOSE = 0.9  # idle or spam at or above 90% of the hard AI's share is flagged
BENCHMARK_OPPONENTS = "ai:normal"  # DESIGN 3b's benchmark; random (the default) is faster


@dataclass
class BalanceReport:
    scenario: str
    games: int
    score_share: dict[str, dict[str, float]] = field(
        default_factory=dict
    )  # actor -> setup -> share
    hard_beats_random: dict[str, float] = field(default_factory=dict)
    spam: dict[str, dict[str, float]] = field(default_factory=dict)  # actor -> action -> share
    opponents: str = "random"
    ai_picks: Counter[str] = field(default_factory=Counter)
    all_picks: Counter[str] = field(default_factory=Counter)
    claims: dict[str, list[int]] = field(default_factory=dict)  # claim -> [made, paid]
    # deal -> [offered, accepted, completed, broken]
    deals: dict[str, list[int]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _share(results: list[GameResult], actor: str) -> float:
    best = results[0].max_scores[actor] or 1.0
    return sum(r.scores[actor] for r in results) / len(results) / best


def check(
    path: str,
    games: int = 30,
    workers: int | None = None,
    seed: int = 1,
    opponents: str = "random",
    spam: bool = True,
) -> BalanceReport:
    """Run the battery on the scenario at ``path`` and collect the flags."""
    scenario = load_scenario(path)
    actors = list(scenario.actors)
    report = BalanceReport(scenario.meta.id, games, opponents=opponents)
    moved: set[str] = set()

    def play(policies: dict[str, str]) -> list[GameResult]:
        results = montecarlo.run(Batch(path, policies, games, seed), workers)
        for result in results:
            moved.update(result.moved)
            for claim, (made, paid) in result.claims.items():
                tally = report.claims.setdefault(claim, [0, 0])
                tally[0] += made
                tally[1] += paid
            for deal, counts in result.deals.items():
                tally = report.deals.setdefault(deal, [0, 0, 0, 0])
                for i, count in enumerate(counts):
                    tally[i] += count
            for actor, chosen in result.choices.items():
                if policies[actor].startswith("spam:"):
                    continue  # spam orders everything once; it says nothing about use
                report.all_picks.update(chosen)
                if policies[actor].startswith("ai"):
                    report.ai_picks.update(chosen)
        return results

    everyone_hard = play(dict.fromkeys(actors, "ai:hard"))
    for actor in actors:
        runs = {
            policy: play({**dict.fromkeys(actors, opponents), actor: policy})
            for policy in ("ai:hard", "random", "idle")
        }
        if spam:
            report.spam[actor] = {
                action_id: _share(
                    play({**dict.fromkeys(actors, opponents), actor: f"spam:{action_id}"}), actor
                )
                for action_id, action in scenario.actions.items()
                if action.actor == actor and not action.crisis
            }
        shares = {policy: _share(results, actor) for policy, results in runs.items()}
        shares["all hard"] = _share(everyone_hard, actor)
        report.score_share[actor] = shares
        wins = sum(
            h.scores[actor] > r.scores[actor]
            for h, r in zip(runs["ai:hard"], runs["random"], strict=True)
        )
        report.hard_beats_random[actor] = wins / games
        name = scenario.actors[actor].name
        if not scenario.actors[actor].objectives:
            report.flags.append(f"{name} has no objectives: nothing it does can score")
            continue
        if shares["idle"] >= EASY and shares["random"] >= EASY:
            report.flags.append(
                f"{name} wins whatever it does: idle it still scores "
                f"{shares['idle']:.0%} of its points (tighten its objectives)"
            )
        if shares["ai:hard"] <= HARD:
            report.flags.append(
                f"{name} loses whatever it does: even the hard AI scores {shares['ai:hard']:.0%}"
            )
        if shares["idle"] >= CLOSE * shares["ai:hard"]:
            report.flags.append(
                f"{name}: doing nothing scores {shares['idle']:.0%} of its points, within 10% "
                f"of the hard AI's {shares['ai:hard']:.0%}"
            )
        best = max(report.spam.get(actor, {}).items(), key=lambda item: item[1], default=None)
        if best and best[1] >= CLOSE * shares["ai:hard"]:
            report.flags.append(
                f"{name}: repeating {best[0]!r} all game scores {best[1]:.0%}, within 10% of "
                f"the hard AI's {shares['ai:hard']:.0%}"
            )
        if report.hard_beats_random[actor] < BEATS:
            report.flags.append(
                f"{name}: the hard AI beats random play in only "
                f"{report.hard_beats_random[actor]:.0%} of games (choices barely matter?)"
            )
    for action_id, action in scenario.actions.items():
        if report.all_picks[action_id] == 0 and action.crisis:
            report.notes.append(f"the crisis response {action_id!r} was never chosen")
        elif report.all_picks[action_id] == 0:
            report.flags.append(f"action {action_id!r} ({action.actor}) is never picked by anyone")
        elif report.ai_picks[action_id] == 0:
            report.notes.append(f"the computer never picks {action_id!r} ({action.actor})")
    report.flags += claim_flags(scenario, report.claims)
    report.flags += deal_flags(report.deals)
    for variable in scenario.variables:
        if variable not in moved:
            report.flags.append(f"variable {variable!r} never moves in any game")
    return report


def format_report(report: BalanceReport) -> str:
    lines = [
        f"balance of {report.scenario}: {report.games} games per setup, "
        f"opponents {report.opponents}",
        "",
    ]
    if report.opponents != BENCHMARK_OPPONENTS:
        lines[-1:] = [
            f"(DESIGN's benchmark plays against {BENCHMARK_OPPONENTS}: "
            f"--opponents {BENCHMARK_OPPONENTS})",
            "",
        ]
    lines.append("share of possible points (mean):")
    lines.append(
        f"  {'government':<12}{'hard':>8}{'random':>8}{'idle':>8}{'spam':>8}{'all hard':>10}"
        f"{'hard>random':>13}  best spam"
    )
    for actor, shares in report.score_share.items():
        best = max(report.spam.get(actor, {}).items(), key=lambda item: item[1], default=None)
        spam = f"{best[1]:>8.0%}" if best else f"{'-':>8}"
        lines.append(
            f"  {actor:<12}{shares['ai:hard']:>8.0%}{shares['random']:>8.0%}"
            f"{shares['idle']:>8.0%}{spam}{shares['all hard']:>10.0%}"
            f"{report.hard_beats_random[actor]:>13.0%}  {best[0] if best else ''}"
        )
    if any(report.spam.values()):
        lines += ["", "single-action spam, every action (share of possible points):"]
        for actor, spam in report.spam.items():
            ranked = sorted(spam.items(), key=lambda item: -item[1])
            lines.append(f"  {actor:<12}" + ", ".join(f"{a} {v:.0%}" for a, v in ranked))
    if report.deals:
        lines += ["", "deals (offered, accepted, completed, broken over the battery):"]
        lines += [
            f"  {deal:<28}{offered:>8}{accepted:>9}{completed:>10}{broken:>8}"
            for deal, (offered, accepted, completed, broken) in sorted(report.deals.items())
        ]
    lines.append("")
    if report.flags:
        lines.append(f"{len(report.flags)} flag(s):")
        lines += [f"  - {flag}" for flag in report.flags]
    else:
        lines.append(
            "no flags: every government's choices matter, every action is used, "
            "every variable moves"
        )
    if report.notes:
        lines += ["", "notes:"] + [f"  - {note}" for note in report.notes]
    return "\n".join(lines)


def report_summary(report: BalanceReport, recorded: str = "") -> dict:
    """The shares and flags as plain data (``balance --json``; the model card reads it)."""
    shares = {}
    for actor, row in report.score_share.items():
        best = max(report.spam.get(actor, {}).items(), key=lambda item: item[1], default=None)
        shares[actor] = {
            **{policy: round(share, 4) for policy, share in row.items()},
            "spam": round(best[1], 4) if best else None,
            "spam_action": best[0] if best else "",
            "every_spam": {a: round(v, 4) for a, v in report.spam.get(actor, {}).items()},
            "hard_beats_random": round(report.hard_beats_random[actor], 4),
        }
    return {
        "scenario": report.scenario,
        "games": report.games,
        "opponents": report.opponents,
        "recorded": recorded,
        "shares": shares,
        "flags": report.flags,
        "notes": report.notes,
    }


CLAIM_MIN = 10  # a claim is judged once it has been made at least this often in the battery


def claim_flags(scenario, claims: dict[str, list[int]]) -> list[str]:
    """A claim that always pays (and nothing answers it) or never pays, over the battery."""
    flags = []
    answered = {c for claim in scenario.claims.values() for c in claim.rebuts}
    for claim_id, (made, paid) in sorted(claims.items()):
        if made < CLAIM_MIN:
            continue
        if paid == made and claim_id not in answered:
            flags.append(
                f"claim {claim_id!r} always pays: made {made} times, never false, never beaten, "
                "and no claim can rebut it"
            )
        elif paid == 0:
            flags.append(
                f"claim {claim_id!r} never pays: made {made} times, always false or beaten"
            )
    return flags


DEAL_MIN = 10  # a deal is judged once it has been offered at least this often in the battery
DEAL_ACCEPTED = 0.9  # accepted at least this share of the times offered, and never broken


def deal_flags(deals: dict[str, list[int]]) -> list[str]:
    """A deal that dominates: accepted almost whenever offered, and never broken."""
    flags = []
    for deal_id, (offered, accepted, completed, broken) in sorted(deals.items()):
        if offered < DEAL_MIN or broken or accepted < DEAL_ACCEPTED * offered:
            continue
        flags.append(
            f"deal {deal_id!r} dominates: accepted {accepted} of the {offered} times it was "
            f"offered and never broken ({completed} completed): nobody has a reason to refuse "
            "or break it"
        )
    return flags
