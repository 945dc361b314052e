"""Counts and checks over a whole project, for ``annotator stats`` and ``annotator validate``:
a part of ``Project`` that owns no table; it reads layers through the ``Layers`` part."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.validation import Problem, check_document
from annotator.store.backend import SQLiteBackend
from annotator.store.documents import Documents
from annotator.store.layers import Layers
from annotator.store.settings import Settings


class Stats:
    """Counting and checking a whole project."""

    def __init__(self, db: SQLiteBackend, path: Path, settings: Settings, docs: Documents, layers: Layers) -> None:
        self.db = db
        self.path = path
        self.settings = settings
        self.docs = docs
        self.layers = layers

    @property
    def conn(self) -> Any:
        return self.db.conn

    def stats(self) -> dict[str, Any]:
        """Return counts: documents (by status), spans per label, events per type,
        relations, stances, document labels, and the same per annotator.

        Runs on indexes only: it never reads document texts.
        """
        q = self.conn.execute
        out: dict[str, Any] = {
            "project": str(self.path),
            "scheme": {"name": self.settings.scheme.name, "version": self.settings.scheme.version, "sha256": self.settings.scheme.sha256},
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "characters": q("SELECT coalesce(sum(length), 0) FROM documents").fetchone()[0],
            "spans": q("SELECT count(*) FROM spans").fetchone()[0],
            "entities": {},
            "triggers": {},
            "events": dict(q("SELECT type, count(*) FROM events GROUP BY type ORDER BY type").fetchall()),
            "relations": dict(q("SELECT type, count(*) FROM relations GROUP BY type ORDER BY type").fetchall()),
            "stances": dict(q("SELECT label, count(*) FROM stances GROUP BY label ORDER BY label").fetchall()),
            "doc_labels": {},
            "annotators": {},
        }
        event_types = set(self.settings.scheme.event_types)
        evidence = self.settings.scheme.evidence_label
        out["evidence"] = 0
        for label, n in q("SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"):
            if label == evidence:
                out["evidence"] = n
            else:
                out["triggers" if label in event_types else "entities"][label] = n
        out["attributes"] = self.attribute_counts()
        for lset, label, n in q("SELECT label_set, label, count(*) FROM document_labels GROUP BY label_set, label ORDER BY 1, 2"):
            out["doc_labels"].setdefault(lset, {})[label] = n
        for aid, name, kind in q("SELECT id, name, kind FROM annotators WHERE kind != 'suggestion' ORDER BY id").fetchall():
            status = dict(q("SELECT status, count(*) FROM document_status WHERE annotator_id = ? GROUP BY status", (aid,)).fetchall())
            out["annotators"][name] = {
                "kind": kind,
                "spans": q("SELECT count(*) FROM spans WHERE annotator_id = ?", (aid,)).fetchone()[0],
                "events": q("SELECT count(*) FROM events WHERE annotator_id = ?", (aid,)).fetchone()[0],
                "relations": q("SELECT count(*) FROM relations WHERE annotator_id = ?", (aid,)).fetchone()[0],
                "stances": q("SELECT count(*) FROM stances WHERE annotator_id = ?", (aid,)).fetchone()[0],
                "in_progress": status.get("in_progress", 0),
                "done": status.get("done", 0),
                "seconds": q("SELECT coalesce(sum(seconds), 0) FROM document_status WHERE annotator_id = ?", (aid,)).fetchone()[0],
            }
        return out

    def attribute_counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Return ``{"span"|"event"|"relation"|"stance": {name: {value: n}}}`` (yes/no
        attributes count as "yes" and "no")."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        for kind in ("span", "event", "relation", "stance"):
            rows = self.conn.execute(
                f"SELECT name, value, count(*) FROM attributes WHERE {kind}_id IS NOT NULL GROUP BY name, value ORDER BY 1, 2")
            for name, value, n in rows:
                shown = json.loads(value)
                key = ("yes" if shown else "no") if isinstance(shown, bool) else str(shown)
                out.setdefault(kind, {}).setdefault(name, {})[key] = n
        return out

    def validate(self, *, document_ids: list[int] | None = None) -> list[Problem]:
        """Return every problem in the project: offsets or surfaces that do not match the
        text, labels the scheme lacks, incomplete events, wrong argument types, broken
        cardinalities, dangling references; and damage to the file itself."""
        problems: list[Problem] = []
        for (msg,) in self.conn.execute("PRAGMA quick_check").fetchall():
            if msg != "ok":
                problems.append(Problem(None, str(self.path), "file", f"the project file is damaged: {msg}"))
        ids = document_ids if document_ids is not None else [
            r[0] for r in self.conn.execute(
                "SELECT DISTINCT document_id FROM (SELECT document_id FROM spans UNION SELECT document_id FROM stances "
                "UNION SELECT document_id FROM document_labels) ORDER BY document_id")
        ]
        for doc_id in ids:
            doc = self.docs.document(doc_id)
            for (aid, name) in self.conn.execute(
                "SELECT id, name FROM annotators WHERE id IN (SELECT annotator_id FROM spans WHERE document_id = ? "
                "UNION SELECT annotator_id FROM stances WHERE document_id = ? "
                "UNION SELECT annotator_id FROM document_labels WHERE document_id = ?) ORDER BY id",
                (doc_id, doc_id, doc_id),
            ).fetchall():
                ann = self.layers.annotations(doc_id, name)
                surfaces: dict[int, list[str]] = {}
                for sid, surface in self.conn.execute(
                    "SELECT f.span_id, f.surface FROM fragments f JOIN spans s ON s.id = f.span_id "
                    "WHERE s.document_id = ? AND s.annotator_id = ? ORDER BY f.span_id, f.seq",
                    (doc_id, aid),
                ):
                    surfaces.setdefault(sid, []).append(surface)
                problems.extend(check_document(doc.text, ann, self.settings.scheme, document_id=doc_id, document=doc.name,
                                               annotator=name, surfaces=surfaces))
        return problems
