"""The Events and Relations panels on a document with many events and relations: an edit
changes only its own rows (the other rows stay the very same items), the panels still list
what a fresh read gives, and past ``OPEN_ALL`` events only the selected event shows its
arguments (a tree lays out every open row again after each change)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.text import words
from annotator.gui.panels import events_panel
from tests.gui.conftest import make_project
from tests.gui.test_events import CTRL, TEXT, click_span, find, mark, press, tab_to
from tests.gui.test_operations import same_as_a_fresh_read

KIND = Qt.ItemDataRole.UserRole + 1


def busy_project(tmp_path, events: int, relations: int):
    """The news article with ``events`` Movement events (each with a Mover) and
    ``relations`` LocatedIn relations, made through the API before the window opens."""
    project = make_project(tmp_path / "busy.annotproj", [TEXT])
    doc = project.documents()[0].id
    ws = [w for w in words(TEXT) if w[1] - w[0] > 3]
    gpe = [project.add_span(doc, "GPE", s, e) for s, e in ws[1:2 * relations + 2:2]]
    fac = [project.add_span(doc, "FAC", s, e) for s, e in ws[2:2 * relations + 2:2]]
    for i in range(relations):
        project.add_relation("LocatedIn", fac[i], gpe[i])
    for i in range(events):
        s, e = ws[2 * relations + 3 + i]
        project.add_event(doc, "Movement", (s, e), [("Mover", gpe[i % len(gpe)])])
    project.history.clear()
    return project


def link_first_fac_to_last_gpe(qtbot, w) -> tuple[int, int]:
    """Link the document's first FAC span to its last GPE span through the picker (Ctrl+L,
    Tab to the target, Enter), as an annotator does; return their ids."""
    spans = w.project.spans(w.doc_id)
    fac = next(s.id for s in spans if s.label == "FAC")
    gpe = [s.id for s in spans if s.label == "GPE"][-1]
    click_span(qtbot, w, fac)
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    tab_to(qtbot, w, gpe)
    press(qtbot, w, Qt.Key.Key_Return)
    return fac, gpe


def rows(tree) -> list[int]:
    return [tree.topLevelItem(i).data(0, KIND)[1] if isinstance(tree.topLevelItem(i).data(0, KIND), tuple)
            else tree.topLevelItem(i).data(0, KIND) for i in range(tree.topLevelItemCount())]


def test_past_open_all_only_the_selected_event_shows_its_arguments(open_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(events_panel, "OPEN_ALL", 20)
    w = open_window(busy_project(tmp_path, 30, 2))
    panel, state = w.links.events_panel, w.links.state
    tree = panel.tree
    assert tree.topLevelItemCount() == 30
    assert not any(tree.topLevelItem(i).isExpanded() for i in range(30))
    assert all(tree.topLevelItem(i).childCount() == 1 for i in range(30))  # the arguments are there, closed
    first, second = state.events[3].id, state.events[9].id
    w.links.select_event(first)
    assert [i for i in range(30) if tree.topLevelItem(i).isExpanded()] == [3]
    w.links.select_event(second)
    assert [i for i in range(30) if tree.topLevelItem(i).isExpanded()] == [9]
    assert tree.currentItem() is tree.topLevelItem(9)


def test_an_event_added_or_undone_among_many_changes_only_its_own_row(open_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(events_panel, "OPEN_ALL", 20)
    w = open_window(busy_project(tmp_path, 30, 2))
    panel = w.links.events_panel
    before = dict(panel._items)
    trigger = mark(qtbot, w, find("انسحابها"), Qt.Key.Key_1)  # a new event, in trigger order among the 30
    new = w.links.state.event_of_trigger(trigger)
    assert new is not None and panel.tree.topLevelItemCount() == 31
    assert all(panel._items[key] is item for key, item in before.items())  # not one other row made again
    assert panel._items[(new.id, None)].isExpanded()  # the new event is the selected one
    same_as_a_fresh_read(w)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert panel.tree.topLevelItemCount() == 30
    assert all(panel._items[key] is item for key, item in before.items())
    same_as_a_fresh_read(w)


def test_crossing_open_all_opens_or_closes_every_row(open_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(events_panel, "OPEN_ALL", 30)
    w = open_window(busy_project(tmp_path, 30, 2))
    tree = w.links.events_panel.tree
    assert all(tree.topLevelItem(i).isExpanded() for i in range(30))
    mark(qtbot, w, find("انسحابها"), Qt.Key.Key_1)  # the 31st
    expanded = [i for i in range(31) if tree.topLevelItem(i).isExpanded()]
    assert len(expanded) == 1 and tree.topLevelItem(expanded[0]) is tree.currentItem()
    press(qtbot, w, Qt.Key.Key_Z, CTRL)  # 30 again: all open
    assert all(tree.topLevelItem(i).isExpanded() for i in range(30))
    same_as_a_fresh_read(w)


def test_a_relation_added_or_deleted_among_many_changes_only_its_own_row(open_window, qtbot, tmp_path):
    w = open_window(busy_project(tmp_path, 3, 25))
    panel = w.links.relations_panel
    doc = w.doc_id
    assert rows(panel.tree) == [r.id for r in w.project.relations(doc)]
    before = dict(panel._items)
    fac, gpe = link_first_fac_to_last_gpe(qtbot, w)
    stored = w.project.relations(doc)
    assert len(stored) == 26 and rows(panel.tree) == [r.id for r in stored]
    assert all(panel._items[rid] is item for rid, item in before.items())
    new = next(r.id for r in stored if r.id not in before)
    victim = stored[7].id
    w.links.delete_relation(victim)
    assert rows(panel.tree) == [r.id for r in w.project.relations(doc)] and victim not in rows(panel.tree)
    assert all(panel._items[rid] is item for rid, item in before.items() if rid != victim)
    press(qtbot, w, Qt.Key.Key_Z, CTRL)  # the deleted one is back, in its place
    assert rows(panel.tree) == [r.id for r in w.project.relations(doc)] and victim in rows(panel.tree)
    assert panel._items[new] is not None
    same_as_a_fresh_read(w)


def test_an_events_position_is_found_by_identity_among_equal_looking_events():
    """``LinkedState.position`` finds the very object (bisection by trigger order, a walk
    if the order does not find it), as the panel and the state's own update need."""
    from annotator.core.model import Annotations, Event, Span
    from annotator.gui.linking.linked_state import LinkedState

    spans = [Span("Movement", [(10 * i, 10 * i + 4)], id=i + 1) for i in range(50)]
    events = [Event("Movement", i // 2 + 1, [], id=100 + i) for i in range(100)]  # two events per trigger
    state = LinkedState(1, Annotations(spans=spans, events=events))
    for i, ev in enumerate(events):
        assert state.position(ev) == i
    twin = Event("Movement", 1, [], id=100)  # equal to events[0], another object
    assert twin == events[0]
    events.insert(0, twin)  # out of the order bisection expects for the others: found by the walk
    assert state.position(events[1]) == 1 and state.position(twin) == 0


def test_a_relation_linked_among_many_is_selected_and_the_other_arrows_are_kept(open_window, qtbot, tmp_path):
    w = open_window(busy_project(tmp_path, 3, 25))
    doc = w.doc_id
    arcs_before = {id(a): a for a in w.links._relation_arcs()[0]}
    assert len(arcs_before) == 25
    fac, gpe = link_first_fac_to_last_gpe(qtbot, w)
    stored = w.project.relations(doc)
    new = next(r for r in stored if (r.source, r.target) == (fac, gpe))
    assert w.links.relation_id == new.id and w.view.selected_span == fac
    arcs = w.links._relation_arcs()[0]
    overlay = w.links.link_painter.overlay
    assert len(arcs) == 26 and all(a in overlay.arcs for a in arcs)
    strong = [a for a in arcs if a.strong]
    assert [(a.source.id, a.target.id) for a in strong] == [(fac, gpe)]
    # the 25 arrows of the relations the edit did not touch are the very same objects
    assert sum(id(a) in arcs_before for a in arcs) == 25
    # and the shapes the painter compares are those of a fresh overlay
    assert set(overlay.shapes()) == {a.key for a in overlay.arcs} | {
        ("frame", tuple(map(tuple, s.fragments)), c.rgba()) for s, c in overlay.frames}
    same_as_a_fresh_read(w)


def test_a_relation_edit_reads_and_checks_that_relation_only_and_its_problems_stay_right(open_window, qtbot, tmp_path):
    w = open_window(busy_project(tmp_path, 3, 25))
    doc = w.doc_id
    state = w.links.state
    rels = {r.id: r for r in state.relations}
    victim = state.relations[4]
    # relabel the source of one relation: its type no longer fits, a problem of that relation
    w._edit(lambda: w.project.relabel_span(victim.source, "DATE"))
    state = w.links.state
    assert [p.item for p in state.problems if p.item.startswith("relation ")] == [f"relation {victim.id}"]
    assert all(r is rels[r.id] for r in state.relations if r.id != victim.id)  # the others were not read again
    same_as_a_fresh_read(w)
    # a new relation of the same misfit, then its deletion: problems come and go with it
    gpe = next(s.id for s in w.project.spans(doc) if s.label == "GPE")
    new = w._edit(lambda: w.project.add_relation("LocatedIn", victim.source, gpe))[1]
    assert {p.item for p in w.links.state.problems if p.item.startswith("relation ")} == {
        f"relation {victim.id}", f"relation {new}"}
    same_as_a_fresh_read(w)
    w._edit(lambda: w.project.delete_relation(new))
    assert [p.item for p in w.links.state.problems if p.item.startswith("relation ")] == [f"relation {victim.id}"]
    w._edit(lambda: w.project.delete_span(victim.source))  # the relation goes with its span
    assert not [p for p in w.links.state.problems if p.item.startswith("relation ")]
    assert victim.id not in {r.id for r in w.links.state.relations}
    same_as_a_fresh_read(w)
    for _ in range(3):
        w.undo()
        same_as_a_fresh_read(w)
    assert [p.item for p in w.links.state.problems if p.item.startswith("relation ")] == [f"relation {victim.id}"]
