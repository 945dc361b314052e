"""Open, create, check and migrate the SQLite project file.

Every connection runs in WAL mode with foreign keys on and ``synchronous=FULL``, so an edit
that has been committed survives a crash or a power cut; a generous busy timeout and
``BEGIN IMMEDIATE`` for every write let a second process (a CLI export, a script) work on the
same file at the same time without "database is locked" errors.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.store.backend import SQLiteBackend
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def import_sqlite_utils() -> Any:
    """Import sqlite-utils (on first use only) without letting it import pandas and numpy.

    sqlite-utils imports both at start-up whenever they are installed, only to map their
    scalar types to column types, which annotator never stores.  That costs half a second
    and over 100 MB.  They stay importable for code that needs them (the Hugging Face
    export).
    """
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import name" fail
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            del sys.modules[name]
    return sqlite_utils


#: Seconds a writer waits for another process's write transaction to finish.
BUSY_TIMEOUT = 60.0


def connect(path: str | Path) -> SQLiteBackend:
    """Return a backend on ``path`` with the project's connection settings.

    The connection runs in autocommit mode (``isolation_level=None``): transactions are
    opened explicitly with ``transaction()``.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return SQLiteBackend(conn, Path(path))


def configure(db: SQLiteBackend) -> None:
    """Apply the per-connection pragmas (WAL, foreign keys, durable commits)."""
    conn = db.conn
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")


def transaction(db: SQLiteBackend) -> contextlib.AbstractContextManager[Any]:
    """Run the block in one write transaction of ``db``'s database, or join the open one
    (a team database's backend runs its own: ``annotator.store.postgres``)."""
    if isinstance(db, SQLiteBackend):
        return _sqlite_transaction(db)
    return db.transaction()


@contextlib.contextmanager
def _sqlite_transaction(db: SQLiteBackend) -> Iterator[SQLiteBackend]:
    """Run the block in one write transaction (``BEGIN IMMEDIATE``), or join the open one.

    ``BEGIN IMMEDIATE`` takes the write lock at once, so the busy timeout applies; a
    deferred transaction that later tried to write could fail at once with "database is
    locked" when another process holds the lock.
    """
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        for forget in db.on_rollback:
            forget()
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
            raise ProjectError(f"{db.location} cannot be written (the file is read-only, or on a read-only disk); "
                               "nothing was changed.") from None
        raise
    else:
        conn.execute("COMMIT")


def describe_file(path: Path) -> None:
    """Raise ``ProjectError`` unless ``path`` looks like an annotator project file.

    The file is read through SQLite alone, never with ``open()``: closing any descriptor of
    a file drops every POSIX lock this process holds on it, so a second program could then
    delete the write-ahead log under a connection this process has open (SQLite's "How To
    Corrupt An SQLite Database File", section 2.2).
    """
    if not path.exists():
        raise ProjectError(f"{path} does not exist; create a project with 'annotator init {path}'.")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from None
    try:
        app_id = probe.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        raise ProjectError(f"{path} is not an annotator project (it is not an SQLite database).") from None
    finally:
        probe.close()
    if app_id != APPLICATION_ID:
        raise ProjectError(f"{path} is an SQLite database, but not an annotator project.")


def create_file(path: Path) -> SQLiteBackend:
    """Create a new, empty project file at ``path`` with the current schema."""
    if path.exists() and path.stat().st_size > 0:
        raise ProjectError(f"{path} already exists; choose another name or remove it first.")
    if not path.parent.exists():
        raise ProjectError(f"cannot create {path}: the folder {path.parent} does not exist.")
    try:
        db = connect(path)
        configure(db)
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db, 0)
        # In WAL mode the header (application id, version) sits in the WAL until a
        # checkpoint; write it into the file now, so a second process (or the window's
        # reader thread) recognises the project while this connection is still open.
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot create {path}: {exc}.") from None
    return db


def open_file(path: Path, *, backup: bool = True) -> SQLiteBackend:
    """Open the project file at ``path``, migrating an older one (after a backup)."""
    describe_file(path)
    try:
        db = connect(path)
        configure(db)
        version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} cannot be opened as a project: {exc}.") from None
    if version > SCHEMA_VERSION:
        db.close()
        raise ProjectError(
            f"{path} was written by a newer version of annotator (project format {version}; "
            f"this version reads formats up to {SCHEMA_VERSION}); update annotator to open it."
        )
    if version < SCHEMA_VERSION:
        saved = backup_file(db, path, version) if backup else None
        try:
            _migrate(db, version)
        except sqlite3.Error as exc:
            db.close()
            kept = f"; a copy from before is at {saved}" if saved else ""
            raise ProjectError(f"upgrading {path} from project format {version} failed ({exc}); "
                               f"the file is unchanged{kept}.") from None
    missing = [t for t in REQUIRED_TABLES
               if db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (t,)).fetchone() is None]
    if missing:
        db.close()
        raise ProjectError(f"{path} is marked as an annotator project (format {version}) but lacks the table "
                           f"{missing[0]!r}: it is damaged or was not written by annotator.")
    return db


#: Tables every project file has (a file with the project's marker but without them is
#: refused instead of failing on its first query).
REQUIRED_TABLES = ("settings", "schemes", "annotators", "documents", "spans", "fragments", "events",
                   "document_status", "edit_log")


def backup_file(db: SQLiteBackend, path: Path, version: int) -> Path:
    """Copy the project (consistently, through SQLite's backup API) before a migration."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.v{version}.{n}.bak")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate(db: SQLiteBackend, current: int) -> None:
    """Apply every migration after ``current``, each in its own transaction.

    Foreign keys are off meanwhile (a migration may rebuild a table that others point at);
    ``foreign_key_check`` proves each migration left every reference whole."""
    db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _apply(db, current)
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


def _apply(db: SQLiteBackend, current: int) -> None:
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        with transaction(db):
            migration.apply(db.conn)
            db.conn.execute(f"PRAGMA user_version = {migration.version}")
        # foreign keys are checked at commit (deferred); check the whole file once more
        bad = db.conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise ProjectError(f"migration {migration.version} ({migration.name}) left broken references in table {bad[0][0]}.")

