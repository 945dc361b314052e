"""Export speed and memory: 10,000 documents with 1,000,000 spans exported in every format
that can be written, beside a raw read baseline in the same run.

    python benchmarks/export_bench.py [--quick] [--json PATH] [--docs N] [--runs N]

The baseline reads the same rows as an export (documents; spans joined with their
fragments and stored surfaces) with raw ``sqlite3``, checks ``text[start:end] == surface``
for each fragment, and writes ``json.dumps`` lines, a batch of documents at a time.  Each
export (and the baseline) runs in its own process, so its peak resident memory is its own;
spaCy and ``datasets`` are imported before the clock starts.
Target (issue 15): every format at least half the baseline's rate (ratio >= 0.5), in
memory bounded by a document (spaCy: DocBins of ``--docs-per-file`` documents).  Median of
5 runs (1 with --quick), interleaved; the ratio is of medians.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import build_documents, emit, in_child, parser, spread, table

from annotator import formats
from annotator.core.model import Annotations, Document, Span
from annotator.core.text import words
from annotator.store.project import Project

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "DATE", "NORP", "TITLE")
#: Documents per DocBin for the spaCy export.
SPACY_DOCS_PER_FILE = 1_000


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


BASELINE = """
import sqlite3
out = open(P["out"], "w", encoding="utf-8")
t = time.perf_counter()
conn = sqlite3.connect(P["project"])
ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
for i in range(0, len(ids), 256):
    lo, hi = ids[i], ids[min(i + 256, len(ids)) - 1]
    texts = {d: (n, t_) for d, n, t_ in conn.execute(
        "SELECT id, name, text FROM documents WHERE id BETWEEN ? AND ?", (lo, hi))}
    spans = {}
    for doc, sid, label, start, end, surface in conn.execute(
        "SELECT s.document_id, s.id, s.label, f.start, f.end, f.surface FROM spans s JOIN fragments f ON f.span_id = s.id "
        "WHERE s.document_id BETWEEN ? AND ? ORDER BY s.document_id, s.annotator_id, s.start, s.end, s.id, f.seq", (lo, hi)):
        assert texts[doc][1][start:end] == surface
        spans.setdefault(doc, []).append([sid, label, start, end, surface])
    for did, (name, text) in texts.items():
        out.write(json.dumps({"name": name, "text": text, "spans": spans.get(did, [])}, ensure_ascii=False) + "\\n")
out.close()
conn.close()
result["seconds"] = time.perf_counter() - t
"""

EXPORT = """
from annotator.transfer.export import export_project
from annotator.store.project import Project
if P["format"] == "spacy":  # the optional packages are imported once, before the clock
    import spacy; spacy.blank("ar")
elif P["format"] == "hf":
    import datasets, pyarrow.parquet  # noqa: F401
t = time.perf_counter()
with Project.open(P["project"], annotator="bench") as p:
    export_project(p, P["format"], P["out"], annotator="bench", options=P["options"])
result["seconds"] = time.perf_counter() - t
"""


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, help="documents (100 spans each; default 10,000, --quick 300)")
    p.add_argument("--runs", type=int, help="runs of each export (default 5, --quick 1)")
    args = p.parse_args()
    n_docs, per_doc = (300, 100) if args.quick else (10_000, 100)
    n_docs = args.docs or n_docs
    n_runs = args.runs or (1 if args.quick else 5)
    writable = [f for f in formats.names() if formats.get(f).can_write]
    runs: dict[str, list[dict]] = {k: [] for k in ["baseline", *writable]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proj = folder / "bench.annotproj"
        build_s, n_spans = build(proj, n_docs, per_doc)
        for i in range(n_runs):  # interleaved, so load on the machine hits every format alike
            runs["baseline"].append(in_child(BASELINE, project=str(proj), out=str(folder / f"raw{i}.jsonl")))
            for fmt in writable:
                options = {"docs_per_file": SPACY_DOCS_PER_FILE} if fmt == "spacy" else {}
                runs[fmt].append(in_child(EXPORT, project=str(proj), format=fmt, out=str(folder / f"{fmt}{i}"),
                                          options=options))
    base = spread([r["seconds"] for r in runs["baseline"]])
    metrics: dict = {"documents": n_docs, "spans": n_spans, "runs": n_runs, "build_seconds": round(build_s, 2),
                     "baseline_seconds": base, "baseline_spans_per_second": round(n_spans / base["median"]),
                     "baseline_peak_mb": round(max(r["peak_mb"] for r in runs["baseline"]))}
    rows = [["raw read (baseline)", round(n_spans / base["median"]), f"{base['min']:.2f}–{base['max']:.2f}",
             round(base["median"], 2), "1.000", metrics["baseline_peak_mb"]]]
    for fmt in writable:
        s = spread([r["seconds"] for r in runs[fmt]])
        peak = round(max(r["peak_mb"] for r in runs[fmt]))
        ratio = base["median"] / s["median"]
        rows.append([fmt, round(n_spans / s["median"]), f"{s['min']:.2f}–{s['max']:.2f}", round(s["median"], 2),
                     f"{ratio:.3f}", peak])
        metrics.update({f"{fmt}_seconds": s, f"{fmt}_spans_per_second": round(n_spans / s["median"]),
                        f"{fmt}_ratio_to_baseline": round(ratio, 3), f"{fmt}_peak_mb": peak})
    metrics["target_ratio"] = 0.5
    print(f"export of {n_docs:,} documents, {n_spans:,} spans, median of {n_runs} (seconds min–max):")
    table(rows, ["format", "spans/s", "min–max s", "median s", "ratio", "peak MB"])
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
