"""Suggestions that learn from the project: learning curve, speed, and saved actions.

    python benchmarks/suggest_bench.py [--quick] [--json PATH]

On the shared corpus (Wojood segments and AQMAR sentences, each one document, as the
CoNLL reader imports them; nested Wojood entities kept):
- the CRF's span F1 (exact label and offsets, every nesting level) on held-out documents
  after training on 5, 10, 20 and 50 documents; the string matcher alone; both combined;
- training time, and the time from an edit to updated suggestions on the news article
  (retrain matcher and CRF on the project's layer, predict, store);
- a simulated annotator who knows the gold annotations and works through Wojood (and
  AQMAR) in order, the recommenders retrained as it goes: each shown suggestion costs one
  action (accept or reject), each entity left to add costs two (select, label key); see
  ``simulate``.  Baseline in the same run: the same annotator with no suggestions (two
  actions per entity).  Target: at least 40% fewer actions from the 20th document on.
  For scale: ``*_seen_before_share_from_20th`` is the share of those entities whose text
  and label were labelled in an earlier document, and ``*_fewer_actions_if_seen_ones_right``
  what suggesting exactly those, all right, would save (a perfect dictionary).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import ROOT, corpus_dir, emit, parser

from annotator import formats
from annotator.core.scheme import default_scheme
from annotator.store.project import Project
from annotator.store.suggestions import SuggestionLayer
from annotator.suggest import Suggester
from annotator.suggest.base import Context, TrainingDoc, norm
from annotator.suggest.crf import CrfTagger
from annotator.suggest.matcher import StringMatcher

SHOWN = 0.5  # the window's default: suggestions below this confidence are hidden


def read_documents(path: Path) -> tuple[list[TrainingDoc], set[str]]:
    """Read a CoNLL file and return one document per sentence (segment), with its spans."""
    result = formats.get("conll").read(path, scheme=default_scheme(), add_labels=True)
    doc = next(iter(result.documents))  # a streaming reader yields its documents
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


def simulate(docs: list[TrainingDoc], ctx: Context, count: int, retrain_every: int, prefix: str = "sim") -> dict:
    """Count an annotator's actions with and without suggestions, document by document,
    for suggestions shown from several confidences up.  Reviewing one by one costs one
    action per shown suggestion (Alt+Return or Alt+Backspace; the next becomes current);
    "best" also lets the annotator, who knows the gold, take Accept all shown (one action)
    and delete the wrong ones (click and Delete: two each) where that is cheaper."""
    crf, matcher = CrfTagger(), StringMatcher()
    thresholds = (0.5, 0.7, 0.9)
    later = {(t, m): 0 for t in thresholds for m in ("each", "best")}
    total = dict.fromkeys(later, 0)
    without = later_without = 0
    seen: set = set()
    later_gold = later_seen = 0
    for i, d in enumerate(docs[:count]):
        gold = {(s, e, lab) for s, e, lab in d.spans}
        surfaces = [(" ".join(norm(d.text[s:e]).split()), lab) for s, e, lab in gold]
        if i >= 19:  # how many of them were labelled before (what a dictionary could know)
            later_gold += len(surfaces)
            later_seen += sum(x in seen for x in surfaces)
        seen.update(surfaces)
        if i == 1 or (i and i % retrain_every == 0):
            crf.train(docs[:i], ctx)
            matcher.train(docs[:i], ctx)
        suggested = combined(crf, matcher, d) if i else []
        for t in thresholds:
            shown = [s for s in suggested if s.confidence >= t]
            right = {(s.start, s.end, s.label) for s in shown} & gold
            missing = 2 * len(gold - right)
            each = len(shown) + missing
            bulk = (1 + 2 * (len(shown) - len(right)) + missing) if shown else missing
            for mode, actions in (("each", each), ("best", min(each, bulk))):
                total[t, mode] += actions
                if i >= 19:
                    later[t, mode] += actions
        without += 2 * len(gold)
        if i >= 19:
            later_without += 2 * len(gold)
    out = {f"{prefix}_documents": count, f"{prefix}_retrain_every": retrain_every, f"{prefix}_actions_without": without,
           f"{prefix}_actions_without_from_20th": later_without,
           # the share of entities from the 20th document on labelled (same text and label) in an
           # earlier one, and the fewer actions if exactly those were suggested, each right
           f"{prefix}_seen_before_share_from_20th": round(later_seen / later_gold, 4) if later_gold else 0.0,
           f"{prefix}_fewer_actions_if_seen_ones_right_from_20th": round(later_seen / (2 * later_gold), 4) if later_gold else 0.0}
    for (t, mode), n in later.items():
        out[f"{prefix}_actions_{mode}_{t}"] = total[t, mode]
        out[f"{prefix}_actions_{mode}_{t}_from_20th"] = n
        out[f"{prefix}_fewer_actions_{mode}_{t}_from_20th"] = round(1 - n / later_without, 4) if later_without else 0.0
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
                # what the window does on its own thread afterwards: read the pending ones
                t = time.perf_counter()
                SuggestionLayer(p).pending(doc)
                out[f"gui_thread_read_ms_{key}"] = round((time.perf_counter() - t) * 1000, 2)
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
    metrics.update(simulate(wojood, ctx, 24 if args.quick else 100, 4 if args.quick else 2, "sim_wojood"))
    if not args.quick:
        metrics.update(simulate(aqmar, ctx_a, len(aqmar), 1, "sim_aqmar"))
    metrics.update(edit_latency(wojood[:10 if args.quick else 50], wl))
    print(f"suggest_bench ({'quick' if args.quick else 'full'}; root {ROOT.name})")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
