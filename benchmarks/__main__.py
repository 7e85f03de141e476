"""Run the benchmarks, print a table, write build/bench.json and build/bench.md.

``python -m benchmarks`` runs them all; ``python -m benchmarks engine ai`` runs some.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from pathlib import Path

MODULES = ["engine", "ai", "batch", "ui", "soak", "languages", "fuzz_scenarios", "fuzz_files"]
TARGETS = {
    "engine_steps_per_s": (">=", 30000),
    "startup_to_title_s": ("<", 1.5),
    "start_to_title_en_s": ("<", 1.5),
    "start_to_title_es_s": ("<", 1.5),
    "start_to_title_zh_s": ("<", 1.5),
    "frame_ms_p95": ("<", 8),
    "idle_cpu_percent": ("<", 5),
    "frame_ms_p95_2560x1440": ("<", 8),
    "idle_cpu_percent_2560x1440": ("<", 5),
    "soak_exceptions": ("<", 1),
    "turn_resolve_ms_p50": ("<", 100),
    "ai_hard_vs_random_win_rate_us": (">=", 0.8),
    "ai_hard_vs_random_win_rate_mx": (">=", 0.8),
    "ai_hard_vs_random_win_rate_cn": (">=", 0.8),
    "ai_normal_vs_easy_decided_win_share": (">", 0.5),
    "ai_decision_ms_p95": ("<=", 15),
    "montecarlo_10k_random_s": ("<=", 3),
    "montecarlo_10k_idle_s": ("<=", 1),
    "montecarlo_games_per_s_ai_hard": (">=", 20),
    "montecarlo_scaling_100k_over_10k": ("<", 12),
    "montecarlo_100k_peak_mb": ("<", 1024),
    "balance_200_games_s": ("<=", 60),
    "ai_batched_mismatches": ("<", 1),
    "fuzz_scenarios_handled_share": (">=", 1.0),
    "fuzz_files_handled_share": (">=", 1.0),
}


def verdict(key: str, value: float) -> tuple[str, str]:
    """(target text, 'ok' / 'missed' / '') for a result."""
    if key not in TARGETS:
        return "", ""
    op, goal = TARGETS[key]
    met = {">=": value >= goal, ">": value > goal, "<": value < goal, "<=": value <= goal}[op]
    return f"{op} {goal:g}", "ok" if met else "missed"


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    results: dict[str, float] = {}
    for name in argv or MODULES:
        print(f"running benchmarks.{name} ...", file=sys.stderr, flush=True)
        results.update(importlib.import_module(f"benchmarks.{name}").run())
    width = max(len(k) for k in results)
    rows = ["| benchmark | value | target | |", "|---|---|---|---|"]
    print(f"{'benchmark':<{width}}  {'value':>12}  target")
    for key, value in results.items():
        target, met = verdict(key, value)
        print(f"{key:<{width}}  {value:>12g}  {target} {met}".rstrip())
        rows.append(f"| `{key}` | {value:g} | {target} | {met} |")
    out = Path("build")
    out.mkdir(exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "system": platform.platform(),
    }
    report = {"results": results, "machine": machine}
    (out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "bench.md").write_text("\n".join(rows) + "\n")
    print("wrote build/bench.json and build/bench.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
