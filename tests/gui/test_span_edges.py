"""Changing a span's boundaries from the keyboard and with the mouse (one undo step each),
and marking a span now to label it later."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.scheme import UNLABELLED
from tests.gui.test_main_window import NEWS, label_word, stored

ALT, SHIFT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def surfaces(w) -> list[str]:
    return sorted(NEWS[s:e] for _, frags in stored(w) for s, e in frags)


def press(qtbot, w, key, mods) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)


def test_keys_grow_and_shrink_a_span_by_words_and_letters_on_the_screen_side(open_window, qtbot):
    w = open_window([NEWS])
    label_word(qtbot, w, "المتحدة", Qt.Key.Key_G)
    assert w.view.selected_span is not None
    # Arabic: the span's start is on the right
    press(qtbot, w, Qt.Key.Key_Right, ALT)
    assert surfaces(w) == ["الولايات المتحدة"]
    press(qtbot, w, Qt.Key.Key_Left, ALT)
    assert surfaces(w) == ["الولايات المتحدة انسحابها"]
    press(qtbot, w, Qt.Key.Key_Left, ALT | SHIFT)
    assert surfaces(w) == ["الولايات المتحدة"]
    press(qtbot, w, Qt.Key.Key_Right, ALT | SHIFT)
    assert surfaces(w) == ["المتحدة"]
    press(qtbot, w, Qt.Key.Key_Left, CTRL | ALT | SHIFT)  # one letter off the end
    assert surfaces(w) == ["المتحد"]
    press(qtbot, w, Qt.Key.Key_Left, CTRL | ALT)
    assert surfaces(w) == ["المتحدة"]
    # each change is one undo step
    for expected in (["المتحد"], ["المتحدة"], ["الولايات المتحدة"]):
        w.undo()
        qtbot.waitUntil(lambda: w.ready)
        assert surfaces(w) == expected


def test_a_latin_span_grows_to_the_right_at_its_end(open_window, qtbot):
    text = "The United States began to leave"
    w = open_window([text])
    s = text.index("United")
    from tests.gui.test_main_window import select_utf16

    select_utf16(w.view, text, s, s + 6)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    press(qtbot, w, Qt.Key.Key_Right, ALT)
    assert {text[a:b] for _, f in stored(w) for a, b in f} == {"United States"}


def test_dragging_an_edge_of_the_selected_span_moves_it(open_window, qtbot):
    w = open_window([NEWS])
    label_word(qtbot, w, "المتحدة", Qt.Key.Key_G)
    sid = w.view.selected_span
    view = w.view
    item = view.store.get(sid)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.u16.to_utf16(item.start))
    grip = view.cursorRect(cursor).center()  # the start edge (on the right)
    target_word = NEWS.index("الولايات") + 3
    cursor.setPosition(view.u16.to_utf16(target_word))
    to = view.cursorRect(cursor).center()
    assert view.edge_at(grip) == "start"
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=grip)
    qtbot.mouseMove(view.viewport(), QPoint(to.x(), grip.y()))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(to.x(), grip.y()))
    assert surfaces(w) == ["الولايات المتحدة"]  # snapped to the whole word
    w.undo()
    qtbot.waitUntil(lambda: w.ready)
    assert surfaces(w) == ["المتحدة"]


def test_mark_now_label_later(open_window, qtbot, tmp_path):
    from tests.gui.test_main_window import select_utf16

    w = open_window([NEWS])
    s = NEWS.index("الشدادي")
    select_utf16(w.view, NEWS, s, s + 3)
    press(qtbot, w, Qt.Key.Key_M, CTRL)
    assert stored(w) == {(UNLABELLED, ((s, s + len("الشدادي")),))}
    assert any(p.kind == "unlabelled" for p in w.project.validate())  # annotator validate lists it
    # exports refuse it (but the lossless native jsonl)
    from annotator.core.errors import AnnotatorError
    from annotator.transfer.export import export_project as export

    with pytest.raises(AnnotatorError, match="marked but not labelled"):
        export(w.project, "conll", tmp_path / "out")
    export(w.project, "jsonl", tmp_path / "all.jsonl")
    # later: the span is selected; a label key labels it
    assert w.view.selected_span is not None
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    assert stored(w) == {("GPE", ((s, s + len("الشدادي")),))}
