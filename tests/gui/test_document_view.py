"""The document view on real widgets: exact offsets across the UTF-16 boundary, spans drawn
on their words, clicks, double-clicks, hover text and paragraph direction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.gui.text.document_view import DocumentView
from annotator.gui.text.span_store import SpanStore

# emoji (one outside the BMP, one with a skin-tone modifier) BEFORE the spans; diacritics,
# tatweel, Latin, Western and Arabic-Indic digits
NASTY = "😀👍🏽 قالَ الرئيسُ ـــ «Trump» في Washington: 2024 و٣٫٥ بالمئة ثانٍ\nسطر 🇸🇾 أخير للعاصمةِ دمشـــق"
TARGETS = ["الرئيسُ", "Trump", "Washington", "2024", "٣٫٥", "ثانٍ", "للعاصمةِ", "دمشـــق"]


def u16(text: str, cp: int) -> int:
    """UTF-16 offset of code point ``cp``, counted independently of the code under test."""
    return len(text[:cp].encode("utf-16-le")) // 2


@pytest.fixture
def view(qtbot, settings):
    v = DocumentView()
    qtbot.addWidget(v)
    v.resize(900, 500)
    v.set_colors({"PER": "#e6194b", "GPE": "#4363d8", "FAC": "#911eb4"}, {"PER": "Person", "GPE": "Place", "FAC": "Facility"})
    v.show()
    qtbot.waitExposed(v)
    qtbot.wait(20)  # the first paint
    return v


def select_utf16(view: DocumentView, start16: int, end16: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start16)
    cursor.setPosition(end16, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@pytest.mark.parametrize("word", TARGETS)
def test_a_qt_selection_becomes_exact_code_points(view, word):
    view.set_document(NASTY)
    s = NASTY.index(word)
    e = s + len(word)
    select_utf16(view, u16(NASTY, s), u16(NASTY, e))
    assert view.selection_range() == (s, e)
    assert NASTY[s:e] == word
    view.select_range(s, e)
    assert view.textCursor().selectedText() == word


def test_characters_qt_changes_in_plain_text_keep_every_position(view):
    text = "أ\u2029ب\u2028ج\u00a0د\x0cه 😀\ufeffو\u200fز \U0001d54f حلب"
    view.set_document(text)
    assert view.document().characterCount() - 1 == u16(text, len(text))
    s = text.index("حلب")
    select_utf16(view, u16(text, s), u16(text, s + 3))
    assert view.selection_range() == (s, s + 3)


def centre(rect) -> QPoint:
    return rect.center().toPoint()


def test_spans_are_drawn_over_their_own_words_and_nesting_is_told_apart(view, qtbot):
    text = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة"
    fac = (text.index("قاعدة"), len(text))
    gpe = (text.index("الشدادي"), text.index("الشدادي") + 7)
    us = (text.index("الولايات"), text.index("انسحابها") - 1)
    view.set_document(text, SpanStore([(1, "FAC", (fac,)), (2, "GPE", (gpe,)), (3, "GPE", (us,))]))
    view.viewport().repaint()
    blocks = view.visible_blocks()
    for sid, (s, e) in ((1, fac), (2, gpe), (3, us)):
        rects = view.painter.rects_of(blocks, view.store.get(sid), view.u16)
        assert rects
        for r in rects:
            pos = view.position_at(centre(r))
            assert s <= pos <= e, (sid, pos, s, e)
    inner = view.painter.rects_of(blocks, view.store.get(2), view.u16)[0]
    assert [it.id for it in view.spans_at(inner.center())] == [2, 1]  # innermost first
    levels = {item.id: level for _, item, level in view.painter.hits}
    assert levels[1] == 0 and levels[2] == 1 and levels[3] == 0
    tip = view.tooltip_at(inner.center())
    assert "Place" in tip and "Facility" in tip and "الشدادي" in tip


def test_click_selects_the_innermost_span_and_double_click_a_word(view, qtbot):
    text = "زار وزير الخارجية الفرنسي جان نويل بارو دمشق"
    s = text.index("جان")
    view.set_document(text, SpanStore([(7, "PER", ((s, s + len("جان نويل بارو")),))]))
    view.viewport().repaint()
    rect = view.painter.rects_of(view.visible_blocks(), view.store.get(7), view.u16)[0]
    with qtbot.waitSignal(view.spanClicked) as sig:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(rect))
    assert sig.args == [7] and view.selected_span == 7
    w = text.index("دمشق")
    view.select_range(w, w + 4)
    word_rect = view.painter.rects_of(view.visible_blocks(), view.store.get(7), view.u16)[0]
    # double-click in the middle of «دمشق»: find its rectangle through a throwaway span
    view.set_document(text, SpanStore([(8, "GPE", ((w, w + 4),))]))
    view.viewport().repaint()
    word_rect = view.painter.rects_of(view.visible_blocks(), view.store.get(8), view.u16)[0]
    view.set_store(SpanStore())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(word_rect))
    assert view.selection_range() == (w, w + 4)


def test_a_drag_selection_snaps_to_whole_words(view, qtbot):
    text = "قاعدة الشدادي في الحسكة"
    view.set_document(text)
    view.snap_mode = "word"
    view.set_document(text, SpanStore([(1, "FAC", ((0, 13),))]))
    view.viewport().repaint()
    rect = view.painter.rects_of(view.visible_blocks(), view.store.get(1), view.u16)[0]
    view.set_store(SpanStore())
    y = int(rect.center().y())
    # from inside «الشدادي» to inside «قاعدة» (right to left): a partial selection
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.left()) + 8, y))
    qtbot.mouseMove(view.viewport(), QPoint(int(rect.right()) - 8, y))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.right()) - 8, y))
    assert view.selection_range() == (0, 13)


def test_paragraph_direction_comes_from_the_text_unless_overridden(view, qapp):
    text = "هذه فقرة عربية قصيرة\nThis is an English paragraph\n2024"
    view.set_document(text)
    view.viewport().repaint()
    doc = view.document()
    arabic, english = doc.findBlockByNumber(0), doc.findBlockByNumber(1)
    assert arabic.textDirection() == Qt.LayoutDirection.RightToLeft
    assert english.textDirection() == Qt.LayoutDirection.LeftToRight
    width = view.viewport().width()
    assert view.cursorRect(QTextCursor(arabic)).x() > width * 3 / 4  # starts at the right
    assert view.cursorRect(QTextCursor(english)).x() < width / 4
    view.set_text_direction("rtl")
    assert doc.findBlockByNumber(1).textDirection() == Qt.LayoutDirection.RightToLeft
    view.set_text_direction("ltr")
    assert doc.findBlockByNumber(0).textDirection() == Qt.LayoutDirection.LeftToRight
    view.set_text_direction("auto")
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the Arabic UI
    try:
        view.set_document(text)
        assert view.document().findBlockByNumber(1).textDirection() == Qt.LayoutDirection.LeftToRight
        assert view.document().findBlockByNumber(0).textDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_the_bundled_arabic_font_is_used(view):
    assert view.font().family() == "Amiri"
    from PySide6.QtGui import QFontInfo

    assert QFontInfo(view.font()).family() == "Amiri"


# --- Arabic and bidi defects (issue 12) -----------------------------------------------------


def word_rect(view, s: int, e: int):
    """The on-screen rectangle of code points [s, e), through a throwaway span."""
    store = view.store
    view.set_store(SpanStore([(99, "PER", ((s, e),))]))
    view.viewport().repaint()
    rect = view.painter.rects_of(view.visible_blocks(), view.store.get(99), view.u16)[0]
    view.set_store(store)
    return rect


def test_a_text_beginning_with_a_bom_keeps_every_position(view, qtbot):
    text = "\ufeffقال الرئيس في دمشق\ufeff اليوم"
    view.set_document(text)
    assert view.document().characterCount() - 1 == u16(text, len(text))
    s = text.index("دمشق")
    view.set_document(text, SpanStore([(1, "GPE", ((s, s + 4),))]))
    view.viewport().repaint()
    rect = view.painter.rects_of(view.visible_blocks(), view.store.get(1), view.u16)[0]
    # the box is on «دمشق»: the letter under its middle is one of its letters
    assert s <= view.position_at(centre(rect)) <= s + 4
    # a drag across it stores exactly what it shows
    view.set_store(SpanStore())
    y = int(rect.center().y())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.right()) - 2, y))
    qtbot.mouseMove(view.viewport(), QPoint(int(rect.left()) + 2, y))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.left()) + 2, y))
    assert view.selection_range() == (s, s + 4)
    assert view.textCursor().selectedText() == "دمشق"


WRAPPED = ("بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة، وسط تسريبات تشير إلى خروج "
           "كامل من سوريا ") * 4


def test_clicks_on_wrapped_right_to_left_lines_land_on_the_letter_under_them(view, qtbot):
    from annotator.core.text import words

    view.resize(420, 600)
    text = WRAPPED.strip()
    view.set_document(text)
    view.viewport().repaint()
    layout = view.visible_blocks()[0].block.layout()
    assert layout.lineCount() > 3  # wrapped, each line but the last ending in a space
    for i, ch in enumerate(text):
        if ch == " ":
            continue
        rect = word_rect(view, i, i + 1)
        assert view.position_at(rect.center()) in (i, i + 1), (i, ch)
    # double-click selects the word under the mouse, every one
    for s, e in list(words(text))[:40]:
        rect = word_rect(view, s, e)
        view.clear_selection()
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(rect))
        assert view.selection_range() == (s, e), text[s:e]


@pytest.mark.parametrize("paragraph", ["🇸🇾 دمشق عاصمة الجمهورية العربية السورية",
                                       "@reuters_ar قالت وزارة الخارجية إن الوفد وصل",
                                       "DAMASCUS (Reuters) - قالت وزارة الخارجية السورية اليوم إن الوفد وصل"])
def test_an_arabic_paragraph_beginning_with_latin_or_a_flag_is_right_to_left(view, paragraph):
    text = "English first, to be sure the next paragraph is decided alone\n" + paragraph + "\nand English again"
    view.set_document(text)
    view.viewport().repaint()
    doc = view.document()
    width = view.viewport().width()
    blocks = [doc.findBlockByNumber(i) for i in range(3)]
    assert view.cursorRect(QTextCursor(blocks[1])).x() > width * 3 / 4  # starts at the right
    assert view.cursorRect(QTextCursor(blocks[0])).x() < width / 4
    assert view.cursorRect(QTextCursor(blocks[2])).x() < width / 4
    # positions still map exactly, after the inserted direction mark
    s = text.index("قالت") if "قالت" in text else text.index("دمشق")
    select_utf16(view, view.u16.to_utf16(s), view.u16.to_utf16(s + 4))
    assert view.selection_range() == (s, s + 4)
    assert view.textCursor().selectedText() == text[s:s + 4]
    view.set_text_direction("ltr")  # forced: every paragraph, no marks
    assert view.document().characterCount() - 1 == u16(text, len(text))
