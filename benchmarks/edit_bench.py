"""The cost of one edit through the Project API, with undo recorded and guarded: add a span,
relabel it, undo, redo, on a document that already holds 5,000 spans (20,000 without
--quick), beside a baseline of one raw sqlite3 ``INSERT`` + ``COMMIT`` with the same
pragmas (WAL, ``synchronous=FULL``) in the same run: every edit is a durable commit, so
the fsync dominates both.

    python benchmarks/edit_bench.py [--quick] [--json PATH]
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from _common import emit, parser

from annotator.store.project import Project

TEXT = "قال الرئيس محمّد في دمشق إنّ الاتفاق تمّ مع وكالة Reuters يوم الاثنين ٢٠٢٤. " * 1600


def raw_commit_ms(folder: Path, n: int) -> float:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE spans (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT, start INT, end INT)")
    times = []
    for i in range(n):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO spans(label, start, end) VALUES (?, ?, ?)", ("PER", i, i + 3))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t)
    conn.close()
    return statistics.median(times) * 1000


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    existing, rounds = (5_000, 60) if args.quick else (20_000, 300)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        p = Project.create(folder / "edit.annotproj", annotator="lina")
        doc = p.add_documents([TEXT]).added[0]
        with p.macro("seed"):
            for i in range(existing):
                p.add_span(doc, "PER", i * 4, i * 4 + 3)
        p.history.clear()
        times: dict[str, list[float]] = {"add": [], "relabel": [], "undo": [], "redo": []}
        start = existing * 4 + 1
        def timed(name: str, call, *args):  # noqa: ANN001, ANN202
            t = time.perf_counter()
            result = call(*args)
            times[name].append(time.perf_counter() - t)
            return result

        for i in range(rounds):
            s = start + i * 5
            sid = timed("add", p.add_span, doc, "ORG", s, s + 3)
            timed("relabel", p.relabel_span, sid, "GPE")
            timed("undo", p.undo)
            timed("redo", p.redo)
        p.close()
        baseline = raw_commit_ms(folder, rounds)
    metrics: dict[str, float | int] = {"existing_spans": existing, "rounds": rounds, "baseline_raw_commit_p50_ms": baseline}
    for name, ts in times.items():
        ts.sort()
        metrics[f"{name}_p50_ms"] = statistics.median(ts) * 1000
        metrics[f"{name}_p95_ms"] = ts[int(len(ts) * 0.95) - 1] * 1000
        metrics[f"{name}_ratio_to_raw_commit"] = statistics.median(ts) * 1000 / baseline
    print(f"one edit on a document with {existing:,} spans ({rounds} of each)")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
