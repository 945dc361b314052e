"""Retraining off the GUI thread: the suggestion thread owns its own project connection,
trains the recommenders on the annotator's layer and rewrites one document's suggestions.
A request superseded by a newer one before it starts is skipped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from annotator.gui.workers import BackgroundThread, ProjectWorker, gc_paused


class _Worker(ProjectWorker):
    refreshed = Signal(int, int, object)  # token, document id, SuggestReport

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.latest = 0
        self.lock = threading.Lock()

    @Slot(int, int, str, object)
    def retrain(self, token: int, document_id: int, annotator: str, recommenders: object) -> None:
        with self.lock:
            if token < self.latest:  # superseded while queued
                return
        try:
            from annotator.suggest import Suggester

            project = self._project()
            project.annotator = annotator
            project.refresh()
            with gc_paused():
                report = Suggester(project, list(recommenders) if recommenders else None).run([document_id])
            self.refreshed.emit(token, document_id, report)
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence, never raised in a thread
            self.failed.emit(token, f"{type(exc).__name__}: {exc}")


class SuggestThread(BackgroundThread):
    """Retrains and suggests on a background thread."""

    refreshed = Signal(int, int, object)
    _retrain = Signal(int, int, str, object)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(_Worker(path), "annotator-suggest", parent)
        self._retrain.connect(self._worker.retrain)
        self._worker.refreshed.connect(self.refreshed)
        self._thread.start()

    def retrain(self, document_id: int, annotator: str, recommenders: list[str] | None = None) -> int:
        """Ask for fresh suggestions on a document; return the request's token."""
        token = self._next()
        with self._worker.lock:
            self._worker.latest = token
        self._retrain.emit(token, document_id, annotator, recommenders)
        return token
