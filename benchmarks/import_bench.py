"""Import speed: 10,000 documents from the shared corpus imported from JSONL and from a
folder of .txt files, in MB/s, beside honest raw baselines in the same run.

    python benchmarks/import_bench.py [--quick] [--json PATH]

The baselines do the same work with bare ``sqlite3``: read and parse the same file(s),
compute each text's sha256, and ``executemany`` the same rows into a ``documents`` table
with the project's own schema and indexes (the unique sha256 index, the name index), in
WAL mode with ``synchronous=FULL`` as a project runs.  Target (issue 15): each import at
least half its baseline's rate (ratio >= 0.5).  Median of 5 runs, interleaved.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _common import build_documents, emit, parser, spread, table

from annotator.store import schema
from annotator.store.project import Project


def _raw_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for statement in schema._split_sql(schema._V1):  # the same tables and indexes
        conn.execute(statement)
    return conn


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO documents(name, text, sha256, length, meta, source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     rows)
    conn.execute("COMMIT")


def raw_jsonl(jsonl: Path, db: Path) -> float:
    """Seconds to parse the JSONL file, hash every text and executemany the rows."""
    conn = _raw_db(db)
    t = time.perf_counter()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    rows = []
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"]
            rows.append((rec["id"], text, hashlib.sha256(text.encode()).hexdigest(), len(text), "{}", str(jsonl), stamp))
    _insert(conn, rows)
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def raw_txt(folder: Path, db: Path) -> float:
    """Seconds to read and decode every .txt file, hash it and executemany the rows."""
    conn = _raw_db(db)
    t = time.perf_counter()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    rows = []
    for f in sorted(folder.glob("*.txt")):
        data = f.read_bytes()
        text = data.decode("utf-8")
        rows.append((f.stem, text, hashlib.sha256(data).hexdigest(), len(text), "{}", str(f), stamp))
    _insert(conn, rows)
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def ours(path: Path, source: Path, n: int) -> float:
    with Project.create(path, annotator="bench") as p:
        t = time.perf_counter()
        report = p.import_files([source])
        elapsed = time.perf_counter() - t
    assert len(report.added) == n, report.summary()
    return elapsed


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n = 500 if args.quick else 10_000
    texts = build_documents(n, 2_000)
    mb = sum(len(s.encode("utf-8")) for s in texts) / 1e6
    runs = {k: [] for k in ("raw_jsonl", "jsonl", "raw_txt", "txt")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = folder / "docs.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i, s in enumerate(texts):
                fh.write(json.dumps({"text": s, "id": f"doc{i}"}, ensure_ascii=False) + "\n")
        txt = folder / "txt"
        txt.mkdir()
        for i, s in enumerate(texts):
            (txt / f"doc{i:05d}.txt").write_text(s, encoding="utf-8")
        for i in range(5):  # interleaved, so load on the machine hits all alike
            runs["raw_jsonl"].append(raw_jsonl(jsonl, folder / f"raw{i}.db"))
            runs["jsonl"].append(ours(folder / f"jsonl{i}.annotproj", jsonl, n))
            runs["raw_txt"].append(raw_txt(txt, folder / f"rawtxt{i}.db"))
            runs["txt"].append(ours(folder / f"txt{i}.annotproj", txt, n))
    s = {k: spread(v) for k, v in runs.items()}
    rows = []
    metrics: dict = {"documents": n, "megabytes": round(mb, 2)}
    for fmt in ("jsonl", "txt"):
        base, mine = s[f"raw_{fmt}"], s[fmt]
        ratio = base["median"] / mine["median"]
        rows.append([fmt, round(mb / mine["median"], 1), f"{mb / mine['max']:.1f}–{mb / mine['min']:.1f}",
                     round(mb / base["median"], 1), round(ratio, 3)])
        metrics.update({f"{fmt}_mb_per_s": round(mb / mine["median"], 1), f"{fmt}_seconds": mine,
                        f"raw_{fmt}_mb_per_s": round(mb / base["median"], 1), f"{fmt}_ratio_to_raw": round(ratio, 3)})
    metrics["target_ratio"] = 0.5
    print(f"import of {n:,} documents ({mb:.1f} MB of UTF-8), median of 5 (min–max):")
    table(rows, ["import", "MB/s", "min–max", "raw MB/s", "ratio"])
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
