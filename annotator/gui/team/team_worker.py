"""The team thread: agreement over the project and a document's adjudication view, off the
GUI thread.

Both read every layer of many documents (agreement: of the whole project), which can take
seconds; the window must never freeze for that.  As with the reader
(``annotator.gui.window.workers``), the thread opens its own ``Project.open(path)`` (a Project
belongs to the thread that opened it; WAL lets it read while the window writes), and each
request carries a token so the window keeps only the answer to its latest request.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from annotator.gui.window.workers import BackgroundThread, ProjectWorker


class _Worker(ProjectWorker):
    """Lives on the team thread."""

    agreed = Signal(int, object)  # token, the dict of Project.agreement
    adjudicated = Signal(int, int, object)  # token, document id, (Adjudication, mark_index)

    @Slot(int, object, bool)
    def agreement(self, token: int, annotators: Any, done_only: bool) -> None:
        try:
            self.agreed.emit(token, self._project().agreement(annotators, done_only=done_only))
        except Exception as exc:  # noqa: BLE001 - reported to the window, never raised in a thread
            self.failed.emit(token, str(exc))

    @Slot(int, int, object)
    def adjudication(self, token: int, document_id: int, annotators: Any) -> None:
        try:
            from annotator.gui.team.adjudication_model import mark_index

            adjudication = self._project().adjudication(document_id, annotators)
            self.adjudicated.emit(token, document_id, (adjudication, mark_index(adjudication.items)))
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(token, str(exc))


class TeamReader(BackgroundThread):
    """Computes agreement and adjudication views of a project on a background thread."""

    agreed = Signal(int, object)
    adjudicated = Signal(int, int, object)
    _agreement = Signal(int, object, bool)
    _adjudication = Signal(int, int, object)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(_Worker(path), "annotator-team", parent)
        self._agreement.connect(self._worker.agreement)
        self._adjudication.connect(self._worker.adjudication)
        self._worker.agreed.connect(self.agreed)
        self._worker.adjudicated.connect(self.adjudicated)
        self._thread.start()

    def agreement(self, annotators: Sequence[str] | None = None, *, done_only: bool = False) -> int:
        """Ask for ``Project.agreement(annotators, done_only=...)``; return the token."""
        token = self._next()
        self._agreement.emit(token, list(annotators) if annotators is not None else None, done_only)
        return token

    def adjudication(self, document_id: int, annotators: Sequence[str] | None = None) -> int:
        """Ask for ``Project.adjudication(document_id, annotators)`` (answered with the
        index of the marks drawn in the text); return the token."""
        token = self._next()
        self._adjudication.emit(token, document_id, list(annotators) if annotators is not None else None)
        return token
