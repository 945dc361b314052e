"""Who annotates and whose annotations are shown: the first-start name dialog, the name in
the settings dialog, the layer selector (another annotator's layer is read-only), the
document list's status per annotator, and numbers that read left to right in Arabic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.gui.app.identity import NameDialog, ensure_annotator_name
from annotator.gui.app.settings import SettingsDialog
from annotator.store.project import GOLD, Project, default_annotator
from tests.gui.test_main_window import label_word, select_utf16
from tests.teamwork import SHARED, find, make_team


def answer_dialog(qtbot, then) -> list[str]:
    """Arrange for ``then(dialog)`` to run on the next modal dialog; return what it saw."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        seen.append(type(dialog).__name__)
        then(dialog)

    QTimer.singleShot(0, act)
    return seen


def test_first_start_asks_the_name_prefilled_with_the_login_name(qtbot, settings, project):
    assert settings.annotator == ""

    def answer(dialog: NameDialog) -> None:
        assert dialog.name.text() == default_annotator()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.name.setText("gold")  # the gold layer's name is taken
        assert not ok.isEnabled() and "gold" in dialog.problem.text()
        dialog.name.setText("  sara ")
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = answer_dialog(qtbot, answer)
    assert ensure_annotator_name(settings, project) == "sara"
    assert seen == ["NameDialog"]
    assert settings.annotator == "sara" and project.annotator == "sara"
    # a name in the settings: never asked again
    assert ensure_annotator_name(settings, project, ask=lambda s: pytest.fail("asked again")) == "sara"


def test_first_start_offers_the_name_a_package_presets_and_cancel_asks_again(settings, tmp_path):
    with Project.create(tmp_path / "p.annotproj", annotator="lead") as p:
        p.set_setting("last_annotator", "omar")  # what `annotator pack` does
        offered: list[str] = []
        assert ensure_annotator_name(settings, p, ask=lambda s: offered.append(s)) == "omar"  # declined
        assert offered == ["omar"] and settings.annotator == "" and p.annotator == "omar"


def test_the_settings_dialog_changes_the_name_and_new_work_follows_it(open_window, qtbot, settings):
    w = open_window(["زار الرئيس السوري دمشق"])
    assert w.annotator_label.text() == "Annotator: lina"

    def answer(dialog: SettingsDialog) -> None:
        dialog.annotator.setText("sara")
        dialog.accept()

    seen = answer_dialog(qtbot, answer)
    w.edit_settings()
    assert seen == ["SettingsDialog"]
    assert settings.annotator == "sara" and w.project.annotator == "sara" and w.layers.me == "sara"
    assert w.project.get_setting("last_annotator") == "sara"
    assert w.annotator_label.text() == "Annotator: sara"
    qtbot.waitUntil(lambda: w.ready)
    w.activateWindow()  # the dialog had the focus: shortcuts work in the active window
    qtbot.waitUntil(w.isActiveWindow)
    label_word(qtbot, w, "دمشق", Qt.Key.Key_G)
    with Project.open(w.project.path) as other:
        assert [(s.label, s.surface) for s in other.spans(w.doc_id, "sara")] == [("GPE", "دمشق")]
        assert other.spans(w.doc_id, "lina") == []
    w.set_annotator("gold")  # refused: the gold layer's name
    assert w.project.annotator == "sara" and settings.annotator == "sara"


@pytest.fixture
def team_window(open_window, qtbot, tmp_path):
    lead, lina, omar = make_team(tmp_path)
    project = Project.open(lead, annotator="lina")  # lina works in the lead's project
    project.merge([lina, omar])
    w = open_window(project)
    doc = project.find_document(name="shared").id
    w.open_document(doc)
    qtbot.waitUntil(lambda: w.ready and w.doc_id == doc)
    return w


def shown(w) -> list[tuple[str, str]]:
    return sorted((it.label, w.text[it.start:it.end]) for it in w.view.store.items())


def test_another_annotators_layer_is_shown_read_only(team_window, qtbot):
    w = team_window
    combo = w.team.layer_bar.combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["lina", "omar", GOLD]
    assert combo.itemText(0) == "My annotations (lina)" and combo.itemText(1) == "omar (read-only)"
    assert shown(w) == [("GPE", "بيروت"), ("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس السوري")]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    qtbot.waitUntil(lambda: w.ready)
    assert w.layer == "omar" and w.layers.read_only and w.project.annotator == "lina"
    assert shown(w) == [("GPE", "دمشق"), ("LOC", "بيروت"), ("Meeting", "زار"), ("PER", "الرئيس")]
    assert w.span_model.rowCount() == 4  # the annotation list shows omar's layer too
    assert w.team.layer_bar.badge.text().strip() == "read-only"
    before = w.project.span_rows(w.doc_id, "omar")
    select_utf16(w.view, SHARED, *find(SHARED, "ثم"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_O)  # refused: nothing changes, one sentence says why
    assert "read-only" in w.statusBar().currentMessage()
    sid = next(it.id for it in w.view.store.items() if it.label == "LOC")
    w.view.select_span(sid)
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    with Project.open(w.project.path) as other:
        assert other.span_rows(w.doc_id, "omar") == before
        assert len(other.span_rows(w.doc_id, "lina")) == 4
    w.team.mine.trigger()
    qtbot.waitUntil(lambda: w.ready)
    assert w.layer == "lina" and not w.layers.read_only and len(w.view.store) == 4


def test_the_document_list_shows_and_filters_by_each_annotators_status(team_window, qtbot):
    w = team_window
    model, panel = w.doc_model, w.documents_panel
    row = model.row_of(w.doc_id)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Annotators"
    assert model.index(row, 3).data() == "\u2068✓lina\u2069  \u2068✓omar\u2069"
    assert model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == "lina: done\nomar: done"
    # lina's documents in progress or done, then omar's
    w.project.set_status(w.project.find_document(name="doc0").id, "in_progress", annotator="omar")
    panel.status.setCurrentIndex(panel.status.findData("done"))
    assert [model.info(r).name for r in range(model.rowCount())] == ["shared"]
    panel.annotator.setCurrentIndex(panel.annotator.findData("omar"))
    panel.annotator.activated.emit(panel.annotator.currentIndex())
    assert model.annotator == "omar"
    panel.status.setCurrentIndex(panel.status.findData("in_progress"))
    assert [model.info(r).name for r in range(model.rowCount())] == ["doc0"]
    assert model.index(0, 1).data() == "in progress"
    # choosing a layer shows that annotator's status in the list
    w.layers.show(GOLD)
    assert model.annotator == GOLD and panel.annotator.currentData() == GOLD
    assert model.rowCount() == 0  # gold has nothing in progress
    assert "done: 0" in panel.summary.text()


def visual_order(text: str) -> list[int]:
    """Return the logical indexes of ``text``'s characters from left to right, laid out
    in a right-to-left paragraph (as a cell of the Arabic UI)."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(1000)
    layout.endLayout()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    return sorted(digits, key=lambda i: min(run.boundingRect().left() for run in layout.glyphRuns(i, 1)))


def test_positions_read_left_to_right_in_the_arabic_ui(open_window, qtbot):
    w = open_window(["زار الرئيس السوري دمشق ثم بيروت"], lang="ar")
    s, e = label_word(qtbot, w, "زار", Qt.Key.Key_G)
    cell = w.span_model.index(0, 2).data()
    assert cell.strip("\u2066\u2069") == f"{s}–{e}" == "0–3"
    # "0–3", not "3–0": the digits lie left to right in logical order
    order = visual_order(cell)
    assert order == sorted(order)
    bare = visual_order("0–3")
    assert bare != sorted(bare)  # what the cell showed before (so the check can fail)
