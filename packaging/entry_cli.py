"""Entry point of the console executable ``annotator-cli`` in the packaged app."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
