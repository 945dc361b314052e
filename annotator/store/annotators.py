"""Who annotates (table ``annotators``): a part of ``Project`` that owns the name → id
cache.  Ids are never reused (format 3), and the cache is dropped whenever a transaction
rolls back or another connection writes, so an edit is never stored under a stale id."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.backend import SQLiteBackend
from annotator.store.settings import now

#: The annotator name of the adjudicated gold layer (``annotators.kind = 'gold'``).
GOLD = "gold"


class Annotators:
    """Annotator names and ids."""

    def __init__(self, db: SQLiteBackend, path: Path, current: str = "annotator") -> None:
        self.db = db
        self.path = path
        self.ids: dict[str, int] = {}
        self._current = ""
        self.current = current

    def forget(self) -> None:
        self.ids.clear()

    @property
    def current(self) -> str:
        """The name edits are stored under (``Project.annotator``)."""
        return self._current

    @current.setter
    def current(self, name: str) -> None:
        name = (name or "").strip()
        if not name:
            raise ProjectError("an annotator needs a name.")
        self._current = name

    def me(self, name: str | None = None, *, create: bool = True, kind: str = "human") -> int:
        """Return the id of ``name`` (default: the current annotator), adding it if new."""
        return self.id(name or self.current, create=create, kind=kind)

    def me_or_none(self, name: str | None = None) -> int | None:
        """Return the id of ``name`` (default: the current annotator), or None (never adds)."""
        return self.id_or_none(name or self.current)

    def name(self, aid: int) -> str:
        """Return the name of annotator ``aid``."""
        return str(self.db.conn.execute("SELECT name FROM annotators WHERE id = ?", (aid,)).fetchone()[0])

    def id(self, name: str, *, create: bool = True, kind: str = "human") -> int:
        """Return the id of ``name``, adding the annotator if new (and ``create``)."""
        cached = self.ids.get(name)
        if cached is not None:
            return cached
        row = self.db.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise ProjectError(f"{self.path.name} has no annotator called {name!r}.")
            if name == GOLD:
                kind = "gold"
            with self.db.transaction():  # another program may add the same name first
                self.db.conn.execute("INSERT INTO annotators(name, kind, created_at) VALUES (?, ?, ?) "
                                     "ON CONFLICT (name) DO NOTHING", (name, kind, now()))
                row = self.db.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        self.ids[name] = row[0]
        return int(row[0])

    def id_or_none(self, name: str) -> int | None:
        """Return the id of ``name``, or None if there is no such annotator (never adds)."""
        cached = self.ids.get(name)
        if cached is not None:
            return cached
        row = self.db.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        return None if row is None else int(row[0])

    def names(self) -> list[str]:
        """Everyone who annotates (the suggestion layer's owner is no one's name)."""
        return [r[0] for r in self.db.conn.execute("SELECT name FROM annotators WHERE kind != 'suggestion' ORDER BY id")]
