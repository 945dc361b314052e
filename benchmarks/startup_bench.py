"""Command-line start-up: ``annotator --version`` and ``annotator stats`` on a small
project, each a new process, beside ``python -c "import click"`` (the least a click
program costs) in the same run.

    python benchmarks/startup_bench.py [--quick] [--json PATH]

Byte code is cached (``PYTHONDONTWRITEBYTECODE`` is cleared and one warm-up run of each
writes it), as on an installed system.  Target (issue 15): both within 2x of python +
click.  Median of 9 runs (3 with --quick), interleaved, with min–max.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, emit, parser, spread, table


def run(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n_runs = 3 if args.quick else 9
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "small.annotproj"
        subprocess.run([sys.executable, "-m", "annotator", "init", str(project)], env=env, check=True, capture_output=True)
        commands = {
            "python + click": [sys.executable, "-c", "import click"],
            "annotator --version": [sys.executable, "-m", "annotator", "--version"],
            "annotator stats": [sys.executable, "-m", "annotator", "stats", str(project)],
        }
        for argv in commands.values():  # warm-up: byte code and page cache
            run(argv, env)
        runs: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(n_runs):
            for name, argv in commands.items():
                runs[name].append(run(argv, env))
    s = {k: spread(v) for k, v in runs.items()}
    base = s["python + click"]["median"]
    rows = [[k, round(v["median"] * 1000), f"{v['min'] * 1000:.0f}–{v['max'] * 1000:.0f}", round(v["median"] / base, 2)]
            for k, v in s.items()]
    metrics = {
        "runs": n_runs,
        "click_ms": round(base * 1000, 1),
        "version_ms": round(s["annotator --version"]["median"] * 1000, 1),
        "stats_ms": round(s["annotator stats"]["median"] * 1000, 1),
        "ratio_version_to_click": round(s["annotator --version"]["median"] / base, 2),
        "ratio_stats_to_click": round(s["annotator stats"]["median"] / base, 2),
        "target_ratio": 2.0,
    }
    print(f"start-up, a new process each time, median of {n_runs} (ms, min–max):")
    table(rows, ["command", "ms", "min–max", "ratio"])
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
