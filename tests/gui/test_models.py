"""The table models, without widgets: the windowed document list against the Project API,
the annotation list against its store; Qt's own model tester checks both."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from annotator.gui.panels.models import ID_ROLE, AnnotationListModel, DocumentListModel
from annotator.gui.text.span_store import SpanStore


def test_document_list_reads_pages_and_matches_the_project(project, qapp):
    ids = project.add_documents([{"text": f"نص رقم {i}", "name": f"doc{i:04d}"} for i in range(1000)]).added
    model = DocumentListModel(project)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 1000
    for row in random.Random(2).sample(range(1000), 25):
        assert model.index(row, 0).data() == f"\u2068doc{row:04d}\u2069"  # isolated: keeps its order in RTL
        assert model.index(row, 0).data(ID_ROLE) == ids[row]
    assert len(model._pages) <= model.CACHED_PAGES
    project.add_span(ids[500], "PER", 0, 2)
    model.refresh_document(ids[500])
    assert model.index(500, 2).data() == "1" and model.info(500).status == "in_progress"
    model.set_filter(name="doc09")
    assert model.rowCount() == 100 and model.index(0, 0).data() == "\u2068doc0900\u2069"
    assert model.row_of(ids[950]) == 50 and model.row_of(ids[5]) is None
    model.set_filter(status="in_progress")
    assert model.rowCount() == 1 and model.info(0).id == ids[500]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Status"


def test_stepping_through_a_filtered_list_reads_its_pages_by_keyset_and_never_counts(project, qapp, monkeypatch):
    ids = project.add_documents([f"نص رقم {i}" for i in range(300)]).added
    for d in ids[1::2]:
        project.set_status(d, "done")
    listed = ids[1::2]
    model = DocumentListModel(project)
    model.PAGE = 10
    model.set_filter(status="done")
    assert model.rowCount() == 150
    reads: list[dict] = []
    documents = project.documents
    monkeypatch.setattr(project, "documents", lambda *a, **k: reads.append(k) or documents(*a, **k))
    for name in ("document_position", "neighbour_document", "count_documents"):
        monkeypatch.setattr(project, name, lambda *a, **k: pytest.fail("the rows before were counted or skipped"))
    doc = model.info(135).id  # a jump: its page is read from its row
    walked = [doc]
    while (doc := model.neighbour(doc, 1)) is not None:  # across pages 14 and 15, to the end
        walked.append(doc)
    assert walked == listed[135:]
    doc = listed[135]
    for row in range(134, 99, -1):  # back across pages 12, 11, 10
        doc = model.neighbour(doc, -1)
        assert doc == listed[row] and model.row_of(doc) == row
    assert model.neighbour(listed[149], 1) is None and model.neighbour(listed[140], 3) == listed[143]
    assert [k.get("after") or k.get("before") for k in reads].count(None) == 1  # only the jump skipped rows
    assert model.index(100, 0).data(ID_ROLE) == listed[100] and model.index(149, 0).data(ID_ROLE) == listed[149]


def test_annotation_list_follows_adds_removes_relabels_and_the_filter(qapp):
    text = "أ" * 200
    model = AnnotationListModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_store(SpanStore([(1, "PER", ((10, 20),)), (2, "GPE", ((30, 40),))]), text)
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(first))
    model.add(3, "GPE", ((5, 8),))
    model.add(4, "PER", ((25, 27), (50, 60)))
    assert inserted == [0, 2]
    assert [model.item(r).id for r in range(model.rowCount())] == [3, 1, 4, 2]  # by start, end, id
    assert model.index(2, 2).data() == "\u206625–27; 50–60\u2069"  # isolated: reads left to right in RTL too
    model.set_label_filter("GPE")
    assert [model.item(r).id for r in range(model.rowCount())] == [3, 2]
    model.add(5, "GPE", ((0, 2),))
    model.add(6, "PER", ((1, 2),))  # hidden by the filter
    assert [model.item(r).id for r in range(model.rowCount())] == [5, 3, 2]
    model.relabel(3, "PER")  # leaves the filtered list
    assert [model.item(r).id for r in range(model.rowCount())] == [5, 2]
    model.remove(2)
    assert [model.item(r).id for r in range(model.rowCount())] == [5]
    model.set_label_filter(None)
    assert [model.item(r).id for r in range(model.rowCount())] == [5, 6, 3, 1, 4]
    assert model.store.get(3).label == "PER"
