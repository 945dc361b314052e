"""JSON Lines, the native and lossless format: one document per line.

For import, the least a line needs is ``{"text": "..."}``; ``"id"`` (or ``"name"``) names
the document and ``"meta"`` (an object) is kept as its metadata.  Lines may be blank.  A
bad line stops the whole import with its line number.

An export writes, per document, in this key order::

    {"name", "text", "meta", "sha256", "offset_unit": "codepoint",
     "scheme": {"name", "sha256"}, "annotations": [one layer per annotator]}

(layers as in ``annotator.formats.native``), and reading that line back gives the same
documents and annotations: jsonl -> project -> jsonl is byte for byte the same file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from annotator.core.decoding import decode_bytes, text_sha256
from annotator.core.errors import InputError
from annotator.core.model import Document, Span
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import (
    ADD_LABELS,
    ExportContext,
    ExportRecord,
    Format,
    ReadResult,
    SplitFiles,
)
from annotator.formats.native import layer_to_json, layers_from_json, span_to_json


def iter_json_lines(path: Path) -> Any:
    """Yield ``(line number, object)`` for every non-blank line of a JSONL file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}).") from None
    text = decode_bytes(data, str(path))
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line and not line.isspace()]
    suspect = _SUSPECT.search(text) is not None  # an escaped lone surrogate or NUL: checked line by line
    try:  # one call of the C parser for the whole file; line by line only to find an error
        objects = None if suspect else _decode_array("[" + ",".join(line for _, line in numbered) + "]")
    except (json.JSONDecodeError, RecursionError):
        objects = None
    if objects is not None and len(objects) == len(numbered):
        yield from zip((n for n, _ in numbered), objects, strict=True)
        return
    for n, line in numbered:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {n}: not valid JSON ({exc.msg} at column {exc.colno}).") from None
        except RecursionError:
            raise InputError(f"{path}, line {n}: the JSON is nested too deeply to read.") from None
        if suspect and _SUSPECT.search(line):
            _check_strings(obj, f"{path}, line {n}")
        yield n, obj


#: ``\\ud800``-``\\udfff`` (half of a surrogate pair, maybe alone) and ``\\u0000`` escapes
_SUSPECT = re.compile(r"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")


def _check_strings(obj: Any, where: str) -> None:
    """Raise ``InputError`` if a string in ``obj`` holds a lone surrogate (not text: it
    cannot be written as UTF-8) or a NUL."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                raise InputError(f"{where}: a string holds a NUL character (\\u0000), which is not text.")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(f"{where}: a string holds a lone surrogate ({item.encode('utf-8', 'backslashreplace')[:40]!r}), "
                                 "half of a UTF-16 pair, which is not text.") from None


_decode_array = json.JSONDecoder().decode


def document_from_record(record: Any, path: Path, n: int, source: str | None = None) -> Document:
    """Build a ``Document`` from one JSONL record with ``text``, ``id`` and ``meta``
    (``source``: ``str(path)``, when the caller has it already)."""
    where = _Where(path, n)
    if not isinstance(record, dict):
        raise InputError(f"{where}: each line must be a JSON object with a \"text\" field.")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no \"text\" string in this record.")
    if "\r" in text and record.get("annotations"):
        raise InputError(f"{where}: the text has CR line ends, which are stored as LF, so the offsets of its annotations would not fit.")
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
    source = source if source is not None else str(path)
    doc = Document(text=text, name=str(name) if name is not None else f"{path.stem}:{n}", meta=meta, source=f"{source}:{n}")
    sha = record.get("sha256")
    if sha is not None and sha != text_sha256(text):
        raise InputError(f"{where}: \"sha256\" does not match the text, so the text was changed after the export.")
    if "annotations" in record:
        doc.annotations = layers_from_json(record["annotations"], str(where), text)
    return doc


class _Where:
    """``"FILE, line N"`` for error messages, formatted only when one is raised."""

    __slots__ = ("n", "path")

    def __init__(self, path: Path, n: int) -> None:
        self.path, self.n = path, n

    def __str__(self) -> str:
        return f"{self.path}, line {self.n}"

    def __format__(self, spec: str) -> str:
        return str(self)


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_string = json.encoder.encode_basestring  # what that encoder does to a str, in C


def _spans_json(spans: list[Span], text: str, labels: dict[str, str]) -> str:
    """Return ``_dumps([span_to_json(...)])``, faster: most spans are one fragment with no
    attributes or notes, written straight from the text."""
    parts = []
    for i, s in enumerate(spans, 1):
        frags = s.fragments
        if len(frags) != 1 or s.attributes or s.notes:
            parts.append(_dumps(span_to_json(i, s, text)))
            continue
        label = labels.get(s.label)
        if label is None:
            label = labels[s.label] = _string(s.label)
        a, b = frags[0]
        parts.append(f'{{"id":"T{i}","label":{label},"fragments":[[{a},{b}]],"surfaces":[{_string(text[a:b])}]}}')
    return "[" + ",".join(parts) + "]"


def document_line(record: ExportRecord, ctx: ExportContext, labels: dict[str, str] | None = None, *,
                  with_scheme: bool = False) -> str:
    """Return the JSON line of one exported document (every layer it carries); the same
    text as ``json.dumps(line, ensure_ascii=False, separators=(",", ":"))``.  ``with_scheme``
    (the first line of each file) adds the scheme's TOML, so the file carries its scheme."""
    doc = record.document
    scheme = {"name": ctx.scheme.name, "sha256": ctx.scheme.sha256}
    if with_scheme:
        scheme["toml"] = ctx.scheme.source
    head = {"name": doc.name, "text": doc.text, "meta": doc.meta, "sha256": doc.sha256, "offset_unit": "codepoint",
            "scheme": scheme}
    layers = []
    for who, ann in record.layers.items():
        layer = layer_to_json(who, ann, doc.text, with_spans=False)  # annotator, status, (spans,) then the rest
        parts = [f'"annotator":{_string(layer.pop("annotator"))}', f'"status":{_string(layer.pop("status"))}']
        if ann.spans:
            parts.append('"spans":' + _spans_json(ann.spans, doc.text, labels if labels is not None else {}))
        if layer:
            parts.append(_dumps(layer)[1:-1])
        layers.append("{" + ",".join(parts) + "}")
    return _dumps(head)[:-1] + ',"annotations":[' + ",".join(layers) + "]}\n"


@register
class JsonlFormat(Format):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    description = "JSON Lines, native and lossless: one document per line with every annotation layer"
    file_suffix = ".jsonl"
    all_layers = True
    read_options = (ADD_LABELS,)

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        labels: dict[str, str] = {}
        with SplitFiles(folder, self.file_suffix) as files:
            for record in records:
                first = record.split not in files.files
                files.get(record.split).write(document_line(record, ctx, labels, with_scheme=first))

    def read(self, path: Path, *, scheme: Scheme | None = None, add_labels: bool = False, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the jsonl format reads one .jsonl file.")
        result = ReadResult()
        schemes: set[tuple[str, str]] = set()
        carried: Scheme | None = None
        source = str(path)
        for n, record in iter_json_lines(path):
            result.documents.append(document_from_record(record, path, n, source))
            if isinstance(record.get("scheme"), dict) and record.get("annotations"):
                schemes.add((str(record["scheme"].get("name")), str(record["scheme"].get("sha256"))))
                if carried is None and isinstance(record["scheme"].get("toml"), str):
                    carried = _carried_scheme(record["scheme"], path, n)
        if carried is not None and scheme is not None and carried.sha256 != scheme.sha256:
            result.scheme = _adopt(carried, scheme, bool(options.get("fresh_project")), path, result.warnings)
            scheme = result.scheme or scheme
            schemes = {(carried.name, carried.sha256)} if result.scheme is carried else schemes
        from annotator.formats.doccano import adopt_labels

        grown = result.scheme
        adopt_labels(result, path, scheme, options, add_labels)
        result.scheme = result.scheme or grown
        if scheme is not None and result.scheme is None and any(h != scheme.sha256 for _, h in schemes):
            names = ", ".join(sorted({n for n, _ in schemes}))
            result.warnings.append(f"{path}: exported with another version of the scheme ({names}) than the project's "
                                   f"({scheme.name}); labels are checked against the project's.")
        if not result.documents:
            raise InputError(f"{path} is empty: there are no documents in it.")
        return result


def _carried_scheme(obj: dict[str, Any], path: Path, n: int) -> Scheme:
    """Return the scheme a line carries (its TOML), checked against its sha256."""
    from annotator.core.errors import SchemeError
    from annotator.core.scheme import parse_scheme

    toml = obj["toml"]
    try:
        carried = parse_scheme(toml, origin=f"{path}, line {n}, \"scheme\"")
    except SchemeError as exc:
        raise InputError(str(exc)) from None
    if obj.get("sha256") not in (None, carried.sha256):
        raise InputError(f"{path}, line {n}: the scheme's \"sha256\" does not match its \"toml\".")
    return carried


def _adopt(carried: Scheme, scheme: Scheme, fresh: bool, path: Path, warnings: list[str]) -> Scheme | None:
    """Return the scheme the project takes from a file that carries ``carried``: the file's
    own into a project with no documents yet, else the project's with the types it lacks."""
    from annotator.formats.schemes import extend_scheme

    if fresh:
        warnings.append(f"{path}: the project takes the scheme the file carries ({carried.name!r}).")
        return carried
    return extend_scheme(scheme, entities=carried.entities, events=carried.events, relations=carried.relations,
                         attributes=carried.attributes, stance_labels=carried.stance_labels, origin=str(path))
