"""The text as the document view shows it: the stored text with a few invisible marks,
and an exact map between stored code points and the shown copy's UTF-16 positions.

Qt's plain-text view cannot give a paragraph a direction of its own (it takes each
paragraph's direction from its first strong character, and ignores the block format), and
it drops a U+FEFF at the start of the text.  So the view shows a copy in which

- every U+FEFF is U+2060 WORD JOINER (also invisible, also one UTF-16 unit, never dropped);
- a paragraph whose direction by ``paragraph_direction`` (the majority of its letters)
  differs from what its first strong character says begins with an inserted RLM (U+200F)
  or LRM (U+200E): an Arabic paragraph that begins with a flag, an @handle or a Latin
  dateline is right-to-left.

``ShownIndex`` converts positions both ways like ``Utf16Index`` (same methods), counting the
inserted marks: the stored offsets never see them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from annotator.core.text import Utf16Index, direction_differs, script_counts

RLM, LRM = "\u200f", "\u200e"
_STRONG_LTR_RE = regex.compile(r"\p{bc=L}")


class ShownIndex(Utf16Index):
    """Code point offsets in the stored text <-> UTF-16 positions in the shown copy, whose
    inserted marks (one UTF-16 unit each, before stored offsets ``marks``) belong to
    neither side: a position just before or after a mark is the stored offset after it."""

    def __init__(self, text: str, marks: list[int] | None = None) -> None:
        super().__init__(text)
        self.marks = sorted(marks or [])
        # where each mark sits in the shown copy
        self._shown = [super(ShownIndex, self).to_utf16(p) + i for i, p in enumerate(self.marks)]
        self.utf16_length += len(self.marks)

    def to_utf16(self, cp: int) -> int:
        """Return the shown UTF-16 position of stored code point offset ``cp``."""
        return super().to_utf16(cp) + bisect_right(self.marks, cp)

    def to_codepoint(self, u: int, *, round_up: bool = False) -> int:
        """Return the stored code point offset of shown UTF-16 position ``u``."""
        if not 0 <= u <= self.utf16_length:
            raise IndexError(f"UTF-16 offset {u} is outside the text (length {self.utf16_length})")
        return super().to_codepoint(u - bisect_left(self._shown, u), round_up=round_up)


def _mixed(text: str) -> bool:
    """Return True if ``text`` may hold a paragraph whose first strong character is not in
    its main script: it has right-to-left characters and strong left-to-right ones
    (letters, or a flag's regional indicators)."""
    rtl, ltr = script_counts(text)
    return rtl > 0 and (ltr > 0 or _STRONG_LTR_RE.search(text) is not None)


def shown_text(text: str, direction: str = "auto") -> tuple[str, ShownIndex]:
    """Return the copy of ``text`` to show and its index.  Direction marks are inserted
    only with ``direction == "auto"`` (a forced direction applies to every paragraph)."""
    shown = text.replace("\ufeff", "\u2060")
    marks: list[tuple[int, str]] = []
    if direction == "auto" and _mixed(text):
        start = 0
        for line in text.replace("\u2029", "\n").split("\n"):
            wanted = direction_differs(line) if line else None
            if wanted is not None:
                marks.append((start, RLM if wanted == "rtl" else LRM))
            start += len(line) + 1
    if marks:
        pieces, last = [], 0
        for pos, mark in marks:
            pieces += [shown[last:pos], mark]
            last = pos
        pieces.append(shown[last:])
        shown = "".join(pieces)
    return shown, ShownIndex(text, [p for p, _ in marks])
