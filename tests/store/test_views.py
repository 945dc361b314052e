"""The window's lean reads (annotator/store/views.py) agree with the full Project API."""

from __future__ import annotations

import subprocess
import sys

from annotator.store.project import Project


def test_span_rows_are_the_spans_without_the_dataclasses(news_project):
    p, doc = news_project
    text = p.text(doc)
    a = p.add_span(doc, "FAC", fragments=[(text.index("قاعدة"), text.index("قاعدة") + 5),
                                          (text.index("الشدادي"), text.index("الشدادي") + 7)])
    b = p.add_span(doc, "GPE", text.index("الحسكة"), text.index("الحسكة") + 6)
    c = p.add_span(doc, "GPE", 0, 6)
    rows = p.span_rows(doc)
    assert rows == [(s.id, s.label, tuple(s.fragments)) for s in p.spans(doc)]
    assert {r[0] for r in rows} == {a, b, c}
    assert p.span_row(a) == (a, "FAC", tuple(p.span(a).fragments))
    assert p.span_row(999) is None
    assert p.span_rows(doc, "nobody") == []


def test_document_info_status_counts_and_navigation(project):
    ids = project.add_documents(["نص أول", "نص ثان", "نص ثالث", "نص رابع"]).added
    project.add_span(ids[1], "PER", 0, 2)
    project.set_status(ids[0], "done")
    project.set_status(ids[2], "done")
    info = project.document_info(ids[1])
    assert (info.status, info.spans) == ("in_progress", 1)
    assert project.document_info(ids[1], count_spans=False).spans == 0
    assert project.document_info(12345) is None
    assert project.status_counts() == {"new": 1, "in_progress": 1, "done": 2}
    assert project.next_unfinished(ids[1]) == ids[3]
    assert project.next_unfinished(ids[3]) == ids[1]  # wraps round
    assert project.next_unfinished() == ids[1]
    assert project.document_position(ids[2]) == 2
    assert project.document_position(ids[2], status="done") == 1
    assert project.document_position(ids[1], status="done") is None
    assert project.neighbour_document(ids[0], 1) == ids[1]
    assert project.neighbour_document(ids[2], 1, status="done") is None
    assert project.neighbour_document(ids[2], -1, status="done") == ids[0]
    for d in ids:
        project.set_status(d, "done")
    assert project.next_unfinished(ids[0]) is None


def test_keyset_pages_are_the_pages_read_from_a_row_through_any_filter(project):
    ids = project.add_documents([f"نص رقم {i}" for i in range(30)]).added
    for d in ids[::3]:
        project.set_status(d, "done")
    project.add_span(ids[7], "PER", 0, 2)
    for filters in ({}, {"status": "done"}, {"status": "new"}, {"name": "1"}):
        whole = project.documents(0, 100, **filters)
        assert len(whole) > 8
        assert project.documents(limit=4, after=whole[2].id, **filters) == whole[3:7]
        assert project.documents(limit=4, before=whole[7].id, **filters) == whole[3:7]  # in list order
        assert project.documents(limit=4, before=whole[1].id, **filters) == whole[:1]
        assert project.documents(limit=4, after=whole[-1].id, **filters) == []
    assert project.documents(limit=1, after=ids[6])[0].spans == 1  # with the span counts, as a page has


def test_neighbours_step_by_id_through_any_filter_and_past_either_end(project):
    ids = project.add_documents([f"نص رقم {i}" for i in range(9)]).added
    for d in ids[::3]:  # 0, 3, 6 done
        project.set_status(d, "done")
    assert [project.neighbour_document(ids[i], 1) for i in (0, 7, 8)] == [ids[1], ids[8], None]
    assert [project.neighbour_document(ids[i], -1) for i in (0, 1)] == [None, ids[0]]
    assert project.neighbour_document(ids[1], 3) == ids[4] and project.neighbour_document(ids[5], -2) == ids[3]
    assert project.neighbour_document(ids[3], 1, status="done") == ids[6]
    assert project.neighbour_document(ids[6], 1, status="done") is None
    assert project.neighbour_document(ids[6], -2, status="done") == ids[0]
    assert project.neighbour_document(ids[1], 1, status="done") == ids[0]  # not in the list: its first
    assert project.neighbour_document(ids[4], 1, status="new") == ids[5]
    assert project.neighbour_document(ids[4], 0) == ids[4]


def test_span_rows_named_reads_back_what_a_change_names(news_project):
    p, doc = news_project
    other = p.add_documents(["وثيقة أخرى"]).added[0]
    a = p.add_span(doc, "PER", 0, 4)
    b = p.add_span(doc, "GPE", 5, 9)
    elsewhere = p.add_span(other, "PER", 0, 5)
    changes = p.last_changes
    assert changes.ids("spans") == {elsewhere}
    assert p.span_rows_named(doc, [a, b, elsewhere, 999]) == {a: p.span_row(a), b: p.span_row(b)}
    p.update_span(b, fragments=[(5, 9), (10, 12)])
    frags = p.last_changes.added.get("fragments", frozenset())
    assert p.span_rows_named(doc, (), frags) == {b: (b, "GPE", ((5, 9), (10, 12)))}
    assert p.span_rows_named(doc, [a], annotator="nobody") == {}


def test_events_named_reads_the_events_of_arguments_too(news_project):
    p, doc = news_project
    text = p.text(doc)
    us = p.add_span(doc, "GPE", text.index("الولايات المتحدة"), text.index("الولايات المتحدة") + 16)
    ev = p.add_event(doc, "Movement", (text.index("انسحابها"), text.index("انسحابها") + 8))
    p.add_argument(ev, "Mover", us)
    (arg,) = p.last_changes.ids("event_arguments")
    (found,) = p.events_named(doc, (), [arg])
    assert found == p.events(doc)[0] and [a.span for a in found.arguments] == [us]
    assert p.events_named(doc, [ev, 999]) == p.events(doc)
    assert p.events_named(doc, [ev], annotator="nobody") == []


def test_a_project_just_created_opens_on_a_second_connection(tmp_path):
    path = tmp_path / "fresh.annotproj"
    with Project.create(path) as first:
        first.add_documents(["نص"])
        with Project.open(path) as second:  # e.g. the window's reader thread
            assert second.count_documents() == 1


def test_importing_the_store_does_not_load_pandas_or_numpy():
    code = ("import sys, annotator.store.project;"
            "bad = [m for m in ('pandas', 'numpy') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
