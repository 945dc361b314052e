"""Where unexpected errors go: a traceback in ``errors.log`` in the user's log folder.

The command line and the window show the user one sentence and the path of this file;
never the traceback itself.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from annotator import __version__


def log_internal_error(exc: BaseException) -> Path | None:
    """Append ``exc``'s traceback to the error log; return its path (None if unwritable)."""
    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("annotator", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- annotator {__version__}: {' '.join(sys.argv)}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None
