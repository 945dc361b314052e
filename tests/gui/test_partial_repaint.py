"""What one edit repaints: a paragraph taller than the view has only its lines on screen
looked at, and a change of what is drawn over the text repaints only its own strip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor

SENTENCE = "قالت وزارة الخارجية في بيان إن الوفد سيصل إلى بغداد صباح الغد لبحث ملف المياه. "
LONG = SENTENCE * 120  # one paragraph, many screens tall


class Paints(QObject):
    """Records the rectangle of every paint of a widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def test_a_paragraph_taller_than_the_view_shows_and_looks_up_only_its_lines_on_screen(open_window, qtbot):
    w = open_window([LONG])
    first = w.project.add_span(w.doc_id, "PER", 5, 10)
    last_start = len(LONG) - len(SENTENCE) + 5
    last = w.project.add_span(w.doc_id, "ORG", last_start, last_start + 6)
    qtbot.waitUntil(lambda: first in w.view.store and last in w.view.store)
    w.view.verticalScrollBar().setValue(0)
    w.view.viewport().repaint()
    blocks = w.view.visible_blocks()
    assert len(blocks) == 1 and blocks[0].start == 0 and blocks[0].end < len(LONG) // 4
    drawn = {it.id for _, it, _ in w.view.painter.hits}
    assert first in drawn and last not in drawn
    w.view.reveal(last_start)
    w.view.viewport().repaint()
    block = w.view.visible_blocks()[0]
    assert 0 < block.start <= last_start < block.end
    drawn = {it.id for _, it, _ in w.view.painter.hits}
    assert last in drawn and first not in drawn
    # a click on it still finds it
    rect = next(r for r, it, _ in w.view.painter.hits if it.id == last)
    assert [it.id for it in w.view.spans_at(rect.center())] == [last]


def test_a_new_frame_over_the_text_repaints_only_its_lines_and_the_same_overlay_nothing(open_window, qtbot):
    from annotator.gui.linking.link_painter import Overlay

    w = open_window([LONG])
    sid = w.project.add_span(w.doc_id, "PER", 200, 206)
    qtbot.waitUntil(lambda: sid in w.view.store)
    w.view.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    paints = Paints(w.view.viewport())
    painter = w.links.link_painter
    span = w.links.span_record(sid)
    painter.set_overlay(Overlay(frames=[(span, QColor("#d32f2f"))]))
    qtbot.waitUntil(lambda: bool(paints.rects))
    height = w.view.viewport().height()
    box = w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(sid), w.view.u16)[0]
    assert all(r.height() < height / 3 for r in paints.rects)
    assert any(r.top() <= box.top() and r.bottom() >= box.bottom() for r in paints.rects)
    paints.rects.clear()
    painter.set_overlay(Overlay(frames=[(span, QColor("#d32f2f"))]))  # the same again
    qtbot.wait(50)
    assert paints.rects == []
    painter.set_overlay(Overlay())  # the frame goes: its strip is repainted
    qtbot.waitUntil(lambda: bool(paints.rects))
    assert all(r.height() < height / 3 for r in paints.rects)


def test_problem_marks_repaint_their_strip_when_they_change_and_nothing_when_kept(open_window, qtbot):
    """The marks are compared as a whole list first (an edit that keeps the document's
    problems, most edits, looks at none of its thousands); a changed list repaints only
    the strips of the marks that came or went, the arcs and frames kept as they were."""
    from annotator.gui.linking.link_painter import Overlay

    w = open_window([LONG])
    sid = w.project.add_span(w.doc_id, "PER", 200, 206)
    qtbot.waitUntil(lambda: sid in w.view.store)
    w.view.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    painter = w.links.link_painter
    span = w.links.span_record(sid)
    frames = [(span, QColor("#d32f2f"))]
    marks = [(s, s + 4, f"problem {s}") for s in range(0, len(LONG) - 5, 40)]  # hundreds, most off screen
    painter.set_overlay(Overlay(frames=frames, marks=marks))
    qtbot.wait(50)
    paints = Paints(w.view.viewport())
    painter.set_overlay(Overlay(frames=list(frames), marks=marks))  # the same list
    painter.set_overlay(Overlay(frames=list(frames), marks=list(marks)))  # an equal one
    qtbot.wait(50)
    assert paints.rects == []
    painter.set_overlay(Overlay(frames=list(frames), marks=[m for m in marks if m[0] != 80]))  # one goes, on screen
    qtbot.waitUntil(lambda: bool(paints.rects))
    height = w.view.viewport().height()
    assert all(r.height() < height / 3 for r in paints.rects)
    assert painter.overlay.marks == [m for m in marks if m[0] != 80]
    paints.rects.clear()
    painter.set_overlay(Overlay(marks=painter.overlay.marks))  # the frame goes, the marks stay
    qtbot.waitUntil(lambda: bool(paints.rects))
    box = w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(sid), w.view.u16)[0]
    assert any(r.top() <= box.top() and r.bottom() >= box.bottom() for r in paints.rects)
