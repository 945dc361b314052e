"""The label palette: one action per span label of the scheme, with its colour, hotkey and
definition; and the buttons that show them.

Each label is a ``QAction`` whose shortcut is the scheme's hotkey, so pressing the key or
clicking the button does the same thing.  When two labels claim one hotkey, only the first
gets it (``Scheme.hotkeys``), and the scheme's warning says so.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from annotator.core.scheme import Scheme, normalize_hotkey

translate = QCoreApplication.translate


def swatch(color: str, size: int = 14) -> QIcon:
    """Return a small rounded square of ``color``."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(QColor(color).darker(130))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pix)


def span_label_items(scheme: Scheme) -> list[Any]:
    """Return the entity types, then the event types: everything a span can be."""
    return [*scheme.entities, *scheme.events]


def label_names(scheme: Scheme, lang: str) -> dict[str, str]:
    """Return ``{label: display name}`` in ``lang``."""
    return {item.label: item.name(lang) for item in span_label_items(scheme)}


def label_colors(scheme: Scheme) -> dict[str, str]:
    return {item.label: item.color for item in span_label_items(scheme)}


def tooltip(item: Any, lang: str) -> str:
    """Return a label's tooltip: name, label, hotkey, definition and examples."""
    parts = [f"<b>{escape(item.name(lang))}</b> ({escape(item.label)})"]
    if item.hotkey:
        parts[0] += " — " + translate("LabelPalette", "key {key}").format(key=escape(item.hotkey.upper()))
    if item.definition:
        parts.append(escape(item.definition))
    if item.examples:
        parts.append(translate("LabelPalette", "Examples:") + " " + "، ".join(escape(x) for x in item.examples))
    return "<p dir='auto'>" + "<br>".join(parts) + "</p>"


def make_label_actions(scheme: Scheme, lang: str, parent: QWidget) -> dict[str, QAction]:
    """Create one action per span label; the scheme's hotkeys become shortcuts."""
    owners = scheme.hotkeys()
    actions: dict[str, QAction] = {}
    for item in span_label_items(scheme):
        action = QAction(swatch(item.color), item.name(lang), parent)
        action.setData(item.label)
        action.setToolTip(tooltip(item, lang))
        action.setStatusTip(item.definition or item.label)
        key = normalize_hotkey(item.hotkey) if item.hotkey else ""
        if key and owners.get(key) == item.label:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions[item.label] = action
    return actions


class LabelPalette(QScrollArea):
    """A column of buttons, one per label, showing colour, name and hotkey."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons: dict[str, QToolButton] = {}
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self.setWidget(self._inner)

    def set_actions(self, actions: dict[str, QAction]) -> None:
        """Show a button for each action (in the scheme's order)."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        while self._layout.count():
            self._layout.takeAt(0)
        for label, action in actions.items():
            button = QToolButton(self._inner)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text keeps the focus and its selection
            button.setIconSize(QSize(14, 14))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setText(f"{action.text()}   [{shortcut}]" if shortcut else action.text())
            button.setAutoRaise(True)
            self.buttons[label] = button
            self._layout.addWidget(button)
        self._layout.addStretch(1)
