"""CoNLL import speed and peak memory: a big CoNLL file (Wojood's nested columns and AQMAR,
repeated as documents) imported into a project, beside a baseline that splits the same lines
and inserts the same documents and spans with raw sqlite3 ``executemany`` in the same run.

    python benchmarks/conll_bench.py [--quick] [--json PATH] [--runs N] [--megabytes MB]

Targets (issue 15): at least 0.3 of the baseline's speed, and peak memory under 300 MB for
a 50 MB file.  Each run is a child process, so its peak resident memory is its own.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, corpus_dir, emit, parser


def build_file(path: Path, megabytes: float) -> int:
    """Write a CoNLL file of about ``megabytes`` MB; return its size in bytes."""
    c = corpus_dir()
    blocks = [(c / "wojood" / "val.txt").read_text(encoding="utf-8").strip("\n"),
              (c / "aqmar" / "Islamic_Golden_Age.txt").read_text(encoding="utf-8").strip("\n")]
    size = 0
    k = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        while size < megabytes * 1e6:
            block = blocks[k % 2]
            # a number in the first token makes each document's text (and sha256) its own
            text = f"-DOCSTART- O\n\nوثيقة{k} O\n\n{block}\n\n"
            fh.write(text)
            size += len(text.encode("utf-8"))
            k += 1
    return size


def baseline(path: Path, db: Path) -> tuple[float, int, int]:
    """Split the lines and insert documents, spans and fragments with executemany: the least
    any importer must do.  Returns (seconds, documents, spans)."""
    t = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    conn.execute("CREATE TABLE spans (id INTEGER PRIMARY KEY, document_id INTEGER, label TEXT, start INTEGER, end INTEGER,"
                 " surface TEXT)")
    conn.execute("CREATE TABLE fragments (id INTEGER PRIMARY KEY, span_id INTEGER, seq INTEGER, start INTEGER, end INTEGER,"
                 " surface TEXT)")
    conn.execute("BEGIN IMMEDIATE")
    docs = spans = 0
    doc_id = 0
    span_id = 0
    lines: list[str] = []
    rows: list[tuple] = []
    frags: list[tuple] = []
    tokens: list[str] = []
    pos = 0
    open_at: dict[int, tuple[int, str]] = {}

    def flush_doc() -> None:
        nonlocal doc_id, pos, docs
        if lines:
            doc_id += 1
            docs += 1
            conn.execute("INSERT INTO documents(id, text) VALUES (?, ?)", (doc_id, "\n".join(lines)))
            conn.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, 0, ?, ?, ?)", frags)
            rows.clear()
            frags.clear()
            lines.clear()
            pos = 0

    def close(col: int, end: int) -> None:
        nonlocal span_id, spans
        start, label = open_at.pop(col)
        span_id += 1
        spans += 1
        rows.append((span_id, doc_id + 1, label, start, end, ""))
        frags.append((span_id, start, end, ""))

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            if not fields or fields[0] == "-DOCSTART-":
                for col in list(open_at):
                    close(col, pos - 1)
                if tokens:
                    lines.append(" ".join(tokens))
                    tokens.clear()
                if fields:
                    flush_doc()
                continue
            tok = fields[0]
            start = pos
            pos += len(tok) + 1
            tokens.append(tok)
            for col, tag in enumerate(fields[1:]):
                if tag[:2] in ("B-", "O") or tag == "O":
                    if col in open_at:
                        close(col, start - 1)
                    if tag != "O":
                        open_at[col] = (start, tag[2:])
    for col in list(open_at):
        close(col, pos - 1)
    if tokens:
        lines.append(" ".join(tokens))
    flush_doc()
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t, docs, spans


CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from annotator.store.project import Project
with Project.create(sys.argv[2], annotator="bench") as p:
    t = time.perf_counter()
    report = p.import_files([sys.argv[1]], format="conll", add_labels=True)
    elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "documents": len(report.added), "spans": report.spans,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def ours(path: Path, project: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(project), str(ROOT)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, help="runs to take the median of (default 3; 1 with --quick)")
    p.add_argument("--megabytes", type=float, help="the file's size (default 50; 1 with --quick)")
    args = p.parse_args()
    megabytes = args.megabytes or (1.0 if args.quick else 50.0)
    runs = args.runs or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "big.conll"
        size = build_file(path, megabytes)
        raw, mine, peaks = [], [], []
        docs = spans = ours_spans = 0
        for i in range(runs):  # interleaved, so load on the machine hits both alike
            seconds, docs, spans = baseline(path, folder / f"raw{i}.db")
            raw.append(seconds)
            result = ours(path, folder / f"p{i}.annotproj")
            mine.append(result["seconds"])
            peaks.append(result["peak_mb"])
            assert result["documents"] == docs, (result, docs)
            ours_spans = result["spans"]
    base, t = statistics.median(raw), statistics.median(mine)
    metrics = {
        "file_megabytes": round(size / 1e6, 1),
        "documents": docs,
        "spans_baseline": spans,
        "spans_imported": ours_spans,  # a few more: the importer repairs orphan I- tags the baseline skips
        "runs": runs,
        "baseline_seconds": round(base, 2),
        "import_seconds": round(t, 2),
        "import_seconds_min": round(min(mine), 2),
        "import_seconds_max": round(max(mine), 2),
        "ratio_to_baseline": round(base / t, 3),
        "target_ratio": 0.3,
        "peak_memory_mb": round(max(peaks), 1),
        "target_peak_memory_mb": 300,
        "bench_process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"CoNLL import of a {size / 1e6:.1f} MB file ({docs:,} documents, {spans:,} spans), median of {runs}:")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
