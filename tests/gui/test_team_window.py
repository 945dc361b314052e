"""The same window on a team database (issue 14): it opens a postgresql:// project, its
reader thread connects too, and another client's edit appears in it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.store.project import Project
from tests.gui.test_main_window import NEWS
from tests.pgcluster import pg_cluster  # noqa: F401  (the session's cluster fixture)


def test_the_window_on_a_team_database_shows_another_clients_span(open_window, qtbot, pg_cluster):  # noqa: F811
    url = pg_cluster.url(pg_cluster.new_name("win"))
    project = Project.create(url, annotator="lina")
    project.add_documents([{"text": NEWS, "name": "news"}, {"text": "نص ثان", "name": "second"}])
    window = open_window(project)
    assert "***" in str(window.project.path) and "admin-secret" not in window.windowTitle()
    window.external.timer.setInterval(50)
    doc = window.doc_id
    with Project.open(url, annotator="omar") as other:  # another annotator's window, elsewhere
        s = NEWS.index("الشدادي")
        other.add_span(doc, "FAC", s, s + len("الشدادي"), annotator="lina")
    qtbot.waitUntil(lambda: len(window.view.store) == 1 and window.ready, timeout=10000)
    assert "Another program" in window.statusBar().currentMessage()


def test_annotator_gui_url_opens_the_team_database(pg_cluster, settings):  # noqa: F811
    from annotator.gui.app.app import open_project

    url = pg_cluster.url(pg_cluster.new_name("gui"))
    Project.create(url, annotator="lina").close()
    opened = open_project(url, settings)
    try:
        assert opened.path.name == url.rsplit("/", 1)[1] and opened.count_documents() == 0
    finally:
        opened.close()


def _spans(window) -> list[tuple[str, int, int]]:
    return sorted((s.label, s.start, s.end) for s in window.project.spans(window.doc_id))


def test_an_edit_cut_off_is_kept_shown_as_not_saved_and_saved_when_the_database_is_back(open_window, qtbot, pg_cluster):  # noqa: F811
    from annotator.gui.window import unsaved

    name = pg_cluster.new_name("cut")
    url = pg_cluster.url(name)
    project = Project.create(url, annotator="lina")
    project.add_documents([{"text": NEWS, "name": "news"}, {"text": "نص ثان", "name": "second"}])
    window = open_window(project)
    window.unsaved.timer.setInterval(100)
    s = NEWS.index("الشدادي")
    t = NEWS.index("سوريا")
    pg_cluster.away(name)
    try:
        window.view.select_range(s, s + len("الشدادي"))
        window.apply_label("FAC")  # the connection is gone: not saved, kept
        assert window.unsaved.label.isVisible() and window.unsaved.label.text() == "Edits not saved yet: 1"
        assert "not saved" in window.statusBar().currentMessage()
        assert len(window.view.store) == 0  # nothing shown as done
        window.view.select_range(t, t + 5)
        window.apply_label("GPE")  # made meanwhile: waits behind the first
        assert window.unsaved.label.text() == "Edits not saved yet: 2" and len(window.view.store) == 0
        assert window.unsaved.retry() is False  # still away: still kept
        assert len(window.unsaved.kept) == 2
        window.unsaved.timer.stop()

        def answer(button) -> None:
            box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "unsaved-edits" and w.isVisible())
            assert "2 edits are not saved" in box.text()
            box.button(button).click()

        QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Cancel))
        assert window.close() is False and window.isVisible()  # closing would lose them: asked, and stays
        window.unsaved.timer.start()
    finally:
        pg_cluster.back(name)
    qtbot.waitUntil(lambda: not window.unsaved.kept, timeout=10000)
    assert not window.unsaved.label.isVisible() and "saved" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: len(window.view.store) == 2 and window.ready, timeout=10000)
    expected = [("FAC", s, s + len("الشدادي")), ("GPE", t, t + 5)]
    assert _spans(window) == expected
    with Project.open(url, annotator="omar") as other:  # in the database, each once
        assert sorted((x.label, x.start, x.end) for x in other.spans(window.doc_id, annotator="lina")) == expected
    assert unsaved.RETRY_MS >= 1000


def test_the_leads_progress_updates_when_an_annotator_works_in_another_process(open_window, qtbot, pg_cluster):  # noqa: F811
    import subprocess
    import sys

    url = pg_cluster.url(pg_cluster.new_name("live"))
    project = Project.create(url, annotator="lead")
    docs = project.add_documents([{"text": NEWS, "name": "news"}, {"text": "نص ثان", "name": "second"}]).added
    window = open_window(project)
    window.external.timer.stop()  # no polling: only the database's notification can wake the window
    assert window.external.notifier is not None and window.external.notifier.isEnabled()
    assert "lina" not in _marks(window)
    script = ("import sys; from annotator.store.project import Project\n"
              "with Project.open(sys.argv[1], annotator='lina') as p:\n"
              f"    p.set_status({docs[1]}, 'done')\n")
    done = subprocess.run([sys.executable, "-c", script, url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "✓lina" in _marks(window), timeout=10000)
    assert "Another program" in window.statusBar().currentMessage()
    assert not window.external.timer.isActive()


def _marks(window) -> str:
    """The document list as the lead sees it: each document's people and their statuses."""
    model = window.doc_model
    return " ".join(str(model.data(model.index(r, c))) for r in range(model.rowCount()) for c in range(model.columnCount()))
