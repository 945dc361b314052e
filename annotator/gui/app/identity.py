"""Who is annotating: the name asked at first start.

Every annotation is stored under its annotator's name, so that a lead can merge the work of
several people.  The name lives in the user's settings; on the first start (no name there
yet) a small dialog asks for it, prefilled with the name the project suggests (a package
made for someone presets theirs) or the login name.  ``run`` asks; tests and scripts that
build windows themselves never see the dialog unless they call ``ensure_annotator_name``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from annotator.gui.app.settings import AppSettings

translate = QCoreApplication.translate

#: ``ask(suggested name) -> chosen name, or None if the person declined``
Ask = Callable[[str], "str | None"]


def name_problem(name: str) -> str | None:
    """Return why ``name`` cannot be an annotator's name, or None if it can."""
    from annotator.store.project import GOLD

    name = name.strip()
    if not name:
        return translate("Identity", "An annotator needs a name.")
    if name.casefold() == GOLD:
        return translate("Identity", "'{gold}' is the name of the adjudicated layer; choose another.").format(gold=GOLD)
    return None


class NameDialog(QDialog):
    """Asks for the annotator's name (prefilled); OK only for a usable name."""

    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NameDialog")
        self.setWindowTitle(self.tr("Welcome to annotator"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your name as an annotator. Everything you annotate is stored under it, so that a "
                               "project lead can bring the work of several people together. You can change it "
                               "later in Settings."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.name = QLineEdit(suggested)
        self.name.selectAll()
        layout.addWidget(self.name)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.resize(420, self.sizeHint().height())

    def _check(self) -> None:
        problem = name_problem(self.name.text())
        self.problem.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def chosen(self) -> str:
        return self.name.text().strip()


def ask_with_dialog(suggested: str, parent: QWidget | None = None) -> str | None:
    """Show ``NameDialog``; return the name, or None if it was cancelled."""
    dialog = NameDialog(suggested, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def suggested_name(project: Any) -> str:
    """Return the name to offer: the project's preset annotator, else the login name."""
    from annotator.store.project import GOLD, default_annotator

    preset = project.get_setting("last_annotator") if project is not None else None
    return preset if preset and preset != GOLD else default_annotator()


def ensure_annotator_name(settings: AppSettings, project: Any = None, ask: Ask | None = None) -> str:
    """Return the user's annotator name, asking for it (``ask``, by default the dialog)
    when the settings have none.  A chosen name is saved in the settings and given to
    ``project``; when the question is declined the suggestion is used for this session
    only (and asked again next time)."""
    if settings.annotator:
        return settings.annotator
    suggested = suggested_name(project)
    chosen = (ask or ask_with_dialog)(suggested)
    if chosen and name_problem(chosen) is None:
        settings.annotator = chosen.strip()
        settings.sync()
    name = settings.annotator or suggested
    if project is not None:
        project.annotator = name
    return name
