"""Arabic for displays that cannot shape it: terminals without bidi support.

Text is stored and printed in logical order.  A terminal that neither joins Arabic letters
nor lays out right-to-left shows it as separate letters backwards; ``shape_runs`` turns
each run of Arabic into presentation forms in visual order (arabic-reshaper, then the
Unicode bidi algorithm of python-bidi) and leaves everything else where it is, so table
columns stay put.  The command line does this only when asked (``--reshape`` or
``ANNOTATOR_RESHAPE=1``) and only for a stream that is a terminal: piped output stays in
logical order, as files and other programs expect.
"""

from __future__ import annotations

import functools
import io
import os
import re
from typing import Any, TextIO

#: Arabic letters and marks, in the Arabic blocks and the presentation forms.
_ARABIC = r"\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_HAS_ARABIC = re.compile(rf"[{_ARABIC}]")


@functools.cache
def _run_re() -> Any:
    """A run: from an Arabic character to an Arabic character, with single spaces, digits,
    marks and punctuation inside (two spaces in a row end a run: they separate columns).
    Compiled on first use: importing ``regex`` is too slow for every command's start."""
    import regex

    return regex.compile(rf"[{_ARABIC}](?:(?: (?! )|[{_ARABIC}\p{{N}}\p{{M}}\p{{P}}\u200c\u200d\u0640])*[{_ARABIC}])?")

ENV = "ANNOTATOR_RESHAPE"


def has_arabic(text: str) -> bool:
    """Return True if ``text`` holds an Arabic character."""
    return bool(_HAS_ARABIC.search(text))


def shape(text: str) -> str:
    """Return ``text`` (one right-to-left phrase) joined and in visual order."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="R")


def shape_runs(line: str) -> str:
    """Shape each Arabic run of ``line`` in place, padded to its original width (joined
    letters such as lam-alef take one cell instead of two)."""
    if not has_arabic(line):
        return line

    def one(m: Any) -> str:
        shaped = shape(m.group(0))
        return shaped + " " * max(0, len(m.group(0)) - len(shaped))

    return _run_re().sub(one, line)


def wanted(option: bool | None = None) -> bool:
    """Return True if reshaping was asked for (the option, else ``ANNOTATOR_RESHAPE``)."""
    if option is not None:
        return option
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes", "on")


def is_terminal(stream: Any) -> bool:
    """Return True if ``stream`` is an interactive terminal."""
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return False


class ReshapingWriter(io.TextIOBase):
    """A text stream that shapes the Arabic of every line written before passing it on."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._pending = ""

    def write(self, s: str) -> int:
        self._pending += s
        if "\n" in self._pending:
            done, self._pending = self._pending.rsplit("\n", 1)
            self.stream.write("\n".join(shape_runs(line) for line in done.split("\n")) + "\n")
        return len(s)

    def flush(self) -> None:
        if self._pending:
            self.stream.write(shape_runs(self._pending))
            self._pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return is_terminal(self.stream)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    def fileno(self) -> int:
        return self.stream.fileno()


def for_terminal(stream: TextIO, option: bool | None = None) -> TextIO:
    """Return ``stream`` wrapped in a ``ReshapingWriter`` if reshaping is wanted and the
    stream is a terminal, else ``stream`` itself."""
    if wanted(option) and is_terminal(stream) and not isinstance(stream, ReshapingWriter):
        return ReshapingWriter(stream)  # type: ignore[return-value]
    return stream
