"""CSV of documents: a ``text`` column, an optional ``id`` or ``name``, every other column
kept as metadata.  A BOM and CRLF line ends are fine.  (A CSV of stance rows, with
``s1,s2,stance`` or ``target`` and ``label`` columns, is read by the ``stance`` format,
which ``--format auto`` picks by its header.)"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import Format, ReadResult
from annotator.formats.stance import ANS_COLUMNS, csv_header


@register
class CsvFormat(Format):
    name = "csv"
    suffixes = (".csv",)
    description = "CSV with a text column (id or name optional, other columns kept as metadata)"

    def sniff(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() != ".csv":
            return False
        header = set(csv_header(path))
        return "text" in header and not (ANS_COLUMNS <= header or {"target", "label"} <= header)

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the csv format reads one .csv file.")
        reader = csv.DictReader(io.StringIO(read_text_file(path), newline=""))
        if "text" not in [(h or "").strip() for h in reader.fieldnames or []]:
            raise InputError(f"{path}, line 1: a documents CSV needs a 'text' column.")
        result = ReadResult()
        try:
            for row in reader:
                row = {(k or "").strip(): v for k, v in row.items() if k}
                text = row.pop("text", "") or ""
                if not text.strip():
                    raise InputError(f"{path}, line {reader.line_num}: the text is empty.")
                name = row.pop("id", None) or row.pop("name", None) or f"{path.stem}:{reader.line_num}"
                result.documents.append(Document(text=text, name=name, meta={k: v for k, v in row.items() if v},
                                                 source=f"{path}:{reader.line_num}"))
        except csv.Error as exc:
            raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc}).") from None
        if not result.documents:
            raise InputError(f"{path} has no rows.")
        return result
