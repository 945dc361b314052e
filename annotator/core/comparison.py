"""Agreement between annotators over a set of documents: the report behind
``annotator agreement``, the agreement view and the report charts.

``compare`` takes each document's text and the layers of the annotators who annotated
it, and returns a JSON-able dict: per annotator pair (overall, per label, per document),
pooled over all pairs, and, for more than two annotators, Fleiss' kappa.  A pair is
compared on the documents both annotated; Fleiss' kappa on those all annotated;
Krippendorff's alpha on those at least two annotated (a missing annotator is a missing
value).  The measures are in ``annotator.core.agreement``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import mean
from typing import Any

from annotator.core import agreement as m
from annotator.core.layers import frags, span_map, stance_unit
from annotator.core.model import Annotations
from annotator.core.text import tokens as tokenize


@dataclass
class DocumentLayers:
    """One document: its text and the layers of the annotators who annotated it."""

    id: int
    name: str
    text: str
    layers: dict[str, Annotations] = field(default_factory=dict)


@dataclass
class _Facts:
    """What one annotator said about one document, in comparable form."""

    spans: list[m.SpanItem]
    triggers: list[m.SpanItem]
    arguments: list[tuple[str, Any]]
    tokens: list[str]
    stances: dict[Any, str]
    doc_labels: dict[str, list[str]]


def _facts(ann: Annotations, spans: Mapping[Any, Any], starts: Sequence[int], ends: Sequence[int],
           event_types: set[str]) -> _Facts:
    """What ``ann`` says, with ``spans`` the document's spans by id (for events and stances)
    and its tokens ``(starts[i], ends[i])``."""
    entity = [(s.label, frags(s)) for s in ann.spans if s.label not in event_types]
    triggers, arguments = [], []
    for ev in ann.events:
        trigger = spans.get(ev.trigger)
        if trigger is None:
            continue
        triggers.append((ev.type, frags(trigger)))
        arguments += [(ev.type, (frags(trigger), a.role, frags(spans[a.span]))) for a in ev.arguments if a.span in spans]
    stances: dict[Any, Any] = {}
    for st in ann.stances:
        unit = stance_unit(st, spans)
        if unit is not None:
            stances.setdefault((st.scope, unit), st.label)
    return _Facts(entity, triggers, arguments, m.label_tokens(starts, ends, entity), stances, ann.doc_labels)


def compare(docs: Iterable[DocumentLayers], annotators: Sequence[str], *, event_types: Iterable[str] = (),
            doc_label_sets: Mapping[str, tuple[Sequence[str], bool]] | None = None) -> dict[str, Any]:
    """Return the agreement of ``annotators`` over ``docs`` (see the module docstring).

    ``event_types``: span labels that are event triggers (left out of span and token
    agreement, measured as triggers).  ``doc_label_sets``: ``{set: (labels, multi)}``.
    ``docs`` is read once, a document at a time: only counts are kept, never the texts
    or token labels of earlier documents (memory does not grow with the corpus beyond
    the per-document scores).
    """
    names = list(annotators)
    etypes = set(event_types)
    sets = dict(doc_label_sets or {})
    pairs = {(a, b): _PairCounts(a, b) for a, b in combinations(names, 2)}
    fleiss = m.FleissCounts() if len(names) > 2 else None
    fleiss_docs: list[int] = []
    documents: list[dict[str, Any]] = []
    units: dict[int, dict[str, _Facts]] = {}  # stances and document labels only (small)
    for doc in docs:
        who = [n for n in names if n in doc.layers]
        if len(who) < 2:
            continue
        starts, ends = _bounds(tokenize(doc.text))
        layers = doc.layers.values()
        spans = span_map(layers) if any(a.events or a.stances for a in layers) else {}
        facts = {n: _facts(doc.layers[n], spans, starts, ends, etypes) for n in who}
        documents.append({"id": doc.id, "name": doc.name, "annotators": who})
        for (a, b), acc in pairs.items():
            if a in facts and b in facts:
                acc.add(doc, facts[a], facts[b])
        if fleiss is not None and len(who) == len(names):
            fleiss_docs.append(doc.id)
            for row in zip(*(facts[n].tokens for n in names), strict=True):
                fleiss.add(row)
        if any(f.stances or f.doc_labels for f in facts.values()):  # else no unit of any alpha
            units[doc.id] = {n: _Facts([], [], [], [], f.stances, f.doc_labels) for n, f in facts.items()}
    done = [acc.result(units, sets) for acc in pairs.values()]
    result: dict[str, Any] = {
        "annotators": names,
        "documents": documents,
        "pairs": done,
        "overall": _pooled(done),
    }
    result["overall"]["stance"] = _alpha(units, names, _stance_values)
    result["overall"]["doc_labels"] = {s: _alpha(units, names, _doc_label_values(s, labels, multi))
                                       for s, (labels, multi) in sets.items()}
    if fleiss is not None:
        labels = sorted(str(lab) for lab in fleiss.totals if lab != m.OUTSIDE)
        result["overall"]["fleiss"] = {
            "annotators": names, "documents": fleiss_docs, "tokens": fleiss.n, "kappa": fleiss.kappa(),
            "labels": {lab: fleiss.label_kappa(lab) for lab in labels},
        }
    return result


def _bounds(tokens: Sequence[tuple[int, int]]) -> tuple[Sequence[int], Sequence[int]]:
    """Return the starts and the ends of ``tokens``."""
    if not tokens:
        return (), ()
    starts, ends = zip(*tokens, strict=True)
    return starts, ends


class _PairCounts:
    """What comparing annotators ``a`` and ``b`` has counted so far, document by document
    (counts are made per document and summed: spans of different documents never match)."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.docs: list[int] = []
        self.spans: dict[str, list[int]] = {}  # label: [spans of a, of b, exact matches, overlap matches]
        self.triggers = _Sum()
        self.arguments = _Sum()
        self.tokens: Counter[tuple[str, str]] = Counter()
        self.per_doc: list[dict[str, Any]] = []

    def add(self, doc: DocumentLayers, x: _Facts, y: _Facts) -> None:
        exact = overlap = 0
        for label, counts in m.span_counts(x.spans, y.spans).items():
            acc = self.spans.get(label)
            if acc is None:
                acc = self.spans[label] = [0, 0, 0, 0]
            for k in range(4):
                acc[k] += counts[k]
            exact += counts[2]
            overlap += counts[3]
        t, g = _by_label(x.triggers, y.triggers), _by_label(x.arguments, y.arguments)
        self.triggers.add(t)
        self.arguments.add(g)
        pairs = Counter(zip(x.tokens, y.tokens, strict=True))
        self.tokens.update(pairs)
        self.docs.append(doc.id)
        n_a, n_b = len(x.spans), len(y.spans)
        self.per_doc.append({
            "id": doc.id, "name": doc.name, "tokens": len(x.tokens), "kappa": m.kappa_of_pairs(pairs),
            "spans_exact": m.prf(exact, n_a, n_b), "spans_overlap": m.prf(overlap, n_a, n_b),
            "triggers": t["overall"], "arguments": g["overall"],
        })

    def result(self, units: Mapping[int, Mapping[str, _Facts]], sets: Mapping[str, tuple[Sequence[str], bool]]) -> dict[str, Any]:
        a, b = self.a, self.b
        labels = sorted({lab for pair in self.tokens for lab in pair if lab != m.OUTSIDE})
        sub = {d: units[d] for d in self.docs if d in units}
        return {
            "annotators": [a, b],
            "documents": self.docs,
            "spans": {mode: self._spans(k) for mode, k in (("exact", 2), ("overlap", 3))},
            "tokens": {"count": sum(self.tokens.values()), "kappa": m.kappa_of_pairs(self.tokens),
                       "labels": m.label_kappas_of_pairs(self.tokens, labels)},
            "triggers": self.triggers.result(),
            "arguments": self.arguments.result(),
            "stance": _alpha(sub, [a, b], _stance_values),
            "doc_labels": {s: _alpha(sub, [a, b], _doc_label_values(s, lab, multi)) for s, (lab, multi) in sets.items()},
            "per_document": self.per_doc,
        }

    def _spans(self, k: int) -> dict[str, Any]:
        """Return the span scores summed over the documents, with matches counted ``k``
        (2: exact, 3: by overlap)."""
        per = {lab: m.prf(c[k], c[0], c[1]) for lab, c in sorted(self.spans.items())}
        return {"overall": m.prf(sum(c[k] for c in self.spans.values()), sum(c[0] for c in self.spans.values()),
                                 sum(c[1] for c in self.spans.values())), "labels": per}


class _Sum:
    """``sum_scores`` accumulated one part at a time."""

    def __init__(self) -> None:
        self.overall = m.prf(0, 0, 0)
        self.labels: dict[str, dict[str, Any]] = {}

    def add(self, part: Mapping[str, Any]) -> None:
        self.overall = m.add_prf(self.overall, part["overall"])
        for lab, p in part["labels"].items():
            self.labels[lab] = m.add_prf(self.labels.get(lab, m.prf(0, 0, 0)), p)

    def result(self) -> dict[str, Any]:
        return {"overall": self.overall, "labels": dict(sorted(self.labels.items()))}


def sum_scores(parts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Sum ``{"overall": prf, "labels": {label: prf}}`` dicts (micro-averaging)."""
    zero = m.prf(0, 0, 0)
    overall = zero
    labels: dict[str, dict[str, Any]] = {}
    for part in parts:
        overall = m.add_prf(overall, part["overall"])
        for lab, p in part["labels"].items():
            labels[lab] = m.add_prf(labels.get(lab, zero), p)
    return {"overall": overall, "labels": dict(sorted(labels.items()))}


def _by_label(a: Sequence[tuple[str, Any]], b: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """Exact-match P/R/F1 of items ``(label, key)``, overall and per label."""
    if not (a or b):  # most documents have no events
        return {"overall": m.prf(0, 0, 0), "labels": {}}
    labels = sorted({x[0] for x in [*a, *b]})
    per = {}
    for lab in labels:
        la, lb = [x for x in a if x[0] == lab], [y for y in b if y[0] == lab]
        per[lab] = m.prf(m.exact_matches(la, lb), len(la), len(lb))
    return {"overall": m.prf(sum(p["tp"] for p in per.values()), len(a), len(b)), "labels": per}


def _pooled(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum the counts of every pair; average the pairs' token kappas."""
    kappas = [p["tokens"]["kappa"] for p in pairs if p["tokens"]["kappa"] is not None]
    return {
        "spans": {mode: sum_scores([p["spans"][mode] for p in pairs]) for mode in ("exact", "overlap")},
        "triggers": sum_scores([p["triggers"] for p in pairs]),
        "arguments": sum_scores([p["arguments"] for p in pairs]),
        "tokens": {"count": sum(p["tokens"]["count"] for p in pairs), "cohen_kappa_mean": mean(kappas) if kappas else None},
    }


def _stance_values(f: _Facts) -> dict[Any, Any]:
    return f.stances


def _doc_label_values(lset: str, labels: Sequence[str], multi: bool) -> Any:
    """Return a function giving one annotator's values for a label set on a document:
    ``{set: label}`` for a single-label set, ``{(set, label): present}`` for a multi-label
    one; nothing when the annotator gave no label of the set (a missing value)."""
    def values(f: _Facts) -> dict[Any, Any]:
        given = f.doc_labels.get(lset) or []
        if not given:
            return {}
        if multi:
            return {(lset, lab): lab in given for lab in labels}
        return {lset: given[0]}
    return values


def _alpha(facts: Mapping[int, Mapping[str, _Facts]], names: Sequence[str], values: Any) -> dict[str, Any]:
    """Krippendorff's alpha over the units of the documents at least two of ``names``
    annotated; an annotator who did not annotate a document, or gave no value for a
    unit, is a missing value."""
    units: list[list[Any]] = []
    for per in facts.values():
        who = [n for n in names if n in per]
        if len(who) < 2:
            continue
        given = {n: values(per[n]) for n in who}
        for unit in sorted({u for v in given.values() for u in v}, key=repr):
            units.append([given[n].get(unit) if n in given else None for n in names])
    pairable = sum(1 for u in units if sum(v is not None for v in u) >= 2)
    return {"units": len(units), "pairable": pairable, "alpha": m.krippendorff_alpha(units)}
