"""Edits the team database did not acknowledge: kept, retried, shown as not saved yet.

When the connection to a team database breaks while an edit is being saved, PostgreSQL
rolls that edit's transaction back: nothing of it is in the database, and the window has
shown nothing of it (it shows only what the project announces after a commit).  The window
keeps the operation itself here, says in the status bar that it is not saved yet, and runs
it again every few seconds until the database answers; edits made meanwhile wait behind it,
in their order.  An operation that the database refuses when it runs again (another
annotator deleted the span meanwhile) is dropped and said so.  When the break came during
the commit itself, the server is first asked whether that transaction committed
(``PostgreSQLBackend.outcome``), so an edit is never saved twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox

from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow

translate = QCoreApplication.translate

# How often the window tries again to save what is not saved yet.
RETRY_MS = 2000


def lost_connection(exc: BaseException) -> bool:
    """True for a team database's lost connection (the edit was not saved, may be retried)."""
    from annotator.store.postgres import ConnectionLost  # psycopg is not imported by this

    return isinstance(exc, ConnectionLost)


@dataclass
class Kept:
    call: Callable[[], Any]
    xid: int | None  # the commit whose answer was lost, asked about before running again


class UnsavedEdits(QObject):
    """The window's edits waiting for the team database, and their retry."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.kept: list[Kept] = []
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)
        self.label = QLabel(window)
        self.label.setObjectName("unsavedEdits")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)

    def keep(self, call: Callable[[], Any], exc: BaseException | None) -> None:
        """Keep an operation that was cut off (``exc``), or that waits behind one (None),
        to run again."""
        self.kept.append(Kept(call, getattr(exc, "xid", None)))
        self._show()
        self.window.status(str(exc) if exc is not None else translate(
            "MainWindow", "The team database does not answer yet; this edit is kept and saved after the earlier ones."))
        if not self.timer.isActive():
            self.timer.start()

    def retry(self) -> bool:
        """Run the kept operations again, in order, until one is cut off again; True once
        none is left."""
        w = self.window
        while self.kept:
            item = self.kept[0]
            if item.xid is not None:
                committed = w.project.db.outcome(item.xid)
                if committed is None:
                    return False  # still away, or cannot be told yet
                item.xid = None
                if committed:  # it was saved after all: shown by the next look for changes
                    self.kept.pop(0)
                    continue
            w._in_operation += 1
            try:
                item.call()
            except AnnotatorError as exc:
                if lost_connection(exc):
                    item.xid = getattr(exc, "xid", None)
                    self._show()
                    return False
                self.kept.pop(0)
                w.status(translate("MainWindow", "An edit kept while the database was away could not be saved: "
                                   "{reason}").format(reason=str(exc)))
                continue
            finally:
                w._in_operation -= 1
            self.kept.pop(0)
            w._show_pending()
        self.timer.stop()
        self._show()
        w.status(translate("MainWindow", "The team database answers again; every kept edit is saved."))
        return True

    def _show(self) -> None:
        n = len(self.kept)
        self.label.setVisible(n > 0)
        self.label.setText(translate("MainWindow", "Edits not saved yet: {n}").format(n=n))

    def may_close(self) -> bool:
        """Before the window closes: try the kept edits once more; if some are still not
        saved, ask whether to close anyway (they would be lost)."""
        if not self.kept or self.retry():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Edits not saved"),
                          translate("MainWindow", "The team database still does not answer, and {n} edits are not "
                                    "saved; closing the window loses them.").format(n=len(self.kept)),
                          QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("unsaved-edits")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Close
