"""Reads of a document's linked annotations for the window: events, relations, stances and
document labels with only the spans they point at, and their live check.  A part of
``Project`` that owns no table: it reads through the ``Items`` and ``Stances`` parts.

A document may hold 100,000 spans and a handful of events; the window reads these after
every edit, so nothing here reads every span of the document.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.model import Annotations, Event, Relation, Span
from annotator.core.validation import Problem, check_document
from annotator.store.annotations import Items, chunks, marks
from annotator.store.annotators import Annotators
from annotator.store.documents import Documents
from annotator.store.settings import Settings
from annotator.store.stances import Stances


class Linked:
    """The linked-annotation read and its check."""

    def __init__(self, settings: Settings, people: Annotators, docs: Documents, items: Items, stances: Stances) -> None:
        self.settings = settings
        self.people = people
        self.docs = docs
        self.items = items
        self.stances = stances

    def linked_annotations(self, document_id: int, annotator: str | None = None) -> Annotations:
        """Return a document's events, relations, stances and document labels by
        ``annotator`` (default: the current one), with only the spans they point at (not
        every span of the document; these spans come without attributes and notes)."""
        events = self.items.events(document_id, annotator)
        relations = self.items.relations(document_id, annotator)
        stances = self.stances.stances(document_id, annotator)
        ids: set[int] = set()
        for ev in events:
            ids.add(int(ev.trigger))
            ids.update(int(a.span) for a in ev.arguments)
        for rel in relations:
            ids.update((int(rel.source), int(rel.target)))
        for st in stances:
            ids.update(int(e) for e in st.evidence)
            ids.update(int(x) for x in (st.holder, st.target if st.target_kind == "span" else None) if x is not None)
        spans = self.items.spans_by_id(sorted(ids))
        return Annotations(spans=spans, events=events, relations=relations, stances=stances,
                           doc_labels=self.stances.doc_labels(document_id, annotator))

    def events_named(self, document_id: int, event_ids: Iterable[int] = (), argument_ids: Iterable[int] = (),
                     annotator: str | None = None) -> list[Event]:
        """Return, of events ``event_ids`` and the events of arguments ``argument_ids``,
        those ``annotator`` (default: the current one) has in the document, with their
        arguments and attributes: what a ``Changes`` names, read back for the window (one
        edit re-reads its events, not the document's 10,000)."""
        ids = {int(i) for i in event_ids}
        for chunk in chunks(list(argument_ids)):
            ids.update(r[0] for r in self.items.conn.execute(
                f"SELECT event_id FROM event_arguments WHERE id IN ({marks(chunk)})", chunk))
        aid = self.people.me_or_none(annotator)
        events: list[Event] = []
        for chunk in chunks(sorted(ids)):
            events.extend(self.items.read_events(f"e.id IN ({marks(chunk)}) AND e.document_id = ? AND e.annotator_id IS ?",
                                                 [*chunk, document_id, aid]))
        return events

    def relations_named(self, document_id: int, relation_ids: Iterable[int], annotator: str | None = None) -> list[Relation]:
        """Return, of relations ``relation_ids``, those ``annotator`` (default: the current
        one) has in the document, in id order: what a ``Changes`` names, read back for the
        window (an edit of one relation re-reads it, not the document's hundreds)."""
        aid = self.people.me_or_none(annotator)
        rels: list[Relation] = []
        for chunk in chunks(sorted({int(i) for i in relation_ids})):
            rels.extend(self.items.read_relations(f"r.id IN ({marks(chunk)}) AND r.document_id = ? AND r.annotator_id IS ?",
                                                  [*chunk, document_id, aid]))
        return rels

    def lean_spans(self, ids: list[int]) -> list[Span]:
        """Return spans ``ids`` (those that exist) in text order: label, fragments,
        surface, no attributes."""
        return self.items.spans_by_id(ids)

    def check_linked(self, document_id: int, annotator: str | None = None,
                     linked: Annotations | None = None) -> list[Problem]:
        """Return the problems of a document's events, relations, stances, attributes and
        document labels (the live check of the window; ``validate`` checks everything)."""
        ann = linked if linked is not None else self.linked_annotations(document_id, annotator)
        return check_document(self.docs.text(document_id), ann, self.settings.scheme, document_id=document_id,
                              document=self.docs.name(document_id), annotator=annotator or self.people.current,
                              complete=False)
