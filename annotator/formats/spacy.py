"""spaCy: a ``DocBin`` per split (``train.spacy``, ...; ``data.spacy`` without a split).

Each document becomes one ``Doc`` built from annotator's own tokens
(``Doc(vocab, words, spaces, sent_starts)``, so entity boundaries are exactly the token
boundaries every other export uses, not spaCy's tokeniser's); white space other than one
space after a token (line breaks, runs of spaces, leading space) becomes a whitespace token
of its own, so ``doc.text`` is the stored text and every ``start_char`` indexes it; with ``doc.ents`` holding
the outermost entities and ``doc.spans["sc"]`` every entity, nested ones too.  The
document's name and sha256 are in ``doc.user_data``.  With the option ``docs_per_file``
(``--docs-per-file N``) each split is a folder of DocBins of at most N documents
(``train/00000.spacy``, ...; give the folder to spaCy), so memory stays bounded by N
documents rather than by the corpus.  Needs the optional ``spacy`` package
(``pip install 'annotator[spacy]'``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ExportError
from annotator.formats import register
from annotator.formats.base import ExportContext, Format
from annotator.formats.tagging import by_start_longest_first, chunks, columns, tokenize

SPANS_KEY = "sc"


def _need() -> Any:
    try:
        import spacy
    except ImportError:
        raise ExportError("the spacy format needs the 'spacy' package; install it with: pip install 'annotator[spacy]'.") from None
    return spacy


@contextlib.contextmanager
def _codecs_looked_up_once() -> Iterator[None]:
    """Let srsly find its msgpack encoders and decoders once for the whole export: it looks
    them up (a scan of every installed package's entry points) each time it packs, and a
    DocBin packs twice per document, which was a fifth of a spaCy export's time.  The same
    encoders are used, so the bytes are the same."""
    from srsly import msgpack

    registries = [msgpack.msgpack_encoders, msgpack.msgpack_decoders]
    for registry in registries:
        found = registry.get_all()
        registry.get_all = lambda found=found: dict(found)  # shadows the method on this object
    try:
        yield
    finally:
        for registry in registries:
            with contextlib.suppress(AttributeError):
                del registry.get_all


def make_doc(vocab: Any, record: Any, labels: set[str], ctx: ExportContext) -> Any:
    """Return the spaCy ``Doc`` of one exported document."""
    return _make_doc(vocab, record, labels, ctx)[0]


def _make_doc(vocab: Any, record: Any, labels: set[str], ctx: ExportContext) -> tuple[Any, list[str]]:
    """Return the spaCy ``Doc`` of one exported document and the texts of its tokens."""
    from spacy.tokens import Doc, Span

    doc = record.document
    spans = [s for s in record.annotations.spans if s.label in labels]
    tok = tokenize(doc, ctx.clitics, spans)
    n = len(tok.starts)
    firsts = {a for a, _ in tok.sentence_ranges()}
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    at: list[int] = []  # the Doc index of each of annotator's tokens

    def gap(g: str) -> None:
        """Write the text between two tokens: one space after the token, any other run
        as a whitespace token of its own, so ``doc.text`` is the stored text exactly."""
        if g.startswith(" ") and words:
            spaces[-1] = True
            g = g[1:]
        if g:
            words.append(g)
            spaces.append(False)
            starts.append(not words[:-1])

    texts, gaps = tok.words(), tok.gaps()
    gap(gaps[0])
    for i in range(n):
        at.append(len(words))
        words.append(texts[i])
        spaces.append(False)
        starts.append(i in firsts)
        g = gaps[i + 1]
        if g == " ":  # the usual gap, without the call
            spaces[-1] = True
        elif g:
            gap(g)
    out = Doc(vocab, words=words, spaces=spaces, sent_starts=starts) if words else Doc(vocab, words=[])
    at.append(len(words))

    found = chunks(tok, spans, labels, ctx)  # each chunk once: one Span for the ents and the span group
    made = {c: Span(out, at[c[0]], at[c[1] - 1] + 1, label=c[2]) for c in found}
    out.set_ents([made[c] for c in columns(found, "outermost")[0]], default="outside")  # as ``out.ents = ...``, without copying each Span
    out.spans[SPANS_KEY] = [made[c] for c in by_start_longest_first(found)]
    out.user_data["name"] = doc.name
    out.user_data["sha256"] = doc.sha256
    return out, words


#: The token attributes besides the text (``ORTH``) and the norm whose strings
#: ``DocBin.add`` collects (and ``str(token.morph)``).
_STRING_ATTRS = ["TAG", "LEMMA", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]


def add_to_bin(docbin: Any, doc: Any, words: list[str] | None = None) -> None:
    """Do what ``DocBin.add(doc)`` does, but collect the strings of the tokens from the
    Doc's attribute arrays, each distinct value once, instead of reading nine attributes of
    every token in Python; ``words`` are the tokens' texts when the caller has them.  The
    DocBin holds the same arrays and the same set of strings, so it writes the same bytes
    (tests/formats/test_consumers.py compares the two)."""
    import numpy
    import srsly
    from spacy.attrs import MORPH, NORM, ORTH, SPACY

    array = doc.to_array(docbin.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    docbin.tokens.append(array)
    spaces = doc.to_array(SPACY)
    spaces = spaces.reshape((spaces.shape[0], 1))
    docbin.spaces.append(numpy.asarray(spaces, dtype=bool))
    docbin.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    strings = doc.vocab.strings
    if len(doc):
        docbin.strings.update([t.text for t in doc] if words is None else words)
        orth, norm = doc.to_array([ORTH, NORM]).T
        values = numpy.concatenate([doc.to_array(_STRING_ATTRS).ravel(), norm[norm != orth]])  # most norms are the text
        docbin.strings.update(map(strings.__getitem__, numpy.unique(values).tolist()))
        if doc.to_array(MORPH).any():
            docbin.strings.update({str(t.morph) for t in doc})
        else:
            docbin.strings.add(str(doc[0].morph))
    docbin.cats.append(doc.cats)
    if docbin.store_user_data:
        docbin.user_data.append(srsly.msgpack_dumps(doc.user_data))
    docbin.span_groups.append(doc.spans.to_bytes())
    for group in doc.spans.values():
        for span in group:
            docbin.strings.add(span.label_)
            if span.kb_id in strings:
                docbin.strings.add(span.kb_id_)
            if span.id in strings:
                docbin.strings.add(span.id_)


@register
class SpacyFormat(Format):
    name = "spacy"
    suffixes = (".spacy",)
    description = "spaCy DocBin: doc.ents (outermost entities) and doc.spans['sc'] (every entity, nested too)"
    file_suffix = ".spacy"
    token_level = True

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        spacy = _need()
        from spacy.tokens import DocBin

        nlp = spacy.blank(ctx.option("spacy_lang", "ar"))
        labels = set(ctx.ner_labels)
        per_file = int(ctx.option("docs_per_file", 0) or 0)
        bins: dict[str, Any] = {}
        sizes: dict[str, int] = {}
        shards: dict[str, int] = {}

        def flush(split: str) -> None:
            name = split or "data"
            if per_file:  # a folder of DocBins per split: spaCy's Corpus reads a folder
                (folder / name).mkdir(exist_ok=True)
                target = folder / name / f"{shards.get(split, 0):05d}{self.file_suffix}"
                shards[split] = shards.get(split, 0) + 1
            else:
                target = folder / f"{name}{self.file_suffix}"
            bins.pop(split).to_disk(target)

        with _codecs_looked_up_once():
            for record in records:
                split = record.split
                if split not in bins:
                    bins[split] = DocBin(store_user_data=True)
                    sizes[split] = 0
                add_to_bin(bins[split], *_make_doc(nlp.vocab, record, labels, ctx))
                sizes[split] += 1
                if per_file and sizes[split] == per_file:
                    flush(split)
            for split in list(bins):
                if not per_file or sizes[split] % per_file:
                    flush(split)
        ctx.extra["spans_key"] = SPANS_KEY
        if per_file:
            ctx.extra["docs_per_file"] = per_file
