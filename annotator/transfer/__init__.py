"""Moving documents and annotations between files and projects: the import and export
pipelines.  They sit above both the store (which reads and writes core records in a
project) and the formats (which read and write core records in files), and are the only
place that knows both: the formats know nothing of the store, and the store nothing of
the formats (import-linter contracts in pyproject.toml, run by tests/test_layers.py)."""
