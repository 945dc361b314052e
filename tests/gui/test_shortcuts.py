"""No two commands of the window share a key (features built apart must not collide)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction, QKeySequence

from tests.gui.test_main_window import NEWS


def test_every_shortcut_belongs_to_one_command(open_window):
    window = open_window([NEWS])
    keys: Counter[str] = Counter()
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                keys[key] += 1
                owners.setdefault(key, []).append(action.text())
    clashes = {k: owners[k] for k, n in keys.items() if n > 1}
    assert clashes == {}
