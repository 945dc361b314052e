"""Active learning in the window: "Most useful sentence" (Ctrl+F9) opens the unfinished
sentence the CRF is least sure of (the smallest margin between its best and second-best
tag), ranked on the suggestion thread; pressing it again skips to the next one, and
Ctrl+Shift+F9 goes back through the sentences already shown (the history).  Sentences
shown once are not offered again when the ranking is refreshed after retraining."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from annotator.gui.suggestions.controller import SuggestionsController


class MostUseful(QObject):
    """The ranked queue, the history, and the two actions."""

    def __init__(self, controller: SuggestionsController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.queue: list[Any] = []
        self.history: list[Any] = []
        self._token: int | None = None
        self._jump: Any = None
        controller.thread.ranked.connect(self._ranked)
        self.window.documentReady.connect(self._document_ready)
        self.next = QAction(self.tr("&Most useful sentence"), self.window)
        self.next.setShortcut(QKeySequence("Ctrl+F9"))
        self.next.triggered.connect(self.go_next)
        self.back = QAction(self.tr("&Back to the previous useful sentence"), self.window)
        self.back.setShortcut(QKeySequence("Ctrl+Shift+F9"))
        self.back.triggered.connect(self.go_back)

    def refresh(self) -> None:
        """Rank again (after retraining), leaving out what was shown."""
        self._token = self.controller.thread.rank(self.window.layers.me, [(u.document_id, u.start) for u in self.history])

    def _ranked(self, token: int, found: list[Any]) -> None:
        if token != self._token:
            return
        seen = {(u.document_id, u.start) for u in self.history}
        self.queue = [u for u in found if (u.document_id, u.start) not in seen]
        if self._jump == "waiting":
            self._jump = None
            self.go_next()

    def go_next(self) -> None:
        """Show the next most useful sentence (the current one counts as skipped)."""
        if not self.queue:
            if self._jump != "waiting":
                self._jump = "waiting"
                self.refresh()
                self.window.status(self.tr("Ranking the sentences by how unsure the model is…"))
            else:
                self.window.status(self.tr("No sentence to rank: annotate and finish a few documents first."))
                self._jump = None
            return
        u = self.queue.pop(0)
        self.history.append(u)
        self._show(u)

    def go_back(self) -> None:
        """Show the sentence shown before the current one."""
        if len(self.history) < 2:
            self.window.status(self.tr("No earlier sentence."))
            return
        self.queue.insert(0, self.history.pop())
        self._show(self.history[-1])

    def _show(self, u: Any) -> None:
        w = self.window
        w.status(self.tr("Most useful sentence: the model's margin is {m:.2f}.").format(m=u.margin))
        if w.doc_id == u.document_id and w.ready:
            w.view.select_range(u.start, u.end)
        else:
            self._jump = u
            w.open_document(u.document_id)

    def _document_ready(self, document_id: int) -> None:
        u = self._jump
        if u is not None and u != "waiting" and u.document_id == document_id:
            self._jump = None
            self.window.view.select_range(u.start, u.end)
