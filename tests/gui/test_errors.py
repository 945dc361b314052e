"""An uncaught error in the window: one sentence on screen, the traceback in the log."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import ProjectError
from annotator.gui.app.errors import install_excepthook


def shown_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "annotator-error" and w.isVisible()]


def test_a_bug_is_one_sentence_and_logged(qapp, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    old = sys.excepthook
    install_excepthook()
    try:
        try:
            {}["missing"]
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        boxes = shown_boxes()
        assert len(boxes) == 1
        text = boxes[0].text()
        assert "KeyError: 'missing'" in text and "Traceback" not in text and "\n" not in text
        log = next(tmp_path.rglob("errors.log"))
        assert str(log) in text
        assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
        boxes[0].close()
        err = ProjectError("there is no span 7.")
        sys.excepthook(type(err), err, None)
        assert [b.text() for b in shown_boxes()] == ["there is no span 7."]
        for b in shown_boxes():
            b.close()
    finally:
        sys.excepthook = old
