"""The main window: the document view in the middle, the label palette, the document,
annotation, guideline and find panels around it, the status bar below.

The window only wires parts together.  It changes data through one path (Anki's
``CollectionOp``): an operation (one Project API call: an edit, undo, redo; saved at once,
one undo step) runs, the project announces the ``Changes`` it made, and ``show_changes``
hands them to every view and panel, each of which updates only what they name.  Other
programs' changes (``external.py``) and the window's imports (``transfer.py``) come the
same way.  Undo and redo are the project's own; the window switches to the document a
step touched.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.app.settings import AppSettings
from annotator.gui.linking.links import LinkController
from annotator.gui.panels.models import AnnotationListModel, DocumentListModel, isolated
from annotator.gui.panels.panels import AnnotationsPanel, DocumentsPanel, GuidelinesPanel
from annotator.gui.suggestions import SuggestionsController
from annotator.gui.team.layers import Layers
from annotator.gui.team.team import Team
from annotator.gui.text.document_view import DocumentView
from annotator.gui.text.find import FindPanel
from annotator.gui.text.palette import (
    LabelPalette,
    label_colors,
    label_names,
    make_label_actions,
    swatch,
)
from annotator.gui.text.span_store import SpanStore
from annotator.gui.transfer.transfer import TransferMixin
from annotator.gui.window.actions import build_menus, create_actions
from annotator.gui.window.external import ExternalChanges
from annotator.gui.window.unsaved import UnsavedEdits
from annotator.gui.window.window_commands import CommandsMixin
from annotator.gui.window.workers import Reader
from annotator.store.changes import Changes

#: The panels' widths at first start (document list side, labels side) and their least
#: width: the document view takes the rest, most of the window.
DOCK_WIDTHS = (250, 300)
DOCK_MIN_WIDTH = 200
#: The Suggestions dock's height at first start (below the text: a few rows of it; it
#: took a third of the window's height), as a share of the window's height.
SUGGESTIONS_SHARE = 0.16
#: 3: the Suggestions dock's height (a layout of version 2 gave it a third of the window)
LAYOUT_VERSION = 3
#: A status-bar label's width is rounded up to this many pixels (see ``set_status_text``).
STATUS_WIDTH_STEP = 64


def set_status_text(label: QLabel, text: str) -> None:
    """Show ``text`` in a status-bar label of fixed size, its width rounded up to
    ``STATUS_WIDTH_STEP``: a label whose size may change makes the whole window lay itself
    out and paint again at each new text (a third of a next-document step), a fixed one
    only itself, until a text needs more room."""
    label.setText(text)
    hint = label.sizeHint()
    width = -(-hint.width() // STATUS_WIDTH_STEP) * STATUS_WIDTH_STEP
    if (label.minimumWidth(), label.maximumWidth(), label.maximumHeight()) != (width, width, hint.height()):
        label.setFixedSize(width, hint.height())


class MainWindow(CommandsMixin, TransferMixin, QMainWindow):
    """The annotation workbench on one open project."""

    documentReady = Signal(int)  # a document is shown with all its spans
    edited = Signal()  # an edit (or undo, redo) went through the Project API
    languageRequested = Signal(str)
    projectRequested = Signal(str)

    def __init__(self, project: Any, settings: AppSettings, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.project = project
        self.settings = settings
        self.lang = lang
        self.doc_id: int | None = None
        self.doc_name = ""
        self.text = ""
        self.ready = False  # the open document's spans are loaded
        self._serial = 0  # counts edits, to know when a loaded store may be stale
        self._request: tuple[int, int] | None = None  # (token, serial) of the span load in flight
        self._find_token = 0
        self._in_operation = 0  # > 0 while an operation runs: its Changes are shown when it returns
        self._pending: list[Changes] = []  # announced by the project, not shown yet
        project.listeners.append(self._heard)
        self._opened_at = time.monotonic()
        # the last document is remembered once the user stays on one: a settings write
        # at every step of next/previous would be a write of the settings file each time
        self._last_document_timer = QTimer(self, singleShot=True, interval=1000)
        self._last_document_timer.timeout.connect(self._remember_document)
        self.reader = Reader(str(project.path), self)
        self.reader.spansLoaded.connect(self._spans_loaded)
        self.reader.searched.connect(self._searched)
        self.reader.failed.connect(lambda token, msg: self.status(msg))
        self._build()
        self._load_scheme()
        self._restore()
        self.team.start()
        self._open_first_document()
        self.unsaved = UnsavedEdits(self)  # edits a team database did not acknowledge, retried
        self.external = ExternalChanges(self)  # other programs' changes appear here
        self.external.start()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.layers = Layers(self)  # whose annotations are shown: mine, another's (read-only), gold
        self.view = DocumentView(self)
        self.view.set_font(self.view.font().family(), self.settings.font_size)
        self.view.snap_mode = self.project.get_setting("snap", "word")
        self.view.direction = self.project.get_setting("text_direction", "auto")
        self.view.spanClicked.connect(self._span_clicked)
        self.view.spanResized.connect(self.set_span_fragments)
        self.setCentralWidget(self.view)
        self.actions_ = create_actions(self)
        self.actions_.mark_done.setCheckable(True)
        self.actions_.label_names.setCheckable(True)
        self.actions_.label_names.setChecked(self.settings.label_names)
        self.view.set_show_labels(self.settings.label_names)
        self.span_model = AnnotationListModel(self)
        self.doc_model = DocumentListModel(self.project, self)
        self.documents_panel = DocumentsPanel(
            self.doc_model, [self.actions_.next_unfinished, self.actions_.mark_done], self)
        self.documents_panel.documentActivated.connect(self.open_document)
        self.annotations_panel = AnnotationsPanel(self.span_model, self)
        self.annotations_panel.spanActivated.connect(self._span_activated)
        self.guidelines = GuidelinesPanel(self)
        self.find_panel = FindPanel(self)
        self.find_panel.searchRequested.connect(self._search)
        self.find_panel.hitActivated.connect(lambda s, e: self.view.select_range(s, e))
        self.find_panel.labelAllRequested.connect(self.label_all)
        default = "split" if self.project.get_setting("clitics", "attached") == "split" else "exact"
        self.find_panel.set_clitic_policy(self.project.get_setting("find_clitics", default))
        self.find_panel.cliticsChanged.connect(self._clitics_changed)
        self.palette_widget = LabelPalette(self)
        # the document list sits at the start side: the left in English, the right in Arabic
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            left, right = right, left
        self.docks = {
            "labels": self._dock("labels", self.tr("Labels"), self.palette_widget, right),
            "documents": self._dock("documents", self.tr("Documents"), self.documents_panel, left),
            "annotations": self._dock("annotations", self.tr("Annotations"), self.annotations_panel, left),
            "guidelines": self._dock("guidelines", self.tr("Guidelines"), self.guidelines, right),
            "find": self._dock("find", self.tr("Find"), self.find_panel, right),
        }
        self.tabifyDockWidget(self.docks["guidelines"], self.docks["find"])
        self.docks["guidelines"].raise_()
        self.links = LinkController(self)  # events, relations, stance, document labels, problems
        build_menus(self, self.actions_, [d.toggleViewAction() for d in self.docks.values()])
        self.links.build_menu()
        self._build_status_bar()
        self._update_undo_actions()
        self.team = Team(self)  # the layer bar, adjudication, agreement (annotator/gui/team/team.py)
        self.suggestions = SuggestionsController(self)  # ghost spans, panel, retraining (gui/suggestions/)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        # the panels may be narrower than their forms would like: the text gets the room
        widget.setMinimumWidth(DOCK_MIN_WIDTH)
        dock.setMinimumWidth(DOCK_MIN_WIDTH)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.warning_label = QLabel()
        self.doc_label = QLabel()
        self.snap_label = QLabel()
        self.annotator_label = QLabel()
        for label in (self.warning_label, self.doc_label, self.snap_label, self.annotator_label):
            bar.addPermanentWidget(label)
        self._update_status_labels()

    def _update_status_labels(self) -> None:
        set_status_text(self.annotator_label, self.tr("Annotator: {name}").format(name=self.layers.me))
        set_status_text(self.snap_label, self.tr("Snap: {mode}").format(mode=self.snap_name(self.view.snap_mode)))
        if self.doc_id is not None:
            status = self.project.status(self.doc_id, self.layer)
            set_status_text(self.doc_label, f"{isolated(self.doc_name)} · {self.doc_model.status_name(status)}")
            self.actions_.mark_done.setChecked(status == "done")

    def snap_name(self, mode: str) -> str:
        """Return the short display name of a snap mode."""
        return {"character": self.tr("characters"), "grapheme": self.tr("letters"), "word": self.tr("words"),
                "clitic": self.tr("words without clitics")}.get(mode, mode)

    def counted(self, what: str, n: int) -> str:
        """Return the message ``what`` that counts ``n`` things, in its plural form (Arabic
        has six).  Here, in the window's own class, so that lupdate gives the messages of
        the commands' mixin the window's context and their plural forms (it finds plurals
        only in ``self.tr`` calls whose count is a plain name)."""
        if what == "label_all":
            return self.tr("Label %n matches as {label}", None, n)
        return self.tr("%n spans added.", None, n)

    def toggle_label_names(self) -> None:
        """Show or hide the label names above the spans (View menu; remembered)."""
        on = self.actions_.label_names.isChecked()
        self.settings.label_names = on
        self.view.set_show_labels(on)

    def status(self, message: str, ms: int = 8000) -> None:
        """Show ``message`` in the status bar."""
        self.statusBar().showMessage(message, ms)

    def _load_scheme(self) -> None:
        scheme = self.project.scheme
        for action in getattr(self, "label_actions", {}).values():
            # the palette's old buttons hold these until they are deleted: without their
            # keys now, a label key pressed before then is not ambiguous (and lost)
            self.removeAction(action)
            action.setShortcuts([])
            action.deleteLater()
        self.label_actions = make_label_actions(scheme, self.lang, self)
        for label, action in self.label_actions.items():
            action.triggered.connect(lambda checked=False, lab=label: self.apply_label(lab))
            self.addAction(action)
        self.palette_widget.set_actions(self.label_actions)
        names, colors = label_names(scheme, self.lang), label_colors(scheme)
        self.view.set_colors(colors, names)
        self.span_model.set_labels(names, colors)
        self.annotations_panel.set_scheme(scheme, self.lang)
        self.find_panel.set_labels(names, {k: swatch(c) for k, c in colors.items()})
        self.guidelines.show_guidelines(self.project.guidelines, scheme, self.lang)
        self.links.set_scheme(scheme)
        if scheme.warnings:
            text = "\n".join(scheme.warnings)
            n = len(scheme.warnings)
            self.warning_label.setText("⚠ " + self.tr("%n scheme warnings", None, n))
            self.warning_label.setToolTip(text)
            self.status(self.tr("The scheme has problems: {warnings}").format(warnings=" ".join(scheme.warnings)), 30000)
        else:
            self.warning_label.clear()

    def _restore(self) -> None:
        geometry, state = self.settings.window_state(self.lang)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        # a layout saved by an older version (whose panels took three quarters of the
        # width) is not restored: restoreState refuses another version number
        if state is None or not self.restoreState(state, LAYOUT_VERSION):
            self.resizeDocks([self.docks["documents"], self.docks["labels"]], [DOCK_WIDTHS[0], DOCK_WIDTHS[1]],
                             Qt.Orientation.Horizontal)
            self.resizeDocks([self.suggestions.dock], [int(self.height() * SUGGESTIONS_SHARE)], Qt.Orientation.Vertical)
        self.docks["find"].setVisible(self.docks["find"].isVisible())

    def _open_first_document(self) -> None:
        last = self.settings.last_document(str(self.project.path))
        if last is not None and self.project.document_info(last, count_spans=False) is not None:
            self.open_document(last)
            return
        first = self.project.documents(0, 1)
        if first:
            self.open_document(first[0].id)
        else:
            self.status(self.tr("This project has no documents yet: import some with File → Import."), 0)
        self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(" — ".join(isolated(x) for x in (self.doc_name, self.project.path.name, "annotator") if x))

    @property
    def layer(self) -> str:
        """The annotator whose layer is shown (see ``annotator.gui.team.layers``)."""
        return self.layers.current

    # -- documents ---------------------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        """Show document ``document_id``; its spans load on the reader thread."""
        if document_id == self.doc_id and self.ready:
            return
        self._record_time()
        try:
            text = self.project.text(document_id)
        except AnnotatorError as exc:
            self.status(str(exc))
            return
        self.doc_id, self.text, self.ready = document_id, text, False
        gc.unfreeze()  # the last document's objects can be collected again
        info = self.project.document_info(document_id, count_spans=False)
        self.doc_name = info.name if info else ""
        self.view.set_document(text, SpanStore())
        whole = self._show_first_screen(document_id)
        self.span_model.set_store(self.view.store, text)
        self.view.set_find_hits([])
        if not whole:
            self.reload_spans()
        self.documents_panel.show_document(document_id)
        self._last_document_timer.start()
        self._update_title()
        self._update_status_labels()
        if self.docks["find"].isVisible() and self.find_panel.query.text().strip():
            self._search(self.find_panel.query.text().strip())
        if whole:  # no read on the reader thread: its spans are all shown already
            self._request = None
            self._show_loaded(document_id, self.view.store)

    def _show_first_screen(self, document_id: int) -> bool:
        """Show at once the spans of the text on screen (one indexed read), so the first
        paint has them; all of the document's spans follow from the reader thread, unless
        the whole text is on screen (most documents of a corpus of news or tweets): then
        these are all of them, and True is returned."""
        blocks = self.view.visible_blocks()
        if not blocks:
            return False
        try:
            rows = self.project.span_rows_between(document_id, blocks[0].start, blocks[-1].end, self.layer)
        except AnnotatorError:
            return False
        self.view.set_store(SpanStore(rows))
        return blocks[0].start == 0 and blocks[-1].end >= len(self.text) and not blocks[-1].block.next().isValid()

    def reload_spans(self) -> None:
        """Read the open document's spans again (on the reader thread)."""
        if self.doc_id is None:
            return
        token = self.reader.load_spans(self.doc_id, self.layer)
        self._request = (token, self._serial)

    def _spans_loaded(self, token: int, document_id: int, store: SpanStore) -> None:
        if self._request is None or token != self._request[0] or document_id != self.doc_id:
            return
        if self._request[1] != self._serial:  # edited meanwhile: read again
            self.reload_spans()
            return
        self._request = None
        self._show_loaded(document_id, store)

    def _show_loaded(self, document_id: int, store: SpanStore) -> None:
        """Show ``store``, all of the open document's spans, and say the document is ready."""
        selected = self.view.selected_span
        if store is not self.view.store:
            self.view.set_store(store)
            self.span_model.set_store(store, self.text)
        if selected in store:
            self.view.select_span(selected)
        self.doc_model.refresh_document(document_id, spans=len(store), status=self.project.status(document_id, self.layer),
                                        annotator=self.layer)
        self.ready = True
        self.documentReady.emit(document_id)
        # A document of 100,000 spans and 10,000 events is a million objects that live
        # until the next document: the collector would scan them all, every so often,
        # in the middle of an edit.  Frozen, it scans only what edits make.
        gc.freeze()

    # -- the one way changes are shown ------------------------------------------------

    def _heard(self, changes: Changes) -> None:
        """(Project listener) a write of the window's project: shown when its operation
        returns, or at once if it ran outside one (a dialog's own call)."""
        self._pending.append(changes)
        if not self._in_operation:
            QTimer.singleShot(0, self._show_pending)

    def _show_pending(self) -> None:
        pending, self._pending = self._pending, []
        for changes in pending:
            self.show_changes(changes)
        if not pending:
            self._update_undo_actions()

    def show_changes(self, changes: Changes) -> None:
        """Show what an operation, undo, redo, import or another program changed: each
        view and panel updates only what ``changes`` name (the open document's spans read
        back by id, the linked annotations it touched, the document list's rows of its
        documents), then the undo actions and status labels."""
        if getattr(self, "_shut", False) or self.project.closed:
            return
        self._serial += 1  # a span load in flight is now stale
        if changes.kind in ("external", "import", "merge"):
            self._show_everything(changes)
            return
        doc = self.doc_id
        if doc is not None and (doc in changes.documents or not changes.documents) and changes.touches("spans", "fragments"):
            self._show_span_changes(doc, changes)
        self.links.show_changes(changes)
        for d in changes.documents:
            if d == doc:
                self.doc_model.refresh_document(d, spans=len(self.view.store) if self.ready else None,
                                                status=self.project.status(d, self.layer), annotator=self.layer)
            else:
                self.doc_model.refresh_document(d)
        if changes.touches("document_status", "documents"):
            self.documents_panel.update_summary()
        self._update_undo_actions()
        self._update_status_labels()
        self.edited.emit()

    def _show_span_changes(self, doc: int, changes: Changes) -> None:
        """Read back the spans ``changes`` name and show them (list, view), by id."""
        if not self.ready:
            return  # the load in flight is asked again (the serial changed) and brings them
        frags = changes.added.get("fragments", frozenset()) | changes.changed.get("fragments", frozenset())
        rows = self.project.span_rows_named(doc, changes.ids("spans"), frags, self.layer)
        store = self.view.store
        removed = [sid for sid in changes.ids("spans") if sid not in rows and sid in store]
        fresh = [row for sid, row in rows.items()
                 if (item := store.get(sid)) is None or (item.label, item.fragments) != (row[1], tuple(sorted(row[2])))]
        if not (removed or fresh):
            return
        few = len(removed) + len(fresh) <= 64
        if few and removed:
            self.view.refresh(removed)  # the lines where they were, while the store has them
        self.span_model.apply(fresh, removed)
        if few and fresh:
            self.view.refresh([row[0] for row in fresh])
        elif not few:
            self.view.refresh()
        if self.view.selected_span is not None and self.view.selected_span not in store:
            self._select_span(None)

    def _show_everything(self, changes: Changes) -> None:
        """Another program's changes, an import or a merge: which rows is not known, so
        the lists and panels are read again, and the open document's spans if it may be
        among the documents touched."""
        self._load_scheme()  # an import may have brought new types
        self._update_undo_actions()  # a guarded undo may now be refused; the menu still offers it
        self.doc_model.reload()
        self.documents_panel.update_summary()
        if self.doc_id is None:
            self._open_first_document()
        elif self.doc_id in changes.documents or not changes.documents or changes.kind != "external":
            self.documents_panel.show_document(self.doc_id)
            self.ready = False
            self.reload_spans()
            self._update_status_labels()
        self.links.refresh(force=True)
        self.edited.emit()

    def _remember_document(self) -> None:
        """Keep the open document in the settings, to open it next time."""
        self._last_document_timer.stop()
        if self.doc_id is not None:
            self.settings.set_last_document(str(self.project.path), self.doc_id)

    def _record_time(self) -> None:
        now = time.monotonic()
        spent, self._opened_at = now - self._opened_at, now
        if self.doc_id is not None and spent >= 2:
            try:
                self.project.add_time(self.doc_id, min(spent, 3600.0))
            except AnnotatorError:
                pass

    # -- find --------------------------------------------------------------------------

    def _search(self, query: str) -> None:
        if self.doc_id is None or not query:
            self.find_panel.show_hits([], self.text)
            self.view.set_find_hits([])
            return
        after_clitic = self.find_panel.clitic_policy() != "exact"
        self._find_token = self.reader.search(self.doc_id, query, allow_proclitic=after_clitic)

    def _clitics_changed(self, policy: str) -> None:
        """Keep the Find panel's clitic policy with the project, and search again."""
        try:
            self.project.set_setting("find_clitics", policy)
        except AnnotatorError as exc:
            self.status(str(exc))
        self._search(self.find_panel.query.text().strip())

    def _searched(self, token: int, document_id: int, hits: list[Any]) -> None:
        if token != self._find_token or document_id != self.doc_id:
            return
        self.find_panel.show_hits(hits, self.text)
        self.view.set_find_hits([(h.start, h.end) for h in hits])

    # -- events ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not getattr(self, "_shut", False) and not self.unsaved.may_close():
            event.ignore()  # edits a team database has not saved yet: the window stays
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the window layout and stop the reader (the project stays open)."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        gc.unfreeze()  # this window's objects can be collected once it goes
        if self._heard in self.project.listeners:
            self.project.listeners.remove(self._heard)
        self.external.stop()
        self.stop_jobs()
        self._record_time()
        self.team.shutdown()
        self.suggestions.shutdown()
        self._remember_document()
        self.settings.save_window_state(self.lang, self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        self.settings.font_size = self.view.font_size()
        self.settings.sync()
        self.reader.stop()
