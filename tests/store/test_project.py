"""The Project API on a real SQLite file: spans, undo/redo, status, paging, stats."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.store.project import Project

NASTY = "٣ قالَ 😀 الرئيسُ ـــ «Trump» في Washington: 2024\nسطر 👍🏽 ثانٍ"


def test_create_open_close_reopen_keeps_everything(tmp_path, news_text):
    path = tmp_path / "p.annotproj"
    with Project.create(path, annotator="lina") as p:
        doc = p.add_documents([{"text": news_text, "name": "news"}]).added[0]
        i = news_text.index("الولايات المتحدة")
        sid = p.add_span(doc, "GPE", i, i + len("الولايات المتحدة"))
        p.set_status(doc, "done")
        p.guidelines = "# دليل\nعلّم الكيانات."
    with Project.open(path, annotator="lina") as p:
        span = p.span(sid)
        assert (span.label, span.fragments, span.surface) == ("GPE", [(i, i + 16)], "الولايات المتحدة")
        assert p.status(doc) == "done"
        assert p.guidelines.startswith("# دليل")
        assert p.text(doc) == news_text
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_spans_on_nasty_text_store_exact_surfaces(project):
    doc = project.add_documents([NASTY]).added[0]
    for word in ("الرئيسُ", "Trump", "Washington", "2024", "ثانٍ", "😀"):
        i = NASTY.index(word)
        label = "PER" if word != "Washington" else "GPE"
        sid = project.add_span(doc, label, i, i + len(word))
        assert project.span(sid).surface == word
    rows = project.conn.execute("SELECT f.start, f.end, f.surface FROM fragments f").fetchall()
    assert all(NASTY[s:e] == surface for s, e, surface in rows)


def test_discontinuous_nested_and_overlapping_spans(project):
    text = "قاعدة الشدادي في محافظة الحسكة"
    doc = project.add_documents([text]).added[0]
    a = project.add_span(doc, "FAC", fragments=[(0, 5), (6, 13)])
    b = project.add_span(doc, "GPE", 6, 13)  # nested inside a
    c = project.add_span(doc, "GPE", 17, len(text))
    d = project.add_span(doc, "LOC", 14, 23)  # overlaps c
    spans = {s.id: s for s in project.spans(doc)}
    assert spans[a].fragments == [(0, 5), (6, 13)] and spans[a].surface == "قاعدة الشدادي"
    assert {b, c, d} <= set(spans)
    project.add_fragment(b, 17, 23)
    assert project.span(b).fragments == [(6, 13), (17, 23)]
    with pytest.raises(ProjectError, match="overlap"):
        project.add_span(doc, "GPE", fragments=[(0, 5), (3, 8)])
    with pytest.raises(ProjectError, match="outside the text"):
        project.add_span(doc, "GPE", 0, len(text) + 1)
    with pytest.raises(ProjectError, match="not an entity or event type"):
        project.add_span(doc, "ANIMAL", 0, 5)


def test_undo_redo_of_add_relabel_delete(project):
    doc = project.add_documents(["بدأت الولايات المتحدة انسحابها"]).added[0]
    sid = project.add_span(doc, "ORG", 5, 21)
    project.relabel_span(sid, "GPE")
    project.delete_span(sid)
    assert project.spans(doc) == []
    assert project.undo().label == "Delete GPE"
    assert project.span(sid).label == "GPE"
    project.undo()
    assert project.span(sid).label == "ORG"
    project.undo()
    assert project.spans(doc) == []
    assert project.undo() is None
    project.redo()
    project.redo()
    assert project.span(sid).label == "GPE" and project.span(sid).id == sid
    # a new edit forgets the redo stack
    project.add_span(doc, "PER", 0, 4)
    assert not project.can_redo


def test_undo_restores_cascaded_rows_with_their_ids(project):
    text = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي"
    doc = project.add_documents([text]).added[0]
    us = project.add_span(doc, "GPE", 5, 21)
    base = project.add_span(doc, "FAC", text.index("قاعدة"), len(text))
    ev = project.add_event(doc, "Movement", (22, 30), [("Mover", us), ("Origin", base)])
    project.set_attribute("span", us, "Specificity", "specific")
    rel = project.add_relation("LocatedIn", base, us)
    st = project.add_stance(doc, "FAVOR", "US withdrawal from Syria", holder=us, evidence=[base])
    project.delete_span(us)
    assert [a.role for a in project.events(doc)[0].arguments] == ["Origin"]
    assert project.relations(doc) == [] and project.stances(doc) == []
    project.undo()
    event = project.events(doc)[0]
    assert event.id == ev and sorted(a.role for a in event.arguments) == ["Mover", "Origin"]
    assert project.relations(doc)[0].id == rel
    assert project.stances(doc)[0].id == st and project.stances(doc)[0].holder == us
    assert project.span(us).attributes == {"Specificity": "specific"}


def test_macro_is_one_undo_step(project):
    doc = project.add_documents(["سوريا وسوريا وسوريا"]).added[0]
    with project.macro("Label all matches"):
        for s in (0, 7, 13):
            project.add_span(doc, "GPE", s, s + 5)
    assert len(project.spans(doc)) == 3
    assert project.undo().label == "Label all matches"
    assert project.spans(doc) == []


def test_failed_edit_changes_nothing(project):
    doc = project.add_documents(["نص"]).added[0]
    with pytest.raises(ProjectError):
        project.add_event(doc, "Movement", (0, 2), [("Nonexistent", 1)])
    assert project.spans(doc) == [] and not project.can_undo


def test_status_and_automatic_in_progress(project):
    ids = project.add_documents(["أ ب", "ج د", "هـ و"]).added
    assert project.status(ids[0]) == "new"
    project.add_span(ids[0], "PER", 0, 1)
    assert project.status(ids[0]) == "in_progress"
    project.set_status(ids[1], "done")
    assert [d.id for d in project.documents(status="done")] == [ids[1]]
    assert [d.id for d in project.documents(status="new")] == [ids[2]]
    assert project.count_documents(status="in_progress") == 1
    # statuses are per annotator
    assert project.status(ids[1], annotator="omar") == "new"
    with pytest.raises(ProjectError, match="status must be"):
        project.set_status(ids[0], "finished")


def test_paging_never_loads_texts(project):
    project.add_documents([f"وثيقة رقم {i}" for i in range(250)])
    page = project.documents(offset=100, limit=50)
    assert len(page) == 50 and page[0].name == "document 101"
    assert not hasattr(page[0], "text")
    assert project.count_documents() == 250
    assert sum(1 for _ in project.iter_documents(batch=64)) == 250
    assert [d.name for d in project.documents(name="رقم 24", limit=5)] == []  # names, not texts
    assert project.documents(name="document 24", limit=20)[0].name == "document 24"


def test_stats_counts(news_project):
    p, doc = news_project
    text = p.text(doc)
    for word, label in (("الولايات المتحدة", "GPE"), ("الشدادي", "FAC"), ("الحسكة", "GPE")):
        i = text.index(word)
        p.add_span(doc, label, i, i + len(word))
    s = p.stats()
    assert s["documents"] == 1 and s["spans"] == 3
    assert s["entities"] == {"FAC": 1, "GPE": 2}
    assert s["annotators"]["lina"]["spans"] == 3 and s["annotators"]["lina"]["in_progress"] == 1


def test_edit_log_records_edits_and_undo(project):
    doc = project.add_documents(["نص قصير"]).added[0]
    project.add_span(doc, "PER", 0, 2)
    project.undo()
    actions = [e["action"] for e in project.edit_log(doc)]
    assert actions[:2] == ["undo", "add_span"]


def test_validate_finds_tampered_surface(project):
    doc = project.add_documents(["بدأت الولايات"]).added[0]
    sid = project.add_span(doc, "GPE", 5, 13)
    assert project.validate() == []
    project.conn.execute("UPDATE fragments SET surface = 'x' WHERE span_id = ?", (sid,))
    problems = project.validate()
    assert [p.kind for p in problems] == ["surface"]


def test_scheme_versions_are_kept(project):
    from annotator.core.scheme import parse_scheme

    project.set_scheme(parse_scheme('[scheme]\nname="tiny"\nversion=2\n[[entity]]\nlabel="X"\n'))
    assert project.scheme.name == "tiny"
    assert project.conn.execute("SELECT count(*) FROM schemes").fetchone()[0] == 2
