"""Thousands of highlights must not crash (PySide6 6.12.0 on Python 3.11 died with "Fatal
Python error: none_dealloc" after a few thousand QTextCharFormat/ExtraSelection
constructions; pyproject.toml pins a good version)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from annotator.gui.text.document_view import DocumentView
from annotator.gui.text.span_store import SpanStore

EXTRA_SELECTIONS = textwrap.dedent("""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit
    app = QApplication([])
    edit = QPlainTextEdit()
    edit.setPlainText("قاعدة الشدادي في محافظة الحسكة 😀 " * 400)
    selections = []
    for i in range(6000):
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(i % 5000)
        cursor.setPosition(i % 5000 + 5, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(QColor(255, 200, 0, 90)))
        sel.format = fmt
        selections.append(sel)
        if i % 1000 == 999:
            edit.setExtraSelections(selections)
    edit.show()
    edit.viewport().repaint()
    print("ok", len(edit.extraSelections()))
""")


def test_thousands_of_extra_selections_do_not_crash_the_interpreter():
    r = subprocess.run([sys.executable, "-c", EXTRA_SELECTIONS], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("ok 6000"), r.stderr[-2000:]


def test_the_view_paints_thousands_of_spans_across_a_document(qtbot, settings):
    line = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة 2024 Trump 😀\n"
    text = line * 300
    rows = []
    sid = 0
    for k in range(300):
        base = k * len(line)
        for word in ("الولايات المتحدة", "الولايات", "قاعدة الشدادي", "الشدادي", "الحسكة", "2024", "Trump", "😀"):
            s = base + line.index(word)
            sid += 1
            rows.append((sid, "GPE" if sid % 2 else "FAC", ((s, s + len(word)),)))
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_colors({"GPE": "#4363d8", "FAC": "#911eb4"}, {})
    view.set_document(text, SpanStore(rows))
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    drawn = set()
    bar = view.verticalScrollBar()
    while True:
        view.viewport().repaint()
        drawn |= {item.id for _, item, _ in view.painter.hits}
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + max(1, bar.pageStep()))
    assert len(rows) == 2400 and drawn == {r[0] for r in rows}
