"""Offsets from other tools: UTF-16 code units (JavaScript: doccano, Label Studio) and texts
with CRLF line ends, turned into code points of the stored text, and back.

Stored text has LF only; a tool that saw the text with CRLF counted two characters per
line end.  ``ForeignText`` converts an offset into that tool's text to an offset into
the stored text, checking that it falls on a character boundary.
"""

from __future__ import annotations

from bisect import bisect_left

from annotator.core.decoding import normalize_newlines
from annotator.core.text import Utf16Index


class ForeignText:
    """A text as another tool saw it (``raw``), and the stored text it becomes."""

    def __init__(self, raw: str, *, utf16: bool = True) -> None:
        self.raw = raw
        self.text = normalize_newlines(raw)
        self.utf16 = Utf16Index(raw) if utf16 else None
        self._crlf = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"] if "\r\n" in raw else []

    def to_stored(self, offset: int) -> int | None:
        """Return the stored-text offset of the tool's ``offset``, or None if it is outside
        the text or splits a character (half a surrogate pair, or a CRLF)."""
        try:
            cp = self.utf16.to_codepoint(offset) if self.utf16 else offset
        except IndexError:
            return None
        if self.utf16 and self.utf16.to_utf16(cp) != offset:
            return None
        if not 0 <= cp <= len(self.raw):
            return None
        k = bisect_left(self._crlf, cp)
        if k and self._crlf[k - 1] == cp - 1:
            return None  # between CR and LF
        return cp - k


def to_tool(index: Utf16Index | None, cp: int) -> int:
    """Return the offset a tool counts for stored-text offset ``cp``."""
    return index.to_utf16(cp) if index else cp
