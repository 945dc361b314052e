"""Reads of a document's linked annotations for the window: events, relations, stances and
document labels with only the spans they point at, and their live check.

A document may hold 100,000 spans and a handful of events; the window reads these after
every edit, so nothing here reads every span of the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Argument, Event, Relation, Span
from annotator.core.validation import Problem, check_document
from annotator.store.annotations import _chunks

if TYPE_CHECKING:
    from annotator.store.project import Project


class LinkedMixin:
    """Single-item reads and the linked-annotation read of ``Project``."""

    def event(self: Project, event_id: int) -> Event:
        """Return event ``event_id`` with its arguments and attributes."""
        row = self.conn.execute("SELECT e.type, e.trigger_span_id, a.name FROM events e JOIN annotators a ON a.id = e.annotator_id "
                                "WHERE e.id = ?", (event_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no event {event_id}.")
        event = Event(type=row[0], trigger=row[1], id=event_id, annotator=row[2])
        for aid, role, sid in self.conn.execute("SELECT id, role, span_id FROM event_arguments WHERE event_id = ? ORDER BY id",
                                                (event_id,)):
            event.arguments.append(Argument(role=role, span=sid, id=aid))
        self._attach_attributes("event_id", {event_id: event})
        self._attach_notes("event_id", {event_id: event})
        return event

    def relation(self: Project, relation_id: int) -> Relation:
        """Return relation ``relation_id``."""
        row = self.conn.execute("SELECT r.document_id, a.name FROM relations r JOIN annotators a ON a.id = r.annotator_id "
                                "WHERE r.id = ?", (relation_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no relation {relation_id}.")
        return next(r for r in self.relations(row[0], row[1]) if r.id == relation_id)

    def linked_annotations(self: Project, document_id: int, annotator: str | None = None) -> Annotations:
        """Return a document's events, relations, stances and document labels by
        ``annotator`` (default: the current one), with only the spans they point at (not
        every span of the document; these spans come without attributes and notes)."""
        events = self.events(document_id, annotator)
        relations = self.relations(document_id, annotator)
        stances = self.stances(document_id, annotator)
        ids: set[int] = set()
        for ev in events:
            ids.add(int(ev.trigger))
            ids.update(int(a.span) for a in ev.arguments)
        for rel in relations:
            ids.update((int(rel.source), int(rel.target)))
        for st in stances:
            ids.update(int(e) for e in st.evidence)
            ids.update(int(x) for x in (st.holder, st.target if st.target_kind == "span" else None) if x is not None)
        spans = self._lean_spans(sorted(ids))
        return Annotations(spans=spans, events=events, relations=relations, stances=stances,
                           doc_labels=self.doc_labels(document_id, annotator))

    def events_named(self: Project, document_id: int, event_ids: Any = (), argument_ids: Any = (),
                     annotator: str | None = None) -> list[Event]:
        """Return, of events ``event_ids`` and the events of arguments ``argument_ids``,
        those ``annotator`` (default: the current one) has in the document, with their
        arguments and attributes: what a ``Changes`` names, read back for the window (one
        edit re-reads its events, not the document's 10,000)."""
        ids = {int(i) for i in event_ids}
        args = list(argument_ids)
        for chunk in _chunks(args, 900):
            ids.update(r[0] for r in self.conn.execute(
                f"SELECT event_id FROM event_arguments WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        aid = self._annotator_id_or_none(annotator)
        events: dict[int, Event] = {}
        for chunk in _chunks(sorted(ids), 900):
            for eid, type_, trigger, name in self.conn.execute(
                f"SELECT e.id, e.type, e.trigger_span_id, a.name FROM events e JOIN annotators a ON a.id = e.annotator_id "
                f"WHERE e.id IN ({','.join('?' * len(chunk))}) AND e.document_id = ? AND e.annotator_id IS ?",
                [*chunk, document_id, aid]):
                events[eid] = Event(type=type_, trigger=trigger, id=eid, annotator=name)
        for chunk in _chunks(list(events), 900):
            for arg_id, eid, role, sid in self.conn.execute(
                f"SELECT id, event_id, role, span_id FROM event_arguments WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk):
                events[eid].arguments.append(Argument(role=role, span=sid, id=arg_id))
        if events:
            self._attach_attributes("event_id", events)
            self._attach_notes("event_id", events)
        return list(events.values())

    def lean_spans(self: Project, ids: list[int]) -> list[Span]:
        """Return spans ``ids`` (those that exist) in text order: label, fragments,
        surface, no attributes."""
        return self._lean_spans(ids)

    def _lean_spans(self: Project, ids: list[int]) -> list[Span]:
        """Return spans ``ids`` in text order: label, fragments, surface (no attributes)."""
        by_id: dict[int, Span] = {}
        for chunk in _chunks(ids, 900):
            for sid, label, surface, fs, fe in self.conn.execute(
                f"SELECT s.id, s.label, s.surface, f.start, f.end FROM spans s JOIN fragments f ON f.span_id = s.id "
                f"WHERE s.id IN ({','.join('?' * len(chunk))}) ORDER BY s.id, f.seq", chunk):
                span = by_id.get(sid)
                if span is None:
                    span = by_id[sid] = Span(label=label, fragments=[], id=sid, surface=surface)
                span.fragments.append((fs, fe))
        return sorted(by_id.values(), key=lambda s: (s.fragments[0][0], s.fragments[-1][1], s.id))  # fragments are sorted

    def check_linked(self: Project, document_id: int, annotator: str | None = None,
                     linked: Annotations | None = None) -> list[Problem]:
        """Return the problems of a document's events, relations, stances, attributes and
        document labels (the live check of the window; ``validate`` checks everything)."""
        ann = linked if linked is not None else self.linked_annotations(document_id, annotator)
        info = self.document_info(document_id, count_spans=False)
        return check_document(self.text(document_id), ann, self.scheme, document_id=document_id,
                              document=info.name if info else "", annotator=annotator or self.annotator, complete=False)
