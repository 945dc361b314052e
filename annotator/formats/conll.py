"""CoNLL: one token per line with its tags, a blank line between sentences, ``-DOCSTART-``
between documents; IOB2 or BIOES (BILOU is read as BIOES).

    سكرتير B-OCC
    اللجنة I-OCC B-ORG          nested entities: one extra tag column per level (as
    القومية I-OCC I-ORG         Wojood); decoded by position, so an entity inside another
    نابلس I-OCC B-GPE           of the same type survives

Import reads ``TOKEN TAG [TAG ...]`` (spaces or tabs), keeps every token as written (U+200F
marks inside tokens too) and stores the text as the tokens joined by spaces, one sentence
per line (meta ``"tokenization": "pretokenized"``, so an export gives back the same
tokens).  Real files are noisy: readers repair and count, per kind, tags in lower case or
with ``_`` (``o``, ``b-PER``), unreadable tags (``IO``, ``0``) read as O, orphan ``I-`` tags
(read as ``B-``), and a rare type one letter away from a common one (``B-ERS`` beside
``B-PERS``).  ``nested`` keeps every column, or only the ``outermost`` or ``innermost``
entities.  Types the scheme lacks are an error listing them, or with ``add_labels`` new
entity types of the scheme.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.scheme import Scheme, is_name
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, Format, Option, ReadResult, SplitFiles
from annotator.formats.conll_read import READ_SCHEMES, Reader, split_tag
from annotator.formats.schemes import extend_scheme, new_entities
from annotator.formats.tagging import (
    NESTED_OPTION,
    NESTED_POLICIES,
    TAG_SCHEMES,
    TAGS_OPTION,
    chunks,
    columns,
    encode,
    tokenize,
)

_TAG_RE = re.compile(r"^([BIESLUbieslu])([-_])(\S+)$")
_SPLIT_RE = re.compile(r"[ \t]+")
DOCSTART = "-DOCSTART-"


def _lines(tok: Any, tagged: list[list[str]]) -> str:
    """Return the CoNLL lines of one document: TOKEN TAG [TAG...], trailing O columns left off."""
    words = tok.words()
    if len(tagged) == 1:
        tags = tagged[0]
    else:
        tags = []
        for row in zip(*tagged, strict=True):
            n = len(row)
            while n > 1 and row[n - 1] == "O":
                n -= 1
            tags.append(" ".join(row[:n]))
    # TOKEN, " ", TAG, "\n" for every token, laid out by slices; a blank line after each sentence
    parts = [" "] * (4 * len(words))
    parts[0::4] = words
    parts[2::4] = tags
    parts[3::4] = ["\n"] * len(words)
    for _, b in tok.sentence_ranges():
        parts[4 * b - 1] = "\n\n"
    return "".join(parts)


def looks_like_conll(path: Path) -> bool:
    """True if most of the first lines of ``path`` are ``TOKEN TAG...`` lines (tags with a
    prefix, or, beside some ``O`` tags, bare types as IO files have them)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            head = [next(fh, "") for _ in range(40)]
    except OSError:
        return False
    rows = [_SPLIT_RE.split(line.strip()) for line in head if line.strip()]
    rows = [r for r in rows if r[0] != DOCSTART]
    has_o = any(t in ("O", "o") for r in rows for t in r[1:])
    good = sum(1 for r in rows if len(r) >= 2 and all(split_tag(t)[0] not in ("?", "") or (has_o and split_tag(t)[0] == "")
                                                      for t in r[1:]))
    return len(rows) >= 2 and good >= 0.8 * len(rows)  # real files have a few bad tags


def read_tags(reader: Reader, scheme: Scheme | None, *, nested: str = "columns", add_labels: bool = False,
              scheme_tags: str | None = None) -> ReadResult:
    """Survey, check and decode the tags ``reader`` gives (a CoNLL file, or the rows of a
    token-per-row CSV): the tagging scheme told or forced, types the scheme lacks refused
    or (``add_labels``) added, then the documents as a stream."""
    path = reader.path
    reader.first_pass()
    reader.check(scheme_tags)
    labels = reader.labels()
    unknown = [(t, line) for t, line in labels if scheme is not None and t not in scheme.span_labels]
    result = ReadResult(mapped=True)
    if unknown and add_labels:
        bad = [(t, line) for t, line in unknown if not is_name(t)]
        if bad:
            t, line = bad[0]
            raise InputError(f"{path}, line {line}: the tag type {t!r} cannot be a type of the scheme (a letter, then "
                             f"letters, digits, _ . -); rename it while importing, e.g. --map '{t}=NEW'.")
        names = [t for t, _ in unknown]
        result.scheme = extend_scheme(scheme, entities=new_entities(names), origin=str(path))  # type: ignore[arg-type]
        result.warnings.append(f"{path}: new entity types added to the scheme: {', '.join(names)}.")
    elif unknown:
        listed = ", ".join(f"{t} (first on line {line})" for t, line in unknown)
        raise InputError(f"{path}: these entity types are not in the project's scheme: {listed}; add them to the "
                         "scheme, or import with --add-labels.")
    firsts = reader.survey.firsts  # every entity-looking type, read or not
    if firsts and not reader.keeps_entities():
        first = min(firsts.items(), key=lambda kv: kv[1])
        raise InputError(f"{path}, line {first[1]}: the file has entity tags ({first[0]} first) but none was read as "
                         f"an entity with {reader.tagging} tagging; give the file's scheme with --scheme-tags "
                         f"({', '.join(READ_SCHEMES)}).")
    if reader.tagging != "iob2":
        result.warnings.append(f"{path}: read as {reader.tagging.upper()} tagging.")
    # a stream: one document decoded at a time, as the import writes them (repairs are
    # counted into the warnings when the last one is read)
    result.documents = reader.documents(nested, result.warnings)
    result.count = reader.survey.documents
    return result


@register
class ConllFormat(Format):
    name = "conll"
    suffixes = (".conll", ".iob", ".bio", ".bioes", ".tsv")
    description = "CoNLL: TOKEN TAG [TAG...] per line, IOB2 or BIOES, nested entities in extra columns"
    file_suffix = ".conll"
    token_level = True
    read_options = (Option("scheme_tags", "--scheme-tags", ("auto", *READ_SCHEMES), "auto", "the tagging scheme of the file"),
                    NESTED_OPTION, ADD_LABELS)
    write_options = (TAGS_OPTION, NESTED_OPTION,
                     Option("docstart", "--no-docstart", default=True, help="a -DOCSTART- line before each document"))

    def sniff(self, path: Path) -> bool:
        if not path.is_file():
            return False
        return path.suffix.lower() in self.suffixes or (path.suffix.lower() == ".txt" and looks_like_conll(path))

    def read(self, path: Path, *, scheme: Scheme | None = None, nested: str | None = None, add_labels: bool = False,
             scheme_tags: str | None = None, **options: Any) -> ReadResult:
        nested = nested or "columns"
        if nested not in NESTED_POLICIES:
            raise InputError(f"--nested must be one of {', '.join(NESTED_POLICIES)}, not {nested!r}.")
        if scheme_tags not in (None, "auto", *READ_SCHEMES):
            raise InputError(f"--scheme-tags must be auto, {', '.join(READ_SCHEMES)}, not {scheme_tags!r}.")
        if path.is_dir():
            raise InputError(f"{path} is a folder; the conll format reads one file.")
        # the file is read a piece at a time in each pass, never whole
        return read_tags(Reader(path, None, options.get("label_map"), scheme), scheme, nested=nested,
                         add_labels=add_labels, scheme_tags=scheme_tags)

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        policy = ctx.option("nested", "columns")
        tags = ctx.option("scheme_tags", "iob2")
        if policy not in NESTED_POLICIES or tags not in TAG_SCHEMES:
            raise InputError(f"conll export takes --nested {'|'.join(NESTED_POLICIES)} and --scheme-tags {'|'.join(TAG_SCHEMES)}.")
        docstart = ctx.option("docstart", True)
        labels = set(ctx.ner_labels)
        ctx.extra["tokenization"] = f"annotator.core.text.tokens, clitics {ctx.clitics}; pre-tokenised documents keep their tokens"
        ctx.extra["tag_scheme"] = tags
        ctx.extra["nested"] = policy
        entities: Counter[str] = Counter()
        with SplitFiles(folder, self.file_suffix) as files:
            for record in records:
                fh = files.get(record.split)
                spans = [s for s in record.annotations.spans if s.label in labels]
                tok = tokenize(record.document, ctx.clitics, spans)
                cols = columns(chunks(tok, spans, labels, ctx), policy, ctx)
                entities.update(c[2] for col in cols for c in col)
                tagged = [encode(col, len(tok.starts), tags) for col in cols]
                if docstart:
                    fh.write(f"{DOCSTART} O\n\n")
                fh.write(_lines(tok, tagged))
        ctx.extra["entities_written"] = dict(sorted(entities.items()))
