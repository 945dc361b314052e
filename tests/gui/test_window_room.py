"""The window gives the text the room, and shows its own words right in Arabic: the
shortcuts, the document names, the rows of names, the size of the shortcuts dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_main_window import NEWS


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_text_gets_most_of_a_wide_window_and_find_does_not_reflow_it(open_window, qtbot, lang):
    w = open_window([NEWS * 5], lang)
    w.resize(1600, 1000)
    qtbot.wait(50)
    assert w.view.width() >= 0.6 * 1600
    before = w.view.viewport().width()
    w.view.select_range(0, 4)
    w.show_find()
    qtbot.keyClick(w.find_panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.find_panel.model.rowCount() > 0 if hasattr(w.find_panel, "model") else True, timeout=3000)
    qtbot.wait(100)
    assert w.docks["find"].isVisible()
    assert w.view.viewport().width() == before


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_suggestions_dock_leaves_the_text_most_of_the_height(qtbot, settings, tmp_path, lang):
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app.i18n import apply_language
    from annotator.gui.window.main_window import MainWindow
    from tests.gui.conftest import make_project

    apply_language(QApplication.instance(), lang)
    w = MainWindow(make_project(tmp_path / "p.annotproj", [NEWS * 5]), settings, lang)  # first start: no saved layout
    try:
        w.suggestions.enabled.setChecked(False)
        qtbot.addWidget(w)
        w.show()  # at its first size, as a user first sees it
        qtbot.waitUntil(lambda: w.ready, timeout=5000)
        qtbot.wait(50)
        dock = w.suggestions.dock
        assert dock.isVisible() and dock.height() >= dock.minimumSizeHint().height()
        assert dock.height() <= 0.25 * w.height()  # it took a third of the window
        assert w.view.height() >= 0.65 * w.height()
    finally:
        w.shutdown()
        w.project.close()
        apply_language(QApplication.instance(), "en")


def visual_order(text: str, rtl: bool) -> list[int]:
    """Return the logical positions of ``text``'s characters from left to right as Qt lays
    them out in a paragraph of the given direction."""
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10000)
    layout.endLayout()
    xs = [(line.cursorToX(i)[0] + line.cursorToX(i + 1)[0]) / 2 for i in range(len(text))]
    return [i for _, i in sorted(zip(xs, range(len(text)), strict=True))]


def steadily_left_to_right(text: str, lo: int, hi: int) -> bool:
    """Return True if the cursor x grows with every position from ``lo`` to ``hi`` when
    ``text`` is laid out in a right-to-left paragraph."""
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10000)
    layout.endLayout()
    xs = [line.cursorToX(i)[0] for i in range(lo, hi + 1)]
    return all(a < b for a, b in zip(xs, xs[1:], strict=False))


def test_the_settings_key_reads_ctrl_comma_in_the_arabic_menu(open_window):
    w = open_window([NEWS], "ar")
    text = w.actions_.settings.text()
    label, keys = text.split("\t")
    assert keys.strip("\u200e") == "Ctrl+,"
    order = [keys[i] for i in visual_order(keys, rtl=True) if keys[i] != "\u200e"]
    assert "".join(order) == "Ctrl+,"  # not ",+Ctrl"
    rows = dict((t, k) for k, t in __import__("annotator.gui.window.actions", fromlist=["x"]).shortcut_rows(w.actions_, []))
    assert rows[label.replace("&", "")] == "Ctrl+,"


def test_the_shortcuts_dialog_fits_a_1000_pixel_screen(open_window, qtbot):
    w = open_window([NEWS], "ar")
    w.show_shortcuts()
    dialog = w.shortcuts_dialog
    qtbot.waitExposed(dialog)
    assert dialog.frameGeometry().height() <= min(1000, dialog.screen().availableGeometry().height())
    assert dialog.table.rowCount() > 40  # all of them, in a table that scrolls
    assert dialog.table.item(0, 0).text().startswith("\u2066")  # keys read left to right
    dialog.close()


def test_rows_of_arabic_names_read_from_source_to_target(qapp):
    from annotator.gui.panels.models import link_text

    row = link_text("دمشق", "حلب")
    # each name is isolated: laid out left to right (English UI), the source comes first
    # and the arrow points at the target
    order = visual_order(row, rtl=False)
    src, arrow, tgt = row.index("دمشق"), row.index("→"), row.index("حلب")
    assert order.index(src) < order.index(arrow) < order.index(tgt)
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        row = link_text("دمشق", "حلب")
        order = visual_order(row, rtl=True)
        src, arrow, tgt = row.index("دمشق"), row.index("←"), row.index("حلب")
        assert order.index(src) > order.index(arrow) > order.index(tgt)  # read right to left
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_document_names_with_digits_and_underscores_keep_their_order(open_window):
    w = open_window([NEWS, NEWS], "ar", names=["2024_01_news", "خبر_12_3"])
    shown = w.doc_model.index(0, 0).data()
    inner = shown.strip("\u2068\u2069")
    assert inner == "2024_01_news" and shown.startswith("\u2068")
    # in a right-to-left list the cursor moves steadily rightwards through the name:
    # it reads 2024_01_news, not news_01_2024
    assert steadily_left_to_right(shown, 2, len(shown) - 2)
    assert not steadily_left_to_right(inner, 1, len(inner) - 1)  # what it was
    assert "2024_01_news" in w.doc_label.text()


def test_roles_have_arabic_display_names(open_window, qtbot, tmp_path):
    from tests.gui.conftest import make_project

    project = make_project(tmp_path / "roles.annotproj", [NEWS])
    doc = project.documents(0, 1)[0].id
    s = NEWS.index("انسحابها")
    us = NEWS.index("الولايات")
    mover = project.add_span(doc, "GPE", us, us + len("الولايات المتحدة"))
    event = project.add_event(doc, "Movement", (s, s + len("انسحابها")))
    project.add_argument(event, "Mover", mover)
    w = open_window(project, "ar")
    w.links.select_event(event)
    panel = w.links.events_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    assert panel.tree.topLevelItem(0).child(0).text(0) == "المتحرِّك"
    assert panel.role.itemText(0).startswith("المتحرِّك")
    assert w.project.scheme.event("Movement").role("Mover").title("en") == "Mover"
