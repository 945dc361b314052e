"""Comparing annotation layers by content, not by database ids.

One annotator's annotations on one document (a *layer*) are read from a project with
database ids that mean nothing in another file.  Here every item gets a *key* made of what
it says (labels, offsets, roles, the keys of the spans it points at), so two layers can be
compared across projects (merging packages), between annotators (agreement) and against
the gold layer (adjudication).  A layer's *fingerprint* is the sha256 of its canonical
form: equal fingerprints mean equal annotations.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from annotator.core.model import Annotations, Event, Id, Relation, Span, Stance

Frags = tuple[tuple[int, int], ...]
SpanKey = tuple[str, Frags]
EventKey = tuple[str, SpanKey, tuple[tuple[str, SpanKey], ...]]


def frags(span: Span) -> Frags:
    """Return a span's fragments as a sorted tuple of ``(start, end)``."""
    fragments = span.fragments
    if len(fragments) == 1:  # most spans: no sort
        (s, e), = fragments
        return ((int(s), int(e)),)
    return tuple(sorted((int(s), int(e)) for s, e in fragments))


def span_key(span: Span) -> SpanKey:
    """Return ``(label, fragments)``: what identifies a span across files."""
    return (span.label, frags(span))


def span_map(layers: Iterable[Annotations]) -> dict[Id, Span]:
    """Return ``{span id: span}`` over several layers (references may cross layers)."""
    return {s.id: s for ann in layers for s in ann.spans if s.id is not None}


def event_key(event: Event, spans: Mapping[Id, Span]) -> EventKey | None:
    """Return ``(type, trigger key, sorted (role, argument key))``, or None when the
    trigger is not among ``spans``; arguments pointing at unknown spans are left out."""
    trigger = spans.get(event.trigger)
    if trigger is None:
        return None
    args = sorted((a.role, span_key(spans[a.span])) for a in event.arguments if a.span in spans)
    return (event.type, span_key(trigger), tuple(args))


def relation_key(rel: Relation, spans: Mapping[Id, Span]) -> tuple[str, SpanKey, SpanKey] | None:
    """Return ``(type, source key, target key)``, or None if a span is unknown."""
    if rel.source not in spans or rel.target not in spans:
        return None
    return (rel.type, span_key(spans[rel.source]), span_key(spans[rel.target]))


def stance_unit(stance: Stance, spans: Mapping[Id, Span]) -> tuple[Any, ...] | None:
    """Return what a stance is about: ``(target, holder)``, each a span's offsets or a
    name; None if a span it names is unknown.  Two stances on the same unit may differ
    only in their label."""
    if stance.target_kind == "span":
        span = spans.get(stance.target)
        if span is None:
            return None
        target: Any = ("span", frags(span))
    else:
        target = (stance.target_kind, str(stance.target))
    if stance.holder is None:
        holder: Any = None
    elif stance.holder in spans:
        holder = frags(spans[stance.holder])
    else:
        return None
    return (target, holder)


def stance_key(stance: Stance, spans: Mapping[Id, Span]) -> tuple[Any, ...] | None:
    """Return ``(label, scope, unit)`` (see ``stance_unit``)."""
    unit = stance_unit(stance, spans)
    return None if unit is None else (stance.label, stance.scope, unit)


def canonical(ann: Annotations, spans: Mapping[Id, Span] | None = None,
              normalizations: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Return a JSON-able form of a layer that is equal for equal annotations, whatever
    their ids and order.  ``normalizations`` are the layer's normalisation notes as
    returned by ``Project.notes`` (dicts with ``span``/``event``/``relation``)."""
    # tuples and lists must compare alike: go through JSON
    return json.loads(_dump(_form(ann, spans, normalizations)))


def _form(ann: Annotations, spans: Mapping[Id, Span] | None, normalizations: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    spans = dict(spans) if spans is not None else span_map([ann])
    events = {e.id: e for e in ann.events}
    rels = {r.id: r for r in ann.relations}

    def attrs(d: Mapping[str, Any]) -> list[list[Any]]:
        return _sorted([k, v] for k, v in d.items())

    def target(n: Mapping[str, Any]) -> Any:
        if n.get("span") is not None and n["span"] in spans:
            return ["span", span_key(spans[n["span"]])]
        if n.get("event") is not None and n["event"] in events:
            return ["event", event_key(events[n["event"]], spans)]
        if n.get("relation") is not None and n["relation"] in rels:
            return ["relation", relation_key(rels[n["relation"]], spans)]
        return None

    form = {
        "spans": _sorted([span_key(s), attrs(s.attributes), sorted(s.notes)] for s in ann.spans),
        "events": _sorted([event_key(e, spans), attrs(e.attributes), sorted(e.notes)] for e in ann.events),
        "relations": _sorted([relation_key(r, spans), attrs(r.attributes), sorted(r.notes)] for r in ann.relations),
        "stances": _sorted(
            [stance_key(s, spans), sorted(frags(spans[e]) for e in s.evidence if e in spans), attrs(s.attributes)]
            for s in ann.stances
        ),
        "doc_labels": sorted([k, sorted(v)] for k, v in ann.doc_labels.items() if v),
        "notes": sorted(ann.notes),
        "normalizations": _sorted([target(n), n.get("reference") or "", n.get("text") or ""] for n in normalizations),
        "status": ann.status or "new",
    }
    return form


def _sorted(items: Iterable[Any]) -> list[Any]:
    """Sort items of mixed shapes (None, tuples, numbers) by their text."""
    return sorted(items, key=repr)


def _dump(form: Any) -> str:
    return json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def fingerprint(ann: Annotations, spans: Mapping[Id, Span] | None = None,
                normalizations: Iterable[Mapping[str, Any]] = ()) -> str:
    """Return the sha256 of ``canonical(...)``: equal for layers with equal annotations.

    The bytes hashed are those of ``_dump(_form(...))``; the spans (most of a layer) are
    written here without building ``_form``'s lists: a plain one-fragment span's sort key
    (its ``repr``) and JSON are formatted directly, every other span goes through ``_form``'s
    own item and ``_dump`` (tests/core/test_layer_fingerprints.py pins the digests)."""
    normalizations = list(normalizations)
    rest = Annotations(events=ann.events, relations=ann.relations, stances=ann.stances, doc_labels=ann.doc_labels,
                       notes=ann.notes, status=ann.status)
    if spans is None and (ann.events or ann.relations or ann.stances or normalizations):
        spans = span_map([ann])
    form = _form(rest, spans if spans is not None else {}, normalizations)
    del form["spans"]
    parts = [f'"{k}":{_dump(v)}' for k, v in form.items()]
    parts.append('"spans":' + _spans_json(ann.spans))
    parts.sort()  # the keys' order (sort_keys): each part starts with its quoted key
    return hashlib.sha256(("{" + ",".join(parts) + "}").encode("utf-8")).hexdigest()


def _spans_json(spans: Iterable[Span]) -> str:
    """Return ``_dump`` of ``_form``'s "spans" list (sorted by ``repr`` of each item)."""
    items: list[tuple[str, str]] = []
    labels: dict[str, tuple[str, str]] = {}
    for s in spans:
        label, fragments = s.label, s.fragments
        if len(fragments) == 1 and type(label) is str and not s.attributes and not s.notes:
            (a, b), = fragments
            a, b = int(a), int(b)
            quoted = labels.get(label)
            if quoted is None:
                quoted = labels[label] = (repr(label), _dump(label))
            items.append((f"[({quoted[0]}, (({a}, {b}),)), [], []]", f"[[{quoted[1]},[[{a},{b}]]],[],[]]"))
        else:
            item = [span_key(s), _sorted([k, v] for k, v in s.attributes.items()), sorted(s.notes)]
            items.append((repr(item), _dump(item)))
    items.sort(key=lambda kv: kv[0])
    return "[" + ",".join(j for _, j in items) + "]"


def is_blank(ann: Annotations, normalizations: Iterable[Any] = ()) -> bool:
    """Return True for a layer with no annotations and status "new" (nothing to bring)."""
    return ann.is_empty() and not list(normalizations) and (ann.status or "new") == "new"
