"""The main window's commands: label, relabel, delete, add a fragment, label all matches,
undo and redo, move between documents and spans, zoom, settings.

Each edit is one Project API call (committed at once, one undo step) run through
``_edit``: the call returns, the project announces its ``Changes``, and the window's
``show_changes`` (main_window.py) shows them, in every view and panel.  A command never
changes a view itself: what it shows is what the project now holds, read back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.core.scheme import UNLABELLED
from annotator.core.text import move_edge, word_at
from annotator.gui.app.settings import Choices, SettingsDialog
from annotator.gui.text.document_view import DEFAULT_SIZE
from annotator.gui.window.actions import shortcut_rows
from annotator.gui.window.unsaved import lost_connection

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow


translate = QCoreApplication.translate

#: A bulk edit (label-all) turns the event loop at least this often, in seconds.
BULK_SLICE_S = 0.03


class CommandsMixin:
    """Commands of ``MainWindow`` (kept apart so each file stays small)."""

    # -- editing -----------------------------------------------------------------------

    def _edit(self: MainWindow, call: Callable[[], Any], *, guard: bool = True) -> tuple[bool, Any]:
        """Run one Project API edit (an operation), then show the ``Changes`` it announced;
        report a refusal in the status bar.  While another annotator's layer is shown
        (read-only) edits are refused, unless ``guard`` is False (undo and redo)."""
        if guard and (refusal := self.layers.refusal()):
            self.status(refusal)
            return False, None
        if guard and self.unsaved.kept:  # earlier edits wait for the database: this one waits behind them
            self.unsaved.keep(call, None)
            return False, None
        self._in_operation += 1
        try:
            result = call()
        except AnnotatorError as exc:
            if guard and lost_connection(exc):  # not saved: kept and tried again (unsaved.py)
                self.unsaved.keep(call, exc)
                return False, None
            self.status(str(exc))
            self._update_undo_actions()  # a refused undo closes the history
            return False, None
        finally:
            self._in_operation -= 1
        self._show_pending()
        return True, result

    def _update_undo_actions(self: MainWindow) -> None:
        history = self.project.history
        a = self.actions_
        a.undo.setEnabled(bool(history.undo_steps))
        a.redo.setEnabled(bool(history.redo_steps))
        a.undo.setText(translate("MainWindow", "&Undo {what}").format(what=history.undo_steps[-1].label) if history.undo_steps else translate("MainWindow", "&Undo"))
        a.redo.setText(translate("MainWindow", "&Redo {what}").format(what=history.redo_steps[-1].label) if history.redo_steps else translate("MainWindow", "&Redo"))

    def apply_label(self: MainWindow, label: str) -> None:
        """Label the selected text (a new span), or relabel the selected span."""
        if self.doc_id is None:
            return
        if self.project.scheme.event(label):  # an event type: a trigger and its event
            self.links.apply_event_type(label)
            return
        rng = self.view.selection_range()
        if rng is not None:
            start, end = self.view.snapped(*rng)
            if start >= end:
                self.status(translate("MainWindow", "The selection holds no word to label."))
                return
            ok, sid = self._edit(lambda doc=self.doc_id: self.project.add_span(doc, label, start, end))
            if ok:
                self.view.clear_selection()
                self._select_span(sid)
            return
        sid = self.view.selected_span
        if sid is None:
            self.status(translate("MainWindow", "Select some text to label, or click a span to relabel it."))
            return
        item = self.view.store.get(sid)
        if item is not None and item.label != label:
            self._edit(lambda: self.project.relabel_span(sid, label))

    def delete_span(self: MainWindow) -> None:
        """Delete the selected span."""
        sid = self.view.selected_span
        if sid is None:
            self.status(translate("MainWindow", "Click a span first, then press Delete."))
            return
        ok, _ = self._edit(lambda: self.project.delete_span(sid))
        if ok:
            self._select_span(None)

    def mark_span(self: MainWindow) -> None:
        """Mark the selected text as a span to label later (the label ``?``): click it and
        press a label key to label it."""
        rng = self.view.selection_range()
        if self.doc_id is None or rng is None:
            self.status(translate("MainWindow", "Select some text to mark."))
            return
        start, end = self.view.snapped(*rng)
        if start >= end:
            self.status(translate("MainWindow", "The selection holds no word to label."))
            return
        ok, sid = self._edit(lambda doc=self.doc_id: self.project.add_span(doc, UNLABELLED, start, end))
        if ok:
            self.view.clear_selection()
            self._select_span(sid)

    def resize_span(self: MainWindow, side: str, grow: bool, unit: str) -> None:
        """Move the selected span's edge on screen side ``side`` ("left" or "right") out
        (``grow``) or in by a word or a grapheme: one update, one undo step."""
        sid = self.view.selected_span
        item = self.view.store.get(sid) if sid is not None else None
        if item is None:
            self.status(translate("MainWindow", "Click a span first, then move its edges."))
            return
        rtl = self.view.is_right_to_left_at(item.start)
        edge = "start" if (side == "left") != rtl else "end"
        frags = list(item.fragments)
        i = 0 if edge == "start" else len(frags) - 1
        s, e = move_edge(self.text, *frags[i], edge, grow, unit)  # type: ignore[arg-type]
        if (s, e) == frags[i]:
            self.status(translate("MainWindow", "The span cannot grow or shrink further on that side."))
            return
        frags[i] = (s, e)
        self.set_span_fragments(sid, frags)

    def set_span_fragments(self: MainWindow, span_id: int, frags: list[tuple[int, int]]) -> None:
        """Give span ``span_id`` the fragments ``frags`` (one undo step)."""
        ok, _ = self._edit(lambda: self.project.update_span(span_id, fragments=frags))
        if ok:
            self._select_span(span_id)

    def add_fragment(self: MainWindow) -> None:
        """Add the selected text to the selected span as one more fragment."""
        sid, rng = self.view.selected_span, self.view.selection_range()
        if sid is None or rng is None:
            self.status(translate("MainWindow", "Click a span, select more text, then add it as a fragment."))
            return
        start, end = self.view.snapped(*rng)
        ok, _ = self._edit(lambda: self.project.add_fragment(sid, start, end))
        if ok:
            self.view.clear_selection()
            self._select_span(sid)

    def label_all(self: MainWindow, label: str, hits: list[Any]) -> None:
        """Give ``label`` to every whole-word hit not yet labelled so, as one undo step.
        With the Find panel's clitic policy ``attached`` a hit after a proclitic is
        labelled as the whole token (والحكومة), else as the hit (الحكومة)."""
        ranges = [(h.start, h.end) for h in hits]
        if self.find_panel.clitic_policy() == "attached":
            ranges = [((word_at(self.text, s) or (s, e))[0], e) for s, e in ranges]
        todo = [(s, e) for s, e in dict.fromkeys(ranges)
                if not any(it.label == label and it.fragments == ((s, e),) for it in self.view.store.at(s))]
        if not todo:
            self.status(translate("MainWindow", "Every whole-word match already has this label."))
            return
        added: list[int] = []

        def run() -> None:
            with self.project.macro(self.counted("label_all", len(todo)).format(label=label)):
                turned = time.perf_counter()
                for s, e in todo:
                    added.append(self.project.add_span(self.doc_id, label, s, e))
                    if time.perf_counter() - turned > BULK_SLICE_S:
                        # thousands of spans take a while: let the window paint meanwhile
                        # (keys and clicks wait: they must not join this one undo step)
                        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
                        turned = time.perf_counter()

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            ok, _ = self._edit(run)
        finally:
            QApplication.restoreOverrideCursor()
        if ok:
            self.status(self.counted("spans_added", len(added)))

    def _select_span(self: MainWindow, span_id: int | None, *, reveal: bool = False) -> None:
        self.view.select_span(span_id, reveal=reveal)
        self.annotations_panel.show_span(span_id)

    def _span_clicked(self: MainWindow, span_id: int | None) -> None:
        self.annotations_panel.show_span(span_id)
        item = self.view.store.get(span_id) if span_id is not None else None
        if item is not None:
            self.status(f"{self.view.labels.get(item.label, item.label)}: {' … '.join(self.text[s:e] for s, e in item.fragments)}")

    def _span_activated(self: MainWindow, span_id: int) -> None:
        self.view.select_span(span_id, reveal=True)
        self.view.setFocus()

    def step_span(self: MainWindow, delta: int) -> None:
        """Select the next (or previous) span in text order."""
        model = self.span_model
        if not model.rowCount():
            return
        row = model.row_of(self.view.selected_span) if self.view.selected_span is not None else None
        row = 0 if row is None and delta > 0 else (model.rowCount() - 1 if row is None else row + delta)
        item = model.item(max(0, min(model.rowCount() - 1, row)))
        if item is not None:
            self._select_span(item.id, reveal=True)

    def clear_span_selection(self: MainWindow) -> None:
        self._select_span(None)

    # -- undo --------------------------------------------------------------------------

    def undo(self: MainWindow) -> None:
        """Undo the last edit, in whichever document it was."""
        self._replay(self.project.undo, translate("MainWindow", "Undone: {what}"))

    def redo(self: MainWindow) -> None:
        """Redo the last undone edit."""
        self._replay(self.project.redo, translate("MainWindow", "Redone: {what}"))

    def _replay(self: MainWindow, call: Callable[[], Any], message: str) -> None:
        ok, step = self._edit(call, guard=False)
        if not ok or step is None:
            return
        if step.document_id is not None and step.document_id != self.doc_id:
            self.open_document(step.document_id)  # the step was in another document: show it there
        self.status(message.format(what=step.label))

    # -- documents ---------------------------------------------------------------------

    def step_document(self: MainWindow, delta: int) -> None:
        if self.doc_id is None:
            return
        target = self.doc_model.neighbour(self.doc_id, delta)  # from the list's pages: no count of the rows before
        if target is not None:
            self.open_document(target)

    def next_unfinished(self: MainWindow) -> None:
        target = self.project.next_unfinished(self.doc_id)
        if target is None:
            self.status(translate("MainWindow", "Every document is done."))
        elif target != self.doc_id:
            self.open_document(target)

    def toggle_done(self: MainWindow) -> None:
        """Mark the open document done (or back to in progress)."""
        if self.doc_id is None:
            return
        status = "in_progress" if self.project.status(self.doc_id) == "done" else "done"
        self._edit(lambda doc=self.doc_id: self.project.set_status(doc, status))

    def done_and_next(self: MainWindow) -> None:
        if self.doc_id is not None and self.project.status(self.doc_id) != "done":
            self.toggle_done()
        self.next_unfinished()

    # -- view --------------------------------------------------------------------------

    def zoom(self: MainWindow, step: int) -> None:
        size = DEFAULT_SIZE if step == 0 else self.view.font_size() + step
        self.view.set_font(self.view.font().family(), size)
        self.settings.font_size = self.view.font_size()

    def show_find(self: MainWindow) -> None:
        dock = self.docks["find"]
        dock.show()
        dock.raise_()
        rng = self.view.selection_range()
        if rng and rng[1] - rng[0] < 100:
            self.find_panel.query.setText(self.text[rng[0]:rng[1]])
        self.find_panel.focus_query()

    def find_next(self: MainWindow) -> None:
        self.find_panel.next_hit()

    def find_previous(self: MainWindow) -> None:
        self.find_panel.previous_hit()

    # -- dialogs -----------------------------------------------------------------------

    def choose_project(self: MainWindow) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open project"), str(self.project.path.parent),
                                              translate("MainWindow", "Annotator projects (*.annotproj);;All files (*)"))
        if path:
            self.projectRequested.emit(path)

    def edit_settings(self: MainWindow) -> None:
        current = Choices(self.lang, self.layers.me, self.view.snap_mode, self.view.direction, self.view.font_size())
        dialog = SettingsDialog(current, self)
        if dialog.exec():
            self.apply_choices(dialog.choices())

    def apply_choices(self: MainWindow, new: Choices) -> None:
        """Apply settings: project ones through the Project API, the user's to QSettings."""
        try:
            if new.snap != self.view.snap_mode:
                self.project.set_setting("snap", new.snap)
            if new.direction != self.view.direction:
                self.project.set_setting("text_direction", new.direction)
        except AnnotatorError as exc:
            self.status(str(exc))
            return
        self.view.snap_mode = new.snap
        self.view.set_text_direction(new.direction)
        self.view.set_font(self.view.font().family(), new.font_size)
        self.settings.font_size = new.font_size
        if new.annotator and new.annotator != self.layers.me:
            self.set_annotator(new.annotator)
        self._update_status_labels()
        if new.language != self.lang:
            self.settings.language = new.language
            self.languageRequested.emit(new.language)

    def set_annotator(self: MainWindow, name: str) -> None:
        """Annotate as ``name`` from now on (in this project and the next ones), back on
        one's own layer."""
        from annotator.gui.app.identity import name_problem

        if problem := name_problem(name):
            self.status(problem)
            return
        name = name.strip()
        self.layers.show(self.layers.me)
        try:
            self.project.annotator = name
            self.project.remember_annotator()
        except AnnotatorError as exc:
            self.status(str(exc))
            return
        self.layers.rename_me(name)
        self.settings.annotator = name
        self.doc_model.reload()
        self.documents_panel.update_summary()
        self.ready = False
        self.reload_spans()

    def show_shortcuts(self: MainWindow) -> None:
        """Show the keys in a table that scrolls: never taller than the screen (a message
        box of 60 rows did not fit a 1000-pixel screen)."""
        from annotator.gui.window.shortcuts_dialog import ShortcutsDialog

        rows = shortcut_rows(self.actions_, [*self.label_actions.values(), *self.links.actions()])
        self.shortcuts_dialog = ShortcutsDialog(rows, self)
        self.shortcuts_dialog.show()

    def show_about(self: MainWindow) -> None:
        from annotator import __version__

        text = translate("MainWindow", "<p><b>annotator {version}</b></p><p>Annotate Arabic text: entities, events and stance.</p><p>Text font: Amiri (SIL Open Font License).</p>")  # noqa: E501
        QMessageBox.about(self, translate("MainWindow", "About annotator"), text.format(version=__version__))
