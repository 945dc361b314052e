"""A team database on PostgreSQL (issue 14): a project file copied in and out exactly, every
CLI verb on a URL, pack and merge against the database, other clients' edits seen by poll.

The cluster is a throwaway one the session starts (tests/pgcluster.py); without PostgreSQL
these tests are skipped with the reason."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.scheme import default_scheme
from annotator.store.project import GOLD, Project
from tests.cli.test_cli import run
from tests.teamwork import annotate, make_team


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a project file, sqlite_sequence included."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name != 'sqlite_stat1' ORDER BY name")]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        conn.close()


@pytest.fixture
def lab_file(tmp_path):
    """A lead's project after a round of team work: layers, gold, statuses with time,
    layer origins, a scheme with two versions, deleted rows (ids the sequence has passed)."""
    lead, lina, omar = make_team(tmp_path)
    with Project.open(lead, annotator="lead") as p:
        p.merge([lina, omar])
        doc = p.find_document(name="shared").id
        p.accept_agreed(doc)
        p.annotator = GOLD
        p.delete_span(p.add_span(doc, "ORG", 0, 3))
        p.annotator = "lead"
        p.add_time(doc, 42.25, annotator="lina")
        p.set_scheme(dataclasses.replace(default_scheme(), version=default_scheme().version + 1))
    return lead


def test_team_create_copies_every_table_exactly_and_export_gives_it_back(capsys, pg_cluster, lab_file, tmp_path):
    url = pg_cluster.url(pg_cluster.new_name("lab"))
    code, out, err = run(capsys, "team", "create", url, "--from", lab_file)
    assert code == 0, err
    assert "checked row by row" in out and "***" in out and "admin-secret" not in out
    back = tmp_path / "back.annotproj"
    code, out, err = run(capsys, "team", "export", url, "--out", back)
    assert code == 0, err
    before, after = tables(lab_file), tables(back)
    assert before.keys() == after.keys()
    for name in before:
        assert before[name] == after[name], name
    assert len(before["schemes"]) == 2 and before["sqlite_sequence"]
    # the same API gives the same answers on both
    with Project.open(lab_file, annotator="lead") as f, Project.open(url, annotator="lead") as t:
        fs, ts = f.stats(), t.stats()
        fs.pop("project"), ts.pop("project")
        assert fs == ts
        for doc in f.document_ids():
            for who in f.annotators():
                assert f.spans(doc, who) == t.spans(doc, who)
        assert f.scheme == t.scheme


def test_team_create_refuses_a_database_that_holds_a_project(capsys, pg_cluster, lab_file):
    url = pg_cluster.url(pg_cluster.new_name("lab"))
    assert run(capsys, "team", "create", url, "--from", lab_file)[0] == 0
    code, _, err = run(capsys, "team", "create", url, "--from", lab_file)
    assert code == 1 and "already holds an annotator project" in err and "Traceback" not in err


def test_ids_given_by_a_file_are_never_given_again_in_the_database(pg_cluster, tmp_path):
    path = tmp_path / "a.annotproj"
    with Project.create(path, annotator="lina") as p:
        doc = p.add_documents(["زار الرئيس دمشق ثم بيروت"]).added[0]
        last = [p.add_span(doc, "GPE", 11, 15) for _ in range(3)][-1]
        p.delete_span(last)  # the file's sequence is past every id still there
    url = pg_cluster.url(pg_cluster.new_name("lab"))
    from annotator.store import teamdb

    teamdb.create_from_file(url, path)
    with Project.open(url, annotator="lina") as t:
        assert t.add_span(doc, "GPE", 19, 24) == last + 1


def test_every_verb_takes_a_url(capsys, pg_cluster, tmp_path):
    url = pg_cluster.url(pg_cluster.new_name("lab"))
    code, out, err = run(capsys, "init", url, "--annotator", "lead")
    assert code == 0, err
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"الوثيقة {i}: زار الرئيس دمشق", encoding="utf-8")
    code, out, err = run(capsys, "import", url, folder)
    assert code == 0 and "6" in out, err
    code, out, err = run(capsys, "assign", url, "--annotators", "lina,omar", "--overlap", "0.5", "--seed", "1")
    assert code == 0 and "6 documents assigned" in out, err
    code, out, err = run(capsys, "stats", url, "--json")
    assert code == 0 and '"documents": 6' in out, err
    code, out, err = run(capsys, "export", url, "--format", "jsonl", "--out", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "manifest.json").exists()
    code, out, err = run(capsys, "validate", url)
    assert code == 0, err
    # the lab works offline: a package checked out of the database and merged back
    package = tmp_path / "lina.annotproj"
    code, out, err = run(capsys, "pack", url, "--annotator", "lina", "--out", package)
    assert code == 0 and "documents for lina" in out, err
    with Project.open(package) as p:
        doc = p.documents(limit=1)[0].id
        text = p.text(doc)
        p.add_span(doc, "GPE", text.index("دمشق"), text.index("دمشق") + 4)
    code, out, err = run(capsys, "merge", url, package)
    assert code == 0, err
    with Project.open(url, annotator="lead") as t:
        assert [s.surface for d in t.document_ids() for s in t.spans(d, "lina")] == ["دمشق"]
    code, out, err = run(capsys, "annotators", url)
    assert code == 0 and "lina" in out, err


def test_a_url_that_is_not_a_project_or_not_reachable_is_one_sentence(capsys, pg_cluster):
    empty = pg_cluster.new_name("empty")
    from annotator.store import postgres

    admin = postgres._connect(pg_cluster.url())
    admin.execute(f'CREATE DATABASE "{empty}"')
    admin.close()
    code, _, err = run(capsys, "stats", pg_cluster.url(empty))
    assert code == 1 and "holds no annotator project" in err and "admin-secret" not in err
    code, _, err = run(capsys, "stats", pg_cluster.url(empty, password="wrong"))
    assert code == 1 and "cannot connect to" in err and "wrong" not in err
    assert err.count("\n") == 1


@pytest.fixture
def team_project(pg_cluster):
    """A new team project, annotator 'lina' (for what only a team database does)."""
    p = Project.create(pg_cluster.url(pg_cluster.new_name()), annotator="lina")
    yield p
    p.close()


def test_poll_reports_another_clients_edit_and_undo_is_guarded_across_clients(team_project):
    project = team_project
    doc = project.add_documents(["قال الرئيس محمّد في دمشق"]).added[0]
    other = Project.open(project.path, annotator="omar")
    try:
        assert project.poll() is None
        sid = other.add_span(doc, "PER", 4, 10)
        changes = project.poll()
        assert changes is not None and changes.kind == "external" and changes.documents == {doc}
        assert project.poll() is None
        assert [s.id for s in project.spans(doc, "omar")] == [sid]
        # lina relabels omar's span; omar's undo of his add is then refused, nothing lost
        project.relabel_span(sid, "ORG")
        with pytest.raises(ProjectError, match="another program changed"):
            other.undo()
        assert project.span(sid).label == "ORG"
        assert other.poll() is not None
    finally:
        other.close()


def test_two_teams_in_one_cluster_do_not_see_each_others_commits(pg_cluster):
    a = Project.create(pg_cluster.url(pg_cluster.new_name("a")), annotator="lina")
    b = Project.create(pg_cluster.url(pg_cluster.new_name("b")), annotator="lina")
    try:
        b.poll()
        a.add_documents(["نص"])
        assert b.poll() is None
    finally:
        a.close()
        b.close()


def test_lab_file_packages_are_annotated_by_hand(tmp_path):
    """The fixture's packages are what tests/teamwork.py describes (a guard on the fixture)."""
    lead, lina, _omar = make_team(tmp_path)
    with Project.open(lina) as p:
        assert p.annotator == "lina" and p.count_documents() >= 1
    assert annotate  # the helper the fixture uses


def _cut(pg_cluster, project) -> None:
    """The server ends the project's session (a restart, a network cut)."""
    from annotator.store import postgres

    admin = postgres._connect(pg_cluster.url())
    try:
        admin.execute("SELECT pg_terminate_backend(%s)", (project.conn.raw.info.backend_pid,))
    finally:
        admin.close()


def test_a_connection_lost_between_edits_costs_the_next_edit_nothing(team_project, pg_cluster):
    project = team_project
    doc = project.add_documents(["قال الرئيس محمّد في دمشق"]).added[0]
    kept = project.add_span(doc, "PER", 4, 10)
    _cut(pg_cluster, project)
    again = project.add_span(doc, "GPE", 20, 24)  # connected again, and saved
    assert {s.id for s in project.spans(doc)} == {kept, again}
    project.undo()  # the step made after the new connection undoes; older ones are gone
    assert {s.id for s in project.spans(doc)} == {kept} and not project.can_undo


def test_a_connection_lost_inside_an_edit_is_one_sentence_and_nothing_half_done(team_project, pg_cluster):
    project = team_project
    doc = project.add_documents(["قال الرئيس محمّد في دمشق"]).added[0]
    kept = project.add_span(doc, "PER", 4, 10)
    with pytest.raises(ProjectError) as info, project.macro("Two spans"):
        project.add_span(doc, "GPE", 20, 24)
        _cut(pg_cluster, project)
        project.add_span(doc, "GPE", 11, 13)
    message = str(info.value)
    assert message.startswith("the connection to postgresql://") and "was lost" in message
    assert "admin-secret" not in message and message.endswith(".") and ". " not in message
    assert [s.id for s in project.spans(doc)] == [kept]  # the unacknowledged macro is not there
    assert project.add_span(doc, "GPE", 20, 24) > kept  # and the next edit works


def test_wait_returns_when_another_client_commits(team_project):
    import threading

    project = team_project

    doc = project.add_documents(["نص"]).added[0]
    project.poll()
    assert project.db.wait(0) is False  # its own commits are not news
    other = Project.open(project.path, annotator="omar")
    try:
        done = threading.Event()

        def edit() -> None:
            other.add_span(doc, "GPE", 0, 2)
            done.set()

        worker = threading.Thread(target=edit)
        worker.start()
        assert project.db.wait(30) is True
        worker.join()
        assert done.is_set() and project.poll() is not None
    finally:
        other.close()


CLIENT = """
import json, sys
sys.path.insert(0, sys.argv[4])
from annotator.store.project import Project
p = Project.open(sys.argv[1], annotator=sys.argv[2])
doc = int(sys.argv[3])
acked = [p.add_span(doc, "PER", i % 20, i % 20 + 3) for i in range(25)]
p.undo()  # its own last edit, undone while the others write
print(json.dumps(acked[:-1]))
p.close()
"""


def test_every_acknowledged_edit_of_three_processes_at_once_is_committed(pg_cluster):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    url = pg_cluster.url(pg_cluster.new_name("busy"))
    with Project.create(url, annotator="lead") as p:
        doc = p.add_documents(["قال الرئيس محمّد في دمشق إنّ الاتفاق تمّ مع الوفد الكردي"]).added[0]
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, url, who, str(doc), str(ROOT)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for who in ("lina", "omar", "sara")]
    acked = {}
    for who, proc in zip(("lina", "omar", "sara"), procs, strict=True):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
        acked[who] = json.loads(out)
    with Project.open(url, annotator="lead") as p:
        for who, ids in acked.items():
            assert sorted(s.id for s in p.spans(doc, who)) == sorted(ids)  # each one's, under their name
        assert len({i for ids in acked.values() for i in ids}) == 72  # no id given twice


def test_an_edit_cut_off_while_the_database_is_away_is_not_saved_and_saved_once_when_run_again(team_project, pg_cluster):
    from annotator.store.postgres import ConnectionLost

    project = team_project
    name = project.path.name
    doc = project.add_documents(["قال الرئيس محمّد في دمشق"]).added[0]
    kept = project.add_span(doc, "PER", 4, 10)
    pg_cluster.away(name)
    try:
        with pytest.raises(ConnectionLost) as info, project.macro("Two spans"):
            project.add_span(doc, "GPE", 20, 24)
        assert "was lost" in str(info.value) and "not saved" in str(info.value)
        assert info.value.xid is None  # it broke before the commit: surely not saved
        with pytest.raises(ConnectionLost) as info:  # still away: the same edit again is refused again
            project.add_span(doc, "GPE", 20, 24)
        message = str(info.value)
        assert "cannot be reached" in message and "not saved" in message and "admin-secret" not in message
        assert message.endswith(".") and ". " not in message
    finally:
        pg_cluster.back(name)
    again = project.add_span(doc, "GPE", 20, 24)  # run once more: saved, once
    assert [(s.id, s.label) for s in project.spans(doc)] == [(kept, "PER"), (again, "GPE")]
    with Project.open(project.path, annotator="omar") as other:  # and in the database, for everyone
        assert [(s.start, s.label) for s in other.spans(doc, annotator="lina")] == [(4, "PER"), (20, "GPE")]


def test_outcome_tells_a_committed_transaction_from_a_rolled_back_one(team_project, pg_cluster):
    project = team_project
    doc = project.add_documents(["نص"]).added[0]
    with project.db.transaction():
        project.conn.execute("UPDATE documents SET name = 'kept' WHERE id = ?", (doc,))
    committed = project.db._xid
    with pytest.raises(ProjectError), project.db.transaction():
        project.conn.execute("UPDATE documents SET name = 'gone' WHERE id = ?", (doc,))
        xid = project.conn.execute("SELECT txid_current()").fetchone()[0]
        raise ProjectError("refused")
    pg_cluster.cut(project.path.name)
    assert project.db.outcome(committed) is True and project.db.outcome(xid) is False
    pg_cluster.away(project.path.name)
    try:
        assert project.db.outcome(committed) is None  # the server cannot be asked: not known
    finally:
        pg_cluster.back(project.path.name)
