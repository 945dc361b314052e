"""Annotators and assignments: who is in the team, and who annotates which document.

``assign`` hands documents to annotators, a share of them (the *overlap*) to two
annotators so that their agreement can be measured; the choice is deterministic for a
given seed.  Assignments and renames are bookkeeping, logged but not undoable edits; each
returns (or carries, in ``AssignReport.changes``) its ``Changes``.  A part of ``Project``
(table ``assignments``; annotators' rows through the ``Annotators`` part).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.wording import count
from annotator.store.annotations import chunks
from annotator.store.annotators import GOLD, Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.documents import Documents
from annotator.store.edits import Edits
from annotator.store.settings import Settings, now


@dataclass
class AnnotatorInfo:
    """One annotator with counts of their work."""

    name: str
    kind: str
    created_at: str
    assigned: int = 0
    annotated: int = 0          # documents with a status other than "new"
    done: int = 0
    spans: int = 0
    events: int = 0
    relations: int = 0
    stances: int = 0
    doc_labels: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class AssignReport:
    """What ``assign`` did."""

    seed: int
    overlap: float
    counts: dict[str, int] = field(default_factory=dict)   # new assignments per annotator
    documents: int = 0                                      # documents assigned now
    shared: list[int] = field(default_factory=list)         # of those, the ones given to two
    changes: Changes = field(default_factory=Changes, compare=False, repr=False)  # what the write changed

    def summary(self) -> str:
        """Return one line saying what happened."""
        each = ", ".join(f"{name} {n}" for name, n in self.counts.items())
        return (f"{count(self.documents, 'document')} assigned to "
                f"{count(len(self.counts), 'annotator')} ({len(self.shared)} to two of them; seed {self.seed}): {each}.")


class Team:
    """Annotators' work and assignments."""

    def __init__(self, db: SQLiteBackend, path: Path, settings: Settings, people: Annotators, docs: Documents,
                 edits: Edits) -> None:
        self.db = db
        self.path = path
        self.settings = settings
        self.people = people
        self.docs = docs
        self.edits = edits

    @property
    def conn(self) -> Any:
        return self.db.conn

    # -- annotators --------------------------------------------------------------------

    def annotator_details(self) -> list[AnnotatorInfo]:
        """Return every annotator with counts: assigned, annotated and done documents,
        spans, events, relations, stances, document labels and time spent."""
        q = self.conn.execute
        out = {aid: AnnotatorInfo(name, kind, created) for aid, name, kind, created in
               q("SELECT id, name, kind, created_at FROM annotators WHERE kind != 'suggestion' ORDER BY id")}
        counts = {
            "assigned": "SELECT annotator_id, count(*) FROM assignments GROUP BY annotator_id",
            "annotated": "SELECT annotator_id, count(*) FROM document_status WHERE status != 'new' GROUP BY annotator_id",
            "done": "SELECT annotator_id, count(*) FROM document_status WHERE status = 'done' GROUP BY annotator_id",
            "seconds": "SELECT annotator_id, sum(seconds) FROM document_status GROUP BY annotator_id",
            "spans": "SELECT annotator_id, count(*) FROM spans GROUP BY annotator_id",
            "events": "SELECT annotator_id, count(*) FROM events GROUP BY annotator_id",
            "relations": "SELECT annotator_id, count(*) FROM relations GROUP BY annotator_id",
            "stances": "SELECT annotator_id, count(*) FROM stances GROUP BY annotator_id",
            "doc_labels": "SELECT annotator_id, count(*) FROM document_labels GROUP BY annotator_id",
        }
        for attr, sql in counts.items():
            for aid, n in q(sql):
                if aid in out:
                    setattr(out[aid], attr, n or 0)
        return list(out.values())

    def rename_annotator(self, old: str, new: str) -> Changes:
        """Rename annotator ``old`` to ``new``; their annotations follow.  The gold layer
        keeps its name, and ``new`` must not be taken (two people's work never mixes)."""
        new = (new or "").strip()
        if not new:
            raise ProjectError("an annotator needs a name.")
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (old,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path.name} has no annotator called {old!r}.")
        if GOLD in (old, new):
            raise ProjectError(f"the gold layer is always called {GOLD!r}; it cannot be renamed, nor can another take its name.")
        if new == old:
            return self.edits.announce(Changes(label="rename_annotator"))
        if self.conn.execute("SELECT 1 FROM annotators WHERE name = ?", (new,)).fetchone():
            raise ProjectError(f"{self.path.name} already has an annotator called {new!r}; choose another name.")
        with self.db.transaction():
            self.conn.execute("UPDATE annotators SET name = ? WHERE id = ?", (new, row[0]))
            if self.settings.get("last_annotator") == old:
                self.settings.put("last_annotator", new)
            self.edits.log("rename_annotator", None, {"from": old, "to": new})
        self.people.forget()
        if self.people.current == old:
            self.people.current = new
        return self.edits.wrote("rename_annotator", changed={"annotators": [row[0]]})

    def progress(self) -> dict[str, dict[str, int]]:
        """Return per annotator: documents assigned, and of those not started ("new"); and
        documents in progress and done (assigned or not)."""
        out: dict[str, dict[str, int]] = {}
        for info in self.annotator_details():
            out[info.name] = {"assigned": info.assigned, "new": 0, "in_progress": info.annotated - info.done, "done": info.done}
        for name, n in self.conn.execute(
            """SELECT n.name, count(*) FROM assignments a JOIN annotators n ON n.id = a.annotator_id
               WHERE NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = a.document_id
                                 AND s.annotator_id = a.annotator_id AND s.status != 'new')
               GROUP BY n.name"""
        ):
            out[name]["new"] = n
        return out

    def label_counts(self) -> dict[str, dict[str, int]]:
        """Return ``{annotator: {span label: count}}`` (entity types and event triggers)."""
        out: dict[str, dict[str, int]] = {}
        for name, label, n in self.conn.execute(
            "SELECT a.name, s.label, count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id "
            "GROUP BY a.id, s.label ORDER BY a.id, s.label"
        ):
            out.setdefault(name, {})[label] = n
        return out

    # -- assignments -------------------------------------------------------------------

    def assign(self, annotators: Sequence[str], *, overlap: float = 0.2, seed: int = 0,
               documents: Iterable[int] | None = None, reassign: bool = False) -> AssignReport:
        """Assign documents to ``annotators``: each to one of them, and a share
        ``overlap`` (0 to 1) of them to two, spread evenly over every pair.

        By default the documents nobody is assigned yet are assigned (so importing more
        and assigning again hands out only the new ones); ``documents`` names them
        instead; ``reassign`` first removes the existing assignments of those documents.
        The same seed, documents and annotators give the same assignment.
        """
        names = _check_team(annotators, overlap)
        if documents is not None:
            ids = sorted(set(documents))
            known = set(self.docs.ids())
            if missing := [i for i in ids if i not in known]:
                raise ProjectError(f"{self.path.name} has no document {missing[0]}.")
        elif reassign:
            ids = self.docs.ids()
        else:
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id) ORDER BY id")]
        plan, shared = _plan(ids, len(names), overlap, seed)
        report = AssignReport(seed=seed, overlap=overlap, counts=dict.fromkeys(names, 0), documents=len(ids), shared=shared)
        stamp = now()
        added: list[int] = []
        with self.db.transaction():
            aids = [self.people.id(n) for n in names]
            if reassign:
                for chunk in chunks(ids):
                    self.conn.execute(f"DELETE FROM assignments WHERE document_id IN ({','.join('?' * len(chunk))})", chunk)
            for doc_id, who in plan:
                for k in who:
                    cur = self.conn.execute("INSERT OR IGNORE INTO assignments(document_id, annotator_id, assigned_at) VALUES (?, ?, ?)",
                                            (doc_id, aids[k], stamp))
                    report.counts[names[k]] += cur.rowcount
                    if cur.rowcount:
                        added.append(cur.lastrowid)
            self.edits.log("assign", None, {"annotators": names, "overlap": overlap, "seed": seed, "documents": len(ids)})
        report.changes = self.edits.wrote("assign", added={"assignments": added},
                                          removed={"assignments": []} if reassign else None, documents=ids)
        return report

    def assignments(self) -> dict[str, list[int]]:
        """Return ``{annotator: [document ids]}`` for everyone with assigned documents."""
        out: dict[str, list[int]] = {}
        for name, doc in self.conn.execute(
            "SELECT n.name, a.document_id FROM assignments a JOIN annotators n ON n.id = a.annotator_id ORDER BY n.id, a.document_id"
        ):
            out.setdefault(name, []).append(doc)
        return out

    def assigned_documents(self, annotator: str | None = None) -> list[int]:
        """Return the ids of the documents assigned to ``annotator`` (default: the current one)."""
        aid = self.people.me_or_none(annotator)
        return [r[0] for r in self.conn.execute(
            "SELECT document_id FROM assignments WHERE annotator_id IS ? ORDER BY document_id", (aid,))]

    def assignees(self, document_id: int) -> list[str]:
        """Return who is assigned document ``document_id``."""
        return [r[0] for r in self.conn.execute(
            "SELECT n.name FROM assignments a JOIN annotators n ON n.id = a.annotator_id WHERE a.document_id = ? ORDER BY n.id",
            (document_id,))]

    def unassign(self, annotator: str, documents: Iterable[int] | None = None) -> int:
        """Remove ``annotator``'s assignments (of ``documents``, or all); return how many
        (the ``Changes`` is ``Edits.last_changes``)."""
        aid = self.people.me_or_none(annotator)
        if aid is None:
            raise ProjectError(f"{self.path.name} has no annotator called {annotator!r}.")
        docs = None if documents is None else list(documents)
        with self.db.transaction():
            if docs is None:
                n = self.conn.execute("DELETE FROM assignments WHERE annotator_id = ?", (aid,)).rowcount
            else:
                n = sum(self.conn.execute("DELETE FROM assignments WHERE annotator_id = ? AND document_id = ?", (aid, d)).rowcount
                        for d in docs)
            self.edits.log("unassign", None, {"annotator": annotator, "removed": n})
        self.edits.wrote("unassign", removed={"assignments": []}, documents=docs or ())
        return n


def _check_team(annotators: Sequence[str], overlap: float) -> list[str]:
    names = [a.strip() for a in annotators if a and a.strip()]
    if not names:
        raise ProjectError("name at least one annotator to assign documents to.")
    if len(set(names)) != len(names):
        raise ProjectError(f"an annotator is named twice: {', '.join(names)}.")
    if GOLD in names:
        raise ProjectError(f"documents are assigned to people, not to the gold layer {GOLD!r}.")
    if not 0 <= overlap <= 1:
        raise ProjectError(f"the overlap is a share of the documents between 0 and 1, not {overlap}.")
    if overlap > 0 and len(names) < 2:
        raise ProjectError("documents can only be annotated twice with at least two annotators; give --overlap 0 for one.")
    return names


def _plan(ids: list[int], k: int, overlap: float, seed: int) -> tuple[list[tuple[int, tuple[int, ...]]], list[int]]:
    """Return ``[(document, annotator indexes)]`` and the shared documents.

    The documents are shuffled with ``seed``; the first ``round(overlap * n)`` go to two
    annotators, cycling through every pair; the rest go one by one to whoever has the
    fewest so far (the first in order on a tie).
    """
    order = list(ids)
    random.Random(seed).shuffle(order)
    n_shared = math.floor(overlap * len(order) + 0.5) if k >= 2 else 0
    pairs = list(combinations(range(k), 2))
    load = [0] * k
    plan: list[tuple[int, tuple[int, ...]]] = []
    for i, doc in enumerate(order[:n_shared]):
        pair = pairs[i % len(pairs)]
        for a in pair:
            load[a] += 1
        plan.append((doc, pair))
    for doc in order[n_shared:]:
        a = min(range(k), key=lambda j: (load[j], j))
        load[a] += 1
        plan.append((doc, (a,)))
    plan.sort()
    return plan, sorted(order[:n_shared])
