"""Lean reads for the team parts of the window: who the annotators are (and of which
kind), and every annotator's status of a page of documents.

The document list shows, per document, who annotated it and how far each got; it reads a
page of 200 documents at a time, so this is one query per page, never one per row.  A part
of ``Project`` that only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.store.backend import SQLiteBackend


class TeamViews:
    """Reads for the layer selector and the document list."""

    def __init__(self, db: SQLiteBackend) -> None:
        self.db = db

    @property
    def conn(self) -> Any:
        return self.db.conn

    def annotator_kinds(self, *, active: bool = False) -> dict[str, str]:
        """Return ``{name: kind}`` for every annotator, in the order they were added
        (kind is 'human', 'import', 'model' or 'gold'); with ``active``, only those who
        started a document (annotated something, or set a status)."""
        where = (" WHERE EXISTS (SELECT 1 FROM document_status s WHERE s.annotator_id = a.id AND s.status != 'new')"
                 if active else "")
        return dict(self.conn.execute(f"SELECT a.name, a.kind FROM annotators a{where} ORDER BY a.id").fetchall())

    def document_statuses(self, document_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
        """Return ``{document id: [(annotator, status), ...]}`` for the given documents:
        everyone with a status other than "new" on it, in the order annotators were
        added (documents nobody started are left out)."""
        ids = sorted(set(document_ids))
        out: dict[int, list[tuple[str, str]]] = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            for doc, name, status in self.conn.execute(
                f"""SELECT s.document_id, a.name, s.status FROM document_status s JOIN annotators a ON a.id = s.annotator_id
                    WHERE s.status != 'new' AND s.document_id IN ({','.join('?' * len(chunk))})
                    ORDER BY s.document_id, a.id""",
                chunk,
            ):
                out.setdefault(doc, []).append((name, status))
        return out
