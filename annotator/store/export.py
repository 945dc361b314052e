"""Bulk reads for exports: documents with every annotation layer, a batch at a time.

``Project.annotations(doc, annotator)`` costs a dozen queries per document; an export of
ten thousand documents reads them in batches instead, a query per table per batch, and
checks every fragment's stored surface against the text as it goes
(``text[start:end] == surface``), so a corrupt span stops the export before anything is
written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from annotator.core.errors import ExportError, ProjectError
from annotator.core.model import (
    Annotations,
    Argument,
    Document,
    Event,
    Normalization,
    Relation,
    Span,
    Stance,
)
from annotator.store.backend import SQLiteBackend
from annotator.store.documents import STATUSES, Documents

Layers = dict[str, Annotations]


class Export:
    """The bulk reader of a project, used by ``annotator.transfer.export`` (and by merge and
    agreement): a part of ``Project`` that owns no table."""

    def __init__(self, db: SQLiteBackend, docs: Documents) -> None:
        self.db = db
        self.docs = docs

    @property
    def conn(self) -> Any:
        return self.db.conn

    def export_document_ids(self, *, annotators: Sequence[str] | None = None, status: str | None = None,
                            touched: bool = False) -> list[int]:
        """Return the ids of the documents to export, in import order: every document, or
        with ``status`` those that one of ``annotators`` (default: anyone) has marked so, or
        with ``touched`` those that one of them has a status or an annotation on."""
        if status is None and touched:
            aids = self.annotator_ids(annotators)
            cond = _in("annotator_id", aids)
            sql = " OR ".join(f"EXISTS (SELECT 1 FROM {t} x WHERE x.document_id = d.id{cond})"
                              for t in ("document_status", "spans", "stances", "document_labels", "notes"))
            return [r[0] for r in self.conn.execute(f"SELECT id FROM documents d WHERE {sql} ORDER BY id", (aids or []) * 5)]
        if status is None:
            return self.docs.ids()
        if status not in STATUSES:
            raise ProjectError(f"status must be one of {', '.join(STATUSES)}, not {status!r}.")
        aids = self.annotator_ids(annotators)
        if status == "new":
            sql = ("SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                   f"AND s.status != 'new'{_in('s.annotator_id', aids)}) ORDER BY id")
        else:
            sql = ("SELECT id FROM documents d WHERE EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                   f"AND s.status = ?{_in('s.annotator_id', aids)}) ORDER BY id")
        params = ([] if status == "new" else [status]) + (aids or [])
        return [r[0] for r in self.conn.execute(sql, params)]

    def annotator_ids(self, annotators: Sequence[str] | None) -> list[int] | None:
        if annotators is None:
            return None
        known = dict(self.conn.execute("SELECT name, id FROM annotators").fetchall())
        return [known[a] for a in annotators if a in known]

    def iter_export(self, document_ids: Sequence[int], *, annotators: Sequence[str] | None = None,
                    batch: int = 256) -> Iterator[tuple[Document, Layers]]:
        """Yield each document (with text) and ``{annotator: Annotations}`` for the given
        annotators (default: everyone who annotated it), checking every span's surface.

        Span, event, relation and stance ids are database ids; layers are in annotator
        order, items in the order ``Project.annotations`` gives.  Raises ``ExportError``
        naming the document and span whose stored surface differs from the text.
        """
        aids = self.annotator_ids(annotators)
        names = dict(self.conn.execute("SELECT id, name FROM annotators").fetchall())
        for i in range(0, len(document_ids), batch):
            ids = list(document_ids[i : i + batch])
            yield from _Batch(self, ids, aids, names).read()


def _in(column: str, values: list[int] | None) -> str:
    if values is None:
        return ""
    return f" AND {column} IN ({','.join('?' * len(values))})" if values else " AND 0"


class _Batch:
    """One batch of documents read with a query per table."""

    def __init__(self, reader: Export, ids: list[int], aids: list[int] | None, names: dict[int, str]) -> None:
        self.p = reader
        self.ids = ids
        self.aids = aids
        self.names = names
        self.layers: dict[int, dict[int, Annotations]] = {d: {} for d in ids}

    def q(self, sql: str, alias: str, extra: str = "") -> Any:
        """Run ``sql`` with ``{where}`` replaced by this batch's document (and annotator) filter."""
        ids = self.ids
        if ids[-1] - ids[0] + 1 == len(ids):  # a run of ids: a range scan, in index order
            where, params = f"{alias}.document_id BETWEEN ? AND ?", [ids[0], ids[-1]]
        else:
            where, params = f"{alias}.document_id IN ({','.join('?' * len(ids))})", list(ids)
        where += _in(f"{alias}.annotator_id", self.aids)
        return self.p.conn.execute(sql.replace("{where}", where) + extra, [*params, *(self.aids or [])])

    def layer(self, doc: int, aid: int) -> Annotations:
        ann = self.layers[doc].get(aid)
        if ann is None:
            ann = self.layers[doc][aid] = Annotations()
        return ann

    def read(self) -> Iterator[tuple[Document, Layers]]:
        marks = ",".join("?" * len(self.ids))
        docs = self.p.conn.execute(
            f"SELECT id, name, text, meta, sha256, source FROM documents WHERE id IN ({marks}) ORDER BY id", self.ids
        ).fetchall()
        texts = {r[0]: r[2] for r in docs}
        spans = self._spans(texts)
        events = self._events()
        relations = self._relations()
        self._stances()
        self._attributes(spans, events, relations)
        self._notes(spans, events, relations)
        for doc, aid, lset, label in self.q("SELECT l.document_id, l.annotator_id, l.label_set, l.label FROM document_labels l "
                                             "WHERE {where}", "l", " ORDER BY l.id"):
            self.layer(doc, aid).doc_labels.setdefault(lset, []).append(label)
        for doc, aid, status in self.q("SELECT s.document_id, s.annotator_id, s.status FROM document_status s WHERE {where}", "s"):
            self.layer(doc, aid).status = status
        # hold a document's layers only until it is handed on, and the rows only until here:
        # every object kept alive is walked again by each of Python's full collections
        del spans, events, relations, texts
        docs.reverse()
        while docs:
            did, name, text, meta, sha, source = docs.pop()
            layers = self.layers.pop(did)
            for ann in layers.values():
                ann.status = ann.status or "new"
            yield (Document(text=text, name=name, meta=json.loads(meta), id=did, sha256=sha, source=source),
                   {self.names[a]: layers[a] for a in sorted(layers)})

    def _spans(self, texts: dict[int, str]) -> dict[int, Span]:
        out: dict[int, Span] = {}
        # in the order of the index on spans (document, annotator, start, then id): SQLite
        # sorts nothing, where ordering by end before id made it sort every batch (a third of
        # the read); the few spans that share a start with a longer one are put in order here
        rows = self.q("SELECT s.id, s.document_id, s.annotator_id, s.label, s.start, s.end, f.start, f.end, f.surface "
                      "FROM spans s JOIN fragments f ON f.span_id = s.id WHERE {where}", "s",
                      " ORDER BY s.document_id, s.annotator_id, s.start, s.id, f.seq")
        names = self.names
        new = object.__new__
        last_sid = last_doc = last_aid = last_start = None
        last_end = 0
        span: Any = None
        text = who = ""
        spans: list[Span] = []
        keys: list[tuple[int, int]] = []
        unsorted: list[tuple[list[Span], list[tuple[int, int]]]] = []
        # rows of one span are consecutive; spans are built without dataclass __init__ (a
        # million of them in a large export)
        for sid, doc, aid, label, ss, se, fs, fe, fsurf in rows:
            if doc != last_doc or aid != last_aid:
                last_doc, last_aid, text, who = doc, aid, texts[doc], names[aid]
                spans, keys = self.layer(doc, aid).spans, []
                last_start = None
            if text[fs:fe] != fsurf:
                self._corrupt(doc, sid, label, who, fs, fe, fsurf, text)
            if sid == last_sid:
                span.fragments.append((fs, fe))
                span.surface += " " + fsurf
                continue
            if ss == last_start and se < last_end:
                if not unsorted or unsorted[-1][0] is not spans:
                    unsorted.append((spans, keys))
            last_sid, last_start, last_end = sid, ss, se
            span = new(Span)
            span.__dict__ = {"label": label, "fragments": [(fs, fe)], "id": sid, "document_id": doc, "annotator": who,
                             "surface": fsurf, "attributes": {}, "notes": []}
            spans.append(span)
            keys.append((ss, se))
            out[sid] = span
        for layer, order in unsorted:  # by (start, end), and by id where both are equal (a stable sort)
            layer[:] = [layer[i] for i in sorted(range(len(layer)), key=order.__getitem__)]
        return out

    def _corrupt(self, doc: int, sid: int, label: str, who: str, fs: int, fe: int, fsurf: str, text: str) -> None:
        raise ExportError(
            f"document {doc} ({self.p.docs.name(doc)}): span {sid} ({label}) by {who} stores "
            f"{fsurf!r} at {fs}..{fe}, but the text there is {text[fs:fe]!r}; nothing was written "
            "(run 'annotator validate' to list every problem).")

    def _events(self) -> dict[int, Event]:
        out: dict[int, Event] = {}
        for eid, doc, aid, etype, trigger in self.q(
            "SELECT e.id, e.document_id, e.annotator_id, e.type, e.trigger_span_id FROM events e "
            "JOIN spans t ON t.id = e.trigger_span_id WHERE {where}", "e", " ORDER BY e.document_id, t.start, e.id"
        ):
            ev = out[eid] = Event(type=etype, trigger=trigger, id=eid, annotator=self.names[aid])
            self.layer(doc, aid).events.append(ev)
        if out:
            for arg_id, eid, role, sid in self.q(
                "SELECT a.id, a.event_id, a.role, a.span_id FROM event_arguments a JOIN events e ON e.id = a.event_id "
                "WHERE {where}", "e", " ORDER BY a.id"
            ):
                out[eid].arguments.append(Argument(role=role, span=sid, id=arg_id))
        return out

    def _relations(self) -> dict[int, Relation]:
        out: dict[int, Relation] = {}
        for rid, doc, aid, rtype, src, tgt in self.q(
            "SELECT r.id, r.document_id, r.annotator_id, r.type, r.source_span_id, r.target_span_id FROM relations r "
            "WHERE {where}", "r", " ORDER BY r.id"
        ):
            rel = out[rid] = Relation(type=rtype, source=src, target=tgt, id=rid, annotator=self.names[aid])
            self.layer(doc, aid).relations.append(rel)
        return out

    def _stances(self) -> None:
        out: dict[int, Stance] = {}
        for sid, doc, aid, label, scope, kind, ttext, tspan, holder in self.q(
            "SELECT s.id, s.document_id, s.annotator_id, s.label, s.scope, s.target_kind, s.target_text, s.target_span_id, "
            "s.holder_span_id FROM stances s WHERE {where}", "s", " ORDER BY s.id"
        ):
            st = out[sid] = Stance(label=label, scope=scope, target_kind=kind, target=tspan if kind == "span" else ttext,
                                   holder=holder, id=sid, annotator=self.names[aid])
            self.layer(doc, aid).stances.append(st)
        if out:
            for sid, span in self.q("SELECT e.stance_id, e.span_id FROM stance_evidence e JOIN stances s ON s.id = e.stance_id "
                                    "WHERE {where}", "s", " ORDER BY e.id"):
                out[sid].evidence.append(span)
            self._attrs("stance_id", "stances", out)

    def _attrs(self, column: str, table: str, items: dict[int, Any]) -> None:
        for oid, name, value in self.q(f"SELECT a.{column}, a.name, a.value FROM attributes a JOIN {table} x ON x.id = a.{column} "
                                       "WHERE {where}", "x", " ORDER BY a.id"):
            items[oid].attributes[name] = json.loads(value)

    def _attributes(self, spans: dict[int, Span], events: dict[int, Event], relations: dict[int, Relation]) -> None:
        for column, table, items in (("span_id", "spans", spans), ("event_id", "events", events),
                                     ("relation_id", "relations", relations)):
            if items:
                self._attrs(column, table, items)

    def _notes(self, spans: dict[int, Span], events: dict[int, Event], relations: dict[int, Relation]) -> None:
        for nid, doc, aid, sid, eid, rid, kind, ref, text in self.q(
            "SELECT n.id, n.document_id, n.annotator_id, n.span_id, n.event_id, n.relation_id, n.kind, n.reference, n.text "
            "FROM notes n WHERE {where}", "n", " ORDER BY n.id"
        ):
            owner: Any = spans.get(sid) if sid else events.get(eid) if eid else relations.get(rid) if rid else None
            if kind == "normalization":
                if owner is not None:
                    tkind = "span" if sid else "event" if eid else "relation"
                    self.layer(doc, aid).normalizations.append(
                        Normalization(target=sid or eid or rid, reference=ref or "", text=text, target_kind=tkind, id=nid))
            elif owner is not None:
                owner.notes.append(text)
            elif not (sid or eid or rid):
                self.layer(doc, aid).notes.append(text)
