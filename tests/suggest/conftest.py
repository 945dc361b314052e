"""The suggestion tests run on both backends, as the store's do (tests/store/conftest.py)."""

from tests.pgcluster import backend, pg_cluster, project  # noqa: F401  (fixtures)
