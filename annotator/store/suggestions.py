"""The suggestion layer: what recommenders propose, what annotators rejected, and where
accepted annotations came from (tables ``suggestions``, ``suggestion_rejections`` and
``suggestion_provenance``; see docs/project-file.md).

Suggestions belong to an annotator of kind ``suggestion`` and are offered to one annotator's
layer.  They live in their own table, so no export, statistic, agreement or status ever
sees them.  Accepting one makes the annotator's own annotation through the Project API and
records its provenance; rejecting one records the rejection.  Both are one undo step (the
provenance and rejection tables are undoable), and a suggestion is shown again as soon as
its annotation or rejection is undone: being pending is derived, never stored.

    >>> layer = SuggestionLayer(project)                       # doctest: +SKIP
    >>> for s in layer.pending(doc_id, min_confidence=0.5):    # doctest: +SKIP
    ...     layer.accept([s.id])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError
from annotator.store import db as dbmod

if TYPE_CHECKING:
    from annotator.store.project import Project

#: The annotator that owns every suggestion (``annotators.kind = 'suggestion'``).
SUGGESTIONS = "suggestions"
#: What a suggestion proposes: an entity span, an event trigger, a document label, a stance.
KINDS = ("span", "trigger", "doc_label", "stance")

_COLUMNS = "id, document_id, kind, label, label_set, start, end, surface, recommender, confidence, margin"


@dataclass(frozen=True)
class Suggestion:
    """One proposed annotation.  ``start``/``end`` are code points (0, 0 for document-level
    kinds); ``label_set`` is the document label set, or the stance's fixed target."""

    document_id: int
    kind: str
    label: str
    start: int = 0
    end: int = 0
    surface: str = ""
    label_set: str = ""
    recommender: str = ""
    confidence: float = 1.0
    margin: float | None = None
    id: int | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        """What identifies the proposal, whoever made it."""
        return (self.document_id, self.kind, self.label, self.label_set, self.start, self.end)


class SuggestionLayer:
    """Read and write one annotator's suggestions (default: the project's annotator)."""

    def __init__(self, project: Project, annotator: str | None = None) -> None:
        self.project = project
        self.annotator = annotator or project.annotator

    # -- ids ---------------------------------------------------------------------------

    def _owner(self) -> int:
        p = self.project
        aid = p.annotator_id(SUGGESTIONS, kind="suggestion")
        kind = p.conn.execute("SELECT kind FROM annotators WHERE id = ?", (aid,)).fetchone()[0]
        if kind != "suggestion":
            raise ProjectError(f"the annotator name {SUGGESTIONS!r} is taken by a {kind} annotator.")
        return aid

    def _for(self) -> int:
        return self.project.annotator_id(self.annotator)

    # -- writing suggestions (not undoable: they are rewritten by every run) -----------

    def replace(self, document_id: int, recommender: str, items: Iterable[Suggestion]) -> int:
        """Replace ``recommender``'s suggestions on a document with ``items`` (leaving out
        rejected ones and ones already annotated); return how many were stored."""
        text = self.project.text(document_id)
        owner, target = self._owner(), self._for()
        rows = []
        for s in items:
            if s.kind not in KINDS:
                raise ProjectError(f"a suggestion is one of {', '.join(KINDS)}, not {s.kind!r}.")
            if s.kind in ("span", "trigger"):
                if not (0 <= s.start < s.end <= len(text)) or text[s.start:s.end] != s.surface:
                    raise ProjectError(f"a suggestion of {recommender} does not match the text at {s.start}..{s.end}.")
            rows.append((document_id, owner, target, s.kind, s.label, s.label_set, s.start, s.end, s.surface,
                         recommender, float(s.confidence), s.margin, _now()))
        conn = self.project.conn
        with dbmod.transaction(self.project.db):
            conn.execute("DELETE FROM suggestions WHERE document_id = ? AND for_annotator_id = ? AND recommender = ?",
                         (document_id, target, recommender))
            conn.executemany(
                "INSERT INTO suggestions(document_id, annotator_id, for_annotator_id, kind, label, label_set, start, "
                "end, surface, recommender, confidence, margin, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        return len(self.pending(document_id, recommender=recommender, merge=False))

    def clear(self, document_id: int | None = None, recommender: str | None = None) -> None:
        """Forget suggestions (rejections and provenance stay)."""
        where, params = self._where("", document_id, recommender)
        with dbmod.transaction(self.project.db):
            self.project.conn.execute(f"DELETE FROM suggestions WHERE {where}", params)

    def _where(self, alias: str, document_id: int | None, recommender: str | None) -> tuple[str, list[Any]]:
        a = f"{alias}." if alias else ""
        where, params = [f"{a}for_annotator_id = ?"], [self._for()]
        if document_id is not None:
            where.append(f"{a}document_id = ?")
            params.append(document_id)
        if recommender is not None:
            where.append(f"{a}recommender = ?")
            params.append(recommender)
        return " AND ".join(where), params

    # -- reading -----------------------------------------------------------------------

    def pending(self, document_id: int | None = None, *, label: str | None = None, recommender: str | None = None,
                kind: str | None = None, min_confidence: float = 0.0, merge: bool = True) -> list[Suggestion]:
        """Return the suggestions still open: neither rejected nor already in the layer (a
        span at the same offsets, the same document label, a stance toward the same
        target), in text order.  With ``merge``, one proposal made by several recommenders
        is listed once, with the highest confidence."""
        where, params = self._where("g", document_id, recommender)
        if label is not None:
            where += " AND g.label = ?"
            params.append(label)
        if kind is not None:
            where += " AND g.kind = ?"
            params.append(kind)
        sql = f"""SELECT {', '.join('g.' + c.strip() for c in _COLUMNS.split(','))} FROM suggestions g
            WHERE {where} AND g.confidence >= ?
            AND NOT EXISTS (SELECT 1 FROM suggestion_rejections r WHERE r.document_id = g.document_id
                AND r.annotator_id = g.for_annotator_id AND r.kind = g.kind AND r.label = g.label
                AND r.label_set = g.label_set AND r.start = g.start AND r.end = g.end)
            AND NOT (g.kind IN ('span', 'trigger') AND EXISTS (SELECT 1 FROM spans s
                WHERE s.document_id = g.document_id AND s.annotator_id = g.for_annotator_id
                AND s.start = g.start AND s.end = g.end))
            AND NOT (g.kind = 'doc_label' AND EXISTS (SELECT 1 FROM document_labels d
                WHERE d.document_id = g.document_id AND d.annotator_id = g.for_annotator_id
                AND d.label_set = g.label_set AND (d.label = g.label OR ?)))
            AND NOT (g.kind = 'stance' AND EXISTS (SELECT 1 FROM stances t
                WHERE t.document_id = g.document_id AND t.annotator_id = g.for_annotator_id
                AND t.target_kind = 'fixed' AND t.target_text = g.label_set))
            ORDER BY g.document_id, g.start, g.end, g.confidence DESC, g.id"""
        # a single-label set that already has a label takes no other
        single = 1 if self._all_single() else 0
        rows = self.project.conn.execute(sql, [*params, min_confidence, single]).fetchall()
        out = [_row(r) for r in rows]
        if single == 0:
            out = [s for s in out if not self._set_taken(s)]
        if not merge:
            return out
        best: dict[tuple[Any, ...], Suggestion] = {}
        for s in out:
            if s.key not in best:
                best[s.key] = s
        return list(best.values())

    def still_pending(self, items: Sequence[Suggestion], document_id: int) -> list[Suggestion]:
        """Return those of ``items`` (this layer's pending suggestions on ``document_id``, read
        earlier) that are still pending after edits, by the rules of ``pending``, reading
        only the document's span offsets and rejections: a window keeps its list current
        after each edit without reading a document's thousands of suggestions again."""
        who = self._for()
        spans = set(self.project.conn.execute(
            "SELECT start, end FROM spans WHERE document_id = ? AND annotator_id = ?", (document_id, who)))
        rejected = set(self.project.conn.execute(
            "SELECT kind, label, label_set, start, end FROM suggestion_rejections WHERE document_id = ? AND annotator_id = ?",
            (document_id, who)))
        others = ({s.id for k in ("doc_label", "stance") for s in self.pending(document_id, kind=k, merge=False)}
                  if any(s.kind not in ("span", "trigger") for s in items) else set())
        return [s for s in items if (s.kind, s.label, s.label_set, s.start, s.end) not in rejected
                and ((s.start, s.end) not in spans if s.kind in ("span", "trigger") else s.id in others)]

    def _all_single(self) -> bool:
        return all(not ls.multi for ls in self.project.scheme.doc_labels)

    def _set_taken(self, s: Suggestion) -> bool:
        if s.kind != "doc_label":
            return False
        ls = self.project.scheme.doc_label_set(s.label_set)
        return ls is not None and not ls.multi and bool(self.project.doc_labels(s.document_id, self.annotator).get(s.label_set))

    def get(self, suggestion_id: int) -> Suggestion:
        """Return one suggestion by id."""
        row = self.project.conn.execute(f"SELECT {_COLUMNS} FROM suggestions WHERE id = ?", (suggestion_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no suggestion {suggestion_id}; the suggestions may have been refreshed.")
        return _row(row)

    def rejections(self, document_id: int | None = None) -> list[Suggestion]:
        """Return the rejected proposals of the layer (negative evidence for training)."""
        where, params = "annotator_id = ?", [self._for()]
        if document_id is not None:
            where += " AND document_id = ?"
            params.append(document_id)
        rows = self.project.conn.execute(
            "SELECT id, document_id, kind, label, label_set, start, end, surface, recommender, 0, NULL "
            f"FROM suggestion_rejections WHERE {where} ORDER BY id", params).fetchall()
        return [replace(_row(r), confidence=0.0) for r in rows]

    # -- accepting and rejecting (each call one undo step) -----------------------------

    def accept(self, suggestion_ids: Sequence[int]) -> list[int]:
        """Make each suggestion the annotator's own annotation and record its provenance;
        return the ids of what was made (span ids for spans and triggers, event ids
        are not returned).  One undo step; the suggestions reappear when it is undone."""
        items = [self.get(i) for i in suggestion_ids]
        p = self.project
        made: list[int] = []
        if not items:
            return made
        with p.macro(_label("Accept", items)):
            for s in items:
                made.append(self._make(s))
        return made

    def _make(self, s: Suggestion) -> int:
        p, who = self.project, self.annotator
        conn = p.conn
        column, item = "span_id", 0
        if s.kind == "span":
            item = p.add_span(s.document_id, s.label, s.start, s.end, annotator=who)
        elif s.kind == "trigger":
            event = p.add_event(s.document_id, s.label, (s.start, s.end), annotator=who)
            item = conn.execute("SELECT trigger_span_id FROM events WHERE id = ?", (event,)).fetchone()[0]
        elif s.kind == "doc_label":
            ls = p.scheme.doc_label_set(s.label_set)
            current = p.doc_labels(s.document_id, who).get(s.label_set, [])
            labels = [*current, s.label] if ls is None or ls.multi else [s.label]
            p.set_doc_labels(s.document_id, s.label_set, labels, annotator=who)
            column = "document_label_id"
            item = conn.execute(
                "SELECT id FROM document_labels WHERE document_id = ? AND annotator_id = ? AND label_set = ? AND label = ?",
                (s.document_id, p.annotator_id(who), s.label_set, s.label)).fetchone()[0]
        else:
            if who != p.annotator:
                raise ProjectError("stance suggestions are accepted by the project's own annotator only.")
            item = p.add_stance(s.document_id, s.label, s.label_set, target_kind="fixed")
            column = "stance_id"
        conn.execute(f"INSERT INTO suggestion_provenance({column}, recommender, confidence, accepted_at) VALUES (?,?,?,?)",
                     (item, s.recommender, s.confidence, _now()))
        return item

    def reject(self, suggestion_ids: Sequence[int]) -> int:
        """Remember that the annotator turned these suggestions down (one undo step);
        return how many were rejected."""
        items = [self.get(i) for i in suggestion_ids]
        if not items:
            return 0
        p = self.project
        target = self._for()
        with p.macro(_label("Reject", items)):
            p.conn.executemany(
                "INSERT INTO suggestion_rejections(document_id, annotator_id, kind, label, label_set, start, end, "
                "surface, recommender, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(s.document_id, target, s.kind, s.label, s.label_set, s.start, s.end, s.surface, s.recommender, _now())
                 for s in items])
        return len(items)

    # -- provenance --------------------------------------------------------------------

    def provenance_counts(self, annotators: Iterable[str] | None = None,
                          document_ids: Iterable[int] | None = None) -> dict[str, int]:
        """Count annotations that came from accepted suggestions, by recommender (every
        annotator's, or only ``annotators``'; every document's, or only ``document_ids``')."""
        return provenance_counts(self.project, annotators, document_ids)


def provenance_counts(project: Project, annotators: Iterable[str] | None = None,
                      document_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Count annotations that came from accepted suggestions, by recommender."""
    names = list(annotators) if annotators is not None else None
    docs = set(document_ids) if document_ids is not None else None
    out: dict[str, int] = {}
    parts = (("spans", "span_id"), ("document_labels", "document_label_id"), ("stances", "stance_id"))
    for table, column in parts:
        rows = project.conn.execute(
            f"SELECT p.recommender, t.document_id, a.name FROM suggestion_provenance p JOIN {table} t ON t.id = p.{column} "
            "JOIN annotators a ON a.id = t.annotator_id").fetchall()
        for recommender, doc, name in rows:
            if (names is None or name in names) and (docs is None or doc in docs):
                out[recommender] = out.get(recommender, 0) + 1
    return dict(sorted(out.items()))


def _row(r: Sequence[Any]) -> Suggestion:
    return Suggestion(id=r[0], document_id=r[1], kind=r[2], label=r[3], label_set=r[4], start=r[5], end=r[6],
                      surface=r[7], recommender=r[8], confidence=r[9], margin=r[10])


def _label(verb: str, items: list[Suggestion]) -> str:
    if len(items) == 1:
        s = items[0]
        return f"{verb} suggestion {s.label} «{s.surface[:30]}»" if s.surface else f"{verb} suggestion {s.label}"
    return f"{verb} {len(items)} suggestions"


def _now() -> str:
    from annotator.store.project import now

    return now()
