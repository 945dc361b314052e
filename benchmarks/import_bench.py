"""Import speed: 10,000 documents from the shared corpus into a project, in MB/s, beside a
raw sqlite3 ``executemany`` of the same texts in the same run (the baseline).

    python benchmarks/import_bench.py [--quick] [--json PATH]

Target (issue 2): at least half the raw rate.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from _common import build_documents, emit, parser

from annotator.store.project import Project


def raw_baseline(texts: list[str], folder: Path) -> float:
    """Seconds for a bare executemany of the texts, WAL and synchronous=FULL like ours."""
    folder.mkdir()
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO documents(text) VALUES (?)", ((s,) for s in texts))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n = 500 if args.quick else 10_000
    texts = build_documents(n, 2_000)
    mb = sum(len(s.encode("utf-8")) for s in texts) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = folder / "docs.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i, s in enumerate(texts):
                fh.write(json.dumps({"text": s, "id": f"doc{i}"}, ensure_ascii=False) + "\n")
        raw_runs, ours_api, ours_file = [], [], []
        for i in range(5):  # interleaved, so load on the machine hits all three alike
            raw_runs.append(raw_baseline(texts, folder / f"raw{i}"))
            with Project.create(folder / f"api{i}.annotproj", annotator="bench") as p:
                t = time.perf_counter()
                report = p.add_documents([{"text": s, "name": f"doc{k}"} for k, s in enumerate(texts)])
                ours_api.append(time.perf_counter() - t)
                assert len(report.added) == n
            with Project.create(folder / f"file{i}.annotproj", annotator="bench") as p:
                t = time.perf_counter()
                report = p.import_files([jsonl])
                ours_file.append(time.perf_counter() - t)
                assert len(report.added) == n
    raw = statistics.median(raw_runs)
    api, file_ = statistics.median(ours_api), statistics.median(ours_file)
    metrics = {
        "documents": n,
        "megabytes": round(mb, 2),
        "raw_executemany_mb_per_s": round(mb / raw, 1),
        "project_add_documents_mb_per_s": round(mb / api, 1),
        "project_import_jsonl_mb_per_s": round(mb / file_, 1),
        "ratio_add_documents_to_raw": round(raw / api, 3),
        "ratio_import_jsonl_to_raw": round(raw / file_, 3),
        "target_ratio": 0.5,
    }
    print(f"import of {n:,} documents ({mb:.1f} MB of UTF-8), median of 5:")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
