"""Bringing documents (and annotations read with them) into a project, all or nothing.

Everything is read and checked before anything is written; then one transaction adds it
all.  A document whose text is already in the project (the same sha256) is not added
twice: with annotations, they are attached to the existing document under the importing
annotator; without, it is skipped with a notice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.decoding import text_sha256
from annotator.core.errors import Cancelled, InputError, ProjectError
from annotator.core.model import Annotations, Document
from annotator.core.scheme import Scheme
from annotator.core.wording import count
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.annotations import check_fragments

if TYPE_CHECKING:
    from annotator.store.project import ProgressCallback, Project


class ImportCancelled(Cancelled):
    """The import was cancelled; the project is unchanged."""


def _check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("the import was cancelled; the project is unchanged.")


@dataclass
class ImportReport:
    """What an import did."""

    added: list[int] = field(default_factory=list)          # ids of new documents
    attached: list[int] = field(default_factory=list)       # existing documents given annotations
    skipped: list[str] = field(default_factory=list)        # notices about duplicates
    warnings: list[str] = field(default_factory=list)       # from the format reader
    spans: int = 0
    events: int = 0
    relations: int = 0
    stances: int = 0

    def summary(self) -> str:
        """Return one line saying what happened."""
        parts = [f"{count(len(self.added), 'document')} added"]
        if self.attached:
            parts.append(f"annotations attached to {len(self.attached)} existing")
        if self.skipped:
            parts.append(f"{count(len(self.skipped), 'duplicate')} skipped")
        if self.spans:
            parts.append(f"{self.spans} spans")
        if self.events:
            parts.append(f"{self.events} events")
        if self.relations:
            parts.append(f"{self.relations} relations")
        if self.stances:
            parts.append(f"{self.stances} stances")
        if self.warnings:
            parts.append(count(len(self.warnings), 'warning'))
        return ", ".join(parts) + "."


class ImportMixin:
    """The import methods of ``Project``."""

    def import_files(self: Project, paths: Sequence[str | Path], *, format: str = "auto", annotator: str | None = None,
                     progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None,
                     reading: Callable[[Path, int, int], Any] | None = None, **options: Any) -> ImportReport:
        """Import files or folders in ``format`` (``auto``: by suffix and content).

        Raises ``InputError`` naming the file (and line) of the first problem; then the
        project is unchanged.  ``reading(path, index, count)`` is called before each path
        is read, ``progress(done, total)`` while documents are written; ``cancelled()``
        returning True stops the import (``ImportCancelled``), also unchanged.  A scheme
        that a format brings (brat's ``annotation.conf``, ``add_labels``) is stored in the
        same transaction as the documents.
        """
        from annotator import formats

        docs: list[Document] = []
        warnings: list[str] = []
        label_map = options.get("label_map")  # readers see it too, to tell which labels are new
        if not paths:
            raise InputError("nothing to import: name at least one file or folder.")
        scheme = self.scheme
        for n, path in enumerate(map(Path, paths)):
            _check_cancelled(cancelled)
            if reading is not None:
                reading(path, n, len(paths))
            fmt = formats.detect(path) if format == "auto" else formats.get(format)
            if not fmt.can_read:
                raise InputError(f"the {fmt.name} format can be exported but not imported.")
            result = fmt.read(path, scheme=scheme, **options)
            if label_map:
                from annotator.formats.labels import map_documents

                map_documents(result.documents, label_map)
            docs.extend(result.documents)
            warnings.extend(result.warnings)
            if result.scheme is not None and result.scheme.sha256 != scheme.sha256:
                scheme = result.scheme
                warnings.append(f"{path}: the project's scheme {scheme.name!r} is now version {scheme.version}, "
                                "with the types this import brings.")
        _check_cancelled(cancelled)
        report = self.add_documents(docs, annotator=annotator, progress=progress, cancelled=cancelled,
                                    scheme=scheme if scheme is not self.scheme else None)
        report.warnings[:0] = warnings
        return report

    def add_documents(self: Project, documents: Iterable[Document | dict[str, Any] | str], *, annotator: str | None = None,
                      progress: ProgressCallback | None = None, source: str = "", cancelled: Callable[[], bool] | None = None,
                      scheme: Scheme | None = None) -> ImportReport:
        """Add documents (``Document`` records, ``{"text", "name"?, "meta"?}`` dicts, or
        plain strings) with any annotations they carry, in one transaction.

        ``scheme``, if given, becomes the project's scheme in the same transaction (the
        annotations are checked against it).  ``cancelled()`` returning True before the
        commit raises ``ImportCancelled`` and leaves the project unchanged.
        """
        docs = [_as_document(d, i) for i, d in enumerate(documents, 1)]
        report = ImportReport()
        default_ann = annotator or self.annotator
        target = scheme or self.scheme
        for n, doc in enumerate(docs):
            doc.sha256 = text_sha256(doc.text)
            if n % 256 == 0:
                _check_cancelled(cancelled)
            if doc.annotations:
                self._check_annotations(doc, target)
        undo.set_active(self.conn, False)
        try:
            with dbmod.transaction(self.db):
                # the known texts are read under the write lock: another process importing
                # the same texts at the same time has committed or not started yet
                plan = self._plan(docs, report)
                if scheme is not None:
                    self._store_scheme(scheme)
                self._write_plan(plan, report, default_ann, source, progress, cancelled)
                _check_cancelled(cancelled)  # the last chance: after this, the commit
        except BaseException:
            self._scheme = None  # what this connection cached may have been rolled back
            self._annotator_ids.clear()
            raise
        finally:
            undo.set_active(self.conn, True)
        if report.attached or report.added:
            self.history.clear()  # undo steps must not cross an import
        return report

    def _write_plan(self: Project, plan: list[tuple[Document, int | str | None]], report: ImportReport, default_ann: str,
                    source: str, progress: ProgressCallback | None, cancelled: Callable[[], bool] | None) -> None:
        """Insert the planned documents and annotations (inside the caller's transaction)."""
        from annotator.store.project import now

        pending: list[tuple[Any, ...]] = []
        stamp = now()
        new_ids: dict[str, int] = {}
        total = len(plan)
        for n, (doc, existing_id) in enumerate(plan, 1):
            _check_cancelled(cancelled)
            if isinstance(existing_id, str):  # a duplicate of a document of this import
                if pending:
                    report.added.extend(self._insert_documents(pending))
                    pending.clear()
                existing_id = new_ids.get(existing_id) or self.conn.execute(
                    "SELECT id FROM documents WHERE sha256 = ?", (existing_id,)).fetchone()[0]
            if existing_id is None and not doc.annotations:
                pending.append((doc.name, doc.text, doc.sha256, len(doc.text),
                                _meta_json(doc.meta), doc.source or source, stamp))
                if len(pending) >= 500:
                    report.added.extend(self._insert_documents(pending))
                    pending.clear()
            else:
                if pending:
                    report.added.extend(self._insert_documents(pending))
                    pending.clear()
                if existing_id is None:
                    existing_id = self._insert_documents([(doc.name, doc.text, doc.sha256, len(doc.text),
                                                           _meta_json(doc.meta), doc.source or source, stamp)])[0]
                    report.added.append(existing_id)
                    new_ids[doc.sha256] = existing_id
                elif existing_id not in report.attached and existing_id not in report.added:
                    report.attached.append(existing_id)
                for who, ann in doc.annotations.items():
                    self._insert_annotations(existing_id, doc.text, who or default_ann, ann, report)
            if progress and (n % 200 == 0 or n == total):
                progress(n, total)
        if pending:
            report.added.extend(self._insert_documents(pending))
        self._log("import", None, {"added": len(report.added), "attached": len(report.attached), "skipped": len(report.skipped)})

    def _insert_documents(self: Project, rows: list[tuple[Any, ...]]) -> list[int]:
        first = self.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0] + 1
        self.conn.executemany(
            "INSERT INTO documents(name, text, sha256, length, meta, source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
        return list(range(first, first + len(rows)))

    def _plan(self: Project, docs: list[Document], report: ImportReport) -> list[tuple[Document, int | str | None]]:
        """Pair each document with the id of the project's document of the same text (or
        the sha256 of an earlier document of this import), or None for a new one (each
        document's ``sha256`` is set already)."""
        known: dict[str, int] = {}
        shas = list({d.sha256 for d in docs})
        for i in range(0, len(shas), 900):
            chunk = shas[i : i + 900]
            for sha, did in self.conn.execute(
                f"SELECT sha256, id FROM documents WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk
            ):
                known[sha] = did
        plan: list[tuple[Document, int | str | None]] = []
        seen: dict[str, Document] = {}
        for doc in docs:
            has_annotations = any(not a.is_empty() or a.status for a in doc.annotations.values())
            if doc.sha256 in seen:
                first = seen[doc.sha256]
                if has_annotations:
                    plan.append((doc, known.get(doc.sha256, doc.sha256)))  # attach to the earlier one
                else:
                    report.skipped.append(f"{doc.name or 'a document'}: the same text as {first.name!r} earlier in this import; skipped.")
                continue
            seen[doc.sha256] = doc
            existing = known.get(doc.sha256)
            if existing is not None and not has_annotations:
                report.skipped.append(f"{doc.name or 'a document'}: the project already has this text (document {existing}); skipped.")
                continue
            plan.append((doc, existing))
        return plan

    def _check_annotations(self: Project, doc: Document, scheme: Scheme | None = None) -> None:
        """Raise ``InputError`` if ``doc``'s annotations do not fit its text or ``scheme``
        (default: the project's)."""
        scheme = scheme or self.scheme
        where = f"{doc.source or doc.name}: "
        unknown: set[str] = set()
        span_labels = scheme.span_labels  # a property that builds the set each time
        for ann in doc.annotations.values():
            ids = set()
            for span in ann.spans:
                if span.label not in span_labels:
                    unknown.add(span.label)
                try:
                    check_fragments(doc.text, span.fragments, where)
                except ProjectError as exc:
                    raise InputError(str(exc)) from None
                ids.add(span.id)
            for ev in ann.events:
                etype = scheme.event(ev.type)
                if etype is None:
                    unknown.add(ev.type)
                refs = [ev.trigger, *(a.span for a in ev.arguments)]
                for a in ev.arguments:
                    if etype is not None and etype.role(a.role) is None:
                        raise InputError(f"{where}event type {ev.type!r} has no role {a.role!r} in the project's scheme.")
                self._check_refs(where, ids, refs, f"event {ev.id or ev.type}")
            for rel in ann.relations:
                if scheme.relation(rel.type) is None:
                    unknown.add(rel.type)
                self._check_refs(where, ids, [rel.source, rel.target], f"relation {rel.id or rel.type}")
            for st in ann.stances:
                if st.label not in scheme.stance_labels:
                    unknown.add(st.label)
                refs = [*st.evidence, *([st.holder] if st.holder is not None else []), *([st.target] if st.target_kind == "span" else [])]
                self._check_refs(where, ids, refs, f"stance {st.id or st.label}")
            others = {"event": {e.id for e in ann.events}, "relation": {r.id for r in ann.relations}}
            for norm in ann.normalizations:
                self._check_refs(where, ids if norm.target_kind == "span" else others.get(norm.target_kind, set()),
                                 [norm.target], f"normalisation {norm.id or norm.reference}")
            for lset, labels in ann.doc_labels.items():
                dset = scheme.doc_label_set(lset)
                if dset is None or any(lab not in dset.labels for lab in labels):
                    unknown.update(f"{lset}:{lab}" for lab in labels if dset is None or lab not in dset.labels)
        if unknown:
            raise InputError(
                f"{where}these labels are not in the project's scheme: {', '.join(sorted(unknown))}; "
                "add them to the scheme (or import a brat annotation.conf) and import again."
            )

    @staticmethod
    def _check_refs(where: str, ids: set[Any], refs: list[Any], what: str) -> None:
        missing = [r for r in refs if r not in ids]
        if missing:
            raise InputError(f"{where}{what} points at {', '.join(map(str, missing))}, which is not a span of the same document.")

    def _insert_annotations(self: Project, document_id: int, text: str, who: str, ann: Annotations, report: ImportReport) -> None:
        from annotator.store.project import GOLD

        aid = self.annotator_id(who, kind="gold" if who == GOLD else "human")
        existing = {(s.label, tuple(map(tuple, s.fragments))): s.id for s in self.spans(document_id, who)}
        ids: dict[Any, int] = {}
        for span in ann.spans:
            frags = check_fragments(text, span.fragments)
            key = (span.label, tuple(frags))
            if key in existing:
                ids[span.id] = existing[key]
                continue
            sid = self._insert_span(document_id, aid, span.label, frags, text)
            existing[key] = ids[span.id] = sid
            report.spans += 1
            self._insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes)
        targets: dict[tuple[str, Any], int] = {("span", k): v for k, v in ids.items()}
        for ev in ann.events:
            eid = self._insert_event(document_id, aid, ev.type, ids[ev.trigger], [(a.role, ids[a.span]) for a in ev.arguments])
            report.events += 1
            targets["event", ev.id] = eid
            self._insert_extras(document_id, aid, "event_id", eid, ev.attributes, ev.notes)
        for rel in ann.relations:
            rid = self._insert_relation(document_id, aid, rel.type, ids[rel.source], ids[rel.target])
            report.relations += 1
            targets["relation", rel.id] = rid
            self._insert_extras(document_id, aid, "relation_id", rid, rel.attributes, rel.notes)
        for norm in ann.normalizations:
            column = f"{norm.target_kind}_id"
            self.conn.execute(
                f"INSERT INTO notes(document_id, annotator_id, {column}, kind, reference, text, created_at) "
                "VALUES (?, ?, ?, 'normalization', ?, ?, ?)",
                (document_id, aid, targets[norm.target_kind, norm.target], norm.reference, norm.text, _now()),
            )
        for st in ann.stances:
            target = ids[st.target] if st.target_kind == "span" else st.target
            holder = ids[st.holder] if st.holder is not None else None
            sid = self._insert_stance(document_id, aid, st.label, st.scope, st.target_kind, target, holder, [ids[e] for e in st.evidence])
            report.stances += 1
            self._insert_extras(document_id, aid, "stance_id", sid, st.attributes, [])
        for lset, labels in ann.doc_labels.items():
            self.conn.executemany(
                "INSERT OR IGNORE INTO document_labels(document_id, annotator_id, label_set, label) VALUES (?, ?, ?, ?)",
                [(document_id, aid, lset, lab) for lab in labels],
            )
        for note in ann.notes:
            self._insert_note(document_id, aid, note)
        if ann.status:
            self._put_status(document_id, aid, ann.status)
        elif not ann.is_empty():
            self._touch_status(document_id, aid)

    def _insert_extras(self: Project, document_id: int, aid: int, column: str, oid: int, attributes: dict[str, Any], notes: list[str]) -> None:
        self.conn.executemany(
            f"INSERT OR REPLACE INTO attributes({column}, name, value) VALUES (?, ?, ?)",
            [(oid, k, json.dumps(v, ensure_ascii=False)) for k, v in attributes.items()],
        )
        if column != "stance_id":
            for note in notes:
                self._insert_note(document_id, aid, note, **{column: oid})

    def _insert_note(self: Project, document_id: int, aid: int, text: str, **target: int) -> None:
        from annotator.store.project import now

        cols = ["document_id", "annotator_id", "text", "created_at", *target]
        self.conn.execute(
            f"INSERT INTO notes({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [document_id, aid, text, now(), *target.values()],
        )


def _as_document(item: Document | dict[str, Any] | str, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(text=item, name=f"document {n}")
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return Document(text=item["text"], name=str(item.get("name") or item.get("id") or f"document {n}"), meta=dict(item.get("meta") or {}))
    raise InputError(f"item {n}: a document is a Document, a string, or a dict with a 'text' string.")



def _now() -> str:
    from annotator.store.project import now

    return now()


def _meta_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False) if meta else "{}"
