"""Edits: how a write becomes one committed, logged, undoable step, and what other
connections wrote (table ``edit_log``; the undo history of ``undo.py``).  A part of
``Project`` that every writing part is given.

Every write, undo and redo ends in ``announce``: its ``Changes`` become ``last_changes`` and
go to each of ``listeners``.  ``poll`` says what other connections edited.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ProjectError
from annotator.store import undo
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.settings import now
from annotator.store.undo import Step


@dataclass
class Pending:
    """What a write's block will have changed, known once the block has committed (inside a
    macro it stays empty: the macro's own ``Pending`` says what the whole macro changed)."""

    changes: Changes = field(default_factory=Changes)


class Edits:
    """The edit machinery: steps, the edit log, undo and redo, and the changes of others."""

    def __init__(self, db: SQLiteBackend, people: Annotators, forget: Callable[[], None]) -> None:
        """Edits are logged under ``people.current``; ``forget`` drops every part's caches
        when another connection has committed."""
        self.db = db
        self.people = people
        self._forget = forget
        undo.install(db.conn)
        self.history = undo.History(db.conn)
        self._macro: list[int | None] | None = None
        #: what the latest write, undo or redo through this Project changed
        self.last_changes: Changes | None = None
        #: called with the ``Changes`` of every write, undo and redo made through this Project
        self.listeners: list[Callable[[Changes], Any]] = []
        self._data_version = db.data_version()
        self._unseen = False  # another connection committed and poll() has not said so yet
        self._log_seen = self.last_log_id()  # the edit log as far as poll() has read it
        self._own_logs: set[int] = set()  # entries this Project wrote since then
        self.closed = False

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        """Refuse every later write (the project is being closed)."""
        self.closed = True

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def edit(self, label: str, document_id: int | None, action: str,
             detail: dict[str, Any] | None = None) -> Iterator[Pending]:
        """Run the block as one committed, logged, undoable edit (or as part of a macro)."""
        if self.closed:
            raise ProjectError("the project is closed.")
        pending = Pending(Changes(label=label))
        if self._macro is not None:
            self._macro.append(document_id)
            yield pending
            self.log(action, document_id, detail)
            return
        with self.db.transaction():  # others' commits and the undo log's end read after the write lock
            self.sync()
            first = undo.last_seq(self.conn)
            yield pending
            log_id = self.log(action, document_id, detail)
        pending.changes = self._recorded(label, document_id, first, log_id)

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[Pending]:
        """Group the edits made in the block into one transaction and one undo step."""
        pending = Pending(Changes(label=label))
        if self._macro is not None:
            yield pending
            return
        self._macro = []
        try:
            with self.db.transaction():
                self.sync()
                first = undo.last_seq(self.conn)
                yield pending
                log_id = self.last_log_id()
            docs = {d for d in self._macro if d is not None}
        finally:
            self._macro = None
        pending.changes = self._recorded(label, docs.pop() if len(docs) == 1 else None, first, log_id)

    def _recorded(self, label: str, document_id: int | None, first: int, log_id: int) -> Changes:
        aid = self.people.me()
        if self.db.images_lost:  # saved, but its row images went with the lost connection
            self.db.images_lost = False
            return self.announce(Changes(documents=frozenset(() if document_id is None else (document_id,)),
                                         kind="external", label=label, annotator_id=aid))
        step = self.history.record(label, document_id, first, log_id=log_id, annotator_id=aid)
        changes = step.changes if step is not None else Changes(label=label, annotator_id=aid)
        self.announce(changes)
        return changes

    def wrote(self, label: str, *, added: dict[str, Iterable[int]] | None = None,
              changed: dict[str, Iterable[int]] | None = None, removed: dict[str, Iterable[int]] | None = None,
              documents: Iterable[int] = ()) -> Changes:
        """Announce a committed write that is not undoable (a setting, a rename, an
        assignment, time tracking) and return its ``Changes``."""

        def freeze(tables: dict[str, Iterable[int]] | None) -> dict[str, frozenset[int]]:
            return {t: frozenset(ids) for t, ids in (tables or {}).items()}

        return self.announce(Changes(freeze(added), freeze(changed), freeze(removed), frozenset(documents),
                                     label=label, annotator_id=self.people.me_or_none()))

    def announce(self, changes: Changes) -> Changes:
        """Tell the listeners what a write of this Project changed; return ``changes``."""
        self.last_changes = changes
        for listener in list(self.listeners):
            listener(changes)
        return changes

    def log(self, action: str, document_id: int | None, detail: dict[str, Any] | None) -> int:
        """Add an edit-log entry (inside the caller's transaction); return its id."""
        cur = self.conn.execute(
            "INSERT INTO edit_log(at, annotator_id, document_id, action, detail) VALUES (?, ?, ?, ?, ?)",
            (now(), self.people.me(), document_id, action, json.dumps(detail or {}, ensure_ascii=False)),
        )
        log_id = cur.lastrowid or 0
        self._own_logs.add(log_id)
        return log_id

    def last_log_id(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0])

    def entries(self, document_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """The newest entries of the edit log, optionally for one document."""
        where, params = ("WHERE l.document_id = ?", [document_id]) if document_id is not None else ("", [])
        rows = self.conn.execute(
            f"""SELECT l.at, a.name, l.document_id, l.action, l.detail FROM edit_log l
                LEFT JOIN annotators a ON a.id = l.annotator_id {where} ORDER BY l.id DESC LIMIT ?""",
            [*params, limit],
        ).fetchall()
        return [{"at": r[0], "annotator": r[1], "document_id": r[2], "action": r[3], "detail": json.loads(r[4])} for r in rows]

    # -- other connections -------------------------------------------------------------

    def poll(self) -> Changes | None:
        """What other connections have edited since the last call, or None (see
        ``Project.poll``)."""
        self.sync()
        if not self._unseen:
            # nobody else committed: every new log entry is this Project's own
            if self._own_logs:
                self._log_seen = max(self._log_seen, *self._own_logs)
                self._own_logs.clear()
            return None
        self._unseen = False
        rows = self.conn.execute("SELECT id, document_id, action FROM edit_log WHERE id > ? ORDER BY id",
                                 (self._log_seen,)).fetchall()
        if rows:
            self._log_seen = rows[-1][0]
        foreign = [r for r in rows if r[0] not in self._own_logs]
        self._own_logs.clear()
        if not foreign:
            return None
        return Changes(documents=frozenset(r[1] for r in foreign if r[1] is not None), kind="external",
                       label=",".join(dict.fromkeys(r[2] for r in foreign)))

    def sync(self) -> None:
        """Drop the caches if another connection has committed (every write starts here)."""
        if self.closed:
            return
        version = self.db.data_version()
        if version != self._data_version:
            self._data_version = version
            self._unseen = True
            self._forget()

    # -- undo --------------------------------------------------------------------------

    def undo(self) -> Step | None:
        return self._replay(self.history.undo_steps, self.history.redo_steps, "undo")

    def redo(self) -> Step | None:
        return self._replay(self.history.redo_steps, self.history.undo_steps, "redo")

    def _replay(self, source: list[Step], target: list[Step], action: str) -> Step | None:
        if not source:
            return None
        self.sync()
        step = source[-1]
        if self.history.crosses_barrier(step):
            self.history.clear()
            raise ProjectError(f"cannot {action} '{step.label}': documents were imported or merged into the project "
                               "since; the undo history before that is closed.")
        try:
            with self.db.transaction():
                reverse = self.history.replay(step, action)
                reverse.log_id = self.log(action, step.document_id, {"label": step.label})
        except (undo.StaleStep, sqlite3.IntegrityError) as exc:
            self.history.clear()
            what = f" ({exc} was changed)" if isinstance(exc, undo.StaleStep) else ""
            raise ProjectError(f"cannot {action} '{step.label}': another program changed the same annotations since{what}; "
                               "the undo history is closed.") from None
        source.pop()
        target.append(reverse)
        self.announce(reverse.changes)
        return reverse
