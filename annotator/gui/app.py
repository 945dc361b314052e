"""Start the annotation window."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


def run(project: str | None) -> int:
    """Open the main window on ``project``; return the exit status."""
    raise AnnotatorError("the annotation window is not built yet: it comes with the workbench issue; "
                         "use the command-line verbs meanwhile.")
