"""Start the annotation window: the Qt application, fonts, language, the project to open.

With no project named: the last one, or on first start the sample project (created in the
user data folder from the bundled sample texts).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.gui.app.errors import install_excepthook
from annotator.gui.app.i18n import apply_language
from annotator.gui.app.identity import Ask, ensure_annotator_name
from annotator.gui.app.sample import ensure_sample_project
from annotator.gui.app.settings import AppSettings
from annotator.gui.window.main_window import MainWindow
from annotator.resources import resource_path

_fonts: list[str] = []


def register_fonts() -> list[str]:
    """Register the bundled fonts with Qt (once); return their family names."""
    if not _fonts:
        for path in sorted(resource_path("fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _fonts.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _fonts)
    return list(_fonts)


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication (made once), with names, fonts and icons set up."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("annotator")
    app.setApplicationName("annotator")
    app.setDesktopFileName("annotator")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"annotator-{size}.png")))
    app.setWindowIcon(icon)
    register_fonts()
    return app  # type: ignore[return-value]


def resolve_project(name: str | None, settings: AppSettings) -> Path | str:
    """Return the project to open: ``name`` (a path, or a team database's URL), else the
    last one, else the sample."""
    from annotator.store.backend import is_url

    if name:
        return name if is_url(name) else Path(name)
    last = settings.last_project
    if last and Path(last).is_file():
        return Path(last)
    return ensure_sample_project(annotator=settings.annotator or None)


def ask_name_before_the_sample(name: str | None, settings: AppSettings, ask: Ask | None = None) -> None:
    """On the very first start (no annotator name yet, and the sample project about to be
    made), ask the name first: the sample is then made by that annotator, and no layer of
    the login name (often ``root``) appears that nobody ever annotated in."""
    from annotator.gui.app.sample import SAMPLE_NAME, data_folder

    if name or settings.annotator:
        return
    last = settings.last_project
    if (last and Path(last).is_file()) or (data_folder() / SAMPLE_NAME).exists():
        return
    ensure_annotator_name(settings, None, ask)


class Workbench(QObject):
    """Owns the open project and its window; rebuilds the window when the UI language
    changes and swaps projects when another is opened."""

    def __init__(self, app: QApplication, settings: AppSettings) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.lang = apply_language(app, settings.language)
        self.project = None
        self.window: MainWindow | None = None

    def open(self, path: Path) -> MainWindow:
        """Open the project at ``path`` in a new window (raises ``AnnotatorError``)."""
        from annotator.store.project import Project

        return self.show_project(Project.open(path, annotator=self.settings.annotator or None))

    def show_project(self, project: Any) -> MainWindow:
        """Show ``project`` (an open Project) in a new window, closing the current one."""
        self.close()
        self.project = project
        self.settings.last_project = str(Path(project.path).resolve())
        return self._show()

    def _show(self) -> MainWindow:
        window = MainWindow(self.project, self.settings, self.lang)
        window.languageRequested.connect(self.set_language)
        window.projectRequested.connect(self.switch_project)
        window.show()
        self.window = window
        return window

    def set_language(self, lang: str) -> None:
        """Rebuild the window in ``lang`` (the project stays open, with its undo history)."""
        self.settings.language = lang
        if self.window is not None:
            self.window.shutdown()
            self.window.hide()
            self.window.deleteLater()
        self.lang = apply_language(self.app, lang)
        self._show()

    def switch_project(self, path: str) -> None:
        try:
            self.open(Path(path))
        except AnnotatorError as exc:
            QMessageBox.warning(self.window, "annotator", str(exc))

    def close(self) -> None:
        """Close the window and the project."""
        if self.window is not None:
            self.window.shutdown()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.project is not None:
            self.project.close()
            self.project = None


def open_project(name: str | None, settings: AppSettings) -> Any:
    """Open the project to show (see ``resolve_project``); a bad file named on the
    command line raises ``AnnotatorError``, a bad remembered one falls back to the sample."""
    from annotator.store.project import Project

    path = resolve_project(name, settings)
    annotator = settings.annotator or None
    try:
        return Project.open(path, annotator=annotator)
    except AnnotatorError:
        if name:
            raise  # the command line prints it as one sentence
        return Project.open(ensure_sample_project(annotator=annotator), annotator=annotator)


def run(project: str | None, ask_name: Ask | None = None) -> int:
    """Open the main window on ``project``; return the exit status.  On the first start
    the annotator's name is asked (``ask_name``; by default a dialog)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName("annotator")
    QCoreApplication.setApplicationName("annotator")
    settings = AppSettings()
    probe = bool(os.environ.get("ANNOTATOR_STARTUP_PROBE"))  # benchmarks/bundle_bench.py: time to the window
    app = None
    if not probe and not project and not settings.annotator:
        app = create_application()
        ask_name_before_the_sample(project, settings, ask_name)
    opened = open_project(project, settings)  # before Qt starts: a bad file is one sentence
    app = app or create_application()
    install_excepthook()  # a bug shows one sentence and is logged, never a traceback
    ensure_annotator_name(settings, opened, ask_name or ((lambda _suggested: None) if probe else None))
    bench = Workbench(app, settings)
    bench.show_project(opened)
    if probe:
        QTimer.singleShot(0, lambda: (print(f"annotator: window shown ({time.process_time():.2f} s CPU)", flush=True), app.quit()))
    code = app.exec()
    bench.close()
    return code
