"""The errors annotator reports to users: each carries one clear sentence.

The command line and the GUI show ``str(error)`` as it is, never a traceback.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """A problem the user can act on; the message names the file (and line) and the fix."""


class SchemeError(AnnotatorError):
    """An annotation scheme is malformed or inconsistent."""


class ProjectError(AnnotatorError):
    """A project file cannot be opened, created or changed as asked."""


class InputError(AnnotatorError):
    """An input file (text, JSONL, CoNLL, brat, ...) cannot be imported."""


class ExportError(AnnotatorError):
    """An export would write wrong or corrupt data, so nothing was written."""


class Cancelled(AnnotatorError):
    """The user stopped a long piece of work (an import, an export); nothing was changed."""
