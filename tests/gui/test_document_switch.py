"""Moving to a document that fits on screen needs no trip to the reader thread: its spans
are all in the first screen's read, so it is ready (spans, list count, linked annotations)
before ``open_document`` returns; a longer one still gets all of its spans from the reader."""

from __future__ import annotations

import pytest

from annotator.gui.panels.models import ID_ROLE
from tests.gui.test_partial_repaint import LONG

SHORT = "وصل وزير الخارجية إلى بغداد صباح اليوم في زيارة رسمية."


def test_a_document_that_fits_on_screen_is_ready_at_once_with_all_its_spans(open_window, qtbot):
    w = open_window([SHORT, SHORT + " " + SHORT, LONG])
    first, second, _ = (d.id for d in w.project.documents())
    w.project.add_span(second, "PER", 4, 9)
    w.project.add_span(second, "GPE", 19, 24)
    w.project.add_span(second, "GPE", len(SHORT) + 20, len(SHORT) + 25)
    w.open_document(second)
    assert w.ready and w.doc_id == second
    assert sorted(it.start for it in w.view.store.items()) == [4, 19, len(SHORT) + 20]
    assert w.span_model.rowCount() == 3
    assert w.links.state.document_id == second  # the linked annotations were read with it
    w.step_document(-1)
    assert w.ready and w.doc_id == first and len(w.view.store) == 0


def test_a_document_longer_than_the_screen_gets_every_span_from_the_reader(open_window, qtbot):
    w = open_window([SHORT, LONG])
    long_doc = [d.id for d in w.project.documents()][1]
    far = len(LONG) - 30
    w.project.add_span(long_doc, "PER", 5, 10)
    w.project.add_span(long_doc, "ORG", far, far + 6)
    w.open_document(long_doc)
    qtbot.waitUntil(lambda: w.ready, timeout=5000)
    assert sorted(it.start for it in w.view.store.items()) == [5, far]



def test_next_and_previous_follow_a_filtered_list_across_its_pages_and_select_the_row(open_window, qtbot, monkeypatch):
    w = open_window([f"{i}: {SHORT}" for i in range(450)])
    ids = [d.id for d in w.project.documents(0, 450)]
    for d in ids[::2]:  # 225 done: the list filtered by status has two pages
        w.project.set_status(d, "done")
    qtbot.wait(10)  # the window shows those changes
    panel, model = w.documents_panel, w.doc_model
    panel.status.setCurrentIndex(panel.status.findData("done"))
    listed, edge = ids[::2], model.PAGE
    assert model.rowCount() == 225 > edge
    w.open_document(listed[edge - 3])
    qtbot.waitUntil(lambda: w.ready, timeout=5000)
    qtbot.wait(1)
    skipped: list[dict] = []
    documents = w.project.documents

    def keyset_only(*args, **kwargs):
        if kwargs.get("after") is None and kwargs.get("before") is None:
            skipped.append(kwargs)  # a page read from its row: the rows before it skipped one by one
        return documents(*args, **kwargs)

    monkeypatch.setattr(w.project, "documents", keyset_only)
    monkeypatch.setattr(w.project, "document_position", lambda *a, **k: pytest.fail("the rows before were counted"))
    rows = [*range(edge - 2, edge + 5), *range(edge + 3, edge - 6, -1)]
    for before, row in zip([edge - 3, *rows], rows, strict=False):
        w.step_document(row - before)
        qtbot.waitUntil(lambda: w.ready, timeout=5000)
        qtbot.wait(1)  # the list paints the rows it shows
        current = panel.view.currentIndex()
        assert w.doc_id == listed[row] and current.row() == row and current.data(ID_ROLE) == listed[row]
        assert w.view.toPlainText().startswith(f"{2 * row}: ")
    assert not skipped
    w.open_document(listed[-1])
    w.step_document(1)
    assert w.doc_id == listed[-1] and panel.view.currentIndex().row() == 224  # past the end: it stays


def test_stepping_between_documents_without_events_leaves_the_empty_lists_alone(open_window, qtbot, monkeypatch):
    texts = [f"{i} {SHORT}" for i in range(4)]
    w = open_window(texts)
    first, second, third, fourth = (d.id for d in w.project.documents())
    at = texts[2].index
    trigger = w.project.add_span(third, "PER", at("وزير"), at("وزير") + 4)
    place = w.project.add_span(third, "GPE", at("بغداد"), at("بغداد") + 5)
    w.project.add_event(third, "Movement", (at("وصل"), at("وصل") + 3))
    w.project.add_relation("LocatedIn", trigger, place)
    w.project.add_stance(third, "AGAINST", "US withdrawal from Syria")
    qtbot.wait(10)
    links = w.links
    panels = (links.events_panel, links.relations_panel, links.stance_panel)
    w.open_document(first)
    for panel in panels:  # from one document without any to another: nothing to clear or repaint
        monkeypatch.setattr(panel.tree, "clear", lambda: pytest.fail("an empty list was made again"))
    w.step_document(1)
    assert w.doc_id == second and all(p.tree.topLevelItemCount() == 0 for p in panels)
    monkeypatch.undo()
    w.step_document(1)  # the document that has them shows them
    assert w.doc_id == third and [p.tree.topLevelItemCount() for p in panels] == [1, 1, 1]
    w.step_document(1)  # and the next one, without, shows none
    assert w.doc_id == fourth and [p.tree.topLevelItemCount() for p in panels] == [0, 0, 0]
    w.step_document(-1)
    assert [p.tree.topLevelItemCount() for p in panels] == [1, 1, 1]


def test_the_status_bar_keeps_its_size_from_one_document_to_the_next(open_window, qtbot):
    from PySide6.QtCore import QEvent, QObject

    w = open_window([f"{i} {SHORT}" for i in range(4)], names=["doc_a", "doc_b", "doc_c", "a much longer name for the fourth document"])
    ids = [d.id for d in w.project.documents()]
    qtbot.wait(10)

    class Layouts(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    layouts = Layouts()
    w.installEventFilter(layouts)
    for doc in (ids[1], ids[2], ids[1]):  # names of one length: the window is not laid out again
        w.open_document(doc)
        qtbot.wait(1)
        assert w.doc_label.text().startswith("\u2068doc_")
    assert layouts.count == 0
    w.open_document(ids[3])  # a longer one gets the room it needs
    qtbot.wait(1)
    assert w.doc_label.width() >= w.doc_label.sizeHint().width() and "fourth document" in w.doc_label.text()


def test_the_last_document_is_remembered_once_the_user_stays_on_one(open_window, qtbot, settings, monkeypatch):
    w = open_window([f"{i} {SHORT}" for i in range(5)])
    ids = [d.id for d in w.project.documents()]
    qtbot.wait(1100)  # the first document is remembered
    assert settings.last_document(str(w.project.path)) == ids[0]
    writes: list[int] = []
    keep = settings.set_last_document
    monkeypatch.setattr(settings, "set_last_document", lambda path, doc: writes.append(doc) or keep(path, doc))
    for _ in range(3):
        w.step_document(1)
    assert writes == []  # not a write of the settings file at every step
    qtbot.waitUntil(lambda: writes == [ids[3]], timeout=3000)
    w.step_document(1)
    w.shutdown()  # closing keeps the one open then
    assert writes == [ids[3], ids[4]] and settings.last_document(str(w.project.path)) == ids[4]


def test_stepping_through_documents_asks_for_suggestions_only_where_the_user_stays(open_window, qtbot, monkeypatch):
    w = open_window([f"{i} {SHORT}" for i in range(5)], suggest=True)
    ids = [d.id for d in w.project.documents()]
    asked: list[int] = []
    thread = w.suggestions.thread  # a request superseded while its process answers restarts the process
    monkeypatch.setattr(thread, "read_pending", lambda doc, who: asked.append(doc) or 0)
    monkeypatch.setattr(thread, "retrain", lambda *a, **k: 0)
    for _ in range(4):
        w.step_document(1)
    assert asked == []
    qtbot.waitUntil(lambda: asked == [ids[4]], timeout=3000)
