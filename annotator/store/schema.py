"""The project file's tables, and the ordered migrations that build and upgrade them.

Each migration is a named function applied once, in order, inside one transaction; the
file's ``PRAGMA user_version`` records how many have run.  Released migrations are never
edited: a change to the schema is a new migration at the end of ``MIGRATIONS``.  The
tables are documented in ``docs/project-file.md``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

#: ``PRAGMA application_id`` of every annotator project file ("Anno").
APPLICATION_ID = 0x416E6E6F

_FK = "DEFERRABLE INITIALLY DEFERRED"

_V1 = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);
CREATE TABLE schemes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    source TEXT NOT NULL,                    -- the scheme's TOML, as loaded
    sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'human' CHECK (kind IN ('human', 'gold', 'import', 'model')),
    created_at TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,             -- of the UTF-8 text: the document's identity
    length INTEGER NOT NULL,                 -- in code points
    meta TEXT NOT NULL DEFAULT '{{}}',         -- JSON
    source TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);

CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    label TEXT NOT NULL,
    start INTEGER NOT NULL,                  -- envelope of the fragments, code points
    end INTEGER NOT NULL,
    surface TEXT NOT NULL,                   -- fragment surfaces joined by a space
    created_at TEXT NOT NULL,
    CHECK (0 <= start AND start < end)
);
CREATE INDEX spans_document ON spans(document_id, annotator_id, start);
CREATE INDEX spans_label ON spans(label);

CREATE TABLE fragments (
    id INTEGER PRIMARY KEY,
    span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK},
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    surface TEXT NOT NULL,                   -- text[start:end], checked on every export
    CHECK (0 <= start AND start < end),
    UNIQUE (span_id, seq)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    type TEXT NOT NULL,
    trigger_span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK},
    created_at TEXT NOT NULL
);
CREATE INDEX events_document ON events(document_id, annotator_id);
CREATE INDEX events_trigger ON events(trigger_span_id);

CREATE TABLE event_arguments (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE {_FK},
    role TEXT NOT NULL,
    span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK}
);
CREATE INDEX event_arguments_event ON event_arguments(event_id);
CREATE INDEX event_arguments_span ON event_arguments(span_id);

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    type TEXT NOT NULL,
    source_span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK},
    target_span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK},
    created_at TEXT NOT NULL
);
CREATE INDEX relations_document ON relations(document_id, annotator_id);
CREATE INDEX relations_source ON relations(source_span_id);
CREATE INDEX relations_target ON relations(target_span_id);

CREATE TABLE stances (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    label TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT 'document' CHECK (scope IN ('document', 'span')),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('fixed', 'span', 'text')),
    target_text TEXT,                        -- the fixed target's name, or free text
    target_span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE {_FK},
    holder_span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE {_FK},  -- NULL: the author
    created_at TEXT NOT NULL,
    CHECK ((target_kind = 'span') = (target_span_id IS NOT NULL))
);
CREATE INDEX stances_document ON stances(document_id, annotator_id);
CREATE INDEX stances_target ON stances(target_span_id);
CREATE INDEX stances_holder ON stances(holder_span_id);

CREATE TABLE stance_evidence (
    id INTEGER PRIMARY KEY,
    stance_id INTEGER NOT NULL REFERENCES stances(id) ON DELETE CASCADE {_FK},
    span_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE {_FK},
    UNIQUE (stance_id, span_id)
);
CREATE INDEX stance_evidence_span ON stance_evidence(span_id);

-- An attribute belongs to exactly one span, event, relation or stance.
CREATE TABLE attributes (
    id INTEGER PRIMARY KEY,
    span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE {_FK},
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE {_FK},
    relation_id INTEGER REFERENCES relations(id) ON DELETE CASCADE {_FK},
    stance_id INTEGER REFERENCES stances(id) ON DELETE CASCADE {_FK},
    name TEXT NOT NULL,
    value TEXT NOT NULL,                     -- JSON: true/false or a string
    CHECK ((span_id IS NOT NULL) + (event_id IS NOT NULL) + (relation_id IS NOT NULL) + (stance_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX attributes_target ON attributes(
    coalesce(span_id, 0), coalesce(event_id, 0), coalesce(relation_id, 0), coalesce(stance_id, 0), name);
CREATE INDEX attributes_span ON attributes(span_id);
CREATE INDEX attributes_event ON attributes(event_id);
CREATE INDEX attributes_relation ON attributes(relation_id);
CREATE INDEX attributes_stance ON attributes(stance_id);

-- A note (brat '#') or a normalisation (brat 'N': a reference into a knowledge base) on a
-- span, event or relation; with none of them set, a note on the whole document.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE {_FK},
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE {_FK},
    relation_id INTEGER REFERENCES relations(id) ON DELETE CASCADE {_FK},
    kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'normalization')),
    reference TEXT,                          -- for normalisations: "Wikipedia:534366"
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_document ON notes(document_id, annotator_id);
CREATE INDEX notes_span ON notes(span_id);
CREATE INDEX notes_event ON notes(event_id);
CREATE INDEX notes_relation ON notes(relation_id);

CREATE TABLE document_labels (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    label_set TEXT NOT NULL,
    label TEXT NOT NULL,
    UNIQUE (document_id, annotator_id, label_set, label)
);

CREATE TABLE document_status (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) {_FK},
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
    seconds REAL NOT NULL DEFAULT 0,         -- time spent annotating
    started_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (document_id, annotator_id)
);
CREATE INDEX document_status_status ON document_status(annotator_id, status);

CREATE TABLE edit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    annotator_id INTEGER REFERENCES annotators(id) {_FK},
    document_id INTEGER,                     -- no foreign key: the log outlives what it names
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{{}}'        -- JSON
);
CREATE INDEX edit_log_document ON edit_log(document_id);
"""


def _initial(conn: sqlite3.Connection) -> None:
    """Version 1: the first released schema."""
    for statement in _split_sql(_V1):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a script of simple statements (no triggers, no "--" in strings) into statements."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [chunk.strip() for chunk in code.split(";") if chunk.strip()]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


_V2 = f"""
-- Which annotator is to annotate which document (annotator assign).
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE {_FK},
    assigned_at TEXT NOT NULL,
    UNIQUE (document_id, annotator_id)
);
CREATE INDEX assignments_annotator ON assignments(annotator_id);

-- Where an annotator's layer on a document last came from (annotator pack / merge): the
-- package's id, how far that package's edit log had got, and the layer's fingerprint then.
CREATE TABLE layer_origins (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE {_FK},
    package TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (document_id, annotator_id)
);
"""


def _teams(conn: sqlite3.Connection) -> None:
    """Version 2: assignments and layer origins for team work; the gold layer's kind."""
    for statement in _split_sql(_V2):
        conn.execute(statement)
    conn.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")


def _never_reuse_ids(conn: sqlite3.Connection) -> None:
    """Version 3: every table's id is ``AUTOINCREMENT``, so an id is never given twice.

    SQLite otherwise reuses the largest id once its row is deleted; an undo in one program
    could then delete or overwrite another program's new span or annotator of the same id.
    SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt (SQLite's
    twelve-step procedure: foreign keys are off while migrations run, see ``db._migrate``).
    """
    conn.execute("PRAGMA legacy_alter_table = ON")  # rename without re-checking other tables
    try:
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
        for name, sql in tables:
            new_sql, n = _ID.subn("id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1)
            if n == 0:
                continue
            indexes = [r[0] for r in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (name,))]
            head = re.compile(rf"^CREATE TABLE \"?{name}\"?", re.I)
            conn.execute(head.sub(f"CREATE TABLE _new_{name}", new_sql, count=1))
            conn.execute(f"INSERT INTO _new_{name} SELECT * FROM {name}")
            conn.execute(f"DROP TABLE {name}")
            conn.execute(f"ALTER TABLE _new_{name} RENAME TO {name}")
            for index in indexes:
                conn.execute(index)
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")


_ID = re.compile(r"\bid INTEGER PRIMARY KEY\b(?! AUTOINCREMENT)", re.I)


_SUGGESTIONS = f"""
-- What the recommenders (annotator/suggest) propose for an annotator's layer: rewritten by
-- every run, never exported or counted; 'annotator_id' is the suggestion layer's owner
-- (kind 'suggestion'), 'for_annotator_id' the annotator whose work it is offered to.
CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE {_FK},
    for_annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE {_FK},
    kind TEXT NOT NULL CHECK (kind IN ('span', 'trigger', 'doc_label', 'stance')),
    label TEXT NOT NULL,
    label_set TEXT NOT NULL DEFAULT '',      -- a document label set, or a stance's target
    start INTEGER NOT NULL DEFAULT 0,        -- code points; 0, 0 for document-level items
    end INTEGER NOT NULL DEFAULT 0,
    surface TEXT NOT NULL DEFAULT '',
    recommender TEXT NOT NULL,
    confidence REAL NOT NULL,
    margin REAL,                             -- best minus second-best label probability
    created_at TEXT NOT NULL
);
CREATE INDEX suggestions_document ON suggestions(document_id, for_annotator_id);

-- A suggestion an annotator turned down: never suggested again, negative evidence.
CREATE TABLE suggestion_rejections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE {_FK},
    annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE {_FK},
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    label_set TEXT NOT NULL DEFAULT '',
    start INTEGER NOT NULL DEFAULT 0,
    end INTEGER NOT NULL DEFAULT 0,
    surface TEXT NOT NULL DEFAULT '',
    recommender TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX suggestion_rejections_document ON suggestion_rejections(document_id, annotator_id);

-- Where an accepted annotation came from: one row per span, document label or stance.
CREATE TABLE suggestion_provenance (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    span_id INTEGER REFERENCES spans(id) ON DELETE CASCADE {_FK},
    document_label_id INTEGER REFERENCES document_labels(id) ON DELETE CASCADE {_FK},
    stance_id INTEGER REFERENCES stances(id) ON DELETE CASCADE {_FK},
    recommender TEXT NOT NULL,
    confidence REAL NOT NULL,
    accepted_at TEXT NOT NULL,
    CHECK ((span_id IS NOT NULL) + (document_label_id IS NOT NULL) + (stance_id IS NOT NULL) = 1)
);
CREATE INDEX suggestion_provenance_span ON suggestion_provenance(span_id);
CREATE INDEX suggestion_provenance_label ON suggestion_provenance(document_label_id);
CREATE INDEX suggestion_provenance_stance ON suggestion_provenance(stance_id);
"""


def _suggestions(conn: sqlite3.Connection) -> None:
    """Version 4: the annotator kind 'suggestion' and the tables of annotator/suggest (ids
    AUTOINCREMENT, as every table's since version 3).

    SQLite cannot alter a CHECK constraint, and rebuilding ``annotators`` would break every
    foreign key inside this transaction; widening the CHECK (no existing row can violate
    it) is the documented ``writable_schema`` edit (https://www.sqlite.org/lang_altertable.html,
    "making other kinds of table schema changes").
    """
    old = "CHECK (kind IN ('human', 'gold', 'import', 'model'))"
    new = "CHECK (kind IN ('human', 'gold', 'import', 'model', 'suggestion'))"
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'annotators'").fetchone()[0]
    if new not in sql:
        if old not in sql:
            raise sqlite3.DatabaseError("the annotators table is not as expected")
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'annotators'",
                         (sql.replace(old, new),))
            conn.execute(f"PRAGMA schema_version = {version + 1}")
        finally:
            conn.execute("PRAGMA writable_schema = OFF")
    for statement in _split_sql(_SUGGESTIONS):
        conn.execute(statement)


#: Every migration, in order.  ``version`` is the ``user_version`` after it has run.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _initial),
    Migration(2, "assignments and layer origins", _teams),
    Migration(3, "ids are never reused", _never_reuse_ids),
    Migration(4, "suggestions", _suggestions),
)

#: The schema version this code writes.
SCHEMA_VERSION = MIGRATIONS[-1].version

#: Tables whose rows are annotation edits: undoable, and shown in the edit log.
UNDOABLE_TABLES = (
    "spans",
    "fragments",
    "events",
    "event_arguments",
    "relations",
    "stances",
    "stance_evidence",
    "attributes",
    "notes",
    "document_labels",
    "document_status",
    "suggestion_rejections",
    "suggestion_provenance",
)
