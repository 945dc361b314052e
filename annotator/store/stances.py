"""Stances and document labels in the Project API.

A stance is who (a holder span, or the author) takes which position (a label) toward what
(one of the scheme's fixed targets, an entity span, or free text), per document or per
span, with optional evidence spans.  When the scheme names an evidence label, any text can
be evidence: it becomes a span with that label, which lives and dies with its stances.

A part of ``Project`` (tables ``stances``, ``stance_evidence``, ``document_labels``) with
the one stance mapper (``read_stances``) and writer (``insert_stance``); spans come from the
``Items`` part it is given.  Every public method that changes something is one committed,
logged, undoable edit and returns its ``Changes`` (an add returns the new id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.model import Stance
from annotator.core.scheme import Scheme
from annotator.store.annotations import Items, check_fragments, chunks
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.documents import Documents
from annotator.store.edits import Edits
from annotator.store.settings import Settings, now
from annotator.store.status import Status

#: Evidence: a span id, or ``(start, end)`` for a new evidence span.
EvidenceRef = int | tuple[int, int]
#: ``update_stance``'s default for ``target``: leave the target as it is.
KEEP: Any = object()


class Stances:
    """Stance and document-label edits and reads."""

    def __init__(self, db: SQLiteBackend, settings: Settings, people: Annotators, docs: Documents, statuses: Status,
                 edits: Edits, items: Items) -> None:
        self.db = db
        self.settings = settings
        self.people = people
        self.docs = docs
        self.statuses = statuses
        self.edits = edits
        self.items = items

    @property
    def conn(self) -> Any:
        return self.db.conn

    @property
    def scheme(self) -> Scheme:
        return self.settings.scheme

    # -- stances -----------------------------------------------------------------------

    def add_stance(self, document_id: int, label: str, target: str | int, *, target_kind: str | None = None,
                   holder: int | None = None, evidence: Iterable[EvidenceRef] = (), scope: str = "document",
                   annotator: str | None = None) -> int:
        """Add a stance and return its id.

        ``target`` is a span id (an entity in the text), the name of one of the scheme's
        fixed targets, or free text (``target_kind`` "span", "fixed" or "text"; guessed
        when not given).  ``holder`` is a span id, or None for the document's author.
        ``evidence`` holds span ids, or ``(start, end)`` ranges that become spans with the
        scheme's evidence label.
        """
        if label not in self.scheme.stance_labels:
            raise ProjectError(f"{label!r} is not a stance label of the scheme {self.scheme.name!r}.")
        self._check_scope(scope)
        kind = target_kind or _guess_target_kind(target, [t.target for t in self.scheme.stance.targets])
        evidence = list(evidence)
        self._check_target(document_id, kind, target)
        if holder is not None:
            self.items.check_same_document(holder, document_id)
        refs = self.check_evidence(document_id, evidence)
        if scope == "span" and not evidence:
            raise ProjectError("a stance per span needs at least one evidence span.")
        aid = self.people.me(annotator)
        with self.edits.edit(f"Add stance {label}", document_id, "add_stance", {"label": label, "target": target}):
            ids = self.evidence_ids(document_id, aid, refs)
            sid = self.insert_stance(document_id, aid, label, scope, kind, target, holder, ids)
            self.statuses.touch(document_id, aid)
        return sid

    def _check_scope(self, scope: str) -> None:
        allowed = self.scheme.stance.scope
        if scope not in ("document", "span") or (allowed != "both" and scope != allowed):
            raise ProjectError(f"the scheme allows stance per {allowed.replace('both', 'document or span')}, not per {scope}.")

    def _check_target(self, document_id: int, kind: str, target: Any) -> None:
        stance = self.scheme.stance
        if kind == "fixed" and target not in [t.target for t in stance.targets]:
            raise ProjectError(f"{target!r} is not one of the scheme's stance targets.")
        if kind in ("span", "text") and not stance.free_targets:
            raise ProjectError("the scheme allows only its fixed stance targets.")
        if kind == "span":
            self.items.check_same_document(int(target), document_id)
        elif kind == "text" and not str(target).strip():
            raise ProjectError("a free-text stance target needs some text.")
        elif kind not in ("fixed", "text"):
            raise ProjectError(f"a stance target is 'fixed', 'span' or 'text', not {kind!r}.")

    def check_evidence(self, document_id: int, evidence: list[EvidenceRef]) -> list[EvidenceRef]:
        """Check evidence span ids and ranges; return them with ranges sorted and checked."""
        out: list[EvidenceRef] = []
        for ref in evidence:
            if isinstance(ref, tuple):
                if not self.scheme.evidence_label:
                    raise ProjectError(f"the scheme {self.scheme.name!r} has no evidence label: "
                                       "give evidence as spans already annotated.")
                out.append(check_fragments(self.docs.text(document_id), [ref])[0])
            else:
                self.items.check_same_document(int(ref), document_id)
                out.append(int(ref))
        return out

    def evidence_ids(self, document_id: int, aid: int, refs: list[EvidenceRef]) -> list[int]:
        """Return span ids for ``refs``, adding an evidence span for each range."""
        text = self.docs.text(document_id) if any(isinstance(r, tuple) for r in refs) else ""
        label = self.scheme.evidence_label or ""  # check_evidence refused ranges without one
        return [self.items.insert_span(document_id, aid, label, [r], text) if isinstance(r, tuple) else r for r in refs]

    def insert_stance(self, document_id: int, aid: int, label: str, scope: str, kind: str, target: Any,
                      holder: int | None, evidence: list[int]) -> int:
        """Write a stance with its evidence (inside the caller's transaction); return its id."""
        cur = self.conn.execute(
            "INSERT INTO stances(document_id, annotator_id, label, scope, target_kind, target_text, target_span_id, holder_span_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, aid, label, scope, kind, None if kind == "span" else str(target),
             int(target) if kind == "span" else None, holder, now()),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO stance_evidence(stance_id, span_id) VALUES (?, ?)", [(cur.lastrowid, s) for s in evidence]
        )
        return int(cur.lastrowid)

    def _stance_row(self, stance_id: int) -> tuple[int, str]:
        row = self.conn.execute("SELECT document_id, label FROM stances WHERE id = ?", (stance_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no stance {stance_id}.")
        return int(row[0]), str(row[1])

    def update_stance(self, stance_id: int, *, label: str | None = None, holder: int | None | str = "keep",
                      target: Any = KEEP, target_kind: str | None = None, scope: str | None = None) -> Changes:
        """Change a stance's label, holder (``holder=None``: the author), target (as in
        ``add_stance``) and/or scope, as one edit."""
        document_id, old = self._stance_row(stance_id)
        if label is not None and label not in self.scheme.stance_labels:
            raise ProjectError(f"{label!r} is not a stance label of the scheme {self.scheme.name!r}.")
        if holder not in ("keep", None):
            self.items.check_same_document(int(holder), document_id)
        kind = None
        if target is not KEEP:
            kind = target_kind or _guess_target_kind(target, [t.target for t in self.scheme.stance.targets])
            self._check_target(document_id, kind, target)
        if scope is not None:
            self._check_scope(scope)
            if scope == "span" and not self.conn.execute("SELECT 1 FROM stance_evidence WHERE stance_id = ?", (stance_id,)).fetchone():
                raise ProjectError("a stance per span needs at least one evidence span.")
        with self.edits.edit(f"Change stance {old}", document_id, "update_stance",
                             {"stance": stance_id, "label": label}) as done:
            if label is not None:
                self.conn.execute("UPDATE stances SET label = ? WHERE id = ?", (label, stance_id))
            if holder != "keep":
                self.conn.execute("UPDATE stances SET holder_span_id = ? WHERE id = ?", (holder, stance_id))
            if kind is not None:
                self.conn.execute("UPDATE stances SET target_kind = ?, target_text = ?, target_span_id = ? WHERE id = ?",
                                  (kind, None if kind == "span" else str(target), int(target) if kind == "span" else None, stance_id))
            if scope is not None:
                self.conn.execute("UPDATE stances SET scope = ? WHERE id = ?", (scope, stance_id))
        return done.changes

    def add_evidence(self, stance_id: int, span: EvidenceRef) -> int:
        """Add an evidence span (an id, or ``(start, end)`` for a new evidence span) to a
        stance; return the span's id."""
        document_id, label = self._stance_row(stance_id)
        ref = self.check_evidence(document_id, [span])
        aid = self.conn.execute("SELECT annotator_id FROM stances WHERE id = ?", (stance_id,)).fetchone()[0]
        with self.edits.edit(f"Add evidence to {label}", document_id, "add_evidence", {"stance": stance_id, "span": span}):
            (sid,) = self.evidence_ids(document_id, aid, ref)
            self.conn.execute("INSERT OR IGNORE INTO stance_evidence(stance_id, span_id) VALUES (?, ?)", (stance_id, sid))
        return sid

    def remove_evidence(self, stance_id: int, span_id: int) -> Changes:
        """Remove an evidence span from a stance (and the span itself if it is an evidence
        passage no other stance uses)."""
        document_id, label = self._stance_row(stance_id)
        with self.edits.edit(f"Remove evidence from {label}", document_id, "remove_evidence",
                             {"stance": stance_id, "span": span_id}) as done:
            self.conn.execute("DELETE FROM stance_evidence WHERE stance_id = ? AND span_id = ?", (stance_id, span_id))
            self._drop_unused_evidence([span_id])
        return done.changes

    def delete_stance(self, stance_id: int) -> Changes:
        """Delete a stance, with the evidence passages no other stance uses."""
        document_id, label = self._stance_row(stance_id)
        spans = [r[0] for r in self.conn.execute("SELECT span_id FROM stance_evidence WHERE stance_id = ?", (stance_id,))]
        with self.edits.edit(f"Delete stance {label}", document_id, "delete_stance", {"stance": stance_id}) as done:
            self.conn.execute("DELETE FROM stances WHERE id = ?", (stance_id,))
            self._drop_unused_evidence(spans)
        return done.changes

    def _drop_unused_evidence(self, span_ids: list[int]) -> None:
        label = self.scheme.evidence_label
        if not label:
            return
        for sid in span_ids:
            self.conn.execute(
                "DELETE FROM spans WHERE id = ? AND label = ? AND NOT EXISTS (SELECT 1 FROM stance_evidence WHERE span_id = ?)",
                (sid, label, sid))

    def stances(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Stance]:
        """Return a document's stances with their evidence spans."""
        return self.read_stances(*self.items.owner_filter("s", document_id, annotator, every_annotator))

    def read_stances(self, where: str, params: list[Any]) -> list[Stance]:
        """The stance mapper: the stances ``where`` (on ``stances s``) selects, with
        evidence and attributes."""
        rows = self.conn.execute(
            f"SELECT s.id, s.label, s.scope, s.target_kind, s.target_text, s.target_span_id, s.holder_span_id, a.name "
            f"FROM stances s JOIN annotators a ON a.id = s.annotator_id WHERE {where} ORDER BY s.id",
            params,
        ).fetchall()
        out = {
            r[0]: Stance(label=r[1], scope=r[2], target_kind=r[3], target=r[5] if r[3] == "span" else r[4],
                         holder=r[6], id=r[0], annotator=r[7])
            for r in rows
        }
        for chunk in chunks(list(out)):
            for sid, span in self.conn.execute(
                f"SELECT stance_id, span_id FROM stance_evidence WHERE stance_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk
            ):
                out[sid].evidence.append(span)
        if out:
            self.items.attach_attributes("stance_id", out)
        return list(out.values())

    # -- document labels ---------------------------------------------------------------

    def set_doc_labels(self, document_id: int, label_set: str, labels: Iterable[str], *,
                       annotator: str | None = None) -> Changes:
        """Set the labels of ``label_set`` for a document (replacing earlier ones)."""
        lset = self.scheme.doc_label_set(label_set)
        if lset is None:
            raise ProjectError(f"{label_set!r} is not a document label set of the scheme {self.scheme.name!r}.")
        labels = list(dict.fromkeys(labels))
        bad = [lab for lab in labels if lab not in lset.labels]
        if bad:
            raise ProjectError(f"{', '.join(map(repr, bad))} not in the label set {label_set!r} ({', '.join(lset.labels)}).")
        if len(labels) > 1 and not lset.multi:
            raise ProjectError(f"the label set {label_set!r} takes one label, not {len(labels)}.")
        self.docs.text(document_id)
        aid = self.people.me(annotator)
        with self.edits.edit(f"Set {label_set}", document_id, "set_doc_labels",
                             {"set": label_set, "labels": labels}) as done:
            self.conn.execute(
                "DELETE FROM document_labels WHERE document_id = ? AND annotator_id = ? AND label_set = ?", (document_id, aid, label_set)
            )
            self.conn.executemany(
                "INSERT INTO document_labels(document_id, annotator_id, label_set, label) VALUES (?, ?, ?, ?)",
                [(document_id, aid, label_set, lab) for lab in labels],
            )
            if labels:
                self.statuses.touch(document_id, aid)
        return done.changes

    def doc_labels(self, document_id: int, annotator: str | None = None) -> dict[str, list[str]]:
        """Return ``{label set: [labels]}`` for a document."""
        out: dict[str, list[str]] = {}
        for lset, lab in self.conn.execute(
            "SELECT label_set, label FROM document_labels WHERE document_id = ? AND annotator_id IS ? ORDER BY id",
            (document_id, self.people.me_or_none(annotator)),
        ):
            out.setdefault(lset, []).append(lab)
        return out


def _guess_target_kind(target: Any, fixed: list[str]) -> str:
    if isinstance(target, int):
        return "span"
    return "fixed" if target in fixed else "text"
