"""What a write changed: the value every edit, undo, redo and import of the store reports.

Views ask a ``Changes`` only about what they show (Anki's ``OpChanges``): the document list
whether documents or statuses changed, the text view which spans of its document, the
events panel whether events or arguments did.  Nothing learns what changed by parsing SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Tables whose rows belong to one document through ``document_id``.
_DOCUMENT_TABLES = ("spans", "events", "relations", "stances", "notes", "document_labels", "document_status")


@dataclass(frozen=True)
class Changes:
    """Which rows of which tables a write added, changed and removed.

    ``kind`` is ``edit``, ``undo``, ``redo``, ``import``, ``merge`` or ``external`` (made
    by another connection: its ``documents`` and, as ``label``, the edit log's actions are
    known, not which rows).
    """

    added: Mapping[str, frozenset[int]] = field(default_factory=dict)
    changed: Mapping[str, frozenset[int]] = field(default_factory=dict)
    removed: Mapping[str, frozenset[int]] = field(default_factory=dict)
    documents: frozenset[int] = frozenset()
    kind: str = "edit"
    label: str = ""
    annotator_id: int | None = None

    @classmethod
    def from_rows(cls, net: Mapping[tuple[str, int], tuple[dict[str, Any] | None, dict[str, Any] | None]], *,
                  kind: str, label: str = "", annotator_id: int | None = None) -> Changes:
        """Build the value from each row's image before and after (None: absent)."""
        added: dict[str, set[int]] = {}
        changed: dict[str, set[int]] = {}
        removed: dict[str, set[int]] = {}
        documents: set[int] = set()
        for (tbl, row), (before, after) in net.items():
            target = added if before is None else removed if after is None else changed
            target.setdefault(tbl, set()).add(row)
            for image in (before, after):
                if image is not None and tbl in _DOCUMENT_TABLES and image.get("document_id") is not None:
                    documents.add(image["document_id"])
        return cls(_freeze(added), _freeze(changed), _freeze(removed), frozenset(documents), kind, label, annotator_id)

    @classmethod
    def bulk(cls, kind: str, documents: Iterable[int] = (), tables: Iterable[str] = ()) -> Changes:
        """A bulk write (import, merge) that added ``documents`` and rows of ``tables``."""
        docs = frozenset(documents)
        return cls(added={t: frozenset() for t in tables} | ({"documents": docs} if docs else {}),
                   documents=docs, kind=kind, label=kind)

    @property
    def tables(self) -> frozenset[str]:
        """Every table the write touched."""
        return frozenset(self.added) | frozenset(self.changed) | frozenset(self.removed)

    def touches(self, *tables: str) -> bool:
        """True if the write touched any of ``tables`` (or is external: anything may have)."""
        return self.kind == "external" or bool(self.tables & set(tables))

    def ids(self, table: str) -> frozenset[int]:
        """The ids of ``table`` rows added, changed or removed."""
        return self.added.get(table, frozenset()) | self.changed.get(table, frozenset()) | self.removed.get(table, frozenset())

    def __bool__(self) -> bool:
        return self.kind == "external" or bool(self.tables) or bool(self.documents)


def _freeze(d: dict[str, set[int]]) -> dict[str, frozenset[int]]:
    return {k: frozenset(v) for k, v in d.items()}
