"""Arabic text facts: grapheme clusters, words, clitics, a normalised search view, UTF-16.

Offsets everywhere in annotator are half-open ``[start, end)`` indices in Unicode code
points into the stored text (Python ``str`` indices).  Nothing here changes stored text:
the normalised view keeps a map back to the original offsets, and the UTF-16 index converts
positions at the boundary with Qt (``QTextCursor`` counts UTF-16 code units).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

# --- character classes -------------------------------------------------------------------

#: Arabic diacritics (harakat, tanwin, shadda, sukun, maddah/hamza above/below, ...) and
#: the superscript alef.  They sit inside words, on the letter before them.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)] + ["\u06E7", "\u06E8"] + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
#: Invisible formatting characters found in real corpora: bidi marks, embeddings,
#: isolates, the Arabic letter mark, ZWNJ/ZWJ, BOM/ZWNBSP.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = frozenset("\u200c\u200d")
INVISIBLE = BIDI_CONTROLS | JOINERS | {"\ufeff"}

_WORD_CHARS = r"\p{L}\p{M}\p{N}"
_WORD_JOINERS = "\u200c\u200d\u200e\u200f\u061c"
#: A word: letters, marks and digits, possibly joined by ZWNJ/ZWJ/bidi marks inside, and
#: numbers keep their decimal and thousands separators (3.5, ٣٫٥, 1,000).
WORD_RE = regex.compile(
    rf"[{_WORD_CHARS}]+(?:(?:[{_WORD_JOINERS}]+|(?<=\p{{Nd}})[.,\u066b\u066c](?=\p{{Nd}}))[{_WORD_CHARS}]+)*"
)
_GRAPHEME_RE = regex.compile(r"\X")
_TOKEN_RE = regex.compile(rf"{WORD_RE.pattern}|(?![\s{_WORD_JOINERS}\ufeff\u202a-\u202e\u2066-\u2069])\X")
_SENTENCE_END_RE = regex.compile(r"[.!?؟\u06d4…]+[\"'»”)\]]*(?=\s)|\n+")

SnapMode = Literal["character", "grapheme", "word", "clitic"]
SNAP_MODES: tuple[str, ...] = ("character", "grapheme", "word", "clitic")

# Windows for local scans: grapheme clusters and words never cross whitespace, so scanning
# back to whitespace (or this far) finds a safe place to start.
_LOCAL_WINDOW = 256


def is_word_char(ch: str) -> bool:
    """Return True if ``ch`` can be part of a word (letter, mark or digit)."""
    return bool(ch) and unicodedata.category(ch)[0] in "LMN"


def _is_cluster_start(text: str, i: int) -> bool:
    """Return True if a whitespace character at ``i`` starts a grapheme cluster (always,
    but for the LF of a CRLF pair)."""
    return not (text[i] == "\n" and i > 0 and text[i - 1] == "\r")


def _safe_left(text: str, pos: int) -> int:
    """Return a cluster boundary at or before ``pos``, where no word starts earlier: the
    nearest white space (a break always comes before it), or the start of the window."""
    lo = max(0, pos - _LOCAL_WINDOW)
    i = min(pos, len(text) - 1)
    while i > lo:
        if text[i].isspace() and _is_cluster_start(text, i):
            return i
        i -= 1
    return lo


def _safe_right(text: str, pos: int) -> int:
    """Return a cluster boundary at or after ``pos``, where no word ends later."""
    hi = min(len(text), pos + _LOCAL_WINDOW)
    i = pos
    while i < hi:
        if text[i].isspace() and _is_cluster_start(text, i):
            return i
        i += 1
    return hi


# --- grapheme clusters -------------------------------------------------------------------


def graphemes(text: str) -> list[str]:
    """Split ``text`` into extended grapheme clusters (a letter with its marks, an emoji)."""
    return _GRAPHEME_RE.findall(text)


def grapheme_bounds(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Return the cluster boundaries in ``text[start:end]`` as offsets into ``text``.

    ``start`` must itself be a boundary (0, or just after whitespace is always safe).
    """
    end = len(text) if end is None else end
    bounds = [start]
    for m in _GRAPHEME_RE.finditer(text, start, end):
        bounds.append(m.end())
    return bounds


def grapheme_span(text: str, pos: int) -> tuple[int, int]:
    """Return the ``[start, end)`` of the grapheme cluster containing code point ``pos``."""
    if not 0 <= pos < len(text):
        raise IndexError(f"position {pos} is outside the text (length {len(text)})")
    left = _safe_left(text, pos)
    for m in _GRAPHEME_RE.finditer(text, left, _safe_right(text, pos + 1)):
        if m.start() <= pos < m.end():
            return m.start(), m.end()
    return pos, pos + 1  # pragma: no cover - \X matches every character


# --- words -------------------------------------------------------------------------------


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every word in ``text[start:end]``."""
    end = len(text) if end is None else end
    for m in WORD_RE.finditer(text, start, end):
        yield m.start(), m.end()


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """Return the word containing code point ``pos``, or None if ``pos`` is not in a word."""
    if not 0 <= pos < len(text):
        return None
    left, right = _safe_left(text, pos), _safe_right(text, pos + 1)
    for s, e in words(text, left, right):
        if s <= pos < e:
            return s, e
        if s > pos:
            break
    return None


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Tokenise ``text[start:end]``: words as one token each (clitics stay attached, as in
    ANERcorp, AQMAR and Wojood), every other visible grapheme cluster (punctuation, emoji)
    a token of its own.  Whitespace and invisible controls between tokens are dropped."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences: at line breaks and after sentence-final punctuation
    (. ! ? ؟ ۔ …) followed by white space.  Ranges are stripped of surrounding white space;
    empty ones are left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END_RE.finditer(text):
        cut = m.start() if m.group().startswith("\n") else m.end()
        out.append((pos, cut))
        pos = m.end()
    out.append((pos, len(text)))
    result = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


# --- clitics -----------------------------------------------------------------------------

_ARTICLE = "ال"
_CONJ = "وف"
_PREP = "بكل"


def proclitic_length(word: str) -> int:
    """Return how many leading code points of ``word`` are proclitics to leave out of a span.

    Only the unambiguous case is split: a conjunction (و ف) and/or a preposition (ب ك ل)
    before the definite article ال, which is kept (والولايات -> الولايات, بالمدينة ->
    المدينة, وللحكومة -> لحكومة, since ل+ال is written لل).  Before a bare noun the letters
    are ambiguous (ب in بريطانيا and بدمشق, و in وزير and ووزير), so nothing is split
    there: the character-level snap is the escape hatch.  Marks on a clitic letter go with
    it, and what is left must keep at least two letters after the article.
    """
    n = len(word)

    def skip_marks(j: int) -> int:
        while j < n and (word[j] in DIACRITICS or word[j] == TATWEEL):
            j += 1
        return j

    def letters_from(j: int) -> int:
        return sum(1 for c in word[j:] if c not in DIACRITICS and c != TATWEEL)

    conj_end = skip_marks(1) if n and word[0] in _CONJ else 0
    j = conj_end
    if j < n and word[j] in _PREP:
        k = skip_marks(j + 1)
        if word.startswith(_ARTICLE, k) and letters_from(k) >= 4:
            return k
        if word[j] == "ل" and word.startswith("ل", k) and letters_from(k) >= 3:
            return k  # لل: the preposition before an article whose alef is dropped
    if conj_end and word.startswith(_ARTICLE, conj_end) and letters_from(conj_end) >= 4:
        return conj_end
    return 0


# --- snapping a selection ----------------------------------------------------------------


def snap(text: str, start: int, end: int, mode: SnapMode = "word") -> tuple[int, int]:
    """Snap the selection ``[start, end)`` to whole units of ``mode``.

    - ``character``: unchanged (the escape hatch).
    - ``grapheme``: widened to whole grapheme clusters, white space trimmed off the ends.
    - ``word``: widened to whole words; white space and punctuation at the ends trimmed.
    - ``clitic``: as ``word``, then a leading conjunction/preposition is left out of the
      first word when the selection starts at that word's start (see ``proclitic_length``).

    Returns ``(start, start)`` when nothing but white space was selected.
    """
    if start > end:
        start, end = end, start
    start, end = max(0, start), min(len(text), end)
    if mode == "character" or start == end:
        return start, end
    if mode not in SNAP_MODES:
        raise ValueError(f"unknown snap mode {mode!r}; use one of {', '.join(SNAP_MODES)}")
    s = grapheme_span(text, start)[0]
    e = grapheme_span(text, end - 1)[1]
    if mode == "grapheme":
        return _trim_blank_clusters(text, s, e) or (start, start)
    # words: trim non-word characters at both ends, then widen to the words touched
    while s < e and not is_word_char(text[s]):
        s += 1
    while e > s and not is_word_char(text[e - 1]):
        e -= 1
    if s == e:
        return start, start
    first = word_at(text, s)
    last = word_at(text, e - 1)
    if first:
        s = first[0]
    if last:
        e = last[1]
    if mode == "clitic" and first and first[0] == s:
        cut = proclitic_length(text[first[0] : first[1]])
        if 0 < cut < first[1] - first[0]:
            s += cut
    # a stray mark after a space belongs to the space's cluster: never cut a cluster
    return grapheme_span(text, s)[0], grapheme_span(text, e - 1)[1]


def _trim_blank_clusters(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Drop whole clusters of white space and invisible controls from both ends."""
    bounds = grapheme_bounds(text, s, e)
    clusters = list(zip(bounds, bounds[1:], strict=False))

    def blank(c: tuple[int, int]) -> bool:
        return all(ch.isspace() or ch in INVISIBLE for ch in text[c[0] : c[1]])

    while clusters and blank(clusters[0]):
        clusters.pop(0)
    while clusters and blank(clusters[-1]):
        clusters.pop()
    return (clusters[0][0], clusters[-1][1]) if clusters else None


def is_whole_word(text: str, start: int, end: int, *, allow_proclitic: bool = False) -> bool:
    """Return True if ``[start, end)`` begins and ends at word boundaries.

    With ``allow_proclitic`` a match may also begin right after a proclitic that
    ``proclitic_length`` would split off (والولايات matches الولايات).
    """
    if start >= end:
        return False
    if end < len(text) and is_word_char(text[end]):
        return False
    if start == 0 or not is_word_char(text[start - 1]):
        return True
    if allow_proclitic:
        word = word_at(text, start)
        if word and word[0] < start:
            return proclitic_length(text[word[0] : word[1]]) == start - word[0]
    return False


# --- the normalised search view ----------------------------------------------------------

_ALEF_HAMZA = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي"}
_REMOVED = DIACRITICS | {TATWEEL} | INVISIBLE
#: marks that belong to the letter before them: a match ending at that letter takes them.
_ATTACHED = DIACRITICS | {TATWEEL}


def _presentation_map() -> dict[int, str]:
    """Map Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) to base letters."""
    table: dict[int, str] = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        base = unicodedata.normalize("NFKC", ch)
        if base != ch:
            table[cp] = base
    return table


_PRESENTATION = _presentation_map()


@dataclass(slots=True)
class _Piece:
    norm: int  # first normalised index of the piece
    orig: int  # original index it maps to
    linear: bool  # True: one to one; False: every char of the piece maps to ``orig``


class NormalizedText:
    """A normalised view of a text for search, with an exact map back to original offsets.

    Normalisation removes diacritics, tatweel, bidi controls and joiners; unifies alef and
    hamza forms (أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي), alef maqsura with ya (ى -> ي), and
    presentation forms with their base letters; optionally ta marbuta with ha (ة -> ه).
    The stored text is never changed.
    """

    def __init__(self, text: str, *, ta_marbuta: bool = False) -> None:
        self.original = text
        self.ta_marbuta = ta_marbuta
        table = self._table(ta_marbuta)
        parts: list[str] = []
        pieces: list[_Piece] = []
        norm_pos = 0
        chunk_start = 0
        special = self._special_re()
        for m in special.finditer(text):
            i = m.start()
            if i > chunk_start:
                chunk = text[chunk_start:i].translate(table)
                pieces.append(_Piece(norm_pos, chunk_start, True))
                parts.append(chunk)
                norm_pos += len(chunk)
            ch = m.group()
            if ch not in _REMOVED:  # an expansion: a ligature of several letters
                out = _normalize_chars(unicodedata.normalize("NFKC", ch), ta_marbuta)
                if out:
                    pieces.append(_Piece(norm_pos, i, False))
                    parts.append(out)
                    norm_pos += len(out)
            chunk_start = i + 1
        if chunk_start < len(text):
            chunk = text[chunk_start:].translate(table)
            pieces.append(_Piece(norm_pos, chunk_start, True))
            parts.append(chunk)
            norm_pos += len(chunk)
        self.text = "".join(parts)
        self._pieces = pieces
        self._starts = [p.norm for p in pieces]

    @staticmethod
    def _table(ta_marbuta: bool) -> dict[int, str]:
        table = {ord(k): v for k, v in _ALEF_HAMZA.items()}
        for cp, base in _PRESENTATION.items():
            if len(base) == 1:
                table[cp] = _normalize_chars(base, ta_marbuta)
        if ta_marbuta:
            table[ord("ة")] = "ه"
        return table

    _special_cache: regex.Pattern[str] | None = None

    @classmethod
    def _special_re(cls) -> regex.Pattern[str]:
        if cls._special_cache is None:
            multi = "".join(chr(cp) for cp, base in _PRESENTATION.items() if len(base) != 1)
            chars = "".join(sorted(_REMOVED)) + multi
            cls._special_cache = regex.compile("[" + regex.escape(chars) + "]")
        return cls._special_cache

    def original_index(self, i: int) -> int:
        """Return the original offset of normalised character ``i`` (``len`` maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._starts, i) - 1
        p = self._pieces[k]
        return p.orig + (i - p.norm) if p.linear else p.orig

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised range ``[start, end)`` to original offsets.

        The result covers the original characters the range came from, plus the diacritics
        and tatweel that follow its last letter (they belong to that letter).
        """
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"range {start}..{end} is outside the normalised text")
        if start == end:
            o = self.original_index(start)
            return o, o
        s = self.original_index(start)
        e = self.original_index(end - 1) + 1
        text = self.original
        while e < len(text) and text[e] in _ATTACHED:
            e += 1
        return s, e

    def find_all(self, query: str, *, whole_word: bool = False, allow_proclitic: bool = False) -> list[tuple[int, int]]:
        """Return the original ``[start, end)`` of every match of ``query`` (normalised the
        same way), in text order, optionally only whole-word matches."""
        needle = normalize(query, ta_marbuta=self.ta_marbuta).strip()
        if not needle:
            return []
        hits = []
        pos = self.text.find(needle)
        while pos != -1:
            s, e = self.to_original(pos, pos + len(needle))
            if not whole_word or is_whole_word(self.original, s, e, allow_proclitic=allow_proclitic):
                hits.append((s, e))
            pos = self.text.find(needle, pos + 1)
        return hits


def _normalize_chars(s: str, ta_marbuta: bool) -> str:
    out = "".join(_ALEF_HAMZA.get(c, c) for c in s if c not in _REMOVED)
    return out.replace("ة", "ه") if ta_marbuta else out


def normalize(text: str, *, ta_marbuta: bool = False) -> str:
    """Return the normalised search form of ``text`` (see ``NormalizedText``)."""
    return NormalizedText(text, ta_marbuta=ta_marbuta).text


# --- UTF-16 <-> code points --------------------------------------------------------------

_ASTRAL_RE = regex.compile("[\U00010000-\U0010ffff]")


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for _ in _ASTRAL_RE.finditer(text))


class Utf16Index:
    """Convert between code point offsets and UTF-16 offsets in one text, in O(log n).

    Qt's ``QTextCursor`` and JavaScript tools (doccano, Label Studio) count UTF-16 code
    units; a character outside the Basic Multilingual Plane (most emoji) is two of them.
    """

    def __init__(self, text: str) -> None:
        self.text_length = len(text)
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        # UTF-16 offset at which each astral character ends.
        self._ends16 = [cp + k + 2 for k, cp in enumerate(self._astral)]
        self.utf16_length = self.text_length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """Return the UTF-16 offset of code point offset ``cp``."""
        if not 0 <= cp <= self.text_length:
            raise IndexError(f"offset {cp} is outside the text (length {self.text_length})")
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, u: int, *, round_up: bool = False) -> int:
        """Return the code point offset of UTF-16 offset ``u``.

        An offset between the two halves of a surrogate pair is rounded down to the start
        of that character, or up to its end with ``round_up``.
        """
        if not 0 <= u <= self.utf16_length:
            raise IndexError(f"UTF-16 offset {u} is outside the text (length {self.utf16_length})")
        k = bisect_right(self._ends16, u)  # astral characters wholly before u
        cp = u - k
        if k < len(self._astral) and self._ends16[k] - 1 == u:  # u splits a surrogate pair
            return cp if round_up else cp - 1
        return cp


def to_utf16(text: str, cp: int) -> int:
    """Return the UTF-16 offset of code point offset ``cp`` in ``text``."""
    return Utf16Index(text).to_utf16(cp)


def to_codepoint(text: str, u: int, *, round_up: bool = False) -> int:
    """Return the code point offset of UTF-16 offset ``u`` in ``text``."""
    return Utf16Index(text).to_codepoint(u, round_up=round_up)
