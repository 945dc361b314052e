"""Stance rows as CSV or JSON Lines: document, target, holder, label, evidence.

Export (``stance_format`` csv, the default, or jsonl; a ``.jsonl`` ``--out`` file means
jsonl), one row per stance::

    document, split, text, target, target_kind, holder, label, scope, evidence

In CSV the holder is its text ("" for the author) and evidence the evidence spans' texts
joined by `` | ``; in JSONL both are objects with ``start``, ``end``, ``text`` and ``label``.

Import reads three layouts, each row a stance on a document (rows with the same text
become one document):

- ANS (Khouja, 2020), ``s1,s2,stance``: ``s2`` is the document, ``s1`` the target (free
  text), the author (no holder) holds the stance, and the label (agree, disagree, other)
  is kept as it is; ``--map agree=FAVOR,disagree=AGAINST,other=NEUTRAL`` maps it onto the
  default scheme's labels instead.
- this format's own CSV (``text``, ``target``, ``label`` and optional ``document``,
  ``target_kind``, ``scope``); holders and evidence given only as text are not imported.
- this format's own JSONL, whose holders and evidence carry offsets and become spans.

Stance labels the scheme lacks are added to it, with a notice.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.core.model import Annotations, Document, Span, Stance
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, Format, Option, ReadResult, SplitFiles
from annotator.formats.jsonl import iter_json_lines
from annotator.formats.labels import mapped
from annotator.formats.schemes import extend_scheme, new_entities

COLUMNS = ("document", "split", "text", "target", "target_kind", "holder", "label", "scope", "evidence")
ANS_COLUMNS = {"s1", "s2", "stance"}


def csv_header(path: Path) -> list[str]:
    """Return the header row of a CSV file (empty if it cannot be read)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _span_obj(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": " ".join(span.surfaces(text)), "label": span.label}


def _rows(record: Any) -> list[dict[str, Any]]:
    doc, ann = record.document, record.annotations
    spans = {s.id: s for s in ann.spans}
    out = []
    for st in ann.stances:
        target = spans[st.target].surface if st.target_kind == "span" else st.target
        out.append({"document": doc.name, "split": record.split, "text": doc.text, "target": target,
                    "target_kind": st.target_kind, "holder": _span_obj(spans.get(st.holder), doc.text) if st.holder else None,
                    "label": st.label, "scope": st.scope,
                    "evidence": [_span_obj(spans[e], doc.text) for e in st.evidence]})
    return out


def _as_csv(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "holder": row["holder"]["text"] if row["holder"] else "",
            "evidence": " | ".join(e["text"] for e in row["evidence"])}


class _Builder:
    """Turns stance rows into documents (one per distinct text) with stances."""

    def __init__(self, path: Path, scheme: Scheme | None) -> None:
        self.path = path
        self.scheme = scheme
        self.docs: dict[str, Document] = {}
        self.labels: dict[str, int] = {}
        self.span_labels: dict[str, int] = {}

    def fail(self, n: int, message: str) -> InputError:
        return InputError(f"{self.path}, line {n}: {message}")

    def add(self, n: int, text: Any, name: Any, target: Any, label: Any, *, kind: str | None = None,
            scope: str = "document") -> tuple[Document, Annotations, Stance]:
        if not isinstance(text, str) or not text.strip():
            raise self.fail(n, "the document text is empty.")
        if not isinstance(target, str) or not target.strip() or not isinstance(label, str) or not label.strip():
            raise self.fail(n, "a stance needs a target and a label.")
        if scope not in ("document", "span"):
            raise self.fail(n, f"scope must be document or span, not {scope!r}.")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        doc = self.docs.get(text)
        if doc is None:
            doc = self.docs[text] = Document(text=text, name=str(name or f"{self.path.stem}:{n}"), source=f"{self.path}:{n}",
                                             annotations={"": Annotations()})
        ann = doc.annotations[""]
        fixed = [t.target for t in self.scheme.stance.targets] if self.scheme else []
        kind = kind or ("fixed" if target in fixed else "text")
        if kind not in ("fixed", "text"):
            raise self.fail(n, f"target_kind must be fixed or text here, not {kind!r}.")
        st = Stance(label=label.strip(), target_kind=kind, target=target, scope=scope, id=f"S{len(ann.stances) + 1}")
        ann.stances.append(st)
        self.labels.setdefault(label.strip(), n)
        return doc, ann, st

    def span(self, n: int, doc: Document, ann: Annotations, obj: Any) -> str:
        if not isinstance(obj, dict) or not all(isinstance(obj.get(k), int) for k in ("start", "end")) or not obj.get("label"):
            raise self.fail(n, "a holder or evidence span needs start, end and label.")
        s, e = obj["start"], obj["end"]
        if not 0 <= s < e <= len(doc.text) or ("text" in obj and " ".join(doc.text[s:e].split()) != " ".join(str(obj["text"]).split())):
            raise self.fail(n, f"the span {s}..{e} ({obj.get('text', '')!r}) does not fit the text.")
        for sp in ann.spans:
            if sp.fragments == [(s, e)] and sp.label == obj["label"]:
                return str(sp.id)
        sid = f"T{len(ann.spans) + 1}"
        ann.spans.append(Span(label=obj["label"], fragments=[(s, e)], id=sid))
        self.span_labels.setdefault(obj["label"], n)
        return sid

    def result(self, options: dict[str, Any], add_labels: bool) -> ReadResult:
        result = ReadResult(documents=list(self.docs.values()))
        if not result.documents:
            raise InputError(f"{self.path} has no stance rows.")
        if self.scheme is None:
            return result
        new = [mapped(lab, options) for lab in self.labels]
        new = [lab for lab in dict.fromkeys(new) if lab and lab not in self.scheme.stance_labels]
        ents = [lab for lab in self.span_labels if mapped(lab, options) not in self.scheme.span_labels]
        if ents and not add_labels:
            raise InputError(f"{self.path}: these span labels are not in the project's scheme: {', '.join(ents)}; "
                             "add them to the scheme, or import with --add-labels.")
        if new or ents:
            result.scheme = extend_scheme(self.scheme, stance_labels=new, entities=new_entities(ents), origin=str(self.path))
            added = ", ".join(new + ents)
            result.warnings.append(f"{self.path}: labels added to the project's scheme: {added}.")
        return result


def _read_csv(path: Path, b: _Builder) -> None:
    text = read_text_file(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {h.strip() for h in reader.fieldnames or []}
    ans = ANS_COLUMNS <= header
    if not ans and not {"text", "target", "label"} <= header:
        raise InputError(f"{path}, line 1: a stance CSV needs the columns s1, s2, stance (ANS) or text, target, label; "
                         f"this one has {', '.join(sorted(header)) or 'none'}.")
    try:
        for row in reader:
            row = {(k or "").strip(): v for k, v in row.items()}
            n = reader.line_num
            if ans:
                b.add(n, row.get("s2"), None, row.get("s1"), row.get("stance"), kind="text")
            else:
                b.add(n, row.get("text"), row.get("document"), row.get("target"), row.get("label"),
                      kind=row.get("target_kind") or None, scope=row.get("scope") or "document")
    except csv.Error as exc:
        raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc}).") from None


def _read_jsonl(path: Path, b: _Builder) -> None:
    for n, obj in iter_json_lines(path):
        if not isinstance(obj, dict):
            raise b.fail(n, "each line must be a JSON object with text, target and label.")
        doc, ann, st = b.add(n, obj.get("text"), obj.get("document"), obj.get("target"), obj.get("label"),
                             kind=obj.get("target_kind") or None, scope=obj.get("scope") or "document")
        if obj.get("holder"):
            st.holder = b.span(n, doc, ann, obj["holder"])
        evidence = obj.get("evidence") or []
        if not isinstance(evidence, list):
            raise b.fail(n, "evidence must be a list of spans.")
        st.evidence = [b.span(n, doc, ann, e) for e in evidence]


@register
class StanceFormat(Format):
    name = "stance"
    suffixes = (".csv", ".jsonl")
    description = "stance rows, CSV or JSONL (document, target, holder, label, evidence); reads ANS s1,s2,stance"
    file_suffix = ".csv"
    read_options = (ADD_LABELS,)
    write_options = (Option("stance_format", "--stance-format", ("csv", "jsonl"), "csv",
                            "CSV, or JSON Lines with offsets (default: CSV, or JSON Lines for an --out ending in .jsonl)"),)

    def sniff(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() != ".csv":
            return False
        header = set(csv_header(path))
        return ANS_COLUMNS <= header or {"target", "label", "text"} <= header

    def read(self, path: Path, *, scheme: Scheme | None = None, add_labels: bool = False, **options: Any) -> ReadResult:
        if path.is_dir():
            raise InputError(f"{path} is a folder; the stance format reads one .csv or .jsonl file.")
        if not path.is_file():
            raise InputError(f"{path}: no such file.")
        b = _Builder(path, scheme)
        (_read_jsonl if path.suffix.lower() in (".jsonl", ".ndjson") else _read_csv)(path, b)
        return b.result(options, add_labels)

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        kind = ctx.option("stance_format") or ("jsonl" if ctx.out_suffix == ".jsonl" else "csv")
        if kind not in ("csv", "jsonl"):
            raise InputError(f"--stance-format must be csv or jsonl, not {kind!r}.")
        with SplitFiles(folder, f".{kind}") as files:
            writers: dict[str, Any] = {}
            for record in records:
                rows = _rows(record)
                if not rows and record.split in files.files:
                    continue
                fh = files.get(record.split)
                if kind == "jsonl":
                    fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                    continue
                w = writers.get(record.split)
                if w is None:
                    w = writers[record.split] = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
                    w.writeheader()
                w.writerows(_as_csv(r) for r in rows)
