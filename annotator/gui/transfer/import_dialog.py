"""File → Import: files and folders, their format, whose annotations they are, options.

The same choices as ``annotator import``; the formats and their options come from the
format registry, the annotators from the project.  The dialog checks what it can before
the import starts (files exist, formats are recognised, the label map reads) and says
what is wrong in one sentence; the import itself runs on a job thread (``jobs.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import formats
from annotator.core.errors import AnnotatorError
from annotator.formats.base import Format
from annotator.gui.transfer.format_options import (
    OptionsBox,
    add_footer,
    format_combo,
    readable_formats,
)

PATH_ROLE = Qt.ItemDataRole.UserRole
FORMAT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class ImportRequest:
    """What to import, as ``Project.import_files`` takes it."""

    paths: list[str]
    format: str = "auto"
    annotator: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


def parse_renames(text: str) -> dict[str, str] | str:
    """Parse ``OLD=NEW, OLD2=`` into a mapping; return the bad part (a string) if one is."""
    mapping: dict[str, str] = {}
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        old, sep, new = part.partition("=")
        if not sep or not old.strip():
            return part
        mapping[old.strip()] = new.strip()
    return mapping


class ImportDialog(QDialog):
    """Choose what to import and how."""

    def __init__(self, project: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import"))
        self.setMinimumWidth(640)
        self.project = project
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Files and folders to import:")))
        layout.addLayout(self._path_list())
        layout.addLayout(self._form(project))
        self.options = OptionsBox(self.tr("Options"))
        layout.addWidget(self.options)
        self.error, self.ok_button = add_footer(self, layout, self.tr("Import"))
        self._update_options()

    def _path_list(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.paths = QListWidget()
        self.paths.setMinimumHeight(120)
        row.addWidget(self.paths, 1)
        buttons = QVBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for b, slot in ((self.add_files_button, self._choose_files), (self.add_folder_button, self._choose_folder),
                        (self.remove_button, self._remove_selected)):
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return row

    def _form(self, project: Any) -> QFormLayout:
        form = QFormLayout()
        self.format = format_combo("read", auto=True)
        self.format.currentIndexChanged.connect(self._update_options)
        form.addRow(self.tr("Format:"), self.format)
        self.description = QLabel()
        self.description.setWordWrap(True)
        form.addRow("", self.description)
        self.annotator = QComboBox()
        self.annotator.setEditable(True)
        self.annotator.addItems(project.annotators() or [project.annotator])
        self.annotator.setCurrentText(project.annotator)
        self.annotator.setToolTip(self.tr("Whose annotations the files hold. Formats that name their annotators "
                                          "(the native jsonl, Label Studio) keep those names."))
        form.addRow(self.tr("Annotations by:"), self.annotator)
        self.renames = QLineEdit()
        self.renames.setPlaceholderText(self.tr("OLD=NEW, … (for example PERS=PER, MIS1=MISC; OLD= leaves OLD out)"))
        self.renames.setToolTip("--map")
        form.addRow(self.tr("Rename labels:"), self.renames)
        return form

    # -- the list of paths -------------------------------------------------------------

    def add_paths(self, paths: list[str | Path]) -> None:
        """Add files or folders to the list (each once), noting the format each looks like."""
        known = {self.paths.item(i).data(PATH_ROLE) for i in range(self.paths.count())}
        for path in map(str, paths):
            if path in known:
                continue
            fmt = self._detect(Path(path))
            item = QListWidgetItem(f"{path}  —  {fmt.name if fmt else '?'}")
            item.setData(PATH_ROLE, path)
            item.setData(FORMAT_ROLE, fmt.name if fmt else None)
            item.setToolTip(fmt.description if fmt else self.tr("The format cannot be told from the name and content."))
            self.paths.addItem(item)
            known.add(path)
        self._update_options()

    def path_list(self) -> list[str]:
        return [self.paths.item(i).data(PATH_ROLE) for i in range(self.paths.count())]

    @staticmethod
    def _detect(path: Path) -> Format | None:
        try:
            return formats.detect(path)
        except AnnotatorError:
            return None

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files"), str(self.project.path.parent))
        self.add_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add folder"), str(self.project.path.parent))
        if folder:
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
        self._update_options()

    # -- format and options ------------------------------------------------------------

    def _formats_in_play(self) -> list[Format]:
        """The chosen format; in automatic mode the formats the files look like (all of
        the readable ones while none is recognised)."""
        name = self.format.currentData()
        if name != "auto":
            return [formats.get(name)]
        found = {self.paths.item(i).data(FORMAT_ROLE) for i in range(self.paths.count())} - {None}
        return [f for f in readable_formats() if f.name in found] or readable_formats()

    def _update_options(self) -> None:
        name = self.format.currentData()
        self.description.setText(formats.get(name).description if name != "auto"
                                 else self.tr("Each file's format is told from its name and content (shown in the list)."))
        self.options.set_formats(self._formats_in_play(), "read")

    # -- the result --------------------------------------------------------------------

    def problem(self) -> str | None:
        """Return what stops the import, in one sentence, or None."""
        paths = self.path_list()
        if not paths:
            return self.tr("Add at least one file or folder to import.")
        for path in paths:
            if not Path(path).exists():
                return self.tr("{path} does not exist.").format(path=path)
        if self.format.currentData() == "auto":
            for i in range(self.paths.count()):
                if self.paths.item(i).data(FORMAT_ROLE) is None:
                    return self.tr("{path}: its format cannot be told from its name and content; choose one under "
                                   "Format.").format(path=self.paths.item(i).data(PATH_ROLE))
        renames = parse_renames(self.renames.text())
        if isinstance(renames, str):
            return self.tr("Rename labels takes OLD=NEW pairs separated by commas, not “{part}”.").format(part=renames)
        return None

    def request(self) -> ImportRequest:
        """Return the import the dialog describes (check ``problem()`` first)."""
        options = self.options.values()
        renames = parse_renames(self.renames.text())
        if isinstance(renames, dict) and renames:
            options["label_map"] = renames
        return ImportRequest(paths=self.path_list(), format=self.format.currentData(),
                             annotator=self.annotator.currentText().strip() or None, options=options)

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.error.clear()
        super().accept()
