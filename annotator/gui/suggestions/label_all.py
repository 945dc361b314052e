"""Label all occurrences across the project: for the selected span, its text is found in
every document (through the normalised view, clitic-aware) on the suggestion thread, shown
in a preview with a box per occurrence, and the checked ones become spans in one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from annotator.gui.suggestions.controller import SuggestionsController


class Preview(QDialog):
    """The occurrences, each checked; OK labels the checked ones."""

    def __init__(self, found: list[Any], names: dict[int, str], texts: dict[int, str], label: str, parent: Any) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label all occurrences"))
        self.found = found
        self.list = QListWidget()
        for s in found:
            text = texts[s.document_id]
            before, after = text[max(0, s.start - 30):s.start], text[s.end:s.end + 30]
            item = QListWidgetItem(f"{names.get(s.document_id, s.document_id)}: …{before}[{s.surface}]{after}…")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n more occurrences to label {label}:", None, len(found)).format(label=label)))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def checked(self) -> list[Any]:
        return [s for i, s in enumerate(self.found) if self.list.item(i).checkState() == Qt.CheckState.Checked]


class LabelAll(QObject):
    """The action and what follows it."""

    def __init__(self, controller: SuggestionsController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self._token: int | None = None
        self.preview: Preview | None = None
        controller.thread.found.connect(self._found)
        self.action = QAction(self.tr("Label all &occurrences in the project…"), self.window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.triggered.connect(self.start)

    def start(self) -> None:
        w = self.window
        sid = w.view.selected_span
        if sid is None:
            w.status(self.tr("Click a span first: its text is then found in every document."))
            return
        self._token = self.controller.thread.occurrences(sid, w.layers.me)
        w.status(self.tr("Finding every occurrence in the project…"))

    def _found(self, token: int, span_id: int, found: list[Any]) -> None:
        if token != self._token:
            return
        w = self.window
        if not found:
            w.status(self.tr("No other occurrence is left to label."))
            return
        p = w.project
        label = p.span(span_id).label
        docs = sorted({s.document_id for s in found})
        names = {d: (p.document_info(d, count_spans=False).name) for d in docs}
        texts = {d: p.text(d) for d in docs}
        self.preview = Preview(found, names, texts, label, w)
        if self.preview.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = self.preview.checked()

        def run() -> int:
            with p.macro(self.tr("Label %n occurrences as {label}", None, len(chosen)).format(label=label)):
                for s in chosen:
                    p.add_span(s.document_id, s.label, s.start, s.end, annotator=w.layers.me)
            return len(chosen)

        ok, n = w._edit(run)
        if ok:
            w.reload_spans()
            w.status(self.tr("Labelled %n occurrences.", None, n))
