"""Plain records of documents and their annotations.

These are what the Project API returns and what format readers produce and writers
consume.  Offsets are code points into ``Document.text``; ``id`` fields hold database ids
for records read from a project, and a reader's own ids (brat's ``T1``, ...) for records
about to be imported, so events, relations and stances can point at spans either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Id = int | str


@dataclass
class Span:
    """A labelled span: one fragment, or several for a discontinuous span."""

    label: str
    fragments: list[tuple[int, int]]
    id: Id | None = None
    document_id: int | None = None
    annotator: str | None = None
    surface: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    def surfaces(self, text: str) -> list[str]:
        """Return the text of each fragment."""
        return [text[s:e] for s, e in self.fragments]


@dataclass
class Argument:
    """An event argument: a role filled by a span."""

    role: str
    span: Id
    id: Id | None = None


@dataclass
class Event:
    """An event: a trigger span with the event type, and its arguments."""

    type: str
    trigger: Id
    arguments: list[Argument] = field(default_factory=list)
    id: Id | None = None
    annotator: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """A typed binary link from one span to another."""

    type: str
    source: Id
    target: Id
    id: Id | None = None
    annotator: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Stance:
    """Who holds which position toward which target.

    ``target_kind`` is "fixed" (``target`` names one of the scheme's targets), "span"
    (``target`` is a span id) or "text" (free text).  ``holder`` is a span id, or None for
    the author of the document.  ``scope`` is "document" or "span".
    """

    label: str
    target_kind: str
    target: Id
    holder: Id | None = None
    evidence: list[Id] = field(default_factory=list)
    scope: str = "document"
    id: Id | None = None
    annotator: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Normalization:
    """A link from a span, event or relation to a knowledge-base entry (brat ``N``):
    ``reference`` such as ``Wikipedia:534366``, ``text`` the entry's name."""

    target: Id
    reference: str
    text: str = ""
    target_kind: str = "span"  # span, event or relation
    id: Id | None = None


@dataclass
class Annotations:
    """Everything one annotator (or the gold layer) put on one document."""

    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    doc_labels: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    status: str | None = None
    normalizations: list[Normalization] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.spans or self.events or self.relations or self.stances or self.doc_labels or self.notes
                    or self.normalizations)


@dataclass
class Document:
    """A document: its stored text, a name, metadata and annotations per annotator.

    In ``annotations`` the key ``""`` means "the annotator doing the import".
    """

    text: str
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    sha256: str | None = None
    annotations: dict[str, Annotations] = field(default_factory=dict)
    source: str = ""


@dataclass
class DocumentInfo:
    """A row of the document list: everything but the text."""

    id: int
    name: str
    length: int
    sha256: str
    status: str = "new"
    spans: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
