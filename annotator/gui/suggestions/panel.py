"""The Suggestions panel: the open document's pending suggestions in a table, filtered
by label, recommender and confidence, with accept and reject for the selected rows and
for everything shown (all in the document, all of a label, all above a confidence)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class SuggestionModel(QAbstractTableModel):
    """One row per suggestion: label, text, confidence, recommender."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.names: dict[str, str] = {}

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Label"), self.tr("Text"), self.tr("Confidence"), self.tr("Recommender"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.names.get(s.label, s.label)
            where = s.surface or (f"{s.label_set}" if s.kind != "stance" else self.tr("stance toward {target}").format(target=s.label_set))
            return (label, where, f"{s.confidence:.2f}", s.recommender)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.kind} · {s.label} · {s.recommender} · {s.confidence:.3f}"
        return None


class SuggestionsPanel(QWidget):
    """The table with its filters and buttons; the controller does the work."""

    acceptRequested = Signal(list)  # suggestion ids
    rejectRequested = Signal(list)
    retrainRequested = Signal()
    currentChanged = Signal(object)  # the suggestion, or None
    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.model = SuggestionModel(self)
        self.label = QComboBox()
        self.recommender = QComboBox()
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(0.0, 1.0)
        self.confidence.setSingleStep(0.05)
        self.confidence.setValue(0.5)
        self.confidence.setPrefix(self.tr("from "))
        for w in (self.label, self.recommender):
            w.currentIndexChanged.connect(self._apply)
        self.confidence.valueChanged.connect(self._apply)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.currentChanged.emit(self._row(cur.row())))
        self.table.doubleClicked.connect(lambda index: self.acceptRequested.emit([self.model.rows[index.row()].id]))
        self.accept_button = QPushButton(self.tr("Accept"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.accept_all = QPushButton(self.tr("Accept all shown"))
        self.reject_all = QPushButton(self.tr("Reject all shown"))
        self.retrain = QPushButton(self.tr("Learn now"))
        self.accept_button.clicked.connect(lambda: self.acceptRequested.emit([s.id for s in self.selected()]))
        self.reject_button.clicked.connect(lambda: self.rejectRequested.emit([s.id for s in self.selected()]))
        self.accept_all.clicked.connect(lambda: self.acceptRequested.emit([s.id for s in self.shown()]))
        self.reject_all.clicked.connect(lambda: self.rejectRequested.emit([s.id for s in self.shown()]))
        self.retrain.clicked.connect(self.retrainRequested)
        self.state = QLabel()
        self.state.setWordWrap(True)
        filters = QHBoxLayout()
        for w in (self.label, self.recommender, self.confidence):
            filters.addWidget(w)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.accept_all, self.reject_all, self.retrain):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        self._fill_filters()

    def set_names(self, names: dict[str, str]) -> None:
        self.model.names = dict(names)

    def set_suggestions(self, items: list[Any]) -> None:
        """Show ``items`` (the document's pending suggestions) through the filters."""
        current = self.current()
        self.items = items
        self._fill_filters()
        self._apply(keep=current.id if current else None)

    def _fill_filters(self) -> None:
        for combo, every, values in ((self.label, self.tr("All labels"), sorted({s.label for s in self.items})),
                                     (self.recommender, self.tr("All recommenders"), sorted({s.recommender for s in self.items}))):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(every, None)
            for v in values:
                combo.addItem(self.model.names.get(v, v) if combo is self.label else v, v)
            if chosen in values:
                combo.setCurrentIndex(combo.findData(chosen))
            combo.blockSignals(False)

    def _apply(self, *_: Any, keep: int | None = None) -> None:
        label, rec, low = self.label.currentData(), self.recommender.currentData(), self.confidence.value()
        rows = [s for s in self.items if (label is None or s.label == label) and (rec is None or s.recommender == rec)
                and s.confidence >= low - 1e-9]
        self.model.set_rows(rows)
        if keep is not None:
            for i, s in enumerate(rows):
                if s.id == keep:
                    self.table.selectRow(i)
        self.filtersChanged.emit()

    def _row(self, row: int) -> Any | None:
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def shown(self) -> list[Any]:
        """Return the suggestions the filters let through."""
        return list(self.model.rows)

    def selected(self) -> list[Any]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def current(self) -> Any | None:
        return self._row(self.table.currentIndex().row())

    def select(self, suggestion_id: int) -> None:
        for i, s in enumerate(self.model.rows):
            if s.id == suggestion_id:
                self.table.selectRow(i)
                return

    def show_state(self, text: str) -> None:
        self.state.setText(text)
