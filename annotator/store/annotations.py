"""Spans with fragments, events with arguments, relations, attributes and notes (tables
``spans``, ``fragments``, ``events``, ``event_arguments``, ``relations``, ``attributes``,
``notes``): a part of ``Project`` (stances and document labels: ``stances.py``).

The one reader and the one writer of these tables: ``read_spans``, ``read_events``,
``read_relations`` and ``read_notes`` map rows to core records; ``insert_span``,
``insert_spans``, ``insert_event``, ``insert_relation``, ``insert_extras`` and ``insert_note``
write them inside the caller's transaction (edits, layer copies, merges and imports use
them).  Every public method that changes something is one committed, logged, undoable
edit and returns its ``Changes`` (an add returns the new id; its ``Changes`` is
``Edits.last_changes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.model import Argument, Event, Normalization, Relation, Span
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.changes import Changes
from annotator.store.documents import Documents
from annotator.store.edits import Edits
from annotator.store.settings import Settings, now
from annotator.store.status import Status

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


class Items:
    """Span, event, relation, attribute and note edits and reads."""

    def __init__(self, db: SQLiteBackend, settings: Settings, people: Annotators, docs: Documents, statuses: Status,
                 edits: Edits) -> None:
        self.db = db
        self.settings = settings
        self.people = people
        self.docs = docs
        self.statuses = statuses
        self.edits = edits

    @property
    def conn(self) -> Any:
        return self.db.conn

    # -- spans -------------------------------------------------------------------------

    def add_span(self, document_id: int, label: str, start: int | None = None, end: int | None = None,
                 *, fragments: Fragments | None = None, annotator: str | None = None) -> int:
        """Add a span labelled ``label`` over ``[start, end)`` (or over several
        ``fragments``) and return its id."""
        given = fragments if fragments is not None else [(start, end)]
        if any(s is None or e is None for s, e in given):
            raise ProjectError("add_span needs start and end, or fragments.")
        self.check_span_label(label)
        text = self.docs.text(document_id)
        frags = check_fragments(text, [(int(s), int(e)) for s, e in given if s is not None and e is not None])
        aid = self.people.me(annotator)
        surface = " ".join(text[s:e] for s, e in frags)
        with self.edits.edit(f"Add {label} «{_short(surface)}»", document_id, "add_span",
                             {"label": label, "fragments": frags}):
            span_id = self.insert_span(document_id, aid, label, frags, text)
            self.statuses.touch(document_id, aid)
        return span_id

    def insert_span(self, document_id: int, aid: int, label: str, frags: list[tuple[int, int]], text: str) -> int:
        """Write one span with its fragments (checked already; inside the caller's transaction)."""
        surface = " ".join(text[s:e] for s, e in frags)
        cur = self.conn.execute(
            "INSERT INTO spans(document_id, annotator_id, label, start, end, surface, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document_id, aid, label, frags[0][0], max(e for _, e in frags), surface, now()),
        )
        span_id = int(cur.lastrowid)
        self.conn.executemany(
            "INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)",
            [(span_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags)],
        )
        return span_id

    def insert_spans(self, document_id: int, aid: int, text: str, spans: Iterable[tuple[Span, list[tuple[int, int]]]],
                     notes: bool = True) -> list[int]:
        """Write many spans (each with its checked fragments) with two ``executemany``
        (spans, fragments) instead of two statements per span, and their attributes and
        (with ``notes``) notes; return their ids in order.  Ids are given in order after the
        largest the table ever gave (the caller holds the write transaction): ids are never
        reused, an undo elsewhere may still name one.  The same rows as ``insert_span``."""
        stamp = now()
        span_rows: list[tuple[Any, ...]] = []
        frag_rows: list[tuple[Any, ...]] = []
        extras: list[tuple[int, Span]] = []
        next_id = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM spans), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'spans'), 0))").fetchone()[0] + 1
        ids: list[int] = []
        for span, frags in spans:
            sid = next_id
            next_id += 1
            span_rows.append((sid, document_id, aid, span.label, frags[0][0], max(e for _, e in frags),
                              " ".join(text[s:e] for s, e in frags), stamp))
            frag_rows.extend((sid, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags))
            if span.attributes or (notes and span.notes):
                extras.append((sid, span))
            ids.append(sid)
        self.conn.executemany("INSERT INTO spans(id, document_id, annotator_id, label, start, end, surface, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", span_rows)
        self.conn.executemany("INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)", frag_rows)
        for sid, span in extras:
            self.insert_extras(document_id, aid, "span_id", sid, span.attributes, span.notes if notes else [])
        return ids

    def check_span_label(self, label: str) -> None:
        scheme = self.settings.scheme
        if label not in scheme.span_labels:
            raise ProjectError(f"{label!r} is not an entity or event type of the scheme {scheme.name!r}.")

    def span_owner(self, span_id: int) -> tuple[int, int, str]:
        """Return ``(document id, annotator id, label)`` of a span, or raise ``ProjectError``."""
        row = self.conn.execute("SELECT document_id, annotator_id, label FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no span {span_id}.")
        return int(row[0]), int(row[1]), str(row[2])

    def update_span(self, span_id: int, *, label: str | None = None, fragments: Fragments | None = None) -> Changes:
        """Change a span's label and/or fragments."""
        document_id, _, old_label = self.span_owner(span_id)
        if label is not None:
            self.check_span_label(label)
        text = self.docs.text(document_id)
        frags = check_fragments(text, fragments) if fragments is not None else None
        what = f"Relabel {old_label} as {label}" if label and label != old_label else "Change span"
        with self.edits.edit(what, document_id, "update_span", {"span": span_id, "label": label, "fragments": frags}) as done:
            if label is not None:
                self.conn.execute("UPDATE spans SET label = ? WHERE id = ?", (label, span_id))
            if frags is not None:
                self._set_fragments(span_id, frags, text)
        return done.changes

    def add_fragment(self, span_id: int, start: int, end: int) -> Changes:
        """Add the fragment ``[start, end)`` to a span, making it discontinuous."""
        frags = self.span(span_id).fragments
        return self.update_span(span_id, fragments=[*frags, (start, end)])

    def _set_fragments(self, span_id: int, frags: list[tuple[int, int]], text: str) -> None:
        self.conn.execute("DELETE FROM fragments WHERE span_id = ?", (span_id,))
        self.conn.executemany(
            "INSERT INTO fragments(span_id, seq, start, end, surface) VALUES (?, ?, ?, ?, ?)",
            [(span_id, i, s, e, text[s:e]) for i, (s, e) in enumerate(frags)],
        )
        self.conn.execute(
            "UPDATE spans SET start = ?, end = ?, surface = ? WHERE id = ?",
            (frags[0][0], max(e for _, e in frags), " ".join(text[s:e] for s, e in frags), span_id),
        )

    def delete_span(self, span_id: int) -> Changes:
        """Delete a span, with the events it triggers and the arguments, relations and
        stances that point at it."""
        document_id, _, label = self.span_owner(span_id)
        with self.edits.edit(f"Delete {label}", document_id, "delete_span", {"span": span_id}) as done:
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
        return done.changes

    def delete_spans(self, span_ids: Iterable[int]) -> Changes:
        """Delete several spans as one undoable edit."""
        with self.edits.macro("Delete spans") as done:
            for sid in span_ids:
                self.delete_span(sid)
        return done.changes

    def span(self, span_id: int) -> Span:
        """Return span ``span_id``."""
        self.span_owner(span_id)
        return self.read_spans("s.id = ?", [span_id])[0]

    def spans(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Span]:
        """Return the spans of a document by ``annotator`` (default: the current one), or
        by everyone with ``every_annotator``, ordered by position."""
        return self.read_spans(*self.owner_filter("s", document_id, annotator, every_annotator))

    def read_spans(self, where: str, params: list[Any], *, extras: bool = True) -> list[Span]:
        """The span mapper: the spans ``where`` (on ``spans s``) selects, in text order, with
        their attributes and notes unless ``extras`` is False."""
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
        if by_id and extras:
            self.attach_attributes("span_id", by_id)
            self.attach_notes("span_id", by_id)
        return spans

    def spans_by_id(self, ids: list[int]) -> list[Span]:
        """Spans ``ids`` in text order, without attributes and notes (the window's linked read)."""
        out: list[Span] = []
        for chunk in chunks(ids):
            out.extend(self.read_spans(f"s.id IN ({marks(chunk)})", chunk, extras=False))
        if len(ids) > 900:
            out.sort(key=lambda s: (s.fragments[0][0], s.fragments[-1][1], s.id))  # fragments are sorted
        return out

    def attach_attributes(self, column: str, items: dict[int, Any]) -> None:
        """Fill each item's ``attributes`` (``column``: span_id, event_id, relation_id or stance_id)."""
        for chunk in chunks(list(items)):
            rows = self.conn.execute(
                f"SELECT {column}, name, value FROM attributes WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
            )
            for oid, name, value in rows:
                items[oid].attributes[name] = json.loads(value)

    def attach_notes(self, column: str, items: dict[int, Any]) -> None:
        """Fill each item's ``notes`` (the notes of kind 'note' pointing at it)."""
        for chunk in chunks(list(items)):
            rows = self.conn.execute(
                f"SELECT {column}, text FROM notes WHERE kind = 'note' AND {column} IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            )
            for oid, text in rows:
                items[oid].notes.append(text)

    # -- events ------------------------------------------------------------------------

    def add_event(self, document_id: int, type: str, trigger: int | tuple[int, int],
                  arguments: Iterable[tuple[str, int]] = (), *, annotator: str | None = None) -> int:
        """Add an event of ``type`` and return its id.

        ``trigger`` is a span id, or ``(start, end)`` for a new trigger span labelled with
        the event type; ``arguments`` are ``(role, span id)`` pairs.
        """
        scheme = self.settings.scheme
        if scheme.event(type) is None:
            raise ProjectError(f"{type!r} is not an event type of the scheme {scheme.name!r}.")
        aid = self.people.me(annotator)
        args = list(arguments)
        for role, sid in args:
            self.check_role(type, role)
            self.check_same_document(sid, document_id)
        with self.edits.edit(f"Add event {type}", document_id, "add_event", {"type": type, "arguments": args}):
            if isinstance(trigger, tuple):
                text = self.docs.text(document_id)
                trigger_id = self.insert_span(document_id, aid, type, check_fragments(text, [trigger]), text)
            else:
                self.check_same_document(trigger, document_id)
                trigger_id = trigger
            event_id = self.insert_event(document_id, aid, type, trigger_id, args)
            self.statuses.touch(document_id, aid)
        return event_id

    def insert_event(self, document_id: int, aid: int, type: str, trigger_id: int, args: list[tuple[str, int]]) -> int:
        """Write an event with its arguments (inside the caller's transaction)."""
        cur = self.conn.execute(
            "INSERT INTO events(document_id, annotator_id, type, trigger_span_id, created_at) VALUES (?, ?, ?, ?, ?)",
            (document_id, aid, type, trigger_id, now()),
        )
        self.conn.executemany(
            "INSERT INTO event_arguments(event_id, role, span_id) VALUES (?, ?, ?)", [(cur.lastrowid, r, s) for r, s in args]
        )
        return int(cur.lastrowid)

    def check_role(self, event_type: str, role: str) -> None:
        etype = self.settings.scheme.event(event_type)
        if etype is None or etype.role(role) is None:
            raise ProjectError(f"event type {event_type!r} has no role {role!r} in the scheme.")

    def check_same_document(self, span_id: int, document_id: int) -> None:
        """Raise ``ProjectError`` unless span ``span_id`` is in document ``document_id``."""
        doc, _, _ = self.span_owner(span_id)
        if doc != document_id:
            raise ProjectError(f"span {span_id} belongs to document {doc}, not {document_id}.")

    def _event_row(self, event_id: int) -> tuple[int, str, int]:
        row = self.conn.execute("SELECT document_id, type, trigger_span_id FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no event {event_id}.")
        return int(row[0]), str(row[1]), int(row[2])

    def add_argument(self, event_id: int, role: str, span_id: int) -> int:
        """Add an argument (``role`` filled by span ``span_id``) to an event; return its id."""
        document_id, type, _ = self._event_row(event_id)
        self.check_role(type, role)
        self.check_same_document(span_id, document_id)
        with self.edits.edit(f"Add {role} to {type}", document_id, "add_argument", {"event": event_id, "role": role, "span": span_id}):
            cur = self.conn.execute("INSERT INTO event_arguments(event_id, role, span_id) VALUES (?, ?, ?)", (event_id, role, span_id))
        return int(cur.lastrowid)

    def delete_argument(self, argument_id: int) -> Changes:
        """Remove an argument from its event."""
        row = self.conn.execute(
            "SELECT e.document_id, a.role FROM event_arguments a JOIN events e ON e.id = a.event_id WHERE a.id = ?", (argument_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"there is no event argument {argument_id}.")
        with self.edits.edit(f"Remove {row[1]}", row[0], "delete_argument", {"argument": argument_id}) as done:
            self.conn.execute("DELETE FROM event_arguments WHERE id = ?", (argument_id,))
        return done.changes

    def set_event_type(self, event_id: int, type: str) -> Changes:
        """Change an event's type (and its trigger span's label)."""
        document_id, old, trigger = self._event_row(event_id)
        scheme = self.settings.scheme
        if scheme.event(type) is None:
            raise ProjectError(f"{type!r} is not an event type of the scheme {scheme.name!r}.")
        with self.edits.edit(f"Change event {old} to {type}", document_id, "set_event_type",
                             {"event": event_id, "type": type}) as done:
            self.conn.execute("UPDATE events SET type = ? WHERE id = ?", (type, event_id))
            self.conn.execute("UPDATE spans SET label = ? WHERE id = ?", (type, trigger))
        return done.changes

    def delete_event(self, event_id: int) -> Changes:
        """Delete an event, and its trigger span unless another event shares it."""
        document_id, type, trigger = self._event_row(event_id)
        with self.edits.edit(f"Delete event {type}", document_id, "delete_event", {"event": event_id}) as done:
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            shared = self.conn.execute("SELECT 1 FROM events WHERE trigger_span_id = ?", (trigger,)).fetchone()
            if not shared:
                self.conn.execute("DELETE FROM spans WHERE id = ?", (trigger,))
        return done.changes

    def events(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Event]:
        """Return a document's events with their arguments."""
        return self.read_events(*self.owner_filter("e", document_id, annotator, every_annotator))

    def event(self, event_id: int) -> Event:
        """Return event ``event_id`` with its arguments and attributes."""
        found = self.read_events("e.id = ?", [event_id])
        if not found:
            raise ProjectError(f"there is no event {event_id}.")
        return found[0]

    def read_events(self, where: str, params: list[Any]) -> list[Event]:
        """The event mapper: the events ``where`` (on ``events e``) selects, in trigger
        order, with arguments, attributes and notes."""
        rows = self.conn.execute(
            f"SELECT e.id, e.type, e.trigger_span_id, a.name FROM events e JOIN annotators a ON a.id = e.annotator_id "
            f"JOIN spans t ON t.id = e.trigger_span_id WHERE {where} ORDER BY t.start, e.id",
            params,
        ).fetchall()
        events = {r[0]: Event(type=r[1], trigger=r[2], id=r[0], annotator=r[3]) for r in rows}
        for chunk in chunks(list(events)):
            for aid_, eid, role, sid in self.conn.execute(
                f"SELECT id, event_id, role, span_id FROM event_arguments WHERE event_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ):
                events[eid].arguments.append(Argument(role=role, span=sid, id=aid_))
        if events:
            self.attach_attributes("event_id", events)
            self.attach_notes("event_id", events)
        return list(events.values())

    def owner_filter(self, alias: str, document_id: int, annotator: str | None, every: bool) -> tuple[str, list[Any]]:
        """A WHERE clause (on table ``alias``) for a document's items by ``annotator``
        (default: the current one), or by everyone with ``every``."""
        if every:
            return f"{alias}.document_id = ?", [document_id]
        return f"{alias}.document_id = ? AND {alias}.annotator_id IS ?", [document_id, self.people.me_or_none(annotator)]

    # -- relations ---------------------------------------------------------------------

    def add_relation(self, type: str, source: int, target: int, *, annotator: str | None = None) -> int:
        """Add a relation of ``type`` from span ``source`` to span ``target``; return its id."""
        scheme = self.settings.scheme
        if scheme.relation(type) is None:
            raise ProjectError(f"{type!r} is not a relation type of the scheme {scheme.name!r}.")
        document_id, _, _ = self.span_owner(source)
        self.check_same_document(target, document_id)
        if source == target:
            raise ProjectError("a relation needs two different spans.")
        aid = self.people.me(annotator)
        with self.edits.edit(f"Add relation {type}", document_id, "add_relation", {"type": type, "source": source, "target": target}):
            rid = self.insert_relation(document_id, aid, type, source, target)
            self.statuses.touch(document_id, aid)
        return rid

    def insert_relation(self, document_id: int, aid: int, type: str, source: int, target: int) -> int:
        """Write a relation (inside the caller's transaction)."""
        cur = self.conn.execute(
            "INSERT INTO relations(document_id, annotator_id, type, source_span_id, target_span_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, aid, type, source, target, now()),
        )
        return int(cur.lastrowid)

    def delete_relation(self, relation_id: int) -> Changes:
        """Delete a relation."""
        row = self.conn.execute("SELECT document_id, type FROM relations WHERE id = ?", (relation_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no relation {relation_id}.")
        with self.edits.edit(f"Delete relation {row[1]}", row[0], "delete_relation", {"relation": relation_id}) as done:
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
        return done.changes

    def relations(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Relation]:
        """Return a document's relations."""
        return self.read_relations(*self.owner_filter("r", document_id, annotator, every_annotator))

    def relation(self, relation_id: int) -> Relation:
        """Return relation ``relation_id``."""
        found = self.read_relations("r.id = ?", [relation_id])
        if not found:
            raise ProjectError(f"there is no relation {relation_id}.")
        return found[0]

    def read_relations(self, where: str, params: list[Any]) -> list[Relation]:
        """The relation mapper: the relations ``where`` (on ``relations r``) selects, with
        attributes and notes."""
        rows = self.conn.execute(
            f"SELECT r.id, r.type, r.source_span_id, r.target_span_id, a.name FROM relations r "
            f"JOIN annotators a ON a.id = r.annotator_id WHERE {where} ORDER BY r.id",
            params,
        ).fetchall()
        rels = {r[0]: Relation(type=r[1], source=r[2], target=r[3], id=r[0], annotator=r[4]) for r in rows}
        if rels:
            self.attach_attributes("relation_id", rels)
            self.attach_notes("relation_id", rels)
        return list(rels.values())

    # -- attributes --------------------------------------------------------------------

    def set_attribute(self, kind: str, target_id: int, name: str, value: Any) -> Changes:
        """Set attribute ``name`` of a span, event, relation or stance to ``value``
        (True/False for yes/no attributes, a string from the value list otherwise);
        ``None`` removes it."""
        if kind not in ATTRIBUTE_KINDS:
            raise ProjectError(f"attributes belong to one of {', '.join(ATTRIBUTE_KINDS)}, not {kind!r}.")
        document_id = self.owner_document(kind, target_id)
        if kind != "stance":
            self._check_attribute(kind, target_id, name, value)
        column = f"{kind}_id"
        with self.edits.edit(f"Set {name}", document_id, "set_attribute",
                             {"kind": kind, "id": target_id, "name": name, "value": value}) as done:
            self.conn.execute(f"DELETE FROM attributes WHERE {column} = ? AND name = ?", (target_id, name))
            if value is not None:
                self.conn.execute(
                    f"INSERT INTO attributes({column}, name, value) VALUES (?, ?, ?)",
                    (target_id, name, json.dumps(value, ensure_ascii=False)),
                )
        return done.changes

    def _check_attribute(self, kind: str, target_id: int, name: str, value: Any) -> None:
        scheme = self.settings.scheme
        adef = scheme.attribute(name)
        if adef is None:
            raise ProjectError(f"{name!r} is not an attribute of the scheme {scheme.name!r}.")
        applies = {"span": "entity", "event": "event", "relation": "relation"}[kind]
        if kind == "span":
            label = self.span_owner(target_id)[2]
            if scheme.event(label):
                applies = "event"
        if applies not in adef.on:
            raise ProjectError(f"attribute {name!r} does not apply to {applies}s.")
        if value is None:
            return
        if adef.binary and not isinstance(value, bool):
            raise ProjectError(f"attribute {name!r} is yes/no: give True or False, not {value!r}.")
        if not adef.binary and value not in adef.values:
            raise ProjectError(f"attribute {name!r} takes one of {', '.join(adef.values)}, not {value!r}.")

    def owner_document(self, kind: str, target_id: int) -> int:
        """Return the document of a span, event, relation or stance, or raise ``ProjectError``."""
        table = {"span": "spans", "event": "events", "relation": "relations", "stance": "stances"}[kind]
        row = self.conn.execute(f"SELECT document_id FROM {table} WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no {kind} {target_id}.")
        return int(row[0])

    def insert_extras(self, document_id: int, aid: int, column: str, oid: int, attributes: dict[str, Any],
                      notes: list[str]) -> None:
        """Write an item's attributes and notes (``column``: span_id, event_id, relation_id
        or stance_id; a stance has no notes)."""
        self.conn.executemany(
            f"INSERT OR REPLACE INTO attributes({column}, name, value) VALUES (?, ?, ?)",
            [(oid, k, json.dumps(v, ensure_ascii=False)) for k, v in attributes.items()],
        )
        if column != "stance_id":
            for note in notes:
                self.insert_note(document_id, aid, note, {column: oid})

    # -- notes -------------------------------------------------------------------------

    def add_note(self, document_id: int, text: str, *, span: int | None = None, event: int | None = None,
                 relation: int | None = None, kind: str = "note", reference: str | None = None,
                 annotator: str | None = None) -> int:
        """Add a note (or, with ``kind="normalization"``, a knowledge-base ``reference``) to
        a span, event or relation, or to the document itself; return its id."""
        if kind not in NOTE_KINDS:
            raise ProjectError(f"a note's kind is one of {', '.join(NOTE_KINDS)}, not {kind!r}.")
        for k, oid in (("span", span), ("event", event), ("relation", relation)):
            if oid is not None and self.owner_document(k, oid) != document_id:
                raise ProjectError(f"{k} {oid} is not in document {document_id}.")
        aid = self.people.me(annotator)
        with self.edits.edit("Add note", document_id, "add_note", {"kind": kind}):
            note_id = self.insert_note(document_id, aid, text, {"span_id": span, "event_id": event, "relation_id": relation},
                                       kind=kind, reference=reference)
        return note_id

    def insert_note(self, document_id: int, aid: int, text: str, target: Mapping[str, int | None] | None = None, *,
                    kind: str = "note", reference: str | None = None) -> int:
        """Write a note or a normalisation (``target``: its span_id, event_id or relation_id
        column, none for a document note; inside the caller's transaction); return its id."""
        target = {k: v for k, v in (target or {}).items() if v is not None}
        cols = ["document_id", "annotator_id", "text", "created_at", *target]
        values: list[Any] = [document_id, aid, text, now(), *target.values()]
        if kind != "note":
            cols += ["kind", "reference"]
            values += [kind, reference]
        elif reference is not None:
            cols.append("reference")
            values.append(reference)
        cur = self.conn.execute(f"INSERT INTO notes({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
        return int(cur.lastrowid)

    def delete_note(self, note_id: int) -> Changes:
        """Delete a note."""
        row = self.conn.execute("SELECT document_id FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise ProjectError(f"there is no note {note_id}.")
        with self.edits.edit("Delete note", row[0], "delete_note", {"note": note_id}) as done:
            self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return done.changes

    def notes(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[dict[str, Any]]:
        """Return a document's notes and normalisations as dicts."""
        return self.read_notes(*self.owner_filter("n", document_id, annotator, every_annotator))

    def read_notes(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        """The note mapper: the notes ``where`` (on ``notes n``) selects, as dicts."""
        rows = self.conn.execute(
            f"SELECT n.id, n.span_id, n.event_id, n.relation_id, n.kind, n.reference, n.text, a.name FROM notes n "
            f"JOIN annotators a ON a.id = n.annotator_id WHERE {where} ORDER BY n.id",
            params,
        ).fetchall()
        keys = ("id", "span", "event", "relation", "kind", "reference", "text", "annotator")
        return [dict(zip(keys, r, strict=True)) for r in rows]


def split_notes(every: list[dict[str, Any]]) -> tuple[list[str], list[Normalization]]:
    """Return a layer's document notes and its normalisations, from ``read_notes`` dicts."""
    notes = [n["text"] for n in every
             if n["kind"] == "note" and n["span"] is None and n["event"] is None and n["relation"] is None]
    norms = [Normalization(target=n["span"] or n["event"] or n["relation"], reference=n["reference"] or "", text=n["text"],
                           target_kind="span" if n["span"] else "event" if n["event"] else "relation", id=n["id"])
             for n in every if n["kind"] == "normalization" and (n["span"] or n["event"] or n["relation"])]
    return notes, norms


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def chunks(items: list[Any], size: int = 900) -> list[list[Any]]:
    """Split ``items`` into lists of ``size`` (SQLite takes up to 999 parameters)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def marks(items: Sequence[Any]) -> str:
    """``?,?,?``: one placeholder per item."""
    return ",".join("?" * len(items))
