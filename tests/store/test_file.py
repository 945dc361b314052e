"""The project file: creation, refusal of what is not ours or too new, migrations."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.store import db as dbmod
from annotator.store import schema
from annotator.store.project import Project
from tests.conftest import DATA


def test_new_file_has_schema_version_pragmas_and_documented_tables(tmp_path):
    path = tmp_path / "p.annotproj"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    doc = (DATA.parent.parent / "docs" / "project-file.md").read_text(encoding="utf-8")
    for table in tables:
        assert f"`{table}`" in doc, f"table {table} is not documented in docs/project-file.md"


def test_create_refuses_existing_file(tmp_path):
    path = tmp_path / "p.annotproj"
    path.write_text("something")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
    assert path.read_text() == "something"


def test_open_missing_file(tmp_path):
    with pytest.raises(ProjectError, match="does not exist; create a project with 'annotator init"):
        Project.open(tmp_path / "nope.annotproj")


def test_open_a_file_that_is_not_a_project(tmp_path):
    path = tmp_path / "notes.annotproj"
    path.write_bytes("ليس مشروعاً".encode() * 20)
    with pytest.raises(ProjectError, match="is not an annotator project"):
        Project.open(path)
    assert path.read_bytes() == "ليس مشروعاً".encode() * 20


def test_open_someone_elses_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="SQLite database, but not an annotator project"):
        Project.open(path)
    assert path.read_bytes() == before


def test_open_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "future.annotproj"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match=r"newer version of annotator \(project format \d+; this version reads formats up to \d+\)"):
        Project.open(path)
    assert path.read_bytes() == before


def test_first_version_file_opens_and_keeps_its_annotations(tmp_path):
    """A real format-1 file goes through every migration: backed up first, then upgraded
    with its data intact, the team tables added and every id made AUTOINCREMENT."""
    path = tmp_path / "old.annotproj"
    shutil.copy(DATA / "project-v1.annotproj", path)
    original = (DATA / "project-v1.annotproj").read_bytes()
    with Project.open(path, annotator="lina") as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 4
        docs = p.documents()
        assert [d.name for d in docs] == ["shaddadi_withdrawal", "second"]
        span = p.spans(docs[0].id)
        assert {s.surface for s in span} == {"الولايات المتحدة", "انسحابها"}
        assert p.events(docs[0].id)[0].arguments[0].role == "Mover"
        assert p.status(docs[1].id) == "done"
        assert p.validate() == []
        tables = {r[0] for r in p.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"assignments", "layer_origins"} <= tables
        assert p.assignments() == {}
        for name, sql in p.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'settings'"):
            assert "AUTOINCREMENT" in sql, name
        assert p.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert p.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # ids given before the upgrade are not given again after deleting the newest
        newest = max(s.id for s in span)
        p.delete_span(newest)
        assert p.add_span(docs[0].id, "PER", 0, 3) > newest
        # the new table works on the migrated file
        p.assign(["lina", "omar"], overlap=0.5, seed=3)
        given = [d for ids in p.assignments().values() for d in ids]
        assert len(given) == 3 and set(given) == {1, 2}  # both documents; one of them twice
    backup = tmp_path / "old.annotproj.v1.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 2
    assert "assignments" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert (DATA / "project-v1.annotproj").read_bytes() == original


def test_migration_2_gives_a_gold_annotator_the_gold_kind(tmp_path):
    path = tmp_path / "old.annotproj"
    shutil.copy(DATA / "project-v1.annotproj", path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO annotators(name, kind, created_at) VALUES ('gold', 'human', '2026-01-01')")
    conn.commit()
    conn.close()
    with Project.open(path, annotator="lina") as p:
        assert p.conn.execute("SELECT kind FROM annotators WHERE name = 'gold'").fetchone()[0] == "gold"


def test_migrations_are_ordered_and_run_from_any_version(tmp_path, monkeypatch):
    versions = [m.version for m in schema.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    # a later migration runs after a backup, in a transaction
    calls = []

    def add_column(conn):
        calls.append("ran")
        conn.execute("ALTER TABLE documents ADD COLUMN extra TEXT")

    extra = schema.Migration(schema.SCHEMA_VERSION + 1, "test column", add_column)
    path = tmp_path / "p.annotproj"
    Project.create(path).close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", extra.version)
    db = dbmod.open_file(path)
    assert calls == ["ran"]
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == extra.version
    assert "extra" in {c.name for c in db.utils["documents"].columns}  # sqlite-utils on the same connection
    db.close()
    assert (tmp_path / f"p.annotproj.v{schema.SCHEMA_VERSION}.bak").exists()


def test_a_failing_migration_leaves_the_file_unchanged(tmp_path, monkeypatch):
    def broken(conn):
        conn.execute("ALTER TABLE documents ADD COLUMN extra TEXT")
        raise sqlite3.OperationalError("boom")

    path = tmp_path / "p.annotproj"
    Project.create(path).close()
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*schema.MIGRATIONS, schema.Migration(schema.SCHEMA_VERSION + 1, "broken", broken)))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(ProjectError, match="upgrading .* failed"):
        dbmod.open_file(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert "extra" not in {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
