"""The side panels: documents, annotations and guidelines."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.gui.panels.models import ID_ROLE, AnnotationListModel, DocumentListModel
from annotator.gui.text.palette import span_label_items, swatch


def _table(model: Any) -> QTableView:
    """A plain table for a model of up to 100,000 rows.  A table view, not a tree view: a
    tree view visits every row to lay itself out, a table view only the visible ones."""
    view = QTableView()
    view.setModel(model)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _fixed_columns(view: QTableView, samples: tuple[str, ...]) -> None:
    """Stretch the first column; size the others from sample text.  Never size columns
    to their contents: that reads every row, and a list may have 100,000."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    metrics = view.fontMetrics()
    for column, sample in enumerate(samples, start=1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 36)


class RefreshingCombo(QComboBox):
    """A combo box that lists its items again each time it opens."""

    def __init__(self, refill: Any) -> None:
        super().__init__()
        self.refill = refill

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self.refill()
        super().showPopup()


class DocumentsPanel(QWidget):
    """The document list with a name filter, a status filter (of one annotator, whose
    status the list shows) and the counts."""

    documentActivated = Signal(int)

    def __init__(self, model: DocumentListModel, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Filter by name"))
        self.name.setClearButtonEnabled(True)
        self.status = QComboBox()
        for code, text in ((None, self.tr("All")), ("new", self.tr("New")),
                           ("in_progress", self.tr("In progress")), ("done", self.tr("Done"))):
            self.status.addItem(text, code)
        self.annotator = RefreshingCombo(lambda: self.show_annotator(self.model.annotator))  # whose status is shown
        self.annotator.setToolTip(self.tr("Whose status the list shows and filters by"))
        self.annotator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.name, 1)
        row.addWidget(self.status)
        row.addWidget(self.annotator)
        layout.addLayout(row)
        self.view = _table(model)
        _fixed_columns(self.view, ("in progress", "99,999", "✓annotator ✎annotator"))
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._apply_filter)
        self.name.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.annotator.activated.connect(lambda i: self.model.set_annotator(self.annotator.itemData(i)))
        self.show_annotator(None)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        model.modelReset.connect(self.update_summary)
        self.update_summary()

    def _apply_filter(self) -> None:
        self.model.set_filter(status=self.status.currentData(), name=self.name.text().strip() or None)

    def _activated(self, index: QModelIndex) -> None:
        doc = index.data(ID_ROLE)
        if doc is not None:
            self.documentActivated.emit(int(doc))

    def show_annotator(self, name: str | None) -> None:
        """List the annotators and select ``name`` (None: the current annotator)."""
        current = self.model.project.annotator
        names = list(self.model.project.annotator_kinds())
        if current not in names:
            names.insert(0, current)
        self.annotator.blockSignals(True)
        self.annotator.clear()
        for n in names:
            self.annotator.addItem(n, n)
        self.annotator.setCurrentIndex(max(0, self.annotator.findData(name or current)))
        self.annotator.blockSignals(False)

    def show_document(self, document_id: int) -> None:
        """Select ``document_id``'s row, if the filter shows it."""
        row = self.model.row_of(document_id)
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, self.view.selectionModel().SelectionFlag.ClearAndSelect | self.view.selectionModel().SelectionFlag.Rows)
        self.view.scrollTo(index)

    def update_summary(self) -> None:
        """Show how many documents there are, and how many are done or in progress."""
        counts = self.model.project.status_counts(self.model.annotator, total=self.model.total)
        total = sum(counts.values())
        done, started = counts["done"], counts["in_progress"]
        shown = self.model.rowCount()
        text = self.tr("Documents: {total} · done: {done} · in progress: {started}").format(
            total=f"{total:,}", done=f"{done:,}", started=f"{started:,}")
        if shown != total:
            text += " · " + self.tr("{shown} shown").format(shown=f"{shown:,}")
        self.summary.setText(text)


class AnnotationsPanel(QWidget):
    """The open document's spans: text, label, position; a label filter."""

    spanActivated = Signal(int)

    def __init__(self, model: AnnotationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.label = QComboBox()
        layout.addWidget(self.label)
        self.view = _table(model)
        _fixed_columns(self.view, ("Organisation", "9999–9999"))
        layout.addWidget(self.view, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.label.currentIndexChanged.connect(lambda _: model.set_label_filter(self.label.currentData()))
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        # the count is refreshed a moment after a change, never inside the frame of an edit
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self._update_count)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._count_timer.start)

    def set_scheme(self, scheme: Scheme, lang: str) -> None:
        """List the scheme's labels in the filter."""
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem(self.tr("All labels"), None)
        for item in span_label_items(scheme):
            self.label.addItem(swatch(item.color), item.name(lang), item.label)
        self.label.blockSignals(False)
        longest = max((item.name(lang) for item in span_label_items(scheme)), key=len, default="")
        self.view.horizontalHeader().resizeSection(1, min(120, self.view.fontMetrics().horizontalAdvance(longest) + 36))

    def _activated(self, index: QModelIndex) -> None:
        sid = index.data(ID_ROLE)
        if sid is not None:
            self.spanActivated.emit(int(sid))

    def show_span(self, span_id: int | None) -> None:
        """Select ``span_id``'s row (or nothing)."""
        row = self.model.row_of(span_id) if span_id is not None else None
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _update_count(self, *args: Any) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%n spans", None, n))


class GuidelinesPanel(QTextBrowser):
    """The project's guidelines (Markdown), or the scheme's definitions if there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(True)

    def show_guidelines(self, markdown: str, scheme: Scheme, lang: str) -> None:
        if markdown.strip():
            self.setMarkdown(markdown)
            return
        self.setHtml(self.scheme_html(scheme, lang))

    def scheme_html(self, scheme: Scheme, lang: str) -> str:
        """Describe each label of ``scheme`` (shown when a project has no guidelines)."""
        title = (scheme.title_ar if lang == "ar" else scheme.title_en) or scheme.name
        parts = [f"<h3>{escape(title)}</h3>",
                 f"<p>{escape(self.tr('This project has no guidelines yet; these are the definitions from its scheme.'))}</p>"]
        for item in span_label_items(scheme):
            parts.append(f"<p><span style='background:{item.color}'>&nbsp;&nbsp;&nbsp;</span> "
                         f"<b>{escape(item.name(lang))}</b> ({escape(item.label)})<br>{escape(item.definition)}")
            if item.examples:
                parts.append("<br><i>" + escape("، ".join(item.examples)) + "</i>")
            parts.append("</p>")
        return "".join(parts)
