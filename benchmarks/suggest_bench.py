"""Suggestions that learn from the project: learning curve, speed, and saved actions.

    python benchmarks/suggest_bench.py [--quick] [--json PATH]

On the shared corpus (Wojood segments and AQMAR sentences, each one document, as the
CoNLL reader imports them; nested Wojood entities kept):
- the CRF's span F1 (exact label and offsets, every nesting level) on held-out documents
  after training on 5, 10, 20 and 50 documents; the string matcher alone; both combined;
- training time, and the time from an edit to updated suggestions on the news article
  (retrain matcher and CRF on the project's layer, predict, store);
- a simulated annotator who knows the gold annotations and works through Wojood in order:
  each shown suggestion (confidence >= 0.5) costs one action (accept or reject), each
  entity left to add costs two (select, label key).  Baseline in the same run: the same
  annotator with no suggestions (two actions per entity).  Target: at least 40% fewer
  actions from the 20th document on.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import ROOT, corpus_dir, emit, parser

from annotator import formats
from annotator.core.scheme import default_scheme
from annotator.store.project import Project
from annotator.suggest import Suggester
from annotator.suggest.base import Context, TrainingDoc
from annotator.suggest.crf import CrfTagger
from annotator.suggest.matcher import StringMatcher

SHOWN = 0.5  # the window's default: suggestions below this confidence are hidden


def read_documents(path: Path) -> tuple[list[TrainingDoc], set[str]]:
    """Read a CoNLL file and return one document per sentence (segment), with its spans."""
    result = formats.get("conll").read(path, scheme=default_scheme(), add_labels=True)
    doc = result.documents[0]
    spans = [(s.fragments[0][0], s.fragments[0][1], s.label) for s in doc.annotations[""].spans]
    out, pos = [], 0
    for k, line in enumerate(doc.text.split("\n")):
        end = pos + len(line)
        inside = [(s - pos, e - pos, lab) for s, e, lab in spans if pos <= s and e <= end]
        out.append(TrainingDoc(k, line, inside, done=True))
        pos = end + 1
    return out, {lab for _, _, lab in spans}


def f1(pred: set, gold: set) -> float:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def keys(items) -> set:
    return {(s.label, s.start, s.end) for s in items}


def combined(crf, matcher, d) -> list:
    """The union of both recommenders' suggestions, the more confident one per offsets."""
    best = {}
    for s in [*crf.predict(d.id, d.text), *matcher.predict(d.id, d.text)]:
        if (s.start, s.end) not in best or s.confidence > best[s.start, s.end].confidence:
            best[s.start, s.end] = s
    return list(best.values())


def learning_curve(name: str, docs: list[TrainingDoc], ctx: Context, sizes: list[int], held_out: int) -> dict:
    test = docs[-held_out:]
    gold = {(d.id, label, s, e) for d in test for s, e, label in d.spans}
    out = {}
    for n in sizes:
        train = docs[:n]
        crf, matcher = CrfTagger(), StringMatcher()
        t = time.perf_counter()
        crf.train(train, ctx)
        out[f"{name}_crf_train_seconds_{n}"] = round(time.perf_counter() - t, 3)
        matcher.train(train, ctx)
        runs = {"crf": lambda d, c=crf: c.predict(d.id, d.text), "matcher": lambda d, m=matcher: m.predict(d.id, d.text),
                "combined": lambda d, c=crf, m=matcher: combined(c, m, d)}
        for label, run in runs.items():
            pred = {(d.id, *k) for d in test for k in keys(run(d))}
            out[f"{name}_{label}_f1_{n}"] = round(f1(pred, gold), 4)
    return out


def simulate(docs: list[TrainingDoc], ctx: Context, count: int, retrain_every: int) -> dict:
    """Count an annotator's actions with and without suggestions, document by document,
    for suggestions shown from several confidences up."""
    crf, matcher = CrfTagger(), StringMatcher()
    thresholds = (0.5, 0.7, 0.9)
    with_s = dict.fromkeys(thresholds, 0)
    later = dict.fromkeys(thresholds, 0)
    without = later_without = 0
    for i, d in enumerate(docs[:count]):
        gold = {(s, e, lab) for s, e, lab in d.spans}
        if i == 1 or (i and i % retrain_every == 0):
            crf.train(docs[:i], ctx)
            matcher.train(docs[:i], ctx)
        suggested = combined(crf, matcher, d) if i else []
        for t in thresholds:
            shown = [s for s in suggested if s.confidence >= t]
            right = {(s.start, s.end, s.label) for s in shown} & gold
            actions = len(shown) + 2 * len(gold - right)  # accept or reject each; add the rest
            with_s[t] += actions
            if i >= 19:
                later[t] += actions
        without += 2 * len(gold)
        if i >= 19:
            later_without += 2 * len(gold)
    out = {"sim_documents": count, "sim_retrain_every": retrain_every, "sim_actions_without": without,
           "sim_actions_without_from_20th": later_without}
    for t in thresholds:
        out[f"sim_actions_with_{t}"] = with_s[t]
        out[f"sim_actions_with_{t}_from_20th"] = later[t]
        out[f"sim_fewer_actions_from_20th_{t}"] = round(1 - later[t] / later_without, 4) if later_without else 0.0
    return out


def edit_latency(train_docs: list[TrainingDoc], labels: set[str]) -> dict:
    """Time from one edit on the news article to its suggestions being stored again."""
    news = (corpus_dir() / "news" / "shaddadi_withdrawal.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        scheme = default_scheme()
        from annotator.formats.schemes import extend_scheme, new_entities

        scheme = extend_scheme(scheme, entities=new_entities(sorted(labels - set(scheme.span_labels))), origin="bench")
        with Project.create(Path(tmp) / "b.annotproj", scheme=scheme, annotator="lina") as p:
            p.add_documents([d.text for d in train_docs] + [news])
            infos = p.documents(limit=10_000)
            for d, info in zip(train_docs, infos, strict=False):
                for s, e, lab in d.spans:
                    p.add_span(info.id, lab, s, e)
                p.set_status(info.id, "done")
            doc = infos[-1].id
            i = news.index("الولايات المتحدة")
            out = {"news_characters": len(news), "edit_train_documents": len(train_docs)}
            for names in (["matcher"], ["matcher", "crf"]):
                t = time.perf_counter()
                p.add_span(doc, "GPE", i, i + len("الولايات المتحدة"))
                report = Suggester(p, names).run([doc])
                key = "_".join(names)
                out[f"edit_to_suggestions_seconds_{key}"] = round(time.perf_counter() - t, 3)
                out[f"news_suggestions_{key}"] = sum(report.suggestions.values())
                p.undo()
            return out


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    corpus = corpus_dir()
    wojood, wl = read_documents(corpus / "wojood" / "val.txt")
    aqmar, al = read_documents(corpus / "aqmar" / "Islamic_Golden_Age.txt")
    sizes = [5, 10] if args.quick else [5, 10, 20, 50]
    metrics: dict = {"wojood_documents": len(wojood), "aqmar_documents": len(aqmar), "held_out_wojood": 58 if not args.quick else 10,
                     "held_out_aqmar": 20 if not args.quick else 10}
    ctx = Context(entity_labels=tuple(sorted(wl)))
    metrics.update(learning_curve("wojood", wojood, ctx, sizes, metrics["held_out_wojood"]))
    ctx_a = Context(entity_labels=tuple(sorted(al)))
    metrics.update(learning_curve("aqmar", aqmar, ctx_a, [n for n in sizes if n <= len(aqmar) - metrics["held_out_aqmar"]],
                                  metrics["held_out_aqmar"]))
    metrics.update(simulate(wojood, ctx, 24 if args.quick else 100, 4 if args.quick else 2))
    metrics.update(edit_latency(wojood[:10 if args.quick else 50], wl))
    print(f"suggest_bench ({'quick' if args.quick else 'full'}; root {ROOT.name})")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
