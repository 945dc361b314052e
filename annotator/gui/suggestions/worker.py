"""Retraining off the GUI thread: the suggestion thread owns its own project connection,
trains the recommenders on the annotator's layer and rewrites one document's suggestions.
A request superseded by a newer one stops at its next step (before it starts, between
recommenders, between documents)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from annotator.core.errors import Cancelled
from annotator.gui.workers import BackgroundThread, ProjectWorker, gc_paused


class _Worker(ProjectWorker):
    refreshed = Signal(int, int, object)  # token, document id, SuggestReport
    evaluated = Signal(int, object, object)  # token, {recommender: scores}, failures
    ranked = Signal(int, object)  # token, [Uncertain], most useful first
    found = Signal(int, int, object)  # token, span id, [Suggestion]: its other occurrences

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.latest = 0
        self.latest_find = 0
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
                report = Suggester(project, list(recommenders) if recommenders else None).run(
                    [document_id], cancelled=lambda: token < self.latest)
            self.refreshed.emit(token, document_id, report)
        except Cancelled:
            return  # a newer request follows
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence, never raised in a thread
            self.failed.emit(token, f"{type(exc).__name__}: {exc}")


    @Slot(int, str)
    def evaluate(self, token: int, annotator: str) -> None:
        try:
            from annotator.suggest import Suggester, SuggestReport

            project = self._project()
            project.annotator = annotator
            project.refresh()
            report = SuggestReport()
            with gc_paused():
                scores = Suggester(project).evaluate(report=report)
            self.evaluated.emit(token, {name: s.as_dict() for name, s in scores.items()}, report.failures)
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            self.failed.emit(token, f"{type(exc).__name__}: {exc}")


    @Slot(int, str, object)
    def rank(self, token: int, annotator: str, skip: object) -> None:
        try:
            from annotator.suggest import Suggester

            project = self._project()
            project.annotator = annotator
            project.refresh()
            with gc_paused():
                found = Suggester(project, ["crf"]).next_most_useful(limit=50, skip=list(skip or ()))
            self.ranked.emit(token, found)
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            self.failed.emit(token, f"{type(exc).__name__}: {exc}")


    @Slot(int, int, str)
    def occurrences(self, token: int, span_id: int, annotator: str) -> None:
        try:
            from annotator.suggest.service import occurrences

            project = self._project()
            project.refresh()
            with gc_paused():
                found = occurrences(project, span_id, annotator=annotator, cancelled=lambda: token < self.latest_find)
            self.found.emit(token, span_id, found)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            self.failed.emit(token, f"{type(exc).__name__}: {exc}")


class SuggestThread(BackgroundThread):
    """Retrains and suggests on a background thread."""

    refreshed = Signal(int, int, object)
    evaluated = Signal(int, object, object)
    ranked = Signal(int, object)
    found = Signal(int, int, object)
    _retrain = Signal(int, int, str, object)
    _evaluate = Signal(int, str)
    _rank = Signal(int, str, object)
    _occurrences = Signal(int, int, str)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(_Worker(path), "annotator-suggest", parent)
        self._retrain.connect(self._worker.retrain)
        self._worker.refreshed.connect(self.refreshed)
        self._evaluate.connect(self._worker.evaluate)
        self._worker.evaluated.connect(self.evaluated)
        self._rank.connect(self._worker.rank)
        self._worker.ranked.connect(self.ranked)
        self._occurrences.connect(self._worker.occurrences)
        self._worker.found.connect(self.found)
        self._thread.start()

    def retrain(self, document_id: int, annotator: str, recommenders: list[str] | None = None) -> int:
        """Ask for fresh suggestions on a document; return the request's token."""
        token = self._next()
        with self._worker.lock:
            self._worker.latest = token
        self._retrain.emit(token, document_id, annotator, recommenders)
        return token

    def rank(self, annotator: str, skip: list[tuple[int, int]]) -> int:
        """Ask for the unfinished sentences the CRF is least sure of (active learning)."""
        token = self._next()
        self._rank.emit(token, annotator, skip)
        return token

    def occurrences(self, span_id: int, annotator: str) -> int:
        """Ask for every other occurrence of a span's text in the project."""
        token = self._next()
        self._worker.latest_find = token
        self._occurrences.emit(token, span_id, annotator)
        return token

    def evaluate(self, annotator: str) -> int:
        """Ask for each recommender's cross-validated scores on the layer."""
        token = self._next()
        self._evaluate.emit(token, annotator)
        return token
