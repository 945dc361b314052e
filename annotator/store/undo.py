"""Undo and redo of annotation edits: typed before/after images, recorded by the database,
replayed only where nothing has changed since.

Temporary triggers (they live only in this connection) record, for every row an edit
inserts, changes or deletes in the annotation tables (foreign-key cascades included), the
row's image before and after, as JSON.  A step is the log entries of one edit; its
``Changes`` say which rows of which tables it added, changed and removed.

Undoing a step restores, for each row it touched, the row's image from before the step,
but only if the row is still exactly as the step left it: if another connection (the CLI,
a script, another window) has changed, deleted or re-created any of those rows since, the
undo is refused with one sentence and the history, now stale, is dropped.  An import or a
merge (bulk writes outside undo) is a barrier no step crosses, whichever connection made
it.  Ids are never reused (the tables are ``AUTOINCREMENT``), so a restored row can never
collide with another program's row of the same id.

Columns that undo must never touch are left out of the images: the time tracked on a
document (``document_status.seconds``) is added outside undo, and stays whatever undo does.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.store.changes import Changes
from annotator.store.schema import UNDOABLE_TABLES

#: Steps kept on the undo stack; older ones are forgotten.
MAX_STEPS = 1000
#: Columns kept out of the images: data that is not an edit and that undo must not reset.
UNTRACKED: dict[str, frozenset[str]] = {"document_status": frozenset({"seconds"})}
#: Edit-log actions no undo step may cross: bulk writes that are not undoable.
BARRIERS = ("import", "merge")


class StaleStep(Exception):
    """The rows a step would restore were changed by someone else since."""


@dataclass
class Step:
    """One undoable edit: a label for menus, the document it touched, its log range, and
    the edit-log entry that closed it (for barriers)."""

    label: str
    document_id: int | None
    first: int
    last: int
    changes: Changes = field(default_factory=Changes)
    log_id: int = 0

    @property
    def kinds(self) -> frozenset[str]:
        """The tables the step wrote."""
        return self.changes.tables


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    skip = UNTRACKED.get(table, frozenset())
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})") if row[1] not in skip]


def install(conn: sqlite3.Connection) -> None:
    """Create this connection's temporary undo log and triggers (a team database's
    connection has triggers of its own and only starts recording: ``install_undo``)."""
    team = getattr(conn, "install_undo", None)
    if team is not None:
        team()
        return
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, "
        "row INTEGER NOT NULL, before TEXT, after TEXT)"
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_ctl (active INTEGER NOT NULL)")
    if conn.execute("SELECT count(*) FROM temp.undo_ctl").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.undo_ctl VALUES (1)")
    for table in UNDOABLE_TABLES:
        cols = _columns(conn, table)
        when = "WHEN (SELECT active FROM temp.undo_ctl)"

        def image(ref: str, cols: list[str] = cols) -> str:
            return "json_object(" + ",".join(f"'{c}',{ref}.{c}" for c in cols) + ")"

        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
        for suffix in ("ins", "upd", "del"):
            conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_{suffix}")
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_ins AFTER INSERT ON main.{table} {when} BEGIN "
            f"INSERT INTO undo_log(tbl, row, before, after) VALUES ('{table}', NEW.id, NULL, {image('NEW')}); END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_upd AFTER UPDATE ON main.{table} "
            f"WHEN (SELECT active FROM temp.undo_ctl) AND ({changed}) BEGIN "
            f"INSERT INTO undo_log(tbl, row, before, after) VALUES ('{table}', OLD.id, {image('OLD')}, {image('NEW')}); END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_del BEFORE DELETE ON main.{table} {when} BEGIN "
            f"INSERT INTO undo_log(tbl, row, before, after) VALUES ('{table}', OLD.id, {image('OLD')}, NULL); END"
        )


def set_active(conn: sqlite3.Connection, active: bool) -> None:
    """Turn recording on or off (off for bulk imports and time tracking, which are not
    undoable)."""
    conn.execute("UPDATE temp.undo_ctl SET active = ?", (1 if active else 0,))


@contextlib.contextmanager
def paused(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block with recording off, then put recording back as it was (blocks nest:
    a status row made outside undo inside an import that is outside undo too)."""
    was = conn.execute("SELECT active FROM temp.undo_ctl").fetchone()[0]
    set_active(conn, False)
    try:
        yield
    finally:
        set_active(conn, bool(was))


def last_seq(conn: sqlite3.Connection) -> int:
    """Return the newest entry of the undo log (0 if empty)."""
    return conn.execute("SELECT coalesce(max(seq), 0) FROM temp.undo_log").fetchone()[0]


#: One row's net effect over a step: its image before the step and after it (None: absent).
Net = dict[tuple[str, int], tuple[dict[str, Any] | None, dict[str, Any] | None]]


class History:
    """The undo and redo stacks of one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        #: the step of the latest change: a new edit, or what an undo or redo did
        self.last: Step | None = None
        self._cols: dict[str, list[str]] = {}

    # -- recording ---------------------------------------------------------------------

    def record(self, label: str, document_id: int | None, first: int, *, log_id: int = 0,
               annotator_id: int | None = None) -> Step | None:
        """Close a step that began after log entry ``first``; forget the redo stack."""
        last = last_seq(self.conn)
        if last <= first:
            return None
        step = Step(label, document_id, first + 1, last, log_id=log_id)
        step.changes = self.changes(step, kind="edit", annotator_id=annotator_id)
        self.last = step
        self.undo_steps.append(step)
        self._drop(self.redo_steps)
        self.redo_steps.clear()
        if len(self.undo_steps) > MAX_STEPS:
            self._drop(self.undo_steps[:1])
            del self.undo_steps[0]
        return step

    def net(self, step: Step) -> Net:
        """Return each touched row's image before the step and after it."""
        raw: dict[tuple[str, int], tuple[str | None, str | None]] = {}
        rows = self.conn.execute("SELECT tbl, row, before, after FROM temp.undo_log WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                 (step.first, step.last))
        for tbl, row, before, after in rows:
            key = (tbl, row)
            raw[key] = (raw[key][0] if key in raw else before, after)
        net: Net = {}
        for key, (before, after) in raw.items():  # decoded once, and only where the text differs
            if before != after:
                images = _load(before), _load(after)
                if images[0] != images[1]:
                    net[key] = images
        return net

    def changes(self, step: Step, *, kind: str, annotator_id: int | None = None) -> Changes:
        """Say what ``step`` did, from its images (never from parsing SQL)."""
        return Changes.from_rows(self.net(step), kind=kind, label=step.label, annotator_id=annotator_id)

    def _drop(self, steps: Iterable[Step]) -> None:
        for s in steps:
            self.conn.execute("DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (s.first, s.last))

    # -- replaying ---------------------------------------------------------------------

    def replay(self, step: Step, kind: str) -> Step:
        """Restore every row ``step`` touched to its image from before the step (inside the
        caller's transaction) and return the step that reverses the replay.

        Raises ``StaleStep`` (and changes nothing) if any of those rows is no longer as the
        step left it."""
        net = self.net(step)
        by_table: dict[str, list[int]] = {}
        for tbl, row in net:
            by_table.setdefault(tbl, []).append(row)
        for tbl, rows in by_table.items():  # a few statements however many rows
            current = self._current(tbl, rows)
            for row in rows:
                if current.get(row) != net[(tbl, row)][1]:
                    raise StaleStep(f"{_NAMES.get(tbl, tbl)} {row}")
        self.conn.execute("DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (step.first, step.last))
        start = last_seq(self.conn)
        # deletions first, then changes, then insertions: unique keys never clash midway;
        # within each, table by table (insertions parents first, in UNDOABLE_TABLES' order;
        # the foreign keys are checked at commit anyway), each table's rows in the log's
        # order: the rows of one statement are consecutive and go as one executemany
        tier = {t: i for i, t in enumerate(UNDOABLE_TABLES)}

        def place(item: tuple[tuple[str, int], tuple[Any, Any]]) -> tuple[int, int]:
            (tbl, _row), (before, after) = item
            phase = (before is not None) + (after is None)  # 0 delete, 1 change, 2 insert
            return phase, -tier.get(tbl, 0) if phase == 0 else tier.get(tbl, 0)

        order = sorted(net.items(), key=place)
        batch_sql: str = ""
        batch: list[list[Any]] = []
        for (tbl, row), (before, after) in order:
            if before is None:
                sql, args = f"DELETE FROM main.{tbl} WHERE id = ?", [row]
            elif after is None:
                cols = list(before)
                sql = f"INSERT INTO main.{tbl}({','.join(cols)}) VALUES ({','.join('?' * len(cols))})"
                args = [before[c] for c in cols]
            else:
                cols = [c for c in before if c != "id" and before[c] != after.get(c)]
                sql = f"UPDATE main.{tbl} SET {','.join(c + ' = ?' for c in cols)} WHERE id = ?"
                args = [*(before[c] for c in cols), row]
            if sql != batch_sql and batch:
                self.conn.executemany(batch_sql, batch)
                batch = []
            batch_sql = sql
            batch.append(args)
        if batch:
            self.conn.executemany(batch_sql, batch)
        end = last_seq(self.conn)
        reverse = Step(step.label, step.document_id, start + 1, end)
        reverse.changes = self.changes(reverse, kind=kind)
        self.last = reverse
        return reverse

    def _current(self, tbl: str, rows: list[int]) -> dict[int, dict[str, Any]]:
        """The present image of each of ``rows`` of ``tbl`` that still exists."""
        cols = self._cols.get(tbl)
        if cols is None:
            cols = self._cols[tbl] = _columns(self.conn, tbl)
        image = "json_object(" + ",".join(f"'{c}',{c}" for c in cols) + ")"
        found: dict[int, dict[str, Any]] = {}
        for i in range(0, len(rows), _CHUNK):
            chunk = rows[i:i + _CHUNK]
            for row, text in self.conn.execute(
                    f"SELECT id, {image} FROM main.{tbl} WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                found[row] = json.loads(text)
        return found

    def crosses_barrier(self, step: Step) -> bool:
        """True if an import or a merge (from any connection) came after ``step``."""
        marks = ",".join("?" * len(BARRIERS))
        return self.conn.execute(f"SELECT 1 FROM edit_log WHERE id > ? AND action IN ({marks}) LIMIT 1",
                                 (step.log_id, *BARRIERS)).fetchone() is not None

    def touched(self, step: Step, table: str) -> set[int]:
        """Return the ids of the ``table`` rows ``step`` inserted, changed or deleted."""
        return set(step.changes.ids(table))

    def clear(self) -> None:
        """Forget every step."""
        self.conn.execute("DELETE FROM temp.undo_log")
        self.undo_steps.clear()
        self.redo_steps.clear()
        self.last = None


#: Rows asked for in one statement (well under SQLite's limit of variables).
_CHUNK = 500

#: How a refusal names a row.
_NAMES = {
    "spans": "span", "fragments": "fragment of a span", "events": "event", "event_arguments": "argument",
    "relations": "relation", "stances": "stance", "stance_evidence": "evidence of a stance",
    "attributes": "attribute", "notes": "note", "document_labels": "document label",
    "document_status": "document status",
}


def _load(image: str | None) -> dict[str, Any] | None:
    return None if image is None else json.loads(image)
