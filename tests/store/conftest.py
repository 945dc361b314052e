"""The store's tests run on both backends: a project file and a team database.

``project`` (and so ``news_project``) is parametrised: ``file`` is a new project file,
``postgresql`` a new database in a throwaway PostgreSQL cluster that the session starts
(tests/pgcluster.py) and stops at its end.  Where PostgreSQL or psycopg is missing, the
``postgresql`` cases are skipped with the reason, never passed.
"""

from tests.pgcluster import backend, pg_cluster, project  # noqa: F401  (fixtures)
