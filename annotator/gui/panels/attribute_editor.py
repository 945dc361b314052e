"""A small in-place editor of the scheme's attributes for one entity, event or relation:
a check box for each yes/no attribute, a list for each attribute with values.

Unset is a state of its own: an unticked box removes a yes/no attribute (brat's
convention: present or absent), and a list's first entry ("—", or "default: X" when the
scheme names a default) removes the value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from annotator.core.scheme import AttributeDef, Scheme


class AttributeEditor(QWidget):
    """Edits the attributes a scheme gives to one kind of item."""

    changed = Signal(str, object)  # attribute name, new value (None: removed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 2, 0, 2)
        self.widgets: dict[str, QCheckBox | QComboBox] = {}
        self._loading = False
        self._shown: tuple[Any, ...] | None = None
        self.empty = QLabel()
        self.empty.setEnabled(False)
        self.form.addRow(self.empty)

    def set_target(self, scheme: Scheme, applies: str | None, values: dict[str, Any], lang: str = "en") -> None:
        """Show the attributes ``scheme`` gives to ``applies`` (entity, event, relation;
        None: nothing selected) with their current ``values``."""
        key = (id(scheme), applies, dict(values), lang)
        if key == self._shown:
            return
        same_item_kind = self._shown is not None and self._shown[:2] + self._shown[3:] == key[:2] + key[3:]
        self._shown = key
        self._loading = True
        try:
            if same_item_kind:
                self._set_values(values)  # the widgets stay: one of them may be handling the key that got here
            else:
                self._build(scheme, applies, values, lang)
        finally:
            self._loading = False

    def _set_values(self, values: dict[str, Any]) -> None:
        for name, widget in self.widgets.items():
            value = values.get(name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(value is True)
            else:
                widget.setCurrentIndex(max(0, widget.findData(value)) if value is not None else 0)

    def _build(self, scheme: Scheme, applies: str | None, values: dict[str, Any], lang: str) -> None:
        # the old rows go later, not now: this may run inside one of their own signals (a
        # list's key press changing a value), and deleting a widget under its own event
        # handler is a use after free (it segfaulted CI in a key click on the Realis list)
        while self.form.rowCount() > 1:
            row = self.form.takeRow(1)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self.widgets.clear()
        defs = [a for a in scheme.attributes if applies in a.on] if applies else []
        self.empty.setText("" if defs else (self.tr("No attributes for this item.") if applies else self.tr("Nothing selected.")))
        self.empty.setVisible(not defs)
        for adef in defs:
            name = (adef.ar if lang == "ar" else adef.en) or adef.name
            widget = self._widget(adef, name, values.get(adef.name))
            widget.setObjectName(f"attribute-{adef.name}")
            self.widgets[adef.name] = widget
            self.form.addRow("" if adef.binary else name, widget)

    def _widget(self, adef: AttributeDef, name: str, value: Any) -> QCheckBox | QComboBox:
        if adef.binary:
            box = QCheckBox(name)
            box.setChecked(value is True)
            box.toggled.connect(lambda on, n=adef.name: self._emit(n, True if on else None))
            return box
        combo = QComboBox()
        combo.addItem(self.tr("default: {value}").format(value=adef.default) if adef.default else "—", None)
        for v in adef.values:
            combo.addItem(v, v)
        combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        combo.currentIndexChanged.connect(lambda _i, n=adef.name, c=combo: self._emit(n, c.currentData()))
        return combo

    def _emit(self, name: str, value: Any) -> None:
        if not self._loading:
            self.changed.emit(name, value)
