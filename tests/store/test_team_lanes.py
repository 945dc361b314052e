"""Each annotator in their own lane, enforced by PostgreSQL (issue 14): real roles log in
with their own passwords and try, with raw SQL, to change another's work or gold; the
database refuses.  Blind mode hides the other layers."""

from __future__ import annotations

import threading

import psycopg
import pytest

from annotator.core.errors import ProjectError
from annotator.store import lanes
from annotator.store.project import GOLD, Project

TEXT = "زار الرئيس السوري دمشق ثم بيروت"


@pytest.fixture
def lab(pg_cluster):
    """A team database: the lead's document, lina's and omar's spans, a gold span; roles
    lina and omar (annotators) and sara (a lead)."""
    name = pg_cluster.new_name("lane")
    admin_url = pg_cluster.url(name)
    with Project.create(admin_url, annotator="admin") as p:
        doc = p.add_documents([TEXT]).added[0]
    for who, lead in (("lina", False), ("omar", False), ("sara", True)):
        lanes.add_annotator(admin_url, who, f"pw-{who}", lead=lead)
    ids = {}
    with Project.open(admin_url) as p:
        for who, (s, e) in (("lina", (4, 10)), ("omar", (11, 17)), (GOLD, (18, 22))):
            ids[who] = p.add_span(doc, "PER" if who != GOLD else "GPE", s, e, annotator=who)
        p.set_status(doc, "in_progress", annotator="omar")

    class Lab:
        url = admin_url
        document = doc
        span = ids

        def user_url(self, who: str) -> str:
            return pg_cluster.url(name, who, f"pw-{who}")

        def raw(self, who: str) -> psycopg.Connection:
            return psycopg.connect(self.user_url(who), autocommit=True)

    return Lab()


def refused(conn: psycopg.Connection, sql: str, params: tuple = ()) -> bool:
    """True if PostgreSQL refused the statement, or it changed no row."""
    try:
        cur = conn.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return cur.rowcount == 0


def test_an_annotators_raw_sql_cannot_touch_another_layer_or_gold(lab):
    conn = lab.raw("lina")
    try:
        omar = conn.execute("SELECT id FROM annotators WHERE name = 'omar'").fetchone()[0]
        gold = conn.execute("SELECT id FROM annotators WHERE name = 'gold'").fetchone()[0]
        lina = conn.execute("SELECT id FROM annotators WHERE name = 'lina'").fetchone()[0]
        for victim in (omar, gold):
            assert refused(conn, "INSERT INTO spans(document_id, annotator_id, label, start, \"end\", surface, created_at) "
                                 "VALUES (%s, %s, 'ORG', 0, 3, 'زار', 'now')", (lab.document, victim))
        for who in ("omar", GOLD):
            sid = lab.span[who]
            assert refused(conn, "UPDATE spans SET label = 'ORG' WHERE id = %s", (sid,))
            assert refused(conn, "DELETE FROM spans WHERE id = %s", (sid,))
            assert refused(conn, "DELETE FROM fragments WHERE span_id = %s", (sid,))
            assert refused(conn, "UPDATE fragments SET start = 0 WHERE span_id = %s", (sid,))
            assert refused(conn, "INSERT INTO attributes(span_id, name, value) VALUES (%s, 'x', 'true')", (sid,))
        # nor move her own span into another's layer, nor set another's status
        assert refused(conn, "UPDATE spans SET annotator_id = %s WHERE id = %s", (omar, lab.span["lina"]))
        assert refused(conn, "UPDATE document_status SET status = 'done' WHERE annotator_id = %s", (omar,))
        assert refused(conn, "INSERT INTO document_status(document_id, annotator_id, status, updated_at) "
                             "VALUES (%s, %s, 'done', 'now') ON CONFLICT DO NOTHING", (lab.document, gold))
        # the lead's tables
        assert refused(conn, "INSERT INTO documents(name, text, sha256, length, added_at) VALUES ('x', 'x', 'x', 1, 'now')")
        assert refused(conn, "DELETE FROM documents")
        assert refused(conn, "INSERT INTO assignments(document_id, annotator_id, assigned_at) VALUES (%s, %s, 'now')",
                       (lab.document, lina))
        assert refused(conn, "UPDATE settings SET value = '\"x\"'")
        assert refused(conn, "DELETE FROM edit_log")
        assert refused(conn, "UPDATE annotators SET name = 'evil' WHERE id = %s", (omar,))
        assert refused(conn, "UPDATE annotator_meta SET value = 0 WHERE key = 'blind'")
        # her own layer she may change
        assert conn.execute("UPDATE spans SET label = 'ORG' WHERE id = %s", (lab.span["lina"],)).rowcount == 1
    finally:
        conn.close()
    with Project.open(lab.url) as p:  # everything else is as it was
        spans = {s.annotator: (s.label, s.fragments) for s in p.spans(lab.document, every_annotator=True)}
        assert spans == {"lina": ("ORG", [(4, 10)]), "omar": ("PER", [(11, 17)]), GOLD: ("GPE", [(18, 22)])}
        assert p.status(lab.document, "omar") == "in_progress"


def test_through_the_project_api_an_annotator_edits_only_their_own_layer(lab):
    with Project.open(lab.user_url("lina")) as p:
        assert p.annotator == "lina"  # who logged in is who annotates
        sid = p.add_span(lab.document, "GPE", 26, 31)
        p.set_status(lab.document, "done")
        assert p.undo() is not None and p.undo() is not None  # her own undo works
        p.redo()
        with pytest.raises(ProjectError, match="refused"):
            p.delete_span(lab.span["omar"])
        with pytest.raises(ProjectError, match="refused"):
            p.add_span(lab.document, "GPE", 26, 31, annotator=GOLD)
        with pytest.raises(ProjectError, match="refused"):
            p.add_documents(["نص جديد"])
        assert sid in {s.id for s in p.spans(lab.document)}
        assert [s.id for s in p.spans(lab.document, "omar")] == [lab.span["omar"]]  # not blind yet


def test_blind_mode_hides_the_others_layers_but_not_from_the_lead(lab, capsys):
    from tests.cli.test_cli import run

    code, out, err = run(capsys, "team", "blind", lab.url, "on")
    assert code == 0 and "only their own layers" in out, err
    conn = lab.raw("lina")
    try:
        owners = {r[0] for r in conn.execute("SELECT a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id")}
        assert owners == {"lina"}
        assert conn.execute("SELECT count(*) FROM fragments").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM document_status WHERE annotator_id <> "
                            "(SELECT id FROM annotators WHERE name = 'lina')").fetchone()[0] == 0
    finally:
        conn.close()
    with Project.open(lab.user_url("lina")) as p:
        assert p.spans(lab.document, "omar") == [] and p.spans(lab.document, GOLD) == []
    with Project.open(lab.user_url("sara")) as lead:  # the lead reads, adjudicates, writes gold
        assert len(lead.spans(lab.document, every_annotator=True)) == 3
        lead.accept_version(lab.document, "omar")
        assert {s.fragments[0] for s in lead.spans(lab.document, GOLD)} >= {(11, 17)}
    run(capsys, "team", "blind", lab.url, "off")
    with Project.open(lab.user_url("lina")) as p:
        assert [s.id for s in p.spans(lab.document, "omar")] == [lab.span["omar"]]


def test_a_lead_assigns_and_an_annotator_cannot(lab):
    with Project.open(lab.user_url("sara")) as lead:
        lead.assign(["lina", "omar"], overlap=1.0)
    with Project.open(lab.user_url("omar")) as p:
        with pytest.raises(ProjectError, match="refused"):
            p.assign(["omar"], overlap=0.0, reassign=True)
        assert p.assigned_documents("omar") == [lab.document] == p.assigned_documents("lina")


def test_a_wrong_password_is_refused_in_one_sentence(lab):
    with pytest.raises(ProjectError, match="cannot connect to") as info:
        Project.open(lab.user_url("lina").replace("pw-lina", "guess"))
    assert "guess" not in str(info.value)


def _edit_in_thread(p: Project, document: int, start: int, end: int) -> threading.Thread:
    """Add a span through ``p`` in another thread (started; joined by the caller)."""
    thread = threading.Thread(target=p.add_span, args=(document, "PER", start, end), daemon=True)
    thread.start()
    return thread


def test_annotators_in_different_lanes_write_at_once_and_one_lane_takes_turns(lab):
    """An annotator's open write transaction does not hold up another annotator's edit;
    it does hold up a second program of the same annotator, and a lead's write, until it
    commits (every edit stored, none lost)."""
    lina, omar = Project.open(lab.user_url("lina")), Project.open(lab.user_url("omar"))
    lina2, lead = Project.open(lab.user_url("lina")), Project.open(lab.user_url("sara"))
    try:
        with lina.db.transaction():
            lina.add_span(lab.document, "GPE", 26, 31)
            other_lane = _edit_in_thread(omar, lab.document, 0, 3)
            other_lane.join(timeout=10)
            assert not other_lane.is_alive(), "omar waited for lina's transaction"
            same_lane = _edit_in_thread(lina2, lab.document, 0, 3)
            by_lead = _edit_in_thread(lead, lab.document, 19, 22)
            same_lane.join(timeout=1.0)
            by_lead.join(timeout=0.2)
            assert same_lane.is_alive() and by_lead.is_alive()  # waiting for lina's commit
        same_lane.join(timeout=10)
        by_lead.join(timeout=10)
        assert not same_lane.is_alive() and not by_lead.is_alive()
        spans = {(s.annotator, s.fragments[0]) for s in lead.spans(lab.document, every_annotator=True)}
        assert {("lina", (26, 31)), ("omar", (0, 3)), ("lina", (0, 3)), ("sara", (19, 22))} <= spans
        # while a lead writes, annotators wait for it
        with lead.db.transaction():
            lead.add_span(lab.document, "GPE", 23, 25)
            waiting = _edit_in_thread(omar, lab.document, 4, 10)
            waiting.join(timeout=1.0)
            assert waiting.is_alive()
        waiting.join(timeout=10)
        assert not waiting.is_alive()
        assert lab.span["omar"] != 0 and len(omar.spans(lab.document)) == 3
    finally:
        for p in (lina, omar, lina2, lead):
            p.close()


def test_two_programs_adding_one_new_annotator_at_once_both_get_its_id(lab):
    """The first to add a name wins; the other, waiting on the name, is given the same id
    (not an error about a duplicate name)."""
    lina, omar = Project.open(lab.user_url("lina")), Project.open(lab.user_url("omar"))
    got: list[int] = []
    try:
        with lina.db.transaction():
            first = lina.annotator_id("suggestions", kind="suggestion")
            thread = threading.Thread(target=lambda: got.append(omar.annotator_id("suggestions", kind="suggestion")),
                                      daemon=True)
            thread.start()
            thread.join(timeout=0.5)
        thread.join(timeout=10)
        assert got == [first]
    finally:
        lina.close()
        omar.close()
