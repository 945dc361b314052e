"""The agreement window: ``Project.agreement`` as tables, computed off the GUI thread.

Four tabs: the overview (pooled over every pair: span precision, recall and F1 exact and
by overlap, event trigger and argument F1, token Cohen's kappa, Fleiss' kappa for more
than two annotators, Krippendorff's alpha for stance and each document label set); per
label (pooled, or one pair); per annotator pair; per document.  The measures are defined
in docs/teamwork.md; "–" is a value that is undefined (nothing to compare).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.panels.models import isolated, ltr
from annotator.gui.team.team_worker import TeamReader
from annotator.gui.text.palette import label_names
from annotator.store.project import GOLD

DASH = "–"


def fmt(value: float | None) -> str:
    """Return a measure as shown: three decimals, or "–" when undefined."""
    return DASH if value is None else f"{value:.3f}"


def counts(prf: dict[str, Any]) -> str:
    """Return "matches / reference / other" of a precision/recall block."""
    return ltr(f"{prf['tp']} / {prf['a']} / {prf['b']}")


class AgreementDialog(QDialog):
    """Shows the agreement of the chosen annotators; recomputes when the choice changes."""

    def __init__(self, project: Any, reader: TeamReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AgreementDialog")
        self.setWindowTitle(self.tr("Agreement between annotators"))
        self.project = project
        self.reader = reader
        lang = getattr(parent, "lang", "en")
        self.labels = label_names(project.scheme, lang)
        self.result: dict[str, Any] | None = None
        self._token: int | None = None
        self._build()
        reader.agreed.connect(self._agreed)
        reader.failed.connect(self._failed)
        self.resize(880, 560)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Annotators:")))
        self.people_row = QHBoxLayout()
        row.addLayout(self.people_row)
        self.people: dict[str, QCheckBox] = {}
        row.addStretch(1)
        self.done_only = QCheckBox(self.tr("Only documents marked done"))
        row.addWidget(self.done_only)
        self.compute_button = QPushButton(self.tr("Compute"))
        row.addWidget(self.compute_button)
        layout.addLayout(row)
        self.state = QLabel()
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.tabs = QTabWidget()
        self.overview = self._table([self.tr("Measure"), self.tr("Precision"), self.tr("Recall"), self.tr("F1 / κ / α"),
                                     self.tr("Count")])
        self.tabs.addTab(self.overview, self.tr("Overview"))
        per_label = QWidget()
        box = QVBoxLayout(per_label)
        box.setContentsMargins(0, 4, 0, 0)
        self.pair_choice = QComboBox()
        box.addWidget(self.pair_choice)
        self.by_label = self._table([self.tr("Label"), self.tr("Exact P"), self.tr("Exact R"), self.tr("Exact F1"),
                                     self.tr("Overlap F1"), self.tr("κ (tokens)"), self.tr("Count")])
        box.addWidget(self.by_label)
        self.tabs.addTab(per_label, self.tr("Per label"))
        self.by_pair = self._table([self.tr("Pair"), self.tr("Documents"), self.tr("Exact F1"), self.tr("Overlap F1"),
                                    self.tr("Cohen's κ"), self.tr("Trigger F1"), self.tr("Argument F1"), self.tr("Stance α")])
        self.tabs.addTab(self.by_pair, self.tr("Per pair"))
        self.by_document = self._table([self.tr("Document"), self.tr("Pair"), self.tr("Tokens"), self.tr("Cohen's κ"),
                                        self.tr("Exact F1"), self.tr("Overlap F1"), self.tr("Trigger F1"), self.tr("Argument F1")])
        self.tabs.addTab(self.by_document, self.tr("Per document"))
        layout.addWidget(self.tabs, 1)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.compute)
        self.done_only.toggled.connect(lambda _: self._timer.start())
        self.compute_button.clicked.connect(self.compute)
        self.pair_choice.currentIndexChanged.connect(lambda _: self._fill_labels())

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- computing -------------------------------------------------------------------

    def chosen(self) -> list[str] | None:
        """Return the ticked annotators, or None (the project's default) before the first answer."""
        return [n for n, box in self.people.items() if box.isChecked()] if self.people else None

    def compute(self) -> None:
        """Ask the team thread for the agreement of the chosen annotators."""
        self._token = self.reader.agreement(self.chosen(), done_only=self.done_only.isChecked())
        self.state.setText(self.tr("Computing…"))
        self.compute_button.setEnabled(False)

    def busy(self) -> bool:
        return self._token is not None or self._timer.isActive()

    def _failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._token = None
            self.compute_button.setEnabled(True)
            self.result = None
            self.state.setText(message)
            for table in (self.overview, self.by_label, self.by_pair, self.by_document):
                table.setRowCount(0)
            if not self.people:  # let the user choose whom to compare
                self._people([])

    def _agreed(self, token: int, result: dict[str, Any]) -> None:
        if token != self._token:
            return
        self._token = None
        self.compute_button.setEnabled(True)
        self.result = result
        self._people(result["annotators"])
        docs = len(result["documents"])
        self.state.setText(self.tr("{names} compared on {n} documents annotated by two or more of them.").format(
            names=", ".join(result["annotators"]), n=docs))
        self._fill_overview(result)
        self._fill_pairs_choice(result)
        self._fill_labels()
        self._fill_pairs(result)
        self._fill_documents(result)

    def _people(self, chosen: list[str]) -> None:
        """One tick box per annotator (gold too: measure annotators against it)."""
        names = [n for n in self.project.annotator_kinds(active=True) if n not in chosen] + list(chosen)
        names = [n for n in self.project.annotator_kinds() if n in names]  # in the project's order
        names = [n for n in names if n != GOLD] + ([GOLD] if GOLD in names else [])
        if set(self.people) == set(names) and all(self.people[n].isChecked() == (n in chosen) for n in names) and chosen:
            return
        while self.people_row.count():
            widget = self.people_row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.people = {}
        for name in names:
            box = QCheckBox(name)
            box.setChecked(name in chosen)
            box.toggled.connect(lambda _: self._timer.start())
            self.people[name] = box
            self.people_row.addWidget(box)

    # -- tables ----------------------------------------------------------------------

    @staticmethod
    def _rows(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
                table.setItem(r, c, item)

    def _prf_row(self, name: str, prf: dict[str, Any]) -> list[str]:
        return [name, fmt(prf["precision"]), fmt(prf["recall"]), fmt(prf["f1"]), counts(prf)]

    def _fill_overview(self, result: dict[str, Any]) -> None:
        o = result["overall"]
        rows = [
            self._prf_row(self.tr("Spans, exact match"), o["spans"]["exact"]["overall"]),
            self._prf_row(self.tr("Spans, by overlap"), o["spans"]["overlap"]["overall"]),
            self._prf_row(self.tr("Event triggers"), o["triggers"]["overall"]),
            self._prf_row(self.tr("Event arguments"), o["arguments"]["overall"]),
            [self.tr("Tokens: Cohen's κ (mean over pairs)"), "", "", fmt(o["tokens"]["cohen_kappa_mean"]),
             ltr(f"{o['tokens']['count']:,}")],
        ]
        if "fleiss" in o:
            rows.append([self.tr("Tokens: Fleiss' κ"), "", "", fmt(o["fleiss"]["kappa"]), ltr(f"{o['fleiss']['tokens']:,}")])
        rows.append([self.tr("Stance: Krippendorff's α"), "", "", fmt(o["stance"]["alpha"]), ltr(str(o["stance"]["pairable"]))])
        for name, alpha in o["doc_labels"].items():
            rows.append([self.tr("Document labels «{set}»: Krippendorff's α").format(set=name), "", "", fmt(alpha["alpha"]),
                         ltr(str(alpha["pairable"]))])
        self._rows(self.overview, rows)

    def _fill_pairs_choice(self, result: dict[str, Any]) -> None:
        self.pair_choice.blockSignals(True)
        current = self.pair_choice.currentIndex()
        self.pair_choice.clear()
        self.pair_choice.addItem(self.tr("All pairs, pooled"), None)
        for i, pair in enumerate(result["pairs"]):
            self.pair_choice.addItem(self.pair_name(pair), i)
        self.pair_choice.setCurrentIndex(current if 0 <= current < self.pair_choice.count() else 0)
        self.pair_choice.blockSignals(False)

    @staticmethod
    def pair_name(pair: dict[str, Any]) -> str:
        a, b = pair["annotators"]
        return f"{isolated(a)} ↔ {isolated(b)}"

    def _fill_labels(self) -> None:
        result = self.result
        if result is None:
            return
        which = self.pair_choice.currentData()
        if which is None:
            scope = result["overall"]
            if "fleiss" in scope:
                kappas = scope["fleiss"]["labels"]
            else:
                kappas = result["pairs"][0]["tokens"]["labels"] if result["pairs"] else {}
        else:
            scope = result["pairs"][which]
            kappas = scope["tokens"]["labels"]
        exact, overlap = scope["spans"]["exact"]["labels"], scope["spans"]["overlap"]["labels"]
        rows = []
        for label in sorted(set(exact) | set(kappas)):
            e, o = exact.get(label), overlap.get(label)
            rows.append([f"{self.labels.get(label, label)} ({label})" if self.labels.get(label, label) != label else label,
                         fmt(e["precision"]) if e else DASH, fmt(e["recall"]) if e else DASH, fmt(e["f1"]) if e else DASH,
                         fmt(o["f1"]) if o else DASH, fmt(kappas.get(label)), counts(e) if e else ""])
        for label, t in scope["triggers"]["labels"].items():
            rows.append([self.tr("{label} (trigger)").format(label=self.labels.get(label, label)),
                         fmt(t["precision"]), fmt(t["recall"]), fmt(t["f1"]), DASH, DASH, counts(t)])
        self._rows(self.by_label, rows)

    def _fill_pairs(self, result: dict[str, Any]) -> None:
        rows = []
        for pair in result["pairs"]:
            rows.append([self.pair_name(pair), ltr(str(len(pair["documents"]))),
                         fmt(pair["spans"]["exact"]["overall"]["f1"]), fmt(pair["spans"]["overlap"]["overall"]["f1"]),
                         fmt(pair["tokens"]["kappa"]), fmt(pair["triggers"]["overall"]["f1"]),
                         fmt(pair["arguments"]["overall"]["f1"]), fmt(pair["stance"]["alpha"])])
        self._rows(self.by_pair, rows)

    def _fill_documents(self, result: dict[str, Any]) -> None:
        rows = []
        for pair in result["pairs"]:
            for d in pair["per_document"]:
                rows.append([d["name"] or f"#{d['id']}", self.pair_name(pair), ltr(f"{d['tokens']:,}"), fmt(d["kappa"]),
                             fmt(d["spans_exact"]["f1"]), fmt(d["spans_overlap"]["f1"]), fmt(d["triggers"]["f1"]),
                             fmt(d["arguments"]["f1"])])
        self._rows(self.by_document, rows)
