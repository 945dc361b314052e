"""Moving to a document that fits on screen needs no trip to the reader thread: its spans
are all in the first screen's read, so it is ready (spans, list count, linked annotations)
before ``open_document`` returns; a longer one still gets all of its spans from the reader."""

from __future__ import annotations

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
