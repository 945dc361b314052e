"""Wires suggestions into the main window: the Suggestions dock and menu, the ghost
spans, the keys (Alt+Return accepts, Alt+Backspace rejects the current suggestion,
F9 moves to the next), and retraining on the suggestion thread 0.8 s after the last
edit (never on the GUI thread; a superseded request stops at its next step)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.suggestions.ghosts import Ghosts
from annotator.gui.suggestions.label_all import LabelAll
from annotator.gui.suggestions.panel import SuggestionsPanel
from annotator.gui.suggestions.useful import MostUseful
from annotator.gui.suggestions.worker import SuggestThread
from annotator.store.suggestions import SuggestionLayer

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow

# Milliseconds after the last edit before the recommenders learn again.
DEBOUNCE_MS = 800
#: Milliseconds on a document before its pending suggestions are asked for: a request
#: superseded while the suggestion process answers it restarts that process, which held
#: up next/previous document (a new process at each step of a held key).
PENDING_DELAY_MS = 150
#: Longer documents are not retrained on after every edit (see ``_learns_as_you_work``).
AUTO_LEARN_MAX_CHARS = 300_000


class SuggestionsController(QObject):
    """Builds and connects the suggestion parts of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.thread = SuggestThread(str(window.project.path), self)
        self.thread.refreshed.connect(self._refreshed)
        self.thread.evaluated.connect(self._evaluated)
        self.thread.failed.connect(lambda _token, msg: self._failed(msg))
        self._token = 0
        self.panel = SuggestionsPanel(window)
        self.panel.acceptRequested.connect(self.accept)
        self.panel.rejectRequested.connect(self.reject)
        self.panel.retrainRequested.connect(self.retrain)
        self.panel.currentChanged.connect(self._current_changed)
        self.panel.filtersChanged.connect(self._show_ghosts)
        self.dock = QDockWidget(self.tr("Suggestions"), window)
        self.dock.setObjectName("dock-suggestions")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.ghosts = Ghosts(window.view)
        window.view.underlays.append(self.ghosts)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.retrain)
        self.pending_timer = QTimer(self, singleShot=True, interval=PENDING_DELAY_MS)
        self.pending_timer.timeout.connect(self._read_pending)
        self.useful = MostUseful(self)
        self.label_all = LabelAll(self)
        self._actions()
        window.edited.connect(self._edited)
        window.documentReady.connect(self._document_ready)

    def _actions(self) -> None:
        w = self.window
        self.enabled = QAction(self.tr("&Suggest as I work"), w)
        self.enabled.setCheckable(True)
        self.enabled.setChecked(True)
        self.enabled.toggled.connect(lambda on: self.retrain() if on else self._clear())
        self.accept_current = QAction(self.tr("&Accept suggestion"), w)
        self.accept_current.setShortcut(QKeySequence("Alt+Return"))
        self.accept_current.triggered.connect(lambda: self._on_current(self.accept))
        self.reject_current = QAction(self.tr("&Reject suggestion"), w)
        self.reject_current.setShortcut(QKeySequence("Alt+Backspace"))
        self.reject_current.triggered.connect(lambda: self._on_current(self.reject))
        self.next = QAction(self.tr("&Next suggestion"), w)
        self.next.setShortcut(QKeySequence("F9"))
        self.next.triggered.connect(self.select_next)
        self.accept_document = QAction(self.tr("Accept all in this &document"), w)
        self.accept_document.triggered.connect(lambda: self.accept([s.id for s in self.pending]))
        self.learn = QAction(self.tr("&Learn now"), w)
        self.learn.triggered.connect(self.retrain)
        self.measure = QAction(self.tr("&Measure their quality"), w)
        self.measure.triggered.connect(self.evaluate)
        menu = w.menuBar().addMenu(self.tr("S&uggestions"))
        for action in (self.enabled, None, self.accept_current, self.reject_current, self.next, self.accept_document,
                       None, self.label_all.action, self.useful.next, self.useful.back, None, self.learn, self.measure,
                       self.dock.toggleViewAction()):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
                w.addAction(action)
        self.pending: list[Any] = []
        self._read: list[Any] = []  # the pending suggestions as the suggestion process read them
        self._read_doc: int | None = None

    # -- reading -----------------------------------------------------------------------

    def _mine(self) -> bool:
        w = self.window
        return w.doc_id is not None and w.layer == w.layers.me

    def reload(self) -> None:
        """Show the open document's pending suggestions: those the suggestion process read
        last, less what edits since then have taken or turned down (two small reads on the
        GUI's connection: the document's thousands of suggestions are read off this thread)."""
        w = self.window
        if w.project.closed:
            return
        mine = self._mine() and self.enabled.isChecked() and self._read_doc == w.doc_id
        pending = SuggestionLayer(w.project, w.layers.me).still_pending(self._read, w.doc_id) if mine and self._read else []
        if pending == self.pending and self.panel.items is self.pending and dict(w.view.labels) == self.panel.model.names:
            return  # most edits leave the list as it was: its thousands of rows are not shown again
        self.pending = pending
        self.panel.set_names(w.view.labels)
        self.panel.set_suggestions(self.pending)
        self._show_ghosts()

    def _show_ghosts(self) -> None:
        current = self.panel.current()
        self.ghosts.set_suggestions([s for s in self.panel.shown() if s.kind in ("span", "trigger")],
                                    current.id if current else None)

    def _clear(self) -> None:
        self.pending, self._read = [], []
        self.panel.set_suggestions([])
        self._show_ghosts()

    # -- learning ----------------------------------------------------------------------

    def _edited(self) -> None:
        if self._learns_as_you_work():
            self.thread.cancel()  # what is being learnt misses this edit: stop it now
            self.timer.start()
        self.reload()

    def _document_ready(self, document_id: int) -> None:
        if document_id != self._read_doc:  # another document (not its spans read again)
            self._read, self._read_doc = [], document_id
            if self._mine() and self.enabled.isChecked():  # what is stored already (once the user stays), then learn
                self.pending_timer.start()
        self.reload()
        if self._learns_as_you_work():
            self.timer.start()

    def _read_pending(self) -> None:
        """Ask the suggestion process for the open document's pending suggestions."""
        if self._read_doc == self.window.doc_id and self._mine() and self.enabled.isChecked():
            self._token = self.thread.read_pending(self._read_doc, self.window.layers.me)

    def _learns_as_you_work(self) -> bool:
        """Retrain after edits, except on a very long document: training and predicting
        there take a core for tens of seconds after every edit (in the suggestion process,
        so the window does not wait, but the machine does).  Suggestions → Learn now
        still works there."""
        if not self.enabled.isChecked():
            return False
        if len(self.window.text) > AUTO_LEARN_MAX_CHARS:
            self.panel.show_state(self.tr("This document is long: use Suggestions → Learn now."))
            return False
        return True

    def retrain(self) -> None:
        """Learn from the layer again and suggest on the open document (on the thread)."""
        self.timer.stop()
        self.pending_timer.stop()  # learning brings the pending suggestions too
        if not self._mine() or not self.enabled.isChecked():
            return
        self._token = self.thread.retrain(self.window.doc_id, self.window.layers.me)
        self.panel.show_state(self.tr("Learning from your annotations…"))

    def _refreshed(self, token: int, document_id: int, report: Any, pending: list[Any]) -> None:
        if token != self._token or document_id != self.window.doc_id:
            return
        self._read, self._read_doc = pending, document_id
        self.reload()
        if report is None:  # only read, nothing learnt
            return
        self.useful.queue = []  # the model changed: rank again when next asked
        text = self.tr("%n suggestions in this document.", None, len(self.pending))
        quality = self.window.project.get_setting("suggest_quality") or {}
        if quality:
            text += " " + self.tr("Cross-validated F1: {scores}.").format(
                scores=", ".join(f"{name} {q['f1']:.2f}" for name, q in quality.items()))
        if report.failures:
            text += " " + " ".join(report.failures)
        self.panel.show_state(text)

    def evaluate(self) -> None:
        """Measure each recommender by cross-validation on the finished documents (on the thread)."""
        self.panel.show_state(self.tr("Measuring the recommenders…"))
        self._eval_token = self.thread.evaluate(self.window.layers.me)

    def _evaluated(self, token: int, scores: dict[str, Any], failures: list[str]) -> None:
        if token != getattr(self, "_eval_token", None):
            return
        rows = ", ".join(self.tr("{name}: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}").format(
            name=name, p=q["precision"], r=q["recall"], f=q["f1"]) for name, q in scores.items())
        self.panel.show_state(" ".join([rows or self.tr("Nothing to measure yet: finish a few documents first."), *failures]))

    def _failed(self, message: str) -> None:
        self.panel.show_state(self.tr("Suggestions failed: {error}").format(error=message))

    # -- accepting and rejecting -------------------------------------------------------

    def _on_current(self, act: Any) -> None:
        current = self.panel.current() or self._at_cursor()
        if current is None:
            self.window.status(self.tr("No suggestion is selected."))
            return
        act([current.id])

    def _at_cursor(self) -> Any | None:
        pos = self.window.view.textCursor().position()
        cp = self.window.view.u16.to_codepoint(pos)
        return next((s for s in self.panel.shown() if s.start <= cp <= s.end and s.end > s.start), None)

    def select_next(self) -> None:
        shown = self.panel.shown()
        if not shown:
            return
        current = self.panel.current()
        i = next((k for k, s in enumerate(shown) if current and s.id == current.id), -1)
        self.panel.select(shown[(i + 1) % len(shown)].id)

    def _current_changed(self, s: Any) -> None:
        self._show_ghosts()
        if s is not None and s.end > s.start:
            self.window.view.reveal(s.start)

    def accept(self, ids: list[int]) -> None:
        """Make the suggestions the annotator's own annotations (one undo step)."""
        self._decide(ids, accept=True)

    def reject(self, ids: list[int]) -> None:
        """Turn the suggestions down (one undo step; they are not suggested again)."""
        self._decide(ids, accept=False)

    def _decide(self, ids: list[int], *, accept: bool) -> None:
        if not ids:
            return
        w = self.window
        where = self._position()
        layer = SuggestionLayer(w.project, w.layers.me)
        ok, result = w._edit(lambda: layer.accept(ids) if accept else layer.reject(ids))
        if not ok:
            return
        if accept:
            w.reload_spans()
        self._advance(where)
        n = len(result) if accept else result
        w.status(self.tr("Accepted %n suggestions.", None, n) if accept else self.tr("Rejected %n suggestions.", None, n))

    def _position(self) -> int:
        current = self.panel.current()
        return current.start if current is not None else 0

    def _advance(self, position: int) -> None:
        """Make the next suggestion from ``position`` on current, so that reviewing is one
        key per suggestion."""
        shown = self.panel.shown()
        if shown:
            self.panel.select(next((s for s in shown if s.start >= position), shown[0]).id)

    def shutdown(self) -> None:
        """Stop the suggestion thread and its process (a fit under way is not waited for);
        answers still queued for the window go nowhere (its project is closing)."""
        self.timer.stop()
        self.pending_timer.stop()
        for signal in (self.thread.refreshed, self.thread.evaluated, self.thread.ranked, self.thread.found, self.thread.failed):
            signal.disconnect()
        try:
            self.thread.stop()
        except AnnotatorError:
            pass
