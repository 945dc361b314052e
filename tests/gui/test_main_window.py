"""The main window driven like a user: select text by cursor position, press hotkeys, click
spans, undo and redo; then read the project file back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.store.project import Project

NASTY = "😀👍🏽 قالَ الرئيسُ ـــ «Trump» في Washington: 2024 نحو ٣٫٥ بالمئة ثانٍ\nسطر 🇸🇾 في قاعدة الشدادي بمحافظة الحسكة"
NEWS = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة، وسط تسريبات تشير إلى خروج كامل من سوريا"


def select_utf16(view, text: str, start: int, end: int) -> None:
    """Select code points [start, end) by setting Qt cursor positions (UTF-16) directly."""
    def u16(cp: int) -> int:
        return len(text[:cp].encode("utf-16-le")) // 2

    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(start))
    cursor.setPosition(u16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def label_word(qtbot, window, word: str, key: Qt.Key, nth: int = 0) -> tuple[int, int]:
    text = window.text
    s = -1
    for _ in range(nth + 1):
        s = text.index(word, s + 1)
    select_utf16(window.view, text, s, s + len(word))
    window.view.setFocus()
    qtbot.keyClick(window.view, key)
    return s, s + len(word)


def stored(window) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    return {(label, frags) for _, label, frags in window.project.span_rows(window.doc_id)}


def test_hotkeys_make_exact_spans_after_emoji_diacritics_and_tatweel(open_window, qtbot):
    w = open_window([NASTY])
    expected = set()
    for word, key, label in (("الرئيسُ", Qt.Key.Key_P, "PER"), ("Trump", Qt.Key.Key_P, "PER"),
                             ("Washington", Qt.Key.Key_G, "GPE"), ("2024", Qt.Key.Key_D, "DATE"),
                             ("٣٫٥", Qt.Key.Key_M, "MISC"), ("الحسكة", Qt.Key.Key_G, "GPE")):
        s, e = label_word(qtbot, w, word, key)
        expected.add((label, ((s, e),)))
    assert stored(w) == expected
    with Project.open(w.project.path) as other:  # a second connection reads the same
        for span in other.spans(w.doc_id, "lina"):
            assert NASTY[span.start:span.end] == span.surface
    assert {(it.label, it.fragments) for it in w.view.store.items()} == expected


def test_snapping_widens_a_partial_selection_to_the_word(open_window, qtbot):
    w = open_window([NEWS])
    s = NEWS.index("الولايات")
    select_utf16(w.view, NEWS, s + 2, s + 5)
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    assert stored(w) == {("GPE", ((s, s + len("الولايات")),))}


def test_nested_and_overlapping_spans_relabel_and_delete(open_window, qtbot):
    w = open_window([NEWS])
    fac = label_word(qtbot, w, "قاعدة الشدادي", Qt.Key.Key_F)
    gpe = label_word(qtbot, w, "الشدادي", Qt.Key.Key_G)
    cross = label_word(qtbot, w, "الشدادي في الحسكة", Qt.Key.Key_L)
    assert stored(w) == {("FAC", (fac,)), ("GPE", (gpe,)), ("LOC", (cross,))}
    # a click on the nested span selects it; a hotkey then relabels it
    w.view.viewport().repaint()
    gid = next(it.id for it in w.view.store.items() if it.label == "GPE")
    rect = w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(gid), w.view.u16)[0]
    w.view.clear_selection()
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert w.view.selected_span == gid
    qtbot.keyClick(w.view, Qt.Key.Key_O)
    assert ("ORG", (gpe,)) in stored(w) and ("GPE", (gpe,)) not in stored(w)
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert stored(w) == {("FAC", (fac,)), ("LOC", (cross,))}
    assert w.span_model.rowCount() == 2


def test_a_second_fragment_makes_a_discontinuous_span(open_window, qtbot):
    w = open_window([NEWS])
    first = label_word(qtbot, w, "الولايات", Qt.Key.Key_G)
    sid = w.view.selected_span
    s = NEWS.index("المتحدة")
    select_utf16(w.view, NEWS, s, s + len("المتحدة"))
    qtbot.keyClick(w.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert stored(w) == {("GPE", (first, (s, s + len("المتحدة"))))}
    assert w.project.span(sid).surface == "الولايات المتحدة"


def test_undo_and_redo_across_a_document_switch(open_window, qtbot):
    w = open_window([NEWS, "زار وزير الخارجية الفرنسي جان نويل بارو دمشق"])
    first = w.doc_id
    span = label_word(qtbot, w, "سوريا", Qt.Key.Key_G)
    second = w.project.documents(0, 2)[1].id
    w.open_document(second)
    qtbot.waitUntil(lambda: w.ready)
    label_word(qtbot, w, "دمشق", Qt.Key.Key_G)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undoes دمشق here
    qtbot.waitUntil(lambda: w.ready and len(w.view.store) == 0)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undoes سوريا: switches back
    qtbot.waitUntil(lambda: w.doc_id == first and w.ready)
    assert w.project.span_rows(first) == [] and len(w.view.store) == 0
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.ready and len(w.view.store) == 1)
    assert stored(w) == {("GPE", (span,))}
    assert [(it.label, it.fragments) for it in w.view.store.items()] == [("GPE", (span,))]


def test_closing_and_reopening_shows_exactly_the_same_annotations(open_window, qtbot, settings):
    w = open_window([NASTY])
    label_word(qtbot, w, "قاعدة الشدادي", Qt.Key.Key_F)
    label_word(qtbot, w, "الشدادي", Qt.Key.Key_G)
    label_word(qtbot, w, "Trump", Qt.Key.Key_P)
    before = sorted((it.label, it.fragments) for it in w.view.store.items())
    path, doc = w.project.path, w.doc_id
    w.shutdown()
    w.project.close()
    again = open_window(Project.open(path, annotator="lina"))
    assert again.doc_id == doc  # the last document comes back
    assert sorted((it.label, it.fragments) for it in again.view.store.items()) == before
    assert again.span_model.rowCount() == 3


def test_find_ignores_diacritics_and_labels_all_whole_words_in_one_step(open_window, qtbot):
    text = "وصل الرئيسُ إلى دمشقَ. غادر الرئيس دمشق إلى الرئيسية، ثم عاد الرئيس."
    w = open_window([text])
    w.show_find()
    with qtbot.waitSignal(w.reader.searched, timeout=5000):
        w.find_panel.query.setText("الرئيس")
    hits = w.find_panel.model.hits
    assert [text[h.start:h.end] for h in hits] == ["الرئيسُ", "الرئيس", "الرئيس", "الرئيس"]
    assert [h.whole_word for h in hits] == [True, True, False, True]
    with qtbot.waitSignal(w.reader.searched, timeout=5000):
        w.find_panel.query.setText("دمشقَ")  # with a diacritic: matches both spellings
    assert [text[h.start:h.end] for h in w.find_panel.model.hits] == ["دمشقَ", "دمشق"]
    with qtbot.waitSignal(w.reader.searched, timeout=5000):
        w.find_panel.query.setText("الرئيس")
    w.find_panel.label.setCurrentIndex(w.find_panel.label.findData("PER"))
    w.find_panel.label_all.click()
    assert len(stored(w)) == 3
    w.undo()  # one step for all three
    qtbot.waitUntil(lambda: w.ready and len(w.view.store) == 0)
    assert stored(w) == set()


def test_document_status_and_the_next_unfinished_key(open_window, qtbot):
    w = open_window(["نص أول", "نص ثان", "نص ثالث"])
    ids = [d.id for d in w.project.documents(0, 3)]
    assert w.doc_id == ids[0]
    qtbot.keyClick(w.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done, and on
    qtbot.waitUntil(lambda: w.doc_id == ids[1] and w.ready)
    assert w.project.status(ids[0]) == "done"
    assert w.doc_model.info(0).status == "done"
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.doc_id == ids[2] and w.ready)
    w.documents_panel.status.setCurrentIndex(w.documents_panel.status.findData("done"))
    assert w.doc_model.rowCount() == 1 and w.doc_model.info(0).id == ids[0]


def test_annotation_list_jumps_and_filters_by_label(open_window, qtbot):
    w = open_window([NEWS])
    label_word(qtbot, w, "الولايات المتحدة", Qt.Key.Key_G)
    label_word(qtbot, w, "قاعدة الشدادي", Qt.Key.Key_F)
    label_word(qtbot, w, "سوريا", Qt.Key.Key_G)
    model = w.span_model
    assert [model.index(r, 0).data() for r in range(3)] == ["الولايات المتحدة", "قاعدة الشدادي", "سوريا"]
    panel = w.annotations_panel
    panel.label.setCurrentIndex(panel.label.findData("GPE"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["الولايات المتحدة", "سوريا"]
    with qtbot.waitSignal(panel.spanActivated):
        panel.view.clicked.emit(model.index(1, 0))
    assert w.view.store.get(w.view.selected_span).fragments == ((NEWS.index("سوريا"), len(NEWS)),)


def test_conflicting_hotkeys_are_reported_when_the_scheme_loads(open_window, tmp_path):
    from annotator.core.scheme import default_scheme_path

    source = default_scheme_path().read_text(encoding="utf-8").replace('hotkey = "o"', 'hotkey = "p"', 1)
    scheme_file = tmp_path / "clash.toml"
    scheme_file.write_text(source, encoding="utf-8")
    w = open_window(["نص"], scheme=scheme_file)
    assert "hotkey" in w.statusBar().currentMessage() and "'ORG'" in w.statusBar().currentMessage()
    assert w.warning_label.text()
    assert w.label_actions["PER"].shortcut().toString() == "P"
    assert w.label_actions["ORG"].shortcut().isEmpty()


def test_settings_change_the_annotator_and_the_status_bar_shows_it(open_window, qtbot, settings):
    from annotator.gui.app.settings import Choices

    w = open_window([NEWS])
    label_word(qtbot, w, "سوريا", Qt.Key.Key_G)
    assert "lina" in w.annotator_label.text()
    w.apply_choices(Choices("en", "omar", "character", "rtl", 18.0))
    qtbot.waitUntil(lambda: w.ready)
    assert w.project.annotator == "omar" and "omar" in w.annotator_label.text()
    assert len(w.view.store) == 0  # omar has not annotated yet
    assert w.project.get_setting("snap") == "character" and w.project.get_setting("text_direction") == "rtl"
    assert settings.annotator == "omar"
    assert settings.font_size == 18.0
    w.zoom(1)
    assert w.view.font_size() == 19.0 and settings.font_size == 19.0


def test_palette_buttons_label_and_carry_the_scheme_definitions(open_window, qtbot):
    w = open_window([NEWS])
    s = NEWS.index("سوريا")
    w.view.select_range(s, s + 5)
    button = w.palette_widget.buttons["GPE"]
    assert "دمشق" in button.toolTip() and "government" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert stored(w) == {("GPE", ((s, s + 5),))}


def test_a_keyboard_selection_is_labelled_by_its_hotkey(open_window, qtbot):
    w = open_window(["قال الرئيس إن الوفد وصل إلى دمشق\nسطر ثان"])
    s = w.text.index("دمشق")
    w.view.select_range(s, s)  # the cursor before «دمشق»
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)  # to the end of the line
    assert w.view.selection_range() == (s, s + 4)
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    assert stored(w) == {("GPE", ((s, s + 4),))}
