"""Setting up a lab's team database: a project file copied into PostgreSQL and back, and
the annotators' roles.

``create_from_file`` copies every table of a project file (the scheme's history, the edit
log, the time tracked, every id) into a new database, then reads both back and compares
them row by row; ``export_to_file`` does the same the other way.  ``add_annotator`` makes a
PostgreSQL role that logs in with its own password; the database's row-level security
(``annotator.store.lanes``) keeps that role to its own layer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.store import db as dbmod
from annotator.store import postgres
from annotator.store.backend import _redact


@dataclass
class CopyReport:
    """What a copy between a file and a team database moved: rows per table."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        tables = sum(1 for n in self.rows.values() if n)
        return (f"Copied {self.source} to {self.target}: {self.total} rows in {tables} tables, "
                "checked row by row.")


def _file_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _key(table: str) -> str:
    return "key" if table == "settings" else "id"


def _file_rows(conn: sqlite3.Connection, table: str, cols: list[str]) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in cols)
    return conn.execute(f'SELECT {names} FROM "{table}" ORDER BY "{_key(table)}"').fetchall()


def _pg_rows(raw: Any, table: str, cols: list[str]) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in cols)
    return [tuple(r) for r in raw.execute(f'SELECT {names} FROM "{table}" ORDER BY "{_key(table)}" COLLATE "C"'
                                          if table == "settings" else
                                          f'SELECT {names} FROM "{table}" ORDER BY "id"').fetchall()]


def _sequences(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())


def create_from_file(url: str, source: str | Path) -> CopyReport:
    """Create the team database ``url`` as an exact copy of the project file ``source``."""
    path = Path(source)
    # opened as a project first: an older file is backed up and upgraded, a damaged one refused
    file_db = dbmod.open_file(path)
    file_db.close()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=dbmod.BUSY_TIMEOUT)
    team = postgres.create_database(url)
    report = CopyReport(str(path), _redact(url))
    try:
        conn.execute("BEGIN")  # one consistent snapshot of the file
        with team.transaction():
            for table in _file_tables(conn):
                cols = _columns(conn, table)
                rows = _file_rows(conn, table, cols)
                names = ", ".join(f'"{c}"' for c in cols)
                with team.raw.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
                report.rows[table] = len(rows)
            for table, seq in _sequences(conn).items():
                called = "true" if seq > 0 else "false"  # false: the next id is 1
                team.raw.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest(%s, "
                                 f'(SELECT coalesce(max(id), 0) FROM "{table}"), 1), {called})', (seq,))
            team.conn.wrote = True
        _compare(conn, team.raw, report.source, report.target)
    except BaseException:
        team.close()
        if team.created_database:
            _drop_quietly(url)
        raise
    finally:
        conn.close()
    team.close()
    return report


def export_to_file(url: str, out: str | Path) -> CopyReport:
    """Write the whole team project ``url`` into a new project file ``out``, exactly."""
    path = Path(out)
    file_db = dbmod.create_file(path)  # refuses an existing file; the empty current schema
    team = postgres.open_database(url)
    report = CopyReport(_redact(url), str(path))
    conn = file_db.conn
    try:
        team.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot
        with dbmod.transaction(file_db):
            for table in _file_tables(conn):
                cols = _columns(conn, table)
                rows = _pg_rows(team.raw, table, cols)
                marks = ", ".join("?" * len(cols))
                names = ", ".join(f'"{c}"' for c in cols)
                conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
                report.rows[table] = len(rows)
            for table in _file_tables(conn):
                if "id" not in _columns(conn, table):
                    continue
                seq = team.raw.execute(f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                                       f'FROM "{table}_id_seq"').fetchone()[0]
                if seq:
                    conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
                    conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (table, seq))
        _compare(conn, team.raw, report.target, report.source)
        team.raw.execute("COMMIT")
    except BaseException:
        file_db.close()
        team.close()
        path.unlink(missing_ok=True)
        raise
    file_db.close()
    team.close()
    return report


def _compare(conn: sqlite3.Connection, raw: Any, file_name: str, db_name: str) -> None:
    """Raise unless every table holds the same rows in the file and in the database."""
    for table in _file_tables(conn):
        cols = _columns(conn, table)
        a = _file_rows(conn, table, cols)
        b = _pg_rows(raw, table, cols)
        if a != b:
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            raise ProjectError(f"the copy of {file_name} in {db_name} differs in table {table} "
                               f"(row {first + 1}: {len(a)} rows in the file, {len(b)} in the database); "
                               "nothing was kept.")


def _drop_quietly(url: str) -> None:
    import contextlib

    maintenance, name = postgres.split_url(url)
    with contextlib.suppress(Exception):
        admin = postgres._connect(maintenance)
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()
