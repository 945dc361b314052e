"""The open document's events, relations, stances and document labels, with their live
problems, as the window shows them (no Qt here).

Read whole when a document opens (``Project.linked_annotations``: only the spans these
point at, never all of a document's spans) and checked with the core validation.  After
an edit ``apply`` reads back only what its ``Changes`` name (the events it touched, the
relations and stances if it touched any) and checks only those, so an edit costs the same
with 10 events as with 10,000; a mark appears the moment an event becomes incomplete and
goes the moment it is fixed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from annotator.core.collector import collector_paused
from annotator.core.model import Annotations, Event, Relation, Span, Stance
from annotator.core.validation import Problem
from annotator.store.changes import Changes

#: Tables of the rest (relations, stances, document labels), re-read whole when touched:
#: a document has few of them.
OTHER_TABLES = frozenset({"relations", "stances", "stance_evidence", "document_labels"})
#: Tables whose rows may belong to anything (read everything again).
ANY_TABLES = frozenset({"attributes", "notes"})


@dataclass
class LinkedState:
    """What the panels list and the view draws besides plain spans."""

    document_id: int | None = None
    ann: Annotations = field(default_factory=Annotations)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._marks: tuple[list[Problem] | None, list[tuple[int, int, str]]] = (None, [])  # (of which problems, the marks)
        self._index()

    @classmethod
    def load(cls, project: Any, document_id: int) -> LinkedState:
        """Read and check ``document_id``'s linked annotations by the current annotator."""
        with collector_paused():  # thousands of small records: the collector would scan the window's 100,000 spans for nothing
            ann = project.linked_annotations(document_id)
            return cls(document_id, ann, project.check_linked(document_id, linked=ann))

    def _index(self) -> None:
        self.spans: dict[int, Span] = {int(s.id): s for s in self.ann.spans}
        self.by_trigger: dict[int, list[Event]] = {}
        self.by_id: dict[Any, Event] = {}
        self.argument_event: dict[Any, Any] = {}  # argument id -> event id
        self.event_uses: dict[Any, list[tuple[str, Any, str]]] = {}  # span id -> events pointing at it
        for ev in self.ann.events:
            self._index_event(ev)
        self._index_others()
        self.by_item: dict[str, list[Problem]] = {}
        for p in self.problems:
            self.by_item.setdefault(p.item, []).append(p)

    def _index_others(self) -> None:
        self.other_uses: dict[Any, list[tuple[str, Any, str]]] = {}  # span id -> relations, stances
        for rel in self.ann.relations:
            for how, sid in (("source", rel.source), ("target", rel.target)):
                self.other_uses.setdefault(sid, []).append(("relation", rel.id, how))
        for st in self.ann.stances:
            if st.holder is not None:
                self.other_uses.setdefault(st.holder, []).append(("stance", st.id, "holder"))
            if st.target_kind == "span" and st.target is not None:
                self.other_uses.setdefault(st.target, []).append(("stance", st.id, "target"))
            for e in st.evidence:
                self.other_uses.setdefault(e, []).append(("stance", st.id, "evidence"))

    def _index_event(self, ev: Event) -> None:
        self.by_id[ev.id] = ev
        self.by_trigger.setdefault(int(ev.trigger), []).append(ev)
        self.event_uses.setdefault(ev.trigger, []).append(("event", ev.id, "trigger"))
        for a in ev.arguments:
            self.argument_event[a.id] = ev.id
            self.event_uses.setdefault(a.span, []).append(("event", ev.id, a.role))

    def _unindex_event(self, ev: Event) -> None:
        self.by_id.pop(ev.id, None)
        same = self.by_trigger.get(int(ev.trigger), [])
        same[:] = [e for e in same if e.id != ev.id]
        for a in ev.arguments:
            self.argument_event.pop(a.id, None)
        for sid in (ev.trigger, *(a.span for a in ev.arguments)):
            if sid in self.event_uses:
                self.event_uses[sid] = [u for u in self.event_uses[sid] if u[1] != ev.id]

    # -- an edit -----------------------------------------------------------------------

    def apply(self, project: Any, changes: Changes) -> frozenset[Any] | None:
        """Bring the state up to date with ``changes`` (in place) and return the ids of the
        events they touched, or None if they touched nothing this state shows.  Only what
        ``changes`` name is read back and checked; everything else is kept as it was."""
        doc = self.document_id
        if doc is None:
            return None
        tables = changes.tables
        if changes.kind == "external" or tables & ANY_TABLES:
            fresh_state = LinkedState.load(project, doc)
            self.ann, self.problems = fresh_state.ann, fresh_state.problems
            self._index()
            return frozenset(self.by_id)
        if changes.documents and doc not in changes.documents:
            return None
        spans_hit = {sid for sid in changes.ids("spans") if sid in self.spans}
        event_ids = set(changes.ids("events"))
        args = changes.ids("event_arguments")
        event_ids.update(self.argument_event[a] for a in args if a in self.argument_event)
        for sid in spans_hit:
            event_ids.update(u[1] for u in self.event_uses.get(sid, ()))
        others = bool(tables & OTHER_TABLES) or any(sid in self.other_uses for sid in spans_hit)
        if not (event_ids or args or others or spans_hit):
            return None
        found = project.events_named(doc, event_ids, [a for a in args if a not in self.argument_event])
        event_ids.update(ev.id for ev in found)
        ann = self.ann
        # the relations to read again and check: those named, and those on a span named
        # (None: all of them; an edit always names its rows, so that is a safeguard)
        rel_ids: set[Any] | None = set(changes.ids("relations"))
        rel_ids.update(i for sid in spans_hit for kind, i, _ in self.other_uses.get(sid, ()) if kind == "relation")
        if "relations" in tables and not changes.ids("relations"):
            rel_ids = None
        stances_hit = labels_hit = False
        fresh_rels: list[Relation] = []
        if others:
            # only what was touched is read again: the rest keep their lists (the same
            # objects, so the Relations panel is not rebuilt for an edit of a stance)
            uses = {kind for sid in spans_hit for kind, _, _ in self.other_uses.get(sid, ())}
            if rel_ids is None:
                ann.relations = fresh_rels = project.relations(doc)
            elif rel_ids:
                fresh_rels = project.relations_named(doc, rel_ids)
                kept_rels = [r for r in ann.relations if r.id not in rel_ids]
                ann.relations = sorted(kept_rels + fresh_rels, key=lambda r: r.id)  # as a whole read: by id
            stances_hit = bool(tables & {"stances", "stance_evidence"}) or "stance" in uses
            if stances_hit:
                ann.stances = project.stances(doc)
            labels_hit = "document_labels" in tables
            if labels_hit:
                ann.doc_labels = project.doc_labels(doc)
        # the spans to read again: those named, and those the new items point at
        want = set(spans_hit)
        for ev in found:
            want.update((ev.trigger, *(a.span for a in ev.arguments)))
        checked_stances = ann.stances if stances_hit else []
        if others:
            for rel in fresh_rels:
                want.update((rel.source, rel.target))
            for st in checked_stances:
                want.update(x for x in (st.holder, st.target if st.target_kind == "span" else None, *st.evidence) if x is not None)
        want = {int(x) for x in want if x in spans_hit or x not in self.spans}
        fresh = {int(sp.id): sp for sp in project.lean_spans(sorted(want))} if want else {}
        # the events: the touched ones out (found while the spans still say where they
        # sit), the ones still there back in trigger order
        events = ann.events
        for eid in event_ids:
            if (old := self.by_id.get(eid)) is not None:
                del events[self.position(old)]
                self._unindex_event(old)
        for sid in spans_hit:
            self.spans.pop(sid, None)
        self.spans.update(fresh)
        for ev in sorted(found, key=self._order_key):
            i = bisect.bisect_left(events, self._order_key(ev), key=self._order_key)
            events.insert(i, ev)
            self._index_event(ev)
        ann.events = events
        ann.spans = list(self.spans.values())
        if others:
            self._index_others()
        # the check: again for what was touched; the other items keep their problems
        touched_spans = set(fresh) | spans_hit
        items = {f"event {i}" for i in event_ids} | {f"span {i}" for i in touched_spans}
        part_spans = {sid: self.spans[sid] for sid in touched_spans if sid in self.spans}
        for ev in found:
            for sid in (ev.trigger, *(a.span for a in ev.arguments)):
                if sid in self.spans:
                    part_spans[sid] = self.spans[sid]
        part = Annotations(spans=list(part_spans.values()), events=found)
        if others:
            # the relations and stances read again are checked again (each is checked on
            # its own: no rule joins two of them); the others keep their problems
            if rel_ids is None:
                items |= {f"relation {r.id}" for r in ann.relations}
                items |= {p.item for p in self.problems if p.item.startswith("relation ")}
            else:
                items |= {f"relation {i}" for i in rel_ids}
            if stances_hit:
                items |= {f"stance {st.id}" for st in ann.stances}
                items |= {p.item for p in self.problems if p.item.startswith("stance ")}
            if labels_hit:
                items.add("")
            for rel in fresh_rels:
                part_spans.update({sid: self.spans[sid] for sid in (rel.source, rel.target) if sid in self.spans})
            for st in checked_stances:
                part_spans.update({sid: self.spans[sid] for sid in (st.holder, st.target if st.target_kind == "span" else None,
                                                                    *st.evidence) if sid in self.spans})
            part = Annotations(spans=list(part_spans.values()), events=found, relations=fresh_rels,
                               stances=checked_stances, doc_labels=ann.doc_labels)
        checked = [p for p in project.check_linked(doc, linked=part) if p.item in items]
        if not others:
            checked = [p for p in checked if p.item]  # the document's labels were not part of it
        kept = [p for p in self.problems if p.item not in items]
        self.problems = self._ordered(kept + checked)
        self.by_item = {}
        for p in self.problems:
            self.by_item.setdefault(p.item, []).append(p)
        return frozenset(event_ids)

    def position(self, event: Event) -> int:
        """Return the index of ``event`` (this very object) in ``events``, which are in
        trigger order: by bisection (a comparison of dataclasses field by field, as
        ``list.index`` makes, costs milliseconds over 10,000 events), by a walk if the
        order does not find it."""
        events = self.ann.events
        i = bisect.bisect_left(events, self._order_key(event), key=self._order_key)
        if i < len(events) and events[i] is event:
            return i
        return next(j for j, e in enumerate(events) if e is event)

    def _order_key(self, event: Event) -> tuple[int, Any]:
        """Where an event sits in ``events``: by its trigger's start, then its id."""
        return (self._start(event.trigger), event.id)

    def _start(self, span_id: Any) -> int:
        span = self.spans.get(span_id)
        return span.start if span is not None else -1

    def _ordered(self, problems: list[Problem]) -> list[Problem]:
        """Put problems in the order a whole check gives them: spans (in text order),
        events (in trigger order), relations, stances, then the document's own."""
        rel = {f"relation {r.id}": i for i, r in enumerate(self.ann.relations)} if any(
            p.item.startswith("relation ") for p in problems) else {}
        st = {f"stance {s.id}": i for i, s in enumerate(self.ann.stances)} if any(
            p.item.startswith("stance ") for p in problems) else {}

        def key(p: Problem) -> tuple[int, int, int]:
            kind, _, ident = p.item.partition(" ")
            if kind == "span" and (span := self.spans.get(int(ident))) is not None:
                return (0, span.start, span.id)
            if kind == "event" and (ev := self.by_id.get(int(ident))) is not None:
                return (1, self._start(ev.trigger), int(ident))
            if p.item in rel:
                return (2, rel[p.item], 0)
            if p.item in st:
                return (3, st[p.item], 0)
            return (4, 0, 0)

        return sorted(problems, key=key)

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
        return self.by_id.get(event_id)

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
        return [*self.event_uses.get(span_id, ()), *self.other_uses.get(span_id, ())]

    def marks(self) -> list[tuple[int, int, str]]:
        """Return the ranges to underline as problems, with their messages (the same list
        while the problems stay the same: a document may have thousands)."""
        if self._marks[0] is not self.problems:
            self._marks = (self.problems, [(p.start, p.end, p.message) for p in self.problems
                                           if p.start is not None and p.end is not None])
        return self._marks[1]

