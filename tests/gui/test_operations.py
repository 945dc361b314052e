"""The window's one operation path: every edit, undo and redo returns ``Changes`` and each
view and panel shows exactly what they name.  Driven by keys on the shared news article;
what the window shows is compared with the project file read back (and with a fresh read
of everything, which is what the window no longer does after an edit)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.gui.linking.linked_state import LinkedState
from annotator.gui.panels.models import ID_ROLE
from annotator.store.changes import Changes
from tests.gui.test_events import (
    CTRL,
    STRIKES,
    TEXT,
    WITHDRAWAL,
    choose_in_menu,
    click_span,
    entities,
    find,
    mark,
    press,
    tab_to,
)


def list_count(w, doc: int) -> str:
    """The Spans column of ``doc``'s row in the document list, as shown."""
    model = w.doc_model
    row = model.row_of(doc)
    assert model.data(model.index(row, 0), ID_ROLE) == doc
    return model.data(model.index(row, 2))


def stored(w) -> dict[int, tuple[str, tuple[tuple[int, int], ...]]]:
    return {sid: (label, frags) for sid, label, frags in w.project.span_rows(w.doc_id)}


def shown(w) -> dict[int, tuple[str, tuple[tuple[int, int], ...]]]:
    """What the view's store and the annotation list hold (they must agree)."""
    items = {it.id: (it.label, it.fragments) for it in w.view.store.items()}
    listed = {w.span_model.item(r).id for r in range(w.span_model.rowCount())}
    assert listed == set(items)
    return items


def same_as_a_fresh_read(w) -> None:
    """The linked state kept up to date from Changes equals one read whole from the file,
    and the Events panel lists its events in that order."""
    fresh = LinkedState.load(w.project, w.doc_id)
    tree = w.links.events_panel.tree
    assert [tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1)[1] for i in range(tree.topLevelItemCount())] == [
        e.id for e in fresh.events]
    state = w.links.state
    assert [e.id for e in state.events] == [e.id for e in fresh.events]
    assert state.events == fresh.events and state.relations == fresh.relations and state.stances == fresh.stances
    assert sorted(map(str, state.problems)) == sorted(map(str, fresh.problems))
    for sid, span in fresh.spans.items():
        assert (state.spans[sid].label, state.spans[sid].fragments) == (span.label, span.fragments)


def test_the_document_list_counts_spans_right_after_each_edit_undo_and_redo(open_window, qtbot):
    w = open_window([TEXT, "وثيقة ثانية"], names=["news", "other"])
    doc = w.doc_id
    assert list_count(w, doc) == "0"
    e = entities(qtbot, w)
    assert list_count(w, doc) == f"{len(e)}" == f"{len(stored(w))}"  # not one edit behind
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert list_count(w, doc) == f"{len(e) - 1}" == f"{len(stored(w))}"
    press(qtbot, w, Qt.Key.Key_Y, CTRL)
    assert list_count(w, doc) == f"{len(e)}"
    click_span(qtbot, w, e["us"])
    press(qtbot, w, Qt.Key.Key_Delete)
    assert list_count(w, doc) == f"{len(e) - 1}" == f"{len(stored(w))}"
    assert shown(w) == stored(w)


def test_undo_and_redo_show_the_spans_they_name_without_reading_the_document_again(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    loads = []
    w.reader.spansLoaded.connect(lambda *a: loads.append(a))
    click_span(qtbot, w, e["base"])
    press(qtbot, w, Qt.Key.Key_O)  # relabel
    assert stored(w)[e["base"]][0] == "ORG" == w.view.store.get(e["base"]).label
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert shown(w) == stored(w) and stored(w)[e["base"]][0] == "FAC"
    press(qtbot, w, Qt.Key.Key_Z, CTRL)  # the last entity marked goes
    assert e["government"] not in w.view.store and shown(w) == stored(w)
    press(qtbot, w, Qt.Key.Key_Y, CTRL)
    press(qtbot, w, Qt.Key.Key_Y, CTRL)
    assert shown(w) == stored(w) and w.view.store.get(e["government"]).label == "ORG"
    qtbot.wait(50)
    assert loads == []  # every step was shown from its Changes: no read of all the spans


def test_events_arguments_relations_and_stances_shown_from_changes_equal_a_fresh_read(open_window, qtbot):
    w = open_window([TEXT])
    doc = w.doc_id
    e = entities(qtbot, w)
    trigger = mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    (ev,) = w.project.events(doc)
    assert w.view.store.get(trigger).label == "Movement"  # the trigger came through Changes
    assert w.links.events_panel.tree.topLevelItemCount() == 1 and w.links.state.problems  # no Mover yet
    same_as_a_fresh_read(w)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_1)  # Mover
    assert w.links.picker.count == 5  # the GPE and ORG spans fit
    tab_to(qtbot, w, e["us"])
    press(qtbot, w, Qt.Key.Key_Return)
    assert [a.span for a in w.project.events(doc)[0].arguments] == [e["us"]]
    assert w.links.state.problems == []
    assert w.links.events_panel.tree.topLevelItem(0).childCount() == 1
    same_as_a_fresh_read(w)
    # a second event, a relation, a stance
    mark(qtbot, w, find("ضربات", STRIKES), Qt.Key.Key_2)
    same_as_a_fresh_read(w)
    click_span(qtbot, w, e["base"])
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    tab_to(qtbot, w, e["hasakah"])
    press(qtbot, w, Qt.Key.Key_Return)
    assert len(w.project.relations(doc)) == 1 == len(w.links.state.relations)
    w.links.start_new_stance()
    w.links.apply_stance_label("FAVOR")
    assert len(w.project.stances(doc)) == 1 == len(w.links.state.stances)
    same_as_a_fresh_read(w)
    # undo all of it, step by step: after each the state equals a fresh read
    while w.project.history.undo_steps:
        press(qtbot, w, Qt.Key.Key_Z, CTRL)
        same_as_a_fresh_read(w)
        assert shown(w) == stored(w)
    assert w.links.events_panel.tree.topLevelItemCount() == 0 and not w.view.store.items()
    while w.project.history.redo_steps:
        press(qtbot, w, Qt.Key.Key_Y, CTRL)
        same_as_a_fresh_read(w)
    assert [x.id for x in w.project.events(doc)] == [x.id for x in w.links.state.events] and ev.id == w.links.state.events[0].id
    assert w.links.events_panel.tree.topLevelItemCount() == 2


def test_deleting_a_trigger_span_drops_its_event_from_the_panel(open_window, qtbot):
    w = open_window([TEXT])
    trigger = mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    click_span(qtbot, w, trigger)
    press(qtbot, w, Qt.Key.Key_Delete)
    assert w.project.events(w.doc_id) == [] and w.links.state.events == []
    assert w.links.events_panel.tree.topLevelItemCount() == 0
    same_as_a_fresh_read(w)


def test_the_picker_tabs_through_the_spans_that_fit_in_text_order_from_the_nearest(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_2)  # Origin: GPE, LOC, FAC
    fits = [it.id for it in w.view.store.items() if it.label in ("GPE", "LOC", "FAC")]
    assert w.links.picker.count == len(fits) == 5
    first = w.links.picker.candidate
    assert first in (e["us"], e["base"])  # next to the trigger
    seen = [first]
    for _ in range(len(fits) - 1):
        press(qtbot, w, Qt.Key.Key_Tab)
        seen.append(w.links.picker.candidate)
    assert sorted(seen) == sorted(fits)  # each once, round the end
    i = fits.index(first)
    assert seen == fits[i:] + fits[:i]  # in text order
    press(qtbot, w, Qt.Key.Key_Backtab)
    assert w.links.picker.candidate == seen[-2]
    press(qtbot, w, Qt.Key.Key_Escape)
    assert not w.links.picker.active


def test_label_all_and_its_undo_reach_the_list_and_view_at_once(open_window, qtbot):
    w = open_window([TEXT])
    from annotator.core.text import NormalizedText
    from annotator.gui.window.workers import find_hits

    hits = find_hits(NormalizedText(TEXT), "في")
    assert len(hits) > 10
    w.label_all("LOC", hits)
    assert shown(w) == stored(w) and len(stored(w)) == len(hits)
    assert list_count(w, w.doc_id) == f"{len(hits)}"
    press(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert shown(w) == stored(w) == {}
    assert list_count(w, w.doc_id) == "0"


def test_other_programs_and_imports_come_through_show_changes(open_window, qtbot, tmp_path):
    from annotator.store.project import Project

    w = open_window([TEXT])
    seen: list[Changes] = []
    original = w.show_changes
    w.show_changes = lambda c: (seen.append(c), original(c))[1]  # type: ignore[method-assign]
    with Project.open(w.project.path, annotator="lina") as other:
        other.add_span(w.doc_id, "PER", *find("واشنطن"))
    assert w.external.check()
    assert [c.kind for c in seen] == ["external"]
    qtbot.waitUntil(lambda: w.ready)
    assert shown(w) == stored(w) and len(stored(w)) == 1
    assert list_count(w, w.doc_id) == "1"


def test_a_document_opens_with_the_spans_on_screen_before_all_have_loaded(open_window, qtbot):
    w = open_window([TEXT, "وثيقة ثانية"])
    doc = w.doc_id
    e = entities(qtbot, w)
    w.open_document(w.project.documents(0, 2)[1].id)
    qtbot.waitUntil(lambda: w.ready)
    w.open_document(doc)  # returns before the reader thread has read the document's spans
    assert not w.ready
    on_screen = {it.id for it in w.view.store.items()}
    lo, hi = w.view.visible_blocks()[0].start, w.view.visible_blocks()[-1].end
    assert on_screen and on_screen <= set(e.values())
    assert on_screen == {sid for sid, (_, frags) in stored(w).items() if frags[0][0] < hi and frags[-1][1] > lo}
    w.view.viewport().repaint()
    assert {it.id for _, it, _ in w.view.painter.hits} == on_screen  # drawn in the first paint
    qtbot.waitUntil(lambda: w.ready)
    assert shown(w) == stored(w)
