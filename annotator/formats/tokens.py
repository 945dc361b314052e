"""Token-per-row CSV or TSV with a header: one token per row, its tag in another column,
sentences told apart by a sentence column (or blank rows), documents by a document column.

    sent_id,word,ner              --columns token=word,tag=ner,sentence=sent_id
    1,ذهب,O                       (these names are found without --columns too)
    1,محمد,B-PERS
    2,...

``--columns`` names the header's columns for ``token`` and ``tag`` (both required) and
``sentence`` and ``document`` (optional); without it, the usual names are found in any
case (token/word/form, tag/label/ner, sentence/sentence_id/sent_id/"Sentence #",
document/doc/doc_id).  A new sentence starts where the sentence column changes (an empty
cell continues the sentence, as in Kaggle's ``Sentence #`` column) or at a blank row; a
new document where the document column changes (else the file is one document).  An
empty tag cell is O.  The text is the tokens joined by single spaces, one sentence per
line, as CoNLL's; the tags are decoded by the CoNLL reader (IO/IOB1/IOB2/BIOES told or
forced with ``--scheme-tags``, ``--map`` before decoding, ``--add-labels``).  Delimiter:
a tab for ``.tsv`` (or a header with a tab), else a comma.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, Format, Option, ReadResult
from annotator.formats.conll import read_tags
from annotator.formats.conll_read import READ_SCHEMES, Reader, split_tag

ROLES = ("token", "tag", "sentence", "document")
#: The header names each role is found by, compared lower-case without spaces, _ - # .
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "token": ("token", "word", "form", "tok", "words", "tokens"),
    "tag": ("tag", "label", "ner", "nertag", "nertags", "tags", "labels", "bio", "iob", "entity"),
    "sentence": ("sentence", "sentenceid", "sentid", "sentenceidx", "sentidx", "sentenceno", "sentno", "sentencenumber"),
    "document": ("document", "doc", "docid", "documentid", "docname", "documentname"),
}
_FOLD_RE = re.compile(r"[\s_\-#.:]+")
_SPACE_RE = re.compile(r"\s")


def _fold(name: str) -> str:
    return _FOLD_RE.sub("", name).lower()


def parse_columns(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """Return ``{role: column name}`` from ``token=word,tag=ner,...`` (or a mapping)."""
    if not spec:
        return {}
    if isinstance(spec, Mapping):
        pairs = list(spec.items())
    else:
        pairs = []
        for part in spec.split(","):
            role, eq, column = part.partition("=")
            if not eq or not role.strip() or not column.strip():
                raise InputError(f"--columns takes ROLE=COLUMN pairs separated by commas (e.g. token=word,tag=ner), "
                                 f"not {part.strip()!r}.")
            pairs.append((role, column))
    out: dict[str, str] = {}
    for role, column in pairs:
        role = role.strip().lower()
        if role not in ROLES:
            raise InputError(f"--columns: {role!r} is not a column role; the roles are {', '.join(ROLES)}.")
        out[role] = column.strip()
    return out


def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() == ".tsv" or "\t" in first_line:
        return "\t"
    return ","


def _find(header: list[str], roles: Mapping[str, str]) -> dict[str, int | None]:
    """Return the index of each role's column (None for an absent optional one); names
    given in ``roles`` must be there."""
    folded = [_fold(h) for h in header]
    found: dict[str, int | None] = {}
    for role in ROLES:
        name = roles.get(role)
        if name is not None:
            if name in header:
                found[role] = header.index(name)
            elif _fold(name) in folded:
                found[role] = folded.index(_fold(name))
            else:
                return {**found, role: -1}
        else:
            found[role] = next((folded.index(n) for n in DEFAULT_NAMES[role] if n in folded), None)
    return found


def header_of(path: Path) -> list[str]:
    """Return the header row of ``path`` (empty if it cannot be read)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError):
        return []
    try:
        delimiter = _delimiter(path, first)
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        return [h.strip() for h in next(csv.reader([first], delimiter=delimiter, quoting=quoting), [])]
    except csv.Error:
        return []


class RowsReader(Reader):
    """The CoNLL reader, given its rows by a token-per-row CSV instead of CoNLL lines."""

    def __init__(self, path: Path, text: str, columns: Mapping[str, str], label_map: Mapping[str, str] | None,
                 scheme: Scheme | None) -> None:
        self.records: list[tuple[int, list[str] | None, bool]] = []
        self.names: list[str] = []
        super().__init__(path, text, label_map, scheme)
        self._parse(columns)

    def _layout(self) -> None:  # the columns are named, not guessed
        return

    def _parse(self, roles: Mapping[str, str]) -> None:
        path = self.path
        first_line = self.text.split("\n", 1)[0]
        delimiter = _delimiter(path, first_line)
        # a TSV has no quoting: a token '"' is a token (CoNLL-style files have many)
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=delimiter,
                            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        try:
            header = [h.strip(" \t\r\ufeff") for h in next(reader, [])]
        except csv.Error as exc:
            raise InputError(f"{path}, line 1: not valid CSV ({exc}).") from None
        if not any(header):
            raise InputError(f"{path} is empty: a token-per-row file needs a header row (e.g. token,tag) and rows.")
        found = _find(header, roles)
        headerless = len(header) >= 2 and split_tag(header[-1])[0] in ("O", "B", "I", "E", "S")
        missing = [r for r, i in found.items() if i == -1]
        if missing:
            role = missing[0]
            seems = "; the file seems to have no header row" if headerless else ""
            raise InputError(f"{path}, line 1: there is no column {roles[role]!r} (--columns {role}={roles[role]}); "
                             f"the header has {', '.join(repr(h) for h in header)}{seems}.")
        for role in ("token", "tag"):
            if found[role] is None:
                why = (f"the first row ({', '.join(header)}) looks like a token row, not a header" if headerless
                       else f"the header ({', '.join(header)}) names no {role} column")
                raise InputError(f"{path}, line 1: {why}; start the file with a header row such as token,tag, or "
                                 f"name the columns with --columns token=NAME,tag=NAME.")
        idx = {r: i for r, i in found.items() if i is not None}
        width = max(idx.values()) + 1
        records = self.records
        prev_sent: str | None = None
        prev_doc: str | None = None
        in_sentence = False
        line = reader.line_num
        try:
            for row in reader:
                n = line + 1
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    if in_sentence:
                        records.append((n, None, False))
                        in_sentence = False
                    continue
                if len(row) < width:
                    names = [header[i] for r, i in idx.items() if i >= len(row)]
                    raise InputError(f"{path}, line {n}: the row has {len(row)} field{'s' if len(row) != 1 else ''}, "
                                     f"too few for the column{'s' if len(names) > 1 else ''} {', '.join(names)}; "
                                     "every row needs a field for each column of the header.")
                token = row[idx["token"]].strip(" \t\r")
                if not token:
                    raise InputError(f"{path}, line {n}: the token is empty.")
                if _SPACE_RE.search(token):
                    raise InputError(f"{path}, line {n}: the token {token!r} has a space or line break in it; a "
                                     "token-per-row file has one token per row.")
                tag = row[idx["tag"]].strip(" \t\r") or "O"
                if "document" in idx:
                    doc = row[idx["document"]].strip()
                    if doc and doc != prev_doc:
                        if prev_doc is not None:
                            records.append((n, None, True))
                            in_sentence = False
                            prev_sent = None
                        prev_doc = doc
                        self.names.append(doc)
                if "sentence" in idx:
                    sent = row[idx["sentence"]].strip()
                    if sent and sent != prev_sent:
                        if in_sentence:
                            records.append((n, None, False))
                        prev_sent = sent
                records.append((n, [token, tag], False))
                in_sentence = True
        except csv.Error as exc:
            raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc}).") from None
        if not any(fields for _, fields, _ in records):
            raise InputError(f"{path} has a header but no token rows.")

    def rows(self) -> Iterator[tuple[int, list[str] | None, bool]]:
        return iter(self.records)

    def document_name(self, k: int) -> str:
        if k <= len(self.names):
            name = self.names[k - 1]
            return name if self.names.count(name) == 1 else f"{name}:{k}"
        return super().document_name(k)


def looks_like_tokens(path: Path) -> bool:
    """True if the header of ``path`` names a token and a tag column and no ``text`` one
    (a CSV of documents)."""
    folded = {_fold(h) for h in header_of(path)}
    return ("text" not in folded and any(n in folded for n in DEFAULT_NAMES["token"])
            and any(n in folded for n in DEFAULT_NAMES["tag"]))


@register
class TokensFormat(Format):
    name = "tokens"
    suffixes = (".csv", ".tsv")
    description = "Token-per-row CSV/TSV with a header: token and tag columns (--columns), sentence and document ids"
    token_level = True
    # --columns is free text, which the options machinery (choices or a yes/no) cannot offer;
    # the window reads the header's usual names.
    read_options = (Option("scheme_tags", "--scheme-tags", ("auto", *READ_SCHEMES), "auto", "the tagging scheme of the file"),
                    ADD_LABELS)

    def sniff(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() in self.suffixes and looks_like_tokens(path)

    def read(self, path: Path, *, scheme: Scheme | None = None, columns: str | Mapping[str, str] | None = None,
             add_labels: bool = False, scheme_tags: str | None = None, **options: Any) -> ReadResult:
        if scheme_tags not in (None, "auto", *READ_SCHEMES):
            raise InputError(f"--scheme-tags must be auto, {', '.join(READ_SCHEMES)}, not {scheme_tags!r}.")
        if path.is_dir():
            raise InputError(f"{path} is a folder; the tokens format reads one .csv or .tsv file.")
        roles = parse_columns(columns)
        reader = RowsReader(path, read_text_file(path), roles, options.get("label_map"), scheme)
        return read_tags(reader, scheme, add_labels=add_labels, scheme_tags=scheme_tags)
