"""A team database: the project's tables in PostgreSQL, reached through the same seam.

``Project.open("postgresql://lina@host/lab")`` gives the same API as on a project file.
The parts of the store keep writing SQLite SQL through ``db.conn``; here ``PgConnection``
speaks to them as ``sqlite3.Connection`` does (``execute``, ``executemany``, cursors with
``lastrowid`` and ``rowcount``, ``in_transaction``, sqlite3's exception classes), and
translates each statement once (``annotator.store.sqlpg``).

A write transaction takes an advisory lock first (``annotator.store.lanes``: an annotator
their own lane's, a lead the database's), so the writers of one lane take turns as on a
file (``BEGIN IMMEDIATE``) while annotators in different lanes write at once; reads never
wait.  Each commit that wrote counts itself in
``annotator_meta`` and sends a ``NOTIFY``, which is how other clients learn of it
(``data_version``, as SQLite's ``PRAGMA data_version``).  An edit costs few round trips:
BEGIN is sent with the lock and reads the commit count, the transaction's id and the undo
log's end; the count, the NOTIFY and COMMIT go as one batch.  If the answer to that batch
is lost, ``outcome`` asks the server whether the transaction committed (``ConnectionLost``:
the change was not saved, and may be run again).  Undo records row images through
triggers that write into the session's own temporary ``undo_log``, only in a session that
asked for them, so undo is guarded exactly as on a file (``annotator.store.undo``).

psycopg (``pip install 'annotator[team]'``) is imported only when a URL is opened.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PosixPath
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

from annotator.core.errors import ProjectError
from annotator.store import sqlpg
from annotator.store.backend import _redact
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, UNDOABLE_TABLES

_T = TypeVar("_T")

#: The key of the database's advisory write lock (an annotator takes it shared, and their
#: lane's, keyed by it and their role's name, whole; a lead takes it whole).
WRITE_LOCK = 0x416E6E6F
#: The channel a commit notifies.
CHANNEL = "annotator_changes"
#: ``annotator.store.undo.last_seq``'s statement, answered from ``PgConnection.known_seq``
LAST_SEQ = "select coalesce(max(seq), 0) from temp.undo_log"
#: ``History.net``'s statement, answered from ``PgConnection.recent_images`` for the step
#: just committed (its images came back with the COMMIT)
NET_IMAGES = "select tbl, row, before, after from temp.undo_log where seq between ? and ? order by seq"


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ProjectError("opening a team database needs psycopg; install it with "
                           "pip install 'annotator[team]'.") from None
    return psycopg


class DatabasePath(PosixPath):
    """Where a team project lives, shaped as the ``Path`` the parts expect: ``name`` is the
    database's name, ``str()`` the URL without its password, and it is no file."""

    url: str = ""

    def __new__(cls, url: str) -> DatabasePath:
        name = urlsplit(url).path.lstrip("/") or "postgres"
        self = super().__new__(cls, name)
        self.url = url
        return self

    def __str__(self) -> str:
        return _redact(self.url)

    def __repr__(self) -> str:
        return f"DatabasePath({_redact(self.url)!r})"

    def __fspath__(self) -> str:
        raise TypeError(f"{_redact(self.url)} is a team database, not a file")

    def exists(self, *args: Any, **kwargs: Any) -> bool:
        return False


# -- the connection the parts see ------------------------------------------------------


class PgCursor:
    """The result of one statement, as an ``sqlite3.Cursor`` gives it."""

    def __init__(self, rows: list[tuple[Any, ...]] | None, rowcount: int = -1, lastrowid: int | None = None,
                 description: Any = None) -> None:
        self._rows = rows or []
        self._pos = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid
        self.description = description

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._pos >= len(self._rows):
            return None
        row = self._rows[self._pos]
        self._pos += 1
        return row

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows = self._rows[self._pos:]
        self._pos = len(self._rows)
        return rows

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        rows = self._rows[self._pos:self._pos + size]
        self._pos += len(rows)
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while (row := self.fetchone()) is not None:
            yield row

    def close(self) -> None:
        pass


def _map_error(exc: Exception, sql: str) -> Exception:
    """The sqlite3 exception the parts catch for this psycopg error."""
    psycopg = _psycopg()
    errors = psycopg.errors
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, errors.InsufficientPrivilege):
        return ProjectError(f"the team database refused the change: {text}; nothing was changed.")
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, psycopg.OperationalError):
        return ConnectionLost(text)
    if isinstance(exc, psycopg.ProgrammingError | psycopg.DataError):
        return sqlite3.OperationalError(f"{text} (in: {sql[:200]})")
    return sqlite3.DatabaseError(text)


class ConnectionLost(ProjectError):
    """The connection to the team database broke: the change being saved was not committed
    (the server rolled its transaction back), so running it again saves it once.

    ``xid`` is set when the connection broke during the commit itself and the server could
    not be asked since whether that transaction committed: ask ``outcome(xid)`` before
    running the change again."""

    xid: int | None = None


class PgConnection:
    """A psycopg connection that the store's parts use as an ``sqlite3.Connection``."""

    def __init__(self, raw: Any, backend: PostgreSQLBackend) -> None:
        self.raw = raw
        self.backend = backend
        self.wrote = False  # the open transaction wrote to the shared tables
        self.undo_installed = False
        #: the undo log's newest entry, read with BEGIN or COMMIT, until this session writes
        #: again (the log is the session's own temporary table: nobody else changes it)
        self.known_seq: int | None = None
        #: (first, last, rows): the undo images of the transaction just committed
        self.recent_images: tuple[int, int, list[tuple[Any, ...]]] | None = None

    @property
    def in_transaction(self) -> bool:
        psycopg = _psycopg()
        return bool(self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    # -- running statements ------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = ()) -> PgCursor:
        self.backend.ensure_connected()
        special = self._special(sql)
        if special is not None:
            return special
        if self.recent_images is not None and params and tuple(params) == self.recent_images[:2] \
                and " ".join(sql.split()).lower() == NET_IMAGES:
            return PgCursor(list(self.recent_images[2]))  # the step just committed: known
        stmt = sqlpg.translate(sql)
        if stmt.write and not self.in_transaction:
            with self.backend.transaction():
                return self._run(stmt, params)
        return self._run(stmt, params)

    def _run(self, stmt: sqlpg.Statement, params: Sequence[Any] | dict[str, Any] | None) -> PgCursor:
        if stmt.write:
            self.wrote = True
            self.known_seq = None
        if not self.in_transaction:  # a read on its own: asked again on a new connection if lost
            return self.backend.retrying(lambda: self._run_once(stmt, params))
        return self._run_once(stmt, params)

    def _run_once(self, stmt: sqlpg.Statement, params: Sequence[Any] | dict[str, Any] | None) -> PgCursor:
        try:
            cur = self.raw.cursor()
            if params:
                cur.execute(stmt.sql, list(params) if not isinstance(params, dict) else params)
            else:
                cur.execute(stmt.plain)
            rows = cur.fetchall() if cur.description is not None else None
            lastrowid = rows[0][0] if stmt.returning and rows else None
            result = PgCursor(None if stmt.returning else rows, cur.rowcount, lastrowid, cur.description)
            if stmt.explicit_id and stmt.table:
                self._follow_sequence(stmt.table)
            return result
        except _psycopg().Error as exc:
            raise self.backend.failed(exc, stmt.plain) from None

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        self.backend.ensure_connected()
        stmt = sqlpg.translate(sql)
        rows = [list(r) for r in seq]
        if stmt.write and not self.in_transaction:
            with self.backend.transaction():
                return self._many(stmt, rows)
        return self._many(stmt, rows)

    def _many(self, stmt: sqlpg.Statement, rows: list[list[Any]]) -> PgCursor:
        if stmt.write:
            self.wrote = True
            self.known_seq = None
        if not rows:
            return PgCursor(None, 0)
        sql = stmt.sql
        if stmt.returning:
            sql = sql[: -len(' RETURNING "id"')]
        try:
            cur = self.raw.cursor()
            if len(rows) == 1:
                cur.execute(sql, rows[0])  # one row (a span's one fragment): no pipeline to open and sync
            else:
                cur.executemany(sql, rows)
            if stmt.explicit_id and stmt.table:
                self._follow_sequence(stmt.table)
            return PgCursor(None, cur.rowcount)
        except _psycopg().Error as exc:
            raise self.backend.failed(exc, stmt.plain) from None

    def _follow_sequence(self, table: str) -> None:
        """After rows were given their ids, move the id sequence past them (ids are never
        given twice, as with SQLite's AUTOINCREMENT)."""
        self.raw.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), m) FROM (SELECT max(id) AS m FROM \"{table}\") x "
            f"WHERE m > (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM \"{table}_id_seq\")")

    def _special(self, sql: str) -> PgCursor | None:
        """PRAGMAs and transaction statements, answered as SQLite would."""
        head = sql.lstrip()[:12].upper()
        if self.known_seq is not None and " ".join(sql.split()).lower() == LAST_SEQ:
            return PgCursor([(self.known_seq,)])  # undo.last_seq, known without asking
        if head.startswith("PRAGMA"):
            return self._pragma(sql.strip()[6:].strip().rstrip(";"))
        if head.startswith("BEGIN"):
            self.backend.begin()
            return PgCursor(None)
        if head.startswith("COMMIT"):
            self.backend.commit()
            return PgCursor(None)
        if head.startswith("ROLLBACK"):
            self.backend.rollback()
            return PgCursor(None)
        return None

    def _pragma(self, body: str) -> PgCursor:
        name = body.split("=", 1)[0].strip().lower()
        if name.startswith("main."):
            name = name[5:]
        if name == "data_version":
            return PgCursor([(self.backend.data_version(),)])
        if name in ("quick_check", "integrity_check"):
            return PgCursor([("ok",)])
        if name == "application_id":
            return PgCursor([(APPLICATION_ID,)])
        if name == "user_version":
            return PgCursor([(self.backend.schema_version(),)])
        if name == "journal_mode":
            return PgCursor([("wal",)])
        if name.startswith("table_info"):
            table = name.split("(", 1)[1].rstrip(")").strip("'\" ")
            return PgCursor(self.backend.table_info(table))
        return PgCursor([])  # foreign_keys, synchronous, optimize, foreign_key_check...

    # -- what sqlite3.Connection also has -----------------------------------------------

    def commit(self) -> None:
        if self.in_transaction:
            self.backend.commit()

    def rollback(self) -> None:
        if self.in_transaction:
            self.backend.rollback()

    def close(self) -> None:
        self.raw.close()

    def install_undo(self) -> None:
        """Start recording undo images in this session (``annotator.store.undo.install``)."""
        self.undo_installed = True
        self.raw.execute(
            'CREATE TEMP TABLE IF NOT EXISTS undo_log (seq BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, '
            '"row" BIGINT NOT NULL, before TEXT, after TEXT)')
        self.raw.execute("CREATE TEMP TABLE IF NOT EXISTS undo_ctl (active INTEGER NOT NULL)")
        if self.raw.execute("SELECT count(*) FROM pg_temp.undo_ctl").fetchone()[0] == 0:
            self.raw.execute("INSERT INTO pg_temp.undo_ctl VALUES (1)")
        self.raw.execute("SELECT set_config('annotator.undo', 'on', false)")


# -- the backend -------------------------------------------------------------------------


class PostgreSQLBackend:
    """A team project in a PostgreSQL database (see the module's docstring)."""

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        #: called after the connection was lost and made again (the undo history is gone)
        self.on_reconnect: list[Callable[[], None]] = []
        self._own: set[int] = set()  # commit numbers this connection made, not yet notified back
        self.location = _redact(url)
        self.path = DatabasePath(url)
        self.conn = PgConnection(raw, self)
        self.on_rollback: list[Callable[[], None]] = []
        self._seen: int | None = None  # the commit count as this connection last saw it
        self._foreign = 0  # how many times another connection's commits were seen
        #: ``create_database`` made the database itself (it did not exist before)
        self.created_database = False
        self._xid: int | None = None  # the transaction being committed (see ``outcome``)
        self._fresh: int | None = None  # the commit count, read by this transaction's BEGIN
        self._begin_seq: int | None = None  # the undo log's end when this transaction began
        self.has_meta = True  # annotator_meta is there (not yet while the database is made)
        #: the database has lanes' write locks (else every writer takes the whole lock)
        self.lane_lock = False
        self.images_lost = False  # see Backend.images_lost
        #: the role this connection logged in as (an annotator's name, in a lab)
        self.user: str = raw.info.user

    # the connection

    def ensure_connected(self) -> None:
        """Connect again after a lost connection (the first statement after it)."""
        if not self.raw.broken and not self.raw.closed:
            return
        try:
            raw = _connect(self.url)
        except ConnectionLost:
            raise
        except ProjectError as exc:
            reason = str(exc).rstrip(".").split(": ", 1)[-1]
            raise ConnectionLost(f"the team database {self.location} cannot be reached ({reason}); "
                                 "the change was not saved yet.") from None
        self.raw = self.conn.raw = raw
        self.conn.recent_images = None
        raw.execute(f"LISTEN {CHANNEL}")
        if self.conn.undo_installed:
            self.conn.install_undo()
        self._seen = None
        self._fresh = None
        self.conn.known_seq = None
        self._foreign += 1  # anything may have happened meanwhile
        for forget in (*self.on_rollback, *self.on_reconnect):
            forget()

    def failed(self, exc: Exception, sql: str) -> Exception:
        """The exception to raise for a failed statement: one sentence if the connection
        was lost (the open transaction is gone with it: nothing of it was saved)."""
        if self.raw.broken or self.raw.closed:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
            with contextlib.suppress(ProjectError):
                self.ensure_connected()  # at once if the server is there (else: next time)
            return ConnectionLost(f"the connection to {self.location} was lost ({first}); the last change was not "
                                  "saved, and annotator connects again for the next one.")
        return _map_error(exc, sql)

    def retrying(self, run: Callable[[], _T]) -> _T:
        """Run ``run`` (nothing of an open transaction: a read, or the start of a write);
        if the connection turns out to be lost, connect again and run it once more, so a
        server restart between two edits costs the next one nothing but the undo history."""
        try:
            return run()
        except ConnectionLost:
            if self.raw.broken or self.raw.closed:
                raise  # connecting again failed too (failed() tried): the server is away
            return run()

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for another client's commit; True if one came."""
        self.ensure_connected()
        foreign = self._drain(timeout)
        return foreign

    def _drain(self, timeout: float = 0.0) -> bool:
        """Read the notifications that have arrived; True if another client's is among them."""
        foreign = False
        try:
            for note in self.raw.notifies(timeout=timeout, stop_after=None if timeout == 0 else 1):
                n = int(note.payload) if note.payload.isdigit() else -1
                if n in self._own:
                    self._own.discard(n)
                else:
                    foreign = True
        except _psycopg().Error as exc:
            raise self.failed(exc, "LISTEN") from None
        return foreign

    def fileno(self) -> int:
        """The connection's socket: readable when a notification (another client's commit)
        has arrived, for an event loop to watch."""
        return int(self.raw.fileno())

    # transactions

    def _seq_sql(self) -> str:
        return "(SELECT coalesce(max(seq), 0) FROM pg_temp.undo_log)" if self.conn.undo_installed else "NULL"

    def begin(self) -> None:
        """One round trip: begin, take the write lock, and read what the edit needs first
        (the commit count, so ``data_version`` need not ask; the transaction's id, to ask
        about it if the answer to COMMIT is lost; the undo log's newest entry)."""
        counted = ("(SELECT value FROM annotator_meta WHERE key = 'commits')" if self.has_meta
                   else "NULL::bigint")  # a database being made: migration 1 makes the table
        lock = "annotator_write_lock()" if self.lane_lock else f"pg_advisory_xact_lock({WRITE_LOCK})"
        cur = self.raw.execute(f"BEGIN; SELECT {lock}; "
                               f"SELECT {counted}, txid_current(), {self._seq_sql()}")
        while cur.nextset():
            pass
        self._fresh, self._xid, self.conn.known_seq = cur.fetchone()
        self._begin_seq = self.conn.known_seq
        self.conn.wrote = False
        self.conn.recent_images = None
        self.images_lost = False

    def commit(self) -> None:
        """One round trip: count the commit, notify, read the undo log's newest entry and
        the transaction's undo images (which ``History.record`` asks for next), commit."""
        self._fresh = None
        if not self.conn.wrote:
            self._xid = None
            self.raw.execute("COMMIT")
            return
        self.conn.wrote = False
        first = self._begin_seq
        images = (f'SELECT tbl, "row", before, after FROM pg_temp.undo_log WHERE seq > {int(first)} ORDER BY seq; '
                  if self.conn.undo_installed and first is not None else "")
        cur = self.raw.execute(
            "WITH c AS (UPDATE annotator_meta SET value = value + 1 WHERE key = 'commits' RETURNING value) "
            f"SELECT value, pg_notify('{CHANNEL}', value::text), {self._seq_sql()} FROM c; {images}COMMIT")
        n, _, self.conn.known_seq = cur.fetchone()
        if images and first is not None:
            cur.nextset()
            self.conn.recent_images = (int(first) + 1, self.conn.known_seq, cur.fetchall())
        self._own.add(n)
        if self._seen is not None and n - 1 != self._seen:
            self._foreign += 1
        self._seen = n

    def rollback(self) -> None:
        self.conn.wrote = False
        self._fresh = None
        self.conn.known_seq = None
        with contextlib.suppress(Exception):
            self.raw.execute("ROLLBACK")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PostgreSQLBackend]:
        """Run the block in one write transaction (after the write lock), or join the open one."""
        if self.conn.in_transaction:
            yield self
            return
        psycopg = _psycopg()
        self.ensure_connected()

        def begin() -> None:
            try:
                self.begin()
            except psycopg.Error as exc:
                raise self.failed(exc, "BEGIN") from None

        self.retrying(begin)
        try:
            yield self
        except BaseException:
            self.rollback()
            for forget in self.on_rollback:
                forget()
            raise
        else:
            try:
                self.commit()
            except psycopg.Error as exc:
                xid, self._xid = self._xid, None
                lost = self.failed(exc, "COMMIT")
                if isinstance(lost, ConnectionLost) and xid is not None:
                    # the answer to COMMIT was lost, not necessarily the commit: ask the server
                    committed = self.outcome(xid)
                    if committed:
                        self.images_lost = True  # with the session: Edits reloads its documents
                        return  # it was saved: the edit is acknowledged after all
                    if committed is None:
                        lost.xid = xid
                self.rollback()
                for forget in self.on_rollback:
                    forget()
                raise lost from None

    def outcome(self, xid: int) -> bool | None:
        """Whether the transaction ``xid`` committed (True), was rolled back (False), or
        cannot be known now (None: the server is away, or it is still running)."""
        def ask() -> str | None:
            try:
                return self.raw.execute("SELECT txid_status(%s)", (xid,)).fetchone()[0]  # type: ignore[no-any-return]
            except _psycopg().Error as exc:
                raise self.failed(exc, "txid_status") from None

        try:
            self.ensure_connected()
            status = self.retrying(ask)
        except ProjectError:
            return None
        return {"committed": True, "aborted": False}.get(status or "")

    def data_version(self) -> int:
        """Changes whenever another connection has committed a write (as SQLite's pragma).

        Other clients' commits are announced by NOTIFY; the commit count is read as well,
        so a notification that has not arrived yet cannot hide a commit."""
        self.ensure_connected()
        n = self.retrying(self._read_commits)
        if n != self._seen:
            if self._seen is not None and n not in self._own:
                self._foreign += 1
            self._seen = n
        return self._foreign

    def _read_commits(self) -> int:
        try:
            if self._drain():
                self._foreign += 1
            if self._fresh is not None and self.conn.in_transaction:
                return self._fresh  # read with BEGIN, after the write lock: nobody committed since
            return int(self.raw.execute("SELECT value FROM annotator_meta WHERE key = 'commits'").fetchone()[0])
        except _psycopg().Error as exc:
            raise self.failed(exc, "data_version") from None

    def schema_version(self) -> int:
        row = self.raw.execute("SELECT value FROM annotator_meta WHERE key = 'user_version'").fetchone()
        return int(row[0]) if row else 0

    def table_info(self, table: str) -> list[tuple[Any, ...]]:
        """``PRAGMA table_info``'s rows (cid, name, type, notnull, default, pk)."""
        rows = self.raw.execute(
            "SELECT ordinal_position - 1, column_name, data_type, (is_nullable = 'NO')::int, column_default, "
            "(column_name = 'id')::int FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall()
        return [tuple(r) for r in rows]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


# -- connecting, creating, migrating ----------------------------------------------------


#: The URLs this process has connected with, by their shown form (password hidden): the
#: window's reader thread opens ``str(project.path)`` and gets the same connection, and no
#: password is ever written into a setting, a title or a message.
_KNOWN: dict[str, str] = {}


def _known(url: str) -> str:
    return _KNOWN.get(url, url)


def connect_url(shown: str) -> str:
    """The URL this process connected to ``shown`` (a URL with its password hidden) with,
    password included: for a child process of ours, handed over a private channel.  An
    unknown URL is returned as it is."""
    return _known(shown)


def _connect(url: str) -> Any:
    url = _known(url)
    psycopg = _psycopg()
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else "refused"
        raise ProjectError(f"cannot connect to {_redact(url)}: {first}.") from None
    _adapt(raw)
    _KNOWN[_redact(url)] = url
    return raw


def _adapt(raw: Any) -> None:
    """Make values come and go as with SQLite: JSON as text, integral sums as ints, bools
    as 0/1."""
    from psycopg.adapt import Dumper, Loader
    from psycopg.types.string import TextLoader

    class IntegralLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode()
            if "." in text or "e" in text.lower() or text in ("NaN", "Infinity", "-Infinity"):
                return float(text)
            return int(text)

    class BoolAsInt(Dumper):
        oid = raw.adapters.types["int8"].oid

        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"

    raw.adapters.register_loader("json", TextLoader)
    raw.adapters.register_loader("jsonb", TextLoader)
    raw.adapters.register_loader("numeric", IntegralLoader)
    raw.adapters.register_dumper(bool, BoolAsInt)


def _learn_schema() -> None:
    """Tell the translator which columns can hold NULL (from the migrations' own schema)."""
    if sqlpg.NULLABLE:
        return
    from annotator.store import db as dbmod
    from annotator.store.backend import SQLiteBackend

    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        backend = SQLiteBackend(mem, PosixPath(":memory:"))
        dbmod._migrate(backend, 0)
        cols = []
        for (table,) in mem.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            cols += [(r[1], r[3], r[5]) for r in mem.execute(f"PRAGMA table_info({table})")]
        sqlpg.learn_nullable(cols)
    finally:
        mem.close()


def split_url(url: str) -> tuple[str, str]:
    """Return (the URL of the server's maintenance database, the database's name)."""
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    return urlunsplit(parts._replace(path="/postgres")), name


def _is_project(raw: Any) -> bool:
    return bool(raw.execute("SELECT to_regclass('annotator_meta') IS NOT NULL").fetchone()[0])


def create_database(url: str) -> PostgreSQLBackend:
    """Create the project's tables in the database ``url`` names (created if missing)."""
    psycopg = _psycopg()
    _learn_schema()
    url = _known(url)
    maintenance, name = split_url(url)
    if not name:
        raise ProjectError(f"{_redact(url)} names no database; add its name, as in postgresql://host/lab.")
    created = False
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        if f'"{name}" does not exist' not in str(exc):
            first = str(exc).strip().splitlines()[-1]
            raise ProjectError(f"cannot connect to {_redact(url)}: {first}.") from None
        admin = _connect(maintenance)
        try:
            admin.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc2:
            raise ProjectError(f"cannot create the database {name!r} on {_redact(maintenance)}: "
                               f"{str(exc2).strip().splitlines()[0]}.") from None
        finally:
            admin.close()
        created = True
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    _adapt(raw)
    _KNOWN[_redact(url)] = url
    if _is_project(raw):
        raw.close()
        raise ProjectError(f"{_redact(url)} already holds an annotator project; open it, or choose another database.")
    backend = PostgreSQLBackend(raw, url)
    backend.created_database = created
    backend.has_meta = False
    raw.execute(f"LISTEN {CHANNEL}")
    try:
        migrate(backend, 0)
    except psycopg.Error as exc:
        backend.close()
        raise ProjectError(f"cannot create the project in {_redact(url)}: {str(exc).strip().splitlines()[0]}.") from None
    return backend


def open_database(url: str) -> PostgreSQLBackend:
    """Open the team project in the database ``url`` names, migrating an older one."""
    _learn_schema()
    url = _known(url)
    raw = _connect(url)
    if not _is_project(raw):
        raw.close()
        raise ProjectError(f"{_redact(url)} holds no annotator project; create one with "
                           f"'annotator team create {_redact(url)} --from FILE'.")
    backend = PostgreSQLBackend(raw, url)
    raw.execute(f"LISTEN {CHANNEL}")
    version = backend.schema_version()
    if version > SCHEMA_VERSION:
        backend.close()
        raise ProjectError(f"{_redact(url)} was written by a newer version of annotator (project format {version}; "
                           f"this version reads formats up to {SCHEMA_VERSION}); update annotator to open it.")
    if version < SCHEMA_VERSION:
        migrate(backend, version)
    backend.lane_lock = bool(raw.execute("SELECT to_regproc('annotator_write_lock') IS NOT NULL").fetchone()[0])
    return backend


# -- the schema ------------------------------------------------------------------------------


def _run_script(conn: PgConnection, script: str) -> None:
    from annotator.store.schema import _split_sql

    for statement in _split_sql(script):
        conn.raw.execute(sqlpg.ddl(statement))


def _pg_initial(conn: PgConnection) -> None:
    from annotator.store.schema import _V1

    conn.raw.execute("CREATE TABLE annotator_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)")
    conn.raw.execute("INSERT INTO annotator_meta VALUES ('application_id', %s), ('user_version', 0), ('commits', 0)",
                     (APPLICATION_ID,))
    _run_script(conn, _V1)


def _pg_teams(conn: PgConnection) -> None:
    from annotator.store.schema import _V2

    _run_script(conn, _V2)
    conn.raw.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")


def _pg_never_reuse_ids(conn: PgConnection) -> None:
    """Version 3 on PostgreSQL: nothing to do, ids come from sequences and are never reused."""


def _pg_suggestions(conn: PgConnection) -> None:
    from annotator.store.schema import _SUGGESTIONS

    conn.raw.execute("ALTER TABLE annotators DROP CONSTRAINT annotators_kind_check")
    conn.raw.execute("ALTER TABLE annotators ADD CONSTRAINT annotators_kind_check "
                     "CHECK (kind IN ('human', 'gold', 'import', 'model', 'suggestion'))")
    _run_script(conn, _SUGGESTIONS)


#: The numbered migrations of ``annotator.store.schema.MIGRATIONS``, as PostgreSQL runs them.
PG_MIGRATIONS: dict[int, Callable[[PgConnection], None]] = {
    1: _pg_initial,
    2: _pg_teams,
    3: _pg_never_reuse_ids,
    4: _pg_suggestions,
}

#: sqlite_master and sqlite_sequence as views, for the parts that read them
_COMPAT_VIEWS = """
CREATE OR REPLACE VIEW sqlite_master AS
  SELECT 'table'::text AS type, c.relname::text AS name, c.relname::text AS tbl_name,
    'CREATE TABLE ' || c.relname || ' (' || concat_ws(', ',
      (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
       FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
      (SELECT string_agg(pg_get_constraintdef(k.oid), ', ' ORDER BY k.conname) FROM pg_constraint k
       WHERE k.conrelid = c.oid)) || ')' AS sql
  FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
  UNION ALL
  SELECT 'index'::text, i.relname::text, t.relname::text, pg_get_indexdef(i.oid)
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
  WHERE t.relnamespace = current_schema()::regnamespace
"""

_UNDO_FUNCTION = """
CREATE OR REPLACE FUNCTION annotator_undo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b jsonb;
  a jsonb;
  r bigint;
  skip text[] := '{}';
BEGIN
  IF TG_NARGS > 0 THEN skip := TG_ARGV; END IF;
  IF current_setting('annotator.undo', true) IS DISTINCT FROM 'on' THEN RETURN NULL; END IF;
  IF (SELECT active FROM pg_temp.undo_ctl LIMIT 1) = 0 THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    a := to_jsonb(NEW) - skip; r := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    b := to_jsonb(OLD) - skip; r := OLD.id;
  ELSE
    b := to_jsonb(OLD) - skip; a := to_jsonb(NEW) - skip; r := OLD.id;
    IF a = b THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO pg_temp.undo_log(tbl, "row", before, after) VALUES (TG_TABLE_NAME, r, b::text, a::text);
  RETURN NULL;
END $$
"""


def _install_support(raw: Any) -> None:
    """The undo triggers, the compatibility views and the lanes (after every migration: a
    migration may add a table)."""
    from annotator.store import lanes
    from annotator.store.undo import UNTRACKED

    raw.execute(_COMPAT_VIEWS)
    seqs = [r[0] for r in raw.execute(
        "SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace "
        "AND c.relname LIKE '%\\_id\\_seq'").fetchall()]
    parts = [f"SELECT '{s[:-7]}'::text AS name, CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM \"{s}\""
             for s in seqs]
    raw.execute("CREATE OR REPLACE VIEW sqlite_sequence AS " + " UNION ALL ".join(parts))
    raw.execute(_UNDO_FUNCTION)
    for table in UNDOABLE_TABLES:
        if not raw.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]:
            continue  # made by a later migration
        skip = ", ".join(f"'{c}'" for c in sorted(UNTRACKED.get(table, ())))
        # named to fire before the foreign keys' cascades ("RI_ConstraintTrigger_..."), so a
        # parent row's image comes before its children's and an undo restores it first
        raw.execute(f'DROP TRIGGER IF EXISTS "Annotator_undo" ON "{table}"')
        raw.execute(f'CREATE TRIGGER "Annotator_undo" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                    f"FOR EACH ROW EXECUTE FUNCTION annotator_undo({skip})")
    lanes.install(raw)


def migrate(backend: PostgreSQLBackend, current: int) -> None:
    """Apply every migration after ``current``, each in its own transaction, as for files."""
    missing = [m.version for m in MIGRATIONS if m.version not in PG_MIGRATIONS]
    if missing:
        raise ProjectError(f"this version of annotator has no PostgreSQL form of migration {missing[0]}.")
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        with backend.transaction():
            PG_MIGRATIONS[migration.version](backend.conn)
            _install_support(backend.raw)
            backend.raw.execute("UPDATE annotator_meta SET value = %s WHERE key = 'user_version'",
                                (migration.version,))
            backend.conn.wrote = True
        backend.has_meta = True
