"""Computer players: win rates against weaker play, decision time, games a second at scale."""

from __future__ import annotations

import time

from benchmarks.engine import DEFAULT, _model
from game.sim.players import choose_seats, make_player
from game.sim.session import Game
from game.tools import montecarlo
from game.tools.montecarlo import Batch

WIN_RATE_GAMES = 200


def duel(actor: str, strong: str, weak: str, others: str, games: int) -> tuple[int, int]:
    """(wins, losses) of ``strong`` over ``weak`` as ``actor`` in the same seeded games."""
    model = _model()
    seats = dict.fromkeys(model.actor_ids, others)
    strong_runs = montecarlo.run(Batch(str(DEFAULT), {**seats, actor: strong}, games))
    weak_runs = montecarlo.run(Batch(str(DEFAULT), {**seats, actor: weak}, games))
    pairs = list(zip(strong_runs, weak_runs, strict=True))
    wins = sum(s.scores[actor] > w.scores[actor] + 1e-9 for s, w in pairs)
    losses = sum(s.scores[actor] < w.scores[actor] - 1e-9 for s, w in pairs)
    return wins, losses


def decision_ms(level: str = "ai:hard", games: int = 3) -> list[float]:
    """Milliseconds per decision of ``level`` for every seat and turn of a few games."""
    model = _model()
    times = []
    for seed in range(games):
        game = Game(model, seed, {a: make_player(level, seed) for a in model.actor_ids})
        while not game.finished:
            orders = {}
            for actor, player in game.players.items():
                start = time.perf_counter()
                orders[actor] = player.choose(game.state, actor, game.ledgers)
                times.append((time.perf_counter() - start) * 1000)
            game.play_turn(orders)
    return times


def month_ms(level: str = "ai:hard", games: int = 3) -> list[float]:
    """Milliseconds for every seat's decision of a month, made together (as a game asks)."""
    model = _model()
    times = []
    for seed in range(games):
        game = Game(model, seed, {a: make_player(level, seed) for a in model.actor_ids})
        while not game.finished:
            start = time.perf_counter()
            chosen = choose_seats(game.state, game.computer_seats(), game.ledgers)
            times.append((time.perf_counter() - start) * 1000)
            game.play_turn(chosen)
    return times


def montecarlo_seconds(policy: str, games: int) -> float:
    model = _model()
    batch = Batch(str(DEFAULT), dict.fromkeys(model.actor_ids, policy), games)
    start = time.perf_counter()
    montecarlo.run(batch)
    return time.perf_counter() - start


def run() -> dict[str, float]:
    results: dict[str, float] = {}
    model = _model()
    for actor in model.actor_ids:
        wins, _ = duel(actor, "ai:hard", "random", "random", WIN_RATE_GAMES)
        results[f"ai_hard_vs_random_win_rate_{actor}"] = round(wins / WIN_RATE_GAMES, 3)
    games = 60
    duels = [duel(a, "ai:normal", "ai:easy", "random", games) for a in model.actor_ids]
    wins, losses = sum(w for w, _ in duels), sum(lost for _, lost in duels)
    results["ai_normal_vs_easy_win_rate"] = round(wins / (games * len(duels)), 3)
    results["ai_normal_vs_easy_loss_rate"] = round(losses / (games * len(duels)), 3)
    results["ai_normal_vs_easy_decided_win_share"] = round(wins / max(1, wins + losses), 3)
    times = sorted(decision_ms())
    results["ai_decision_ms_p50"] = round(times[len(times) // 2], 2)
    results["ai_decision_ms_p95"] = round(times[int(len(times) * 0.95)], 2)
    months = sorted(month_ms())
    results["ai_month_ms_p50"] = round(months[len(months) // 2], 2)  # every seat together
    results["ai_month_ms_p95"] = round(months[int(len(months) * 0.95)], 2)
    results["montecarlo_10k_random_s"] = round(montecarlo_seconds("random", 10_000), 2)
    results["montecarlo_10k_idle_s"] = round(montecarlo_seconds("idle", 10_000), 2)
    hard_games = 40
    results["montecarlo_games_per_s_ai_hard"] = round(
        hard_games / montecarlo_seconds("ai:hard", hard_games), 2
    )
    return results
