"""Reading, deleting and copying one annotator's layer on one document: a part of
``Project`` that owns no table of its own; it reads and writes through the ``Items`` and
``Stances`` parts (their one mapper and one writer).

Merging packages and adjudicating both move whole layers (or parts of them) between
annotators and files.  ``delete_layer`` and ``copy_layer`` write inside the caller's
transaction and leave undo recording as the caller set it: merging turns it off (like an
import), adjudication keeps it on, so accepting a version is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.layers import event_key, relation_key, span_key, span_map, stance_key
from annotator.core.model import Annotations, Id, Span
from annotator.store.annotations import Items, check_fragments, split_notes
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.documents import Documents
from annotator.store.settings import Settings
from annotator.store.stances import Stances
from annotator.store.status import Status

#: An item's id in the layer it is copied from (a record read from a file may have none).
Ref = Id | None

#: The tables holding an annotator's layer, children first (spans last: others point at them).
LAYER_TABLES = ("stances", "relations", "events", "notes", "document_labels", "spans")


@dataclass
class Copied:
    """How many items a copy added."""

    spans: int = 0
    events: int = 0
    relations: int = 0
    stances: int = 0
    doc_labels: int = 0
    #: what the edit that copied changed (set by the adjudication shortcuts)
    changes: Changes = field(default_factory=Changes, compare=False, repr=False)

    def total(self) -> int:
        return self.spans + self.events + self.relations + self.stances + self.doc_labels


class Layers:
    """One annotator's layer on one document, read whole, deleted or copied in."""

    def __init__(self, db: SQLiteBackend, settings: Settings, people: Annotators, docs: Documents, statuses: Status,
                 items: Items, stances: Stances) -> None:
        self.db = db
        self.settings = settings
        self.people = people
        self.docs = docs
        self.statuses = statuses
        self.items = items
        self.stances = stances

    @property
    def conn(self) -> Any:
        return self.db.conn

    def annotations(self, document_id: int, annotator: str | None = None) -> Annotations:
        """Return every annotation ``annotator`` (default: the current one) made on a document."""
        notes, norms = split_notes(self.items.notes(document_id, annotator))
        return Annotations(
            spans=self.items.spans(document_id, annotator),
            events=self.items.events(document_id, annotator),
            relations=self.items.relations(document_id, annotator),
            stances=self.stances.stances(document_id, annotator),
            doc_labels=self.stances.doc_labels(document_id, annotator),
            notes=notes,
            status=self.statuses.get(document_id, self.people.me_or_none(annotator)),
            normalizations=norms,
        )

    def layer(self, document_id: int, annotator: str | None = None) -> tuple[Annotations, list[dict[str, Any]]]:
        """Return an annotator's annotations on a document and its normalisation notes."""
        ann = self.annotations(document_id, annotator)
        norms = [n for n in self.items.notes(document_id, annotator) if n["kind"] == "normalization"]
        return ann, norms

    def delete_layer(self, document_id: int, aid: int, *, status: bool = True) -> None:
        """Delete everything annotator ``aid`` put on a document (and its status row)."""
        for table in LAYER_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ? AND annotator_id = ?", (document_id, aid))
        if status:
            self.conn.execute("DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, aid))

    def copy_layer(self, document_id: int, aid: int, ann: Annotations, norms: Iterable[Mapping[str, Any]] = (),
                   *, spans: Mapping[Id, Span] | None = None, reuse: bool = False, notes: bool = True) -> Copied:
        """Add ``ann`` (read from any project) to annotator ``aid``'s layer on a document.

        ``spans`` resolves references to spans outside ``ann`` (they are copied too).  With
        ``reuse``, items the layer already has (same key) are not added twice.  Raises
        ``ProjectError`` if a span does not fit the document's text.
        """
        text = self.docs.text(document_id)
        source = dict(spans or {})
        source.update(span_map([ann]))
        target = self._target_keys(document_id, aid) if reuse else _Keys()
        ids: dict[Ref, int] = {}
        out = Copied()

        def ensure(src: Ref) -> int | None:
            if src is None:
                return None
            if src in ids:
                return ids[src]
            span = source.get(src)
            if span is None:
                return None
            key = span_key(span)
            if key not in target.spans:
                frags = check_fragments(text, span.fragments)
                sid = self.items.insert_span(document_id, aid, span.label, frags, text)
                self.items.insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes if notes else [])
                target.spans[key] = sid
                out.spans += 1
            ids[src] = target.spans[key]
            return ids[src]

        if reuse:
            for span in ann.spans:
                ensure(span.id)
        else:
            self._insert_spans(document_id, aid, text, ann.spans, target, ids, out, notes)
        events = self._copy_events(document_id, aid, ann, source, target, ensure, out, notes)
        relations = self._copy_relations(document_id, aid, ann, source, target, ensure, out, notes)
        self._copy_stances(document_id, aid, ann, source, target, ensure, out)
        self._copy_doc_labels(document_id, aid, ann, reuse, out)
        if notes:
            for note in ann.notes:
                if note not in target.notes:
                    self.items.insert_note(document_id, aid, note)
            for n in norms:
                self._copy_normalization(document_id, aid, n, ids, events, relations)
        return out

    def _insert_spans(self, document_id: int, aid: int, text: str, spans: Iterable[Span], target: _Keys,
                      ids: dict[Ref, int], out: Copied, notes: bool) -> None:
        """Insert a layer's new spans in bulk (``Items.insert_spans``)."""
        new: list[tuple[Span, list[tuple[int, int]]]] = []
        keys: dict[Any, None] = {}  # the new spans' keys, in order
        later: list[tuple[Ref, Any]] = []
        for span in spans:
            key = span_key(span)
            if key not in target.spans and key not in keys:
                new.append((span, check_fragments(text, span.fragments)))
                keys[key] = None
            later.append((span.id, key))
        for key, sid in zip(keys, self.items.insert_spans(document_id, aid, text, new, notes), strict=True):
            target.spans[key] = sid
            out.spans += 1
        for src, key in later:
            ids[src] = target.spans[key]

    def _copy_events(self, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                     target: _Keys, ensure: Any, out: Copied, notes: bool) -> dict[Ref, int]:
        ids: dict[Ref, int] = {}
        for ev in ann.events:
            key = event_key(ev, source)
            if key is None:
                continue
            if key in target.events:
                ids[ev.id] = target.events[key]
                continue
            trigger = ensure(ev.trigger)
            args = [(a.role, sid) for a in ev.arguments if (sid := ensure(a.span)) is not None]
            eid = self.items.insert_event(document_id, aid, ev.type, trigger, args)
            self.items.insert_extras(document_id, aid, "event_id", eid, ev.attributes, ev.notes if notes else [])
            target.events[key] = ids[ev.id] = eid
            out.events += 1
        return ids

    def _copy_relations(self, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                        target: _Keys, ensure: Any, out: Copied, notes: bool) -> dict[Ref, int]:
        ids: dict[Ref, int] = {}
        for rel in ann.relations:
            key = relation_key(rel, source)
            if key is None:
                continue
            if key in target.relations:
                ids[rel.id] = target.relations[key]
                continue
            rid = self.items.insert_relation(document_id, aid, rel.type, ensure(rel.source), ensure(rel.target))
            self.items.insert_extras(document_id, aid, "relation_id", rid, rel.attributes, rel.notes if notes else [])
            target.relations[key] = ids[rel.id] = rid
            out.relations += 1
        return ids

    def _copy_stances(self, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                      target: _Keys, ensure: Any, out: Copied) -> None:
        for st in ann.stances:
            key = stance_key(st, source)
            if key is None or key in target.stances:
                continue
            tgt = ensure(st.target) if st.target_kind == "span" else st.target
            holder = ensure(st.holder) if st.holder is not None else None
            evidence = [sid for e in st.evidence if (sid := ensure(e)) is not None]
            sid = self.stances.insert_stance(document_id, aid, st.label, st.scope, st.target_kind, tgt, holder, evidence)
            self.items.insert_extras(document_id, aid, "stance_id", sid, st.attributes, [])
            target.stances.add(key)
            out.stances += 1

    def _copy_doc_labels(self, document_id: int, aid: int, ann: Annotations, reuse: bool, out: Copied) -> None:
        have = self.stances.doc_labels(document_id, self.people.name(aid)) if reuse else {}
        for lset, labels in ann.doc_labels.items():
            dset = self.settings.scheme.doc_label_set(lset)
            if have.get(lset) and dset is not None and not dset.multi:
                continue  # a single-label set that already has its label
            for lab in labels:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO document_labels(document_id, annotator_id, label_set, label) VALUES (?, ?, ?, ?)",
                    (document_id, aid, lset, lab),
                )
                out.doc_labels += cur.rowcount

    def _copy_normalization(self, document_id: int, aid: int, note: Mapping[str, Any], spans: Mapping[Ref, int],
                            events: Mapping[Ref, int], relations: Mapping[Ref, int]) -> None:
        target = {"span_id": spans.get(note.get("span")), "event_id": events.get(note.get("event")),
                  "relation_id": relations.get(note.get("relation"))}
        self.items.insert_note(document_id, aid, note.get("text") or "", target, kind="normalization",
                               reference=note.get("reference"))

    def _target_keys(self, document_id: int, aid: int) -> _Keys:
        """Return the keys of what annotator ``aid`` already has on a document."""
        ann = self.annotations(document_id, self.people.name(aid))
        spans = span_map([ann])
        keys = _Keys()
        keys.spans = {span_key(s): int(s.id) for s in ann.spans if s.id is not None}
        keys.events = {k: int(e.id) for e in ann.events if e.id is not None and (k := event_key(e, spans)) is not None}
        keys.relations = {rk: int(r.id) for r in ann.relations if r.id is not None and (rk := relation_key(r, spans)) is not None}
        keys.stances = {sk for s in ann.stances if (sk := stance_key(s, spans)) is not None}
        keys.notes = set(ann.notes)
        return keys

class _Keys:
    """The keys of a target layer's items, with their ids."""

    def __init__(self) -> None:
        self.spans: dict[Any, int] = {}
        self.events: dict[Any, int] = {}
        self.relations: dict[Any, int] = {}
        self.stances: set[Any] = set()
        self.notes: set[str] = set()
