"""The window half of ``annotator selftest``: label words the way a user does, through the
real main window (offscreen), and report how many spans it made."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication


def _wait(condition, seconds: float = 10.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return True


def label_through_window(project_path: Path, document_id: int, words: tuple[tuple[str, str], ...], folder: Path) -> int:
    """Open the project in a main window, select each word with a text cursor (UTF-16
    positions, as Qt counts) and trigger its label's action; return the spans made."""
    from annotator.gui.app.app import create_application, register_fonts
    from annotator.gui.app.settings import AppSettings
    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import Project

    previous = qInstallMessageHandler(lambda *_args: None)  # the offscreen platform's chatter
    app = QApplication.instance() or create_application([])
    register_fonts()
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    project = Project.open(project_path, annotator="selftest")
    window = MainWindow(project, settings, "en")
    try:
        window.show()
        window.open_document(document_id)
        if not _wait(lambda: window.ready and window.doc_id == document_id):
            return 0
        before = len(project.spans(document_id))
        index = window.view.u16
        for word, label in words:
            start = window.text.index(word)
            cursor = QTextCursor(window.view.document())
            cursor.setPosition(index.to_utf16(start))
            cursor.setPosition(index.to_utf16(start + len(word)), QTextCursor.MoveMode.KeepAnchor)
            window.view.setTextCursor(cursor)
            window.label_actions[label].trigger()
            app.processEvents()
        return len(project.spans(document_id)) - before
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
        project.close()
        qInstallMessageHandler(previous)
