"""The open document's events, relations, stances and document labels, with their live
problems, as the window shows them (no Qt here).

Read from the Project after every edit (``Project.linked_annotations``: only the spans
these point at, never all of a document's spans) and checked with the core validation, so
a mark appears the moment an event becomes incomplete and goes the moment it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import Annotations, Event, Relation, Span, Stance
from annotator.core.validation import Problem


@dataclass
class LinkedState:
    """What the panels list and the view draws besides plain spans."""

    document_id: int | None = None
    ann: Annotations = field(default_factory=Annotations)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index()

    @classmethod
    def load(cls, project: Any, document_id: int) -> LinkedState:
        """Read and check ``document_id``'s linked annotations by the current annotator."""
        from annotator.gui.workers import gc_paused

        with gc_paused():  # thousands of small records: the collector would scan the window's 100,000 spans for nothing
            ann = project.linked_annotations(document_id)
            return cls(document_id, ann, project.check_linked(document_id, linked=ann))

    def _index(self) -> None:
        self.spans: dict[int, Span] = {int(s.id): s for s in self.ann.spans}
        self.by_trigger: dict[int, list[Event]] = {}
        for ev in self.ann.events:
            self.by_trigger.setdefault(int(ev.trigger), []).append(ev)
        self.by_item: dict[str, list[Problem]] = {}
        for p in self.problems:
            self.by_item.setdefault(p.item, []).append(p)

    # -- lookups -----------------------------------------------------------------------

    @property
    def events(self) -> list[Event]:
        return self.ann.events

    @property
    def relations(self) -> list[Relation]:
        return self.ann.relations

    @property
    def stances(self) -> list[Stance]:
        return self.ann.stances

    def event(self, event_id: int | None) -> Event | None:
        return next((e for e in self.ann.events if e.id == event_id), None)

    def relation(self, relation_id: int | None) -> Relation | None:
        return next((r for r in self.ann.relations if r.id == relation_id), None)

    def stance(self, stance_id: int | None) -> Stance | None:
        return next((s for s in self.ann.stances if s.id == stance_id), None)

    def event_of_trigger(self, span_id: int | None) -> Event | None:
        """Return the (first) event ``span_id`` triggers, or None."""
        found = self.by_trigger.get(span_id) if span_id is not None else None
        return found[0] if found else None

    def surface(self, span_id: Any) -> str:
        span = self.spans.get(span_id)
        return span.surface if span else "?"

    def problems_of(self, kind: str, item_id: Any) -> list[Problem]:
        """Return the problems of ``"event"``/``"relation"``/``"stance"``/``"span"`` ``item_id``."""
        return self.by_item.get(f"{kind} {item_id}", [])

    def roles_filled(self, event: Event) -> dict[str, int]:
        """Return how many arguments fill each role of ``event``."""
        counts: dict[str, int] = {}
        for arg in event.arguments:
            counts[arg.role] = counts.get(arg.role, 0) + 1
        return counts

    def uses_of(self, span_id: int) -> list[tuple[str, Any, str]]:
        """Return what points at span ``span_id``: ``(kind, id, how)`` with how one of
        trigger, a role name, source, target, holder, evidence."""
        out: list[tuple[str, Any, str]] = []
        for ev in self.ann.events:
            if ev.trigger == span_id:
                out.append(("event", ev.id, "trigger"))
            out += [("event", ev.id, a.role) for a in ev.arguments if a.span == span_id]
        for rel in self.ann.relations:
            out += [("relation", rel.id, how) for how, sid in (("source", rel.source), ("target", rel.target)) if sid == span_id]
        for st in self.ann.stances:
            if st.holder == span_id:
                out.append(("stance", st.id, "holder"))
            if st.target_kind == "span" and st.target == span_id:
                out.append(("stance", st.id, "target"))
            if span_id in st.evidence:
                out.append(("stance", st.id, "evidence"))
        return out

    def marks(self) -> list[tuple[int, int, str]]:
        """Return the ranges to underline as problems, with their messages."""
        return [(p.start, p.end, p.message) for p in self.problems if p.start is not None and p.end is not None]
