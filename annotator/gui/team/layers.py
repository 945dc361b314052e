"""Whose annotations the window shows: the layer selector.

Each annotator's annotations on a document are their *layer*.  The window shows one layer
in the document view, the annotation list and the document list's status column:

- your own (the default), which you edit;
- another annotator's, **read-only** (every edit is refused with one sentence);
- the gold layer, which is adjudication: it is edited like your own, and while it is
  shown the window's project edits as ``gold`` (``Project.annotator``), so every editing
  tool, hotkeys, Delete, undo, marking done, acts on the gold layer.

``Layers`` keeps that state; ``LayerBar`` is the tool bar that shows and changes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from annotator.gui.panels.panels import RefreshingCombo
from annotator.store.project import GOLD

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow


class Layers(QObject):
    """The layer a window shows and who is annotating (``me``)."""

    changed = Signal(str)  # the annotator whose layer is now shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        me = window.project.annotator
        self.me = me if me != GOLD else window.settings.annotator or "annotator"
        self.current = self.me
        window.project.annotator = self.me

    @property
    def adjudicating(self) -> bool:
        """True while the gold layer is shown (and edited)."""
        return self.current == GOLD

    @property
    def read_only(self) -> bool:
        """True while another annotator's layer is shown."""
        return self.current not in (self.me, GOLD)

    def refusal(self) -> str | None:
        """Return why an edit is refused now, or None if edits are allowed."""
        if not self.read_only:
            return None
        return self.tr("{name}'s annotations are shown read-only: choose your own layer, or gold to adjudicate, "
                       "to edit.").format(name=self.current)

    def others(self) -> list[str]:
        """Return the annotators whose layers can be viewed: everyone who started a
        document, but me and gold."""
        kinds = self.window.project.annotator_kinds(active=True)
        return [n for n, kind in kinds.items() if n not in (self.me, GOLD) and kind != "gold"]

    def show(self, name: str) -> None:
        """Show ``name``'s layer (``me``, another annotator, or ``GOLD``)."""
        if name == self.current:
            return
        w = self.window
        self.current = name
        w.project.annotator = GOLD if name == GOLD else self.me
        w.doc_model.set_annotator(name)
        w.documents_panel.show_annotator(name)
        w.documents_panel.update_summary()
        w.ready = False
        w.reload_spans()
        w._update_status_labels()
        self.changed.emit(name)

    def rename_me(self, name: str) -> None:
        """Call when the annotator's name changed to ``name`` (shown on their own layer)."""
        self.me = self.current = name
        self.window.doc_model.annotator = name  # the caller reloads the lists
        self.window.documents_panel.show_annotator(name)
        self.changed.emit(name)


class LayerBar(QToolBar):
    """"Layer: [my annotations ▾]" with a badge saying read-only or adjudication."""

    def __init__(self, layers: Layers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolbar-layer")
        self.setWindowTitle(self.tr("Layer"))
        self.layers = layers
        self.addWidget(QLabel(self.tr("Layer:") + " "))
        self.combo = RefreshingCombo(self.refresh)
        self.combo.setObjectName("layer-combo")
        self.combo.setMinimumContentsLength(22)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addWidget(self.combo)
        self.badge = QLabel()
        self.badge.setObjectName("layer-badge")
        self.addWidget(self.badge)
        self.combo.activated.connect(lambda i: layers.show(self.combo.itemData(i)))
        layers.changed.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """List the layers again (someone new may have annotated) and show the current."""
        layers = self.layers
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("My annotations ({name})").format(name=layers.me), layers.me)
        for name in layers.others():
            self.combo.addItem(self.tr("{name} (read-only)").format(name=name), name)
        self.combo.addItem(self.tr("Gold (adjudication)"), GOLD)
        self.combo.setCurrentIndex(max(0, self.combo.findData(layers.current)))
        self.combo.blockSignals(False)
        if layers.read_only:
            self.badge.setText(" " + self.tr("read-only") + " ")
            self.badge.setStyleSheet("background: #fde7e9; color: #a4262c; border-radius: 3px; padding: 1px 6px")
        elif layers.adjudicating:
            self.badge.setText(" " + self.tr("adjudicating: edits go to the gold layer") + " ")
            self.badge.setStyleSheet("background: #fff4ce; color: #6b4e00; border-radius: 3px; padding: 1px 6px")
        else:
            self.badge.setText("")
            self.badge.setStyleSheet("")
