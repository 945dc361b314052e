"""Export speed: 10,000 documents with 1,000,000 spans exported to jsonl and to conll, beside
a baseline that reads the same rows (documents, spans, fragments) with raw ``sqlite3`` and
writes ``json.dumps`` lines, in the same run.

    python benchmarks/export_bench.py [--quick] [--json PATH]

Target (issue 5): the jsonl export at least half the baseline's rate (ratio >= 0.5).  The
export does more than the baseline: it checks every fragment's surface against the text,
reads events, relations, attributes, notes, stances and statuses too, and writes a
manifest with checksums.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from _common import build_documents, emit, parser

from annotator.core.model import Annotations, Document, Span
from annotator.core.text import words
from annotator.formats.export import export_project
from annotator.store.project import Project

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "DATE", "NORP", "TITLE")


def build(path: Path, n_docs: int, spans_per_doc: int) -> tuple[float, int]:
    """Create the project through ``add_documents``; return (seconds, spans)."""
    texts = build_documents(n_docs, 2_000)
    docs = []
    total = 0
    for i, text in enumerate(texts):
        ws = list(words(text))
        step = max(1, len(ws) // spans_per_doc)
        picked = ws[::step][:spans_per_doc]
        spans = [Span(label=LABELS[k % len(LABELS)], fragments=[w], id=k) for k, w in enumerate(picked)]
        total += len(spans)
        docs.append(Document(text=text, name=f"doc{i}", annotations={"": Annotations(spans=spans, status="done")}))
    t = time.perf_counter()
    with Project.create(path, annotator="bench") as p:
        p.add_documents(docs)
    return time.perf_counter() - t, total


def baseline(path: Path, out: Path) -> float:
    """Seconds to read the same rows as the export (documents; spans joined with their
    fragments and stored surfaces) with raw sqlite3 and write them as JSON lines."""
    t = time.perf_counter()
    conn = sqlite3.connect(path)
    spans: dict[int, list] = {}
    for doc, sid, label, start, end, surface in conn.execute(
        "SELECT s.document_id, s.id, s.label, f.start, f.end, f.surface FROM spans s JOIN fragments f ON f.span_id = s.id "
        "ORDER BY s.document_id, s.start, s.end, s.id, f.seq"
    ):
        spans.setdefault(doc, []).append([sid, label, start, end, surface])
    with out.open("w", encoding="utf-8") as fh:
        for did, name, text in conn.execute("SELECT id, name, text FROM documents ORDER BY id"):
            fh.write(json.dumps({"name": name, "text": text, "spans": spans.get(did, [])}, ensure_ascii=False) + "\n")
    conn.close()
    return time.perf_counter() - t


def ours(path: Path, fmt: str, out: Path) -> float:
    t = time.perf_counter()
    with Project.open(path, annotator="bench") as p:
        export_project(p, fmt, out, annotator="bench")
    return time.perf_counter() - t


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n_docs, per_doc = (300, 100) if args.quick else (10_000, 100)
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proj = folder / "bench.annotproj"
        build_s, n_spans = build(proj, n_docs, per_doc)
        raw, jl, cn = [], [], []
        for i in range(runs):  # interleaved, so load on the machine hits all three alike
            raw.append(baseline(proj, folder / f"raw{i}.jsonl"))
            jl.append(ours(proj, "jsonl", folder / f"out{i}.jsonl"))
            cn.append(ours(proj, "conll", folder / f"out{i}.conll"))
    raw_s, jl_s, cn_s = statistics.median(raw), statistics.median(jl), statistics.median(cn)
    emit({
        "documents": n_docs,
        "spans": n_spans,
        "build_seconds": build_s,
        "baseline_seconds": raw_s,
        "jsonl_seconds": jl_s,
        "conll_seconds": cn_s,
        "jsonl_spans_per_second": n_spans / jl_s,
        "jsonl_ratio_to_baseline": raw_s / jl_s,
        "conll_ratio_to_baseline": raw_s / cn_s,
    }, args.json)


if __name__ == "__main__":
    main()
