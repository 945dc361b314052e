"""The store's tests run on both backends: a project file and a team database.

``project`` (and so ``news_project``) is parametrised: ``file`` is a new project file,
``postgresql`` a new database in a throwaway PostgreSQL cluster that the session starts
(tests/pgcluster.py) and stops at its end.  Where PostgreSQL or psycopg is missing, the
``postgresql`` cases are skipped with the reason, never passed.
"""

from __future__ import annotations

import pytest

from tests.pgcluster import pg_cluster  # noqa: F401  (the session's cluster fixture)


@pytest.fixture(params=["file", "postgresql"])
def backend(request):
    """Which backend a store test runs on."""
    return request.param


@pytest.fixture
def project(request, backend, tmp_path):
    """A new, empty project with the default scheme, annotator 'lina', on each backend."""
    from annotator.store.project import Project

    if backend == "file":
        p = Project.create(tmp_path / "test.annotproj", annotator="lina")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        p = Project.create(cluster.url(cluster.new_name()), annotator="lina")
    yield p
    if not p.closed:
        p.close()
