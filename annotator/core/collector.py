"""Pausing Python's cyclic garbage collector around work that makes millions of small,
short-lived objects and no reference cycles worth collecting (an import, an export,
agreement, loading a document's spans).

Reference counting still frees everything as usual; only the collector's passes, each of
which walks every live tracked object again, are put off (Mercurial's ``util.nogc`` does
the same).  The switch is process-wide, so another thread's collection waits meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; resume it, if it was on, however
    the block ends (a nested pause leaves it to the outer one)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
