"""Checks of one document's annotations against its text and the scheme.

Each problem names the document, the position and what is wrong, so a linguist can find
it and a script can act on it.  ``check_document`` needs no database: the Project and
the GUI feed it what they hold.  Given only some of a document's spans (the GUI passes
the spans that events, relations and stances refer to), it checks those.

Problem kinds: ``offsets``, ``surface`` (a span does not fit the text), ``label`` (a
label, type or set the scheme lacks), ``trigger`` (a trigger span that does not match its
event), ``role`` (a role the event type lacks), ``argument_type`` (an argument or relation
end of a type the role or relation does not take), ``cardinality`` (a required role
missing, too many arguments, a single-label set with several labels, a stance per span
without evidence), ``duplicate`` (the same span twice in one role), ``reference`` (a
pointer at a span that does not exist, or an evidence passage no stance uses),
``attribute`` (an attribute the scheme lacks, on the wrong kind of item, or with a value
outside its list), ``stance`` (a stance the scheme's stance rules do not allow).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.model import Annotations, Event, Span, Stance
from annotator.core.scheme import UNLABELLED, Scheme

_PLURAL = {"entity": "entities", "event": "events", "relation": "relations"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an annotation."""

    document_id: int | None
    document: str
    kind: str            # see the module docstring
    message: str
    start: int | None = None
    end: int | None = None
    annotator: str | None = None
    item: str = ""       # "span 12", "event 3", ...

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"{self.document}"
        if self.start is not None:
            where += f" [{self.start}:{self.end}]"
        who = f" ({self.annotator})" if self.annotator else ""
        return f"{where}{who}: {self.message}"


def check_document(text: str, ann: Annotations, scheme: Scheme, *, document_id: int | None = None,
                   document: str = "", annotator: str | None = None, surfaces: dict[Any, list[str]] | None = None,
                   complete: bool = True) -> list[Problem]:
    """Return every problem with ``ann`` on ``text`` under ``scheme``.

    ``surfaces`` maps span ids to the stored surface of each fragment, checked against the
    text (``text[start:end] == surface``).  ``complete=False`` says ``ann.spans`` holds only
    some of the document's spans, so "a trigger without its event" is not looked for.
    """
    checker = _Checker(text, ann, scheme, document_id, document, annotator)
    checker.spans_ok(surfaces or {}, complete)
    for ev in ann.events:
        checker.event(ev)
    for rel in ann.relations:
        checker.relation(rel)
    for st in ann.stances:
        checker.stance(st)
    checker.doc_labels()
    return checker.problems


class _Checker:
    """Collects the problems of one document."""

    def __init__(self, text: str, ann: Annotations, scheme: Scheme, document_id: int | None, document: str,
                 annotator: str | None) -> None:
        self.text, self.ann, self.scheme = text, ann, scheme
        self.where = (document_id, document)
        self.annotator = annotator
        self.spans: dict[Any, Span] = {s.id: s for s in ann.spans}
        self.problems: list[Problem] = []
        self._fits: dict[tuple[tuple[str, ...], str], bool] = {}

    def accepts(self, allowed: tuple[str, ...], label: str) -> bool:
        """``scheme.accepts``, remembered (a document may have 1,000 events)."""
        key = (tuple(allowed), label)
        fit = self._fits.get(key)
        if fit is None:
            fit = self._fits[key] = self.scheme.accepts(allowed, label)
        return fit

    def add(self, kind: str, message: str, start: int | None = None, end: int | None = None, item: str = "") -> None:
        self.problems.append(Problem(self.where[0], self.where[1], kind, message, start, end, self.annotator, item))

    def at(self, span: Span | None) -> tuple[int | None, int | None]:
        return (span.start, span.end) if span is not None else (None, None)

    # -- spans -------------------------------------------------------------------------

    def spans_ok(self, surfaces: dict[Any, list[str]], complete: bool) -> None:
        text, scheme = self.text, self.scheme
        triggers = {ev.trigger for ev in self.ann.events}
        known, event_types = set(scheme.span_labels), set(scheme.event_types)
        for span in self.ann.spans:
            item = f"span {span.id}"
            for i, (s, e) in enumerate(span.fragments):
                if not 0 <= s < e <= len(text):
                    self.add("offsets", f"{item} ({span.label}) has fragment {s}..{e} outside the text (length {len(text)}).", s, e, item)
                    continue
                stored = surfaces.get(span.id)
                if stored is not None and i < len(stored) and stored[i] != text[s:e]:
                    self.add("surface", f"{item} ({span.label}) stores the surface {stored[i]!r} but the text there is "
                             f"{text[s:e]!r}.", s, e, item)
            if span.label == UNLABELLED:
                self.add("unlabelled", f"{item} «{span.surface}» is marked but not labelled yet.", span.start, span.end, item)
            elif span.label not in known:
                self.add("label", f"{item} has the label {span.label!r}, which the scheme does not define.", span.start, span.end, item)
            elif complete and span.label in event_types and span.id not in triggers:
                self.add("trigger", f"{item} «{span.surface}» is labelled with the event type {span.label} but triggers no event.",
                         span.start, span.end, item)
            if span.attributes:
                self.attributes(span, item, "event" if span.label in event_types else "entity", self.at(span))
        if complete and scheme.evidence_label:
            used = {e for st in self.ann.stances for e in st.evidence}
            for span in self.ann.spans:
                if span.label == scheme.evidence_label and span.id not in used:
                    self.add("reference", f"span {span.id} «{span.surface}» is stance evidence, but no stance uses it.",
                             span.start, span.end, f"span {span.id}")

    def attributes(self, obj: Any, item: str, applies: str, where: tuple[int | None, int | None]) -> None:
        """Check ``obj.attributes`` (``applies``: entity, event or relation)."""
        for name, value in obj.attributes.items():
            adef = self.scheme.attribute(name)
            if adef is None:
                self.add("attribute", f"{item} has the attribute {name!r}, which the scheme does not define.", *where, item)
            elif applies not in adef.on:
                self.add("attribute", f"{item} has the attribute {name!r}, which the scheme gives only to "
                         f"{', '.join(_PLURAL[o] for o in adef.on)}.", *where, item)
            elif adef.binary and not isinstance(value, bool):
                self.add("attribute", f"{item}: {name} is yes/no, not {value!r}.", *where, item)
            elif not adef.binary and value not in adef.values:
                self.add("attribute", f"{item}: {name} is {value!r}, not one of {', '.join(adef.values)}.", *where, item)

    # -- events ------------------------------------------------------------------------

    def event(self, ev: Event) -> None:
        item = f"event {ev.id}"
        trigger = self.spans.get(ev.trigger)
        if trigger is None:
            self.add("reference", f"{item} ({ev.type}) has no trigger span.", item=item)
            return
        etype = self.scheme.event(ev.type)
        if etype is None:
            self.add("label", f"{item} has the type {ev.type!r}, which the scheme does not define.", trigger.start, trigger.end, item)
            return
        if trigger.label != ev.type:
            self.add("trigger", f"{item} is a {ev.type} event, but its trigger «{trigger.surface}» is labelled {trigger.label}.",
                     trigger.start, trigger.end, item)
        self.attributes(ev, item, "event", self.at(trigger))
        counts: dict[str, int] = {}
        seen: set[tuple[str, Any]] = set()
        for arg in ev.arguments:
            counts[arg.role] = counts.get(arg.role, 0) + 1
            span = self.spans.get(arg.span)
            role = etype.role(arg.role)
            if span is None:
                self.add("reference", f"{item} ({ev.type}): the {arg.role} argument points at a span that does not exist.",
                         trigger.start, trigger.end, item)
                continue
            if (arg.role, arg.span) in seen:
                self.add("duplicate", f"{item} ({ev.type}) has «{span.surface}» twice as {arg.role}.", span.start, span.end, item)
            seen.add((arg.role, arg.span))
            if role is None:
                self.add("role", f"{item} ({ev.type}) has an argument in role {arg.role!r}, which {ev.type} does not have.",
                         span.start, span.end, item)
            elif not self.accepts(role.types, span.label):
                self.add("argument_type", f"{item} ({ev.type}): the {arg.role} «{span.surface}» is {span.label}, "
                         f"but {arg.role} takes {', '.join(role.types)}.", span.start, span.end, item)
        for role in etype.roles:
            n = counts.get(role.name, 0)
            if n < role.minimum:
                need = "at least one" if role.minimum == 1 and role.maximum is None else f"{role.minimum}"
                self.add("cardinality", f"{item} ({ev.type} «{trigger.surface}») needs {need} {role.name} but has {n}.",
                         trigger.start, trigger.end, item)
            elif role.maximum is not None and n > role.maximum:
                self.add("cardinality", f"{item} ({ev.type} «{trigger.surface}») takes at most {role.maximum} {role.name} "
                         f"but has {n}.", trigger.start, trigger.end, item)

    # -- relations ---------------------------------------------------------------------

    def relation(self, rel: Any) -> None:
        item = f"relation {rel.id}"
        rtype = self.scheme.relation(rel.type)
        src, tgt = self.spans.get(rel.source), self.spans.get(rel.target)
        if src is None or tgt is None:
            self.add("reference", f"{item} ({rel.type}) points at a span that does not exist.", item=item)
            return
        if rtype is None:
            self.add("label", f"{item} has the type {rel.type!r}, which the scheme does not define.", src.start, tgt.end, item)
            return
        self.attributes(rel, item, "relation", self.at(src))
        fits = self.accepts(rtype.arg1, src.label) and self.accepts(rtype.arg2, tgt.label)
        if fits or (rtype.symmetric and self.accepts(rtype.arg1, tgt.label) and self.accepts(rtype.arg2, src.label)):
            return
        for span, allowed, which in ((src, rtype.arg1, "first"), (tgt, rtype.arg2, "second")):
            if not self.accepts(allowed, span.label):
                self.add("argument_type", f"{item} ({rel.type}): the {which} argument «{span.surface}» is {span.label}, "
                         f"but {rel.type} takes {', '.join(allowed)}.", span.start, span.end, item)

    # -- stances and document labels ---------------------------------------------------

    def stance(self, st: Stance) -> None:
        item = f"stance {st.id}"
        rules = self.scheme.stance
        first = next((self.spans[r] for r in [*st.evidence, st.target if st.target_kind == "span" else None, st.holder]
                      if r is not None and r in self.spans), None)
        where = self.at(first)
        if st.label not in self.scheme.stance_labels:
            self.add("label", f"{item} has the label {st.label!r}, which the scheme does not define.", *where, item)
        if st.target_kind == "fixed" and st.target not in [t.target for t in rules.targets]:
            self.add("reference", f"{item} names the target {st.target!r}, which is not one of the scheme's targets.", *where, item)
        elif st.target_kind in ("span", "text") and not rules.free_targets:
            self.add("stance", f"{item} has a target outside the scheme's fixed targets, which the scheme does not allow.",
                     *where, item)
        if rules.scope != "both" and st.scope != rules.scope:
            self.add("stance", f"{item} is a stance per {st.scope}, but the scheme takes stance per {rules.scope}.", *where, item)
        if st.holder is not None and not rules.holder:
            self.add("stance", f"{item} records a holder, but the scheme records no holders.", *where, item)
        refs = [*st.evidence, *([st.holder] if st.holder is not None else []), *([st.target] if st.target_kind == "span" else [])]
        if any(r not in self.spans for r in refs):
            self.add("reference", f"{item} points at a span that does not exist.", *where, item)
        if st.scope == "span" and not st.evidence:
            self.add("cardinality", f"{item} is a stance per span but has no evidence span.", *where, item)

    def doc_labels(self) -> None:
        for lset, labels in self.ann.doc_labels.items():
            dset = self.scheme.doc_label_set(lset)
            if dset is None:
                self.add("label", f"document label set {lset!r} is not in the scheme.")
                continue
            if unknown := [lab for lab in labels if lab not in dset.labels]:
                self.add("label", f"document label set {lset!r} has no label {', '.join(map(repr, unknown))}.")
            if not dset.multi and len(labels) > 1:
                self.add("cardinality", f"document label set {lset!r} takes one label but has {len(labels)}: {', '.join(labels)}.")
