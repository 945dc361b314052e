"""Reading, deleting and copying one annotator's layer on one document.

Merging packages and adjudicating both move whole layers (or parts of them) between
annotators and files.  These helpers write inside the caller's transaction and leave undo
recording as the caller set it: merging turns it off (like an import), adjudication keeps
it on, so accepting a version is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.layers import event_key, relation_key, span_key, span_map, stance_key
from annotator.core.model import Annotations, Id, Span
from annotator.store.annotations import check_fragments

if TYPE_CHECKING:
    from annotator.store.project import Project

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

    def total(self) -> int:
        return self.spans + self.events + self.relations + self.stances + self.doc_labels


class LayersMixin:
    """Layer-level helpers of ``Project`` (used by packages and adjudication)."""

    def layer(self: Project, document_id: int, annotator: str | None = None) -> tuple[Annotations, list[dict[str, Any]]]:
        """Return an annotator's annotations on a document and its normalisation notes."""
        ann = self.annotations(document_id, annotator)
        norms = [n for n in self.notes(document_id, annotator) if n["kind"] == "normalization"]
        return ann, norms

    def _delete_layer(self: Project, document_id: int, aid: int, *, status: bool = True) -> None:
        """Delete everything annotator ``aid`` put on a document (and its status row)."""
        for table in LAYER_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ? AND annotator_id = ?", (document_id, aid))
        if status:
            self.conn.execute("DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, aid))

    def _copy_layer(self: Project, document_id: int, aid: int, ann: Annotations, norms: Iterable[Mapping[str, Any]] = (),
                    *, spans: Mapping[Id, Span] | None = None, reuse: bool = False, notes: bool = True) -> Copied:
        """Add ``ann`` (read from any project) to annotator ``aid``'s layer on a document.

        ``spans`` resolves references to spans outside ``ann`` (they are copied too).  With
        ``reuse``, items the layer already has (same key) are not added twice.  Raises
        ``ProjectError`` if a span does not fit the document's text.
        """
        text = self.text(document_id)
        source = dict(spans or {})
        source.update(span_map([ann]))
        target = self._target_keys(document_id, aid) if reuse else _Keys()
        ids: dict[Id, int] = {}
        out = Copied()

        def ensure(src: Id) -> int | None:
            if src in ids:
                return ids[src]
            span = source.get(src)
            if span is None:
                return None
            key = span_key(span)
            if key not in target.spans:
                frags = check_fragments(text, span.fragments)
                sid = self._insert_span(document_id, aid, span.label, frags, text)
                self._insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes if notes else [])
                target.spans[key] = sid
                out.spans += 1
            ids[src] = target.spans[key]
            return ids[src]

        if reuse:
            for span in ann.spans:
                ensure(span.id)
        else:
            self._insert_spans_bulk(document_id, aid, text, ann.spans, target, ids, out, notes)
        events = self._copy_events(document_id, aid, ann, source, target, ensure, out, notes)
        relations = self._copy_relations(document_id, aid, ann, source, target, ensure, out, notes)
        self._copy_stances(document_id, aid, ann, source, target, ensure, out)
        self._copy_doc_labels(document_id, aid, ann, reuse, out)
        if notes:
            for note in ann.notes:
                if note not in target.notes:
                    self._insert_note(document_id, aid, note)
            for n in norms:
                self._copy_normalization(document_id, aid, n, ids, events, relations)
        return out

    def _insert_spans_bulk(self: Project, document_id: int, aid: int, text: str, spans: Iterable[Span], target: _Keys,
                           ids: dict[Id, int], out: Copied, notes: bool) -> None:
        """Insert a layer's spans with two ``executemany`` (spans, fragments) instead of two
        statements per span; ids are given in order from the table's largest (the caller
        holds the write transaction).  Same rows as ``_insert_span``."""
        from annotator.store.project import now

        stamp = now()
        span_rows: list[tuple[Any, ...]] = []
        frag_rows: list[tuple[Any, ...]] = []
        extras: list[tuple[int, Span]] = []
        # after the largest id the table ever gave (AUTOINCREMENT's sqlite_sequence), not the
        # largest there now: ids are never reused (an undo elsewhere may still name one)
        next_id = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM spans), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'spans'), 0))").fetchone()[0] + 1
        for span in spans:
            key = span_key(span)
            if key not in target.spans:
                frags = check_fragments(text, span.fragments)
                sid = next_id
                next_id += 1
                span_rows.append((sid, document_id, aid, span.label, frags[0][0], max(e for _, e in frags),
                                  " ".join(text[s:e] for s, e in frags), stamp))
                frag_rows.extend((sid, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags))
                if span.attributes or (notes and span.notes):
                    extras.append((sid, span))
                target.spans[key] = sid
                out.spans += 1
            ids[span.id] = target.spans[key]
        self.conn.executemany("INSERT INTO spans(id, document_id, annotator_id, label, start, end, surface, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", span_rows)
        self.conn.executemany("INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)", frag_rows)
        for sid, span in extras:
            self._insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes if notes else [])

    def _copy_events(self: Project, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                     target: _Keys, ensure: Any, out: Copied, notes: bool) -> dict[Id, int]:
        ids: dict[Id, int] = {}
        for ev in ann.events:
            key = event_key(ev, source)
            if key is None:
                continue
            if key in target.events:
                ids[ev.id] = target.events[key]
                continue
            trigger = ensure(ev.trigger)
            args = [(a.role, sid) for a in ev.arguments if (sid := ensure(a.span)) is not None]
            eid = self._insert_event(document_id, aid, ev.type, trigger, args)
            self._insert_extras(document_id, aid, "event_id", eid, ev.attributes, ev.notes if notes else [])
            target.events[key] = ids[ev.id] = eid
            out.events += 1
        return ids

    def _copy_relations(self: Project, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                        target: _Keys, ensure: Any, out: Copied, notes: bool) -> dict[Id, int]:
        ids: dict[Id, int] = {}
        for rel in ann.relations:
            key = relation_key(rel, source)
            if key is None:
                continue
            if key in target.relations:
                ids[rel.id] = target.relations[key]
                continue
            rid = self._insert_relation(document_id, aid, rel.type, ensure(rel.source), ensure(rel.target))
            self._insert_extras(document_id, aid, "relation_id", rid, rel.attributes, rel.notes if notes else [])
            target.relations[key] = ids[rel.id] = rid
            out.relations += 1
        return ids

    def _copy_stances(self: Project, document_id: int, aid: int, ann: Annotations, source: Mapping[Id, Span],
                      target: _Keys, ensure: Any, out: Copied) -> None:
        for st in ann.stances:
            key = stance_key(st, source)
            if key is None or key in target.stances:
                continue
            tgt = ensure(st.target) if st.target_kind == "span" else st.target
            holder = ensure(st.holder) if st.holder is not None else None
            evidence = [sid for e in st.evidence if (sid := ensure(e)) is not None]
            sid = self._insert_stance(document_id, aid, st.label, st.scope, st.target_kind, tgt, holder, evidence)
            self._insert_extras(document_id, aid, "stance_id", sid, st.attributes, [])
            target.stances.add(key)
            out.stances += 1

    def _copy_doc_labels(self: Project, document_id: int, aid: int, ann: Annotations, reuse: bool, out: Copied) -> None:
        have = self.doc_labels(document_id, self._annotator_name(aid)) if reuse else {}
        for lset, labels in ann.doc_labels.items():
            dset = self.scheme.doc_label_set(lset)
            if have.get(lset) and dset is not None and not dset.multi:
                continue  # a single-label set that already has its label
            for lab in labels:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO document_labels(document_id, annotator_id, label_set, label) VALUES (?, ?, ?, ?)",
                    (document_id, aid, lset, lab),
                )
                out.doc_labels += cur.rowcount

    def _copy_normalization(self: Project, document_id: int, aid: int, note: Mapping[str, Any], spans: Mapping[Id, int],
                            events: Mapping[Id, int], relations: Mapping[Id, int]) -> None:
        from annotator.store.project import now

        target = {"span_id": spans.get(note.get("span")), "event_id": events.get(note.get("event")),
                  "relation_id": relations.get(note.get("relation"))}
        self.conn.execute(
            "INSERT INTO notes(document_id, annotator_id, span_id, event_id, relation_id, kind, reference, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'normalization', ?, ?, ?)",
            (document_id, aid, target["span_id"], target["event_id"], target["relation_id"],
             note.get("reference"), note.get("text") or "", now()),
        )

    def _annotator_name(self: Project, aid: int) -> str:
        return self.conn.execute("SELECT name FROM annotators WHERE id = ?", (aid,)).fetchone()[0]

    def _target_keys(self: Project, document_id: int, aid: int) -> _Keys:
        """Return the keys of what annotator ``aid`` already has on a document."""
        name = self._annotator_name(aid)
        ann = self.annotations(document_id, name)
        spans = span_map([ann])
        keys = _Keys()
        keys.spans = {span_key(s): int(s.id) for s in ann.spans}
        keys.events = {k: int(e.id) for e in ann.events if (k := event_key(e, spans)) is not None}
        keys.relations = {k: int(r.id) for r in ann.relations if (k := relation_key(r, spans)) is not None}
        keys.stances = {k for s in ann.stances if (k := stance_key(s, spans)) is not None}
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
