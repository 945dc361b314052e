"""The SQLite project file and the Project API (no Qt)."""

from annotator.store.importing import ImportReport
from annotator.store.project import Project

__all__ = ["ImportReport", "Project"]
