"""CoNLL-U treebanks (Universal Dependencies), imported as text to annotate.

    # newdoc id = afp.20000715.0075
    # sent_id = 1
    # text = وقال الرئيس
    1-2	وقال	_	_	_	_	_	_	_	_        a multiword token: its form is the surface
    1	و	و	CCONJ	...
    2	قال	قال	VERB	...
    3	الرئيس	رئيس	NOUN	...	SpaceAfter=No

Each sentence becomes one line of its document: its ``# text`` comment when there is one,
else the surface tokens (multiword tokens as written, their words left out; empty nodes
``8.1`` left out) joined by a space unless ``SpaceAfter=No``.  ``# newdoc`` starts a new
document (named by its id); a file without one is one document.  Treebanks carry no entity
annotation, so only the text is imported.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import Format, ReadResult


def _sentence_text(words: list[tuple[str, bool]]) -> str:
    return "".join(form + (" " if space and k + 1 < len(words) else "") for k, (form, space) in enumerate(words))


@register
class ConlluFormat(Format):
    name = "conllu"
    suffixes = (".conllu",)
    description = "CoNLL-U treebanks: the sentences' text (# text, or tokens with SpaceAfter), one document per # newdoc"

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the conllu format reads one .conllu file.")
        result = ReadResult()
        lines: list[str] = []
        name = ""
        first = 0
        text_comment: str | None = None
        words: list[tuple[str, bool]] = []
        skip_to = 0
        sentences = 0

        def end_sentence() -> None:
            nonlocal text_comment, sentences
            if words or text_comment:
                lines.append(text_comment if text_comment is not None else _sentence_text(words))
                sentences += 1
            words.clear()
            text_comment = None

        def end_document() -> None:
            end_sentence()
            if lines and any(x.strip() for x in lines):
                k = len(result.documents) + 1
                result.documents.append(Document(text="\n".join(lines), name=name or f"{path.stem}:{k}",
                                                 meta={"format": "conllu"}, source=f"{path}:{first}"))
            lines.clear()

        for n, raw in enumerate(io.StringIO(read_text_file(path), newline="\n"), 1):
            line = raw.rstrip("\n")
            if not line.strip():
                end_sentence()
                skip_to = 0
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key in ("newdoc", "newdoc id"):
                    end_document()
                    name, first = value.strip(), n
                elif key == "text" and not words:
                    text_comment = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise InputError(f"{path}, line {n}: a CoNLL-U word line has ten tab-separated columns, this one "
                                 f"{len(cols)}.")
            ident, form, misc = cols[0], cols[1], cols[9]
            if not first:
                first = n
            space = "SpaceAfter=No" not in misc.split("|")
            if "-" in ident:
                a, _, b = ident.partition("-")
                if not (a.isdigit() and b.isdigit()):
                    raise InputError(f"{path}, line {n}: the word id {ident!r} is not a number or a range such as 1-2.")
                words.append((form, space))
                skip_to = int(b)
            elif "." in ident:
                continue  # an empty node: no surface
            elif ident.isdigit():
                if int(ident) <= skip_to:
                    continue  # a word of a multiword token already written
                words.append((form, space))
            else:
                raise InputError(f"{path}, line {n}: the word id {ident!r} is not a number or a range such as 1-2.")
        end_document()
        if not result.documents:
            raise InputError(f"{path} has no sentences: it is not a CoNLL-U file.")
        return result
