"""Arabic text facts: grapheme clusters, words, clitics, a normalised search view, UTF-16.

Offsets everywhere in annotator are half-open ``[start, end)`` indices in Unicode code
points into the stored text (Python ``str`` indices).  Nothing here changes stored text:
the normalised view keeps a map back to the original offsets, and the UTF-16 index converts
positions at the boundary with Qt (``QTextCursor`` counts UTF-16 code units).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

# --- character classes -------------------------------------------------------------------

#: Arabic diacritics (harakat, tanwin, shadda, sukun, maddah/hamza above/below, ...), the
#: superscript alef, the Quranic annotation signs (U+0610-061A, U+06D6-06ED) and the
#: extended-Arabic marks (U+08D3-08FF but U+08E2, which is a prepended sign, not a mark).
#: They sit inside words, on the letter before them.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)] + ["\u06E7", "\u06E8"] + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x0610, 0x061B)] + [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]
)
TATWEEL = "\u0640"
#: Invisible formatting characters found in real corpora: bidi marks, embeddings,
#: isolates, the Arabic letter mark, ZWNJ/ZWJ, BOM/ZWNBSP.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = frozenset("\u200c\u200d")
INVISIBLE = BIDI_CONTROLS | JOINERS | {"\ufeff"}

# One grapheme rule everywhere: the ``regex`` module's ``\X`` (extended grapheme clusters,
# UAX #29). Words, tokens and snapping are built from whole clusters, so none of them can
# cut a letter from its marks, a flag in half, or an emoji from its modifier, ZWJ or VS16.
_WORD_CHARS = r"\p{L}\p{M}\p{N}"
_WORD_JOINERS = "\u200c\u200d\u200e\u200f\u061c"
#: A cluster that belongs to a word: it starts (after any prepended signs such as the
#: Arabic number sign U+0600) with a letter, mark or digit.
_WORD_CLUSTER = rf"(?=\p{{GCB=Prepend}}*[{_WORD_CHARS}])\X"
#: A word: word clusters, possibly joined by ZWNJ/ZWJ/bidi marks inside, and numbers keep
#: their decimal and thousands separators (3.5, ٣٫٥, 1,000).
WORD_RE = regex.compile(
    rf"(?:{_WORD_CLUSTER})+(?:(?:[{_WORD_JOINERS}]+|(?<=\p{{Nd}})[.,\u066b\u066c](?=\p{{Nd}}))(?:{_WORD_CLUSTER})+)*"
)
_GRAPHEME_RE = regex.compile(r"\X")
#: A scan from a cluster boundary, one whole word or one whole cluster at a time, so every
#: match starts on a cluster boundary (``WORD_RE.finditer`` alone would try a word at each
#: code point, inside clusters too): ``word`` a word, ``blank`` white space or an invisible
#: control, neither group a visible cluster of its own (punctuation, emoji).
_SCAN_RE = regex.compile(
    rf"(?P<word>{WORD_RE.pattern})|(?P<blank>(?=[\s{_WORD_JOINERS}\ufeff\u202a-\u202e\u2066-\u2069])\X)|\X"
)
_SENTENCE_END_RE = regex.compile(r"[.!?؟\u06d4…]+[\"'»”)\]]*(?=\s)|\n+")

SnapMode = Literal["character", "grapheme", "word", "clitic"]
SNAP_MODES: tuple[str, ...] = ("character", "grapheme", "word", "clitic")

#: Letters that never join a neighbouring letter into one cluster: between two of them
#: there is always a cluster boundary (UAX #29 GB999), whatever came before.
_PLAIN = "A-Za-z\u0621-\u063a\u0641-\u064a"
#: Searching backwards: a white space that starts a cluster (not after a prepended sign,
#: not the LF of a CRLF), where no word starts earlier and no cluster crosses.
_WORD_LEFT_RE = regex.compile(r"(?r)(?<![\p{GCB=Prepend}\r])\s")
#: ... or, for clusters only, also the boundary between two plain letters.
_CLUSTER_LEFT_RE = regex.compile(rf"(?r)(?<![\p{{GCB=Prepend}}\r])\s|(?<=[{_PLAIN}])[{_PLAIN}]")
# how far back to look for a plain-letter boundary before scanning back to white space
_LOCAL_WINDOW = 64


def is_word_char(ch: str) -> bool:
    """Return True if ``ch`` can be part of a word (letter, mark or digit)."""
    return bool(ch) and unicodedata.category(ch)[0] in "LMN"


def _word_left(text: str, pos: int) -> int:
    """Return a cluster boundary at or before ``pos`` where no word starts earlier: the
    nearest white space that starts a cluster, or the start of the text (words can be as
    long as they like: nothing is cut at a fixed window)."""
    m = _WORD_LEFT_RE.search(text, 0, min(pos + 1, len(text)))
    return m.start() if m else 0


def _cluster_left(text: str, pos: int) -> int:
    """Return a cluster boundary at or before ``pos``."""
    end = min(pos + 1, len(text))
    m = _CLUSTER_LEFT_RE.search(text, max(0, end - _LOCAL_WINDOW), end)
    return m.start() if m else _word_left(text, pos)


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
    for m in _GRAPHEME_RE.finditer(text, _cluster_left(text, pos)):
        if pos < m.end():
            return m.start(), m.end()
    return pos, pos + 1  # pragma: no cover - \X matches every character


def is_grapheme_boundary(text: str, pos: int) -> bool:
    """Return True if no grapheme cluster crosses offset ``pos``."""
    return pos <= 0 or pos >= len(text) or grapheme_span(text, pos)[0] == pos


# --- words -------------------------------------------------------------------------------


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every word in ``text[start:end]``."""
    end = len(text) if end is None else end
    for m in _SCAN_RE.finditer(text, start, end):
        if m.group("word") is not None:
            yield m.start(), m.end()


def _words_from(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Yield the words from cluster boundary ``start`` on, each whole (no end bound)."""
    for m in _SCAN_RE.finditer(text, start):
        if m.group("word") is not None:
            yield m.span()


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """Return the word containing code point ``pos``, or None if ``pos`` is not in a word."""
    if not 0 <= pos < len(text):
        return None
    for s, e in _words_from(text, _word_left(text, pos)):
        if s > pos:
            break
        if pos < e:
            return s, e
    return None


#: Characters whose grapheme clusters are simple: a letter, digit, space, line feed or
#: common punctuation mark, each of Grapheme_Cluster_Break "Other" (a cluster of its own)
#: but for the line feed (a control), with the Arabic harakat, tanwin, shadda, sukun and
#: superscript alef (Grapheme_Cluster_Break "Extend") after them.  In text made only of
#: these, ``_SIMPLE_TOKEN_RE`` finds exactly the tokens ``_SCAN_RE`` finds, with the
#: standard ``re`` engine and no ``\X`` (tests/core/test_text.py checks the two agree).
_SIMPLE_LETTERS = "A-Za-z0-9\u0620-\u064a\u0660-\u0669\u066e\u066f\u0671-\u06d3\u06d5\u06f0-\u06f9"
_SIMPLE_MARKS = "\u064b-\u065f\u0670"
_SIMPLE_PUNCT = "!-/:-@\\[-`{-~\u00ab\u00bb\u060c\u061b\u061f\u066a-\u066d\u06d4\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
_SIMPLE_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_SIMPLE_TEXT_RE = re.compile(f"[{_SIMPLE_LETTERS}{_SIMPLE_MARKS}{_SIMPLE_PUNCT} \\n]*")
#: A space that carries a mark: its cluster is white space, so the mark is no word's start.
_MARKED_SPACE_RE = re.compile(f" [{_SIMPLE_MARKS}]")
#: A word (letters, marks and digits; numbers keep their separators), or one cluster of
#: punctuation; what lies between them (spaces, line feeds) is skipped by the search.
_SIMPLE_TOKEN_RE = re.compile(
    f"[{_SIMPLE_LETTERS}{_SIMPLE_MARKS}]+(?:(?<=[{_SIMPLE_DIGITS}])[.,\\u066b\\u066c](?=[{_SIMPLE_DIGITS}])"
    f"[{_SIMPLE_LETTERS}{_SIMPLE_MARKS}]+)*|[{_SIMPLE_PUNCT}][{_SIMPLE_MARKS}]*"
)
_SIMPLE_TOKEN_SPLIT_RE = re.compile(f"({_SIMPLE_TOKEN_RE.pattern})")


def _simple(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is simple text (see ``_SIMPLE_LETTERS``) with no mark on a space."""
    return (_SIMPLE_TEXT_RE.match(text, start, end).end() == end  # type: ignore[union-attr]
            and _MARKED_SPACE_RE.search(text, start, end) is None)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Tokenise ``text[start:end]``: words as one token each (clitics stay attached, as in
    ANERcorp, AQMAR and Wojood), every other visible grapheme cluster (punctuation, emoji)
    a token of its own.  Whitespace and invisible controls between tokens are dropped."""
    end = len(text) if end is None else end
    if _simple(text, start, end):
        return [m.span() for m in _SIMPLE_TOKEN_RE.finditer(text, start, end)]
    return [m.span() for m in _SCAN_RE.finditer(text, start, end) if m.group("blank") is None]


def split_tokens(text: str) -> list[str] | None:
    """Return simple text (see ``_SIMPLE_LETTERS``) cut into white space and tokens,
    ``[space, token, space, token, ..., space]`` (the tokens of ``tokens(text)``, each
    space possibly empty), or None for text that is not simple.  The pieces join back into
    the text, so their lengths give every token's offsets."""
    if not _simple(text, 0, len(text)):
        return None
    return _SIMPLE_TOKEN_SPLIT_RE.split(text)


def _scan_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``tokens`` without the fast path for simple text (for the tests that compare them)."""
    end = len(text) if end is None else end
    return [m.span() for m in _SCAN_RE.finditer(text, start, end) if m.group("blank") is None]


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


# --- paragraph direction -----------------------------------------------------------------

#: Not counted when deciding a paragraph's direction: @handles, #hashtags, web and mail
#: addresses (Latin in an Arabic tweet), and everything that is not a letter (a flag's
#: regional indicators are strong left-to-right characters, but not letters).
_NOT_COUNTED_RE = regex.compile(r"[@#][\w.]+|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_RTL_RARE_RE = regex.compile(r"[\u0590-\u05ff\ufe70-\ufefe]")
_STRONG_RE = regex.compile(r"[\p{bc=L}\p{bc=R}\p{bc=AL}]")
_STRONG_LETTER_RE = regex.compile(r"(?V1)[[\p{bc=L}\p{bc=R}\p{bc=AL}]&&\p{L}]")
#: How much of a paragraph is read to decide (a dateline or a handle is far shorter).
DIRECTION_SAMPLE = 400


def _sample(paragraph: str) -> str:
    sample = paragraph[:DIRECTION_SAMPLE]
    if "@" in sample or "#" in sample or "www." in sample or "://" in sample:
        sample = _NOT_COUNTED_RE.sub(" ", sample)
    return sample


_NOT_LATIN1_LETTERS = bytes(b for b in range(256) if not chr(b).isalpha())


def script_counts(sample: str) -> tuple[int, int]:
    """Count the right-to-left and the left-to-right characters of ``sample``, at C speed
    (by UTF-16 high byte): right-to-left are Arabic, Syriac, Thaana, N'Ko and the Arabic
    extensions (U+0600-08FF), Hebrew and the presentation forms; left-to-right are the
    letters of Latin-1, Latin Extended, Cyrillic and Latin Extended Additional."""
    high = sample.encode("utf-16-be")[::2]
    rtl = sum(high.count(b) for b in (0x06, 0x07, 0x08, 0xFB, 0xFC, 0xFD))
    if 0x05 in high or 0xFE in high:
        rtl += len(_RTL_RARE_RE.findall(sample))
    ltr = len(sample.encode("latin-1", "ignore").translate(None, _NOT_LATIN1_LETTERS))
    ltr += sum(high.count(b) for b in (0x01, 0x02, 0x04, 0x1E))
    return rtl, ltr


def _first_letter_direction(sample: str) -> Literal["rtl", "ltr"] | None:
    m = _STRONG_LETTER_RE.search(sample)
    if m is None:
        return None
    return "ltr" if unicodedata.bidirectional(m.group()) == "L" else "rtl"


def paragraph_direction(paragraph: str) -> Literal["rtl", "ltr"] | None:
    """Decide the direction of one paragraph from its script: right-to-left if it holds
    more right-to-left characters (Arabic, Hebrew) than left-to-right letters, left-to-right
    if fewer, and on a tie the direction of its first letter.  @handles, #hashtags and
    addresses are not counted; neither are emoji, flags, digits and Latin punctuation.  So
    an Arabic paragraph that begins with a flag, a handle or a Latin dateline
    ("DAMASCUS (Reuters) - ...") is right-to-left, and an English one quoting an Arabic
    name stays left-to-right.  Only the first ``DIRECTION_SAMPLE`` code points are read.
    Returns None for a paragraph without letters.
    """
    sample = _sample(paragraph)
    lead = _first_letter_direction(sample)
    if lead is None:
        return None
    rtl, ltr = script_counts(sample)
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return lead


def first_strong_direction(paragraph: str) -> Literal["rtl", "ltr"] | None:
    """Return the direction of the paragraph's first strong character, as the Unicode bidi
    algorithm (and Qt's automatic direction) decides it; None if it has none."""
    m = _STRONG_RE.search(paragraph)
    if m is None:
        return None
    return "ltr" if unicodedata.bidirectional(m.group()) == "L" else "rtl"


def direction_differs(paragraph: str) -> Literal["rtl", "ltr"] | None:
    """Return ``paragraph_direction(paragraph)`` if it differs from the direction of the
    paragraph's first strong character, else None."""
    first = first_strong_direction(paragraph)
    if first is None:
        return None
    wanted = paragraph_direction(paragraph)
    return wanted if wanted is not None and wanted != first else None


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

    No mode cuts a grapheme cluster: a span never holds half a flag, an emoji without its
    modifier or a letter without its marks.

    - ``character``: widened to whole grapheme clusters and nothing more (the escape hatch:
      part of a word, white space kept).
    - ``grapheme``: widened to whole grapheme clusters, white space trimmed off the ends.
    - ``word``: widened to whole words; white space and punctuation at the ends trimmed.
    - ``clitic``: as ``word``, then a leading conjunction/preposition is left out of the
      first word (see ``proclitic_length``).

    Snapping is idempotent: ``snap(snap(x)) == snap(x)``.  Returns ``(start, start)`` when
    nothing but white space (or, by words, no word) was selected.
    """
    if start > end:
        start, end = end, start
    start, end = max(0, start), min(len(text), end)
    if start == end:
        return start, end
    if mode not in SNAP_MODES:
        raise ValueError(f"unknown snap mode {mode!r}; use one of {', '.join(SNAP_MODES)}")
    s = grapheme_span(text, start)[0]
    e = grapheme_span(text, end - 1)[1]
    if mode == "character":
        return s, e
    if mode == "grapheme":
        return _trim_blank_clusters(text, s, e) or (start, start)
    # words: the first and the last word touched (a word is made of whole clusters)
    first = None
    for w in _words_from(text, _word_left(text, s)):
        if w[0] >= e:
            break
        if w[1] > s:
            first = w
            break
    if first is None:
        return start, start
    last = first
    for w in _words_from(text, max(first[0], _word_left(text, e - 1))):
        if w[0] >= e:
            break
        if w[1] > s:
            last = w
    ws, we = first[0], last[1]
    if mode == "clitic":
        cut = proclitic_length(text[first[0] : first[1]])
        if 0 < cut < first[1] - first[0]:
            ws = first[0] + cut
    return ws, we


def move_edge(text: str, start: int, end: int, edge: Literal["start", "end"], outward: bool,
              unit: Literal["word", "grapheme"] = "word") -> tuple[int, int]:
    """Return ``[start, end)`` with one edge moved by a word or a grapheme cluster: the
    ``start`` or ``end`` edge, ``outward`` (the span grows) or inward (it shrinks).

    Growing by a word takes in the next word beyond the edge (and what lies between);
    shrinking by a word leaves out the word at the edge (and the blank and punctuation
    before the next one).  Growing or shrinking by a grapheme moves over one cluster, and
    over white space to the next visible one.  A span never shrinks to nothing: the range
    is returned unchanged when there is nothing to take in or leave out.
    """
    def blank(i: int) -> bool:
        return text[i].isspace() or text[i] in INVISIBLE

    if unit == "grapheme":
        if edge == "start" and outward:
            s = start
            while s > 0:
                s = grapheme_span(text, s - 1)[0]
                if not blank(s):
                    break
            return (s, end) if s < start and not blank(s) else (start, end)
        if edge == "end" and outward:
            e = end
            while e < len(text):
                first = e
                e = grapheme_span(text, e)[1]
                if not blank(first):
                    break
            return (start, e) if e > end and not blank(e - 1) else (start, end)
        if edge == "start":
            s = grapheme_span(text, start)[1]
            while s < end and blank(s):
                s = grapheme_span(text, s)[1]
            return (s, end) if s < end else (start, end)
        e = grapheme_span(text, end - 1)[0]
        while e > start and blank(e - 1):
            e = grapheme_span(text, e - 1)[0]
        return (start, e) if e > start else (start, end)
    if edge == "start" and outward:
        before = [w for w in words(text, _word_left(text, max(0, start - 1)), start) if w[1] <= start]
        if not before and start > 0:  # the word before lies beyond white space: look further back
            left = _word_left(text, max(0, start - 1))
            while left > 0 and not before:
                left = _word_left(text, left - 1)
                before = [w for w in words(text, left, start) if w[1] <= start]
        return (before[-1][0], end) if before else (start, end)
    if edge == "end" and outward:
        after = next((w for w in _words_from(text, _word_left(text, max(0, end - 1))) if w[0] >= end), None)
        return (start, after[1]) if after else (start, end)
    inside = [w for w in words(text, start, end)]
    if len(inside) < 2:
        return start, end
    return (inside[1][0], end) if edge == "start" else (start, inside[-2][1])


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

#: Letters unified for search: hamza and alef forms, alef maqsura, and the Persian (and
#: Urdu) spellings of ya and kaf that Arabic corpora often hold (ی U+06CC, ک U+06A9).
_ALEF_HAMZA = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي",
               "ی": "ي", "ک": "ك"}
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
        same way), in text order, optionally only whole-word matches.

        A query with the article (الحكومة) also finds it after the preposition ل, where
        the article's alef is not written (للحكومة, وللـحكومة): the match is then the
        part after the preposition (لحكومة), as ``proclitic_length`` splits it.
        """
        needle = normalize(query, ta_marbuta=self.ta_marbuta).strip()
        if not needle:
            return []
        found = set(self._find(needle, whole_word, allow_proclitic))
        if needle.startswith(_ARTICLE) and len(needle) > 3:
            found.update(self._find(needle[1:], whole_word, allow_proclitic, after_lam=True))
        return sorted(found)

    def _find(self, needle: str, whole_word: bool, allow_proclitic: bool, *, after_lam: bool = False) -> list[tuple[int, int]]:
        hits = []
        pos = self.text.find(needle)
        while pos != -1:
            if not after_lam or (pos > 0 and self.text[pos - 1] == "ل"):
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
