"""The seam between the store and a database: the one small interface every part of the
store reaches the database through.

A ``Backend`` holds one connection and knows how to run a write transaction, how to tell
that another connection has written, and whom to tell when a transaction rolls back.
``SQLiteBackend`` is a project file; ``annotator.store.postgres.PostgreSQLBackend`` (a
lab's team database) is a second implementation of this interface, chosen by
``Project.open`` from a ``postgresql://`` URL, not an edit of every part.

SQL in the parts is written in SQLite's dialect with ``?`` placeholders; the PostgreSQL
backend translates each statement once (``annotator.store.sqlpg``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from annotator.core.errors import ProjectError


class Backend(Protocol):
    """What the store needs of a database connection."""

    #: the DB-API connection (autocommit; transactions are opened by ``transaction``)
    conn: Any
    #: where the project lives: a file's path, or a database URL
    location: str
    #: called after every rollback (the one way caches learn of it)
    on_rollback: list[Callable[[], None]]
    #: called after the connection was lost and made again (the session's undo images are gone)
    on_reconnect: list[Callable[[], None]]
    #: the latest commit was saved but its answer lost with the connection: what it changed
    #: is not known row by row (``Edits`` then tells its documents to reload)
    images_lost: bool

    def transaction(self) -> contextlib.AbstractContextManager[Any]:
        """Run the block in one write transaction, or join the open one."""
        ...

    def data_version(self) -> int:
        """A number that changes whenever another connection has committed."""
        ...

    def close(self) -> None:
        """Close the connection; every committed edit is already durable."""
        ...


class SQLiteBackend:
    """A project file: SQLite in WAL mode, ``synchronous=FULL``, ``BEGIN IMMEDIATE`` writes
    (see ``annotator.store.db`` for opening, creating and migrating the file)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.location = str(path)
        self.on_rollback: list[Callable[[], None]] = []
        self.on_reconnect: list[Callable[[], None]] = []  # a file's connection is never lost
        self.images_lost = False
        self._utils: Any = None

    def transaction(self) -> contextlib.AbstractContextManager[Any]:
        from annotator.store import db

        return db._sqlite_transaction(self)

    def data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self) -> Any:
        """A ``sqlite_utils.Database`` on this connection, for scripts that want its table
        API (imported on first use: it costs start-up time the CLI and window need not pay)."""
        if self._utils is None:
            from annotator.store.db import import_sqlite_utils

            self._utils = import_sqlite_utils().Database(self.conn, execute_plugins=False)
        return self._utils


def is_url(target: object) -> bool:
    """True if ``target`` names a database server rather than a file."""
    return isinstance(target, str) and "://" in target


def refuse_url(target: str) -> None:
    """Say in one sentence that this version opens project files only."""
    scheme = target.split("://", 1)[0]
    if scheme in ("postgresql", "postgres"):
        raise ProjectError(f"{_redact(target)} is a team database; this version of annotator opens project files only.")
    raise ProjectError(f"{_redact(target)} is not a project file or a database annotator can open.")


def _redact(url: str) -> str:
    """Hide a password in a URL (``postgresql://lina:secret@host/lab``)."""
    head, sep, rest = url.partition("://")
    if "@" in rest:
        cred, _, host = rest.rpartition("@")
        if ":" in cred:
            cred = cred.split(":", 1)[0] + ":***"
        rest = f"{cred}@{host}"
    return head + sep + rest
