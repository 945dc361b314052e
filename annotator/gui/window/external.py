"""Changes made by other programs (the CLI, a script, another window) appear in the window.

The window's ``Project`` is asked once a second whether another connection has edited the
project (``Project.poll``: one ``PRAGMA data_version`` when nothing happened, then the new
entries of the edit log).  If one has, its ``Changes`` (kind ``external``: which documents
is known, not which rows) go the window's one way, ``MainWindow.show_changes``: the
document list, the panels and the undo actions are read again, the open document's spans
too if the edits touched it; and the status bar says so.  Commits that are no edits (suggestions written by the window's own recommender
thread, time tracking) are not reported, so they never reload the window.  The window's own imports and exports run on a connection of their own
and refresh the window themselves when they finish, so polling waits while one runs.

On a team database the window does not wait for the next second: every commit sends a
``NOTIFY``, and a ``QSocketNotifier`` on the connection's socket wakes the window as soon as
one arrives (``PostgreSQLBackend.fileno``/``wait``), so another annotator's edit, a new
assignment or the lead's progress view are up to date at once.  The timer stays, slower, for
what a notification cannot say (one read while a query ran, a connection made again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow

translate = QCoreApplication.translate

#: How often the window looks for other programs' changes.
INTERVAL_MS = 1000
# How often, on a team database whose notifications wake the window, it looks anyway.
TEAM_INTERVAL_MS = 5000


class ExternalChanges(QObject):
    """Polls the window's project and shows what other programs changed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.notifier: QSocketNotifier | None = None  # on a team database's socket
        self._fileno = -1

    def start(self) -> None:
        self.window.project.poll()  # what is there now is what the window shows
        if hasattr(self.window.project.db, "fileno"):
            self.timer.setInterval(TEAM_INTERVAL_MS)
            self._watch()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.notifier is not None:
            self.notifier.setEnabled(False)

    def _watch(self) -> None:
        """Watch the team database's socket (again, after the connection was made again)."""
        db = self.window.project.db
        if db.raw.broken or db.raw.closed:
            if self.notifier is not None:
                self.notifier.setEnabled(False)  # a dead socket stays readable: no busy loop
            return
        fileno = db.fileno()
        if fileno == self._fileno and self.notifier is not None:
            self.notifier.setEnabled(True)
            return
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
        self._fileno = fileno
        self.notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._notified)

    def _notified(self) -> None:
        """A notification (or the end of the connection) arrived on the socket."""
        w = self.window
        try:
            foreign = w.project.db.wait(0)  # read it off the socket; False if it was the window's own
        except AnnotatorError as exc:
            w.status(str(exc))
            foreign = False
        if foreign:
            self.check()
        self._watch()

    def check(self) -> bool:
        """Show other programs' changes, if any; return True if there were some."""
        w = self.window
        if w.job is not None or w.project.closed:
            return False
        try:
            changes = w.project.poll()
        except AnnotatorError as exc:  # a team database that does not answer: said, tried again
            w.status(str(exc))
            return False
        finally:
            if hasattr(w.project.db, "fileno"):
                self._watch()
        if changes is None:
            return False
        w.show_changes(changes)
        w.status(translate("MainWindow", "Another program changed this project; the window shows its changes."))
        return True
