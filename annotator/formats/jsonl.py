"""JSON Lines: one document per line.

For import, the least a line needs is ``{"text": "..."}``; ``"id"`` names the document and
``"meta"`` (an object) is kept as its metadata.  Lines may be blank.  A bad line stops
the whole import with its line number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.decoding import decode_bytes
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import Format, ReadResult


def iter_json_lines(path: Path) -> Any:
    """Yield ``(line number, object)`` for every non-blank line of a JSONL file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}).") from None
    text = decode_bytes(data, str(path))
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {n}: not valid JSON ({exc.msg} at column {exc.colno}).") from None


def document_from_record(record: Any, path: Path, n: int) -> Document:
    """Build a ``Document`` from one JSONL record with ``text``, ``id`` and ``meta``."""
    where = f"{path}, line {n}"
    if not isinstance(record, dict):
        raise InputError(f"{where}: each line must be a JSON object with a \"text\" field.")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no \"text\" string in this record.")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise InputError(f"{where}: the \"text\" is empty.")
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        raise InputError(f"{where}: \"meta\" must be a JSON object.")
    name = record.get("id", record.get("name"))
    if name is not None and not isinstance(name, (str, int)):
        raise InputError(f"{where}: \"id\" must be a string or a number.")
    return Document(text=text, name=str(name) if name is not None else f"{path.stem}:{n}", meta=meta, source=f"{path}:{n}")


@register
class JsonlFormat(Format):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    description = "JSON Lines, one document per line: {\"text\", \"id\"?, \"meta\"?}"

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the jsonl format reads one .jsonl file.")
        result = ReadResult()
        for n, record in iter_json_lines(path):
            result.documents.append(document_from_record(record, path, n))
        if not result.documents:
            raise InputError(f"{path} is empty: there are no documents in it.")
        return result
