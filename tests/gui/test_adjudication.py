"""The adjudication view driven like a user: accept what everyone agreed, one item, a
whole version; edit the gold layer with the usual keys; then read gold back from the
project file and export it with ``gold=True``."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.store.project import GOLD, Project
from annotator.transfer.export import export_project
from tests.gui.test_main_window import select_utf16
from tests.teamwork import SHARED, find, make_team


@pytest.fixture
def team(tmp_path):
    """The lead's project with lina's and omar's versions of "shared" merged in."""
    lead, lina, omar = make_team(tmp_path)
    project = Project.open(lead, annotator="lead")
    project.merge([lina, omar])
    return project, project.find_document(name="shared").id


@pytest.fixture
def adjudicating(open_window, qtbot, team):
    """A window on the team project, adjudicating "shared"."""
    project, doc = team
    w = open_window(project)
    w.open_document(doc)
    qtbot.waitUntil(lambda: w.ready and w.doc_id == doc)
    w.team.adjudicate.trigger()
    wait(qtbot, w)
    return w


def wait(qtbot, w) -> None:
    """Wait until the gold spans and the adjudication list show the project's state."""
    qtbot.waitUntil(lambda: w.ready and w.team.panel.settled() and w.team.panel.adjudication is not None, timeout=5000)


def gold(project, doc) -> list[tuple[str, str]]:
    with Project.open(project.path) as other:  # read back through a connection of its own
        return sorted((s.label, s.surface) for s in other.annotations(doc, GOLD).spans)


def row_of(panel, label: str, surface: str, who: list[str]) -> int:
    model = panel.model
    for r in range(model.rowCount()):
        v = model.vote(r)
        if v.kind == "span" and v.label == label and model.data(model.index(r, 0)) == surface and v.annotators == who:
            return r
    raise AssertionError(f"no row {label} {surface} {who}")


def test_adjudicating_shows_gold_with_the_disagreements_marked(adjudicating, qtbot):
    w = adjudicating
    panel = w.team.panel
    assert w.layer == GOLD and w.project.annotator == GOLD and w.team.dock.isVisible()
    assert w.team.layer_bar.combo.currentData() == GOLD
    model = panel.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == ["Text", "Label", "lina", "omar", "Gold"]
    # lina: PER «الرئيس السوري»; omar: PER «الرئيس»: two rows, each ticked for one of them
    r = row_of(panel, "PER", "الرئيس السوري", ["lina"])
    assert [model.index(r, c).data() for c in (2, 3, 4)] == ["✓", "", ""]
    assert model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # a disagreement is tinted
    agreed = row_of(panel, "GPE", "دمشق", ["lina", "omar"])
    assert [model.index(agreed, c).data() for c in (2, 3, 4)] == ["✓", "✓", ""]
    assert model.index(agreed, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    panel.only.setChecked(True)
    assert all(not model.vote(i).agreed for i in range(model.rowCount()))
    panel.only.setChecked(False)
    # the annotators' spans gold lacks are drawn in the text; a click on one selects its row
    w.view.viewport().repaint()
    assert panel.marks.hits
    rect, index = panel.marks.hits[0]
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert panel.selected_vote() is panel.marks.votes[index]
    vote = panel.marks.votes[index]
    point = rect.center().toPoint()
    QApplication.sendEvent(w.view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, w.view.viewport().mapToGlobal(point)))
    assert QToolTip.isVisible() and f"Given by: {', '.join(vote.annotators)}" in QToolTip.text()
    # leaving adjudication: back on one's own layer, the marks gone
    w.team.adjudicate.trigger()
    assert w.layer == "lead" and w.project.annotator == "lead" and not w.team.dock.isVisible()
    assert panel.marks not in w.view.overlays


def test_accept_agreed_an_item_and_edit_gold_then_export_it(adjudicating, qtbot, tmp_path):
    w = adjudicating
    panel, project, doc = w.team.panel, w.project, w.doc_id
    lina_before = sorted((s.label, s.surface) for s in project.annotations(doc, "lina").spans)
    qtbot.mouseClick(panel.accept_agreed_button, Qt.MouseButton.LeftButton)
    wait(qtbot, w)
    assert gold(project, doc) == [("GPE", "دمشق"), ("Meeting", "زار")]
    assert sorted((it.label, it.fragments) for it in w.view.store.items()) == [("GPE", (find(SHARED, "دمشق"),)),
                                                                               ("Meeting", (find(SHARED, "زار"),))]
    # one item: lina's PER «الرئيس السوري»
    r = row_of(panel, "PER", "الرئيس السوري", ["lina"])
    panel.table.setCurrentIndex(panel.model.index(r, 0))
    qtbot.mouseClick(panel.accept_item_button, Qt.MouseButton.LeftButton)
    wait(qtbot, w)
    assert gold(project, doc) == [("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس السوري")]
    assert panel.model.index(row_of(panel, "PER", "الرئيس السوري", ["lina"]), 4).data() == "✓"
    # gold is edited like any layer: select «بيروت», press G (GPE)
    select_utf16(w.view, SHARED, *find(SHARED, "بيروت"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    wait(qtbot, w)
    assert gold(project, doc) == [("GPE", "بيروت"), ("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس السوري")]
    qtbot.keyClick(w.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert project.status(doc, GOLD) == "done"
    # the annotators' own layers are untouched
    assert sorted((s.label, s.surface) for s in project.annotations(doc, "lina").spans) == lina_before
    out = tmp_path / "gold.jsonl"
    export_project(project, "jsonl", out, gold=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["name"] for r in records] == ["shared"]
    (layer,) = records[0]["annotations"]
    assert layer["annotator"] == GOLD and layer["status"] == "done"
    spans = sorted((s["label"], s["surfaces"][0], tuple(s["fragments"][0])) for s in layer["spans"])
    assert spans == sorted([("GPE", "بيروت", find(SHARED, "بيروت")), ("GPE", "دمشق", find(SHARED, "دمشق")),
                            ("Meeting", "زار", find(SHARED, "زار")), ("PER", "الرئيس السوري", find(SHARED, "الرئيس السوري"))])
    assert [(e["type"], [a["role"] for a in e["arguments"]]) for e in layer["events"]] == [("Meeting", ["Place"])]
    assert layer["doc_labels"] == {"topic": ["politics"]}
    conll = tmp_path / "gold.conll"
    export_project(project, "conll", conll, gold=True)
    tags = [line.split() for line in conll.read_text(encoding="utf-8").splitlines() if line and not line.startswith("-DOCSTART-")]
    assert tags == [["زار", "O"], ["الرئيس", "B-PER"], ["السوري", "I-PER"], ["دمشق", "B-GPE"], ["ثم", "O"], ["بيروت", "B-GPE"]]


def test_accept_a_whole_version_remove_an_item_and_undo(adjudicating, qtbot):
    w = adjudicating
    panel, project, doc = w.team.panel, w.project, w.doc_id
    omar = sorted((s.label, s.surface) for s in project.annotations(doc, "omar").spans)
    qtbot.mouseClick(panel.version_buttons["omar"], Qt.MouseButton.LeftButton)
    wait(qtbot, w)
    assert gold(project, doc) == omar == [("GPE", "دمشق"), ("LOC", "بيروت"), ("Meeting", "زار"), ("PER", "الرئيس")]
    assert project.annotations(doc, GOLD).doc_labels == {"topic": ["politics", "military"], "reliability": ["medium"]}
    assert len(w.view.store) == 4
    r = row_of(panel, "LOC", "بيروت", ["omar"])
    panel.table.setCurrentIndex(panel.model.index(r, 0))
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    wait(qtbot, w)
    assert gold(project, doc) == [("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس")]
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the removal
    wait(qtbot, w)
    assert gold(project, doc) == omar
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the version
    wait(qtbot, w)
    assert gold(project, doc) == [] and len(w.view.store) == 0
    assert panel.model.index(0, 4).data() == ""  # the list follows: nothing in gold


def test_unticking_an_annotator_leaves_them_out(open_window, qtbot, team):
    project, doc = team
    with project.macro("sara"):
        project.add_span(doc, "GPE", *find(SHARED, "دمشق"), annotator="sara")
    w = open_window(project)
    w.open_document(doc)
    qtbot.waitUntil(lambda: w.ready and w.doc_id == doc)
    w.team.set_adjudicating(True)
    wait(qtbot, w)
    panel = w.team.panel
    assert panel.model.annotators == ["lina", "omar", "sara"]
    assert not panel.model.vote(row_of(panel, "GPE", "دمشق", ["lina", "omar", "sara"])).in_gold
    panel.people["sara"].setChecked(False)
    wait(qtbot, w)
    assert panel.model.annotators == ["lina", "omar"]
    qtbot.mouseClick(panel.accept_agreed_button, Qt.MouseButton.LeftButton)
    wait(qtbot, w)
    assert gold(project, doc) == [("GPE", "دمشق"), ("Meeting", "زار")]  # what lina and omar agree on
