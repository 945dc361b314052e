"""The documents (table ``documents``): listing and filtering them a page at a time, their
texts (a few cached: texts never change), finding one by name or hash.  A part of
``Project``; one mapper turns a row into a ``DocumentInfo``."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.model import Document, DocumentInfo
from annotator.store.backend import SQLiteBackend

STATUSES = ("new", "in_progress", "done")

#: The columns the mapper reads, in its order (``d`` is the documents table).
INFO = "d.id, d.name, d.length, d.sha256, d.meta"


def info(row: Sequence[Any], status: str = "new", spans: int = 0) -> DocumentInfo:
    """The one mapper from a ``INFO`` row to a ``DocumentInfo``."""
    return DocumentInfo(id=row[0], name=row[1], length=row[2], sha256=row[3], meta=json.loads(row[4]), status=status,
                        spans=spans)


class Documents:
    """Reads of the document list and of texts."""

    #: texts kept (a few: a window shows one document at a time)
    CACHED_TEXTS = 8

    def __init__(self, db: SQLiteBackend, path: Path) -> None:
        self.db = db
        self.path = path
        self._texts: OrderedDict[int, str] = OrderedDict()

    def forget(self) -> None:
        self._texts.clear()

    # -- the list ----------------------------------------------------------------------

    def where(self, status: str | None, aid: int | None, name: str | None) -> tuple[str, list[Any]]:
        """Return a WHERE clause (on ``documents d``) for the filters, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if status is not None:
            if status not in STATUSES:
                raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
            if status == "new":
                clauses.append("NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                               "AND s.annotator_id IS ? AND s.status != 'new')")
                params.append(aid)
            else:
                clauses.append("EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                               "AND s.annotator_id IS ? AND s.status = ?)")
                params += [aid, status]
        if name:
            clauses.append("d.name LIKE ? ESCAPE '\\'")
            params.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, where: str, params: list[Any]) -> int:
        return int(self.db.conn.execute(f"SELECT count(*) FROM documents d {where}", params).fetchone()[0])

    def page(self, where: str, params: list[Any], aid: int | None, offset: int, limit: int, *,
             after: int | None = None, before: int | None = None) -> list[DocumentInfo]:
        """One page of the list with each document's status and span count for ``aid``:
        from row ``offset``, or (keyset paging, as fast at row 99,999 as at row 1) the
        ``limit`` rows after id ``after`` or those just before id ``before``."""
        order = "d.id"
        if after is not None or before is not None:
            where, params, order = _keyset(where, params, after, before)
            offset = 0
        rows = self.db.conn.execute(
            f"""SELECT {INFO},
                       coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = ?), 'new'),
                       (SELECT count(*) FROM spans p WHERE p.document_id = d.id AND p.annotator_id = ?)
                FROM documents d {where} ORDER BY {order} LIMIT ? OFFSET ?""",
            [aid, aid, *params, limit, offset],
        ).fetchall()
        if before is not None and after is None:
            rows.reverse()
        return [info(r, r[5], r[6]) for r in rows]

    def after(self, where: str, params: list[Any], aid: int | None, last_id: int, limit: int) -> list[DocumentInfo]:
        """The next ``limit`` documents after id ``last_id`` (keyset paging), with status."""
        where, params, order = _keyset(where, params, last_id, None)
        ids = [r[0] for r in self.db.conn.execute(f"SELECT d.id FROM documents d {where} ORDER BY {order} LIMIT ?",
                                                  [*params, limit])]
        if not ids:
            return []
        rows = self.db.conn.execute(
            f"""SELECT {INFO},
                       coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = ?), 'new')
                FROM documents d WHERE d.id IN ({",".join("?" * len(ids))}) ORDER BY d.id""",
            [aid, *ids],
        ).fetchall()
        return [info(r, r[5]) for r in rows]

    def ids(self) -> list[int]:
        return [r[0] for r in self.db.conn.execute("SELECT id FROM documents ORDER BY id")]

    def find(self, *, name: str | None = None, sha256: str | None = None) -> int | None:
        """Return the id of the document with this content hash, or the first with this name."""
        if sha256 is not None:
            row = self.db.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        elif name is not None:
            row = self.db.conn.execute("SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()
        else:
            raise ProjectError("find_document needs a name or a sha256.")
        return None if row is None else int(row[0])

    # -- one document ------------------------------------------------------------------

    def document(self, document_id: int) -> Document:
        row = self.db.conn.execute(
            "SELECT id, name, text, meta, sha256, source FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path.name} has no document {document_id}.")
        self._keep(row[0], row[2])
        return Document(id=row[0], name=row[1], text=row[2], meta=json.loads(row[3]), sha256=row[4], source=row[5])

    def name(self, document_id: int) -> str:
        """Return a document's name ("" if there is no such document)."""
        row = self.db.conn.execute("SELECT name FROM documents WHERE id = ?", (document_id,)).fetchone()
        return "" if row is None else str(row[0])

    def text(self, document_id: int) -> str:
        cached = self._texts.get(document_id)
        if cached is not None:
            self._texts.move_to_end(document_id)
            return cached
        row = self.db.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path.name} has no document {document_id}.")
        self._keep(document_id, row[0])
        return str(row[0])

    def _keep(self, document_id: int, text: str) -> None:
        self._texts[document_id] = text
        self._texts.move_to_end(document_id)
        while len(self._texts) > self.CACHED_TEXTS:
            self._texts.popitem(last=False)


def _keyset(where: str, params: list[Any], after: int | None, before: int | None) -> tuple[str, list[Any], str]:
    """A keyset page's filter, parameters and order: the documents after id ``after``, or
    (``after`` None) those before id ``before``, nearest first."""
    clause, key, order = (" d.id > ?", after, "d.id") if after is not None else (" d.id < ?", before, "d.id DESC")
    return (where + " AND" if where else "WHERE") + clause, [*params, key], order
