"""The scale curve: import, export (jsonl, conll, spacy) and agreement at 10^3, 10^4 and
10^5 documents, each in its own process, with its time and peak resident memory.

    python benchmarks/scale_bench.py [--quick] [--json PATH] [--sizes 1000,10000,100000]

Documents are built from the shared corpus (about 600 characters each), with two
annotators' layers (about one token in six labelled, the second annotator agreeing on
most); "import" is ``add_documents`` of texts and both layers.  Linear time shows as a
constant time per 1,000 documents down each column; flat memory as a peak that does not
grow with the corpus.  Targets (issue 15): agreement over 10^4 documents under 300 MB and
within 10 s.  One run per size (the sizes themselves are the repetition); --quick runs
100 and 300 documents.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from _common import emit, in_child, parser, table

BUILD = """
import random
sys.path.insert(0, P["bench"])
from _common import build_documents
from annotator.core.model import Annotations, Document, Span
from annotator.core.text import tokens
from annotator.store.project import Project
labels = ["PER", "ORG", "GPE", "LOC", "FAC", "DATE"]
rng = random.Random(5)
docs = []
for i, text in enumerate(build_documents(P["n"], 600, seed=11)):
    a, b = [], []
    for k, tok in enumerate(tokens(text)):
        if rng.random() < 0.16:
            lab = rng.choice(labels)
            a.append(Span(label=lab, fragments=[tok], id=k))
            if rng.random() < 0.8:
                b.append(Span(label=lab if rng.random() < 0.9 else rng.choice(labels), fragments=[tok], id=k))
    docs.append(Document(text=text, name=f"d{i}", annotations={
        "lina": Annotations(spans=a, status="done"), "omar": Annotations(spans=b, status="done")}))
t = time.perf_counter()
with Project.create(P["project"], annotator="lina") as p:
    report = p.add_documents(docs)
result["seconds"] = time.perf_counter() - t
result["spans"] = report.spans
"""

EXPORT = """
from annotator.transfer.export import export_project
from annotator.store.project import Project
if P["format"] == "spacy":
    import spacy; spacy.blank("ar")
t = time.perf_counter()
with Project.open(P["project"], annotator="lina") as p:
    export_project(p, P["format"], P["out"], annotator=None if P["format"] == "jsonl" else "lina",
                   options={"docs_per_file": 1000} if P["format"] == "spacy" else {})
result["seconds"] = time.perf_counter() - t
"""

AGREEMENT = """
from annotator.store.project import Project
t = time.perf_counter()
with Project.open(P["project"], annotator="lead") as p:
    r = p.agreement(["lina", "omar"])
result["seconds"] = time.perf_counter() - t
result["kappa"] = r["pairs"][0]["tokens"]["kappa"]
"""


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sizes", help="comma-separated numbers of documents (default 1000,10000,100000)")
    args = p.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else [100, 300] if args.quick else [1_000, 10_000, 100_000]
    bench = str(Path(__file__).resolve().parent)
    work = ("import", "export jsonl", "export conll", "export spacy", "agreement")
    rows, metrics = [], {"sizes": sizes}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            proj = str(folder / "scale.annotproj")
            got = {"import": in_child(BUILD, n=n, project=proj, bench=bench)}
            for fmt in ("jsonl", "conll", "spacy"):
                got[f"export {fmt}"] = in_child(EXPORT, project=proj, format=fmt, out=str(folder / fmt))
            got["agreement"] = in_child(AGREEMENT, project=proj)
        for w in work:
            r = got[w]
            rows.append([f"{n:,}", w, round(r["seconds"], 2), round(r["seconds"] / n * 1000, 3), round(r["peak_mb"])])
            key = w.replace(" ", "_")
            metrics[f"{key}_{n}_seconds"] = round(r["seconds"], 3)
            metrics[f"{key}_{n}_peak_mb"] = round(r["peak_mb"])
        metrics[f"spans_{n}"] = got["import"]["spans"]
    print("the scale curve (one run per size; s per 1,000 documents should stay flat, and so should peak MB):")
    table(rows, ["documents", "work", "seconds", "s per 1k docs", "peak MB"])
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
