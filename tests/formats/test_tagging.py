"""Tokens and chunks of the token-level exports: the one-pass tokeniser of simple text
gives what tokenising each sentence gives."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import text as T
from annotator.core.model import Document, Span
from annotator.formats.tagging import PRETOKENIZED, by_start_longest_first, tokenize

SIMPLE = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىـ\u064e\u0650\u0651abcXZ09٠٩ .,!?؟«»…\n"
NOT_SIMPLE = "\u200f\u200c\r\t\u00a0😀🇸🇾"


def reference(text: str, clitics: str, spans: list[Span]) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Tokens and sentences as the exports made them before the one-pass tokeniser: the
    tokens of each sentence, sentences that a span crosses joined."""
    sents = []
    for s, e in T.sentences(text):
        toks = T.tokens(text, s, e)
        if clitics == "split":
            out = []
            for a, b in toks:
                cut = T.proclitic_length(text[a:b]) if T.is_word_char(text[a]) else 0
                out.extend([(a, a + cut), (a + cut, b)] if 0 < cut < b - a else [(a, b)])
            toks = out
        if toks:
            sents.append((s, e, toks))
    if len(sents) > 1:
        starts = [s for s, _, _ in sents]
        join_after = set()
        for span in spans:
            for s, e in span.fragments:
                join_after.update(range(max(bisect_right(starts, s) - 1, 0), max(bisect_left(starts, e) - 1, 0)))
        joined = [sents[0]]
        for i in range(1, len(sents)):
            if i - 1 in join_after:
                joined[-1] = (joined[-1][0], sents[i][1], joined[-1][2] + sents[i][2])
            else:
                joined.append(sents[i])
        sents = joined
    flat = [t for _, _, toks in sents for t in toks]
    ranges, i = [], 0
    for _, _, toks in sents:
        ranges.append((i, i + len(toks)))
        i += len(toks)
    return [t[0] for t in flat], [t[1] for t in flat], ranges


@st.composite
def texts_with_spans(draw, alphabet):
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=80))
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        s = draw(st.integers(0, len(text) - 1))
        e = draw(st.integers(s + 1, len(text)))
        spans.append(Span(label="PER", fragments=[(s, e)]))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(texts_with_spans(SIMPLE), st.sampled_from(["attached", "split"]))
def test_tokenize_gives_the_tokens_and_sentences_of_each_sentence(case, clitics):
    text, spans = case
    tok = tokenize(Document(text=text), clitics, spans)
    starts, ends, ranges = reference(text, clitics, spans)
    assert (tok.starts, tok.ends, tok.sentence_ranges()) == (starts, ends, ranges)
    assert tok.words() == [text[a:b] for a, b in zip(starts, ends, strict=True)]
    bounds = [0, *(x for pair in zip(starts, ends, strict=True) for x in pair), len(text)]
    assert tok.gaps() == [text[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    assert tok.sentences == [list(zip(starts[a:b], ends[a:b], strict=True)) for a, b in ranges]


@settings(max_examples=200, deadline=None)
@given(texts_with_spans(SIMPLE + NOT_SIMPLE))
def test_tokenize_of_text_that_is_not_simple_is_unchanged(case):
    text, spans = case
    tok = tokenize(Document(text=text), "attached", spans)
    assert (tok.starts, tok.ends, tok.sentence_ranges()) == reference(text, "attached", spans)
    assert "".join(p for pair in zip(tok.gaps(), [*tok.words(), ""], strict=True) for p in pair) == text


def test_pretokenized_documents_keep_their_tokens():
    doc = Document(text="ذهب محمد .\nثم  عاد", meta={"tokenization": PRETOKENIZED})
    tok = tokenize(doc, "attached", [Span(label="PER", fragments=[(4, 15)])])  # crosses the line: one sentence
    assert tok.words() == ["ذهب", "محمد", ".", "ثم", "عاد"]
    assert tok.sentence_ranges() == [(0, 5)]
    assert tok.gaps() == ["", " ", " ", "\n", "  ", ""]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from("AB")), max_size=12))
def test_chunks_by_start_longest_first_then_in_their_order(found):
    order = sorted(range(len(found)), key=lambda k: (found[k][0], -found[k][1], k))
    assert by_start_longest_first(found) == [found[k] for k in order]
