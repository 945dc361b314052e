"""Each annotator's status of each document and the time spent on it (table
``document_status``): a part of ``Project``.

A status row is created outside undo and its ``seconds`` are never in an undo image, so
undoing the first annotation of a document sets the status back to ``new`` and keeps the
time tracked on it.
"""

from __future__ import annotations

from annotator.core.errors import ProjectError
from annotator.store import undo
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.documents import STATUSES, Documents
from annotator.store.edits import Edits
from annotator.store.settings import now

__all__ = ["STATUSES", "Status"]


class Status:
    """Reads and writes of document statuses and times."""

    def __init__(self, db: SQLiteBackend, people: Annotators, docs: Documents, edits: Edits) -> None:
        self.db = db
        self.people = people
        self.docs = docs
        self.edits = edits
        #: (document, annotator) pairs known not to be ``new``, so that ``touch`` need not
        #: ask before every annotation (one round trip fewer per edit on a team database);
        #: dropped whenever a status may have become ``new`` other than through ``put``
        self._started: set[tuple[int, int]] = set()
        edits.listeners.append(self._heard)  # (a rollback: Project.forget)

    def forget(self) -> None:
        self._started.clear()

    def _heard(self, changes: Changes) -> None:
        """After each write of this Project: an undo, a redo, an import or a merge may set
        statuses back, and an edit may remove status rows."""
        if changes.kind != "edit" or "document_status" in changes.removed:
            self._started.clear()

    def get(self, document_id: int, aid: int | None) -> str:
        row = self.db.conn.execute(
            "SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, aid)
        ).fetchone()
        return str(row[0]) if row else "new"

    def set(self, document_id: int, status: str, annotator: str | None = None) -> Changes:
        """Set ``annotator``'s status of a document (default: the current annotator's; an
        undoable edit)."""
        if status not in STATUSES:
            raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
        self.docs.text(document_id)  # the document must exist
        with self.edits.edit(f"Mark {status.replace('_', ' ')}", document_id, "set_status", {"status": status}) as done:
            self.put(document_id, self.people.me(annotator), status)
        return done.changes

    def ensure(self, document_id: int, aid: int) -> None:
        """Make the row if there is none (inside the caller's transaction)."""
        self.db.conn.execute(
            "INSERT INTO document_status(document_id, annotator_id, status, updated_at) VALUES (?, ?, 'new', ?) "
            "ON CONFLICT(document_id, annotator_id) DO NOTHING",
            (document_id, aid, now()),
        )

    def put(self, document_id: int, aid: int, status: str) -> None:
        """Set the status (inside the caller's transaction; undoable if the caller's is)."""
        if status == "new":
            self._started.discard((document_id, aid))
        with undo.paused(self.db.conn):
            self.ensure(document_id, aid)
        stamp = now()
        self.db.conn.execute(
            """UPDATE document_status SET status = ?, updated_at = ?, started_at = coalesce(started_at, ?)
               WHERE document_id = ? AND annotator_id = ? AND status IS NOT ?""",
            (status, stamp, stamp if status != "new" else None, document_id, aid, status),
        )

    def touch(self, document_id: int, aid: int) -> None:
        """Move a new document to in_progress when its first annotation is made."""
        if (document_id, aid) in self._started:
            return
        if self.get(document_id, aid) == "new":
            self.put(document_id, aid, "in_progress")
        self._started.add((document_id, aid))

    def add_time(self, document_id: int, aid: int, seconds: float) -> Changes:
        """Add annotating time (its own transaction, outside undo and the edit log)."""
        with self.db.transaction(), undo.paused(self.db.conn):
            self.ensure(document_id, aid)
            self.db.conn.execute(
                "UPDATE document_status SET seconds = seconds + ? WHERE document_id = ? AND annotator_id = ?",
                (seconds, document_id, aid),
            )
        return self.edits.wrote("add_time", changed={"document_status": []}, documents=[document_id])
