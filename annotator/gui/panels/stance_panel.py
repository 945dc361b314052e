"""The stance panel: the document's stances, and a form for the selected one (or for a new
one): target, holder, evidence, scope; the label keys (Alt+1..3 in the default scheme)
add the new stance or relabel the selected one.

A target is one of the scheme's fixed targets, an entity in the text, or free text; a
holder is the author or an entity in the text.  Entities and evidence come from the
document view's selection (keys: Ctrl+Shift+T, Ctrl+Shift+H, Ctrl+Shift+E).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.gui.linking.linked_state import LinkedState
from annotator.gui.panels.events_panel import (
    KIND_ROLE,
    DeleteKey,
    make_tree,
    show_current_item,
    tool_button,
    warning_icon,
)
from annotator.gui.panels.models import quoted


@dataclass
class Draft:
    """A stance being composed before its label key adds it."""

    target_kind: str = "fixed"
    target: Any = None  # a fixed target's name, a span id, or free text
    holder: int | None = None
    evidence: list[Any] = field(default_factory=list)  # span ids or (start, end)
    scope: str = "document"


class StancePanel(QWidget):
    """Lists stances and edits one."""

    stanceSelected = Signal(object)  # stance id, or None for a new stance
    targetChosen = Signal(str, object)  # kind, value (None for "span": use the selection)
    holderChosen = Signal(object)  # None: the author; "span": use the selection
    scopeChosen = Signal(str)
    evidenceRemoveRequested = Signal(object)
    deleteRequested = Signal(int)

    def __init__(self, label_actions: list[QAction], selection_actions: list[QAction], new_action: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme: Scheme | None = None
        self.lang = "en"
        self.current: int | None = None
        self._loading = False
        self._items: dict[Any, QTreeWidgetItem] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = make_tree([self.tr("Stance"), self.tr("Target"), self.tr("Holder"), self.tr("Evidence")])
        self.tree.setObjectName("stances-tree")
        self.tree.setRootIsDecorated(False)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._build_form(selection_actions))
        self._build_buttons(layout, label_actions, new_action)
        self.tree.currentItemChanged.connect(lambda item, _p: self._selected(item))
        self.tree.itemClicked.connect(lambda item, _c: self._selected(item))
        self.target.activated.connect(self._target_chosen)
        self.target_text.editingFinished.connect(self._text_entered)
        self.holder.activated.connect(lambda _i: self.holderChosen.emit(self.holder.currentData()))
        self.scope.activated.connect(lambda _i: self.scopeChosen.emit(self.scope.currentData()))
        self.remove_evidence.clicked.connect(self._remove_evidence)
        self.delete.clicked.connect(lambda: self.current is not None and self.deleteRequested.emit(self.current))
        DeleteKey(self.tree, lambda: self.current is not None and self.deleteRequested.emit(self.current))
        DeleteKey(self.evidence, self._remove_evidence)

    def _build_form(self, selection_actions: list[QAction]) -> QGroupBox:
        """The form: target, holder, scope, evidence, and the keys that fill them."""
        self.form_box = QGroupBox()
        form = QFormLayout(self.form_box)
        self.target = QComboBox()
        self.target.setObjectName("stance-target")
        self.target_text = QLineEdit()
        self.target_text.setObjectName("stance-target-text")
        self.target_text.setPlaceholderText(self.tr("Type the target"))
        self.target_span = QLabel()
        form.addRow(self.tr("Target"), self.target)
        form.addRow("", self.target_text)
        form.addRow("", self.target_span)
        self.holder = QComboBox()
        self.holder.setObjectName("stance-holder")
        self.holder_span = QLabel()
        form.addRow(self.tr("Holder"), self.holder)
        form.addRow("", self.holder_span)
        self.scope = QComboBox()
        self.scope.setObjectName("stance-scope")
        form.addRow(self.tr("Scope"), self.scope)
        self.evidence = QListWidget()
        self.evidence.setObjectName("stance-evidence")
        self.evidence.setMaximumHeight(self.fontMetrics().height() * 4)
        form.addRow(self.tr("Evidence"), self.evidence)
        picks = QHBoxLayout()
        for action in selection_actions:
            picks.addWidget(tool_button(action))
        picks.addStretch(1)
        form.addRow(picks)
        return self.form_box

    def _build_buttons(self, layout: QVBoxLayout, label_actions: list[QAction], new_action: QAction) -> None:
        labels = QHBoxLayout()
        self.label_buttons = [tool_button(a) for a in label_actions]
        for button in self.label_buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            labels.addWidget(button)
        labels.addStretch(1)
        layout.addLayout(labels)
        row = QHBoxLayout()
        row.addWidget(tool_button(new_action))
        row.addStretch(1)
        self.remove_evidence = QPushButton(self.tr("Remove evidence"))
        self.delete = QPushButton(self.tr("Delete stance"))
        self.delete.setObjectName("delete-stance")
        row.addWidget(self.remove_evidence)
        row.addWidget(self.delete)
        layout.addLayout(row)

    def set_scheme(self, scheme: Scheme, lang: str) -> None:
        self.scheme, self.lang = scheme, lang
        rules = scheme.stance
        self.target.clear()
        for t in rules.targets:
            self.target.addItem((t.ar if lang == "ar" else "") or t.target, "fixed:" + t.target)
        if rules.free_targets:
            self.target.addItem(self.tr("An entity in the text"), "span:")
            self.target.addItem(self.tr("Free text"), "text:")
        self.holder.clear()
        self.holder.addItem(self.tr("The author"), None)
        if rules.holder:
            self.holder.addItem(self.tr("An entity in the text"), "span")
        self.holder.setEnabled(rules.holder)
        self.scope.clear()
        for code, name in (("document", self.tr("The whole document")), ("span", self.tr("A passage (with evidence)"))):
            if rules.scope in (code, "both"):
                self.scope.addItem(name, code)

    def target_name(self, kind: str, target: Any, state: LinkedState) -> str:
        if kind == "span":
            return quoted(state.surface(target))
        if kind == "fixed" and self.scheme and self.lang == "ar":
            return next((t.ar for t in self.scheme.stance.targets if t.target == target and t.ar), str(target))
        return str(target) if target is not None else ""

    def show_state(self, state: LinkedState, current: int | None, draft: Draft) -> None:
        """List the stances; show ``current`` in the form, or ``draft`` if None."""
        self._loading = True
        names = {s.label: s.name(self.lang) for s in (self.scheme.stance.labels if self.scheme else ())}
        # the list is made again only when what it lists changed, not for a new selection
        # (the stances' list is a new one whenever they, or the spans they point at, changed)
        key = (state.document_id, self.lang, [p for p in state.problems if p.item.startswith("stance ")])
        if (key != getattr(self, "_shown", None) or getattr(self, "_shown_stances", None) is not state.ann.stances) \
                and (state.stances or self._items):  # an empty list stays as it is: no repaint
            self._shown, self._shown_stances = key, state.ann.stances
            self.tree.clear()
            self._items = {}
            icon = warning_icon(self)
            for st in state.stances:
                holder = quoted(state.surface(st.holder)) if st.holder is not None else self.tr("the author")
                item = QTreeWidgetItem([names.get(st.label, st.label), self.target_name(st.target_kind, st.target, state), holder,
                                        " · ".join(quoted(state.surface(e)) for e in st.evidence)])
                item.setData(0, KIND_ROLE, st.id)
                if problems := state.problems_of("stance", st.id):
                    item.setIcon(0, icon)
                    item.setToolTip(0, "\n".join(p.message for p in problems))
                self.tree.addTopLevelItem(item)
                self._items[st.id] = item
        show_current_item(self.tree, self._items.get(current))
        stance = state.stance(current)
        self.current = stance.id if stance else None
        shown = stance or draft
        self.form_box.setTitle(self.tr("Stance: {label}").format(label=names.get(stance.label, stance.label))
                               if stance else self.tr("New stance: choose a target, then press a label key"))
        self._show_form(shown, state)
        self.delete.setEnabled(stance is not None)
        self._loading = False

    def _show_form(self, shown: Any, state: LinkedState) -> None:
        kind = shown.target_kind
        index = self.target.findData(f"fixed:{shown.target}" if kind == "fixed" else f"{kind}:")
        self.target.setCurrentIndex(max(index, 0))
        self.target_text.setVisible(kind == "text")
        if kind == "text":
            self.target_text.setText(str(shown.target or ""))
        self.target_span.setVisible(kind == "span")
        self.target_span.setText(quoted(state.surface(shown.target)) if kind == "span" and shown.target is not None
                                 else self.tr("(click an entity, then press Ctrl+Shift+T)"))
        self.holder.setCurrentIndex(0 if shown.holder is None else self.holder.findData("span"))
        self.holder_span.setVisible(shown.holder is not None)
        self.holder_span.setText(quoted(state.surface(shown.holder)) if shown.holder is not None else "")
        self.scope.setCurrentIndex(max(0, self.scope.findData(shown.scope)))
        self.evidence.clear()
        for ref in shown.evidence:
            text = state.surface(ref) if not isinstance(ref, tuple) else self.tr("(new passage)")
            item = QListWidgetItem(quoted(text))
            item.setData(KIND_ROLE, ref)
            self.evidence.addItem(item)

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        if not self._loading and item is not None:
            self.stanceSelected.emit(item.data(0, KIND_ROLE))

    def _target_chosen(self, _index: int) -> None:
        kind, _, name = str(self.target.currentData()).partition(":")
        value = name if kind == "fixed" else None
        if kind == "text":
            self.target_text.setVisible(True)
            self.target_text.setFocus()
            if self.target_text.text().strip():
                self.targetChosen.emit("text", self.target_text.text().strip())
            return
        self.targetChosen.emit(kind, value)

    def _text_entered(self) -> None:
        text = self.target_text.text().strip()
        if text and not self._loading:
            self.targetChosen.emit("text", text)

    def _remove_evidence(self) -> None:
        item = self.evidence.currentItem()
        if item is not None:
            self.evidenceRemoveRequested.emit(item.data(KIND_ROLE))
