"""``python -m annotator``: the same as the ``annotator`` command."""

import sys

from annotator.cli import main

if __name__ == "__main__":  # not when a child process (the suggestion helper) imports it again
    sys.exit(main())
