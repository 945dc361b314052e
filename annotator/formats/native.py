"""The annotation layers of the native JSON Lines format, to JSON and back.

A layer is everything one annotator put on one document.  Ids are local to the layer
(``T1``, ``E1``, ``R1``, ``S1`` in order), so a file means the same in any project:

    {"annotator": "lina", "status": "done",
     "spans": [{"id": "T1", "label": "GPE", "fragments": [[0, 5]], "surfaces": ["سوريا"],
                "attributes": {...}, "notes": [...]}],
     "events": [{"id": "E1", "type": "Movement", "trigger": "T2",
                 "arguments": [{"role": "Mover", "span": "T1"}], "attributes": {}, "notes": []}],
     "relations": [{"id": "R1", "type": "LocatedIn", "source": "T1", "target": "T3"}],
     "stances": [{"id": "S1", "label": "AGAINST", "scope": "document", "target_kind": "text",
                  "target": "...", "holder": "T1", "evidence": ["T4"], "attributes": {}}],
     "normalizations": [{"target": "T1", "reference": "Wikipedia:534366", "text": "..."}],
     "doc_labels": {"topic": ["politics"]}, "notes": ["..."]}

Empty lists and objects are left out.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Annotations, Argument, Event, Normalization, Relation, Span, Stance

_PREFIX = {"span": "T", "event": "E", "relation": "R"}


def span_to_json(i: int, s: Span, text: str) -> dict[str, Any]:
    """Return the JSON object of the ``i``-th span of a layer."""
    item = {"id": f"T{i}", "label": s.label, "fragments": [[a, b] for a, b in s.fragments],
            "surfaces": [text[a:b] for a, b in s.fragments]}
    return _extras(item, s) if s.attributes or s.notes else item


def layer_to_json(who: str, ann: Annotations, text: str, *, with_spans: bool = True) -> dict[str, Any]:
    """Return the JSON object of one annotator's layer (local ids, surfaces from ``text``);
    ``with_spans=False`` leaves the spans out (a writer that writes them itself)."""
    out: dict[str, Any] = {"annotator": who, "status": ann.status or "new"}
    if with_spans:
        out["spans"] = [span_to_json(i, s, text) for i, s in enumerate(ann.spans, 1)]
    if not (ann.events or ann.relations or ann.stances or ann.normalizations):
        out["doc_labels"] = ann.doc_labels
        out["notes"] = ann.notes
        return {k: v for k, v in out.items() if v or k in ("annotator", "status")}
    sid = {s.id: f"T{i}" for i, s in enumerate(ann.spans, 1)}
    eid = {e.id: f"E{i}" for i, e in enumerate(ann.events, 1)}
    rid = {r.id: f"R{i}" for i, r in enumerate(ann.relations, 1)}
    out["events"] = [_extras({"id": eid[e.id], "type": e.type, "trigger": sid[e.trigger],
                              "arguments": [{"role": a.role, "span": sid[a.span]} for a in e.arguments]}, e) for e in ann.events]
    out["relations"] = [_extras({"id": rid[r.id], "type": r.type, "source": sid[r.source], "target": sid[r.target]}, r)
                        for r in ann.relations]
    out["stances"] = [_extras({"id": f"S{i}", "label": st.label, "scope": st.scope, "target_kind": st.target_kind,
                               "target": sid[st.target] if st.target_kind == "span" else st.target,
                               "holder": sid[st.holder] if st.holder is not None else None,
                               "evidence": [sid[e] for e in st.evidence]}, st)
                      for i, st in enumerate(ann.stances, 1)]
    ids = {"span": sid, "event": eid, "relation": rid}
    out["normalizations"] = [{"target": ids[n.target_kind][n.target], "reference": n.reference, "text": n.text}
                             for n in ann.normalizations]
    out["doc_labels"] = ann.doc_labels
    out["notes"] = ann.notes
    return {k: v for k, v in out.items() if v or k in ("annotator", "status")}


def _extras(item: dict[str, Any], obj: Any) -> dict[str, Any]:
    if obj.attributes:
        item["attributes"] = dict(sorted(obj.attributes.items()))
    if getattr(obj, "notes", None):
        item["notes"] = list(obj.notes)
    return item


class _Reader:
    """Checks one layer object and builds ``Annotations`` from it."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.text = text

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.where}: {message}")

    def items(self, obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"\"{key}\" must be a list of objects.")
        return value

    def string(self, item: dict[str, Any], key: str, what: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value:
            raise self.fail(f"{what} has no \"{key}\" string.")
        return value

    def fragments(self, item: dict[str, Any], what: str) -> list[tuple[int, int]]:
        frags = item.get("fragments")
        if not isinstance(frags, list) or not frags or not all(
            isinstance(f, list) and len(f) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in f) for f in frags
        ):
            raise self.fail(f"{what} needs \"fragments\": a list of [start, end] pairs of whole numbers.")
        out = [(f[0], f[1]) for f in frags]
        surfaces = item.get("surfaces")
        for k, (s, e) in enumerate(out):
            if not 0 <= s < e <= len(self.text):
                raise self.fail(f"{what} has fragment {s}..{e}, empty or outside the text (length {len(self.text)}).")
            if isinstance(surfaces, list) and k < len(surfaces) and surfaces[k] != self.text[s:e]:
                raise self.fail(f"{what} has the surface {surfaces[k]!r} at {s}..{e}, but the text there is {self.text[s:e]!r}.")
        return out

    def extras(self, item: dict[str, Any], what: str) -> tuple[dict[str, Any], list[str]]:
        attrs, notes = item.get("attributes", {}), item.get("notes", [])
        if not isinstance(attrs, dict) or not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise self.fail(f"{what}: \"attributes\" must be an object and \"notes\" a list of strings.")
        for name, value in attrs.items():
            if not isinstance(value, (str, bool)):
                raise self.fail(f"{what}: the attribute {name!r} has the value {json.dumps(value, ensure_ascii=False)[:40]}; "
                                "a value is true or false, or a string.")
        return attrs, notes

    def ident(self, value: Any, what: str, default: Any = None) -> Any:
        """Return an id or reference (a string or a whole number), or raise."""
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.fail(f"{what} must be a string or a whole number, not {json.dumps(value, ensure_ascii=False)[:40]}.")
        return value

    def unique(self, items: list[Any], kind: str) -> None:
        seen: set[Any] = set()
        for item in items:
            if item.id in seen:
                raise self.fail(f"two {kind} have the id {item.id!r}; ids must be unique in a layer.")
            seen.add(item.id)

    def layer(self, obj: Any) -> tuple[str, Annotations]:
        if not isinstance(obj, dict):
            raise self.fail("each item of \"annotations\" must be an object.")
        who = obj.get("annotator") or ""
        status = obj.get("status")
        if not isinstance(who, str) or status not in (None, "new", "in_progress", "done"):
            raise self.fail("a layer's \"annotator\" must be a string and its \"status\" new, in_progress or done.")
        ann = Annotations(status=status)
        for k, item in enumerate(self.items(obj, "spans"), 1):
            what = f"span {item.get('id', k)}"
            attrs, notes = self.extras(item, what)
            ann.spans.append(Span(label=self.string(item, "label", what), fragments=self.fragments(item, what),
                                  id=self.ident(item.get("id"), f"the id of {what}", f"T{k}"), attributes=attrs, notes=notes))
        for k, item in enumerate(self.items(obj, "events"), 1):
            what = f"event {item.get('id', k)}"
            attrs, notes = self.extras(item, what)
            args = [Argument(role=self.string(a, "role", what), span=self.ident(a.get("span"), f"an argument of {what}"))
                    for a in self.items(item, "arguments")]
            ann.events.append(Event(type=self.string(item, "type", what), trigger=self.ident(item.get("trigger"), f"the trigger of {what}"),
                                    arguments=args, id=self.ident(item.get("id"), f"the id of {what}", f"E{k}"),
                                    attributes=attrs, notes=notes))
        for k, item in enumerate(self.items(obj, "relations"), 1):
            what = f"relation {item.get('id', k)}"
            attrs, notes = self.extras(item, what)
            ann.relations.append(Relation(type=self.string(item, "type", what), source=self.ident(item.get("source"), f"the source of {what}"),
                                          target=self.ident(item.get("target"), f"the target of {what}"),
                                          id=self.ident(item.get("id"), f"the id of {what}", f"R{k}"), attributes=attrs, notes=notes))
        for k, item in enumerate(self.items(obj, "stances"), 1):
            ann.stances.append(self.stance(item, k))
        for items, kind in ((ann.spans, "spans"), (ann.events, "events"), (ann.relations, "relations"), (ann.stances, "stances")):
            self.unique(items, kind)
        kinds = {"T": "span", "E": "event", "R": "relation"}
        for item in self.items(obj, "normalizations"):
            target = item.get("target")
            kind = kinds.get(str(target)[:1], "span")
            ann.normalizations.append(Normalization(target=target, reference=self.string(item, "reference", "a normalisation"),
                                                    text=str(item.get("text", "")), target_kind=kind))
        labels, notes = obj.get("doc_labels", {}), obj.get("notes", [])
        if not isinstance(labels, dict) or not all(isinstance(v, list) for v in labels.values()):
            raise self.fail("\"doc_labels\" must map label sets to lists of labels.")
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise self.fail("\"notes\" must be a list of strings.")
        ann.doc_labels = {k: list(v) for k, v in labels.items()}
        ann.notes = list(notes)
        return who, ann

    def stance(self, item: dict[str, Any], k: int) -> Stance:
        what = f"stance {item.get('id', k)}"
        kind = item.get("target_kind", "text")
        if kind not in ("fixed", "span", "text"):
            raise self.fail(f"{what}: \"target_kind\" must be fixed, span or text.")
        if item.get("scope", "document") not in ("document", "span"):
            raise self.fail(f"{what}: \"scope\" must be document or span.")
        evidence = item.get("evidence", [])
        if not isinstance(evidence, list):
            raise self.fail(f"{what}: \"evidence\" must be a list of span ids.")
        attrs, _ = self.extras(item, what)
        holder = item.get("holder")
        target = item.get("target")
        return Stance(label=self.string(item, "label", what), target_kind=kind,
                      target=self.ident(target, f"the target of {what}") if target is not None else None,
                      holder=self.ident(holder, f"the holder of {what}") if holder is not None else None,
                      evidence=[self.ident(e, f"evidence of {what}") for e in evidence], scope=item.get("scope", "document"),
                      id=item.get("id", f"S{k}"), attributes=attrs)


def layers_from_json(value: Any, where: str, text: str) -> dict[str, Annotations]:
    """Return ``{annotator: Annotations}`` from a line's ``"annotations"`` list."""
    if not isinstance(value, list):
        raise InputError(f"{where}: \"annotations\" must be a list of layers, one per annotator.")
    reader = _Reader(where, text)
    out: dict[str, Annotations] = {}
    for obj in value:
        who, ann = reader.layer(obj)
        if who in out:
            raise InputError(f"{where}: two layers for the annotator {who!r}.")
        out[who] = ann
    return out
