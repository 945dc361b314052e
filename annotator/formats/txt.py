"""Plain text: one document per ``.txt`` file; a folder imports every ``.txt`` below it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.core.wording import count
from annotator.formats import register
from annotator.formats.base import Format, ReadResult


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
            files, others = _walk(path)
            if not files:
                raise InputError(f"{path}: the folder has no .txt files to import.")
            result = ReadResult()
            for f in files:
                name = f.relative_to(path).with_suffix("").as_posix()
                result.documents.append(Document(text=read_text_file(f), name=name, source=str(f)))
            if others:
                result.warnings.append(f"{path}: {count(others, 'file')} not ending in .txt left out.")
            return result
        return ReadResult(documents=[Document(text=read_text_file(path), name=path.stem, source=str(path))])


def _walk(folder: Path) -> tuple[list[Path], int]:
    """Return the .txt files below ``folder`` (sorted) and how many other files (not
    hidden) there are, in one walk of the tree."""
    files: list[Path] = []
    others = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            f = Path(root, name)
            if f.suffix.lower() == ".txt":
                if f.is_file():
                    files.append(f)
            elif not name.startswith(".") and f.is_file():
                others += 1
    return sorted(files), others
