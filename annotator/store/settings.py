"""The project's settings (table ``settings``) and its annotation scheme (table ``schemes``,
every version kept): a part of ``Project`` with the scheme cached."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.scheme import Scheme, parse_scheme
from annotator.store.backend import SQLiteBackend

#: Per-project settings and their defaults.
DEFAULT_SETTINGS: dict[str, Any] = {
    "snap": "word",              # character, grapheme, word or clitic
    "clitics": "attached",       # attached: spans and tokens keep proclitics (as ANERcorp,
                                 # AQMAR, Wojood); split: proclitics stay outside spans
    "guidelines": "",            # Markdown shown beside the text
    "text_direction": "auto",    # auto (from the text), rtl or ltr
}


def now() -> str:
    """Return the current UTC time as an ISO 8601 string."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Settings:
    """Reads and writes settings; holds the current scheme once read."""

    def __init__(self, db: SQLiteBackend, path: Path) -> None:
        self.db = db
        self.path = path
        self._scheme: Scheme | None = None
        self._parsed: tuple[tuple[Any, ...], Scheme] | None = None  # (schemes row id and sha256, what it parses to)

    def forget(self) -> None:
        self._scheme = None

    # -- settings ----------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return DEFAULT_SETTINGS.get(key, default)
        return json.loads(row[0])

    def check(self, key: str, value: Any) -> None:
        """Raise ``ProjectError`` if ``value`` is not allowed for ``key``."""
        if key == "snap":
            from annotator.core.text import SNAP_MODES

            if value not in SNAP_MODES:
                raise ProjectError(f"snap must be one of {', '.join(SNAP_MODES)}, not {value!r}.")
        if key == "clitics" and value not in ("attached", "split"):
            raise ProjectError(f"clitics must be 'attached' or 'split', not {value!r}.")

    def put(self, key: str, value: Any) -> None:
        """Write ``key`` (inside the caller's transaction)."""
        self.db.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    # -- the scheme --------------------------------------------------------------------

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            row = self.db.conn.execute("SELECT id, sha256 FROM schemes ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                raise ProjectError(f"{self.path} has no annotation scheme.")
            if self._parsed is not None and self._parsed[0] == tuple(row):
                self._scheme = self._parsed[1]  # the same version: not parsed again (another connection's
                return self._scheme             # commit, suggestions being written, dropped the cache)
            (source,) = self.db.conn.execute("SELECT source FROM schemes WHERE id = ?", (row[0],)).fetchone()
            self._scheme = parse_scheme(source, origin=f"the scheme stored in {self.path.name}")
            self._parsed = (tuple(row), self._scheme)
        return self._scheme

    def store_scheme(self, scheme: Scheme) -> None:
        """Add ``scheme`` as the newest version (inside the caller's transaction)."""
        self.db.conn.execute(
            "INSERT INTO schemes(name, version, source, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
            (scheme.name, scheme.version, scheme.source, scheme.sha256, now()),
        )
        self._scheme = scheme
