"""Help → Keyboard shortcuts: every key of the window in a table that scrolls, sized to
fit the screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate
LRI, PDI = "\u2066", "\u2069"
#: The most of the screen's height the dialog takes.
SCREEN_SHARE = 0.8


class ShortcutsDialog(QDialog):
    """The keys (left-to-right, in any UI language) and what each does."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MainWindow", "Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([translate("MainWindow", "Keys"), translate("MainWindow", "Command")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for r, (keys, what) in enumerate(rows):
            key_item = QTableWidgetItem(f"{LRI}{keys}{PDI}")
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            self.table.setItem(r, 0, key_item)
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        screen = self.screen() or (self.parentWidget().screen() if self.parentWidget() else None)
        available = screen.availableGeometry().height() if screen else 800
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        wanted = rows + self.table.horizontalHeader().height() + 80
        width = self.table.columnWidth(0) + max(320, self.table.columnWidth(1)) + 60
        self.resize(width, min(wanted, int(available * SCREEN_SHARE)))
        self.setMaximumHeight(max(200, available))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
