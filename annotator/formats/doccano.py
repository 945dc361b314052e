"""doccano JSON Lines, import and export, with UTF-16 offsets (doccano counts positions in
JavaScript strings, where an emoji is two units).

    {"text": "...", "label": [[0, 5, "PER"], ...]}                         sequence labelling
    {"text": "...", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 5}],
     "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "LocatedIn"}]}   with relations

Other keys are kept as metadata (``id`` or ``name`` names the document).  Export writes the
first form, or the second with ``doccano_relations``; a discontinuous span becomes one
entry per fragment.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Annotations, Document, Relation, Span
from annotator.core.scheme import Scheme
from annotator.core.text import Utf16Index
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, Format, Option, ReadResult, SplitFiles
from annotator.formats.jsonl import iter_json_lines
from annotator.formats.labels import mapped
from annotator.formats.offsets import ForeignText, to_tool
from annotator.formats.schemes import extend_scheme, new_entities

_KNOWN = ("text", "label", "labels", "entities", "relations", "id", "name", "meta")


def first_record(path: Path) -> dict[str, Any] | None:
    """Return the first JSON object of a JSONL file, or None."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    return obj if isinstance(obj, dict) else None
    except (OSError, ValueError):
        return None
    return None


def span_from(ft: ForeignText, start: Any, end: Any, label: Any, where: str, unit: str = "UTF-16") -> Span:
    """Return a span from a tool's offsets (``unit``: UTF-16 units, or code points), or
    raise ``InputError``."""
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not isinstance(label, str) or not label:
        raise InputError(f"{where}: a label needs whole-number offsets and a label name.")
    s, e = ft.to_stored(start), ft.to_stored(end)
    if s is None or e is None or not s < e:
        raise InputError(f"{where}: the label {label!r} at {start}..{end} ({unit}) is empty, outside the text, "
                         "or cuts a character in two.")
    return Span(label=label, fragments=[(s, e)])


def unknown_labels(docs: list[Document], scheme: Scheme | None, options: dict[str, Any]) -> list[str]:
    """Return the span labels of ``docs`` (after the import's label map) the scheme lacks."""
    if scheme is None:
        return []
    seen = {mapped(s.label, options) for d in docs for a in d.annotations.values() for s in a.spans}
    return sorted(lab for lab in seen if lab and lab not in scheme.span_labels)


def adopt_labels(result: ReadResult, path: Path, scheme: Scheme | None, options: dict[str, Any], add_labels: bool) -> None:
    """Add unknown span labels to the scheme (``add_labels``) or raise ``InputError``."""
    unknown = unknown_labels(result.documents, scheme, options)
    if not unknown:
        return
    if not add_labels:
        raise InputError(f"{path}: these labels are not in the project's scheme: {', '.join(unknown)}; add them to the "
                         "scheme, or import with --add-labels.")
    result.scheme = extend_scheme(scheme, entities=new_entities(unknown), origin=str(path))  # type: ignore[arg-type]
    result.warnings.append(f"{path}: new entity types added to the scheme: {', '.join(unknown)}.")


def _document(obj: Any, path: Path, n: int) -> Document:
    where = f"{path}, line {n}"
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise InputError(f"{where}: each line needs a non-empty \"text\".")
    ft = ForeignText(obj["text"])
    meta = {k: v for k, v in obj.items() if k not in _KNOWN}
    if isinstance(obj.get("meta"), dict):
        meta.update(obj["meta"])
    doc = Document(text=ft.text, name=str(obj.get("name") or obj.get("id") or f"{path.stem}:{n}"), meta=meta, source=f"{path}:{n}")
    ann = Annotations()
    for key in ("label", "labels", "entities", "relations"):
        if key in obj and not isinstance(obj[key], list):
            raise InputError(f"{where}: \"{key}\" must be a list, not {json.dumps(obj[key], ensure_ascii=False)[:40]}.")
    for k, item in enumerate(obj.get("label") or obj.get("labels") or [], 1):
        if not isinstance(item, list) or len(item) != 3:
            raise InputError(f"{where}: each label is [start, end, \"LABEL\"].")
        span = span_from(ft, item[0], item[1], item[2], where)
        span.id = f"T{k}"
        ann.spans.append(span)
    for item in obj.get("entities") or []:
        if not isinstance(item, dict):
            raise InputError(f"{where}: each entity is an object with id, label, start_offset, end_offset.")
        span = span_from(ft, item.get("start_offset"), item.get("end_offset"), item.get("label"), where)
        span.id = _ident(item.get("id"), where, "an entity's \"id\"")
        ann.spans.append(span)
    for k, item in enumerate(obj.get("relations") or [], 1):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise InputError(f"{where}: each relation is an object with from_id, to_id and type.")
        ann.relations.append(Relation(type=item["type"], source=_ident(item.get("from_id"), where, "\"from_id\""),
                                      target=_ident(item.get("to_id"), where, "\"to_id\""), id=k))
    if not ann.is_empty():
        doc.annotations[""] = ann
    return doc


def _ident(value: Any, where: str, what: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{where}: {what} must be a string or a whole number, not {json.dumps(value, ensure_ascii=False)[:40]}.")
    return value


@register
class DoccanoFormat(Format):
    name = "doccano"
    suffixes = (".jsonl",)
    description = "doccano JSONL: {text, label: [[start, end, LABEL]]} or entities/relations, UTF-16 offsets"
    file_suffix = ".jsonl"
    read_options = (ADD_LABELS,)
    write_options = (Option("doccano_relations", "--doccano-relations", default=False,
                            help="write entities and relations, not label lists"),)

    def sniff(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() not in (".jsonl", ".json"):
            return False
        obj = first_record(path)
        return obj is not None and "text" in obj and ("label" in obj or "entities" in obj) and "annotations" not in obj

    def read(self, path: Path, *, scheme: Scheme | None = None, add_labels: bool = False, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the doccano format reads one .jsonl file.")
        result = ReadResult(documents=[_document(obj, path, n) for n, obj in iter_json_lines(path)])
        if not result.documents:
            raise InputError(f"{path} is empty: there are no documents in it.")
        adopt_labels(result, path, scheme, options, add_labels)
        return result

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        relations = bool(ctx.option("doccano_relations", False))
        ctx.extra["offset_unit"] = "utf-16"
        with SplitFiles(folder, self.file_suffix) as files:
            for record in records:
                files.get(record.split).write(json.dumps(_line(record, relations, ctx), ensure_ascii=False) + "\n")


def _line(record: Any, relations: bool, ctx: ExportContext) -> dict[str, Any]:
    doc, ann = record.document, record.annotations
    index = Utf16Index(doc.text)
    line: dict[str, Any] = {"id": doc.name, "text": doc.text}
    entries = []
    for span in ann.spans:
        if len(span.fragments) > 1:
            ctx.warn("doccano: discontinuous spans written as one label per fragment")
        entries += [(span, s, e) for s, e in span.fragments]
    if relations:
        ids: dict[Any, int] = {}
        for k, (sp, _, _) in enumerate(entries, 1):
            ids.setdefault(sp.id, k)
        line["entities"] = [{"id": k, "label": sp.label, "start_offset": to_tool(index, s), "end_offset": to_tool(index, e)}
                            for k, (sp, s, e) in enumerate(entries, 1)]
        line["relations"] = [{"id": k, "from_id": ids[r.source], "to_id": ids[r.target], "type": r.type}
                             for k, r in enumerate(ann.relations, 1)]
    else:
        line["label"] = [[to_tool(index, s), to_tool(index, e), sp.label] for sp, s, e in entries]
    return {**line, **{k: v for k, v in doc.meta.items() if k not in line}}
