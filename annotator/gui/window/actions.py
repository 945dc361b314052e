"""The main window's actions and menus, with their shortcuts (the table in README.md
lists the same keys)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

translate = QCoreApplication.translate


@dataclass
class Actions:
    """Every command of the main window."""

    open_project: QAction
    import_files: QAction
    export_files: QAction
    settings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    delete_span: QAction
    mark_span: QAction
    grow_left: QAction
    grow_right: QAction
    shrink_left: QAction
    shrink_right: QAction
    grow_left_letter: QAction
    grow_right_letter: QAction
    shrink_left_letter: QAction
    shrink_right_letter: QAction
    add_fragment: QAction
    next_span: QAction
    previous_span: QAction
    clear_span: QAction
    next_document: QAction
    previous_document: QAction
    next_unfinished: QAction
    mark_done: QAction
    done_and_next: QAction
    label_names: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    shortcuts: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(window: QMainWindow, text: str, slot: Callable[[], object], *keys: QKeySequence | str,
            context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(context)
    action.triggered.connect(lambda checked=False: slot())
    window.addAction(action)
    return action


def create_actions(w: QMainWindow) -> Actions:
    """Create the actions of main window ``w`` (its slots are methods of ``w``)."""
    K = QKeySequence.StandardKey  # noqa: N806
    return Actions(
        open_project=_action(w, translate("Actions", "&Open project…"), w.choose_project, K.Open),
        import_files=_action(w, translate("Actions", "&Import…"), w.show_import_dialog),
        export_files=_action(w, translate("Actions", "&Export…"), w.show_export_dialog),
        settings=_action(w, translate("Actions", "&Settings…"), w.edit_settings, "Ctrl+,"),
        quit=_action(w, translate("Actions", "&Quit"), w.close, K.Quit),
        undo=_action(w, translate("Actions", "&Undo"), w.undo, K.Undo),
        redo=_action(w, translate("Actions", "&Redo"), w.redo, "Ctrl+Shift+Z", "Ctrl+Y"),
        find=_action(w, translate("Actions", "&Find…"), w.show_find, K.Find),
        find_next=_action(w, translate("Actions", "Find &next"), w.find_next, K.FindNext),
        find_previous=_action(w, translate("Actions", "Find &previous"), w.find_previous, K.FindPrevious),
        delete_span=_action(w, translate("Actions", "&Delete span"), w.delete_span, "Delete", "Backspace"),
        mark_span=_action(w, translate("Actions", "&Mark span, label it later"), w.mark_span, "Ctrl+M"),
        # the span's edges, on the side of the screen the arrow names (the start of an
        # Arabic span is on the right): by a word, or with Ctrl by a letter
        grow_left=_action(w, translate("Actions", "Grow span leftwards by a word"), lambda: w.resize_span("left", True, "word"), "Alt+Left"),
        grow_right=_action(w, translate("Actions", "Grow span rightwards by a word"), lambda: w.resize_span("right", True, "word"), "Alt+Right"),
        shrink_left=_action(w, translate("Actions", "Shrink span from the left by a word"), lambda: w.resize_span("left", False, "word"),
                            "Alt+Shift+Left"),
        shrink_right=_action(w, translate("Actions", "Shrink span from the right by a word"), lambda: w.resize_span("right", False, "word"),
                             "Alt+Shift+Right"),
        grow_left_letter=_action(w, translate("Actions", "Grow span leftwards by a letter"), lambda: w.resize_span("left", True, "grapheme"),
                                 "Ctrl+Alt+Left"),
        grow_right_letter=_action(w, translate("Actions", "Grow span rightwards by a letter"), lambda: w.resize_span("right", True, "grapheme"),
                                  "Ctrl+Alt+Right"),
        shrink_left_letter=_action(w, translate("Actions", "Shrink span from the left by a letter"),
                                   lambda: w.resize_span("left", False, "grapheme"), "Ctrl+Alt+Shift+Left"),
        shrink_right_letter=_action(w, translate("Actions", "Shrink span from the right by a letter"),
                                    lambda: w.resize_span("right", False, "grapheme"), "Ctrl+Alt+Shift+Right"),
        add_fragment=_action(w, translate("Actions", "Add selection as a &fragment"), w.add_fragment, "Ctrl+J"),
        next_span=_action(w, translate("Actions", "Ne&xt span"), lambda: w.step_span(1), "Alt+Down"),
        previous_span=_action(w, translate("Actions", "Pre&vious span"), lambda: w.step_span(-1), "Alt+Up"),
        clear_span=_action(w, translate("Actions", "Clear span selection"), w.clear_span_selection, "Escape"),
        next_document=_action(w, translate("Actions", "&Next document"), lambda: w.step_document(1), "Ctrl+PgDown"),
        previous_document=_action(w, translate("Actions", "&Previous document"), lambda: w.step_document(-1), "Ctrl+PgUp"),
        next_unfinished=_action(w, translate("Actions", "Next &unfinished document"), w.next_unfinished, "Ctrl+N"),
        mark_done=_action(w, translate("Actions", "Mark document &done"), w.toggle_done, "Ctrl+Shift+D"),
        done_and_next=_action(w, translate("Actions", "Mark done and go to the next unfinished"), w.done_and_next, "Ctrl+Return"),
        label_names=_action(w, translate("Actions", "&Label names on spans"), w.toggle_label_names, "Ctrl+Shift+L"),
        zoom_in=_action(w, translate("Actions", "Zoom &in"), lambda: w.zoom(1), K.ZoomIn, "Ctrl+="),
        zoom_out=_action(w, translate("Actions", "Zoom &out"), lambda: w.zoom(-1), K.ZoomOut),
        zoom_reset=_action(w, translate("Actions", "&Reset zoom"), lambda: w.zoom(0), "Ctrl+0"),
        shortcuts=_action(w, translate("Actions", "&Keyboard shortcuts"), w.show_shortcuts, K.HelpContents),
        about=_action(w, translate("Actions", "&About annotator"), w.show_about),
    )


LRM = "\u200e"


def keys_text(action: QAction) -> str:
    """Return the shortcuts of ``action`` as shown, e.g. "Ctrl+Shift+Z, Ctrl+Y"."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def show_keys_left_to_right(actions: list[QAction]) -> None:
    """Write each action's shortcut into its menu text, between left-to-right marks: a
    right-to-left menu would otherwise show "Ctrl+," as ",+Ctrl" (the trailing comma is a
    neutral that takes the menu's direction).  Qt shows the part after a tab as the key and
    then adds no key of its own."""
    for action in actions:
        keys = keys_text(action)
        if keys and "\t" not in action.text():
            action.setIconText(action.iconText())  # buttons show the name alone, as before
            action.setText(f"{action.text()}\t{LRM}{keys}{LRM}")


def build_menus(w: QMainWindow, a: Actions, panels: list[QAction]) -> None:
    """Fill the menu bar of ``w``."""
    if w.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        show_keys_left_to_right(a.all())
    bar = w.menuBar()
    file = bar.addMenu(translate("Actions", "&File"))
    file.addAction(a.open_project)
    file.addSeparator()
    file.addActions([a.import_files, a.export_files])
    file.addSeparator()
    file.addAction(a.settings)
    file.addSeparator()
    file.addAction(a.quit)
    edit = bar.addMenu(translate("Actions", "&Edit"))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.find, a.find_next, a.find_previous])
    edit.addSeparator()
    edit.addActions([a.delete_span, a.mark_span, a.add_fragment, a.next_span, a.previous_span, a.clear_span])
    edges = edit.addMenu(translate("Actions", "Span &edges"))
    edges.addActions([a.grow_left, a.grow_right, a.shrink_left, a.shrink_right])
    edges.addSeparator()
    edges.addActions([a.grow_left_letter, a.grow_right_letter, a.shrink_left_letter, a.shrink_right_letter])
    doc = bar.addMenu(translate("Actions", "&Document"))
    doc.addActions([a.next_document, a.previous_document, a.next_unfinished])
    doc.addSeparator()
    doc.addActions([a.mark_done, a.done_and_next])
    view = bar.addMenu(translate("Actions", "&View"))
    view.addAction(a.label_names)
    view.addSeparator()
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
    view.addSeparator()
    view.addActions(panels)
    help_ = bar.addMenu(translate("Actions", "&Help"))
    help_.addActions([a.shortcuts, a.about])


def shortcut_rows(a: Actions, label_actions: list[QAction]) -> list[tuple[str, str]]:
    """Return ``(keys, what they do)`` for the help window."""
    rows = []
    for action in [*a.all(), *label_actions]:
        keys = keys_text(action)
        if keys:
            rows.append((keys, action.text().split("\t")[0].replace("&", "")))
    return rows
