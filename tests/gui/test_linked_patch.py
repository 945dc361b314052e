"""An edit of one kind of linked annotation reads back and redraws that kind only: a new
stance leaves the relations (and their panel's rows) as they were; an edit of a relation
shows at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_events import ALT, TEXT, WITHDRAWAL, find, mark, press


def test_a_stance_edit_keeps_the_relations_and_their_rows(open_window, qtbot):
    w = open_window([TEXT])
    base = mark(qtbot, w, find("قاعدة الشدادي", WITHDRAWAL), Qt.Key.Key_F)
    hasakah = mark(qtbot, w, find("الحسكة", WITHDRAWAL), Qt.Key.Key_G)
    rel = w._edit(lambda: w.project.add_relation("LocatedIn", base, hasakah))[1]
    tree = w.links.relations_panel.tree
    assert tree.topLevelItemCount() == 1
    relations, row = w.links.state.ann.relations, tree.topLevelItem(0)
    press(qtbot, w, Qt.Key.Key_3, ALT)  # the author's stance, NEUTRAL
    assert len(w.links.state.ann.stances) == 1
    assert w.links.state.ann.relations is relations and tree.topLevelItem(0) is row
    w._edit(lambda: w.project.delete_relation(rel))
    assert tree.topLevelItemCount() == 0 and not w.links.state.ann.relations
    assert len(w.links.state.ann.stances) == 1
