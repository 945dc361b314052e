"""Long work (an import, an export) on a thread of its own, and the dialog that shows it.

A ``Project`` belongs to the thread that opened it, so a job opens its own connection
(``Project.open(path)``) on its thread and closes it when done; the window's connection
sees what the job wrote once it commits (WAL).  The job reports through signals, which
Qt queues to the GUI thread.  Cancel sets a flag that the work polls (``cancelled()``):
the export then raises ``ExportCancelled`` and leaves nothing behind, the import raises
``ImportCancelled`` before its commit and leaves the project unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from annotator.core.collector import collector_paused
from annotator.core.errors import AnnotatorError, Cancelled

#: ``work(project, job)``: runs on the job's thread with the job's own project connection.
Work = Callable[[Any, "Job"], Any]


class Job(QThread):
    """Run ``work`` on a thread with its own connection to the project at ``path``."""

    progressed = Signal(int, int)  # done, total
    reading = Signal(str, int, int)  # path, index, count: a file is being read
    succeeded = Signal(object)  # what ``work`` returned
    failed = Signal(str)  # one sentence
    cancelled = Signal()

    def __init__(self, path: str | Path, annotator: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotator-job")
        self.path = str(path)
        self.annotator = annotator
        self.work = work
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next check; then nothing is changed)."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        """The ``cancelled()`` callback given to the work."""
        return self._stop.is_set()

    def report(self, done: int, total: int) -> None:
        """The ``progress(done, total)`` callback given to the work."""
        self.progressed.emit(done, total)

    def report_reading(self, path: Path, index: int, count: int) -> None:
        """The ``reading(path, index, count)`` callback given to an import."""
        self.reading.emit(str(path), index, count)

    def run(self) -> None:  # on the job's thread
        from annotator.store.project import Project

        project = None
        try:
            project = Project.open(self.path, annotator=self.annotator)
            with collector_paused():  # a full collection amid a million new objects holds the GIL, and so the window, for 0.2 s
                result = self.work(project, self)
        except Cancelled:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, the traceback goes to the log
            from annotator.errorlog import log_internal_error

            log = log_internal_error(exc)
            where = self.tr(" Details are in {log}.").format(log=log) if log else ""
            self.failed.emit(self.tr("Something unexpected went wrong ({error}).").format(
                error=f"{type(exc).__name__}: {exc}") + where)
        else:
            self.succeeded.emit(result)
        finally:
            if project is not None:
                project.close()


class ProgressDialog(QDialog):
    """How far a job is, and a Cancel button.  Window-modal: the window keeps painting,
    but cannot be edited while an import holds the project's write lock."""

    def __init__(self, title: str, job: Job, parent: QWidget | None = None, *, step: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.job = job
        self.step = step or self.tr("{done} of {total} documents")
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr("Starting…"))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        job.progressed.connect(self.set_progress)
        job.reading.connect(self.set_reading)
        job.finished.connect(self._finish)

    def set_progress(self, done: int, total: int) -> None:
        if self.job.is_cancelled():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(self.step.format(done=f"{done:,}", total=f"{total:,}"))

    def set_reading(self, path: str, index: int, count: int) -> None:
        if self.job.is_cancelled():
            return
        self.bar.setRange(0, 0)
        name = Path(path).name or path
        text = self.tr("Reading {name}…").format(name=name) if count == 1 else \
            self.tr("Reading {name} ({index} of {count})…").format(name=name, index=index + 1, count=count)
        self.label.setText(text)

    def reject(self) -> None:
        """Cancel (the button, Escape, closing the dialog): stop the job, close when it ends."""
        if self.job.isFinished():
            super().reject()
            return
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def _finish(self) -> None:
        self.done(QDialog.DialogCode.Accepted)
