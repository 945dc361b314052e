"""Label mapping and filtering, for imports (``--map``) and exports (``--map``, ``--labels``).

A mapping renames labels (span labels, event types, relation types, stance labels);
mapping a label to ``""`` drops what carries it.  A filter keeps only spans whose
(mapped) label it names.  Dropping a span drops what cannot stand without it: the events
it triggers, the arguments, relations and normalisations pointing at it, and stances whose
target it is (a dropped holder becomes the author; dropped evidence is left out).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace

from annotator.core.errors import InputError
from annotator.core.model import Annotations, Argument, Document


def parse_label_map(items: Iterable[str]) -> dict[str, str]:
    """Parse ``OLD=NEW`` items (each may hold several, comma-separated) into a mapping."""
    mapping: dict[str, str] = {}
    for item in items:
        for part in item.split(","):
            part = part.strip()
            if not part:
                continue
            old, sep, new = part.partition("=")
            if not sep or not old.strip():
                raise InputError(f"--map takes OLD=NEW (NEW may be empty to drop OLD), not {part!r}.")
            mapping[old.strip()] = new.strip()
    return mapping


def parse_label_list(items: Iterable[str]) -> list[str]:
    """Parse ``A,B`` items into a list of labels."""
    return [p.strip() for item in items for p in item.split(",") if p.strip()]


def apply_labels(ann: Annotations, mapping: Mapping[str, str] | None, keep: Collection[str] | None) -> Annotations:
    """Return ``ann`` with labels renamed by ``mapping`` and spans filtered by ``keep``."""
    if not mapping and keep is None:
        return ann
    m = mapping or {}

    def new(label: str) -> str:
        return m.get(label, label)

    spans = []
    for s in ann.spans:
        label = new(s.label)
        if label and (keep is None or label in keep):
            spans.append(s if label == s.label else replace(s, label=label))
    alive = {s.id for s in spans}
    events = []
    for e in ann.events:
        etype = new(e.type)
        if etype and e.trigger in alive:
            args = [a for a in e.arguments if a.span in alive]
            events.append(replace(e, type=etype, arguments=[Argument(a.role, a.span, a.id) for a in args]))
    relations = [replace(r, type=new(r.type)) for r in ann.relations
                 if new(r.type) and r.source in alive and r.target in alive]
    stances = []
    for st in ann.stances:
        label = new(st.label)
        if not label or (st.target_kind == "span" and st.target not in alive):
            continue
        stances.append(replace(st, label=label, holder=st.holder if st.holder in alive else None,
                               evidence=[e for e in st.evidence if e in alive]))
    kept = {"span": alive, "event": {e.id for e in events}, "relation": {r.id for r in relations}}
    norms = [n for n in ann.normalizations if n.target in kept.get(n.target_kind, set())]
    return replace(ann, spans=spans, events=events, relations=relations, stances=stances, normalizations=norms)


def mapped(label: str, options: Mapping[str, object]) -> str:
    """Return ``label`` as an import's ``label_map`` option will rename it."""
    m = options.get("label_map") or {}
    return m.get(label, label) if isinstance(m, Mapping) else label


def map_documents(documents: Iterable[Document], mapping: Mapping[str, str]) -> None:
    """Rename labels in every annotation layer of ``documents``, in place."""
    for doc in documents:
        for who, ann in list(doc.annotations.items()):
            doc.annotations[who] = apply_labels(ann, mapping, None)
