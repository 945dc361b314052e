"""brat's ``annotation.conf``: read one as a scheme, and write one for a scheme.

    [entities]
    PER
    ORG
    !Place            # an abstract type (not used on spans) with children indented
    \tGPE   (children are indented with a tab)
    [relations]
    LocatedIn	Arg1:PER|ORG, Arg2:GPE|LOC
    Allied	Arg1:PER, Arg2:PER, <REL-TYPE>:symmetric-transitive
    [events]
    Movement	Mover+:PER|ORG, Origin?:GPE|LOC
    [attributes]
    Negated	Arg:<ENTITY>|<EVENT>
    Realis	Arg:<EVENT>, Value:actual|planned

Roles take brat's cardinalities (none: exactly one, ``?``, ``*``, ``+``, ``{n}``,
``{n-m}``); ``<NAME>=A|B`` defines a macro.  Role types that are event types (nested
events) have no place in annotator's scheme and are left out, with a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError, SchemeError
from annotator.core.scheme import (
    AttributeDef,
    EntityType,
    EventType,
    RelationType,
    Role,
    Scheme,
    dump_scheme,
    parse_scheme,
)
from annotator.formats.schemes import color_for

_SECTIONS = ("entities", "relations", "events", "attributes")
#: The definition given to brat's abstract types (``!Name``), which only group others.
ABSTRACT = "(abstract: a parent type from annotation.conf)"
_ROLE_RE = re.compile(r"^([^:?*+{]+?)([?*+]|\{\d+(?:-\d+)?\})?:(.*)$")


class _Conf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entities: list[EntityType] = []
        self.events: list[tuple[str, list[tuple[str, str, list[str]]], int]] = []
        self.relations: list[tuple[str, list[str], list[str], bool, int]] = []
        self.attributes: list[AttributeDef] = []
        self.macros: dict[str, str] = {}
        self.warnings: list[str] = []

    def fail(self, n: int, message: str) -> InputError:
        return InputError(f"{self.path}, line {n}: {message}")

    def expand(self, value: str) -> list[str]:
        for name, body in self.macros.items():
            value = value.replace(name, body)
        return [v.strip() for v in value.split("|") if v.strip()]

    def parse(self, text: str) -> None:
        section = ""
        parents: list[tuple[int, str]] = []
        for n, raw in enumerate(text.split("\n"), 1):
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^\s*\[(\w+)\]\s*$", line)
            if m:
                section = m.group(1)
                if section not in _SECTIONS:
                    raise self.fail(n, f"unknown section [{section}]; brat's are [{'], ['.join(_SECTIONS)}].")
                continue
            macro = re.match(r"^\s*(<[\w-]+>)\s*=\s*(.+)$", line)
            if macro:
                self.macros[macro.group(1)] = macro.group(2).strip()
                continue
            if not section:
                raise self.fail(n, "a type before the first [section] header.")
            getattr(self, f"_{section}")(line, n, parents)

    def _entities(self, line: str, n: int, parents: list[tuple[int, str]]) -> None:
        depth = len(line) - len(line.lstrip("\t"))
        name = line.strip().split()[0]
        while parents and parents[-1][0] >= depth:
            parents.pop()
        parent = parents[-1][1] if parents else ""
        abstract = name.startswith("!")
        name = name.lstrip("!")
        parents.append((depth, name))
        self.entities.append(EntityType(label=name, parent=parent, color=color_for(name),
                                        definition=ABSTRACT if abstract else ""))

    def _args(self, line: str, n: int) -> tuple[str, list[tuple[str, str, list[str]]]]:
        parts = line.strip().split(None, 1)
        name = parts[0]
        args = []
        for item in (parts[1].split(",") if len(parts) > 1 else []):
            item = item.strip()
            if not item:
                continue
            m = _ROLE_RE.match(item)
            if not m:
                raise self.fail(n, f"cannot read {item!r}; write ROLE:TYPE|TYPE.")
            args.append((m.group(1).strip(), m.group(2) or "{1}", self.expand(m.group(3))))
        return name, args

    def _events(self, line: str, n: int, parents: list[tuple[int, str]]) -> None:
        name, args = self._args(line, n)
        self.events.append((name.lstrip("!"), args, n))

    def _relations(self, line: str, n: int, parents: list[tuple[int, str]]) -> None:
        name, args = self._args(line, n)
        if name.startswith("<"):  # <OVERLAP> and friends
            return
        plain = [a for a in args if not a[0].startswith("<")]
        symmetric = any(a[0] == "<REL-TYPE>" and any("symmetric" in t for t in a[2]) for a in args)
        if len(plain) != 2:
            raise self.fail(n, f"relation {name!r} needs two arguments (Arg1:..., Arg2:...).")
        self.relations.append((name, plain[0][2], plain[1][2], symmetric, n))

    def _attributes(self, line: str, n: int, parents: list[tuple[int, str]]) -> None:
        name, args = self._args(line, n)
        on: list[str] = []
        values: list[str] = []
        for role, _, types in args:
            if role == "Arg":
                for t in types:
                    kind = {"<ENTITY>": "entity", "<EVENT>": "event", "<RELATION>": "relation"}.get(t)
                    kind = kind or ("event" if any(e[0] == t for e in self.events) else "entity")
                    if kind not in on:
                        on.append(kind)
            elif role == "Value":
                values = types
        self.attributes.append(AttributeDef(name=name, on=tuple(on or ["entity"]), values=tuple(values)))

    def types_of(self, names: list[str], all_entities: list[str]) -> list[str]:
        out: list[str] = []
        for t in names:
            out.extend(all_entities if t in ("<ENTITY>", "<ANY>") else [t])
        return list(dict.fromkeys(out))

    def finish(self) -> tuple[list[EntityType], list[EventType], list[RelationType], list[AttributeDef]]:
        labels = [e.label for e in self.entities]
        event_names = {e[0] for e in self.events}
        events = []
        for name, args, n in self.events:
            roles = []
            for role, card, types in args:
                types = [t for t in self.types_of(types, labels) if t not in event_names]
                unknown = [t for t in types if t not in labels]
                if unknown:
                    raise self.fail(n, f"role {role!r} of {name!r} names {', '.join(unknown)}, not in [entities].")
                if not types:
                    self.warnings.append(f"{self.path}, line {n}: role {role!r} of {name!r} takes only events, "
                                         "which annotator's scheme cannot express; left out.")
                    continue
                roles.append(Role(name=role, types=tuple(types), card=card))
            events.append(EventType(type=name, color=color_for(name), roles=tuple(roles)))
        relations = []
        for name, a1, a2, symmetric, n in self.relations:
            arg1, arg2 = self.types_of(a1, labels), self.types_of(a2, labels)
            unknown = [t for t in arg1 + arg2 if t not in labels]
            if unknown:
                raise self.fail(n, f"relation {name!r} names {', '.join(unknown)}, which are not entity types in [entities].")
            relations.append(RelationType(type=name, arg1=tuple(arg1), arg2=tuple(arg2), symmetric=symmetric))
        return self.entities, events, relations, self.attributes


def read_conf(path: Path) -> tuple[list[EntityType], list[EventType], list[RelationType], list[AttributeDef], list[str]]:
    """Read an ``annotation.conf``: its entity, event, relation and attribute types, and warnings."""
    conf = _Conf(path)
    conf.parse(read_text_file(path))
    ents, events, rels, attrs = conf.finish()
    return ents, events, rels, attrs, conf.warnings


def scheme_from_conf(path: str | Path, name: str | None = None) -> Scheme:
    """Return a scheme made from a brat ``annotation.conf`` (``annotator init --scheme``)."""
    path = Path(path)
    ents, events, rels, attrs, warnings = read_conf(path)
    title = name or (path.parent.name if path.parent.name not in ("", ".") else "brat")
    scheme = Scheme(name=re.sub(r"[^\w.-]+", "-", title) or "brat", version=1, title_en=f"From {path.name}",
                    entities=ents, events=events, relations=rels, attributes=attrs)
    try:
        result = parse_scheme(dump_scheme(scheme), origin=str(path))
    except SchemeError as exc:
        raise InputError(f"{path} does not make a valid scheme: {exc}") from None
    result.warnings[:0] = warnings
    return result


def write_conf(scheme: Scheme) -> str:
    """Return an ``annotation.conf`` for ``scheme``."""
    lines = ["# Written by annotator from the scheme " + scheme.name, "[entities]"]
    children: dict[str, list[str]] = {}
    for e in scheme.entities:
        children.setdefault(e.parent, []).append(e.label)

    def tree(parent: str, depth: int) -> None:
        for label in children.get(parent, []):
            abstract = (scheme.entity(label) or EntityType(label)).definition.startswith(ABSTRACT)
            lines.append("\t" * depth + ("!" if abstract else "") + label)
            tree(label, depth + 1)

    tree("", 0)
    if scheme.evidence_label:  # stance evidence passages are text-bound annotations too
        lines.append(scheme.evidence_label)
    lines.append("[relations]")
    for r in scheme.relations:
        sym = ", <REL-TYPE>:symmetric" if r.symmetric else ""
        lines.append(f"{r.type}\tArg1:{'|'.join(r.arg1)}, Arg2:{'|'.join(r.arg2)}{sym}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines.append("[events]")
    for ev in scheme.events:
        roles = ", ".join(f"{r.name}{'' if r.card == '{1}' else r.card}:{'|'.join(r.types)}" for r in ev.roles)
        lines.append(f"{ev.type}\t{roles}".rstrip())
    lines.append("[attributes]")
    kinds = {"entity": "<ENTITY>", "event": "<EVENT>", "relation": "<RELATION>"}
    for a in scheme.attributes:
        value = f", Value:{'|'.join(a.values)}" if a.values else ""
        lines.append(f"{a.name}\tArg:{'|'.join(kinds[o] for o in a.on)}{value}")
    return "\n".join(lines) + "\n"


def write_visual_conf(scheme: Scheme) -> str:
    """Return a ``visual.conf`` giving brat the scheme's display names and colours."""
    lines = ["[labels]"]
    for item in [*scheme.entities, *scheme.events]:
        lines.append(f"{item.label} | {item.en or item.label}" if item.en else item.label)
    lines.append("[drawing]")
    lines += [f"{item.label}\tbgColor:{item.color}" for item in [*scheme.entities, *scheme.events]]
    return "\n".join(lines) + "\n"
