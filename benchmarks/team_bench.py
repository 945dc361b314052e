"""Team work at scale: ten annotators' packages of 1,000 documents each merged into the
lead's project, a merge again that changes nothing, agreement, and the report.

    python benchmarks/team_bench.py [--quick] [--json PATH] [--docs N] [--runs N]

Baseline, in the same run: importing the same annotations (all ten layers) with
``add_documents`` into a copy of the lead's project (it attaches them to the existing
documents by sha256).  Targets (issue 15): merging the ten packages at most 1.0x the
baseline's time; merging an unchanged package at most 1 s.  Merges and the baseline run
5 times (1 with --quick) on fresh copies of the lead's project, interleaved; medians and
min–max.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from _common import build_documents, emit, parser, spread, table

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


def copy(src: Path, dst: Path) -> Path:
    """Copy a project file through SQLite's backup API."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    return dst


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--docs", type=int, help="documents per package (default 1,000, --quick 30)")
    p.add_argument("--runs", type=int, help="runs of the merges and the baseline (default 5, --quick 1)")
    args = p.parse_args()
    n, people = (30, 10) if args.quick else (1_000, 10)
    n = args.docs or n
    n_runs = args.runs or (1 if args.quick else 5)
    names = [f"a{k}" for k in range(people)]
    texts = build_documents(n, 1_500, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lead = folder / "lead.annotproj"
        with Project.create(lead, annotator="lead") as p:
            ids = p.add_documents([{"text": t, "name": f"d{i}"} for i, t in enumerate(texts)]).added
            p.assign(names, overlap=1.0, seed=1)
            pack_s, _ = timed(lambda: p.pack(folder / f"{names[0]}.annotproj", names[0], documents=ids))
            for who in names[1:]:
                p.pack(folder / f"{who}.annotproj", who, documents=ids)
        packed = copy(lead, folder / "packed.annotproj")  # the lead's project before any merge
        work = {who: annotations(texts, who, seed) for seed, who in enumerate(names)}
        spans = sum(len(d.annotations[w].spans) for docs in work.values() for d in docs for w in d.annotations)
        for who in names:
            with Project.open(folder / f"{who}.annotproj") as q:
                q.add_documents(work[who])
        packages = [folder / f"{who}.annotproj" for who in names]
        runs: dict[str, list[float]] = {k: [] for k in ("import", "merge", "merge_again", "merge_one_unchanged")}
        for i in range(n_runs):
            base = copy(packed, folder / f"baseline{i}.annotproj")
            with Project.open(base) as b:
                runs["import"].append(timed(lambda b=b: [b.add_documents(work[w]) for w in names])[0])
            target = copy(packed, folder / f"merged{i}.annotproj")
            with Project.open(target) as p:
                merge_s, report = timed(lambda p=p: p.merge(packages))
                assert len(report.added) == people * n, report.summary()
                again_s, again = timed(lambda p=p: p.merge(packages))
                assert again.unchanged == people * n and not again.changed, again.summary()
                one_s, one = timed(lambda p=p: p.merge(packages[:1]))
                assert one.unchanged == n and not one.changed
            runs["merge"].append(merge_s)
            runs["merge_again"].append(again_s)
            runs["merge_one_unchanged"].append(one_s)
        with Project.open(folder / "merged0.annotproj") as p:
            agree_s, result = timed(lambda: p.agreement(names[:2]))
            toks = result["pairs"][0]["tokens"]["count"]
            from annotator.report import write_report

            report_s, _ = timed(lambda: write_report(p, folder / "report"))
    s = {k: spread(v) for k, v in runs.items()}
    ratio = s["merge"]["median"] / s["import"]["median"]
    rows = [[k.replace("_", " "), round(v["median"], 3), f"{v['min']:.3f}–{v['max']:.3f}"] for k, v in s.items()]
    metrics = {
        "documents": n,
        "annotators": people,
        "spans": spans,
        "runs": n_runs,
        "pack_seconds": round(pack_s, 3),
        "import_same_annotations_seconds": s["import"],
        "merge_seconds": s["merge"],
        "merge_again_seconds": s["merge_again"],
        "merge_one_unchanged_package_seconds": s["merge_one_unchanged"],
        "ratio_merge_to_import": round(ratio, 3),
        "target_ratio_merge_to_import": 1.0,
        "merge_documents_per_s": round(people * n / s["merge"]["median"], 1),
        "agreement_two_annotators_seconds": round(agree_s, 3),
        "agreement_tokens_per_s": round(toks / agree_s),
        "report_seconds": round(report_s, 3),
    }
    print(f"team work: {people} packages of {n:,} documents each ({spans:,} spans), median of {n_runs}:")
    table(rows + [["merge / import (ratio)", round(ratio, 3), ""]], ["work", "seconds", "min–max"])
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
