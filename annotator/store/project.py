"""The Project API: the one way into a project file, for the GUI, the CLI and scripts.

    >>> from annotator import Project
    >>> with Project.create("news.annotproj") as p:            # doctest: +SKIP
    ...     p.import_files(["articles/"])
    ...     doc = p.documents(limit=1)[0]
    ...     span = p.add_span(doc.id, "GPE", 5, 21)
    ...     p.undo()

Every edit is committed in its own transaction as it happens and is one undo step.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from annotator.core.errors import ProjectError
from annotator.core.model import Document, DocumentInfo
from annotator.core.scheme import Scheme, default_scheme
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.adjudication import AdjudicationMixin
from annotator.store.agreement import AgreementMixin
from annotator.store.annotations import AnnotationsMixin
from annotator.store.annotators import GOLD, Annotators
from annotator.store.backend import SQLiteBackend, is_url, refuse_url
from annotator.store.changes import Changes
from annotator.store.documents import STATUSES, Documents
from annotator.store.export import ExportMixin
from annotator.store.importing import ImportMixin
from annotator.store.layers import LayersMixin
from annotator.store.linked import LinkedMixin
from annotator.store.packages import PackagesMixin
from annotator.store.settings import DEFAULT_SETTINGS, Settings, now
from annotator.store.stances import StancesMixin
from annotator.store.stats import StatsMixin
from annotator.store.status import Status
from annotator.store.team import TeamMixin
from annotator.store.team_views import TeamViewsMixin
from annotator.store.views import ViewsMixin

#: re-exported: they were defined here before the parts had modules of their own
__all__ = ["DEFAULT_SETTINGS", "GOLD", "STATUSES", "Project", "now"]

ProgressCallback = Callable[[int, int], Any]


def default_annotator() -> str:
    """Return the name of the person at this computer (the login name)."""
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # noqa: BLE001 - no login name in some containers
        return os.environ.get("USER") or "annotator"


def _team_backend(url: str, *, create: bool) -> SQLiteBackend:
    """The backend of a team database (``postgresql://``), created or opened: a
    ``PostgreSQLBackend``, which has the shape of an ``SQLiteBackend`` that the parts use
    (``conn``, ``transaction``, ``data_version``, ``on_rollback``, ``location``, ``path``)."""
    if url.split("://", 1)[0] not in ("postgresql", "postgres"):
        refuse_url(url)
    from annotator.store import postgres

    team = postgres.create_database(url) if create else postgres.open_database(url)
    return cast(SQLiteBackend, team)


class Project(AnnotationsMixin, StancesMixin, LinkedMixin, ImportMixin, StatsMixin, ExportMixin, ViewsMixin,
              LayersMixin, TeamMixin, PackagesMixin, AgreementMixin, AdjudicationMixin, TeamViewsMixin):
    """An open project file.

    Create one with ``Project.create(path)`` or open one with ``Project.open(path)``;
    use it as a context manager, or call ``close()``.  ``annotator`` names who is
    annotating: edits are stored under that name (the default is the login name).
    """

    def __init__(self, path: Path, db: SQLiteBackend, annotator: str | None = None) -> None:
        self.path = path
        #: the backend: the one way into the database (``db.utils`` is a sqlite-utils
        #: ``Database`` on the same connection, for scripts)
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        # the parts, each with its own tables and state
        self.settings = Settings(db, path)
        self.people = Annotators(db, path)
        self.docs = Documents(db, path)
        self.statuses = Status(db)
        undo.install(self.conn)
        self.history = undo.History(self.conn)
        self._macro: list[Any] | None = None
        #: what the latest write, undo or redo through this Project changed
        self.last_changes: Changes | None = None
        #: called with the ``Changes`` of every write, undo and redo made through this Project
        self.listeners: list[Callable[[Changes], Any]] = []
        self._data_version = self._read_data_version()
        self._unseen = False  # another connection committed and poll() has not said so yet
        self._log_seen = self._last_log_id()  # the edit log as far as poll() has read it
        self._own_logs: set[int] = set()  # entries this Project wrote since then
        db.on_rollback.append(self.forget)
        # a team database's lost connection takes the session's undo log with it
        getattr(db, "on_reconnect", []).append(self.history.clear)
        self.annotator = annotator or self.get_setting("last_annotator") or default_annotator()

    # -- lifecycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], scheme: Scheme | str | os.PathLike[str] | None = None,
               *, annotator: str | None = None) -> Project:
        """Create a new project file at ``path`` with ``scheme`` (default: the bundled
        Arabic news scheme; a path to a TOML file, or a loaded ``Scheme``)."""
        from annotator.core.scheme import load_scheme

        if scheme is None:
            scheme = default_scheme()
        elif not isinstance(scheme, Scheme):
            scheme = load_scheme(scheme)
        if is_url(path):
            db = _team_backend(str(path), create=True)
            path = db.path
        else:
            path = Path(path)
            db = dbmod.create_file(path)
        project = cls(path, db, annotator)
        with dbmod.transaction(db):
            for key, value in DEFAULT_SETTINGS.items():
                project._put_setting(key, value)
            project._put_setting("created_at", now())
            project._store_scheme(scheme)
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, annotator: str | None = None) -> Project:
        """Open the project file at ``path`` (an older file is backed up, then upgraded)."""
        path = getattr(path, "url", path)  # a team project's ``path`` (postgres.DatabasePath)
        if is_url(path):
            team = _team_backend(str(path), create=False)
            # in a lab, who logged in is who annotates (the lanes are the roles' names)
            return cls(team.path, team, annotator or team.user)  # type: ignore[attr-defined]
        path = Path(path)
        db = dbmod.open_file(path)
        return cls(path, db, annotator)

    def close(self) -> None:
        """Close the project file; every edit is already saved."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.db.close()
            self.conn = None  # type: ignore[assignment]

    @property
    def closed(self) -> bool:
        return self.conn is None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Project {self.path}>"

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _edit(self, label: str, document_id: int | None, action: str, detail: dict[str, Any] | None = None) -> Iterator[None]:
        """Run the block as one committed, logged, undoable edit (or part of a macro)."""
        if self.conn is None:
            raise ProjectError("the project is closed.")
        if self._macro is not None:
            self._macro.append(document_id)
            yield
            self._log(action, document_id, detail)
            return
        self._sync()
        first = undo.last_seq(self.conn)
        with dbmod.transaction(self.db):
            yield
            log_id = self._log(action, document_id, detail)
        self._recorded(self.history.record(label, document_id, first, log_id=log_id, annotator_id=self.annotator_id()))

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Group the edits made in the block into one transaction and one undo step."""
        if self._macro is not None:
            yield
            return
        self._sync()
        first = undo.last_seq(self.conn)
        self._macro = []
        try:
            with dbmod.transaction(self.db):
                yield
                log_id = self._last_log_id()
            docs = {d for d in self._macro if d is not None}
        finally:
            self._macro = None
        self._recorded(self.history.record(label, docs.pop() if len(docs) == 1 else None, first, log_id=log_id,
                                           annotator_id=self.annotator_id()))

    def _recorded(self, step: undo.Step | None) -> None:
        if step is not None:
            self._announce(step.changes)

    def _announce(self, changes: Changes) -> None:
        """Tell the listeners what a write of this Project changed."""
        self.last_changes = changes
        for listener in list(self.listeners):
            listener(changes)

    def _log(self, action: str, document_id: int | None, detail: dict[str, Any] | None) -> int:
        cur = self.conn.execute(
            "INSERT INTO edit_log(at, annotator_id, document_id, action, detail) VALUES (?, ?, ?, ?, ?)",
            (now(), self.annotator_id(), document_id, action, json.dumps(detail or {}, ensure_ascii=False)),
        )
        log_id = cur.lastrowid or 0
        self._own_logs.add(log_id)
        return log_id

    def _last_log_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0]

    # -- other connections -------------------------------------------------------------

    def _read_data_version(self) -> int:
        return self.db.data_version()

    def poll(self) -> Changes | None:
        """Return what other connections (the CLI, a script, another window, a worker
        thread's import) have edited since this Project last said so, or None.

        The value has ``kind="external"``, the ``documents`` the edit log names and the
        actions as its ``label``.  A commit that is no edit (time tracking, suggestions
        written by a recommender) drops what this connection cached but is not reported.
        Cheap when nothing happened (one ``PRAGMA data_version``): call it often."""
        self._sync()
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

    def _sync(self) -> None:
        """Drop the caches if another connection has committed (every write starts here)."""
        if self.conn is None:
            return
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self._unseen = True
            self.forget()

    def forget(self) -> None:
        """Drop everything this connection cached from the database (the scheme, annotator
        ids, texts): after a rollback, or when another connection has written."""
        for part in (self.settings, self.people, self.docs):
            part.forget()

    # -- undo --------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self.history.undo_steps)

    @property
    def can_redo(self) -> bool:
        return bool(self.history.redo_steps)

    def undo(self) -> undo.Step | None:
        """Undo the last edit; return its step (label, document, ``changes``) or None if
        there is none.  Refused with ``ProjectError``, and the history dropped, if another
        program has since changed what the edit touched or imported into the project."""
        return self._replay(self.history.undo_steps, self.history.redo_steps, "undo")

    def redo(self) -> undo.Step | None:
        """Redo the last undone edit; return its step or None if there is none (refused as
        ``undo`` is)."""
        return self._replay(self.history.redo_steps, self.history.undo_steps, "redo")

    def _replay(self, source: list[undo.Step], target: list[undo.Step], action: str) -> undo.Step | None:
        if not source:
            return None
        self._sync()
        step = source[-1]
        if self.history.crosses_barrier(step):
            self.history.clear()
            raise ProjectError(f"cannot {action} '{step.label}': documents were imported or merged into the project "
                               "since; the undo history before that is closed.")
        try:
            with dbmod.transaction(self.db):
                reverse = self.history.replay(step, action)
                reverse.log_id = self._log(action, step.document_id, {"label": step.label})
        except (undo.StaleStep, sqlite3.IntegrityError) as exc:
            self.history.clear()
            what = f" ({exc} was changed)" if isinstance(exc, undo.StaleStep) else ""
            raise ProjectError(f"cannot {action} '{step.label}': another program changed the same annotations since{what}; "
                               "the undo history is closed.") from None
        source.pop()
        target.append(reverse)
        self._announce(reverse.changes)
        return reverse

    # -- settings (annotator/store/settings.py) ---------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return the project setting ``key`` (see ``DEFAULT_SETTINGS``)."""
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Change the project setting ``key`` (committed at once; not undoable)."""
        self.settings.check(key, value)
        with dbmod.transaction(self.db):
            self.settings.put(key, value)

    def _put_setting(self, key: str, value: Any) -> None:
        self.settings.put(key, value)

    @property
    def guidelines(self) -> str:
        """The project's annotation guidelines (Markdown)."""
        return self.get_setting("guidelines", "")

    @guidelines.setter
    def guidelines(self, markdown: str) -> None:
        self.set_setting("guidelines", markdown)

    # -- scheme ------------------------------------------------------------------------

    @property
    def scheme(self) -> Scheme:
        """The project's current annotation scheme (the newest stored version)."""
        return self.settings.scheme

    def set_scheme(self, scheme: Scheme) -> None:
        """Store ``scheme`` as the project's new current scheme (older versions are kept)."""
        with dbmod.transaction(self.db):
            self.settings.store_scheme(scheme)
            self._log("set_scheme", None, {"name": scheme.name, "version": scheme.version})

    def refresh(self) -> None:
        """Forget what this connection cached, so that a change made through another
        connection (an import on a worker thread, another process) shows."""
        self.forget()

    def _store_scheme(self, scheme: Scheme) -> None:
        self.settings.store_scheme(scheme)

    @property
    def _scheme(self) -> Scheme | None:
        return self.settings._scheme

    @_scheme.setter
    def _scheme(self, scheme: Scheme | None) -> None:
        self.settings._scheme = scheme

    # -- annotators (annotator/store/annotators.py) ------------------------------------

    @property
    def annotator(self) -> str:
        """The name edits are stored under."""
        return self._annotator

    @annotator.setter
    def annotator(self, name: str) -> None:
        name = (name or "").strip()
        if not name:
            raise ProjectError("an annotator needs a name.")
        self._annotator = name

    def annotator_id(self, name: str | None = None, *, create: bool = True, kind: str = "human") -> int:
        """Return the id of annotator ``name`` (default: the current one), adding it if new."""
        return self.people.id(name or self.annotator, create=create, kind=kind)

    def _annotator_id_or_none(self, name: str | None) -> int | None:
        return self.people.id_or_none(name or self.annotator)

    @property
    def _annotator_ids(self) -> dict[str, int]:
        return self.people.ids

    def annotators(self) -> list[str]:
        """Return the names of everyone who has annotated in this project."""
        return self.people.names()

    def remember_annotator(self) -> None:
        """Store the current annotator as the one to use next time the project opens."""
        self.set_setting("last_annotator", self.annotator)

    # -- documents (annotator/store/documents.py) --------------------------------------

    def count_documents(self, *, status: str | None = None, annotator: str | None = None, name: str | None = None) -> int:
        """Return how many documents match the filters (see ``documents``)."""
        return self.docs.count(*self._doc_filter(status, annotator, name))

    def documents(self, offset: int = 0, limit: int = 100, *, status: str | None = None,
                  annotator: str | None = None, name: str | None = None) -> list[DocumentInfo]:
        """Return one page of the document list, in import order, without the texts.

        ``status`` keeps documents with that status for ``annotator`` (default: the
        current one); ``name`` keeps names containing it.
        """
        where, params = self._doc_filter(status, annotator, name)
        return self.docs.page(where, params, self._annotator_id_or_none(annotator), offset, limit)

    def iter_documents(self, batch: int = 500, **filters: Any) -> Iterator[DocumentInfo]:
        """Yield every document's list entry, a page at a time."""
        last = 0
        while True:
            page = self._documents_after(last, batch, **filters)
            if not page:
                return
            yield from page
            last = page[-1].id

    def _documents_after(self, last_id: int, limit: int, **filters: Any) -> list[DocumentInfo]:
        where, params = self._doc_filter(filters.get("status"), filters.get("annotator"), filters.get("name"))
        return self.docs.after(where, params, self._annotator_id_or_none(filters.get("annotator")), last_id, limit)

    def _doc_filter(self, status: str | None, annotator: str | None, name: str | None) -> tuple[str, list[Any]]:
        aid = self._annotator_id_or_none(annotator) if status is not None else None
        return self.docs.where(status, aid, name)

    def document(self, document_id: int) -> Document:
        """Return document ``document_id`` with its text and metadata (no annotations)."""
        return self.docs.document(document_id)

    def text(self, document_id: int) -> str:
        """Return the stored text of document ``document_id`` (cached: texts never change)."""
        return self.docs.text(document_id)

    def find_document(self, *, name: str | None = None, sha256: str | None = None) -> DocumentInfo | None:
        """Return the document with this content hash, or the first with this name."""
        found = self.docs.find(name=name, sha256=sha256)
        return None if found is None else self._documents_after(found - 1, 1)[0]

    def document_ids(self) -> list[int]:
        """Return every document id, in import order."""
        return self.docs.ids()

    # -- status (annotator/store/status.py) --------------------------------------------

    def status(self, document_id: int, annotator: str | None = None) -> str:
        """Return ``annotator``'s status of the document: new, in_progress or done."""
        return self.statuses.get(document_id, self._annotator_id_or_none(annotator))

    def set_status(self, document_id: int, status: str, annotator: str | None = None) -> None:
        """Set ``annotator``'s status of the document (an undoable edit)."""
        if status not in STATUSES:
            raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
        self.text(document_id)  # the document must exist
        with self._edit(f"Mark {status.replace('_', ' ')}", document_id, "set_status", {"status": status}):
            self.statuses.put(document_id, self.annotator_id(annotator), status)

    def add_time(self, document_id: int, seconds: float, annotator: str | None = None) -> None:
        """Add annotating time to the document's record (not an undoable edit)."""
        self.statuses.add_time(document_id, self.annotator_id(annotator), seconds)

    def _ensure_status(self, document_id: int, aid: int) -> None:
        self.statuses.ensure(document_id, aid)

    def _put_status(self, document_id: int, aid: int, status: str) -> None:
        self.statuses.put(document_id, aid, status)

    def _touch_status(self, document_id: int, aid: int) -> None:
        self.statuses.touch(document_id, aid)

    # -- the log -----------------------------------------------------------------------

    def edit_log(self, document_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Return the newest entries of the edit log, optionally for one document."""
        where, params = ("WHERE l.document_id = ?", [document_id]) if document_id is not None else ("", [])
        rows = self.conn.execute(
            f"""SELECT l.at, a.name, l.document_id, l.action, l.detail FROM edit_log l
                LEFT JOIN annotators a ON a.id = l.annotator_id {where} ORDER BY l.id DESC LIMIT ?""",
            [*params, limit],
        ).fetchall()
        return [{"at": r[0], "annotator": r[1], "document_id": r[2], "action": r[3], "detail": json.loads(r[4])} for r in rows]

