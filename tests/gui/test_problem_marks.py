"""Live validation in the window: each kind of problem is marked in the text (a red wavy
underline, a hover text), in its panel (a warning icon) and in the Problems list, and the
marks go as soon as the problem is fixed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter

from tests.gui.test_events import (
    ALT,
    CTRL,
    SHIFT,
    TEXT,
    WITHDRAWAL,
    choose_in_menu,
    click_span,
    entities,
    find,
    mark,
    press,
)


def kinds(w) -> list[str]:
    return sorted(p.kind for p in w.links.state.problems)


def red_under(w, start: int, end: int) -> bool:
    """Return True if the overlay draws red (the wavy line) along the bottom of [start, end).
    The overlay is painted alone into an image: span bars may be red too."""
    view = w.view
    view.reveal(start)
    view.clear_selection()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    blocks = view.visible_blocks()
    painter = QPainter(image)
    w.links.link_painter.paint(painter, blocks)
    painter.end()
    for r in w.links.link_painter.rects(blocks, [(start, end)]):
        for x in range(int(r.left()) + 1, int(r.right()) - 1):
            for y in range(max(0, int(r.bottom()) - 6), min(image.height(), int(r.bottom()) + 1)):
                c = image.pixelColor(x, y)
                if c.alpha() > 100 and c.red() > 170 and c.green() < 110 and c.blue() < 110:
                    return True
    return False


def test_an_incomplete_event_is_marked_until_its_required_role_is_filled(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    trigger = find("انسحابها", WITHDRAWAL)
    tid = mark(qtbot, w, trigger, Qt.Key.Key_1)
    w.view.clear_selection()
    w.view.select_span(None)
    assert kinds(w) == ["cardinality"] and red_under(w, *trigger)
    assert w.links.problems_panel.list.count() == 1 and "Problems (1)" in w.docks["problems"].windowTitle()
    top = w.links.events_panel.tree.topLevelItem(0)
    assert "needs at least one Mover" in top.toolTip(1) and not top.icon(1).isNull()
    rect = w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(tid), w.view.u16)[0]
    assert "needs at least one Mover" in w.view.tooltip_at(QPoint(int(rect.center().x()), int(rect.center().y())))
    click_span(qtbot, w, tid)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_1)
    click_span(qtbot, w, e["us"])
    w.view.select_span(None)
    assert kinds(w) == [] and not red_under(w, *trigger)
    assert w.links.problems_panel.list.count() == 0 and w.links.events_panel.tree.topLevelItem(0).icon(1).isNull()


def test_a_wrong_argument_type_and_too_many_arguments_are_marked_until_fixed(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    monday = mark(qtbot, w, find("أسبوعين"), Qt.Key.Key_D)  # a DATE
    tid = mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    for role, span in (("1", e["us"]), ("2", monday)):  # Mover, then a DATE as Origin (a click takes any span)
        click_span(qtbot, w, tid)
        press(qtbot, w, Qt.Key.Key_R, CTRL)
        choose_in_menu(qtbot, w, getattr(Qt.Key, f"Key_{role}"))
        click_span(qtbot, w, span)
    assert kinds(w) == ["argument_type"]
    problem = w.links.state.problems[0]
    assert (problem.start, problem.end) == find("أسبوعين") and "Origin «أسبوعين» is DATE" in problem.message
    w.view.select_span(None)
    assert red_under(w, *find("أسبوعين"))
    click_span(qtbot, w, monday)
    press(qtbot, w, Qt.Key.Key_L)  # relabelled a LOC, it may be an Origin
    assert kinds(w) == []
    w.view.select_span(None)
    assert not red_under(w, *find("أسبوعين"))
    # a second Origin breaks the cardinality (Origin ?)
    click_span(qtbot, w, tid)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_2)
    click_span(qtbot, w, e["base"])
    assert kinds(w) == ["cardinality"] and "at most 1 Origin" in w.links.state.problems[0].message
    press(qtbot, w, Qt.Key.Key_F8)  # the next problem: its event is selected in the panel
    assert w.links.event_id == w.project.events(w.doc_id)[0].id and w.links.problems_panel.list.currentRow() == 0
    panel = w.links.events_panel
    top = panel.tree.topLevelItem(0)
    panel.tree.setCurrentItem(next(top.child(i) for i in range(top.childCount()) if "أسبوعين" in top.child(i).text(1)))
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert kinds(w) == [] and w.links.problems_panel.list.count() == 0


def test_relation_and_stance_problems_are_marked_until_fixed(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    click_span(qtbot, w, e["base"])
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    click_span(qtbot, w, e["hasakah"])
    assert [r.type for r in w.project.relations(w.doc_id)] == ["LocatedIn"] and kinds(w) == []
    click_span(qtbot, w, e["hasakah"])
    press(qtbot, w, Qt.Key.Key_D)  # a DATE cannot contain a base
    assert kinds(w) == ["argument_type"]
    item = w.links.relations_panel.tree.topLevelItem(0)
    assert not item.icon(1).isNull() and "LocatedIn" in item.toolTip(1)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: w.ready and w.view.store.get(e["hasakah"]).label == "GPE")
    assert kinds(w) == [] and w.links.relations_panel.tree.topLevelItem(0).icon(1).isNull()
    # a stance per passage that loses its only evidence
    click_span(qtbot, w, e["washington"])
    press(qtbot, w, Qt.Key.Key_H, CTRL | SHIFT)
    click_span(qtbot, w, e["government"])
    press(qtbot, w, Qt.Key.Key_T, CTRL | SHIFT)
    click_span(qtbot, w, e["centcom"])  # an entity as evidence
    press(qtbot, w, Qt.Key.Key_E, CTRL | SHIFT)
    press(qtbot, w, Qt.Key.Key_1, ALT)
    assert kinds(w) == []
    panel = w.links.stance_panel
    panel.evidence.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_evidence, Qt.MouseButton.LeftButton)
    assert kinds(w) == ["cardinality"] and e["centcom"] in w.view.store  # an entity stays when it stops being evidence
    assert not panel.tree.topLevelItem(0).icon(0).isNull()
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: w.ready and kinds(w) == [])
    assert w.links.stance_panel.tree.topLevelItem(0).icon(0).isNull()
