"""Plain text: one document per ``.txt`` file; a folder imports every ``.txt`` below it (never
following a link out of the folder: see ``annotator.formats.folders``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.core.wording import count
from annotator.formats import register
from annotator.formats.base import Format, ReadResult
from annotator.formats.folders import files_below


@register
class TxtFormat(Format):
    name = "txt"
    suffixes = (".txt",)
    description = "plain UTF-8 text, one document per file (a folder: every .txt in it)"

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return any(path.rglob("*.txt"))
        return path.suffix.lower() in self.suffixes

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        if path.is_dir():
            every, skipped = files_below(path, "")  # one walk of the tree, never out of it
            files = [f for f in every if f.suffix.lower() == ".txt"]
            if not files:
                raise InputError(f"{path}: the folder has no .txt files to import{' (links out of it are skipped)' if skipped else ''}.")
            result = ReadResult(warnings=skipped)
            for f in files:
                name = f.relative_to(path).with_suffix("").as_posix()
                result.documents.append(Document(text=read_text_file(f), name=name, source=str(f)))
            others = len([f for f in every if f.suffix.lower() != ".txt" and not f.name.startswith(".")])
            if others:
                result.warnings.append(f"{path}: {count(others, 'file')} not ending in .txt left out.")
            return result
        return ReadResult(documents=[Document(text=read_text_file(path), name=path.stem, source=str(path))])

