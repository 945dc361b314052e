"""Annotation edits and reads of the Project API: spans with fragments, events with
arguments, relations, attributes and notes (stances and document labels: ``stances.py``).

Every public method that changes something is one committed, logged, undoable edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Argument, Event, Normalization, Relation, Span

if TYPE_CHECKING:
    from annotator.store.project import Project

Fragments = Sequence[tuple[int, int]]
ATTRIBUTE_KINDS = ("span", "event", "relation", "stance")
NOTE_KINDS = ("note", "normalization")


def check_fragments(text: str, fragments: Iterable[tuple[int, int]], where: str = "") -> list[tuple[int, int]]:
    """Return the fragments sorted, or raise ``ProjectError`` if one is empty, outside the
    text or overlapping another."""
    frags = sorted((int(s), int(e)) for s, e in fragments)
    if not frags:
        raise ProjectError(f"{where}a span needs at least one fragment.")
    for s, e in frags:
        if not 0 <= s < e <= len(text):
            raise ProjectError(f"{where}fragment {s}..{e} is empty or outside the text (length {len(text)}).")
    for (_, e1), (s2, _) in zip(frags, frags[1:], strict=False):
        if s2 < e1:
            raise ProjectError(f"{where}fragments of one span overlap at {s2}..{e1}.")
    return frags


class AnnotationsMixin:
    """Span, event, relation, attribute and note methods."""

    # -- spans -------------------------------------------------------------------------

    def add_span(self: Project, document_id: int, label: str, start: int | None = None, end: int | None = None,
                 *, fragments: Fragments | None = None, annotator: str | None = None) -> int:
        """Add a span labelled ``label`` over ``[start, end)`` (or over several
        ``fragments``) and return its id."""
        frags = fragments if fragments is not None else [(start, end)]
        if any(s is None or e is None for s, e in frags):
            raise ProjectError("add_span needs start and end, or fragments.")
        self._check_span_label(label)
        text = self.text(document_id)
        frags = check_fragments(text, frags)  # type: ignore[arg-type]
        aid = self.annotator_id(annotator)
        surface = " ".join(text[s:e] for s, e in frags)
        with self._edit(f"Add {label} «{_short(surface)}»", document_id, "add_span",
                        {"label": label, "fragments": frags}):
            span_id = self._insert_span(document_id, aid, label, frags, text)
            self._touch_status(document_id, aid)
        return span_id

    def _insert_span(self: Project, document_id: int, aid: int, label: str, frags: list[tuple[int, int]], text: str) -> int:
        from annotator.store.project import now

        surface = " ".join(text[s:e] for s, e in frags)
        cur = self.conn.execute(
            "INSERT INTO spans(document_id, annotator_id, label, start, end, surface, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document_id, aid, label, frags[0][0], max(e for _, e in frags), surface, now()),
        )
        span_id = cur.lastrowid
        self.conn.executemany(
            "INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)",
            [(span_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags)],
        )
        return span_id

    def _check_span_label(self: Project, label: str) -> None:
        if label not in self.scheme.span_labels:
            raise ProjectError(f"{label!r} is not an entity or event type of the scheme {self.scheme.name!r}.")

    def _span_row(self: Project, span_id: int) -> tuple[int, int, str]:
        row = self.conn.execute("SELECT document_id, annotator_id, label FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no span {span_id}.")
        return row

    def update_span(self: Project, span_id: int, *, label: str | None = None, fragments: Fragments | None = None) -> None:
        """Change a span's label and/or fragments."""
        document_id, _, old_label = self._span_row(span_id)
        if label is not None:
            self._check_span_label(label)
        text = self.text(document_id)
        frags = check_fragments(text, fragments) if fragments is not None else None
        what = f"Relabel {old_label} as {label}" if label and label != old_label else "Change span"
        with self._edit(what, document_id, "update_span", {"span": span_id, "label": label, "fragments": frags}):
            if label is not None:
                self.conn.execute("UPDATE spans SET label = ? WHERE id = ?", (label, span_id))
            if frags is not None:
                self._set_fragments(span_id, frags, text)

    def relabel_span(self: Project, span_id: int, label: str) -> None:
        """Give span ``span_id`` the label ``label``."""
        self.update_span(span_id, label=label)

    def add_fragment(self: Project, span_id: int, start: int, end: int) -> None:
        """Add the fragment ``[start, end)`` to a span, making it discontinuous."""
        frags = self.span(span_id).fragments
        self.update_span(span_id, fragments=[*frags, (start, end)])

    def _set_fragments(self: Project, span_id: int, frags: list[tuple[int, int]], text: str) -> None:
        self.conn.execute("DELETE FROM fragments WHERE span_id = ?", (span_id,))
        self.conn.executemany(
            "INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)",
            [(span_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags)],
        )
        self.conn.execute(
            "UPDATE spans SET start = ?, end = ?, surface = ? WHERE id = ?",
            (frags[0][0], max(e for _, e in frags), " ".join(text[s:e] for s, e in frags), span_id),
        )

    def delete_span(self: Project, span_id: int) -> None:
        """Delete a span, with the events it triggers and the arguments, relations and
        stances that point at it."""
        document_id, _, label = self._span_row(span_id)
        with self._edit(f"Delete {label}", document_id, "delete_span", {"span": span_id}):
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))

    def delete_spans(self: Project, span_ids: Iterable[int]) -> None:
        """Delete several spans as one undoable edit."""
        with self.macro("Delete spans"):
            for sid in span_ids:
                self.delete_span(sid)

    def span(self: Project, span_id: int) -> Span:
        """Return span ``span_id``."""
        document_id, aid, _ = self._span_row(span_id)
        spans = self._read_spans("s.id = ?", [span_id])
        return spans[0]

    def spans(self: Project, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Span]:
        """Return the spans of a document by ``annotator`` (default: the current one), or
        by everyone with ``every_annotator``, ordered by position."""
        if every_annotator:
            return self._read_spans("s.document_id = ?", [document_id])
        return self._read_spans("s.document_id = ? AND s.annotator_id IS ?", [document_id, self._annotator_id_or_none(annotator)])

    def _read_spans(self: Project, where: str, params: list[Any]) -> list[Span]:
        rows = self.conn.execute(
            f"""SELECT s.id, s.document_id, a.name, s.label, s.surface, f.start, f.end
                FROM spans s JOIN annotators a ON a.id = s.annotator_id JOIN fragments f ON f.span_id = s.id
                WHERE {where} ORDER BY s.start, s.end, s.id, f.seq""",
            params,
        ).fetchall()
        spans: list[Span] = []
        by_id: dict[int, Span] = {}
        for sid, doc, ann, label, surface, fs, fe in rows:
            span = by_id.get(sid)
            if span is None:
                span = by_id[sid] = Span(label=label, fragments=[], id=sid, document_id=doc, annotator=ann, surface=surface)
                spans.append(span)
            span.fragments.append((fs, fe))
        if by_id:
            self._attach_attributes("span_id", by_id)
            self._attach_notes("span_id", by_id)
        return spans

    def _attach_attributes(self: Project, column: str, items: dict[int, Any]) -> None:
        for chunk in _chunks(list(items), 900):
            rows = self.conn.execute(
                f"SELECT {column}, name, value FROM attributes WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
            )
            for oid, name, value in rows:
                items[oid].attributes[name] = json.loads(value)

    def _attach_notes(self: Project, column: str, items: dict[int, Any]) -> None:
        for chunk in _chunks(list(items), 900):
            rows = self.conn.execute(
                f"SELECT {column}, text FROM notes WHERE kind = 'note' AND {column} IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            )
            for oid, text in rows:
                items[oid].notes.append(text)

    # -- events ------------------------------------------------------------------------

    def add_event(self: Project, document_id: int, type: str, trigger: int | tuple[int, int],
                  arguments: Iterable[tuple[str, int]] = (), *, annotator: str | None = None) -> int:
        """Add an event of ``type`` and return its id.

        ``trigger`` is a span id, or ``(start, end)`` for a new trigger span labelled with
        the event type; ``arguments`` are ``(role, span id)`` pairs.
        """
        etype = self.scheme.event(type)
        if etype is None:
            raise ProjectError(f"{type!r} is not an event type of the scheme {self.scheme.name!r}.")
        aid = self.annotator_id(annotator)
        args = list(arguments)
        for role, sid in args:
            self._check_role(type, role)
            self._check_same_document(sid, document_id)
        with self._edit(f"Add event {type}", document_id, "add_event", {"type": type, "arguments": args}):
            if isinstance(trigger, tuple):
                text = self.text(document_id)
                trigger_id = self._insert_span(document_id, aid, type, check_fragments(text, [trigger]), text)
            else:
                self._check_same_document(trigger, document_id)
                trigger_id = trigger
            event_id = self._insert_event(document_id, aid, type, trigger_id, args)
            self._touch_status(document_id, aid)
        return event_id

    def _insert_event(self: Project, document_id: int, aid: int, type: str, trigger_id: int, args: list[tuple[str, int]]) -> int:
        from annotator.store.project import now

        cur = self.conn.execute(
            "INSERT INTO events(document_id, annotator_id, type, trigger_span_id, created_at) VALUES (?, ?, ?, ?, ?)",
            (document_id, aid, type, trigger_id, now()),
        )
        self.conn.executemany(
            "INSERT INTO event_arguments(event_id, role, span_id) VALUES (?, ?, ?)", [(cur.lastrowid, r, s) for r, s in args]
        )
        return cur.lastrowid

    def _check_role(self: Project, event_type: str, role: str) -> None:
        etype = self.scheme.event(event_type)
        if etype is None or etype.role(role) is None:
            raise ProjectError(f"event type {event_type!r} has no role {role!r} in the scheme.")

    def _check_same_document(self: Project, span_id: int, document_id: int) -> None:
        doc, _, _ = self._span_row(span_id)
        if doc != document_id:
            raise ProjectError(f"span {span_id} belongs to document {doc}, not {document_id}.")

    def _event_row(self: Project, event_id: int) -> tuple[int, str, int]:
        row = self.conn.execute("SELECT document_id, type, trigger_span_id FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no event {event_id}.")
        return row

    def add_argument(self: Project, event_id: int, role: str, span_id: int) -> int:
        """Add an argument (``role`` filled by span ``span_id``) to an event; return its id."""
        document_id, type, _ = self._event_row(event_id)
        self._check_role(type, role)
        self._check_same_document(span_id, document_id)
        with self._edit(f"Add {role} to {type}", document_id, "add_argument", {"event": event_id, "role": role, "span": span_id}):
            cur = self.conn.execute("INSERT INTO event_arguments(event_id, role, span_id) VALUES (?, ?, ?)", (event_id, role, span_id))
        return cur.lastrowid

    def delete_argument(self: Project, argument_id: int) -> None:
        """Remove an argument from its event."""
        row = self.conn.execute(
            "SELECT e.document_id, a.role FROM event_arguments a JOIN events e ON e.id = a.event_id WHERE a.id = ?", (argument_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"there is no event argument {argument_id}.")
        with self._edit(f"Remove {row[1]}", row[0], "delete_argument", {"argument": argument_id}):
            self.conn.execute("DELETE FROM event_arguments WHERE id = ?", (argument_id,))

    def set_event_type(self: Project, event_id: int, type: str) -> None:
        """Change an event's type (and its trigger span's label)."""
        document_id, old, trigger = self._event_row(event_id)
        if self.scheme.event(type) is None:
            raise ProjectError(f"{type!r} is not an event type of the scheme {self.scheme.name!r}.")
        with self._edit(f"Change event {old} to {type}", document_id, "set_event_type", {"event": event_id, "type": type}):
            self.conn.execute("UPDATE events SET type = ? WHERE id = ?", (type, event_id))
            self.conn.execute("UPDATE spans SET label = ? WHERE id = ?", (type, trigger))

    def delete_event(self: Project, event_id: int) -> None:
        """Delete an event, and its trigger span unless another event shares it."""
        document_id, type, trigger = self._event_row(event_id)
        with self._edit(f"Delete event {type}", document_id, "delete_event", {"event": event_id}):
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            shared = self.conn.execute("SELECT 1 FROM events WHERE trigger_span_id = ?", (trigger,)).fetchone()
            if not shared:
                self.conn.execute("DELETE FROM spans WHERE id = ?", (trigger,))

    def events(self: Project, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Event]:
        """Return a document's events with their arguments."""
        where, params = self._owner_filter("e", document_id, annotator, every_annotator)
        rows = self.conn.execute(
            f"SELECT e.id, e.type, e.trigger_span_id, a.name FROM events e JOIN annotators a ON a.id = e.annotator_id "
            f"JOIN spans t ON t.id = e.trigger_span_id WHERE {where} ORDER BY t.start, e.id",
            params,
        ).fetchall()
        events = {r[0]: Event(type=r[1], trigger=r[2], id=r[0], annotator=r[3]) for r in rows}
        for chunk in _chunks(list(events), 900):
            for aid_, eid, role, sid in self.conn.execute(
                f"SELECT id, event_id, role, span_id FROM event_arguments WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ):
                events[eid].arguments.append(Argument(role=role, span=sid, id=aid_))
        if events:
            self._attach_attributes("event_id", events)
            self._attach_notes("event_id", events)
        return list(events.values())

    def _owner_filter(self: Project, alias: str, document_id: int, annotator: str | None, every: bool) -> tuple[str, list[Any]]:
        if every:
            return f"{alias}.document_id = ?", [document_id]
        return f"{alias}.document_id = ? AND {alias}.annotator_id IS ?", [document_id, self._annotator_id_or_none(annotator)]

    # -- relations ---------------------------------------------------------------------

    def add_relation(self: Project, type: str, source: int, target: int, *, annotator: str | None = None) -> int:
        """Add a relation of ``type`` from span ``source`` to span ``target``; return its id."""
        if self.scheme.relation(type) is None:
            raise ProjectError(f"{type!r} is not a relation type of the scheme {self.scheme.name!r}.")
        document_id, _, _ = self._span_row(source)
        self._check_same_document(target, document_id)
        if source == target:
            raise ProjectError("a relation needs two different spans.")
        aid = self.annotator_id(annotator)
        with self._edit(f"Add relation {type}", document_id, "add_relation", {"type": type, "source": source, "target": target}):
            rid = self._insert_relation(document_id, aid, type, source, target)
            self._touch_status(document_id, aid)
        return rid

    def _insert_relation(self: Project, document_id: int, aid: int, type: str, source: int, target: int) -> int:
        from annotator.store.project import now

        cur = self.conn.execute(
            "INSERT INTO relations(document_id, annotator_id, type, source_span_id, target_span_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, aid, type, source, target, now()),
        )
        return cur.lastrowid

    def delete_relation(self: Project, relation_id: int) -> None:
        """Delete a relation."""
        row = self.conn.execute("SELECT document_id, type FROM relations WHERE id = ?", (relation_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no relation {relation_id}.")
        with self._edit(f"Delete relation {row[1]}", row[0], "delete_relation", {"relation": relation_id}):
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))

    def relations(self: Project, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Relation]:
        """Return a document's relations."""
        where, params = self._owner_filter("r", document_id, annotator, every_annotator)
        rows = self.conn.execute(
            f"SELECT r.id, r.type, r.source_span_id, r.target_span_id, a.name FROM relations r "
            f"JOIN annotators a ON a.id = r.annotator_id WHERE {where} ORDER BY r.id",
            params,
        ).fetchall()
        rels = {r[0]: Relation(type=r[1], source=r[2], target=r[3], id=r[0], annotator=r[4]) for r in rows}
        if rels:
            self._attach_attributes("relation_id", rels)
            self._attach_notes("relation_id", rels)
        return list(rels.values())

    # -- attributes --------------------------------------------------------------------

    def set_attribute(self: Project, kind: str, target_id: int, name: str, value: Any) -> None:
        """Set attribute ``name`` of a span, event, relation or stance to ``value``
        (True/False for yes/no attributes, a string from the value list otherwise);
        ``None`` removes it."""
        if kind not in ATTRIBUTE_KINDS:
            raise ProjectError(f"attributes belong to one of {', '.join(ATTRIBUTE_KINDS)}, not {kind!r}.")
        document_id = self._owner_document(kind, target_id)
        if kind != "stance":
            self._check_attribute(kind, target_id, name, value)
        column = f"{kind}_id"
        with self._edit(f"Set {name}", document_id, "set_attribute", {"kind": kind, "id": target_id, "name": name, "value": value}):
            self.conn.execute(f"DELETE FROM attributes WHERE {column} = ? AND name = ?", (target_id, name))
            if value is not None:
                self.conn.execute(
                    f"INSERT INTO attributes({column}, name, value) VALUES (?, ?, ?)",
                    (target_id, name, json.dumps(value, ensure_ascii=False)),
                )

    def _check_attribute(self: Project, kind: str, target_id: int, name: str, value: Any) -> None:
        adef = self.scheme.attribute(name)
        if adef is None:
            raise ProjectError(f"{name!r} is not an attribute of the scheme {self.scheme.name!r}.")
        applies = {"span": "entity", "event": "event", "relation": "relation"}[kind]
        if kind == "span":
            label = self._span_row(target_id)[2]
            if self.scheme.event(label):
                applies = "event"
        if applies not in adef.on:
            raise ProjectError(f"attribute {name!r} does not apply to {applies}s.")
        if value is None:
            return
        if adef.binary and not isinstance(value, bool):
            raise ProjectError(f"attribute {name!r} is yes/no: give True or False, not {value!r}.")
        if not adef.binary and value not in adef.values:
            raise ProjectError(f"attribute {name!r} takes one of {', '.join(adef.values)}, not {value!r}.")

    def _owner_document(self: Project, kind: str, target_id: int) -> int:
        table = {"span": "spans", "event": "events", "relation": "relations", "stance": "stances"}[kind]
        row = self.conn.execute(f"SELECT document_id FROM {table} WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no {kind} {target_id}.")
        return row[0]

    # -- notes -------------------------------------------------------------------------

    def add_note(self: Project, document_id: int, text: str, *, span: int | None = None, event: int | None = None,
                 relation: int | None = None, kind: str = "note", reference: str | None = None,
                 annotator: str | None = None) -> int:
        """Add a note (or, with ``kind="normalization"``, a knowledge-base ``reference``) to
        a span, event or relation, or to the document itself; return its id."""
        from annotator.store.project import now

        if kind not in NOTE_KINDS:
            raise ProjectError(f"a note's kind is one of {', '.join(NOTE_KINDS)}, not {kind!r}.")
        for k, oid in (("span", span), ("event", event), ("relation", relation)):
            if oid is not None and self._owner_document(k, oid) != document_id:
                raise ProjectError(f"{k} {oid} is not in document {document_id}.")
        aid = self.annotator_id(annotator)
        with self._edit("Add note", document_id, "add_note", {"kind": kind}):
            cur = self.conn.execute(
                "INSERT INTO notes(document_id, annotator_id, span_id, event_id, relation_id, kind, reference, text, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, aid, span, event, relation, kind, reference, text, now()),
            )
        return cur.lastrowid

    def delete_note(self: Project, note_id: int) -> None:
        """Delete a note."""
        row = self.conn.execute("SELECT document_id FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no note {note_id}.")
        with self._edit("Delete note", row[0], "delete_note", {"note": note_id}):
            self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def notes(self: Project, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[dict[str, Any]]:
        """Return a document's notes and normalisations as dicts."""
        where, params = self._owner_filter("n", document_id, annotator, every_annotator)
        rows = self.conn.execute(
            f"SELECT n.id, n.span_id, n.event_id, n.relation_id, n.kind, n.reference, n.text, a.name FROM notes n "
            f"JOIN annotators a ON a.id = n.annotator_id WHERE {where} ORDER BY n.id",
            params,
        ).fetchall()
        keys = ("id", "span", "event", "relation", "kind", "reference", "text", "annotator")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- everything at once ------------------------------------------------------------

    def annotations(self: Project, document_id: int, annotator: str | None = None) -> Annotations:
        """Return every annotation ``annotator`` (default: the current one) made on a document."""
        every = self.notes(document_id, annotator)
        notes = [n["text"] for n in every
                 if n["kind"] == "note" and n["span"] is None and n["event"] is None and n["relation"] is None]
        norms = [Normalization(target=n["span"] or n["event"] or n["relation"], reference=n["reference"] or "", text=n["text"],
                               target_kind="span" if n["span"] else "event" if n["event"] else "relation", id=n["id"])
                 for n in every if n["kind"] == "normalization" and (n["span"] or n["event"] or n["relation"])]
        return Annotations(
            spans=self.spans(document_id, annotator),
            events=self.events(document_id, annotator),
            relations=self.relations(document_id, annotator),
            stances=self.stances(document_id, annotator),
            doc_labels=self.doc_labels(document_id, annotator),
            notes=notes,
            status=self.status(document_id, annotator),
            normalizations=norms,
        )


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
