"""Lean reads for the annotation window: spans as tuples, one document-list row, the next
unfinished document, a document's row number in a filtered list.

The window shows documents of 100,000 spans and projects of 100,000 documents; these
queries return plain tuples and touch only the rows asked for, so the window never builds
a dataclass per span or loads a text it does not show.  A part of ``Project`` that owns no
table: it reads the spans, documents and statuses (a document row through the one
``DocumentInfo`` mapper of ``documents.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.model import DocumentInfo
from annotator.store import documents
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.documents import Documents

#: ``(span id, label, ((start, end), ...))``: a span as the window draws it.
SpanRow = tuple[int, str, tuple[tuple[int, int], ...]]


class Views:
    """Fast reads for the annotation window, and the filtered document list."""

    def __init__(self, db: SQLiteBackend, people: Annotators, docs: Documents) -> None:
        self.db = db
        self.people = people
        self.docs = docs

    @property
    def conn(self) -> Any:
        return self.db.conn

    # -- the filtered document list ----------------------------------------------------

    def where(self, status: str | None, annotator: str | None, name: str | None) -> tuple[str, list[Any]]:
        """A WHERE clause (on ``documents d``) for the list's filters, and its parameters:
        ``status`` of ``annotator`` (default: the current one), ``name`` contained."""
        aid = self.people.me_or_none(annotator) if status is not None else None
        return self.docs.where(status, aid, name)

    def count_documents(self, *, status: str | None = None, annotator: str | None = None, name: str | None = None) -> int:
        """Return how many documents match the filters (see ``documents``)."""
        return self.docs.count(*self.where(status, annotator, name))

    def documents(self, offset: int = 0, limit: int = 100, *, status: str | None = None,
                  annotator: str | None = None, name: str | None = None, after: int | None = None,
                  before: int | None = None) -> list[DocumentInfo]:
        """Return one page of the document list, in import order, without the texts: from
        row ``offset``, or the ``limit`` rows after id ``after`` or just before id ``before``."""
        where, params = self.where(status, annotator, name)
        return self.docs.page(where, params, self.people.me_or_none(annotator), offset, limit, after=after, before=before)

    def documents_after(self, last_id: int, limit: int, *, status: str | None = None, annotator: str | None = None,
                        name: str | None = None) -> list[DocumentInfo]:
        """The next ``limit`` documents after id ``last_id`` in the filtered list."""
        where, params = self.where(status, annotator, name)
        return self.docs.after(where, params, self.people.me_or_none(annotator), last_id, limit)

    # -- the window's reads ------------------------------------------------------------

    def span_rows(self, document_id: int, annotator: str | None = None) -> list[SpanRow]:
        """Return ``annotator``'s spans of a document (default: the current annotator) as
        ``(id, label, fragments)`` tuples, ordered by start, end and id.

        The same spans as ``spans()``, without attributes and notes, several times faster
        on a document with many spans.
        """
        aid = self.people.me_or_none(annotator)
        if aid is None:
            return []
        # One row per span from the spans table (its envelope is its one fragment, for all
        # but discontinuous spans); fragments are read only for spans that have several.
        # Sorting here is several times faster than SQLite's ORDER BY on 100,000 rows.
        rows = self.conn.execute(
            "SELECT start, end, id, label FROM spans WHERE document_id = ? AND annotator_id = ?", (document_id, aid)
        ).fetchall()
        multi_ids = [r[0] for r in self.conn.execute(
            """SELECT DISTINCT f.span_id FROM fragments f WHERE f.seq > 0 AND f.span_id IN
               (SELECT id FROM spans WHERE document_id = ? AND annotator_id = ?)""", (document_id, aid))]
        multi: dict[int, list[tuple[int, int]]] = {}
        for chunk in (multi_ids[i:i + 900] for i in range(0, len(multi_ids), 900)):
            for sid, start, end in self.conn.execute(
                f"SELECT span_id, start, end FROM fragments WHERE span_id IN ({','.join('?' * len(chunk))}) ORDER BY span_id, seq",
                chunk,
            ):
                multi.setdefault(sid, []).append((start, end))
        rows.sort()
        if not multi:
            return [(sid, label, ((start, end),)) for start, end, sid, label in rows]
        return [(sid, label, tuple(multi[sid]) if sid in multi else ((start, end),)) for start, end, sid, label in rows]

    def span_row(self, span_id: int) -> SpanRow | None:
        """Return one span as ``(id, label, fragments)``, or None if it does not exist."""
        rows = self.conn.execute(
            "SELECT s.label, f.start, f.end FROM spans s JOIN fragments f ON f.span_id = s.id WHERE s.id = ? ORDER BY f.seq",
            (span_id,),
        ).fetchall()
        if not rows:
            return None
        return span_id, rows[0][0], tuple((s, e) for _, s, e in rows)

    def span_rows_between(self, document_id: int, start: int, end: int, annotator: str | None = None, *,
                          reach: int = 2000) -> list[SpanRow]:
        """Return the spans of ``annotator`` (default: the current one) that overlap
        ``[start, end)`` and begin at most ``reach`` code points before it, in text order:
        what one screen of a document shows, read by the index on span starts (the
        window's first paint, before all of a document's spans have loaded)."""
        aid = self.people.me_or_none(annotator)
        if aid is None:
            return []
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM spans WHERE document_id = ? AND annotator_id = ? AND start >= ? AND start < ? AND end > ?",
            (document_id, aid, max(0, start - reach), end, start))]
        rows = self.span_rows_named(document_id, ids, annotator=annotator)
        return sorted(rows.values(), key=lambda r: (r[2][0][0], r[2][-1][1], r[0]))

    def span_rows_named(self, document_id: int, span_ids: Iterable[int] = (), fragment_ids: Iterable[int] = (),
                        annotator: str | None = None) -> dict[int, SpanRow]:
        """Return, of spans ``span_ids`` and the spans of fragments ``fragment_ids``, those
        ``annotator`` (default: the current one) has in the document, by id: what a
        ``Changes`` names, read back for the window (a span it names and this leaves out
        was removed, or belongs to another document or layer)."""
        aid = self.people.me_or_none(annotator)
        ids = set(span_ids)
        frags = list(fragment_ids)
        for chunk in (frags[i:i + 900] for i in range(0, len(frags), 900)):
            ids.update(r[0] for r in self.conn.execute(
                f"SELECT span_id FROM fragments WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        found: dict[int, list[Any]] = {}
        wanted = sorted(ids)
        for chunk in (wanted[i:i + 900] for i in range(0, len(wanted), 900)):
            for sid, label, start, end in self.conn.execute(
                f"""SELECT s.id, s.label, f.start, f.end FROM spans s JOIN fragments f ON f.span_id = s.id
                    WHERE s.id IN ({','.join('?' * len(chunk))}) AND s.document_id = ? AND s.annotator_id IS ?
                    ORDER BY s.id, f.seq""", [*chunk, document_id, aid]):
                found.setdefault(sid, [label]).append((start, end))
        return {sid: (sid, row[0], tuple(row[1:])) for sid, row in found.items()}

    def document_info(self, document_id: int, annotator: str | None = None, *,
                      count_spans: bool = True) -> DocumentInfo | None:
        """Return one document-list row (status and, unless ``count_spans`` is False, the
        span count for ``annotator``), or None if there is no such document."""
        aid = self.people.me_or_none(annotator)
        count = "(SELECT count(*) FROM spans p WHERE p.document_id = d.id AND p.annotator_id IS ?)" if count_spans else "?"
        r = self.conn.execute(
            f"""SELECT {documents.INFO},
                      coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id IS ?), 'new'),
                      {count}
               FROM documents d WHERE d.id = ?""",
            (aid, aid if count_spans else 0, document_id),
        ).fetchone()
        if r is None:
            return None
        return documents.info(r, r[5], r[6])

    def status_counts(self, annotator: str | None = None, *, total: int | None = None) -> dict[str, int]:
        """Return how many documents ``annotator`` has as new, in progress and done
        (``total``: the number of documents, if the caller knows it)."""
        aid = self.people.me_or_none(annotator)
        counts = {"new": 0, "in_progress": 0, "done": 0}
        for status, n in self.conn.execute(
            "SELECT status, count(*) FROM document_status WHERE annotator_id IS ? GROUP BY status", (aid,)
        ):
            counts[status] = n
        total = self.count_documents() if total is None else total
        counts["new"] = total - counts["in_progress"] - counts["done"]
        return counts

    def next_unfinished(self, after: int | None = None, annotator: str | None = None) -> int | None:
        """Return the id of the first document after ``after`` (in import order, wrapping
        round) that ``annotator`` has not marked done, or None if every one is done."""
        aid = self.people.me_or_none(annotator)
        query = """SELECT d.id FROM documents d WHERE d.id {op} ? AND NOT EXISTS (
                       SELECT 1 FROM document_status s WHERE s.document_id = d.id AND s.annotator_id IS ?
                       AND s.status = 'done') ORDER BY d.id LIMIT 1"""
        start = after if after is not None else 0
        row = self.conn.execute(query.format(op=">"), (start, aid)).fetchone()
        if row is None and after is not None:
            row = self.conn.execute(query.format(op="<="), (start, aid)).fetchone()
        return row[0] if row else None

    def document_position(self, document_id: int, *, status: str | None = None,
                          annotator: str | None = None, name: str | None = None) -> int | None:
        """Return the row of document ``document_id`` in ``documents(...)`` with the same
        filters (0 for the first), or None if the filters leave it out."""
        where, params = self.where(status, annotator, name)
        joined = (where + " AND" if where else "WHERE") + " d.id = ?"
        if self.conn.execute(f"SELECT 1 FROM documents d {joined}", [*params, document_id]).fetchone() is None:
            return None
        before = (where + " AND" if where else "WHERE") + " d.id < ?"
        return self.conn.execute(f"SELECT count(*) FROM documents d {before}", [*params, document_id]).fetchone()[0]

    def neighbour_document(self, document_id: int, step: int, **filters: Any) -> int | None:
        """Return the id of the document ``step`` rows after (or before, if negative)
        ``document_id`` in the filtered list, or None past either end."""
        where, params = self.where(filters.get("status"), filters.get("annotator"), filters.get("name"))
        joined = (where + " AND" if where else "WHERE") + " d.id = ?"
        if self.conn.execute(f"SELECT 1 FROM documents d {joined}", [*params, document_id]).fetchone() is None:
            page = self.documents(0, 1, **filters)
            return page[0].id if page else None
        # keyset steps from the document's id: as fast at row 99,999 as at row 1
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        beyond = (where + " AND" if where else "WHERE") + f" d.id {op} ?"
        row = self.conn.execute(f"SELECT d.id FROM documents d {beyond} ORDER BY d.id {order} LIMIT 1 OFFSET ?",
                                [*params, document_id, abs(step) - 1]).fetchone() if step else (document_id,)
        return row[0] if row else None
