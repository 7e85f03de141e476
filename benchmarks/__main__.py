"""Run every benchmark, print a table and write build/bench.json."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from pathlib import Path

MODULES = ["benchmarks.engine", "benchmarks.ai", "benchmarks.ui"]
TARGETS = {
    "engine_steps_per_s": (">=", 20000),
    "startup_to_title_s": ("<", 1.5),
    "frame_ms_p95": ("<", 8),
    "idle_cpu_percent": ("<", 5),
    "turn_resolve_ms_p50": ("<", 100),
    "ai_hard_vs_random_win_rate_us": (">=", 0.8),
    "ai_hard_vs_random_win_rate_mx": (">=", 0.8),
    "ai_hard_vs_random_win_rate_cn": (">=", 0.8),
    "ai_normal_vs_easy_win_rate": (">=", 0.5),
    "ai_decision_ms_p95": ("<", 100),
    "montecarlo_10k_random_s": ("<", 10),
}


def main() -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    results: dict[str, float] = {}
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        print(f"running {name} ...", file=sys.stderr)
        results.update(module.run())
    width = max(len(k) for k in results)
    print(f"{'benchmark':<{width}}  {'value':>12}  target")
    for key, value in results.items():
        op, goal = TARGETS.get(key, ("", ""))
        met = (
            ""
            if not op
            else ("ok" if (value >= goal if op == ">=" else value < goal) else "MISSED")
        )
        print(f"{key:<{width}}  {value:>12g}  {op} {goal} {met}".rstrip())
    out = Path("build") / "bench.json"
    out.parent.mkdir(exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "system": platform.platform(),
    }
    out.write_text(json.dumps({"results": results, "machine": machine}, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
