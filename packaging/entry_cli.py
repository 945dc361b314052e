"""Entry point of the console executable ``annotator-cli`` in the packaged app."""

import sys

from annotator.cli import main
from annotator.gui import use_qt_for_report_charts

if __name__ == "__main__":
    use_qt_for_report_charts()  # the bundle has no matplotlib
    sys.exit(main())
