"""The export dialog's label table: every label of the scheme, ticked to export it, with
the name to export it as.  It turns into ``export_project``'s ``label_map`` and ``labels``.

- A renamed label goes into the map (``OLD=NEW``, as ``--map``).
- An unticked relation type or stance label is mapped to "" (dropped).
- Span labels (entity and event types) filter through ``labels`` (as ``--labels``), but
  only when the ticks differ from the format's default: every span label, or for formats
  that tag tokens (CoNLL, hf, spaCy) the entity types, whose exports leave event
  triggers out unless ``labels`` names them.  Then unticked span labels are also mapped
  to "", so that a label renamed onto an unticked one's name does not take it along.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.gui.text.palette import swatch

translate = QCoreApplication.translate
KIND_ROLE = Qt.ItemDataRole.UserRole
_BAD_NAME = re.compile(r"[\s,=]")


class LabelTable(QTableWidget):
    """Label | name | kind | export as; the label's check box says whether it is
    exported; an export name that differs from the label is shown in bold."""

    EXPORT = 3  # the column of the export names

    def __init__(self, scheme: Scheme, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([translate("LabelTable", "Label"), translate("LabelTable", "Name"),
                                        translate("LabelTable", "Kind"), translate("LabelTable", "Export as")])
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        kinds = {"entity": translate("LabelTable", "entity"), "event": translate("LabelTable", "event"),
                 "relation": translate("LabelTable", "relation"), "stance": translate("LabelTable", "stance")}
        rows: list[tuple[str, str, str, str | None]] = []
        rows += [(e.label, "entity", e.name(lang), e.color) for e in scheme.entities]
        rows += [(e.type, "event", e.name(lang), e.color) for e in scheme.events]
        rows += [(r.type, "relation", r.name(lang), r.color) for r in scheme.relations]
        rows += [(s.label, "stance", s.name(lang), s.color) for s in scheme.stance.labels]
        self.setRowCount(len(rows))
        for i, (label, kind, name, color) in enumerate(rows):
            item = QTableWidgetItem(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(KIND_ROLE, kind)
            if color:
                item.setIcon(swatch(color))
            self.setItem(i, 0, item)
            for column, text in ((1, name if name != label else ""), (2, kinds[kind])):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.setItem(i, column, cell)
            self.setItem(i, self.EXPORT, QTableWidgetItem(label))
        self._token_level = False
        self.itemChanged.connect(self._mark_renamed)

    def _mark_renamed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.EXPORT:
            font = item.font()
            renamed = item.text().strip() != self.item(item.row(), 0).text()
            if font.bold() != renamed:
                font.setBold(renamed)
                item.setFont(font)

    def rows(self) -> list[tuple[str, str, bool, str]]:
        """Return ``(label, kind, ticked, export as)`` for every row."""
        out = []
        for i in range(self.rowCount()):
            item = self.item(i, 0)
            out.append((item.text(), item.data(KIND_ROLE), item.checkState() == Qt.CheckState.Checked,
                        self.item(i, self.EXPORT).text().strip()))
        return out

    def row_of(self, label: str, kind: str | None = None) -> int:
        """Return the row of ``label`` (-1 if none)."""
        return next((i for i, (lab, k, _, _) in enumerate(self.rows()) if lab == label and kind in (None, k)), -1)

    def set_ticked(self, label: str, ticked: bool) -> None:
        self.item(self.row_of(label), 0).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def set_export_name(self, label: str, name: str) -> None:
        self.item(self.row_of(label), self.EXPORT).setText(name)

    def set_token_level(self, token_level: bool) -> None:
        """Follow a format change: event types are ticked by default unless the format
        tags tokens; rows still at the old default move to the new one."""
        if token_level == self._token_level:
            return
        for i, (_label, kind, ticked, _) in enumerate(self.rows()):
            if kind == "event" and ticked == (not self._token_level):
                self.item(i, 0).setCheckState(Qt.CheckState.Unchecked if token_level else Qt.CheckState.Checked)
        self._token_level = token_level

    def problem(self) -> str | None:
        """Return what is wrong with the export names, in one sentence, or None."""
        for label, _kind, ticked, new in self.rows():
            if not ticked:
                continue
            if not new:
                return translate("LabelTable", "Give {label} a name to export it as, or untick it to leave it out.").format(label=label)
            if _BAD_NAME.search(new):
                return translate("LabelTable", "“{name}” cannot be a label: labels have no spaces, commas or “=”.").format(name=new)
        return None

    def mapping(self) -> tuple[dict[str, str], list[str] | None]:
        """Return ``(label_map, labels)`` for ``export_project``."""
        label_map: dict[str, str] = {}
        spans: list[tuple[str, str, bool, str]] = []
        for label, kind, ticked, new in self.rows():
            if kind in ("entity", "event"):
                spans.append((label, kind, ticked, new))
            if ticked and new != label:
                label_map[label] = new
            elif not ticked and kind in ("relation", "stance"):
                label_map[label] = ""
        default = all(ticked == (kind == "entity" or not self._token_level) for _, kind, ticked, _ in spans)
        if default:
            return label_map, None
        for label, _, ticked, _ in spans:
            if not ticked:  # dropped before the filter, so a label renamed onto its name is not caught with it
                label_map[label] = ""
        return label_map, list(dict.fromkeys(new for _, _, ticked, new in spans if ticked))
