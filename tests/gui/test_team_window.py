"""The same window on a team database (issue 14): it opens a postgresql:// project, its
reader thread connects too, and another client's edit appears in it."""

from __future__ import annotations

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
