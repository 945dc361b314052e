"""Label names drawn above the spans (View → Label names on spans): in the room the
labelled Amiri leaves above each line, never by restyling the letters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from tests.gui.test_main_window import label_word


def word_width(view, s: int, e: int) -> float:
    block = view.document().findBlock(view.u16.to_utf16(s))
    line = block.layout().lineForTextPosition(view.u16.to_utf16(s) - block.position())
    a = line.cursorToX(view.u16.to_utf16(s) - block.position())[0]
    b = line.cursorToX(view.u16.to_utf16(e) - block.position())[0]
    return abs(b - a)


def test_label_names_are_drawn_above_the_spans_and_can_be_hidden(open_window, qtbot):
    w = open_window(["قال الرئيس في دمشق إن الوفد وصل"])
    s, e = label_word(qtbot, w, "دمشق", Qt.Key.Key_G)
    view = w.view
    assert w.actions_.label_names.isChecked() and view.font().family() == "Amiri Labelled"
    assert view.painter.room >= 8
    width_on = word_width(view, s, e)
    view.clear_selection()
    view.select_span(None)
    view.viewport().repaint()
    box = view.painter.rects_of(view.visible_blocks(), view.store.get(next(iter(view.store.items())).id), view.u16)[0]
    image = view.viewport().grab().toImage()
    strip = [QColor(image.pixel(x, y)) for x in range(int(box.left()), int(box.right()))
             for y in range(int(box.top()) + 1, int(box.top() + view.painter.room) - 1)]
    assert any(c.value() < 200 for c in strip)  # the name «GPE», dark on white, above the box
    w.actions_.label_names.trigger()  # View → Label names on spans: off
    assert not w.settings.label_names and view.font().family() == "Amiri" and view.painter.room == 0
    assert abs(word_width(view, s, e) - width_on) < 0.5  # the same letters, joined the same way
    w.actions_.label_names.trigger()
    assert w.settings.label_names and view.font().family() == "Amiri Labelled"
    cursor = QTextCursor(view.document())
    assert cursor.charFormat().fontPointSize() in (0, view.font().pointSizeF())  # no per-letter formats
