"""Fixtures for the window tests: isolated user settings, projects with real texts, and a
main window whose document is shown with its spans loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")


@pytest.fixture
def settings(tmp_path, qapp):
    """User settings in a file of their own (never the real user's)."""
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import register_fonts
    from annotator.gui.app.settings import AppSettings

    register_fonts()
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def make_project(path: Path, texts: list[str], *, scheme=None, names: list[str] | None = None):
    """Create a project at ``path`` holding ``texts`` (annotator 'lina')."""
    from annotator.store.project import Project

    project = Project.create(path, scheme, annotator="lina")
    names = names or [f"doc{i + 1}" for i in range(len(texts))]
    project.add_documents([{"text": t, "name": n} for t, n in zip(texts, names, strict=True)])
    return project


@pytest.fixture
def open_window(qtbot, settings, tmp_path):
    """Return ``open(texts or project, lang="en")`` -> a shown MainWindow, spans loaded."""
    from annotator.gui.app.i18n import apply_language
    from annotator.gui.window.main_window import MainWindow

    windows = []

    def open_(source, lang: str = "en", suggest: bool = False, **kw):
        project = source if hasattr(source, "add_span") else make_project(tmp_path / f"p{len(windows)}.annotproj", source, **kw)
        apply_language(qtbot_app(), lang)
        window = MainWindow(project, settings, lang)
        # no recommender training in the background unless the test is about suggestions:
        # a thread retraining after every edit makes the other tests' timing nondeterministic
        window.suggestions.enabled.setChecked(suggest)
        qtbot.addWidget(window)
        window.resize(1100, 760)
        window.show()
        # a short document is ready before show() returns: let the window come up (active,
        # the view focused) as it had while the spans loaded
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: window.ready, timeout=5000)
        windows.append(window)
        return window

    def qtbot_app():
        from PySide6.QtWidgets import QApplication

        return QApplication.instance()

    yield open_
    from PySide6.QtWidgets import QApplication

    for w in windows:
        w.shutdown()
        if not w.project.closed:
            w.project.close()
    apply_language(QApplication.instance(), "en")
