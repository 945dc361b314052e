"""Reads of a document's linked annotations for the window: events, relations, stances and
document labels with only the spans they point at, and their live check.

A document may hold 100,000 spans and a handful of events; the window reads these after
every edit, so nothing here reads every span of the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Event, Relation
from annotator.core.validation import Problem, check_document
from annotator.store.annotations import _chunks

if TYPE_CHECKING:
    from annotator.store.project import Project


class LinkedMixin:
    """Single-item reads and the linked-annotation read of ``Project``."""

    def event(self: Project, event_id: int) -> Event:
        """Return event ``event_id`` with its arguments."""
        document_id, _, _ = self._event_row(event_id)
        aid = self.conn.execute("SELECT annotator_id FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        name = self.conn.execute("SELECT name FROM annotators WHERE id = ?", (aid,)).fetchone()[0]
        return next(ev for ev in self.events(document_id, name) if ev.id == event_id)

    def relation(self: Project, relation_id: int) -> Relation:
        """Return relation ``relation_id``."""
        row = self.conn.execute("SELECT r.document_id, a.name FROM relations r JOIN annotators a ON a.id = r.annotator_id "
                                "WHERE r.id = ?", (relation_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no relation {relation_id}.")
        return next(r for r in self.relations(row[0], row[1]) if r.id == relation_id)

    def linked_annotations(self: Project, document_id: int, annotator: str | None = None) -> Annotations:
        """Return a document's events, relations, stances and document labels by
        ``annotator`` (default: the current one), with the spans they point at and the
        spans that carry attributes (not every span of the document)."""
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
        aid = self._annotator_id_or_none(annotator)
        ids.update(r[0] for r in self.conn.execute(
            "SELECT s.id FROM attributes a CROSS JOIN spans s ON s.id = a.span_id "
            "WHERE a.span_id IS NOT NULL AND s.document_id = ? AND s.annotator_id IS ?", (document_id, aid)))
        spans = []
        for chunk in _chunks(sorted(ids), 900):
            spans += self._read_spans(f"s.id IN ({','.join('?' * len(chunk))})", chunk)
        spans.sort(key=lambda s: (s.start, s.end, s.id))
        return Annotations(spans=spans, events=events, relations=relations, stances=stances,
                           doc_labels=self.doc_labels(document_id, annotator))

    def check_linked(self: Project, document_id: int, annotator: str | None = None,
                     linked: Annotations | None = None) -> list[Problem]:
        """Return the problems of a document's events, relations, stances, attributes and
        document labels (the live check of the window; ``validate`` checks everything)."""
        ann = linked if linked is not None else self.linked_annotations(document_id, annotator)
        info = self.document_info(document_id, count_spans=False)
        return check_document(self.text(document_id), ann, self.scheme, document_id=document_id,
                              document=info.name if info else "", annotator=annotator or self.annotator, complete=False)
