"""Several programs on one project file: nothing may corrupt it, and undo in one program
never destroys what another program did (issue: "A project file that stays whole").

Each failure these tests reproduce was seen on a real file; the ones that need two
processes are run with two.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from annotator.core.errors import ProjectError
from annotator.store.project import Project

TEXT = "قال الرئيس محمد في دمشق إن الاتفاق 🇸🇾 تمّ مع Reuters."

#: A program that keeps a project open the way the window does (a write connection and a
#: reader connection), labels, waits for the test to run the CLI, then labels more.
HOLDER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project
    path, doc = sys.argv[1], int(sys.argv[2])
    writer = Project.open(path, annotator="lina")
    reader = Project.open(path, annotator="lina")      # the window's reader thread
    for i in range(20):
        writer.add_span(doc, "PER", i, i + 1)
    reader.stats()
    print("ready", flush=True)
    sys.stdin.readline()                                # the CLI runs meanwhile
    for i in range(20, 40):
        writer.add_span(doc, "PER", i, i + 1)
        reader.spans(doc)
    reader.close()
    writer.close()
    print("closed", flush=True)
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([os.getcwd(), env.get("PYTHONPATH", "")])
    return env


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, env=_env(), timeout=120)


def _integrity(path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_the_cli_on_a_file_the_window_holds_open_never_corrupts_it(tmp_path):
    path = tmp_path / "shared.annotproj"
    with Project.create(path, annotator="lead") as p:
        doc = p.add_documents([TEXT * 3]).added[0]
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps({"text": f"نص جديد رقم {i}"}, ensure_ascii=False) + "\n" for i in range(30)), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(doc)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
    stats = _cli("stats", str(path), "--json")
    assert stats.returncode == 0, stats.stderr
    imported = _cli("import", str(path), str(more))
    assert imported.returncode == 0, imported.stderr
    out, err = holder.communicate("go\n", timeout=120)
    assert holder.returncode == 0, err
    assert "closed" in out
    assert _integrity(path) == "ok"
    with Project.open(path) as p:
        assert p.stats()["documents"] == 31
        assert len(p.spans(doc, "lina")) == 40


def test_checking_a_file_never_opens_it_outside_sqlite(tmp_path, monkeypatch):
    """Closing any descriptor of the file drops every POSIX lock the process holds on it."""
    import builtins
    import io
    import pathlib

    path = tmp_path / "p.annotproj"
    Project.create(path).close()
    opened: list[str] = []
    real_open, real_path_open = builtins.open, pathlib.Path.open

    def spy(file, *a, **k):
        opened.append(str(file))
        return real_open(file, *a, **k)

    def spy_path(self, *a, **k):
        opened.append(str(self))
        return real_path_open(self, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(pathlib.Path, "open", spy_path)
    with Project.open(path) as p:
        p.stats()
    assert [f for f in opened if f.startswith(str(path))] == []


# -- undo never destroys another program's work -------------------------------------------


@pytest.fixture
def two(tmp_path):
    """Two connections on one file, as the window and a script or the CLI have."""
    path = tmp_path / "two.annotproj"
    with Project.create(path, annotator="lina") as p:
        doc = p.add_documents([TEXT]).added[0]
    a = Project.open(path, annotator="lina")
    b = Project.open(path, annotator="omar")
    yield a, b, doc
    a.close()
    b.close()


def test_undo_refuses_to_overwrite_a_later_relabel_from_another_program(two):
    a, b, doc = two
    sid = a.add_span(doc, "PER", 4, 10)
    b.relabel_span(sid, "ORG")
    with pytest.raises(ProjectError, match="another program"):
        a.undo()
    assert a.span(sid).label == "ORG"
    assert not a.can_undo  # the stale history is dropped


def test_undo_never_deletes_a_span_that_reused_an_id(two):
    a, b, doc = two
    mine = a.add_span(doc, "PER", 4, 10, annotator="gold")
    b.delete_span(mine)                       # adjudication replaces the gold span ...
    theirs = b.add_span(doc, "GPE", 20, 24, annotator="gold")
    assert theirs != mine                     # ... and ids are never reused
    with pytest.raises(ProjectError):
        a.undo()
    assert [s.id for s in a.spans(doc, "gold")] == [theirs]


def test_undo_of_the_first_span_keeps_the_documents_time(two):
    a, _b, doc = two
    sid = a.add_span(doc, "PER", 4, 10)
    a.add_time(doc, 42.5)
    assert a.status(doc) == "in_progress"
    a.undo()
    assert a.status(doc) == "new"
    row = a.conn.execute("SELECT seconds FROM document_status d JOIN annotators n ON n.id = d.annotator_id "
                         "WHERE n.name = 'lina' AND document_id = ?", (doc,)).fetchone()
    assert row == (42.5,)
    a.redo()
    assert [s.id for s in a.spans(doc)] == [sid]


def test_a_rolled_back_macro_never_leaves_a_stale_annotator_id(two):
    a, b, doc = two
    a.annotator = "sara"
    with pytest.raises(RuntimeError), a.macro("two spans"):
        a.add_span(doc, "PER", 4, 10)         # creates annotator sara inside the macro
        raise RuntimeError("the macro fails")
    b.annotator_id("yusuf")                   # another program adds an annotator
    sid = a.add_span(doc, "PER", 4, 10)
    owner = a.conn.execute("SELECT n.name FROM spans s JOIN annotators n ON n.id = s.annotator_id WHERE s.id = ?",
                           (sid,)).fetchone()[0]
    assert owner == "sara"


def test_undo_never_crosses_another_programs_import(two):
    a, b, doc = two
    a.add_span(doc, "PER", 4, 10)
    b.add_documents(["نص آخر تماماً"])
    with pytest.raises(ProjectError, match="import"):
        a.undo()
    assert not a.can_undo
    assert len(a.spans(doc)) == 1


# -- what changed ---------------------------------------------------------------------------


def test_every_edit_undo_and_redo_says_what_it_changed(two):
    a, _b, doc = two
    seen = []
    a.listeners.append(seen.append)
    sid = a.add_span(doc, "PER", 4, 10)
    added = a.last_changes
    assert added.kind == "edit" and added.added["spans"] == {sid} and added.documents == {doc}
    assert added.touches("spans", "fragments") and not added.touches("events")
    a.relabel_span(sid, "ORG")
    assert a.last_changes.changed["spans"] == {sid}
    step = a.undo()
    assert step.changes.kind == "undo" and step.changes.changed["spans"] == {sid}
    a.undo()
    assert a.last_changes.removed["spans"] == {sid}
    a.redo()
    assert a.last_changes.kind == "redo" and a.last_changes.added["spans"] == {sid}
    assert [c.kind for c in seen] == ["edit", "edit", "undo", "undo", "redo"]


def test_poll_tells_of_another_connections_commit_once(two):
    a, b, doc = two
    assert a.poll() is None
    b.add_span(doc, "PER", 4, 10)
    a.add_span(doc, "ORG", 11, 16)         # an edit first: the notice still waits for poll()
    changes = a.poll()
    assert changes is not None and changes.kind == "external"
    assert a.poll() is None
    b.set_scheme(b.scheme)                 # a new scheme version is an edit of the project
    assert a.poll().label == "set_scheme"


# -- files that are not what they say ---------------------------------------------------------


def test_a_file_with_the_marker_but_no_tables_is_refused_in_one_sentence(tmp_path):
    from annotator.store import schema

    path = tmp_path / "marker.annotproj"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.execute("CREATE TABLE unrelated (a)")
    conn.commit()
    conn.close()
    r = _cli("stats", str(path))
    assert r.returncode == 1, r.stderr
    assert r.stderr.strip().splitlines() == [
        f"annotator: error: {path} is marked as an annotator project (format {schema.SCHEMA_VERSION}) but lacks the "
        "table 'settings': it is damaged or was not written by annotator."]


def test_importing_into_a_read_only_file_is_one_sentence_and_changes_nothing(tmp_path):
    import shutil

    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed: cannot make a file read-only for root")
    path = tmp_path / "ro.annotproj"
    Project.create(path).close()
    before = path.read_bytes()
    text = tmp_path / "a.txt"
    text.write_text("نص جديد", encoding="utf-8")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"this file system cannot make a file immutable: {made.stderr.strip()}")
    try:
        r = _cli("import", str(path), str(text))
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert r.returncode == 1, r.stderr
    assert "cannot be written" in r.stderr and "internal error" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_undo_never_deletes_gold_that_adjudication_wrote_since(two):
    """The window adds a gold span; ``annotator adjudicate --accept`` replaces gold with
    another annotator's version (its spans bulk-inserted); the window's undo must not touch
    the new gold."""
    a, b, doc = two
    b.add_span(doc, "GPE", 20, 24)                     # omar's version
    mine = a.add_span(doc, "PER", 4, 10, annotator="gold")
    b.accept_version(doc, "omar")                      # gold is now omar's version
    gold = [s.id for s in b.spans(doc, "gold")]
    assert len(gold) == 1 and gold[0] > mine           # a new id, never the freed one
    with pytest.raises(ProjectError, match="another program"):
        a.undo()
    assert [s.id for s in a.spans(doc, "gold")] == gold


def test_an_import_after_a_document_was_deleted_reports_the_ids_it_gave(project):
    first = project.add_documents(["الأول", "الثاني"]).added
    with project.macro("drop"):
        project.conn.execute("DELETE FROM documents WHERE id = ?", (first[-1],))  # as a script might
    added = project.add_documents(["الثالث"]).added
    assert added[0] > first[-1]
    assert project.text(added[0]) == "الثالث"


def test_poll_names_the_documents_edited_and_ignores_commits_that_are_no_edits(two):
    a, b, doc = two
    other = b.add_documents(["وثيقة أخرى"]).added[0]
    assert a.poll().label == "import"
    b.add_time(doc, 5.0)                          # a commit, but no edit
    assert a.poll() is None
    b.add_span(other, "PER", 0, 5)
    changes = a.poll()
    assert changes.documents == {other} and changes.label == "add_span"
    a.add_span(doc, "ORG", 4, 10)                 # its own edits are never reported back
    assert a.poll() is None
