"""Tokens, sentences and token-level tags for CoNLL, Hugging Face, spaCy and event exports.

Tokenisation follows the project's clitic policy: ``attached`` (the default, as ANERcorp,
AQMAR and Wojood) keeps a proclitic on its word, so ``بدمشق`` is one token; ``split``
makes the proclitics that ``annotator.core.text.proclitic_length`` would leave out of a
span (و ف ب ك ل before ال) tokens of their own.  A document imported from a pre-tokenised
file (meta ``"tokenization": "pretokenized"``: tokens joined by spaces, sentences by line
breaks) keeps exactly those tokens.  Sentences never split inside a span.

Spans become token chunks ``(first token, last token + 1, label)``; a span boundary
inside a token widens to the whole token (counted as a warning).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from annotator.core.model import Document, Span
from annotator.core.text import is_word_char, proclitic_length, sentences, split_tokens, tokens
from annotator.formats.base import ExportContext, Option

Token = tuple[int, int]
Chunk = tuple[int, int, str]
PRETOKENIZED = "pretokenized"
NESTED_POLICIES = ("columns", "outermost", "innermost")
TAG_SCHEMES = ("iob2", "bioes")

#: The export options of the token-level formats.
TAGS_OPTION = Option("scheme_tags", "--scheme-tags", TAG_SCHEMES, "iob2", "the tagging scheme")
NESTED_OPTION = Option("nested", "--nested", NESTED_POLICIES, "columns",
                       "nested entities in extra tag columns, or only the outermost or innermost")


@dataclass
class Tokenized:
    """A document cut into sentences of tokens; ``starts``/``ends`` index every token,
    ``ranges`` are ``(first token, last token + 1)`` of each sentence."""

    text: str
    starts: list[int]
    ends: list[int]
    ranges: list[tuple[int, int]]
    #: Every token's text, and the text before, between and after them, when tokenising
    #: gave them (else cut from the text when first asked for).
    pieces: list[str] | None = None

    @property
    def sentences(self) -> list[list[Token]]:
        """The tokens of each sentence."""
        return [list(zip(self.starts[a:b], self.ends[a:b], strict=True)) for a, b in self.ranges]

    def sentence_ranges(self) -> list[tuple[int, int]]:
        """Return ``(first token, last token + 1)`` of each sentence."""
        return self.ranges

    def token_text(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def _cut(self) -> list[str]:
        if self.pieces is None:
            text, starts, ends = self.text, self.starts, self.ends
            bounds = [0, *(x for pair in zip(starts, ends, strict=True) for x in pair), len(text)]
            self.pieces = list(map(text.__getitem__, map(slice, bounds[:-1], bounds[1:])))
        return self.pieces

    def words(self) -> list[str]:
        """Return the text of every token."""
        return self._cut()[1::2]

    def gaps(self) -> list[str]:
        """Return the text before the first token, between each two, and after the last
        (one more than the tokens)."""
        return self._cut()[::2]


def is_pretokenized(doc: Document) -> bool:
    return doc.meta.get("tokenization") == PRETOKENIZED


def _pretokenized(text: str) -> list[tuple[int, int, list[Token]]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        toks, i = [], 0
        for part in line.split(" "):
            if part:
                toks.append((pos + i, pos + i + len(part)))
            i += len(part) + 1
        if toks:
            out.append((toks[0][0], toks[-1][1], toks))
        pos += len(line) + 1
    return out


def _split_clitics(text: str, toks: list[Token]) -> list[Token]:
    out = []
    for s, e in toks:
        cut = proclitic_length(text[s:e]) if is_word_char(text[s]) else 0
        out.extend([(s, s + cut), (s + cut, e)] if 0 < cut < e - s else [(s, e)])
    return out


def tokenize(doc: Document, clitics: str = "attached", spans: Iterable[Span] = ()) -> Tokenized:
    """Cut ``doc`` into sentences of tokens by the project's clitic policy, joining
    sentences that one of ``spans`` crosses."""
    text = doc.text
    pretokenized = is_pretokenized(doc)
    pieces = None if pretokenized or clitics == "split" else split_tokens(text)
    sents: list[tuple[int, int, int, int]] = []  # start, end, first token, last token + 1
    if pieces is not None:
        # simple text, tokenised in one pass: its tokens hold no white space and its
        # sentences are cut only at white space, so the tokens of a sentence are those
        # that start inside it (the tokens ``tokens`` finds in each sentence)
        offsets = list(accumulate(map(len, pieces), initial=0))
        starts, ends = offsets[1:-1:2], offsets[2::2]
        a = 0
        for s, e in sentences(text):
            b = bisect_left(starts, e, a)
            if a < b:
                sents.append((s, e, a, b))
            a = b
    else:
        if pretokenized:
            found = _pretokenized(text)
        else:
            found = []
            for s, e in sentences(text):
                toks = tokens(text, s, e)
                if clitics == "split":
                    toks = _split_clitics(text, toks)
                if toks:
                    found.append((s, e, toks))
        starts, ends = [], []
        for s, e, toks in found:
            sents.append((s, e, len(starts), len(starts) + len(toks)))
            starts.extend(t[0] for t in toks)
            ends.extend(t[1] for t in toks)
    sents = _join_crossed(sents, spans)
    return Tokenized(text, starts, ends, [(a, b) for _, _, a, b in sents], pieces)


def _join_crossed(sents: list[tuple[int, int, int, int]], spans: Iterable[Span]) -> list[tuple[int, int, int, int]]:
    if len(sents) < 2:
        return sents
    starts = [s for s, _, _, _ in sents]
    n = len(starts)
    join_after = set()  # sentence i is joined with i + 1
    for span in spans:
        for s, e in span.fragments:
            k = bisect_right(starts, s)  # the first sentence that starts after s
            if k < n and starts[k] < e:  # the fragment crosses the start of sentence k
                join_after.update(range(max(k - 1, 0), bisect_left(starts, e) - 1))
    if not join_after:
        return sents
    out = [sents[0]]
    for i in range(1, len(sents)):
        if i - 1 in join_after:
            s0, _, a, _ = out[-1]
            out[-1] = (s0, sents[i][1], a, sents[i][3])
        else:
            out.append(sents[i])
    return out


def chunks(tok: Tokenized, spans: Sequence[Span], labels: set[str], ctx: ExportContext) -> list[Chunk]:
    """Return the token chunks of the spans whose label is in ``labels``, in span order;
    fragments of a discontinuous span that are not adjacent become separate chunks."""
    out: list[Chunk] = []
    seen: set[Chunk] = set()
    starts, ends = tok.starts, tok.ends
    for span in spans:
        label = span.label
        if label not in labels:
            continue
        ranges: list[tuple[int, int]] = []
        for s, e in span.fragments:
            i = bisect_right(ends, s)
            j = bisect_left(starts, e)
            if i >= j:
                ctx.warn("span fragments with no token (white space or invisible marks only), left out")
                continue
            if starts[i] != s or ends[j - 1] != e:
                ctx.warn("span boundaries inside a token, widened to whole tokens")
            if ranges and i <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(j, ranges[-1][1]))
            else:
                ranges.append((i, j))
        if len(ranges) > 1:
            ctx.warn("discontinuous spans written as separate chunks")
        for i, j in ranges:
            chunk = (i, j, label)
            if chunk in seen:
                ctx.warn("spans on the same tokens with the same label, written once")
                continue
            seen.add(chunk)
            out.append(chunk)
    return out


def by_start_longest_first(found: list[Chunk]) -> list[Chunk]:
    """Return chunks by first token, the longest first, else in their order (two stable sorts)."""
    return sorted(sorted(found, key=itemgetter(1), reverse=True), key=itemgetter(0))


def columns(found: list[Chunk], policy: str = "columns", ctx: ExportContext | None = None) -> list[list[Chunk]]:
    """Arrange chunks in tag columns: ``columns`` puts each in the first column where it
    overlaps nothing (the outermost entity in the first column, as Wojood does);
    ``outermost`` and ``innermost`` keep one column, dropping nested chunks."""
    ordered = by_start_longest_first(found)
    if policy == "innermost":
        inner = [c for c in ordered if not any(o is not c and c[0] <= o[0] and o[1] <= c[1] and (o[0], o[1]) != (c[0], c[1])
                                               for o in ordered)]
        kept, end = [], -1
        for c in sorted(inner, key=lambda c: (c[0], c[1])):
            if c[0] >= end:
                kept.append(c)
                end = c[1]
        if ctx is not None and len(kept) < len(found):
            ctx.warn("nested or overlapping chunks dropped (innermost policy)", len(found) - len(kept))
        return [kept]
    cols: list[list[Chunk]] = []
    ends: list[int] = []
    for c in ordered:
        for k, end in enumerate(ends):
            if c[0] >= end:
                cols[k].append(c)
                ends[k] = c[1]
                break
        else:
            cols.append([c])
            ends.append(c[1])
    if policy == "outermost":
        dropped = sum(len(c) for c in cols[1:])
        if ctx is not None and dropped:
            ctx.warn("nested or overlapping chunks dropped (outermost policy)", dropped)
        return cols[:1] or [[]]
    return cols or [[]]


def encode(chunks_: Iterable[Chunk], n: int, scheme: str = "iob2") -> list[str]:
    """Return the tags of ``n`` tokens for non-overlapping chunks in IOB2 or BIOES."""
    tags = ["O"] * n
    for i, j, label in chunks_:
        if scheme == "bioes" and j - i == 1:
            tags[i] = f"S-{label}"
            continue
        tags[i] = f"B-{label}"
        for k in range(i + 1, j):
            tags[k] = f"I-{label}"
        if scheme == "bioes":
            tags[j - 1] = f"E-{label}"
    return tags


def tag_names(labels: Sequence[str], scheme: str = "iob2") -> list[str]:
    """Return every tag of ``labels``, "O" first (the order of a ClassLabel)."""
    prefixes = "BIES" if scheme == "bioes" else "BI"
    return ["O"] + [f"{p}-{label}" for label in labels for p in prefixes]
