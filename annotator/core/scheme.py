"""The annotation scheme: a TOML file of entity, event, relation, attribute, stance and
document-label types, loaded and validated with errors that name the line.

The format is documented in ``docs/scheme.md``; the default scheme for Arabic news is
``resources/schemes/arabic-news.toml``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from annotator.core.errors import SchemeError

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_CARD_RE = re.compile(r"^(?:[?*+]|\{(\d+)\}|\{(\d+)-(\d+)\})$")
_NAME_RE = re.compile(r"^[^\W\d][\w.\-]*$")  # a letter (any script) or _, then letters, digits, _ . -


def is_name(label: str) -> bool:
    """True if ``label`` can name a type of a scheme (a letter, then letters, digits, _ . -)."""
    return bool(_NAME_RE.match(label))
ATTRIBUTE_TARGETS = ("entity", "event", "relation")
STANCE_SCOPES = ("document", "span", "both")


@dataclass(frozen=True)
class EntityType:
    """A span label for entities."""

    label: str
    en: str = ""
    ar: str = ""
    color: str = "#999999"
    hotkey: str = ""
    parent: str = ""
    definition: str = ""
    examples: tuple[str, ...] = ()

    def name(self, lang: str = "en") -> str:
        """Return the display name in ``lang`` ("en" or "ar"), falling back to the label."""
        return (self.ar if lang == "ar" else self.en) or self.label


#: The label of a span marked now and labelled later (the window's "mark" key).  Every
#: scheme accepts it; ``validate`` reports each such span, and exports refuse them (but the
#: lossless native jsonl, which keeps them), naming the first one.
UNLABELLED = "?"


@dataclass(frozen=True)
class Role:
    """An event argument role: the entity types it accepts and how many it takes."""

    name: str
    types: tuple[str, ...]
    card: str = "?"
    en: str = ""
    ar: str = ""

    def title(self, lang: str = "en") -> str:
        """Return the role's display name in ``lang`` ("en" or "ar"), falling back to its name."""
        return (self.ar if lang == "ar" else self.en) or self.name

    @property
    def minimum(self) -> int:
        """Return the least number of arguments this role needs."""
        return cardinality_bounds(self.card)[0]

    @property
    def maximum(self) -> int | None:
        """Return the most arguments this role takes (None: no limit)."""
        return cardinality_bounds(self.card)[1]


@dataclass(frozen=True)
class EventType:
    """An event type: the label of its trigger span, and its argument roles."""

    type: str
    en: str = ""
    ar: str = ""
    color: str = "#999999"
    hotkey: str = ""
    definition: str = ""
    examples: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def label(self) -> str:
        return self.type

    def name(self, lang: str = "en") -> str:
        return (self.ar if lang == "ar" else self.en) or self.type

    def role(self, name: str) -> Role | None:
        """Return the role called ``name``, or None."""
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True)
class RelationType:
    """A typed binary relation between two spans."""

    type: str
    en: str = ""
    ar: str = ""
    arg1: tuple[str, ...] = ()
    arg2: tuple[str, ...] = ()
    symmetric: bool = False
    color: str = "#555555"

    def name(self, lang: str = "en") -> str:
        return (self.ar if lang == "ar" else self.en) or self.type


@dataclass(frozen=True)
class AttributeDef:
    """An attribute of entities, events or relations: yes/no, or a value from a list."""

    name: str
    on: tuple[str, ...]
    values: tuple[str, ...] = ()  # empty: a yes/no attribute
    default: str = ""
    en: str = ""
    ar: str = ""

    @property
    def binary(self) -> bool:
        return not self.values


@dataclass(frozen=True)
class StanceLabel:
    label: str
    en: str = ""
    ar: str = ""
    color: str = "#777777"
    hotkey: str = ""

    def name(self, lang: str = "en") -> str:
        return (self.ar if lang == "ar" else self.en) or self.label


@dataclass(frozen=True)
class StanceTarget:
    target: str
    ar: str = ""


@dataclass(frozen=True)
class StanceConfig:
    """How stance is annotated: labels, scope, fixed targets, whether a holder is kept."""

    labels: tuple[StanceLabel, ...] = ()
    scope: str = "document"
    holder: bool = True
    free_targets: bool = True
    targets: tuple[StanceTarget, ...] = ()
    #: the span label of evidence passages (not an entity: left out of NER exports and
    #: agreement), or None if evidence may only be spans that are already annotated
    evidence: EntityType | None = None


@dataclass(frozen=True)
class DocLabelSet:
    """A set of document-level labels, single- or multi-label."""

    name: str
    labels: tuple[str, ...]
    multi: bool = False
    en: str = ""
    ar: str = ""


@dataclass
class Scheme:
    """A loaded, validated annotation scheme."""

    name: str
    version: int = 1
    title_en: str = ""
    title_ar: str = ""
    description: str = ""
    entities: list[EntityType] = field(default_factory=list)
    events: list[EventType] = field(default_factory=list)
    relations: list[RelationType] = field(default_factory=list)
    attributes: list[AttributeDef] = field(default_factory=list)
    stance: StanceConfig = field(default_factory=StanceConfig)
    doc_labels: list[DocLabelSet] = field(default_factory=list)
    source: str = ""
    warnings: list[str] = field(default_factory=list)

    # -- lookups -----------------------------------------------------------------------

    def entity(self, label: str) -> EntityType | None:
        return next((e for e in self.entities if e.label == label), None)

    def event(self, type_: str) -> EventType | None:
        return next((e for e in self.events if e.type == type_), None)

    def relation(self, type_: str) -> RelationType | None:
        return next((r for r in self.relations if r.type == type_), None)

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def doc_label_set(self, name: str) -> DocLabelSet | None:
        return next((d for d in self.doc_labels if d.name == name), None)

    @property
    def entity_labels(self) -> list[str]:
        return [e.label for e in self.entities]

    @property
    def event_types(self) -> list[str]:
        return [e.type for e in self.events]

    @property
    def evidence_label(self) -> str | None:
        """Return the span label of stance evidence passages, or None."""
        return self.stance.evidence.label if self.stance.evidence else None

    @property
    def span_labels(self) -> list[str]:
        """Every label a span may carry: entity types, event (trigger) types, the stance
        evidence label, and ``UNLABELLED`` (a span marked now, to be labelled later)."""
        return self.entity_labels + self.event_types + ([self.evidence_label] if self.evidence_label else []) + [UNLABELLED]

    @property
    def stance_labels(self) -> list[str]:
        return [s.label for s in self.stance.labels]

    def is_a(self, label: str, ancestor: str) -> bool:
        """Return True if entity ``label`` is ``ancestor`` or one of its descendants."""
        seen = set()
        while label and label not in seen:
            if label == ancestor:
                return True
            seen.add(label)
            ent = self.entity(label)
            label = ent.parent if ent else ""
        return False

    def accepts(self, allowed: Iterable[str], label: str) -> bool:
        """Return True if an entity of type ``label`` fits a slot allowing ``allowed``."""
        return any(self.is_a(label, a) for a in allowed)

    def color(self, label: str) -> str:
        """Return the colour of any span label."""
        item = self.entity(label) or self.event(label) or (self.stance.evidence if label == self.evidence_label else None)
        return item.color if item else "#999999"

    @property
    def sha256(self) -> str:
        """Return the sha256 of the scheme's TOML source."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    def hotkeys(self) -> dict[str, str]:
        """Return ``{normalised hotkey: label}`` for entities, events and stance labels."""
        keys: dict[str, str] = {}
        items: list[Any] = [*self.entities, *self.events, *self.stance.labels]
        for item in items:
            if item.hotkey:
                keys.setdefault(normalize_hotkey(item.hotkey), item.label)
        return keys


def cardinality_bounds(card: str) -> tuple[int, int | None]:
    """Return ``(minimum, maximum)`` for a cardinality (``? * + {n} {n-m}``)."""
    m = _CARD_RE.match(card)
    if not m:
        raise ValueError(f"bad cardinality {card!r}")
    if card == "?":
        return 0, 1
    if card == "*":
        return 0, None
    if card == "+":
        return 1, None
    if m.group(1) is not None:
        n = int(m.group(1))
        return n, n
    return int(m.group(2)), int(m.group(3))


def normalize_hotkey(key: str) -> str:
    """Return a canonical form of a hotkey string: modifiers in a fixed order, lower case."""
    parts = [p.strip() for p in key.replace("-", "+").split("+") if p.strip()]
    if not parts:
        return ""
    mods = sorted(p.lower() for p in parts[:-1])
    return "+".join([*mods, parts[-1].lower()])


# --- loading -----------------------------------------------------------------------------


class _Locator:
    """Find the line of an item in TOML source, for error messages."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def header(self, table: str, index: int) -> int:
        """Return the line (1-based) of the ``index``-th ``[[table]]`` header, or 0."""
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        count = -1
        for n, line in enumerate(self.lines, 1):
            if pat.match(line):
                count += 1
                if count == index:
                    return n
        return 0

    def table(self, table: str) -> int:
        pat = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
        return next((n for n, line in enumerate(self.lines, 1) if pat.match(line)), 0)

    def find(self, needle: str, start: int = 1) -> int:
        """Return the first line at or after ``start`` containing ``needle``, or ``start``."""
        for n in range(max(start, 1), len(self.lines) + 1):
            if needle in self.lines[n - 1]:
                return n
        return start


def load_scheme(path: str | os.PathLike[str]) -> Scheme:
    """Load and validate the scheme in the TOML file at ``path``."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SchemeError(f"{path}: no such scheme file.") from None
    except UnicodeDecodeError:
        raise SchemeError(f"{path}: the scheme is not UTF-8 text.") from None
    except OSError as exc:
        raise SchemeError(f"{path}: cannot read the scheme ({exc.strerror}).") from None
    return parse_scheme(source, origin=str(path))


def parse_scheme(source: str, origin: str = "scheme") -> Scheme:
    """Parse and validate scheme TOML ``source``; ``origin`` names it in errors."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            detail = msg[: m.start()].strip()
            raise SchemeError(f"{origin}, line {m.group(1)}: {detail[:1].lower() + detail[1:]} (column {m.group(2)}).") from None
        raise SchemeError(f"{origin}: {msg}") from None
    return _Builder(data, source, origin).build()


class _Builder:
    def __init__(self, data: dict[str, Any], source: str, origin: str) -> None:
        self.data = data
        self.source = source
        self.origin = origin
        self.loc = _Locator(source)

    def fail(self, line: int, message: str) -> SchemeError:
        where = f"{self.origin}, line {line}" if line else self.origin
        return SchemeError(f"{where}: {message}")

    def text(self, item: dict[str, Any], key: str, line: int, default: str = "") -> str:
        value = item.get(key, default)
        if not isinstance(value, str):
            raise self.fail(self.loc.find(key, line), f"'{key}' must be a string.")
        return value

    def strings(self, item: dict[str, Any], key: str, line: int) -> tuple[str, ...]:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(self.loc.find(key, line), f"'{key}' must be a list of strings.")
        return tuple(value)

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(self.loc.find(key), f"'{key}' must be written as [[{key}]] tables.")
        return [(self.loc.header(key, i), item) for i, item in enumerate(value)]

    def color(self, item: dict[str, Any], line: int, default: str) -> str:
        value = self.text(item, "color", line, default)
        if not _COLOR_RE.match(value):
            raise self.fail(self.loc.find("color", line), f"colour {value!r} is not of the form #rrggbb.")
        return value

    def build(self) -> Scheme:
        head = self.data.get("scheme", {})
        hline = self.loc.table("scheme")
        if not isinstance(head, dict) or not head.get("name"):
            raise self.fail(hline, "the scheme needs a [scheme] table with a name.")
        version = head.get("version", 1)
        if not isinstance(version, int):
            raise self.fail(self.loc.find("version", hline), "'version' must be a whole number.")
        scheme = Scheme(
            name=self.text(head, "name", hline),
            version=version,
            title_en=self.text(head, "title_en", hline),
            title_ar=self.text(head, "title_ar", hline),
            description=self.text(head, "description", hline),
            source=self.source,
        )
        self._entities(scheme)
        self._events(scheme)
        self._relations(scheme)
        self._attributes(scheme)
        self._stance(scheme)
        self._doc_labels(scheme)
        self._check_hotkeys(scheme)
        self._check_keys(scheme)
        return scheme

    _KEYS: ClassVar[dict[str, frozenset[str]]] = {
        "": frozenset({"scheme", "entity", "event", "relation", "attribute", "stance", "doc_labels"}),
        "scheme": frozenset({"name", "version", "title_en", "title_ar", "description"}),
        "entity": frozenset({"label", "en", "ar", "color", "hotkey", "parent", "definition", "examples"}),
        "event": frozenset({"type", "en", "ar", "color", "hotkey", "definition", "examples", "roles"}),
        "relation": frozenset({"type", "en", "ar", "arg1", "arg2", "symmetric", "color"}),
        "attribute": frozenset({"name", "en", "ar", "on", "values", "default"}),
        "stance": frozenset({"scope", "holder", "free_targets", "labels", "evidence", "targets"}),
        "doc_labels": frozenset({"name", "en", "ar", "multi", "labels"}),
    }

    def _check_keys(self, scheme: Scheme) -> None:
        """Warn about keys the scheme format does not have (a typo such as ``colour``)."""
        def warn(key: str, where: str, line: int) -> None:
            scheme.warnings.append(f"{self.origin}, line {line}: unknown key {key!r}{where} is ignored.")

        for key in self.data:
            if key not in self._KEYS[""]:
                warn(key, "", self.loc.find(key))
        for table, known in self._KEYS.items():
            value = self.data.get(table) if table else None
            if isinstance(value, dict):
                items = [(self.loc.table(table), value)]
            else:
                items = [(self.loc.header(table, i), v) for i, v in enumerate(value)] if isinstance(value, list) else []
            for start, item in items:
                for key in item if isinstance(item, dict) else ():
                    if key not in known:
                        warn(key, f" in [{table}]", self.loc.find(key, start))

    def _unique(self, seen: dict[str, int], name: str, line: int, what: str) -> None:
        if name in seen:
            raise self.fail(line, f"{what} {name!r} is defined twice (first on line {seen[name]}).")
        seen[name] = line

    def _entities(self, scheme: Scheme) -> None:
        seen: dict[str, int] = {}
        for line, item in self.items("entity"):
            label = self.text(item, "label", line)
            if not label or not _NAME_RE.match(label):
                raise self.fail(line, f"entity label {label!r} must be a name (a letter, then letters, digits, _ . -).")
            self._unique(seen, label, line, "entity type")
            scheme.entities.append(
                EntityType(
                    label=label,
                    en=self.text(item, "en", line),
                    ar=self.text(item, "ar", line),
                    color=self.color(item, line, "#999999"),
                    hotkey=self.text(item, "hotkey", line),
                    parent=self.text(item, "parent", line),
                    definition=self.text(item, "definition", line),
                    examples=self.strings(item, "examples", line),
                )
            )
        for line, item in self.items("entity"):
            parent = item.get("parent")
            if parent and parent not in seen:
                raise self.fail(self.loc.find("parent", line), f"entity type {item['label']!r} has undefined parent {parent!r}.")
        parents = {e.label: e.parent for e in scheme.entities}
        for e in scheme.entities:
            chain, label = [e.label], e.parent
            while label:
                if label == e.label:
                    raise self.fail(self.loc.find("parent", seen[e.label]),
                                    f"entity types {' -> '.join([*chain, label])} are each other's parents: a cycle.")
                if label in chain:
                    break  # a cycle not through e: reported for its own members
                chain.append(label)
                label = parents.get(label, "")

    def _known_types(self, scheme: Scheme, types: tuple[str, ...], line: int, owner: str) -> None:
        for t in types:
            if scheme.entity(t) is None:
                raise self.fail(self.loc.find(f'"{t}"', line), f"{owner} names undefined entity type {t!r}.")

    def _events(self, scheme: Scheme) -> None:
        seen: dict[str, int] = {}
        for line, item in self.items("event"):
            type_ = self.text(item, "type", line)
            if not type_ or not _NAME_RE.match(type_):
                raise self.fail(line, f"event type {type_!r} must be a name (a letter, then letters, digits, _ . -).")
            if scheme.entity(type_):
                raise self.fail(line, f"event type {type_!r} has the name of an entity type.")
            self._unique(seen, type_, line, "event type")
            roles = []
            raw_roles = item.get("roles", [])
            if not isinstance(raw_roles, list):
                raise self.fail(self.loc.find("roles", line), "'roles' must be a list of { role, types, card } tables.")
            role_names: set[str] = set()
            for raw in raw_roles:
                name = raw.get("role") if isinstance(raw, dict) else None
                rline = self.loc.find(f'"{name}"', line) if name else self.loc.find("roles", line)
                if not isinstance(name, str) or not name:
                    raise self.fail(rline, f"a role of event {type_!r} has no name ('role = ...').")
                if name in role_names:
                    raise self.fail(rline, f"event {type_!r} has two roles called {name!r}.")
                role_names.add(name)
                types = raw.get("types", [])
                if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
                    raise self.fail(rline, f"role {name!r} of event {type_!r} needs 'types', a list of entity types.")
                self._known_types(scheme, tuple(types), rline, f"role {name!r} of event {type_!r}")
                card = raw.get("card", "?")
                if not isinstance(card, str) or not _CARD_RE.match(card):
                    raise self.fail(rline, f"role {name!r} of event {type_!r} has cardinality {card!r}; use ?, *, +, {{n}} or {{n-m}}.")
                names = {k: raw.get(k, "") for k in ("en", "ar")}
                for k, v in names.items():
                    if not isinstance(v, str):
                        raise self.fail(rline, f"role {name!r} of event {type_!r}: '{k}' must be text.")
                roles.append(Role(name=name, types=tuple(types), card=card, **names))
            scheme.events.append(
                EventType(
                    type=type_,
                    en=self.text(item, "en", line),
                    ar=self.text(item, "ar", line),
                    color=self.color(item, line, "#999999"),
                    hotkey=self.text(item, "hotkey", line),
                    definition=self.text(item, "definition", line),
                    examples=self.strings(item, "examples", line),
                    roles=tuple(roles),
                )
            )

    def _relations(self, scheme: Scheme) -> None:
        seen: dict[str, int] = {}
        for line, item in self.items("relation"):
            type_ = self.text(item, "type", line)
            if not type_ or not _NAME_RE.match(type_):
                raise self.fail(line, f"relation type {type_!r} must be a name (a letter, then letters, digits, _ . -).")
            self._unique(seen, type_, line, "relation type")
            arg1, arg2 = self.strings(item, "arg1", line), self.strings(item, "arg2", line)
            if not arg1 or not arg2:
                raise self.fail(line, f"relation {type_!r} needs arg1 and arg2, lists of entity types.")
            self._known_types(scheme, arg1 + arg2, line, f"relation {type_!r}")
            symmetric = item.get("symmetric", False)
            if not isinstance(symmetric, bool):
                raise self.fail(self.loc.find("symmetric", line), "'symmetric' must be true or false.")
            scheme.relations.append(
                RelationType(
                    type=type_,
                    en=self.text(item, "en", line),
                    ar=self.text(item, "ar", line),
                    arg1=arg1,
                    arg2=arg2,
                    symmetric=symmetric,
                    color=self.color(item, line, "#555555"),
                )
            )

    def _attributes(self, scheme: Scheme) -> None:
        seen: dict[str, int] = {}
        for line, item in self.items("attribute"):
            name = self.text(item, "name", line)
            if not name or not _NAME_RE.match(name):
                raise self.fail(line, f"attribute name {name!r} must be a name (a letter, then letters, digits, _ . -).")
            self._unique(seen, name, line, "attribute")
            on = self.strings(item, "on", line)
            bad = [o for o in on if o not in ATTRIBUTE_TARGETS]
            if not on or bad:
                raise self.fail(self.loc.find("on", line), f"attribute {name!r}: 'on' must list some of {', '.join(ATTRIBUTE_TARGETS)}.")
            values = self.strings(item, "values", line)
            default = self.text(item, "default", line)
            if default and default not in values:
                raise self.fail(self.loc.find("default", line), f"attribute {name!r}: default {default!r} is not one of its values.")
            scheme.attributes.append(
                AttributeDef(name=name, on=on, values=values, default=default,
                             en=self.text(item, "en", line), ar=self.text(item, "ar", line))
            )

    def _stance(self, scheme: Scheme) -> None:
        raw = self.data.get("stance")
        if raw is None:
            return
        line = self.loc.table("stance")
        if not isinstance(raw, dict):
            raise self.fail(self.loc.find("stance"), "[stance] must be a table.")
        scope = self.text(raw, "scope", line, "document")
        if scope not in STANCE_SCOPES:
            raise self.fail(self.loc.find("scope", line), f"stance scope {scope!r} must be one of {', '.join(STANCE_SCOPES)}.")
        if not isinstance(raw.get("labels", []), list):
            raise self.fail(self.loc.find("labels", line), "stance labels must be a list of { label = ..., ... } tables.")
        labels = []
        seen: set[str] = set()
        for lab in raw.get("labels", []):
            if not isinstance(lab, dict) or not isinstance(lab.get("label"), str):
                raise self.fail(self.loc.find("labels", line), "stance labels must be { label = ..., ... } tables.")
            lline = self.loc.find(f'"{lab["label"]}"', line)
            if lab["label"] in seen:
                raise self.fail(lline, f"stance label {lab['label']!r} is defined twice.")
            seen.add(lab["label"])
            labels.append(StanceLabel(label=lab["label"], en=lab.get("en", ""), ar=lab.get("ar", ""),
                                      color=self.color(lab, lline, "#777777"), hotkey=lab.get("hotkey", "")))
        if not labels:
            raise self.fail(line, "the [stance] table needs at least one label.")
        targets = []
        for t in raw.get("targets", []):
            if isinstance(t, str):
                targets.append(StanceTarget(target=t))
            elif isinstance(t, dict) and isinstance(t.get("target"), str):
                targets.append(StanceTarget(target=t["target"], ar=t.get("ar", "")))
            else:
                raise self.fail(self.loc.find("targets", line), "stance targets must be strings or { target = ... } tables.")
        for key in ("holder", "free_targets"):
            if not isinstance(raw.get(key, True), bool):
                raise self.fail(self.loc.find(key, line), f"'{key}' must be true or false.")
        if not targets and not raw.get("free_targets", True):
            raise self.fail(line, "stance has no fixed targets and free_targets = false: nothing could be a target.")
        scheme.stance = StanceConfig(labels=tuple(labels), scope=scope, holder=raw.get("holder", True),
                                     free_targets=raw.get("free_targets", True), targets=tuple(targets),
                                     evidence=self._evidence(scheme, raw.get("evidence"), line))

    def _evidence(self, scheme: Scheme, raw: Any, line: int) -> EntityType | None:
        """Read ``evidence = { label, en, ar, color }``: the label of evidence passages."""
        if raw is None:
            return None
        eline = self.loc.find("evidence", line)
        if not isinstance(raw, dict) or not isinstance(raw.get("label"), str) or not _NAME_RE.match(raw["label"]):
            raise self.fail(eline, "stance 'evidence' must be { label = \"Name\", en = ..., ar = ..., color = ... }.")
        if raw["label"] in scheme.entity_labels + scheme.event_types:
            raise self.fail(eline, f"the evidence label {raw['label']!r} is already an entity or event type.")
        return EntityType(label=raw["label"], en=self.text(raw, "en", eline), ar=self.text(raw, "ar", eline),
                          color=self.color(raw, eline, "#fbc02d"))

    def _doc_labels(self, scheme: Scheme) -> None:
        seen: dict[str, int] = {}
        for line, item in self.items("doc_labels"):
            name = self.text(item, "name", line)
            if not name:
                raise self.fail(line, "a [[doc_labels]] set needs a name.")
            self._unique(seen, name, line, "document label set")
            labels = self.strings(item, "labels", line)
            if not labels:
                raise self.fail(line, f"document label set {name!r} has no labels.")
            multi = item.get("multi", False)
            if not isinstance(multi, bool):
                raise self.fail(self.loc.find("multi", line), "'multi' must be true or false.")
            scheme.doc_labels.append(DocLabelSet(name=name, labels=labels, multi=multi,
                                                 en=self.text(item, "en", line), ar=self.text(item, "ar", line)))

    def _check_hotkeys(self, scheme: Scheme) -> None:
        owners: dict[str, str] = {}
        items: list[Any] = [*scheme.entities, *scheme.events, *scheme.stance.labels]
        for item in items:
            if not item.hotkey:
                continue
            key = normalize_hotkey(item.hotkey)
            line = self.loc.find(f'"{item.hotkey}"')
            if key in owners:
                scheme.warnings.append(
                    f"{self.origin}, line {line}: hotkey {item.hotkey!r} of {item.label!r} is already used by {owners[key]!r}; "
                    f"only {owners[key]!r} gets it."
                )
            else:
                owners[key] = item.label


def default_scheme_path() -> Path:
    """Return the path of the bundled default scheme."""
    from annotator.resources import resource_path

    return resource_path("schemes", "arabic-news.toml")


def default_scheme() -> Scheme:
    """Load the bundled default scheme for Arabic news."""
    return load_scheme(default_scheme_path())


def dump_scheme(scheme: Scheme) -> str:
    """Return TOML for ``scheme`` that ``parse_scheme`` reads back to an equal scheme."""
    import tomli_w

    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items() if v not in ("", (), [], None)}

    data: dict[str, Any] = {
        "scheme": clean({"name": scheme.name, "version": scheme.version, "title_en": scheme.title_en,
                         "title_ar": scheme.title_ar, "description": scheme.description})
    }
    if scheme.entities:
        data["entity"] = [clean(vars(e)) for e in scheme.entities]
    if scheme.events:
        data["event"] = [
            {**clean({k: v for k, v in vars(e).items() if k != "roles"}),
             **({"roles": [{"role": r.name, "types": list(r.types), "card": r.card, **clean({"en": r.en, "ar": r.ar})}
                         for r in e.roles]} if e.roles else {})}
            for e in scheme.events
        ]
    if scheme.relations:
        data["relation"] = [{**clean(vars(r)), "symmetric": r.symmetric} for r in scheme.relations]
    if scheme.attributes:
        data["attribute"] = [clean(vars(a)) for a in scheme.attributes]
    if scheme.stance.labels:
        st = scheme.stance
        data["stance"] = {
            "scope": st.scope, "holder": st.holder, "free_targets": st.free_targets,
            "labels": [clean(vars(lab)) for lab in st.labels],
            "targets": [clean(vars(t)) for t in st.targets],
        }
        if st.evidence:
            data["stance"]["evidence"] = clean({k: getattr(st.evidence, k) for k in ("label", "en", "ar", "color")})
    if scheme.doc_labels:
        data["doc_labels"] = [{**clean(vars(d)), "multi": d.multi} for d in scheme.doc_labels]
    return tomli_w.dumps(data)
