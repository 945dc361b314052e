"""Entry point of the windowed executable ``annotator`` in the packaged app.

A project path may be given (double-clicking a .annotproj file passes it); anything else
is handed to the command line, so ``annotator --version`` works too.
"""

import sys

from annotator.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 1 and not args[0].startswith("-") and args[0].endswith(".annotproj"):
        args = ["gui", args[0]]
    sys.exit(main(args))
