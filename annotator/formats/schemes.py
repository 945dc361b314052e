"""Growing a project's scheme with the types an imported corpus brings.

A brat collection's ``annotation.conf``, or the labels of a CoNLL, doccano, Label Studio or
stance file imported with ``add_labels``, may name types the project's scheme lacks.
``extend_scheme`` returns the scheme with them added (a new version, written back to TOML
so the project stores it like any scheme), or None when nothing is new; the import then
adopts it and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from annotator.core.scheme import (
    AttributeDef,
    EntityType,
    EventType,
    RelationType,
    Role,
    Scheme,
    StanceConfig,
    StanceLabel,
    dump_scheme,
    parse_scheme,
)

_PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe",
            "#008080", "#e6beff", "#9a6324", "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#808080")


def color_for(label: str) -> str:
    """Return a colour for a new type, the same for the same label every time."""
    return _PALETTE[int(hashlib.sha256(label.encode("utf-8")).hexdigest(), 16) % len(_PALETTE)]


def extend_scheme(scheme: Scheme, *, entities: Iterable[EntityType] = (), events: Iterable[EventType] = (),
                  relations: Iterable[RelationType] = (), attributes: Iterable[AttributeDef] = (),
                  stance_labels: Iterable[str] = (), origin: str = "import") -> Scheme | None:
    """Return ``scheme`` with the types it lacks added (roles and attribute values merged
    into types it has), or None if it already has them all."""
    ents = list(scheme.entities)
    evs = list(scheme.events)
    rels = list(scheme.relations)
    attrs = list(scheme.attributes)
    changed = False
    known = set(scheme.span_labels)
    for e in entities:
        if e.label not in known:
            ents.append(e)
            known.add(e.label)
            changed = True
    for ev in events:
        old = scheme.event(ev.type)
        if old is None:
            if ev.type in known:
                continue
            evs.append(ev)
            known.add(ev.type)
            changed = True
        else:
            roles = []
            for r in old.roles:
                theirs = ev.role(r.name)
                more = tuple(t for t in (theirs.types if theirs else ()) if t not in r.types)
                roles.append(replace(r, types=r.types + more) if more else r)
            roles += [r for r in ev.roles if old.role(r.name) is None]
            if tuple(roles) != old.roles:
                evs[evs.index(old)] = replace(old, roles=tuple(roles))
                changed = True
    for r in relations:
        old_r = scheme.relation(r.type)
        if old_r is None:
            rels.append(r)
            changed = True
        else:
            arg1 = old_r.arg1 + tuple(t for t in r.arg1 if t not in old_r.arg1)
            arg2 = old_r.arg2 + tuple(t for t in r.arg2 if t not in old_r.arg2)
            if (arg1, arg2) != (old_r.arg1, old_r.arg2):
                rels[rels.index(old_r)] = replace(old_r, arg1=arg1, arg2=arg2)
                changed = True
    for a in attributes:
        old_a = scheme.attribute(a.name)
        if old_a is None:
            attrs.append(a)
            changed = True
        else:
            values = old_a.values + tuple(v for v in a.values if v not in old_a.values)
            on = old_a.on + tuple(o for o in a.on if o not in old_a.on)
            if (values, on) != (old_a.values, old_a.on):
                attrs[attrs.index(old_a)] = replace(old_a, values=values, on=on)
                changed = True
    stance = scheme.stance
    new_labels = [lab for lab in dict.fromkeys(stance_labels) if lab not in scheme.stance_labels]
    if new_labels:
        labels = stance.labels + tuple(StanceLabel(label=lab, color=color_for(lab)) for lab in new_labels)
        stance = replace(stance, labels=labels) if stance.labels else StanceConfig(labels=labels, scope="both")
        changed = True
    if not changed:
        return None
    grown = replace(scheme, version=scheme.version + 1, entities=ents, events=evs, relations=rels, attributes=attrs,
                    stance=stance, source="", warnings=[])
    return parse_scheme(dump_scheme(grown), origin=f"the scheme extended by {origin}")


def new_entities(labels: Iterable[str]) -> list[EntityType]:
    """Return entity types for ``labels``, with colours."""
    return [EntityType(label=lab, color=color_for(lab)) for lab in dict.fromkeys(labels)]


__all__ = ["Role", "color_for", "extend_scheme", "new_entities"]
