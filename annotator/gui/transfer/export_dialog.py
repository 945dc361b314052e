"""File → Export: the format, where to save, whose annotations, which documents, a
train/dev/test split, labels to rename or leave out, and the format's own options.

The same choices as ``annotator export``, from the format registry (formats that can
write, and their options) and the project (annotators, the gold layer, the scheme's
labels).  It says how many documents the choice exports as it changes (counted on a
thread), and checks the rest before the export starts (one sentence); the export runs on
a job thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator import formats
from annotator.gui.transfer.format_options import OptionsBox, add_footer, format_combo
from annotator.gui.transfer.jobs import Job
from annotator.gui.transfer.label_table import LabelTable
from annotator.transfer.export import earlier_export

SPLITS = ("train", "dev", "test")


@dataclass
class ExportRequest:
    """What to export, as ``export_project`` takes it."""

    format: str
    out: str
    annotator: str | None = None
    gold: bool = False
    status: str | None = None
    all_documents: bool = False
    split: dict[str, float] | None = None
    seed: int = 0
    label_map: dict[str, str] = field(default_factory=dict)
    labels: list[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def arguments(self) -> dict[str, Any]:
        """Return the keyword arguments of ``export_project`` (after project, format, out)."""
        return {"annotator": self.annotator, "gold": self.gold, "status": self.status, "all_documents": self.all_documents,
                "split": self.split, "seed": self.seed, "label_map": self.label_map or None, "labels": self.labels,
                "options": self.options}


class ExportDialog(QDialog):
    """Choose what to export and how."""

    def __init__(self, project: Any, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.project = project
        self._out_edited = False
        self._count_token = 0
        self._counters: list[Job] = []
        self.counted: int | None = None  # documents the choice exports; None while counting
        from annotator.store.project import GOLD

        self.gold_name = GOLD
        columns = QHBoxLayout()
        columns.addLayout(self._choices(), 1)
        columns.addWidget(self._labels_box(project, lang), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        self.error, self.ok_button = add_footer(self, layout, self.tr("Export"))
        self.format.currentIndexChanged.connect(self._format_changed)
        self.layer.currentIndexChanged.connect(self.update_count)
        self.done_only.toggled.connect(self.update_count)
        self.all_documents.toggled.connect(self.update_count)
        self.format.setCurrentIndex(max(0, self.format.findData("conll")))
        self._format_changed()
        self.resize(1000, 640)

    def _choices(self) -> QVBoxLayout:
        """The left column: format, where, whose, which documents, split, options."""
        form = QFormLayout()
        self.format = format_combo("write")
        form.addRow(self.tr("Format:"), self.format)
        self.description = QLabel()
        self.description.setWordWrap(True)
        form.addRow("", self.description)
        out_row = QHBoxLayout()
        self.out = QLineEdit()
        self.out.textEdited.connect(self._out_typed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form.addRow(self.tr("Save to:"), out_row)
        self.layer = QComboBox()
        form.addRow(self.tr("Annotations of:"), self.layer)
        self.done_only = QCheckBox(self.tr("Only documents marked done"))
        self.all_documents = QCheckBox(self.tr("Also documents with no annotations in this layer"))
        form.addRow(self.tr("Documents:"), self.done_only)
        form.addRow("", self.all_documents)
        self.count = QLabel()
        form.addRow("", self.count)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self._split_box())
        self.options = OptionsBox(self.tr("Format options"))
        left.addWidget(self.options)
        left.addStretch(1)
        return left

    def _labels_box(self, project: Any, lang: str) -> QGroupBox:
        box = QGroupBox(self.tr("Labels"))
        layout = QVBoxLayout(box)
        self.labels = LabelTable(project.scheme, lang)
        hint = QLabel(self.tr("Untick a label to leave it out; edit “Export as” to rename it. CoNLL, hf and spaCy "
                              "write entity types; tick event types to tag their triggers too."))
        hint.setWordWrap(True)
        layout.addWidget(self.labels, 1)
        layout.addWidget(hint)
        return box

    def _split_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Split by document"))
        box.setCheckable(True)
        box.setChecked(False)
        row = QHBoxLayout(box)
        names = {"train": self.tr("train"), "dev": self.tr("dev"), "test": self.tr("test")}
        self.shares: dict[str, QSpinBox] = {}
        for name, value in zip(SPLITS, (80, 10, 10), strict=True):
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(value)
            self.shares[name] = spin
            row.addWidget(QLabel(names[name]))
            row.addWidget(spin)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("seed")))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("The same seed gives the same split; a document keeps its part when others are added."))
        row.addWidget(self.seed)
        row.addStretch(1)
        self.split_box = box
        return box

    # -- reacting to choices -----------------------------------------------------------

    def _format_changed(self) -> None:
        fmt = formats.get(self.format.currentData())
        self.description.setText(fmt.description)
        self.options.set_formats([fmt], "write")
        self.labels.set_token_level(fmt.token_level)
        self._fill_layers(fmt.all_layers)
        if not self._out_edited:
            self.out.setText(str(self.project.path.with_name(f"{self.project.path.stem}-{fmt.name}")))
        self.update_count()

    def _fill_layers(self, every: bool) -> None:
        current = self.layer.currentData()
        self.layer.blockSignals(True)
        self.layer.clear()
        if every:
            self.layer.addItem(self.tr("Every annotator"), ("every", None))
        for name in self.project.annotators():
            text = self.tr("{name} (the adjudicated gold layer)").format(name=name) if name == self.gold_name else name
            self.layer.addItem(text, ("gold", None) if name == self.gold_name else ("annotator", name))
        wanted = current or (("every", None) if every else ("annotator", self.project.annotator))
        index = self.layer.findData(wanted)
        self.layer.setCurrentIndex(index if index >= 0 else 0)
        self.layer.blockSignals(False)

    def _layer(self) -> tuple[str | None, bool]:
        """Return ``(annotator, gold)`` as ``export_project`` takes them."""
        kind, name = self.layer.currentData() or ("every", None)
        return (name if kind == "annotator" else None), kind == "gold"

    def _who(self) -> str | None:
        annotator, gold = self._layer()
        return self.gold_name if gold else annotator

    def _count_arguments(self) -> dict[str, Any]:
        who = self._who()
        return {"annotators": [who] if who else None, "status": "done" if self.done_only.isChecked() else None,
                "touched": who is not None and not self.all_documents.isChecked()}

    def update_count(self) -> None:
        """Count the documents the current choice exports, on a thread of its own (the
        query reads every document: 80 ms for 100,000 of them)."""
        self.all_documents.setEnabled(self._who() is not None)
        self._count_token += 1
        self.counted = None
        if self.layer.currentData() is None:
            self._counted(self._count_token, 0)
            return
        self.count.setText(self.tr("Documents to export: counting…"))
        token, arguments = self._count_token, self._count_arguments()
        job = Job(self.project.path, self.project.annotator,
                  lambda project, _job: len(project.export_document_ids(**arguments)), self)
        job.succeeded.connect(lambda n: self._counted(token, n))
        job.failed.connect(lambda message: self._counted(token, None, message))
        job.finished.connect(lambda: self._counters.remove(job))
        self._counters.append(job)
        job.start()

    def _counted(self, token: int, n: int | None, message: str = "") -> None:
        if token != self._count_token:
            return  # an answer to an older choice
        self.counted = n
        self.count.setText(self.tr("Documents to export: {n}").format(n=f"{n:,}") if n is not None else message)

    def wait_for_counts(self) -> None:
        """Wait for the count threads (a thread must not outlive its dialog)."""
        for job in list(self._counters):
            job.wait()

    def done(self, result: int) -> None:
        self.wait_for_counts()
        super().done(result)

    def _out_typed(self) -> None:
        self._out_edited = True

    def _browse(self) -> None:
        start = self.out.text().strip() or str(self.project.path.parent)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into the folder"), str(Path(start).parent))
        if folder:
            self.out.setText(folder)
            self._out_edited = True

    # -- checking ----------------------------------------------------------------------

    def split(self) -> dict[str, float] | None:
        """Return the chosen shares (parts with 0 % left out), or None without a split."""
        if not self.split_box.isChecked():
            return None
        return {name: spin.value() / 100 for name, spin in self.shares.items() if spin.value() > 0}

    def problem(self) -> str | None:
        """Return what stops the export, in one sentence, or None."""
        if self.layer.currentData() is None:
            return self.tr("Nobody has annotated this project yet, so there is nothing to export.")
        if self.counted == 0:
            return self.tr("No documents match: choose another layer, or include documents not marked done.")
        if self.split_box.isChecked():
            total = sum(spin.value() for spin in self.shares.values())
            if total != 100:
                return self.tr("The train, dev and test shares add up to {total} %, not 100 %.").format(total=total)
            if len(self.split() or {}) < 2:
                return self.tr("A split needs at least two parts above 0 %.")
        return self._out_problem() or self.labels.problem()

    def _out_problem(self) -> str | None:
        text = self.out.text().strip()
        if not text:
            return self.tr("Choose where to save the export.")
        out = Path(text).expanduser().absolute()
        fmt = formats.get(self.format.currentData())
        if not out.parent.is_dir():
            return self.tr("The folder {folder} does not exist.").format(folder=out.parent)
        one_file = bool(fmt.file_suffix) and out.suffix.lower() in (fmt.file_suffix, *fmt.suffixes)
        if one_file and self.split_box.isChecked():
            return self.tr("A split writes one file per part: save to a folder, not to {name}.").format(name=out.name)
        if one_file and out.is_dir():
            return self.tr("{path} is a folder; give a file name or a new folder.").format(path=out)
        if not one_file and out.is_file():
            return self.tr("{path} is a file; the {format} export writes a folder.").format(path=out, format=fmt.name)
        if not one_file and out.is_dir() and any(out.iterdir()) and not earlier_export(out):
            return self.tr("{path} holds other files; choose a new or empty folder (an earlier export is replaced).").format(path=out)
        return None

    def request(self) -> ExportRequest:
        """Return the export the dialog describes (check ``problem()`` first)."""
        annotator, gold = self._layer()
        label_map, labels = self.labels.mapping()
        return ExportRequest(format=self.format.currentData(), out=str(Path(self.out.text().strip()).expanduser()),
                             annotator=annotator, gold=gold, status="done" if self.done_only.isChecked() else None,
                             all_documents=self.all_documents.isChecked() and self.all_documents.isEnabled(),
                             split=self.split(), seed=self.seed.value(), label_map=label_map, labels=labels,
                             options=self.options.values())

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.error.clear()
        super().accept()
