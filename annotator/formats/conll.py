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

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Annotations, Document, Span
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, Format, Option, ReadResult, SplitFiles
from annotator.formats.labels import mapped
from annotator.formats.schemes import extend_scheme, new_entities
from annotator.formats.tagging import (
    NESTED_OPTION,
    NESTED_POLICIES,
    PRETOKENIZED,
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


class _Noise:
    """Repairs counted by kind, with the first few places of each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kinds: dict[str, list[str]] = {}

    def add(self, kind: str, where: str) -> None:
        self.kinds.setdefault(kind, []).append(where)

    def warnings(self) -> list[str]:
        out = []
        for kind, places in self.kinds.items():
            shown = ", ".join(places[:5]) + (", ..." if len(places) > 5 else "")
            out.append(f"{self.path}: {len(places)} {kind} ({shown}).")
        return out


def parse_tag(tag: str) -> tuple[str, str, str | None]:
    """Return ``(prefix, type, repair kind or None)``; prefix O, B, I, E or S."""
    if tag == "O":
        return "O", "", None
    m = _TAG_RE.match(tag)
    if m:
        prefix = {"L": "E", "U": "S"}.get(m.group(1).upper(), m.group(1).upper())
        bad = m.group(1).islower() or m.group(2) == "_"
        return prefix, m.group(3), "malformed tags repaired" if bad else None
    if tag == "o":
        return "O", "", "malformed tags repaired"
    return "O", "", "unreadable tags read as O"


def _near(u: str, k: str) -> bool:
    """True if ``u`` is ``k`` with one letter more, one fewer, or two letters swapped."""
    if abs(len(u) - len(k)) == 1:
        short, long_ = sorted((u, k), key=len)
        return any(long_[:i] + long_[i + 1 :] == short and long_[i].isalpha() for i in range(len(long_)))
    if len(u) == len(k):
        diff = [i for i in range(len(u)) if u[i] != k[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and u[diff[0]] == k[diff[1]] and u[diff[1]] == k[diff[0]]
    return False


def _typos(counts: Counter[str], scheme: Scheme | None) -> dict[str, str]:
    """Map rare types not in the scheme to the one known type they are a typo of."""
    in_scheme = set(scheme.span_labels) if scheme else set()
    known = in_scheme | {t for t, c in counts.items() if c >= 5}
    out = {}
    for u, c in counts.items():
        if u in in_scheme or c > 2:
            continue
        cands = [k for k in known if k != u and counts.get(k, 0) >= 5 * c and _near(u, k)]
        cands += [k for k in in_scheme if k != u and k not in cands and _near(u, k)]
        if len(cands) == 1:
            out[u] = cands[0]
    return out


class _Sentence:
    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.tags: list[list[tuple[str, str, str | None, str]]] = []  # prefix, type, repair, raw
        self.lines: list[int] = []


def _parse(path: Path, text: str) -> list[list[_Sentence]]:
    """Split a CoNLL file into documents of sentences of (token, raw tags)."""
    docs: list[list[_Sentence]] = [[]]
    sent = _Sentence()
    for n, line in enumerate(text.split("\n"), 1):
        fields = [f for f in _SPLIT_RE.split(line.strip(" \t")) if f]
        if not fields or fields[0] == DOCSTART:
            if sent.tokens:
                docs[-1].append(sent)
                sent = _Sentence()
            if fields and docs[-1]:
                docs.append([])
            continue
        if len(fields) < 2:
            raise InputError(f"{path}, line {n}: the token {fields[0]!r} has no tag; write TOKEN TAG (O for none).")
        sent.tokens.append(fields[0])
        sent.tags.append([(*parse_tag(t), t) for t in fields[1:]])
        sent.lines.append(n)
    if sent.tokens:
        docs[-1].append(sent)
    return [d for d in docs if d]


def _decode_column(tags: list[tuple[str, str]], lines: list[int], noise: _Noise) -> list[tuple[int, int, str]]:
    """Decode one tag column of one sentence (IOB2 or BIOES) into chunks."""
    out: list[tuple[int, int, str]] = []
    open_: tuple[int, str] | None = None

    def close(end: int) -> None:
        nonlocal open_
        if open_ is not None:
            out.append((open_[0], end, open_[1]))
            open_ = None

    for k, (prefix, label) in enumerate(tags):
        if prefix == "O":
            close(k)
        elif prefix == "B":
            close(k)
            open_ = (k, label)
        elif prefix == "I":
            if open_ is None or open_[1] != label:
                noise.add("orphan I- tags repaired to B-", f"I-{label} on line {lines[k]}")
                close(k)
                open_ = (k, label)
        elif prefix == "E":
            if open_ is None or open_[1] != label:
                noise.add("orphan E- tags repaired to S-", f"E-{label} on line {lines[k]}")
                close(k)
                open_ = (k, label)
            close(k + 1)
        else:  # S
            close(k)
            out.append((k, k + 1, label))
    close(len(tags))
    return out


def _document(sents: list[_Sentence], typos: dict[str, str], noise: _Noise, nested: str, name: str, source: str) -> Document:
    lines_: list[str] = []
    pos = 0  # a sentence's line break takes the place of the space after its last token
    per_column: list[list[Span]] = []
    for sent in sents:
        starts = []
        for tok in sent.tokens:
            starts.append(pos)
            pos += len(tok) + 1
        lines_.append(" ".join(sent.tokens))
        found = []
        width = max(len(t) for t in sent.tags)
        for c in range(width):
            col = []
            for k, tags in enumerate(sent.tags):
                prefix, label, kind, raw = tags[c] if c < len(tags) else ("O", "", None, "O")
                if kind:
                    noise.add(kind, f"{raw} on line {sent.lines[k]}")
                if label in typos:
                    noise.add("tags with a misspelt type repaired", f"{prefix}-{label} to {prefix}-{typos[label]} on line {sent.lines[k]}")
                    label = typos[label]
                col.append((prefix, label))
            for i, j, label in _decode_column(col, sent.lines, noise):
                found.append((i, j, label, c))
        if nested != "columns":
            kept = {(i, j, lab) for i, j, lab in columns([(i, j, lab) for i, j, lab, _ in found], nested)[0]}
            found = [f for f in found if f[:3] in kept]
        for i, j, label, c in found:
            while len(per_column) <= c:
                per_column.append([])
            per_column[c].append(Span(label=label, fragments=[(starts[i], starts[j - 1] + len(sent.tokens[j - 1]))]))
    spans = [s for col in per_column for s in col]
    for n, s in enumerate(spans, 1):
        s.id = f"T{n}"
    doc = Document(text="\n".join(lines_), name=name, meta={"tokenization": PRETOKENIZED}, source=source)
    if spans:
        doc.annotations[""] = Annotations(spans=spans)
    return doc


def _lines(tok: Any, tagged: list[list[str]]) -> str:
    """Return the CoNLL lines of one document: TOKEN TAG [TAG...], trailing O columns left off."""
    text, starts, ends = tok.text, tok.starts, tok.ends
    out: list[str] = []
    for a, b in tok.sentence_ranges():
        if len(tagged) == 1:
            tags = tagged[0]
            out.extend(f"{text[starts[i]:ends[i]]} {tags[i]}\n" for i in range(a, b))
        else:
            for i in range(a, b):
                row = [t[i] for t in tagged]
                while len(row) > 1 and row[-1] == "O":
                    row.pop()
                out.append(f"{text[starts[i]:ends[i]]} {' '.join(row)}\n")
        out.append("\n")
    return "".join(out)


def looks_like_conll(path: Path) -> bool:
    """True if most of the first lines of ``path`` are ``TOKEN TAG...`` lines."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            head = [next(fh, "") for _ in range(40)]
    except OSError:
        return False
    rows = [_SPLIT_RE.split(line.strip()) for line in head if line.strip()]
    rows = [r for r in rows if r[0] != DOCSTART]
    good = sum(1 for r in rows if len(r) >= 2 and all(t in ("O", "o") or _TAG_RE.match(t) for t in r[1:]))
    return len(rows) >= 2 and good >= 0.8 * len(rows)  # real files have a few bad tags


@register
class ConllFormat(Format):
    name = "conll"
    suffixes = (".conll", ".iob", ".bio", ".bioes", ".tsv")
    description = "CoNLL: TOKEN TAG [TAG...] per line, IOB2 or BIOES, nested entities in extra columns"
    file_suffix = ".conll"
    token_level = True
    read_options = (Option("scheme_tags", "--scheme-tags", ("auto", *TAG_SCHEMES), "auto", "the tagging scheme of the file"),
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
        if scheme_tags not in (None, "auto", *TAG_SCHEMES):
            raise InputError(f"--scheme-tags must be auto, iob2 or bioes, not {scheme_tags!r}.")
        if path.is_dir():
            raise InputError(f"{path} is a folder; the conll format reads one file.")
        docs = _parse(path, read_text_file(path))
        if not docs:
            raise InputError(f"{path} has no tokens: it is not a CoNLL file.")
        counts: Counter[str] = Counter()
        firsts: dict[str, int] = {}
        for d in docs:
            for sent in d:
                for tags, line in zip(sent.tags, sent.lines, strict=True):
                    for prefix, label, _, _ in tags:
                        if prefix in "BS" and label:
                            counts[label] += 1
                        if label:
                            firsts.setdefault(label, line)
        noise = _Noise(path)
        typos = _typos(counts, scheme)
        result = ReadResult()
        for k, sents in enumerate(docs, 1):
            name = path.stem if len(docs) == 1 else f"{path.stem}:{k}"
            result.documents.append(_document(sents, typos, noise, nested, name, f"{path}:{sents[0].lines[0]}"))
        result.warnings += noise.warnings()
        unknown = sorted((mapped(t, options) for t in firsts if t not in typos and scheme is not None
                          and mapped(t, options) and mapped(t, options) not in scheme.span_labels), key=lambda t: firsts.get(t, 0))
        if unknown and add_labels:
            result.scheme = extend_scheme(scheme, entities=new_entities(unknown), origin=str(path))  # type: ignore[arg-type]
            result.warnings.append(f"{path}: new entity types added to the scheme: {', '.join(unknown)}.")
        elif unknown:
            listed = ", ".join(f"{t} (first on line {firsts[t]})" if t in firsts else t for t in unknown)
            raise InputError(f"{path}: these entity types are not in the project's scheme: {listed}; add them to the "
                             "scheme, or import with --add-labels.")
        return result

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
