"""The agreement window shows what ``Project.agreement`` computes (and what was worked out
by hand for the small team of tests/teamwork.py), computed on the team thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThread

from annotator.gui.team.agreement_view import fmt
from annotator.store.project import Project
from tests.teamwork import HAND_VALUES, SHARED, find, make_team


@pytest.fixture
def team_window(open_window, qtbot, tmp_path):
    lead, lina, omar = make_team(tmp_path)
    project = Project.open(lead, annotator="lead")
    project.merge([lina, omar])
    return open_window(project)


def open_agreement(w, qtbot):
    w.team.agreement.trigger()
    dialog = w.team.agreement_dialog
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.result is not None, timeout=10000)
    return dialog


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def overview(dialog) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in cells(dialog.overview)}


def test_the_small_case_shows_the_values_worked_out_by_hand(team_window, qtbot):
    dialog = open_agreement(team_window, qtbot)
    assert dialog.reader._worker.thread() is not QThread.currentThread()  # computed off the GUI thread
    rows = overview(dialog)
    assert rows["Spans, exact match"] == ["0.333", "0.333", fmt(HAND_VALUES["exact_f1"]), "\u20661 / 3 / 3\u2069"]
    assert rows["Spans, by overlap"][2] == fmt(HAND_VALUES["overlap_f1"]) == "0.667"
    assert rows["Event triggers"][2] == fmt(HAND_VALUES["trigger_f1"])
    assert rows["Event arguments"][2] == fmt(HAND_VALUES["argument_f1"])
    assert rows["Tokens: Cohen's κ (mean over pairs)"][2] == fmt(HAND_VALUES["kappa"]) == "0.538"
    assert rows["Stance: Krippendorff's α"][2] == fmt(HAND_VALUES["stance_alpha"])
    assert rows["Document labels «topic»: Krippendorff's α"][2] == fmt(HAND_VALUES["topic_alpha"])
    assert rows["Document labels «reliability»: Krippendorff's α"][2] == fmt(HAND_VALUES["reliability_alpha"])
    assert "Tokens: Fleiss' κ" not in rows  # two annotators
    assert [n for n, box in dialog.people.items() if box.isChecked()] == ["lina", "omar"]
    (pair,) = cells(dialog.by_pair)
    assert pair[2:6] == [fmt(HAND_VALUES["exact_f1"]), fmt(HAND_VALUES["overlap_f1"]), fmt(HAND_VALUES["kappa"]),
                         fmt(HAND_VALUES["trigger_f1"])]
    (doc,) = cells(dialog.by_document)
    assert doc[0] == "shared" and doc[3] == fmt(HAND_VALUES["kappa"])
    by_label = {row[0]: row[1:] for row in cells(dialog.by_label)}
    # GPE: lina دمشق, بيروت; omar دمشق -> exact tp 1 of 2 and 1: P 1, R 0.5, F1 2/3
    assert by_label["Geo-political entity (GPE)"][:4] == ["1.000", "0.500", "0.667", "0.667"]
    assert by_label["Meeting or visit (trigger)"][2] == "1.000"


def test_three_annotators_match_project_agreement_with_fleiss(team_window, qtbot):
    w = team_window
    p = w.project
    doc = p.find_document(name="shared").id
    with p.macro("sara annotates"):
        p.add_span(doc, "PER", *find(SHARED, "الرئيس السوري"), annotator="sara")
        p.add_span(doc, "GPE", *find(SHARED, "بيروت"), annotator="sara")
    dialog = open_agreement(w, qtbot)
    with Project.open(p.path) as other:
        expected = other.agreement()
    assert expected["annotators"] == ["lina", "omar", "sara"]
    rows = overview(dialog)
    o = expected["overall"]
    assert rows["Tokens: Fleiss' κ"][2] == fmt(o["fleiss"]["kappa"])
    assert rows["Spans, exact match"][:3] == [fmt(o["spans"]["exact"]["overall"][k]) for k in ("precision", "recall", "f1")]
    assert rows["Spans, by overlap"][2] == fmt(o["spans"]["overlap"]["overall"]["f1"])
    assert [r[2] for r in cells(dialog.by_pair)] == [fmt(pr["spans"]["exact"]["overall"]["f1"]) for pr in expected["pairs"]]
    assert [r[4] for r in cells(dialog.by_pair)] == [fmt(pr["tokens"]["kappa"]) for pr in expected["pairs"]]
    # one pair's per-label table
    dialog.pair_choice.setCurrentIndex(3)  # after "all pairs": (lina, omar), (lina, sara), (omar, sara)
    by_label = {row[0]: row[1:] for row in cells(dialog.by_label)}
    per = expected["pairs"][2]
    assert by_label["Person (PER)"][2] == fmt(per["spans"]["exact"]["labels"]["PER"]["f1"])
    assert by_label["Person (PER)"][4] == fmt(per["tokens"]["labels"]["PER"])
    # leaving sara out recomputes for two
    dialog.people["sara"].setChecked(False)
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.result["annotators"] == ["lina", "omar"], timeout=10000)
    assert "Tokens: Fleiss' κ" not in overview(dialog)


def test_too_few_annotators_is_one_sentence(open_window, qtbot):
    w = open_window(["زار الرئيس السوري دمشق"])
    w.team.agreement.trigger()
    dialog = w.team.agreement_dialog
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10000)
    assert dialog.result is None and "fewer than two annotators" in dialog.state.text()
    assert dialog.overview.rowCount() == 0
