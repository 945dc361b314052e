"""Another program (the CLI, a script) changes the project while the window is open: the
window shows it, and its undo never destroys what the other program did."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.store.project import Project
from tests.gui.test_main_window import NEWS, label_word


def test_a_span_added_by_a_script_appears_in_the_open_window(open_window, qtbot):
    window = open_window([NEWS, "نص ثان"])
    window.external.timer.setInterval(50)
    doc = window.doc_id
    with Project.open(window.project.path, annotator="lina") as script:
        s = NEWS.index("الشدادي")
        script.add_span(doc, "FAC", s, s + len("الشدادي"))
        script.add_documents(["نص ثالث أضافه سطر الأوامر"])
    qtbot.waitUntil(lambda: len(window.view.store) == 1 and window.ready, timeout=5000)
    qtbot.waitUntil(lambda: window.doc_model.rowCount() == 3, timeout=5000)
    assert "Another program" in window.statusBar().currentMessage()


def test_undo_in_the_window_refuses_to_overwrite_a_scripts_relabel(open_window, qtbot):
    window = open_window([NEWS])
    label_word(qtbot, window, "الشدادي", Qt.Key.Key_F)
    (sid,) = [s.id for s in window.project.spans(window.doc_id)]
    with Project.open(window.project.path, annotator="lina") as script:
        script.relabel_span(sid, "LOC")
    window.undo()
    assert window.project.span(sid).label == "LOC"
    assert "another program" in window.statusBar().currentMessage()
    assert not window.actions_.undo.isEnabled()


def test_commits_that_are_no_edits_and_edits_elsewhere_leave_the_open_document_alone(open_window, qtbot):
    window = open_window([NEWS, "نص ثان"])
    window.external.timer.stop()
    doc = window.doc_id
    second = next(d.id for d in window.project.documents() if d.id != doc)
    with Project.open(window.project.path, annotator="omar") as script:
        script.add_time(doc, 12.0)                # time tracking: no edit
    assert window.external.check() is False
    with Project.open(window.project.path, annotator="lina") as script:
        script.add_span(second, "PER", 0, 2)      # an edit in another document
    loads = []
    window.documentReady.connect(loads.append)
    assert window.external.check() is True
    qtbot.wait(200)
    assert loads == [] and window.ready        # the open document was not read again
