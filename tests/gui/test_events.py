"""Events, relations, attributes, stances and document labels annotated through the window
on the shared news article: text selected by cursor position, keys pressed, panel widgets
clicked; then the project file is read back (also after closing and reopening)."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.store.project import Project
from tests.conftest import NEWS
from tests.gui.test_main_window import select_utf16

TEXT = NEWS.read_text(encoding="utf-8")
CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier

#: The sentence of the withdrawal, and the sentence of the strikes.
WITHDRAWAL = TEXT.index("بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة")
STRIKES = TEXT.index("وكانت أعلنت «القيادة المركزية الأميركية»")
QUOTE = TEXT.index("مشيراً إلى أن واشنطن باتت تنظر")


def find(word: str, after: int = 0) -> tuple[int, int]:
    s = TEXT.index(word, after)
    return s, s + len(word)


def press(qtbot, w, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)


def mark(qtbot, w, rng: tuple[int, int], key: Qt.Key) -> int:
    """Select ``rng`` by cursor positions, press ``key``; return the new span's id."""
    select_utf16(w.view, w.text, *rng)
    press(qtbot, w, key)
    return w.view.selected_span


def click_span(qtbot, w, span_id: int) -> None:
    """Click the middle of a span as drawn (scrolling it into view first)."""
    w.view.select_span(span_id, reveal=True)
    w.view.clear_selection()
    w.view.viewport().repaint()
    rect = w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(span_id), w.view.u16)[0]
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def choose_in_menu(qtbot, w, digit: Qt.Key) -> None:
    """Press a digit in the numbered menu the window just popped up."""
    qtbot.waitUntil(lambda: w.links.menu is not None and w.links.menu.isVisible())
    qtbot.keyClick(w.links.menu, digit)


def tick(qtbot, button) -> None:
    """Click a check box or radio button on its box (a click past its text misses it)."""
    qtbot.waitUntil(button.isVisible)  # a widget added to a shown panel shows a moment later
    h = button.height() // 2
    x = h if button.layoutDirection() == Qt.LayoutDirection.LeftToRight else button.width() - h
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(x, h))


def tab_to(qtbot, w, span_id: int) -> int:
    """Press Tab until the picker offers ``span_id``; return how many presses it took."""
    for n in range(w.links.picker.count + 1):
        if w.links.picker.candidate == span_id:
            return n
        press(qtbot, w, Qt.Key.Key_Tab)
    raise AssertionError("the span is not among the candidates")


def entities(qtbot, w) -> dict[str, int]:
    """Label the entities the scenario needs, with their hotkeys."""
    return {
        "us": mark(qtbot, w, find("الولايات المتحدة", WITHDRAWAL), Qt.Key.Key_G),
        "base": mark(qtbot, w, find("قاعدة الشدادي", WITHDRAWAL), Qt.Key.Key_F),
        "hasakah": mark(qtbot, w, find("الحسكة", WITHDRAWAL), Qt.Key.Key_G),
        "centcom": mark(qtbot, w, find("القيادة المركزية الأميركية", STRIKES), Qt.Key.Key_O),
        "sites": mark(qtbot, w, find("مواقع", STRIKES), Qt.Key.Key_F),
        "washington": mark(qtbot, w, find("واشنطن", QUOTE), Qt.Key.Key_G),
        "government": mark(qtbot, w, find("الحكومة السورية الجديدة", QUOTE), Qt.Key.Key_O),
    }


def test_the_news_article_annotated_through_the_window_survives_closing(open_window, qtbot):
    w = open_window([TEXT], names=["shaddadi"])
    doc = w.doc_id
    e = entities(qtbot, w)
    steps = len(w.project.history.undo_steps)

    # a withdrawal: the trigger and its event by one key, one undo step
    trigger = find("انسحابها", WITHDRAWAL)
    mark(qtbot, w, trigger, Qt.Key.Key_1)
    assert len(w.project.history.undo_steps) == steps + 1
    (withdrawal,) = w.project.events(doc)
    assert (withdrawal.type, w.project.span(withdrawal.trigger).surface) == ("Movement", "انسحابها")
    assert w.links.event_id == withdrawal.id and trigger in [(s, e_) for s, e_, _ in w.links.state.marks()]  # no Mover yet

    # the Mover: Ctrl+R, the role by its number, Tab to the entity, Enter
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_1)
    assert w.links.picker.active and w.links.picker.label == "Mover"
    tab_to(qtbot, w, e["us"])
    press(qtbot, w, Qt.Key.Key_Return)
    # the Origin: the place left
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_2)
    tab_to(qtbot, w, e["base"])
    press(qtbot, w, Qt.Key.Key_Return)
    assert not w.links.picker.active
    roles = {a.role: w.project.span(a.span).surface for a in w.project.events(doc)[0].arguments}
    assert roles == {"Mover": "الولايات المتحدة", "Origin": "قاعدة الشدادي"}
    assert w.links.state.problems == []  # complete: the mark has gone

    # an attack: trigger by key, attacker by Tab, target by a click
    mark(qtbot, w, find("ضربات", STRIKES), Qt.Key.Key_2)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_1)  # Attacker
    tab_to(qtbot, w, e["centcom"])
    press(qtbot, w, Qt.Key.Key_Return)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_2)  # Target
    click_span(qtbot, w, e["sites"])

    # a relation: click the base, Ctrl+L, Tab to Hasakah, Enter (LocatedIn is the one type that fits)
    click_span(qtbot, w, e["base"])
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    tab_to(qtbot, w, e["hasakah"])
    press(qtbot, w, Qt.Key.Key_Return)

    # attributes: Realis on the withdrawal (its list, from the keyboard), Certainty on the relation
    w.links.select_event(withdrawal.id)
    realis = w.links.events_panel.attributes.widgets["Realis"]
    realis.setFocus()
    qtbot.keyClick(realis, Qt.Key.Key_Down)  # from "default: actual" to "actual"
    certainty = w.links.relations_panel.attributes.widgets["Certainty"]
    certainty.setFocus()
    qtbot.keyClick(certainty, Qt.Key.Key_Down)

    # the author's stance toward a fixed target, for the whole document: Alt+3 (NEUTRAL)
    press(qtbot, w, Qt.Key.Key_3, ALT)
    # Washington's stance toward the new Syrian government, with the words that show it
    press(qtbot, w, Qt.Key.Key_N, CTRL | SHIFT)
    click_span(qtbot, w, e["washington"])
    press(qtbot, w, Qt.Key.Key_H, CTRL | SHIFT)
    click_span(qtbot, w, e["government"])
    press(qtbot, w, Qt.Key.Key_T, CTRL | SHIFT)
    evidence = find("الشريك الرئيسيّ في مكافحة تنظيم داعش", QUOTE)
    select_utf16(w.view, w.text, *evidence)
    press(qtbot, w, Qt.Key.Key_E, CTRL | SHIFT)
    press(qtbot, w, Qt.Key.Key_1, ALT)

    # document labels: two topics (check boxes) and one reliability (a radio button)
    panel = w.links.doc_labels_panel
    w.docks["doc_labels"].raise_()
    qtbot.waitUntil(panel.isVisible)
    for lset, label in (("topic", "military"), ("topic", "politics"), ("reliability", "high")):
        tick(qtbot, panel.buttons[lset][label])
    assert w.links.state.problems == []

    path = w.project.path
    w.shutdown()
    w.project.close()
    with Project.open(path, annotator="lina") as p:
        check_everything(p, doc, e)
        stats = p.stats()
        assert stats["events"] == {"Attack": 1, "Movement": 1} and stats["relations"] == {"LocatedIn": 1}
        assert stats["stances"] == {"FAVOR": 1, "NEUTRAL": 1} and stats["evidence"] == 1
        assert stats["attributes"] == {"event": {"Realis": {"actual": 1}}, "relation": {"Certainty": {"certain": 1}}}
        assert p.validate() == []
        export_and_check(p, path.parent)
    again = open_window(Project.open(path, annotator="lina"))
    assert again.links.events_panel.tree.topLevelItemCount() == 2
    assert again.links.relations_panel.tree.topLevelItemCount() == 1
    assert again.links.stance_panel.tree.topLevelItemCount() == 2
    assert panel is not again.links.doc_labels_panel and again.links.doc_labels_panel.buttons["reliability"]["high"].isChecked()


def check_everything(p: Project, doc: int, e: dict[str, int]) -> None:
    surface = {s.id: s.surface for s in p.spans(doc)}
    events = {ev.type: ev for ev in p.events(doc)}
    assert {t: surface[ev.trigger] for t, ev in events.items()} == {"Movement": "انسحابها", "Attack": "ضربات"}
    assert {(a.role, surface[a.span]) for a in events["Movement"].arguments} == {
        ("Mover", "الولايات المتحدة"), ("Origin", "قاعدة الشدادي")}
    assert {(a.role, surface[a.span]) for a in events["Attack"].arguments} == {
        ("Attacker", "القيادة المركزية الأميركية"), ("Target", "مواقع")}
    assert events["Movement"].attributes == {"Realis": "actual"}
    (rel,) = p.relations(doc)
    assert (rel.type, surface[rel.source], surface[rel.target], rel.attributes) == (
        "LocatedIn", "قاعدة الشدادي", "الحسكة", {"Certainty": "certain"})
    author, washington = p.stances(doc)
    assert (author.label, author.target_kind, author.target, author.holder, author.scope) == (
        "NEUTRAL", "fixed", "US withdrawal from Syria", None, "document")
    assert (washington.label, washington.target_kind, washington.target, washington.holder, washington.scope) == (
        "FAVOR", "span", e["government"], e["washington"], "span")
    (ev_span,) = washington.evidence
    span = p.span(ev_span)
    assert (span.label, span.surface) == ("Evidence", "الشريك الرئيسيّ في مكافحة تنظيم داعش")
    assert TEXT[span.start:span.end] == span.surface
    assert p.doc_labels(doc) == {"topic": ["politics", "military"], "reliability": ["high"]}


def export_and_check(p: Project, folder) -> None:
    from annotator.transfer.export import export_project

    manifest = export_project(p, "jsonl", folder / "out", annotator="lina")
    (line,) = [json.loads(x) for x in manifest.files[0].read_text(encoding="utf-8").splitlines()]
    layer = line["annotations"][0] if "annotations" in line else line
    spans = {s["id"]: s for s in layer["spans"]}
    assert {ev["type"] for ev in layer["events"]} == {"Movement", "Attack"}
    movement = next(ev for ev in layer["events"] if ev["type"] == "Movement")
    assert spans[movement["trigger"]]["surfaces"] == ["انسحابها"] and movement["attributes"] == {"Realis": "actual"}
    assert [r["type"] for r in layer["relations"]] == ["LocatedIn"]
    assert [s["label"] for s in layer["stances"]] == ["NEUTRAL", "FAVOR"]
    assert spans[layer["stances"][1]["evidence"][0]]["label"] == "Evidence"
    assert layer["doc_labels"] == {"topic": ["politics", "military"], "reliability": ["high"]}


def test_undo_and_redo_reach_events_relations_stances_and_labels(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    press(qtbot, w, Qt.Key.Key_3, ALT)
    w.docks["doc_labels"].raise_()
    qtbot.waitUntil(w.links.doc_labels_panel.isVisible)
    tick(qtbot, w.links.doc_labels_panel.buttons["topic"]["military"])
    assert w.project.doc_labels(w.doc_id) == {"topic": ["military"]}
    for _ in range(3):
        press(qtbot, w, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: w.ready and e["us"] in w.view.store and len(w.view.store) == len(e))
    assert w.project.events(w.doc_id) == [] and w.project.stances(w.doc_id) == []
    assert w.links.state.events == [] and not w.links.doc_labels_panel.buttons["topic"]["military"].isChecked()
    press(qtbot, w, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.ready and len(w.view.store) == len(e) + 1)
    assert [ev.type for ev in w.links.state.events] == ["Movement"]
    assert w.links.events_panel.tree.topLevelItemCount() == 1


def test_changing_and_deleting_events_arguments_relations_and_stances(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    trigger = mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    press(qtbot, w, Qt.Key.Key_R, CTRL)
    choose_in_menu(qtbot, w, Qt.Key.Key_1)
    click_span(qtbot, w, e["us"])
    # another event key on the selected trigger changes the type (trigger and event together)
    click_span(qtbot, w, trigger)
    press(qtbot, w, Qt.Key.Key_7)
    assert [ev.type for ev in w.project.events(w.doc_id)] == ["Control"]
    assert w.view.store.get(trigger).label == "Control"
    # the type list of the panel changes it back
    panel = w.links.events_panel
    panel.type.setCurrentIndex(panel.type.findData("Movement"))
    panel.type.activated.emit(panel.type.currentIndex())
    assert w.project.span(trigger).label == "Movement"
    # delete the argument from the panel with the Delete key
    top = panel.tree.topLevelItem(0)
    panel.tree.setCurrentItem(top.child(0))
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert w.project.events(w.doc_id)[0].arguments == [] and e["us"] in w.view.store
    assert [p.kind for p in w.links.state.problems] == ["cardinality"]  # the Mover is missing again
    # delete the event: its trigger goes from the list and the view
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert w.project.events(w.doc_id) == [] and trigger not in w.view.store
    # a relation and a stance deleted from their panels
    w.project.add_relation("LocatedIn", e["base"], e["hasakah"])
    w.links.refresh()
    w.links.relations_panel.tree.setCurrentItem(w.links.relations_panel.tree.topLevelItem(0))
    qtbot.mouseClick(w.links.relations_panel.delete, Qt.MouseButton.LeftButton)
    assert w.project.relations(w.doc_id) == []
    click_span(qtbot, w, e["washington"])
    press(qtbot, w, Qt.Key.Key_H, CTRL | SHIFT)
    select_utf16(w.view, w.text, *find("باتت تنظر", QUOTE))
    press(qtbot, w, Qt.Key.Key_E, CTRL | SHIFT)
    press(qtbot, w, Qt.Key.Key_2, ALT)
    (st,) = w.project.stances(w.doc_id)
    assert st.holder == e["washington"] and st.scope == "span" and st.evidence[0] in w.view.store
    press(qtbot, w, Qt.Key.Key_1, ALT)  # a label key relabels the selected stance
    assert w.project.stances(w.doc_id)[0].label == "FAVOR"
    qtbot.mouseClick(w.links.stance_panel.delete, Qt.MouseButton.LeftButton)
    assert w.project.stances(w.doc_id) == [] and st.evidence[0] not in w.view.store


def test_an_argument_in_another_sentence_is_scrolled_into_view(open_window, qtbot):
    w = open_window([TEXT])
    w.resize(900, 420)
    first = mark(qtbot, w, find("الولايات المتحدة", WITHDRAWAL), Qt.Key.Key_G)
    far = mark(qtbot, w, find("فرنسا تقف"), Qt.Key.Key_G)  # near the end of the article
    trigger = mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    eid = w.links.event_id
    w.project.add_argument(eid, "Mover", first)
    w.project.add_argument(eid, "Mover", far)
    w.links.refresh()
    panel = w.links.events_panel
    top = panel.tree.topLevelItem(0)
    far_item = next(top.child(i) for i in range(top.childCount()) if "فرنسا" in top.child(i).text(1))
    w.view.select_span(trigger, reveal=True)
    w.view.viewport().repaint()
    blocks = w.view.visible_blocks()
    assert not w.view.painter.rects_of(blocks, w.view.store.get(far), w.view.u16)  # off screen
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualItemRect(far_item).center())
    w.view.viewport().repaint()
    assert w.view.selected_span == far and w.links.event_id == eid
    assert w.view.painter.rects_of(w.view.visible_blocks(), w.view.store.get(far), w.view.u16)  # now shown
    assert {a.label for a in w.links.link_painter.overlay.arcs} == {"Mover"}


def test_the_list_of_keys_names_the_new_commands(open_window):
    w = open_window(["نص"])
    keys = dict((t, k) for k, t in __import__("annotator.gui.window.actions", fromlist=["x"]).shortcut_rows(
        w.actions_, [*w.label_actions.values(), *w.links.actions()]))
    assert keys["Add an argument…"] == "Ctrl+R" and keys["Link to…"] == "Ctrl+L"
    assert keys["Against"] == "Alt+2" and keys["Evidence ← selection"] == "Ctrl+Shift+E"
    assert QApplication.instance() is not None


def test_stance_targets_free_text_fixed_and_entity_and_the_author_as_holder(open_window, qtbot):
    w = open_window([TEXT])
    e = entities(qtbot, w)
    w.docks["stance"].raise_()
    panel = w.links.stance_panel
    qtbot.waitUntil(panel.isVisible)
    # a free-text target, typed
    panel.target.setCurrentIndex(panel.target.findData("text:"))
    panel.target.activated.emit(panel.target.currentIndex())
    qtbot.waitUntil(panel.target_text.isVisible)
    panel.target_text.setFocus()
    panel.target_text.insert("بقاء القوات الأميركية")  # pasted: QTest types ASCII only
    qtbot.keyClick(panel.target_text, Qt.Key.Key_Return)
    press(qtbot, w, Qt.Key.Key_2, ALT)
    (st,) = w.project.stances(w.doc_id)
    assert (st.target_kind, st.target, st.holder, st.scope) == ("text", "بقاء القوات الأميركية", None, "document")
    # the selected stance: another fixed target from the list, then an entity, then back to the author
    panel.target.setCurrentIndex(panel.target.findData("fixed:Syrian government"))
    panel.target.activated.emit(panel.target.currentIndex())
    assert w.project.stances(w.doc_id)[0].target == "Syrian government"
    click_span(qtbot, w, e["centcom"])
    press(qtbot, w, Qt.Key.Key_H, CTRL | SHIFT)
    click_span(qtbot, w, e["government"])
    press(qtbot, w, Qt.Key.Key_T, CTRL | SHIFT)
    st = w.project.stances(w.doc_id)[0]
    assert (st.target_kind, st.target, st.holder) == ("span", e["government"], e["centcom"])
    assert {a.label for a in w.links.link_painter.overlay.arcs} == {"Against"}  # holder → target, drawn
    panel.holder.setCurrentIndex(0)
    panel.holder.activated.emit(0)
    assert w.project.stances(w.doc_id)[0].holder is None and panel.holder.currentText() == "The author"
    w.undo()
    assert w.project.stances(w.doc_id)[0].holder == e["centcom"]


def test_an_attribute_list_changed_from_the_keyboard_stays_under_the_keys(open_window, qtbot):
    """Down in an event's Realis list stores the value, and the list the key went to is
    still there: a second Down moves on.  The list used to be made again
    (deleted) inside its own key press, a use after free that segfaulted CI."""
    import shiboken6

    w = open_window([TEXT], names=["shaddadi"])
    s, e = find("انسحابها", WITHDRAWAL)
    ok, event = w._edit(lambda: w.project.add_event(w.doc_id, "Movement", (s, e)))
    w.reload_spans()
    w.links.select_event(event)
    realis = w.links.events_panel.attributes.widgets["Realis"]
    realis.setFocus()
    qtbot.keyClick(realis, Qt.Key.Key_Down)
    assert w.project.events(w.doc_id)[0].attributes == {"Realis": "actual"}
    assert shiboken6.isValid(realis) and w.links.events_panel.attributes.widgets["Realis"] is realis
    qtbot.keyClick(realis, Qt.Key.Key_Down)
    assert w.project.events(w.doc_id)[0].attributes == {"Realis": "planned"}
    w.links.select_event(None)  # nothing selected, then the event again: its value is shown
    w.links.select_event(event)
    assert w.links.events_panel.attributes.widgets["Realis"].currentData() == "planned"
