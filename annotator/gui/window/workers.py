"""Work that may take more than a frame runs here, off the GUI thread.

A ``Project`` belongs to the thread that opened it, so the reader opens its own
``Project.open(path)`` connection on its own thread (SQLite's WAL lets it read while the
window writes).  Requests carry a token; the window keeps only the answer to its latest
request of each kind, so a slow answer never overwrites a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from annotator.core.collector import collector_paused
from annotator.core.text import NormalizedText
from annotator.gui.text.span_store import SpanStore


@dataclass(frozen=True, slots=True)
class Hit:
    """A search match: its code point range and whether it is a whole word."""

    start: int
    end: int
    whole_word: bool


def find_hits(norm: NormalizedText, query: str, *, allow_proclitic: bool = False) -> list[Hit]:
    """Return every match of ``query`` in ``norm``'s text, marking whole-word ones."""
    whole = set(norm.find_all(query, whole_word=True, allow_proclitic=allow_proclitic))
    return [Hit(s, e, (s, e) in whole) for s, e in norm.find_all(query)]


class ProjectWorker(QObject):
    """Lives on a background thread and owns that thread's project connection, opened on
    first use (a Project belongs to the thread that opened it)."""

    failed = Signal(int, str)  # token, one sentence

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.project: Any = None

    def _project(self) -> Any:
        if self.project is None:
            from annotator.store.project import Project

            self.project = Project.open(self.path)
        return self.project

    def close(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None


class BackgroundThread(QObject):
    """A thread running one ``ProjectWorker``; requests go to it by queued signals and
    carry a token, so the window keeps only the answer to its latest request."""

    failed = Signal(int, str)

    def __init__(self, worker: ProjectWorker, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._token = 0
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = worker
        self._worker.moveToThread(self._thread)
        self._worker.failed.connect(self.failed)

    def _next(self) -> int:
        self._token += 1
        return self._token

    def stop(self) -> None:
        """Finish the thread and close its connection."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
        self._worker.close()


class _Worker(ProjectWorker):
    """Lives on the reader thread."""

    spansLoaded = Signal(int, int, object)  # token, document id, SpanStore
    searched = Signal(int, int, object)  # token, document id, list[Hit]

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._norm: tuple[int, NormalizedText] | None = None

    @Slot(int, int, str)
    def load_spans(self, token: int, document_id: int, annotator: str) -> None:
        try:
            with collector_paused():  # 100,000 small tuples, none of which can form a cycle
                store = SpanStore(self._project().span_rows(document_id, annotator))
            self.spansLoaded.emit(token, document_id, store)
        except Exception as exc:  # noqa: BLE001 - reported to the window, never raised in a thread
            self.failed.emit(token, str(exc))

    @Slot(int, int, str, bool)
    def search(self, token: int, document_id: int, query: str, allow_proclitic: bool) -> None:
        try:
            if self._norm is None or self._norm[0] != document_id:
                self._norm = (document_id, NormalizedText(self._project().text(document_id)))
            self.searched.emit(token, document_id, find_hits(self._norm[1], query, allow_proclitic=allow_proclitic))
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(token, str(exc))


class Reader(BackgroundThread):
    """Reads spans and searches a project on a background thread."""

    spansLoaded = Signal(int, int, object)  # token, document id, SpanStore
    searched = Signal(int, int, object)  # token, document id, list[Hit]
    _load = Signal(int, int, str)
    _search = Signal(int, int, str, bool)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(_Worker(path), "annotator-reader", parent)
        self._load.connect(self._worker.load_spans)
        self._search.connect(self._worker.search)
        self._worker.spansLoaded.connect(self.spansLoaded)
        self._worker.searched.connect(self.searched)
        self._thread.start()

    def load_spans(self, document_id: int, annotator: str) -> int:
        """Ask for a document's spans; return the request's token."""
        token = self._next()
        self._load.emit(token, document_id, annotator)
        return token

    def search(self, document_id: int, query: str, *, allow_proclitic: bool = False) -> int:
        """Ask for every match of ``query`` in a document; return the request's token."""
        token = self._next()
        self._search.emit(token, document_id, query, allow_proclitic)
        return token
