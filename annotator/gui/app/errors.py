"""What the window does with an error nobody caught: one sentence in a message box, the
traceback in the error log (``annotator.errorlog``), and the window goes on.

A user-facing ``AnnotatorError`` (a bad file, a refused edit) is shown as it is; anything
else is a bug, said as such with the log's path.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.errorlog import log_internal_error


def message_for(exc: BaseException) -> str:
    """Return the one sentence the user sees for ``exc`` (logging a bug's traceback)."""
    if isinstance(exc, AnnotatorError):
        return str(exc)
    log = log_internal_error(exc)
    where = f" The details are in {log}." if log else ""
    return (QApplication.translate("Errors", "Something went wrong inside annotator ({what}); your annotations "
                                   "up to the last edit are saved.").format(what=f"{type(exc).__name__}: {exc}") + where)


_open_boxes: list[QMessageBox] = []  # a box without a parent lives only while referenced


def show_error(exc: BaseException) -> QMessageBox:
    """Show ``exc`` in a message box over the active window (not blocking); return it."""
    box = QMessageBox(QMessageBox.Icon.Critical, "annotator", message_for(exc), QMessageBox.StandardButton.Ok,
                      QApplication.activeWindow())
    box.setObjectName("annotator-error")
    _open_boxes.append(box)
    box.finished.connect(lambda _result: _open_boxes.remove(box) if box in _open_boxes else None)
    box.open()
    return box


def install_excepthook() -> None:
    """Route uncaught exceptions (in slots, timers, event handlers) to ``show_error``."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        exc.__traceback__ = tb
        show_error(exc)

    sys.excepthook = hook
