"""Settings: the user's (QSettings, kept between sessions) and the settings dialog.

The user's settings are the UI language, the last project, the annotator's name, the text
size and the window layout.  Per-project settings (snapping, text direction) live in the
project file and are changed through the Project API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from annotator.core.text import SNAP_MODES
from annotator.gui.app.i18n import LANGUAGES


class AppSettings:
    """Typed access to the user's settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings or QSettings()

    def _get(self, key: str, default: Any, kind: type = str) -> Any:
        value = self.q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        return self._get("ui/language", "en")

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def last_project(self) -> str:
        return self._get("project/last", "")

    @last_project.setter
    def last_project(self, value: str) -> None:
        self.q.setValue("project/last", value)

    @property
    def annotator(self) -> str:
        return self._get("user/annotator", "")

    @annotator.setter
    def annotator(self, value: str) -> None:
        self.q.setValue("user/annotator", value)

    @property
    def font_size(self) -> float:
        return self._get("view/font_size", 16.0, float)

    @font_size.setter
    def font_size(self, value: float) -> None:
        self.q.setValue("view/font_size", float(value))

    @property
    def label_names(self) -> bool:
        """Whether the document view draws label names above the spans (default: yes)."""
        return str(self.q.value("view/label_names", "true")).lower() in ("true", "1")

    @label_names.setter
    def label_names(self, value: bool) -> None:
        self.q.setValue("view/label_names", "true" if value else "false")

    def window_state(self, lang: str) -> tuple[QByteArray | None, QByteArray | None]:
        """Return the saved window geometry and panel layout (one per UI language, since
        Arabic mirrors the panels)."""
        return self.q.value("window/geometry"), self.q.value(f"window/state-{lang}")

    def save_window_state(self, lang: str, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue(f"window/state-{lang}", state)

    def last_document(self, project_path: str) -> int | None:
        value = self.q.value(f"documents/{_key(project_path)}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_document(self, project_path: str, document_id: int) -> None:
        self.q.setValue(f"documents/{_key(project_path)}", int(document_id))

    def sync(self) -> None:
        self.q.sync()


def _key(path: str) -> str:
    import hashlib

    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


@dataclass
class Choices:
    """What the settings dialog asks for."""

    language: str
    annotator: str
    snap: str
    direction: str
    font_size: float


class SettingsDialog(QDialog):
    """Language, annotator name, snapping, text direction and text size."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(choices.language)))
        form.addRow(self.tr("Interface language:"), self.language)
        self.annotator = QLineEdit(choices.annotator)
        form.addRow(self.tr("Annotator name:"), self.annotator)
        self.snap = QComboBox()
        snap_names = {"character": self.tr("Characters (no snapping)"), "grapheme": self.tr("Letters with their marks"),
                      "word": self.tr("Whole words"), "clitic": self.tr("Whole words without leading clitics (و ف ب ل ك)")}
        for mode in SNAP_MODES:
            self.snap.addItem(snap_names.get(mode, mode), mode)
        self.snap.setCurrentIndex(max(0, self.snap.findData(choices.snap)))
        form.addRow(self.tr("Selections snap to:"), self.snap)
        self.direction = QComboBox()
        for mode, name in (("auto", self.tr("From the text")), ("rtl", self.tr("Right to left")), ("ltr", self.tr("Left to right"))):
            self.direction.addItem(name, mode)
        self.direction.setCurrentIndex(max(0, self.direction.findData(choices.direction)))
        form.addRow(self.tr("Text direction:"), self.direction)
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(8, 48)
        self.font_size.setDecimals(0)
        self.font_size.setValue(choices.font_size)
        form.addRow(self.tr("Text size:"), self.font_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choices(self) -> Choices:
        """Return what the dialog shows now."""
        return Choices(language=self.language.currentData(), annotator=self.annotator.text().strip(),
                       snap=self.snap.currentData(), direction=self.direction.currentData(),
                       font_size=float(self.font_size.value()))
