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
from collections import OrderedDict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.model import Document, DocumentInfo
from annotator.core.scheme import Scheme, default_scheme, parse_scheme
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.adjudication import AdjudicationMixin
from annotator.store.agreement import AgreementMixin
from annotator.store.annotations import AnnotationsMixin
from annotator.store.export import ExportMixin
from annotator.store.importing import ImportMixin
from annotator.store.layers import LayersMixin
from annotator.store.linked import LinkedMixin
from annotator.store.packages import PackagesMixin
from annotator.store.stances import StancesMixin
from annotator.store.stats import StatsMixin
from annotator.store.team import TeamMixin
from annotator.store.team_views import TeamViewsMixin
from annotator.store.views import ViewsMixin

STATUSES = ("new", "in_progress", "done")

#: The annotator name of the adjudicated gold layer (``annotators.kind = 'gold'``).
GOLD = "gold"

#: Per-project settings and their defaults.
DEFAULT_SETTINGS: dict[str, Any] = {
    "snap": "word",              # character, grapheme, word or clitic
    "clitics": "attached",       # attached: spans and tokens keep proclitics (as ANERcorp,
                                 # AQMAR, Wojood); split: proclitics stay outside spans
    "guidelines": "",            # Markdown shown beside the text
    "text_direction": "auto",    # auto (from the text), rtl or ltr
}

ProgressCallback = Callable[[int, int], Any]


def now() -> str:
    """Return the current UTC time as an ISO 8601 string."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_annotator() -> str:
    """Return the name of the person at this computer (the login name)."""
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # noqa: BLE001 - no login name in some containers
        return os.environ.get("USER") or "annotator"


class Project(AnnotationsMixin, StancesMixin, LinkedMixin, ImportMixin, StatsMixin, ExportMixin, ViewsMixin,
              LayersMixin, TeamMixin, PackagesMixin, AgreementMixin, AdjudicationMixin, TeamViewsMixin):
    """An open project file.

    Create one with ``Project.create(path)`` or open one with ``Project.open(path)``;
    use it as a context manager, or call ``close()``.  ``annotator`` names who is
    annotating: edits are stored under that name (the default is the login name).
    """

    def __init__(self, path: Path, db: dbmod.Database, annotator: str | None = None) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._scheme: Scheme | None = None
        self._texts: OrderedDict[int, str] = OrderedDict()
        self._annotator_ids: dict[str, int] = {}
        undo.install(self.conn)
        self.history = undo.History(self.conn)
        self._macro: list[Any] | None = None
        self.annotator = annotator or self.get_setting("last_annotator") or default_annotator()

    # -- lifecycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], scheme: Scheme | str | os.PathLike[str] | None = None,
               *, annotator: str | None = None) -> Project:
        """Create a new project file at ``path`` with ``scheme`` (default: the bundled
        Arabic news scheme; a path to a TOML file, or a loaded ``Scheme``)."""
        from annotator.core.scheme import load_scheme

        path = Path(path)
        if scheme is None:
            scheme = default_scheme()
        elif not isinstance(scheme, Scheme):
            scheme = load_scheme(scheme)
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
        first = undo.last_seq(self.conn)
        with dbmod.transaction(self.db):
            yield
            self._log(action, document_id, detail)
        self.history.record(label, document_id, first)

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Group the edits made in the block into one transaction and one undo step."""
        if self._macro is not None:
            yield
            return
        first = undo.last_seq(self.conn)
        self._macro = []
        try:
            with dbmod.transaction(self.db):
                yield
            docs = {d for d in self._macro if d is not None}
        finally:
            self._macro = None
        self.history.record(label, docs.pop() if len(docs) == 1 else None, first)

    def _log(self, action: str, document_id: int | None, detail: dict[str, Any] | None) -> None:
        self.conn.execute(
            "INSERT INTO edit_log(at, annotator_id, document_id, action, detail) VALUES (?, ?, ?, ?, ?)",
            (now(), self.annotator_id(), document_id, action, json.dumps(detail or {}, ensure_ascii=False)),
        )

    # -- undo --------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self.history.undo_steps)

    @property
    def can_redo(self) -> bool:
        return bool(self.history.redo_steps)

    def undo(self) -> undo.Step | None:
        """Undo the last edit; return its step (label, document) or None if there is none."""
        return self._replay(self.history.undo_steps, self.history.redo_steps, "undo")

    def redo(self) -> undo.Step | None:
        """Redo the last undone edit; return its step or None if there is none."""
        return self._replay(self.history.redo_steps, self.history.undo_steps, "redo")

    def _replay(self, source: list[undo.Step], target: list[undo.Step], action: str) -> undo.Step | None:
        if not source:
            return None
        step = source[-1]
        try:
            with dbmod.transaction(self.db):
                reverse = self.history.replay(step)
                self._log(action, step.document_id, {"label": step.label})
        except sqlite3.IntegrityError:
            raise ProjectError(f"cannot {action} '{step.label}': another program changed the same annotations.") from None
        source.pop()
        target.append(reverse)
        return reverse

    # -- settings ----------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return the project setting ``key`` (see ``DEFAULT_SETTINGS``)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return DEFAULT_SETTINGS.get(key, default)
        return json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Change the project setting ``key`` (committed at once; not undoable)."""
        if key == "snap":
            from annotator.core.text import SNAP_MODES

            if value not in SNAP_MODES:
                raise ProjectError(f"snap must be one of {', '.join(SNAP_MODES)}, not {value!r}.")
        if key == "clitics" and value not in ("attached", "split"):
            raise ProjectError(f"clitics must be 'attached' or 'split', not {value!r}.")
        with dbmod.transaction(self.db):
            self._put_setting(key, value)

    def _put_setting(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

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
        if self._scheme is None:
            row = self.conn.execute("SELECT source, name FROM schemes ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                raise ProjectError(f"{self.path} has no annotation scheme.")
            self._scheme = parse_scheme(row[0], origin=f"the scheme stored in {self.path.name}")
        return self._scheme

    def set_scheme(self, scheme: Scheme) -> None:
        """Store ``scheme`` as the project's new current scheme (older versions are kept)."""
        with dbmod.transaction(self.db):
            self._store_scheme(scheme)

    def refresh(self) -> None:
        """Forget what this connection cached (the scheme), so that a change made through
        another connection (an import on a worker thread, another process) shows."""
        self._scheme = None

    def _store_scheme(self, scheme: Scheme) -> None:
        self.conn.execute(
            "INSERT INTO schemes(name, version, source, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
            (scheme.name, scheme.version, scheme.source, scheme.sha256, now()),
        )
        self._scheme = scheme

    # -- annotators --------------------------------------------------------------------

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
        name = name or self.annotator
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise ProjectError(f"{self.path.name} has no annotator called {name!r}.")
            if name == GOLD:
                kind = "gold"
            with dbmod.transaction(self.db):
                cur = self.conn.execute(
                    "INSERT INTO annotators(name, kind, created_at) VALUES (?, ?, ?)", (name, kind, now())
                )
            row = (cur.lastrowid,)
        self._annotator_ids[name] = row[0]
        return row[0]

    def annotators(self) -> list[str]:
        """Return the names of everyone who has annotated in this project."""
        return [r[0] for r in self.conn.execute("SELECT name FROM annotators ORDER BY id")]

    def remember_annotator(self) -> None:
        """Store the current annotator as the one to use next time the project opens."""
        self.set_setting("last_annotator", self.annotator)

    # -- documents ---------------------------------------------------------------------

    def count_documents(self, *, status: str | None = None, annotator: str | None = None, name: str | None = None) -> int:
        """Return how many documents match the filters (see ``documents``)."""
        where, params = self._doc_filter(status, annotator, name)
        return self.conn.execute(f"SELECT count(*) FROM documents d {where}", params).fetchone()[0]

    def documents(self, offset: int = 0, limit: int = 100, *, status: str | None = None,
                  annotator: str | None = None, name: str | None = None) -> list[DocumentInfo]:
        """Return one page of the document list, in import order, without the texts.

        ``status`` keeps documents with that status for ``annotator`` (default: the
        current one); ``name`` keeps names containing it.
        """
        aid = self._annotator_id_or_none(annotator)
        where, params = self._doc_filter(status, annotator, name)
        rows = self.conn.execute(
            f"""SELECT d.id, d.name, d.length, d.sha256, d.meta,
                       coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = ?), 'new'),
                       (SELECT count(*) FROM spans p WHERE p.document_id = d.id AND p.annotator_id = ?)
                FROM documents d {where} ORDER BY d.id LIMIT ? OFFSET ?""",
            [aid, aid, *params, limit, offset],
        ).fetchall()
        return [DocumentInfo(id=r[0], name=r[1], length=r[2], sha256=r[3], meta=json.loads(r[4]), status=r[5], spans=r[6]) for r in rows]

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
        where = (where + " AND" if where else "WHERE") + " d.id > ?"
        ids = [r[0] for r in self.conn.execute(f"SELECT d.id FROM documents d {where} ORDER BY d.id LIMIT ?", [*params, last_id, limit])]
        if not ids:
            return []
        aid = self._annotator_id_or_none(filters.get("annotator"))
        rows = self.conn.execute(
            f"""SELECT d.id, d.name, d.length, d.sha256, d.meta,
                       coalesce((SELECT status FROM document_status s WHERE s.document_id = d.id AND s.annotator_id = ?), 'new')
                FROM documents d WHERE d.id IN ({",".join("?" * len(ids))}) ORDER BY d.id""",
            [aid, *ids],
        ).fetchall()
        return [DocumentInfo(id=r[0], name=r[1], length=r[2], sha256=r[3], meta=json.loads(r[4]), status=r[5]) for r in rows]

    def _annotator_id_or_none(self, name: str | None) -> int | None:
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name or self.annotator,)).fetchone()
        return row[0] if row else None

    def _doc_filter(self, status: str | None, annotator: str | None, name: str | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if status is not None:
            if status not in STATUSES:
                raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
            aid = self._annotator_id_or_none(annotator)
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

    def document(self, document_id: int) -> Document:
        """Return document ``document_id`` with its text and metadata (no annotations)."""
        row = self.conn.execute(
            "SELECT id, name, text, meta, sha256, source FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path.name} has no document {document_id}.")
        self._cache_text(row[0], row[2])
        return Document(id=row[0], name=row[1], text=row[2], meta=json.loads(row[3]), sha256=row[4], source=row[5])

    def text(self, document_id: int) -> str:
        """Return the stored text of document ``document_id`` (cached: texts never change)."""
        cached = self._texts.get(document_id)
        if cached is not None:
            self._texts.move_to_end(document_id)
            return cached
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path.name} has no document {document_id}.")
        self._cache_text(document_id, row[0])
        return row[0]

    def _cache_text(self, document_id: int, text: str) -> None:
        self._texts[document_id] = text
        self._texts.move_to_end(document_id)
        while len(self._texts) > 8:
            self._texts.popitem(last=False)

    def find_document(self, *, name: str | None = None, sha256: str | None = None) -> DocumentInfo | None:
        """Return the document with this content hash, or the first with this name."""
        if sha256 is not None:
            row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        elif name is not None:
            row = self.conn.execute("SELECT id FROM documents WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()
        else:
            raise ProjectError("find_document needs a name or a sha256.")
        if row is None:
            return None
        return self._documents_after(row[0] - 1, 1)[0]

    def document_ids(self) -> list[int]:
        """Return every document id, in import order."""
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    # -- status ------------------------------------------------------------------------

    def status(self, document_id: int, annotator: str | None = None) -> str:
        """Return ``annotator``'s status of the document: new, in_progress or done."""
        row = self.conn.execute(
            "SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?",
            (document_id, self._annotator_id_or_none(annotator)),
        ).fetchone()
        return row[0] if row else "new"

    def set_status(self, document_id: int, status: str, annotator: str | None = None) -> None:
        """Set ``annotator``'s status of the document (an undoable edit)."""
        if status not in STATUSES:
            raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
        self.text(document_id)  # the document must exist
        with self._edit(f"Mark {status.replace('_', ' ')}", document_id, "set_status", {"status": status}):
            self._put_status(document_id, self.annotator_id(annotator), status)

    def add_time(self, document_id: int, seconds: float, annotator: str | None = None) -> None:
        """Add annotating time to the document's record (not an undoable edit)."""
        aid = self.annotator_id(annotator)
        with dbmod.transaction(self.db):
            undo.set_active(self.conn, False)
            try:
                self._ensure_status(document_id, aid)
                self.conn.execute(
                    "UPDATE document_status SET seconds = seconds + ? WHERE document_id = ? AND annotator_id = ?",
                    (seconds, document_id, aid),
                )
            finally:
                undo.set_active(self.conn, True)

    def _ensure_status(self, document_id: int, aid: int) -> None:
        self.conn.execute(
            "INSERT INTO document_status(document_id, annotator_id, status, updated_at) VALUES (?, ?, 'new', ?) "
            "ON CONFLICT(document_id, annotator_id) DO NOTHING",
            (document_id, aid, now()),
        )

    def _put_status(self, document_id: int, aid: int, status: str) -> None:
        stamp = now()
        self.conn.execute(
            """INSERT INTO document_status(document_id, annotator_id, status, started_at, updated_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(document_id, annotator_id) DO UPDATE SET status = excluded.status,
                   updated_at = excluded.updated_at, started_at = coalesce(started_at, excluded.started_at)""",
            (document_id, aid, status, stamp if status != "new" else None, stamp),
        )

    def _touch_status(self, document_id: int, aid: int) -> None:
        """Move a new document to in_progress when its first annotation is made."""
        row = self.conn.execute(
            "SELECT status FROM document_status WHERE document_id = ? AND annotator_id = ?", (document_id, aid)
        ).fetchone()
        if row is None or row[0] == "new":
            self._put_status(document_id, aid, "in_progress")

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

