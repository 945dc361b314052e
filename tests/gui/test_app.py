"""Starting the window: which project opens, the sample project, the Arabic UI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.errors import AnnotatorError
from annotator.gui.app.app import Workbench, open_project
from annotator.gui.app.sample import ensure_sample_project, sample_texts
from annotator.store.project import Project


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A user data folder of the test's own (platformdirs reads XDG_DATA_HOME)."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def test_the_sample_project_holds_the_bundled_arabic_texts(tmp_path):
    path = ensure_sample_project(tmp_path, annotator="lina")
    with Project.open(path) as p:
        docs = p.documents(0, 10)
        assert [d.name for d in docs] == [t.stem for t in sample_texts()]
        assert len(docs) >= 4
        assert "الشدادي" in p.text(docs[0].id)
        assert p.guidelines.startswith("### ")
    assert ensure_sample_project(tmp_path) == path  # made once


def test_first_start_opens_the_sample_then_the_last_project(settings, data_home, tmp_path):
    first = open_project(None, settings)
    try:
        assert first.path.parent == data_home / "annotator" and first.count_documents() >= 4
    finally:
        first.close()
    mine = tmp_path / "mine.annotproj"
    Project.create(mine).close()
    settings.last_project = str(mine)
    again = open_project(None, settings)
    assert again.path == mine
    again.close()
    mine.write_bytes(b"not a project")  # a remembered file that went bad: the sample
    fallback = open_project(None, settings)
    assert fallback.path.name == "sample.annotproj"
    fallback.close()
    with pytest.raises(AnnotatorError, match="not an annotator project|not an SQLite"):
        open_project(str(mine), settings)


def test_gui_verb_names_a_missing_project_in_one_sentence(tmp_path, capsys):
    from annotator.cli import main

    assert main(["gui", str(tmp_path / "missing.annotproj")]) == 1
    err = capsys.readouterr().err.strip()
    assert "missing.annotproj does not exist" in err and len(err.splitlines()) == 1


def test_switching_to_arabic_turns_the_layout_right_to_left_and_keeps_the_undo_history(qtbot, qapp, settings, tmp_path):
    from tests.gui.conftest import make_project

    project = make_project(tmp_path / "p.annotproj", ["بدأت الولايات المتحدة انسحابها من قاعدة الشدادي\nThe base is in Syria"])
    bench = Workbench(qapp, settings)
    try:
        window = bench.show_project(project)
        qtbot.waitUntil(lambda: window.ready)
        assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
        s = window.text.index("الشدادي")
        window.view.select_range(s, s + 7)
        window.apply_label("GPE")
        bench.set_language("ar")
        arabic = bench.window
        qtbot.waitUntil(lambda: arabic.ready)
        assert arabic is not window and settings.language == "ar"
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert arabic.documents_panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
        menus = [a.text() for a in arabic.menuBar().actions()]
        assert "&ملف" in menus and "&تحرير" in menus
        assert arabic.docks["documents"].windowTitle() == "الوثائق"
        assert arabic.palette_widget.buttons["GPE"].text().startswith("كيان جيوسياسي")
        # the corpus keeps its own direction: the English paragraph stays left to right
        doc = arabic.view.document()
        assert doc.findBlockByNumber(0).textDirection() == Qt.LayoutDirection.RightToLeft
        assert doc.findBlockByNumber(1).textDirection() == Qt.LayoutDirection.LeftToRight
        assert len(arabic.view.store) == 1
        arabic.undo()  # the history survived the rebuild
        qtbot.waitUntil(lambda: arabic.ready and len(arabic.view.store) == 0)
        assert project.span_rows(arabic.doc_id) == []
    finally:
        bench.close()
        from annotator.gui.app.i18n import apply_language

        apply_language(qapp, "en")


def test_startup_probe_never_waits_for_the_name_dialog(tmp_path):
    """The cold-start benchmark starts the app with empty user folders: it must show the
    window and quit on its own, not wait for the first-start question."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_STARTUP_PROBE="1", HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    r = subprocess.run([sys.executable, "-m", "annotator"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "annotator: window shown" in r.stdout


def test_first_start_makes_the_sample_with_the_chosen_name_and_no_stray_login_layer(settings, data_home):
    from annotator.gui.app.app import ask_name_before_the_sample

    offered = []
    ask_name_before_the_sample(None, settings, ask=lambda suggested: offered.append(suggested) or "lina")
    assert offered and settings.annotator == "lina"
    project = open_project(None, settings)
    try:
        rows = project.conn.execute("SELECT name FROM annotators").fetchall()
        assert [r[0] for r in rows] == ["lina"]  # not also the login name (root)
    finally:
        project.close()
    # asked only once: the sample exists now
    ask_name_before_the_sample(None, settings, ask=lambda s: pytest.fail("asked again"))
