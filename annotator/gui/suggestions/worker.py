"""Retraining off the GUI thread and out of its process: the suggestion thread hands each
request to a child process (``annotator.suggest.process``), which owns its own project
connection, trains the recommenders on the annotator's layer and rewrites one document's
suggestions.  The thread only waits for the answer, so the window's Python lock is never
held by training.  A request superseded by a newer one kills the child at once (a fresh
one starts), and closing the window never waits for a fit to end."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.gui.window.workers import BackgroundThread, ProjectWorker
from annotator.suggest.process import SuggestProcess


class _Worker(ProjectWorker):
    refreshed = Signal(int, int, object, object)  # token, document id, SuggestReport (None: only read), [Suggestion] pending
    evaluated = Signal(int, object, object)  # token, {recommender: scores}, failures
    ranked = Signal(int, object)  # token, [Uncertain], most useful first
    found = Signal(int, int, object)  # token, span id, [Suggestion]: its other occurrences

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.latest = 0
        self.latest_find = 0
        self.stopping = False
        self.lock = threading.Lock()
        self.helper: SuggestProcess | None = None

    def _helper(self) -> SuggestProcess:
        if self.helper is None:
            self.helper = SuggestProcess(self.path)
        return self.helper

    def _answer(self, token: int, kind: str, emit: Callable[[Any], None], superseded: Callable[[], bool],
                **args: Any) -> None:
        """Do ``kind`` in the child and ``emit`` its answer; a failure goes to ``failed`` in
        one sentence (never raised in a thread), a superseded request to nobody."""
        if superseded() or self.stopping:
            return
        try:
            emit(self._helper().call(kind, cancelled=lambda: self.stopping or superseded(), **args))
        except Cancelled:
            if not self.stopping:
                self._helper().start()  # a fresh child, ready for the newer request
            return
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            if not self.stopping:
                self.failed.emit(token, str(exc) if isinstance(exc, AnnotatorError) else f"{type(exc).__name__}: {exc}")

    @Slot(int, int, str, object)
    def retrain(self, token: int, document_id: int, annotator: str, recommenders: object) -> None:
        """Learn and suggest (``recommenders`` False: only read what is pending)."""
        self._answer(token, "retrain" if recommenders is not False else "pending",
                     lambda answer: self.refreshed.emit(token, document_id, *answer),
                     lambda: token < self.latest, document_id=document_id, annotator=annotator,
                     recommenders=list(recommenders) if recommenders else None)

    @Slot(int, str)
    def evaluate(self, token: int, annotator: str) -> None:
        self._answer(token, "evaluate", lambda answer: self.evaluated.emit(token, *answer), lambda: False,
                     annotator=annotator)

    @Slot(int, str, object)
    def rank(self, token: int, annotator: str, skip: object) -> None:
        self._answer(token, "rank", lambda found: self.ranked.emit(token, found), lambda: False,
                     annotator=annotator, skip=list(skip or ()))

    @Slot(int, int, str)
    def occurrences(self, token: int, span_id: int, annotator: str) -> None:
        self._answer(token, "occurrences", lambda found: self.found.emit(token, span_id, found),
                     lambda: token < self.latest_find, span_id=span_id, annotator=annotator)

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None
        super().close()


class SuggestThread(BackgroundThread):
    """Retrains and suggests on a background thread, the work done in a child process."""

    refreshed = Signal(int, int, object, object)
    evaluated = Signal(int, object, object)
    ranked = Signal(int, object)
    found = Signal(int, int, object)
    _retrain = Signal(int, int, str, object)
    _evaluate = Signal(int, str)
    _rank = Signal(int, str, object)
    _occurrences = Signal(int, int, str)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(_Worker(path), "annotator-suggest", parent)
        pairs: list[tuple[SignalInstance, SignalInstance]] = [
            (self._retrain, self._worker.retrain), (self._evaluate, self._worker.evaluate),
            (self._rank, self._worker.rank), (self._occurrences, self._worker.occurrences),
            (self._worker.refreshed, self.refreshed), (self._worker.evaluated, self.evaluated),
            (self._worker.ranked, self.ranked), (self._worker.found, self.found)]
        for signal, slot in pairs:
            signal.connect(slot)
        self._thread.start()  # the child starts with the first request (a window with suggestions off has none)

    def retrain(self, document_id: int, annotator: str, recommenders: list[str] | None = None) -> int:
        """Ask for fresh suggestions on a document; return the request's token."""
        token = self._next()
        with self._worker.lock:
            self._worker.latest = token
        self._retrain.emit(token, document_id, annotator, recommenders)
        return token

    def read_pending(self, document_id: int, annotator: str) -> int:
        """Ask for a document's pending suggestions, learning nothing."""
        token = self._next()
        with self._worker.lock:
            self._worker.latest = token
        self._retrain.emit(token, document_id, annotator, False)
        return token

    def cancel(self) -> None:
        """Drop the retraining under way or queued (an edit made its answer stale): the
        child stops within a few milliseconds."""
        with self._worker.lock:
            self._worker.latest = self._next()

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

    def stop(self) -> None:
        """Kill the child (a fit under way is not waited for), finish the thread."""
        self._worker.stopping = True
        super().stop()
