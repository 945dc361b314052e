"""annotator: an offline desktop workbench for annotating Arabic text.

The Python API for scripting a project is ``annotator.Project`` (see docs/python-api.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from annotator.store.project import Project


def __getattr__(name: str) -> Any:
    # Loaded lazily so that ``import annotator`` stays cheap (the GUI starts faster).
    if name == "Project":
        from annotator.store.project import Project

        return Project
    raise AttributeError(f"module 'annotator' has no attribute {name!r}")


__all__ = ["Project", "__version__"]
