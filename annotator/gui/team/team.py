"""The team parts of the main window, wired in one place: the layer bar, the adjudication
panel and mode, the agreement window and the Team menu.

Adjudicating is showing the gold layer: Team → Adjudicate (Ctrl+Shift+A) or "Gold" in the
layer bar switches the window to gold and opens the adjudication panel; leaving it goes
back to one's own layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from annotator.gui.team.adjudication import AdjudicationPanel
from annotator.gui.team.layers import LayerBar
from annotator.gui.team.team_worker import TeamReader
from annotator.store.project import GOLD

if TYPE_CHECKING:
    from annotator.gui.team.agreement_view import AgreementDialog
    from annotator.gui.window.main_window import MainWindow


class Team(QObject):
    """Builds and connects the team parts of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.layers = window.layers
        self.reader = TeamReader(str(window.project.path), self)
        self.layer_bar = LayerBar(self.layers, window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.layer_bar)
        self.panel = AdjudicationPanel(window, self.reader)
        self.dock = QDockWidget(self.tr("Adjudication"), window)
        self.dock.setObjectName("dock-adjudication")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumHeight(230)
        # left only by leaving adjudication (the mode and the panel go together)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.agreement_dialog: AgreementDialog | None = None
        self._actions()
        self.layers.changed.connect(self._layer_changed)

    def _actions(self) -> None:
        w = self.window
        self.adjudicate = QAction(self.tr("&Adjudicate this document"), w)
        self.adjudicate.setCheckable(True)
        self.adjudicate.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.adjudicate.toggled.connect(self.set_adjudicating)
        self.agreement = QAction(self.tr("A&greement…"), w)
        self.agreement.triggered.connect(self.show_agreement)
        self.mine = QAction(self.tr("Show &my annotations"), w)
        self.mine.triggered.connect(lambda: self.layers.show(self.layers.me))
        for action in (self.adjudicate, self.agreement, self.mine):
            w.addAction(action)
        menu = w.menuBar().addMenu(self.tr("&Team"))
        menu.addActions([self.mine, self.adjudicate])
        menu.addSeparator()
        menu.addAction(self.agreement)
        panels = w.docks["labels"].toggleViewAction()
        view = next((a for a in w.menuBar().actions() if a.menu() is not None and panels in a.menu().actions()), None)
        if view is not None:  # before the View menu
            w.menuBar().insertMenu(view, menu)
        self.layer_bar.addSeparator()
        self.layer_bar.addAction(self.adjudicate)
        self.layer_bar.addAction(self.agreement)

    def start(self) -> None:
        """Call once the window's layout is restored: every window opens on one's own layer."""
        self.dock.setVisible(self.layers.adjudicating)

    def set_adjudicating(self, on: bool) -> None:
        """Show the gold layer with the adjudication panel (or one's own layer again)."""
        if on != self.layers.adjudicating:
            self.layers.show(GOLD if on else self.layers.me)

    def _layer_changed(self, name: str) -> None:
        on = name == GOLD
        self.adjudicate.blockSignals(True)
        self.adjudicate.setChecked(on)
        self.adjudicate.blockSignals(False)
        self.dock.setVisible(on)
        if on:
            self.dock.raise_()
        self.panel.set_active(on)

    def show_agreement(self) -> None:
        """Open the agreement window (computed on the team thread)."""
        from annotator.gui.team.agreement_view import AgreementDialog

        if self.agreement_dialog is None:
            self.agreement_dialog = AgreementDialog(self.window.project, self.reader, self.window)
        self.agreement_dialog.show()
        self.agreement_dialog.raise_()
        self.agreement_dialog.compute()

    def shutdown(self) -> None:
        """Stop the team thread; the project edits as its annotator again."""
        self.reader.stop()
        self.window.project.annotator = self.layers.me
