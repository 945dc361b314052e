"""Checks of one document's annotations against its text and the scheme.

Each problem names the document, the position and what is wrong, so a linguist can find
it and a script can act on it.  ``check_document`` needs no database: the Project and
the GUI feed it what they hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.model import Annotations
from annotator.core.scheme import Scheme


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an annotation."""

    document_id: int | None
    document: str
    kind: str            # offsets, surface, label, role, argument_type, cardinality, reference, ...
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
                   document: str = "", annotator: str | None = None, surfaces: dict[Any, list[str]] | None = None) -> list[Problem]:
    """Return every problem with ``ann`` on ``text`` under ``scheme``.

    ``surfaces`` maps span ids to the stored surface of each fragment, checked against the
    text (``text[start:end] == surface``).
    """
    problems: list[Problem] = []

    def add(kind: str, message: str, start: int | None = None, end: int | None = None, item: str = "") -> None:
        problems.append(Problem(document_id, document, kind, message, start, end, annotator, item))

    spans = {s.id: s for s in ann.spans}
    for span in ann.spans:
        item = f"span {span.id}"
        for i, (s, e) in enumerate(span.fragments):
            if not 0 <= s < e <= len(text):
                add("offsets", f"{item} ({span.label}) has fragment {s}..{e} outside the text (length {len(text)}).", s, e, item)
                continue
            stored = (surfaces or {}).get(span.id)
            if stored is not None and i < len(stored) and stored[i] != text[s:e]:
                add("surface", f"{item} ({span.label}) stores the surface {stored[i]!r} but the text there is {text[s:e]!r}.", s, e, item)
        if span.label not in scheme.span_labels:
            add("label", f"{item} has the label {span.label!r}, which the scheme does not define.", span.start, span.end, item)
    for ev in ann.events:
        problems.extend(_check_event(ev, spans, scheme, add))
    for rel in ann.relations:
        item = f"relation {rel.id}"
        rtype = scheme.relation(rel.type)
        src, tgt = spans.get(rel.source), spans.get(rel.target)
        if src is None or tgt is None:
            add("reference", f"{item} ({rel.type}) points at a span that does not exist.", item=item)
            continue
        if rtype is None:
            add("label", f"{item} has the type {rel.type!r}, which the scheme does not define.", src.start, tgt.end, item)
            continue
        for span, allowed, which in ((src, rtype.arg1, "first"), (tgt, rtype.arg2, "second")):
            if not scheme.accepts(allowed, span.label):
                add("argument_type", f"{item} ({rel.type}): the {which} argument «{span.surface}» is {span.label}, "
                    f"but {rel.type} takes {', '.join(allowed)}.", span.start, span.end, item)
    for st in ann.stances:
        item = f"stance {st.id}"
        if st.label not in scheme.stance_labels:
            add("label", f"{item} has the label {st.label!r}, which the scheme does not define.", item=item)
        if st.target_kind == "fixed" and st.target not in [t.target for t in scheme.stance.targets]:
            add("reference", f"{item} names the target {st.target!r}, which is not one of the scheme's targets.", item=item)
        refs = [*st.evidence, *([st.holder] if st.holder is not None else []), *([st.target] if st.target_kind == "span" else [])]
        if any(r not in spans for r in refs):
            add("reference", f"{item} points at a span that does not exist.", item=item)
        if st.scope == "span" and not st.evidence:
            add("cardinality", f"{item} is a stance per span but has no evidence span.", item=item)
    for lset, labels in ann.doc_labels.items():
        dset = scheme.doc_label_set(lset)
        if dset is None:
            add("label", f"document label set {lset!r} is not in the scheme.")
        elif not dset.multi and len(labels) > 1:
            add("cardinality", f"document label set {lset!r} takes one label but has {len(labels)}: {', '.join(labels)}.")
    return problems


def _check_event(ev: Any, spans: dict[Any, Any], scheme: Scheme, add: Any) -> list[Problem]:
    item = f"event {ev.id}"
    trigger = spans.get(ev.trigger)
    if trigger is None:
        add("reference", f"{item} ({ev.type}) has no trigger span.", item=item)
        return []
    etype = scheme.event(ev.type)
    if etype is None:
        add("label", f"{item} has the type {ev.type!r}, which the scheme does not define.", trigger.start, trigger.end, item)
        return []
    counts: dict[str, int] = {}
    for arg in ev.arguments:
        counts[arg.role] = counts.get(arg.role, 0) + 1
        span = spans.get(arg.span)
        role = etype.role(arg.role)
        if span is None:
            add("reference", f"{item} ({ev.type}): the {arg.role} argument points at a span that does not exist.", trigger.start, trigger.end, item)
            continue
        if role is None:
            add("role", f"{item} ({ev.type}) has an argument in role {arg.role!r}, which {ev.type} does not have.", span.start, span.end, item)
        elif not scheme.accepts(role.types, span.label):
            add("argument_type", f"{item} ({ev.type}): the {arg.role} «{span.surface}» is {span.label}, "
                f"but {arg.role} takes {', '.join(role.types)}.", span.start, span.end, item)
    for role in etype.roles:
        n = counts.get(role.name, 0)
        if n < role.minimum:
            need = "at least one" if role.minimum == 1 and role.maximum is None else f"{role.minimum}"
            add("cardinality", f"{item} ({ev.type} «{trigger.surface}») needs {need} {role.name} but has {n}.", trigger.start, trigger.end, item)
        elif role.maximum is not None and n > role.maximum:
            add("cardinality", f"{item} ({ev.type} «{trigger.surface}») takes at most {role.maximum} {role.name} but has {n}.",
                trigger.start, trigger.end, item)
    return []
