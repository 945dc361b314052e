"""Bringing documents (and annotations read with them) into a project, all or nothing.

Everything is read and checked before anything is written; then one transaction adds it
all.  A document whose text is already in the project (the same sha256) is not added
twice: with annotations, they are attached to the existing document under the importing
annotator; without, it is skipped with a notice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.decoding import normalize_newlines, text_sha256
from annotator.core.errors import Cancelled, InputError, ProjectError
from annotator.core.model import Annotations, Document
from annotator.core.scheme import Scheme
from annotator.core.wording import count
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.annotations import Items, check_fragments
from annotator.store.annotators import GOLD, Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.edits import Edits
from annotator.store.settings import Settings, now
from annotator.store.stances import Stances
from annotator.store.status import Status

#: ``progress(done, total)``, called as a long operation goes
ProgressCallback = Callable[[int, int], Any]

#: The longest document an import takes (in code points): a longer one cannot be shown or
#: annotated in one piece (a 180 MB one-line file is refused, not half-read).
MAX_DOCUMENT_CHARS = 20_000_000


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


class Importing:
    """Adding documents with their annotations, all or nothing: a part of ``Project``
    (the file pipeline above it is ``annotator.transfer.importing``); merges write
    layers through it too."""

    def __init__(self, db: SQLiteBackend, settings: Settings, people: Annotators, statuses: Status, edits: Edits,
                 items: Items, stance_items: Stances) -> None:
        self.db = db
        self.settings = settings
        self.people = people
        self.statuses = statuses
        self.edits = edits
        self.items = items
        self.stance_items = stance_items

    @property
    def conn(self) -> Any:
        return self.db.conn

    def add_documents(self, documents: Iterable[Document | dict[str, Any] | str], *, annotator: str | None = None,
                      progress: ProgressCallback | None = None, source: str = "", cancelled: Callable[[], bool] | None = None,
                      scheme: Scheme | None = None) -> ImportReport:
        """Add documents (``Document`` records, ``{"text", "name"?, "meta"?}`` dicts, or
        plain strings) with any annotations they carry, in one transaction.

        ``scheme``, if given, becomes the project's scheme in the same transaction (the
        annotations are checked against it).  ``cancelled()`` returning True before the
        commit raises ``ImportCancelled`` and leaves the project unchanged.
        """
        docs = [_as_document(d, i) for i, d in enumerate(documents, 1)]
        for doc in docs:
            if len(doc.text) > MAX_DOCUMENT_CHARS:
                raise InputError(f"{doc.source or doc.name}: the document has {len(doc.text):,} characters, more than the "
                                 f"{MAX_DOCUMENT_CHARS:,} one document may hold; split it into smaller documents.")
        report = ImportReport()
        default_ann = annotator or self.people.current
        target = scheme or self.settings.scheme
        for n, doc in enumerate(docs):
            doc.sha256 = text_sha256(doc.text)
            if n % 256 == 0:
                _check_cancelled(cancelled)
            if doc.annotations:
                self.check_annotations(doc, target)
        undo.set_active(self.conn, False)
        try:
            with dbmod.transaction(self.db):
                # the known texts are read under the write lock: another process importing
                # the same texts at the same time has committed or not started yet
                plan = self._plan(docs, report)
                if scheme is not None:
                    self.settings.store_scheme(scheme)
                self._write_plan(plan, report, default_ann, source, progress, cancelled)
                _check_cancelled(cancelled)  # the last chance: after this, the commit
        except BaseException:
            # what this connection cached may have been rolled back
            self.settings.forget()
            self.people.forget()
            raise
        finally:
            undo.set_active(self.conn, True)
        if report.attached or report.added:
            self.edits.history.clear()  # undo steps must not cross an import
        return report

    def _write_plan(self, plan: list[tuple[Document, int | str | None]], report: ImportReport, default_ann: str,
                    source: str, progress: ProgressCallback | None, cancelled: Callable[[], bool] | None) -> None:
        """Insert the planned documents and annotations (inside the caller's transaction)."""
        pending: list[tuple[Any, ...]] = []
        stamp = now()
        new_ids: dict[str, int] = {}
        total = len(plan)
        for n, (doc, existing_id) in enumerate(plan, 1):
            _check_cancelled(cancelled)
            if isinstance(existing_id, str):  # a duplicate of a document of this import
                if pending:
                    report.added.extend(self.insert_documents(pending))
                    pending.clear()
                existing_id = new_ids.get(existing_id) or self.conn.execute(
                    "SELECT id FROM documents WHERE sha256 = ?", (existing_id,)).fetchone()[0]
            if existing_id is None and not doc.annotations:
                pending.append((doc.name, doc.text, doc.sha256, len(doc.text),
                                meta_json(doc.meta), doc.source or source, stamp))
                if len(pending) >= 500:
                    report.added.extend(self.insert_documents(pending))
                    pending.clear()
            else:
                if pending:
                    report.added.extend(self.insert_documents(pending))
                    pending.clear()
                fresh = existing_id is None
                if existing_id is None:
                    existing_id = self.insert_documents([(doc.name, doc.text, doc.sha256, len(doc.text),
                                                           meta_json(doc.meta), doc.source or source, stamp)])[0]
                    report.added.append(existing_id)
                    assert doc.sha256 is not None  # set by add_documents
                    new_ids[doc.sha256] = existing_id
                elif existing_id not in report.attached and existing_id not in report.added:
                    report.attached.append(existing_id)
                for who, ann in doc.annotations.items():
                    self._insert_annotations(existing_id, doc.text, who or default_ann, ann, report, fresh)
            if progress and (n % 200 == 0 or n == total):
                progress(n, total)
        if pending:
            report.added.extend(self.insert_documents(pending))
        self.edits.log("import", None, {"added": len(report.added), "attached": len(report.attached), "skipped": len(report.skipped)})

    def insert_documents(self, rows: list[tuple[Any, ...]]) -> list[int]:
        # the ids SQLite gives next: after the largest it ever gave (AUTOINCREMENT), not the
        # largest there now
        first = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM documents), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'documents'), 0))").fetchone()[0] + 1
        self.conn.executemany(
            "INSERT INTO documents(name, text, sha256, length, meta, source, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
        )
        return list(range(first, first + len(rows)))

    def _plan(self, docs: list[Document], report: ImportReport) -> list[tuple[Document, int | str | None]]:
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
            assert doc.sha256 is not None  # set by add_documents
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

    def check_annotations(self, doc: Document, scheme: Scheme | None = None) -> None:
        """Raise ``InputError`` if ``doc``'s annotations do not fit its text or ``scheme``
        (default: the project's)."""
        scheme = scheme or self.settings.scheme
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
            for kind, objs in (("entity", ann.spans), ("event", ann.events), ("relation", ann.relations)):
                for obj in objs:
                    for name, value in obj.attributes.items():
                        _check_attribute(scheme, where, kind, name, value, unknown)
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

    def _insert_annotations(self, document_id: int, text: str, who: str, ann: Annotations, report: ImportReport,
                            fresh: bool = False) -> None:
        aid = self.people.me(who, kind="gold" if who == GOLD else "human")
        # a document this import just added has no spans yet: nothing to look up
        existing: dict[Any, Any] = ({} if fresh else
                    {(s.label, tuple(map(tuple, s.fragments))): s.id for s in self.items.spans(document_id, who)})
        self.insert_layer(document_id, text, aid, ann, report, existing)
        if ann.status:
            self.statuses.put(document_id, aid, ann.status)
        elif not ann.is_empty():
            self.statuses.touch(document_id, aid)

    def insert_layer(self, document_id: int, text: str, aid: int, ann: Annotations, report: ImportReport,
                      existing: dict[Any, int]) -> None:
        """Insert what ``ann`` holds (checked already) into annotator ``aid``'s layer, but
        its status: spans (but those in ``existing``, ``{(label, fragments): id}``), events,
        relations, normalisations, stances, document labels, notes.  Imports and merges
        both write layers here."""
        ids = self._insert_spans(document_id, aid, text, ann.spans, existing, report)
        targets: dict[tuple[str, Any], int] = {("span", k): v for k, v in ids.items()}
        for ev in ann.events:
            eid = self.items.insert_event(document_id, aid, ev.type, ids[ev.trigger], [(a.role, ids[a.span]) for a in ev.arguments])
            report.events += 1
            targets["event", ev.id] = eid
            self.items.insert_extras(document_id, aid, "event_id", eid, ev.attributes, ev.notes)
        for rel in ann.relations:
            rid = self.items.insert_relation(document_id, aid, rel.type, ids[rel.source], ids[rel.target])
            report.relations += 1
            targets["relation", rel.id] = rid
            self.items.insert_extras(document_id, aid, "relation_id", rid, rel.attributes, rel.notes)
        for norm in ann.normalizations:
            self.items.insert_note(document_id, aid, norm.text, {f"{norm.target_kind}_id": targets[norm.target_kind, norm.target]},
                                   kind="normalization", reference=norm.reference)
        for st in ann.stances:
            target = ids[st.target] if st.target_kind == "span" else st.target
            holder = ids[st.holder] if st.holder is not None else None
            sid = self.stance_items.insert_stance(document_id, aid, st.label, st.scope, st.target_kind, target, holder, [ids[e] for e in st.evidence])
            report.stances += 1
            self.items.insert_extras(document_id, aid, "stance_id", sid, st.attributes, [])
        for lset, labels in ann.doc_labels.items():
            self.conn.executemany(
                "INSERT OR IGNORE INTO document_labels(document_id, annotator_id, label_set, label) VALUES (?, ?, ?, ?)",
                [(document_id, aid, lset, lab) for lab in labels],
            )
        for note in ann.notes:
            self.items.insert_note(document_id, aid, note)

    def _insert_spans(self, document_id: int, aid: int, text: str, spans: list[Any], existing: dict[Any, int],
                      report: ImportReport) -> dict[Any, int]:
        """Insert a layer's spans with two ``executemany`` (spans, fragments), not two
        statements per span (the caller holds the write transaction, so the ids given are
        the table's next ones); a span the layer already has (same label and fragments) is
        not added twice.  Return ``{span id in the record: id in the project}``.  The
        fragments were checked against the text before the transaction."""
        stamp = now()
        ids: dict[Any, int] = {}
        span_rows: list[tuple[Any, ...]] = []
        frag_rows: list[tuple[Any, ...]] = []
        extras: list[tuple[int, Any]] = []
        next_id = 0
        for span in spans:
            frags = span.fragments
            if len(frags) == 1:
                (s, e), = frags
                frags = [(int(s), int(e))]
            else:
                frags = sorted((int(s), int(e)) for s, e in frags)
            key = (span.label, tuple(frags))
            sid = existing.get(key)
            if sid is not None:
                ids[span.id] = sid
                continue
            if not next_id:
                # after the largest id the table ever gave (AUTOINCREMENT), not the largest there now
                next_id = self.conn.execute(
                    "SELECT max(coalesce((SELECT max(id) FROM spans), 0), "
                    "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'spans'), 0))").fetchone()[0] + 1
            sid = next_id
            next_id += 1
            if len(frags) == 1:
                s, e = frags[0]
                surface = text[s:e]
                span_rows.append((sid, document_id, aid, span.label, s, e, surface, stamp))
                frag_rows.append((sid, 0, s, e, surface))
            else:
                span_rows.append((sid, document_id, aid, span.label, frags[0][0], max(e for _, e in frags),
                                  " ".join(text[s:e] for s, e in frags), stamp))
                frag_rows.extend((sid, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags))
            existing[key] = ids[span.id] = sid
            if span.attributes or span.notes:
                extras.append((sid, span))
        if span_rows:
            self.conn.executemany("INSERT INTO spans(id, document_id, annotator_id, label, start, end, surface, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", span_rows)
            self.conn.executemany("INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)", frag_rows)
            report.spans += len(span_rows)
        for sid, span in extras:
            self.items.insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes)
        return ids


def _as_document(item: Document | dict[str, Any] | str, n: int) -> Document:
    """Return ``item`` as a ``Document`` whose text has LF line ends only (CRLF and CR
    become LF, as on import; a record's offsets are moved to match)."""
    if isinstance(item, Document):
        return _lf(item) if "\r" in item.text else item
    if isinstance(item, str):
        return Document(text=normalize_newlines(item), name=f"document {n}")
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return Document(text=normalize_newlines(item["text"]), name=str(item.get("name") or item.get("id") or f"document {n}"),
                        meta=dict(item.get("meta") or {}))
    raise InputError(f"item {n}: a document is a Document, a string, or a dict with a 'text' string.")


def _lf(doc: Document) -> Document:
    """Turn ``doc``'s CRLF and CR into LF, moving its spans' offsets (a CRLF is one character less)."""
    from bisect import bisect_left

    crs = [i for i, c in enumerate(doc.text) if c == "\r" and doc.text[i + 1 : i + 2] == "\n"]

    def moved(x: int) -> int:
        return x - bisect_left(crs, x)

    for ann in doc.annotations.values():
        for span in ann.spans:
            span.fragments = [(moved(a), moved(b)) for a, b in span.fragments]
    doc.text = normalize_newlines(doc.text)
    return doc



def _batch(items: Iterator[Document], most: int = 256, chars: int = 1_000_000) -> list[Document]:
    """Return the next documents of ``items``: up to ``most``, or fewer that hold ``chars`` of text."""
    out: list[Document] = []
    size = 0
    for doc in items:
        out.append(doc)
        size += len(doc.text)
        if len(out) >= most or size >= chars:
            break
    return out


def _check_attribute(scheme: Scheme, where: str, kind: str, name: str, value: Any, unknown: set[str]) -> None:
    """Add an attribute the scheme lacks to ``unknown``; raise ``InputError`` for a value
    the scheme's attribute cannot take."""
    adef = scheme.attribute(name)
    if adef is None:
        unknown.add(f"attribute {name}")
        return
    ok = isinstance(value, bool) if adef.binary else isinstance(value, str) and value in adef.values
    if not ok:
        allowed = "true or false" if adef.binary else ", ".join(adef.values)
        raise InputError(f"{where}the attribute {name!r} has the value {value!r}; the scheme allows {allowed}.")


def meta_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False) if meta else "{}"
