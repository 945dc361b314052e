"""Changes made by other programs (the CLI, a script, another window) appear in the window.

The window's ``Project`` is asked once a second whether another connection has edited the
project (``Project.poll``: one ``PRAGMA data_version`` when nothing happened, then the new
entries of the edit log).  If one has, its ``Changes`` (kind ``external``: which documents
is known, not which rows) go the window's one way, ``MainWindow.show_changes``: the
document list, the panels and the undo actions are read again, the open document's spans
too if the edits touched it; and the status bar says so.  Commits that are no edits (suggestions written by the window's own recommender
thread, time tracking) are not reported, so they never reload the window.  The window's own imports and exports run on a connection of their own
and refresh the window themselves when they finish, so polling waits while one runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow

translate = QCoreApplication.translate

#: How often the window looks for other programs' changes.
INTERVAL_MS = 1000


class ExternalChanges(QObject):
    """Polls the window's project and shows what other programs changed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.window.project.poll()  # what is there now is what the window shows
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> bool:
        """Show other programs' changes, if any; return True if there were some."""
        w = self.window
        if w.job is not None or w.project.closed:
            return False
        changes = w.project.poll()
        if changes is None:
            return False
        w.show_changes(changes)
        w.status(translate("MainWindow", "Another program changed this project; the window shows its changes."))
        return True
