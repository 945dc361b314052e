"""Entry point of the windowed executable ``annotator`` in the packaged app.

A project path may be given (double-clicking a .annotproj file passes it); anything else
is handed to the command line, so ``annotator --version`` works too.
"""

import sys

from annotator.cli import main
from annotator.gui import use_qt_for_report_charts

if __name__ == "__main__":
    if sys.argv[1:2] == ["--suggest-helper"]:  # the window's suggestion process (annotator.suggest.process)
        from annotator.suggest.process import child_main

        sys.exit(child_main(sys.argv[2]))
    use_qt_for_report_charts()  # the bundle has no matplotlib
    args = sys.argv[1:]
    if len(args) == 1 and not args[0].startswith("-") and args[0].endswith(".annotproj"):
        args = ["gui", args[0]]
    sys.exit(main(args))
