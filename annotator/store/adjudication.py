"""Adjudication: building the gold layer of a document from the annotators' versions.

The gold layer is the annotator ``annotator.store.project.GOLD`` (kind 'gold'); it is
edited like any layer (``add_span(..., annotator=GOLD)``, ``delete_span``, ...) and read
with ``annotations(doc, GOLD)``.  Here are the adjudicator's shortcuts, each one undoable
edit: take one annotator's whole version, take everything all chosen annotators agree on,
or take one item; and ``adjudication`` gives the merged view with the disagreements
marked, which the GUI shows side by side.  A part of ``Project`` that owns no table: it
reads and copies layers through the ``Layers`` part, inside steps of the ``Edits`` part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.layers import (
    Frags,
    event_key,
    frags,
    relation_key,
    span_key,
    span_map,
    stance_key,
)
from annotator.core.model import Annotations, Argument, Event, Relation, Span, Stance
from annotator.store.annotators import GOLD, Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.edits import Edits
from annotator.store.layers import Copied, Layers
from annotator.store.status import Status


@dataclass
class Vote:
    """One item (span, event, relation or stance) of the merged view: who has it."""

    kind: str
    key: Any
    label: str
    fragments: Frags
    annotators: list[str]
    in_gold: bool
    agreed: bool
    ids: dict[str, int] = field(default_factory=dict)   # annotator -> the item's id in their layer


@dataclass
class Adjudication:
    """A document's annotators' versions, the gold layer, and every item with its votes."""

    document_id: int
    annotators: list[str]
    layers: dict[str, Annotations]
    gold: Annotations
    items: list[Vote]

    @property
    def disagreements(self) -> list[Vote]:
        return [v for v in self.items if not v.agreed]


class Adjudicator:
    """The adjudication shortcuts and the merged view."""

    def __init__(self, db: SQLiteBackend, people: Annotators, statuses: Status, edits: Edits, layers: Layers) -> None:
        self.db = db
        self.people = people
        self.statuses = statuses
        self.edits = edits
        self.layers = layers

    @property
    def conn(self) -> Any:
        return self.db.conn

    def adjudicators_for(self, document_id: int) -> list[str]:
        """Return the annotators (not gold, not models) who annotated a document."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.name FROM document_status s JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id = ? "
            "AND s.status != 'new' AND a.kind IN ('human', 'import') ORDER BY a.id", (document_id,))]

    def accept_version(self, document_id: int, annotator: str) -> Copied:
        """Make the gold layer of a document a copy of ``annotator``'s layer (what gold had
        there is replaced); one undo step."""
        self._check_source(annotator)
        ann, norms = self.layers.layer(document_id, annotator)
        gold = self.people.id(GOLD)
        with self.edits.macro(f"Accept {annotator}'s version") as done, \
                self.edits.edit(f"Accept {annotator}'s version", document_id, "accept_version", {"annotator": annotator}):
            self.layers.delete_layer(document_id, gold, status=False)
            copied = self.layers.copy_layer(document_id, gold, ann, norms)
            self.statuses.touch(document_id, gold)
        copied.changes = done.changes
        return copied

    def accept_agreed(self, document_id: int, annotators: Sequence[str] | None = None) -> Copied:
        """Add to the gold layer everything ``annotators`` (default: all who annotated the
        document) agree on exactly: spans (label and fragments), events (type and
        trigger, with the arguments all give), relations, stances (label, target, holder)
        and document labels.  What gold already has is not added twice; one undo step."""
        names = list(annotators) if annotators is not None else self.adjudicators_for(document_id)
        for n in names:
            self._check_source(n)
        if len(set(names)) < 2:
            raise ProjectError("accepting what annotators agree on needs at least two of them.")
        agreed, spans = _agreed({n: self.layers.annotations(document_id, n) for n in names})
        gold = self.people.id(GOLD)
        with self.edits.macro("Accept what annotators agree on") as done, \
                self.edits.edit("Accept what annotators agree on", document_id, "accept_agreed", {"annotators": names}):
            copied = self.layers.copy_layer(document_id, gold, agreed, spans=spans, reuse=True, notes=False)
            if copied.total():
                self.statuses.touch(document_id, gold)
        copied.changes = done.changes
        return copied

    def accept_item(self, kind: str, item_id: int) -> Copied:
        """Copy one span, event (with its argument spans), relation or stance of any layer
        into the gold layer of its document; one undo step."""
        table = {"span": "spans", "event": "events", "relation": "relations", "stance": "stances"}.get(kind)
        if table is None:
            raise ProjectError(f"accept_item takes a span, event, relation or stance, not {kind!r}.")
        row = self.conn.execute(f"SELECT t.document_id, a.name FROM {table} t JOIN annotators a ON a.id = t.annotator_id "
                                "WHERE t.id = ?", (item_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no {kind} {item_id}.")
        document_id, owner = row
        ann = self.layers.annotations(document_id, owner)
        spans = span_map([ann, *(self.layers.annotations(document_id, n) for n in self.people.names() if n != owner)])
        one = Annotations(
            spans=[s for s in ann.spans if kind == "span" and s.id == item_id],
            events=[e for e in ann.events if kind == "event" and e.id == item_id],
            relations=[r for r in ann.relations if kind == "relation" and r.id == item_id],
            stances=[s for s in ann.stances if kind == "stance" and s.id == item_id],
        )
        gold = self.people.id(GOLD)
        with self.edits.macro(f"Accept {kind}") as done, \
                self.edits.edit(f"Accept {kind}", document_id, "accept_item", {"kind": kind, "id": item_id}):
            copied = self.layers.copy_layer(document_id, gold, one, spans=spans, reuse=True)
            self.statuses.touch(document_id, gold)
        copied.changes = done.changes
        return copied

    def adjudication(self, document_id: int, annotators: Sequence[str] | None = None) -> Adjudication:
        """Return the merged view of a document: every span, event, relation and stance
        of ``annotators`` (default: all who annotated it) with who has it, whether all
        agree, and whether the gold layer has it."""
        names = list(annotators) if annotators is not None else self.adjudicators_for(document_id)
        layers = {n: self.layers.annotations(document_id, n) for n in names}
        gold = self.layers.annotations(document_id, GOLD)
        return Adjudication(document_id, names, layers, gold, _votes(layers, gold))

    def _check_source(self, name: str) -> None:
        if name == GOLD:
            raise ProjectError("the gold layer cannot be accepted into itself; name an annotator.")
        if self.people.me_or_none(name) is None:
            raise ProjectError(f"{self.people.path.name} has no annotator called {name!r}.")


def _keyed(ann: Annotations, spans: dict[Any, Span], *, whole_events: bool = False) -> dict[str, dict[Any, Any]]:
    """Return each kind's items of a layer by key (the first item of each key).  Events
    are keyed by type and trigger, or with ``whole_events`` by their arguments too."""
    out: dict[str, dict[Any, Any]] = {"span": {}, "event": {}, "relation": {}, "stance": {}}
    for s in ann.spans:
        out["span"].setdefault(span_key(s), s)
    for e in ann.events:
        if (k := event_key(e, spans)) is not None:
            out["event"].setdefault(k if whole_events else k[:2], e)
    for r in ann.relations:
        if (rk := relation_key(r, spans)) is not None:
            out["relation"].setdefault(rk, r)
    for st in ann.stances:
        if (sk := stance_key(st, spans)) is not None:
            out["stance"].setdefault(sk, st)
    return out


def _agreed(layers: dict[str, Annotations]) -> tuple[Annotations, dict[Any, Span]]:
    """Return the items every layer has (and the spans they point at), each with the
    attributes all give it alike; an event keeps the arguments all give, a stance the
    evidence all give."""
    spans = span_map(layers.values())
    keyed = list({n: _keyed(a, spans) for n, a in layers.items()}.values())

    def common(kind: str) -> list[list[Any]]:
        return [[o[kind][k] for o in keyed] for k in keyed[0][kind] if all(k in o[kind] for o in keyed)]

    def skey(sid: Any) -> Any:
        return span_key(spans[sid]) if sid in spans else None

    out = Annotations()
    for group in common("span"):
        s = group[0]
        out.spans.append(Span(label=s.label, fragments=list(s.fragments), id=s.id, surface=s.surface, attributes=_same_attrs(group)))
    for group in common("event"):
        both = set.intersection(*({(a.role, skey(a.span)) for a in e.arguments} for e in group))
        args = [Argument(a.role, a.span) for a in group[0].arguments if a.span in spans and (a.role, skey(a.span)) in both]
        out.events.append(Event(type=group[0].type, trigger=group[0].trigger, arguments=args, id=group[0].id,
                                attributes=_same_attrs(group)))
    for group in common("relation"):
        r = group[0]
        out.relations.append(Relation(type=r.type, source=r.source, target=r.target, id=r.id, attributes=_same_attrs(group)))
    for group in common("stance"):
        st = group[0]
        both = set.intersection(*({skey(e) for e in x.evidence} for x in group))
        out.stances.append(Stance(label=st.label, target_kind=st.target_kind, target=st.target, holder=st.holder,
                                  evidence=[e for e in st.evidence if skey(e) in both], scope=st.scope, id=st.id,
                                  attributes=_same_attrs(group)))
    for lset in set.intersection(*(set(a.doc_labels) for a in layers.values())):
        shared = set.intersection(*(set(a.doc_labels[lset]) for a in layers.values()))
        if shared:
            out.doc_labels[lset] = sorted(shared)
    return out, spans


def _same_attrs(items: Sequence[Any]) -> dict[str, Any]:
    """Return the attributes every item has with the same value."""
    first = items[0].attributes
    return {k: v for k, v in first.items() if all(k in i.attributes and i.attributes[k] == v for i in items[1:])}


def _votes(layers: dict[str, Annotations], gold: Annotations) -> list[Vote]:
    spans = span_map([*layers.values(), gold])
    gold_keys = _keyed(gold, spans, whole_events=True)
    votes: dict[tuple[str, Any], Vote] = {}
    for name, ann in layers.items():
        for kind, items in _keyed(ann, spans, whole_events=True).items():
            for key, item in items.items():
                vote = votes.get((kind, key))
                if vote is None:
                    vote = votes[kind, key] = Vote(kind, key, *_describe(kind, item, spans), [], key in gold_keys[kind], False)
                vote.annotators.append(name)
                vote.ids[name] = int(item.id)
    for vote in votes.values():
        vote.agreed = len(vote.annotators) == len(layers)
    return sorted(votes.values(), key=lambda v: (v.fragments[:1] or ((0, 0),), v.kind, v.label))


def _describe(kind: str, item: Any, spans: dict[Any, Span]) -> tuple[str, Frags]:
    """Return a vote's label and the fragments it sits on."""
    if kind == "span":
        return item.label, frags(item)
    if kind == "event":
        return item.type, frags(spans[item.trigger])
    if kind == "relation":
        return item.type, frags(spans[item.source])
    target = spans.get(item.target) if item.target_kind == "span" else None
    return item.label, frags(target) if target is not None else ()
