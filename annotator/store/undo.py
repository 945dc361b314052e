"""Undo and redo of annotation edits, recorded by the database itself.

Temporary triggers (they live only in this connection) write, for every row an edit
inserts, changes or deletes in the annotation tables, the SQL statement that reverses it;
foreign-key cascades are recorded the same way.  An undo step is the statements of one
edit; undoing runs them backwards in one transaction, and the triggers record what redoes
it.  This is the technique of https://www.sqlite.org/undoredo.html: every edit, present and
future, becomes undoable without a hand-written inverse, and a step restores rows with
their original ids, so later steps that name them stay valid.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from annotator.store.schema import UNDOABLE_TABLES

#: Steps kept on the undo stack; older ones are forgotten.
MAX_STEPS = 1000
#: The row id in a reversing statement: "... WHERE id=12" or "INSERT ... VALUES(12,...".
_ROW_ID = re.compile(r"WHERE id=(-?\d+)$|VALUES\((-?\d+),")


@dataclass
class Step:
    """One undoable edit: a label for menus, the document it touched, its log range."""

    label: str
    document_id: int | None
    first: int
    last: int
    kinds: frozenset[str] = field(default_factory=frozenset)


def install(conn: sqlite3.Connection) -> None:
    """Create this connection's temporary undo log and triggers."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, sql TEXT NOT NULL)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_ctl (active INTEGER NOT NULL)")
    if conn.execute("SELECT count(*) FROM temp.undo_ctl").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.undo_ctl VALUES (1)")
    for table in UNDOABLE_TABLES:
        cols = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
        others = [c for c in cols if c != "id"]
        when = "WHEN (SELECT active FROM temp.undo_ctl)"
        insert_cols = ",".join(cols)
        values = "||','||".join(f"quote(OLD.{c})" for c in cols)
        sets = "||','||".join(f"'{c}='||quote(OLD.{c})" for c in others)
        conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_ins")
        conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_upd")
        conn.execute(f"DROP TRIGGER IF EXISTS temp.undo_{table}_del")
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_ins AFTER INSERT ON main.{table} {when} BEGIN "
            f"INSERT INTO undo_log(tbl, sql) VALUES ('{table}', 'DELETE FROM main.{table} WHERE id='||NEW.id); END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_upd AFTER UPDATE ON main.{table} {when} BEGIN "
            f"INSERT INTO undo_log(tbl, sql) VALUES ('{table}', 'UPDATE main.{table} SET '||{sets}||' WHERE id='||OLD.id); END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER undo_{table}_del BEFORE DELETE ON main.{table} {when} BEGIN "
            f"INSERT INTO undo_log(tbl, sql) VALUES ('{table}', 'INSERT INTO main.{table}({insert_cols}) VALUES('||{values}||')'); END"
        )


def set_active(conn: sqlite3.Connection, active: bool) -> None:
    """Turn recording on or off (off for bulk imports, which are not undoable)."""
    conn.execute("UPDATE temp.undo_ctl SET active = ?", (1 if active else 0,))


def last_seq(conn: sqlite3.Connection) -> int:
    """Return the newest entry of the undo log (0 if empty)."""
    return conn.execute("SELECT coalesce(max(seq), 0) FROM temp.undo_log").fetchone()[0]


class History:
    """The undo and redo stacks of one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        #: the step of the latest change: a new edit, or what an undo or redo did
        self.last: Step | None = None

    def record(self, label: str, document_id: int | None, first: int) -> Step | None:
        """Close a step that began after log entry ``first``; forget the redo stack."""
        last = last_seq(self.conn)
        if last <= first:
            return None
        step = Step(label, document_id, first + 1, last, self._kinds(first + 1, last))
        self.last = step
        self.undo_steps.append(step)
        self._drop(self.redo_steps)
        self.redo_steps.clear()
        if len(self.undo_steps) > MAX_STEPS:
            self._drop(self.undo_steps[:1])
            del self.undo_steps[0]
        return step

    def _kinds(self, first: int, last: int) -> frozenset[str]:
        rows = self.conn.execute("SELECT DISTINCT tbl FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (first, last))
        return frozenset(r[0] for r in rows)

    def _drop(self, steps: list[Step]) -> None:
        for s in steps:
            self.conn.execute("DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (s.first, s.last))

    def replay(self, step: Step) -> Step:
        """Run ``step``'s statements backwards (inside the caller's transaction) and return
        the step that reverses the replay."""
        statements = self.conn.execute(
            "SELECT sql FROM temp.undo_log WHERE seq BETWEEN ? AND ? ORDER BY seq DESC", (step.first, step.last)
        ).fetchall()
        self.conn.execute("DELETE FROM temp.undo_log WHERE seq BETWEEN ? AND ?", (step.first, step.last))
        start = last_seq(self.conn)
        for (sql,) in statements:
            self.conn.execute(sql)
        end = last_seq(self.conn)
        self.last = Step(step.label, step.document_id, start + 1, end, self._kinds(start + 1, end))
        return self.last

    def touched(self, step: Step, table: str) -> set[int]:
        """Return the ids of the ``table`` rows ``step`` inserted, changed or deleted (read
        from the statements that reverse it)."""
        ids: set[int] = set()
        for (sql,) in self.conn.execute("SELECT sql FROM temp.undo_log WHERE tbl = ? AND seq BETWEEN ? AND ?",
                                        (table, step.first, step.last)):
            m = _ROW_ID.search(sql)
            if m:
                ids.add(int(m.group(1) or m.group(2)))
        return ids

    def clear(self) -> None:
        """Forget every step."""
        self.conn.execute("DELETE FROM temp.undo_log")
        self.undo_steps.clear()
        self.redo_steps.clear()
        self.last = None
