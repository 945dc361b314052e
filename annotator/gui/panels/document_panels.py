"""Three small panels: the document's labels (check boxes for a multi-label set, radio
buttons for a single-label one), its problems (live validation), and the inspector of the
selected span (its attributes, and the events, relations and stances it takes part in)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.core.validation import Problem
from annotator.gui.panels.attribute_editor import AttributeEditor
from annotator.gui.panels.events_panel import KIND_ROLE, warning_icon
from annotator.gui.panels.models import quoted


class DocLabelsPanel(QScrollArea):
    """One group per label set of the scheme."""

    labelsChanged = Signal(str, list)  # label set, its labels now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons: dict[str, dict[str, QAbstractButton]] = {}
        self._groups: list[QButtonGroup] = []
        self._loading = False

    def set_scheme(self, scheme: Scheme, lang: str) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.buttons.clear()
        self._groups.clear()
        for lset in scheme.doc_labels:
            title = (lset.ar if lang == "ar" else lset.en) or lset.name
            box = QGroupBox(title + ("" if lset.multi else "  " + self.tr("(one)")))
            inner_layout = QVBoxLayout(box)
            group = QButtonGroup(box)
            group.setExclusive(False)  # a single-label set may also have none: handled below
            self.buttons[lset.name] = {}
            for label in lset.labels:
                button: QAbstractButton = QCheckBox(label) if lset.multi else QRadioButton(label)
                button.setAutoExclusive(False)
                button.setObjectName(f"doc-label-{lset.name}-{label}")
                group.addButton(button)
                inner_layout.addWidget(button)
                self.buttons[lset.name][label] = button
                button.toggled.connect(lambda on, s=lset.name, lab=label, multi=lset.multi: self._toggled(s, lab, on, multi))
            self._groups.append(group)
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(inner)

    def show_labels(self, labels: dict[str, list[str]]) -> None:
        self._loading = True
        for lset, buttons in self.buttons.items():
            for label, button in buttons.items():
                button.setChecked(label in labels.get(lset, []))
        self._loading = False

    def _toggled(self, lset: str, label: str, on: bool, multi: bool) -> None:
        if self._loading:
            return
        if multi:
            chosen = [lab for lab, b in self.buttons[lset].items() if b.isChecked()]
        else:  # a radio button: clicking the chosen one again clears the set
            chosen = [label] if on else []
        self.labelsChanged.emit(lset, chosen)


class ProblemsPanel(QWidget):
    """The open document's problems; activating one shows it in the text."""

    problemActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget()
        self.list.setObjectName("problems-list")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

    def show_problems(self, problems: list[Problem]) -> None:
        self.list.clear()
        icon = warning_icon(self)
        for p in problems:
            item = QListWidgetItem(icon, p.message)
            item.setData(KIND_ROLE, p)
            item.setToolTip(f"{p.kind}: {p.message}")
            self.list.addItem(item)
        n = len(problems)
        self.summary.setText(self.tr("%n problems", None, n) if problems else self.tr("No problems."))

    def _activated(self, item: QListWidgetItem) -> None:
        self.problemActivated.emit(item.data(KIND_ROLE))


class SpanInspector(QWidget):
    """The selected span: its label and text, attributes, and what points at it."""

    attributeChanged = Signal(int, str, object)  # span id, attribute, value
    useActivated = Signal(str, object)  # "event"/"relation"/"stance", id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.span: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.attributes = AttributeEditor(self)
        layout.addWidget(self.attributes)
        layout.addWidget(QLabel(self.tr("Part of:")))
        self.uses = QListWidget()
        self.uses.setObjectName("span-uses")
        layout.addWidget(self.uses, 1)
        self.attributes.changed.connect(lambda n, v: self.span is not None and self.attributeChanged.emit(self.span, n, v))
        self.uses.itemActivated.connect(lambda it: self.useActivated.emit(*it.data(KIND_ROLE)))
        self.uses.itemClicked.connect(lambda it: self.useActivated.emit(*it.data(KIND_ROLE)))

    def show_span(self, scheme: Scheme, lang: str, item: Any, surface: str, name: str, attributes: dict[str, Any],
                  uses: list[tuple[str, Any, str]], describe: Any) -> None:
        """Show span ``item`` (a ``SpanItem`` or None)."""
        self.span = item.id if item is not None else None
        self.title.setText(f"<b>{name}</b> {quoted(surface)}" if item is not None else self.tr("Click a span to see its attributes."))
        applies = None
        if item is not None:
            applies = "event" if scheme.event(item.label) else None if item.label == scheme.evidence_label else "entity"
        self.attributes.set_target(scheme, applies, attributes, lang)
        self.uses.clear()
        for kind, oid, how in uses:
            entry = QListWidgetItem(describe(kind, oid, how))
            entry.setData(KIND_ROLE, (kind, oid))
            self.uses.addItem(entry)
