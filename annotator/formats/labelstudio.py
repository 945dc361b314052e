"""Label Studio JSON (a list of tasks), import and export, with code-point offsets.

    [{"id": 1, "data": {"text": "..."},
      "annotations": [{"completed_by": 1, "result": [
        {"id": "T1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 0, "end": 5, "text": "...", "labels": ["PER"]}},
        {"type": "relation", "from_id": "T1", "to_id": "T2", "direction": "right", "labels": ["LocatedIn"]},
        {"type": "choices", "from_name": "topic", "to_name": "text", "value": {"choices": ["politics"]}}]}]}]

``labels`` results become spans, ``relation`` results relations, ``choices`` results whose
``from_name`` is a document label set of the scheme document labels.  The text is
``data.text`` (or the first string in ``data``).  One annotation per task goes to the
importing annotator; several are kept apart, named after ``completed_by``.  ``predictions``
are read when a task has no annotations.

Label Studio counts ``start``/``end`` in code points (Python ``str`` indices), not UTF-16
units as doccano does: its own end-to-end test (``web/libs/editor/tests/integration/e2e/
ner/emoji.cy.ts``) expects "test" at 21..25 in "\U0001F431 Warning: This is a test text".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Annotations, Document, Relation
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, Format, ReadResult, SplitFiles
from annotator.formats.doccano import adopt_labels, span_from
from annotator.formats.offsets import ForeignText


def _annotator(item: dict[str, Any], k: int) -> str:
    who = item.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return f"labelstudio-{who}" if who not in (None, "") else f"labelstudio-{k}"


def _layer(results: Any, ft: ForeignText, where: str, scheme: Scheme | None, skipped: dict[str, int]) -> Annotations:
    ann = Annotations()
    by_id: dict[str, Any] = {}
    if not isinstance(results, list):
        raise InputError(f"{where}: \"result\" must be a list.")
    for k, r in enumerate(results, 1):
        if not isinstance(r, dict):
            raise InputError(f"{where}: each result must be an object.")
        kind, value = r.get("type"), r.get("value", {})
        if kind in ("labels", "hypertextlabels") or (isinstance(value, dict) and "labels" in value and "start" in value):
            if not isinstance(value, dict):
                raise InputError(f"{where}, result {k}: \"value\" must be an object with start, end and labels.")
            labels = value.get("labels")
            if not isinstance(labels, list) or not labels or not all(isinstance(x, str) and x for x in labels):
                raise InputError(f"{where}, result {k}: \"labels\" must be a list of label names, not {labels!r}.")
            for label in labels:
                span = span_from(ft, value.get("start"), value.get("end"), label, f"{where}, result {k}", unit="code points")
                span.id = r.get("id") if len(labels) == 1 else f"{r.get('id')}-{label}"
                base = by_id.get(str(span.id).rsplit(".", 1)[0]) if "." in str(span.id) else None
                if base is not None and base.label == label:  # a further fragment, as this format writes them
                    base.fragments = sorted(base.fragments + span.fragments)
                    continue
                by_id[str(span.id)] = span
                ann.spans.append(span)
        elif kind == "relation":
            for label in r.get("labels") or ["related"]:
                src, tgt = r.get("from_id"), r.get("to_id")
                if r.get("direction") == "left":
                    src, tgt = tgt, src
                ann.relations.append(Relation(type=label, source=src, target=tgt, id=f"R{k}"))
        elif kind == "choices" and scheme is not None and scheme.doc_label_set(str(r.get("from_name"))):
            choices = value.get("choices") if isinstance(value, dict) else None
            if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
                raise InputError(f"{where}, result {k}: \"choices\" must be a list of label names.")
            ann.doc_labels.setdefault(str(r["from_name"]), []).extend(choices)
        else:
            skipped[str(kind)] = skipped.get(str(kind), 0) + 1
    return ann


def _task(task: Any, path: Path, n: int, scheme: Scheme | None, skipped: dict[str, int]) -> Document:
    where = f"{path}, task {n}"
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(f"{where}: each task is an object with \"data\".")
    data = task["data"]
    raw = data.get("text")
    if not isinstance(raw, str):
        raw = next((v for v in data.values() if isinstance(v, str)), None)
    if not isinstance(raw, str) or not raw.strip():
        raise InputError(f"{where}: the task's data has no text.")
    ft = ForeignText(raw, utf16=False)
    meta = {k: v for k, v in data.items() if k not in ("text", "name") and v is not raw}
    doc = Document(text=ft.text, name=str(data.get("name") or task.get("id") or f"{path.stem}:{n}"), meta=meta, source=f"{path}:{n}")
    items = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    items = items or [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    for k, item in enumerate(items, 1):
        ann = _layer(item.get("result"), ft, where, scheme, skipped)
        if not ann.is_empty():
            doc.annotations["" if len(items) == 1 else _annotator(item, k)] = ann
    return doc


@register
class LabelStudioFormat(Format):
    name = "labelstudio"
    suffixes = (".json",)
    description = "Label Studio JSON: a list of tasks with data.text and annotation results (code-point offsets)"
    file_suffix = ".json"
    read_options = (ADD_LABELS,)

    def sniff(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() != ".json":
            return False
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            head = fh.read(4096).lstrip()
        return head.startswith("[") and '"data"' in head

    def read(self, path: Path, *, scheme: Scheme | None = None, add_labels: bool = False, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the labelstudio format reads one .json file.")
        try:
            tasks = json.loads(read_text_file(path))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
        if isinstance(tasks, dict):
            tasks = [tasks]
        if not isinstance(tasks, list) or not tasks:
            raise InputError(f"{path}: a Label Studio export is a list of tasks; this file has none.")
        skipped: dict[str, int] = {}
        result = ReadResult(documents=[_task(t, path, n, scheme, skipped) for n, t in enumerate(tasks, 1)])
        result.warnings += [f"{path}: {n} results of type {kind!r} left out (annotator keeps labels, relations and "
                            "document choices)." for kind, n in sorted(skipped.items())]
        adopt_labels(result, path, scheme, options, add_labels)
        return result

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        with SplitFiles(folder, self.file_suffix) as files:
            started: set[str] = set()
            for n, record in enumerate(records, 1):
                fh = files.get(record.split)
                fh.write(",\n" if record.split in started else "[\n")
                started.add(record.split)
                fh.write(json.dumps(_task_json(record, n, ctx), ensure_ascii=False))
            for split in started:
                files.get(split).write("\n]\n")


def _task_json(record: Any, n: int, ctx: ExportContext) -> dict[str, Any]:
    doc, ann = record.document, record.annotations
    result: list[dict[str, Any]] = []
    ids: dict[Any, str] = {}
    for k, span in enumerate(ann.spans, 1):
        if len(span.fragments) > 1:
            ctx.warn("labelstudio: discontinuous spans written as one region per fragment (ids T1, T1.1, ...)")
        for f, (s, e) in enumerate(span.fragments):
            rid = f"T{k}" if f == 0 else f"T{k}.{f}"
            ids.setdefault(span.id, rid)
            result.append({"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
                           "value": {"start": s, "end": e, "text": doc.text[s:e], "labels": [span.label]}})
    for r in ann.relations:
        result.append({"type": "relation", "from_id": ids[r.source], "to_id": ids[r.target], "direction": "right", "labels": [r.type]})
    for lset, labels in ann.doc_labels.items():
        result.append({"type": "choices", "from_name": lset, "to_name": "text", "value": {"choices": list(labels)}})
    return {"id": n, "data": {"text": doc.text, "name": doc.name, **{k: v for k, v in doc.meta.items() if k not in ("text", "name")}},
            "annotations": [{"result": result}]}
