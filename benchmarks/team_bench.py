"""Team work at scale: pack, merge (and merge again, a no-op), agreement and the report
on documents from the shared corpus, each annotated by two annotators.

    python benchmarks/team_bench.py [--quick] [--json PATH]

Baseline, in the same run: importing the same annotations with ``add_documents`` (which
attaches them to the existing documents by sha256).  Merging does more (it reads and
fingerprints both sides of every layer), so the ratio says what that costs.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from _common import build_documents, emit, parser

from annotator.core.model import Annotations, Document, Span
from annotator.core.text import tokens
from annotator.store.project import Project

LABELS = ["PER", "ORG", "GPE", "LOC", "FAC", "DATE"]


def annotations(texts: list[str], who: str, seed: int) -> list[Document]:
    """Return the texts with about one token in six labelled (one-token spans) by ``who``."""
    rng = random.Random(seed)
    out = []
    for text in texts:
        toks = tokens(text)
        spans = [Span(label=rng.choice(LABELS), fragments=[tok], id=k) for k, tok in enumerate(toks) if rng.random() < 0.16]
        out.append(Document(text=text, annotations={who: Annotations(spans=spans, status="done")}))
    return out


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n = 100 if args.quick else 1_000
    texts = build_documents(n, 1_500, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.create(folder / "lead.annotproj", annotator="lead") as p:
            p.add_documents([{"text": t, "name": f"d{i}"} for i, t in enumerate(texts)])
            p.assign(["lina", "omar"], overlap=1.0, seed=1)   # every document twice
        with Project.create(folder / "baseline.annotproj", annotator="lead") as b:
            b.add_documents([{"text": t, "name": f"d{i}"} for i, t in enumerate(texts)])
        work = {who: annotations(texts, who, seed) for seed, who in enumerate(("lina", "omar"))}
        spans = sum(len(d.annotations[w].spans) for docs in work.values() for d in docs for w in d.annotations)
        with Project.open(folder / "lead.annotproj") as p:
            pack_s, _ = timed(lambda: p.pack(folder / "lina.annotproj", "lina"))
            p.pack(folder / "omar.annotproj", "omar")
        for who in ("lina", "omar"):
            with Project.open(folder / f"{who}.annotproj") as q:
                q.add_documents(work[who])
        with Project.open(folder / "baseline.annotproj") as b:
            import_s, _ = timed(lambda: [b.add_documents(work[w]) for w in ("lina", "omar")])
        with Project.open(folder / "lead.annotproj") as p:
            merge_s, report = timed(lambda: p.merge([folder / "lina.annotproj", folder / "omar.annotproj"]))
            assert len(report.added) == 2 * n, report.summary()
            remerge_s, again = timed(lambda: p.merge([folder / "lina.annotproj", folder / "omar.annotproj"]))
            assert again.unchanged == 2 * n and not again.changed
            agree_s, result = timed(lambda: p.agreement(["lina", "omar"]))
            toks = result["pairs"][0]["tokens"]["count"]
            from annotator.report import write_report

            report_s, _ = timed(lambda: write_report(p, folder / "report"))
    metrics = {
        "documents": n,
        "spans": spans,
        "pack_seconds": round(pack_s, 3),
        "merge_seconds": round(merge_s, 3),
        "merge_again_seconds": round(remerge_s, 3),
        "import_same_annotations_seconds": round(import_s, 3),
        "ratio_merge_to_import": round(merge_s / import_s, 2),
        "merge_documents_per_s": round(2 * n / merge_s, 1),
        "agreement_seconds": round(agree_s, 3),
        "agreement_tokens_per_s": round(toks / agree_s),
        "report_seconds": round(report_s, 3),
    }
    print(f"team work on {n:,} documents, each annotated by lina and omar ({spans:,} spans):")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
