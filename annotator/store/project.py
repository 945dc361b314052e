"""The Project API: the one way into a project file, for the GUI, the CLI and scripts.

    >>> from annotator import Project
    >>> with Project.create("news.annotproj") as p:            # doctest: +SKIP
    ...     p.import_files(["articles/"])
    ...     doc = p.documents(limit=1)[0]
    ...     span = p.add_span(doc.id, "GPE", 5, 21)
    ...     p.undo()

Every edit is committed in its own transaction as it happens and is one undo step.

``Project`` is a facade (Anki's ``Collection``): it owns the parts, each one module with its
own tables, state, SQL and one mapper, given the other parts it needs when it is built,
and its public methods are one-line delegations to them.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from annotator.core.model import (
    Annotations,
    Document,
    DocumentInfo,
    Event,
    Relation,
    Span,
    Stance,
)
from annotator.core.scheme import Scheme, default_scheme
from annotator.core.validation import Problem
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.adjudication import Adjudication, Adjudicator
from annotator.store.agreement import Agreement
from annotator.store.annotations import Fragments, Items
from annotator.store.annotators import GOLD, Annotators
from annotator.store.backend import SQLiteBackend, is_url, refuse_url
from annotator.store.changes import Changes
from annotator.store.documents import STATUSES, Documents
from annotator.store.edits import Edits, Pending
from annotator.store.export import Export
from annotator.store.export import Layers as ExportLayers
from annotator.store.importing import Importing, ImportReport, ProgressCallback
from annotator.store.layers import Copied, Layers
from annotator.store.linked import Linked
from annotator.store.packages import MergeReport, Packages, PackReport
from annotator.store.settings import DEFAULT_SETTINGS, Settings, now
from annotator.store.stances import KEEP, EvidenceRef, Stances
from annotator.store.stats import Stats
from annotator.store.status import Status
from annotator.store.team import AnnotatorInfo, AssignReport, Team
from annotator.store.team_views import TeamViews
from annotator.store.undo import Step
from annotator.store.views import SpanRow, Views

#: re-exported: they were defined here before the parts had modules of their own
__all__ = ["DEFAULT_SETTINGS", "GOLD", "STATUSES", "ProgressCallback", "Project", "now"]

def default_annotator() -> str:
    """Return the name of the person at this computer (the login name)."""
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # noqa: BLE001 - no login name in some containers
        return os.environ.get("USER") or "annotator"


def _team_backend(url: str, *, create: bool) -> SQLiteBackend:
    """The backend of a team database (``postgresql://``), created or opened: a
    ``PostgreSQLBackend``, which has the shape of an ``SQLiteBackend`` that the parts use
    (``conn``, ``transaction``, ``data_version``, ``on_rollback``, ``location``, ``path``)."""
    if url.split("://", 1)[0] not in ("postgresql", "postgres"):
        refuse_url(url)
    from annotator.store import postgres

    team = postgres.create_database(url) if create else postgres.open_database(url)
    return cast(SQLiteBackend, team)


class Project:
    """An open project file.

    Create one with ``Project.create(path)`` or open one with ``Project.open(path)``;
    use it as a context manager, or call ``close()``.  ``annotator`` names who is
    annotating: edits are stored under that name (the default is the login name).
    """

    def __init__(self, path: Path, db: SQLiteBackend, annotator: str | None = None) -> None:
        self.path = path
        #: the backend: the one way into the database (``db.utils`` is a sqlite-utils
        #: ``Database`` on the same connection, for scripts)
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        # the parts, each with its own tables and state, given the parts it uses
        self.settings = Settings(db, path)
        self.people = Annotators(db, path, annotator or self.settings.get("last_annotator") or default_annotator())
        self.docs = Documents(db, path)
        self.edits = Edits(db, self.people, self.forget)
        #: the undo and redo stacks (``edits.history``)
        self.history: undo.History = self.edits.history
        self.statuses = Status(db, self.people, self.docs, self.edits)
        self.items = Items(db, self.settings, self.people, self.docs, self.statuses, self.edits)
        self.stance_items = Stances(db, self.settings, self.people, self.docs, self.statuses, self.edits, self.items)
        self.layers = Layers(db, self.settings, self.people, self.docs, self.statuses, self.items, self.stance_items)
        self.linked = Linked(self.settings, self.people, self.docs, self.items, self.stance_items)
        self.views = Views(db, self.people, self.docs)
        self.counts = Stats(db, path, self.settings, self.docs, self.layers)
        self.team = Team(db, path, self.settings, self.people, self.docs, self.edits)
        self.team_views = TeamViews(db)
        self.adjudicator = Adjudicator(db, self.people, self.statuses, self.edits, self.layers)
        self.export = Export(db, self.docs)
        self.importer = Importing(db, self.settings, self.people, self.statuses, self.edits, self.items,
                                  self.stance_items)
        self.packages = Packages(db, path, self.settings, self.people, self.docs, self.statuses, self.edits, self.layers,
                                 self.team, self.importer, type(self).create, type(self).open)
        self.agreements = Agreement(db, path, self.settings, self.people, self.export)
        db.on_rollback.append(self.forget)
        self._bulk_depth = 0  # imports and merges running (the outermost reports)
        # a team database's lost connection takes the session's undo log with it
        db.on_reconnect.append(self.history.clear)

    # -- lifecycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], scheme: Scheme | str | os.PathLike[str] | None = None,
               *, annotator: str | None = None) -> Project:
        """Create a new project file at ``path`` with ``scheme`` (default: the bundled
        Arabic news scheme; a path to a TOML file, or a loaded ``Scheme``)."""
        from annotator.core.scheme import load_scheme

        if scheme is None:
            scheme = default_scheme()
        elif not isinstance(scheme, Scheme):
            scheme = load_scheme(scheme)
        if is_url(path):
            db = _team_backend(str(path), create=True)
            path = db.path
        else:
            path = Path(path)
            db = dbmod.create_file(path)
        project = cls(path, db, annotator)
        with dbmod.transaction(db):
            for key, value in DEFAULT_SETTINGS.items():
                project.settings.put(key, value)
            project.settings.put("created_at", now())
            project.settings.store_scheme(scheme)
        return project

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, annotator: str | None = None) -> Project:
        """Open the project file at ``path`` (an older file is backed up, then upgraded)."""
        path = getattr(path, "url", path)  # a team project's ``path`` (postgres.DatabasePath)
        if is_url(path):
            team = _team_backend(str(path), create=False)
            # in a lab, who logged in is who annotates (the lanes are the roles' names)
            return cls(team.path, team, annotator or team.user)  # type: ignore[attr-defined]
        path = Path(path)
        db = dbmod.open_file(path)
        return cls(path, db, annotator)

    def close(self) -> None:
        """Close the project file; every edit is already saved."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.edits.close()
            self.db.close()
            self.conn = None  # type: ignore[assignment]

    @property
    def closed(self) -> bool:
        return self.conn is None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Project {self.path}>"

    # -- edits, undo, other connections (annotator/store/edits.py) ---------------------

    @property
    def last_changes(self) -> Changes | None:
        """What the latest write, undo or redo through this Project changed."""
        return self.edits.last_changes

    @property
    def listeners(self) -> list[Callable[[Changes], Any]]:
        """Called with the ``Changes`` of every write, undo and redo made through this Project."""
        return self.edits.listeners

    def macro(self, label: str) -> contextlib.AbstractContextManager[Pending]:
        """Group the edits made in the block into one transaction and one undo step (``as``
        gives a ``Pending`` whose ``changes`` say, after the block, what it changed)."""
        return self.edits.macro(label)

    def poll(self) -> Changes | None:
        """Return what other connections (the CLI, a script, another window, a worker
        thread's import) have edited since this Project last said so, or None.

        The value has ``kind="external"``, the ``documents`` the edit log names and the
        actions as its ``label``.  A commit that is no edit (time tracking, suggestions
        written by a recommender) drops what this connection cached but is not reported.
        Cheap when nothing happened (one ``PRAGMA data_version``): call it often."""
        return self.edits.poll()

    def forget(self) -> None:
        """Drop everything this connection cached from the database (the scheme, annotator
        ids, texts, which documents are started): after a rollback, or when another
        connection has written."""
        for part in (self.settings, self.people, self.docs, self.statuses):
            part.forget()

    @property
    def can_undo(self) -> bool:
        return bool(self.history.undo_steps)

    @property
    def can_redo(self) -> bool:
        return bool(self.history.redo_steps)

    def undo(self) -> Step | None:
        """Undo the last edit; return its step (label, document, ``changes``) or None if
        there is none.  Refused with ``ProjectError``, and the history dropped, if another
        program has since changed what the edit touched or imported into the project."""
        return self.edits.undo()

    def redo(self) -> Step | None:
        """Redo the last undone edit; return its step or None if there is none (refused as
        ``undo`` is)."""
        return self.edits.redo()

    def edit_log(self, document_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Return the newest entries of the edit log, optionally for one document."""
        return self.edits.entries(document_id, limit)

    # -- settings and the scheme (annotator/store/settings.py) -------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return the project setting ``key`` (see ``DEFAULT_SETTINGS``)."""
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> Changes:
        """Change the project setting ``key`` (committed at once; not undoable)."""
        self.settings.check(key, value)
        with dbmod.transaction(self.db):
            self.settings.put(key, value)
        return self.edits.wrote("set_setting", changed={"settings": []})

    @property
    def guidelines(self) -> str:
        """The project's annotation guidelines (Markdown)."""
        return self.get_setting("guidelines", "")

    @guidelines.setter
    def guidelines(self, markdown: str) -> None:
        self.set_setting("guidelines", markdown)

    @property
    def scheme(self) -> Scheme:
        """The project's current annotation scheme (the newest stored version)."""
        return self.settings.scheme

    def set_scheme(self, scheme: Scheme) -> Changes:
        """Store ``scheme`` as the project's new current scheme (older versions are kept)."""
        with dbmod.transaction(self.db):
            self.settings.store_scheme(scheme)
            self.edits.log("set_scheme", None, {"name": scheme.name, "version": scheme.version})
        return self.edits.wrote("set_scheme", added={"schemes": []})

    def refresh(self) -> None:
        """Forget what this connection cached, so that a change made through another
        connection (an import on a worker thread, another process) shows."""
        self.forget()

    # -- annotators (annotator/store/annotators.py, team.py) ---------------------------

    @property
    def annotator(self) -> str:
        """The name edits are stored under."""
        return self.people.current

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.people.current = name

    def annotator_id(self, name: str | None = None, *, create: bool = True, kind: str = "human") -> int:
        """Return the id of annotator ``name`` (default: the current one), adding it if new."""
        return self.people.me(name, create=create, kind=kind)

    def annotators(self) -> list[str]:
        """Return the names of everyone who has annotated in this project."""
        return self.people.names()

    def remember_annotator(self) -> Changes:
        """Store the current annotator as the one to use next time the project opens."""
        return self.set_setting("last_annotator", self.annotator)

    def annotator_details(self) -> list[AnnotatorInfo]:
        """Return every annotator with counts of their work (``Team.annotator_details``)."""
        return self.team.annotator_details()

    def rename_annotator(self, old: str, new: str) -> Changes:
        """Rename annotator ``old`` to ``new``; their annotations follow (``Team.rename_annotator``)."""
        return self.team.rename_annotator(old, new)

    def progress(self) -> dict[str, dict[str, int]]:
        """Return per annotator: documents assigned, new, in progress and done."""
        return self.team.progress()

    def label_counts(self) -> dict[str, dict[str, int]]:
        """Return ``{annotator: {span label: count}}``."""
        return self.team.label_counts()

    def annotator_kinds(self, *, active: bool = False) -> dict[str, str]:
        """Return ``{name: kind}`` for every annotator (``TeamViews.annotator_kinds``)."""
        return self.team_views.annotator_kinds(active=active)

    def document_statuses(self, document_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
        """Return ``{document id: [(annotator, status), ...]}`` (``TeamViews.document_statuses``)."""
        return self.team_views.document_statuses(document_ids)

    # -- assignments (annotator/store/team.py) -----------------------------------------

    def assign(self, annotators: Sequence[str], *, overlap: float = 0.2, seed: int = 0,
               documents: Iterable[int] | None = None, reassign: bool = False) -> AssignReport:
        """Assign documents to ``annotators``, a share ``overlap`` of them to two (``Team.assign``)."""
        return self.team.assign(annotators, overlap=overlap, seed=seed, documents=documents, reassign=reassign)

    def assignments(self) -> dict[str, list[int]]:
        """Return ``{annotator: [document ids]}`` for everyone with assigned documents."""
        return self.team.assignments()

    def assigned_documents(self, annotator: str | None = None) -> list[int]:
        """Return the ids of the documents assigned to ``annotator`` (default: the current one)."""
        return self.team.assigned_documents(annotator)

    def assignees(self, document_id: int) -> list[str]:
        """Return who is assigned document ``document_id``."""
        return self.team.assignees(document_id)

    def unassign(self, annotator: str, documents: Iterable[int] | None = None) -> int:
        """Remove ``annotator``'s assignments (of ``documents``, or all); return how many."""
        return self.team.unassign(annotator, documents)

    # -- documents (annotator/store/documents.py, views.py) ----------------------------

    def count_documents(self, *, status: str | None = None, annotator: str | None = None, name: str | None = None) -> int:
        """Return how many documents match the filters (see ``documents``)."""
        return self.views.count_documents(status=status, annotator=annotator, name=name)

    def documents(self, offset: int = 0, limit: int = 100, *, status: str | None = None,
                  annotator: str | None = None, name: str | None = None, after: int | None = None,
                  before: int | None = None) -> list[DocumentInfo]:
        """Return one page of the document list, in import order, without the texts.

        ``status`` keeps documents with that status for ``annotator`` (default: the
        current one); ``name`` keeps names containing it.  The page starts at row
        ``offset``, or (keyset paging: as fast at the end of 100,000 documents as at the
        start) holds the ``limit`` documents after id ``after``, or those just before id
        ``before``.
        """
        return self.views.documents(offset, limit, status=status, annotator=annotator, name=name, after=after,
                                    before=before)

    def iter_documents(self, batch: int = 500, **filters: Any) -> Iterator[DocumentInfo]:
        """Yield every document's list entry, a page at a time."""
        last = 0
        keep = {k: filters.get(k) for k in ("status", "annotator", "name")}
        while True:
            page = self.views.documents_after(last, batch, **keep)
            if not page:
                return
            yield from page
            last = page[-1].id

    def document(self, document_id: int) -> Document:
        """Return document ``document_id`` with its text and metadata (no annotations)."""
        return self.docs.document(document_id)

    def text(self, document_id: int) -> str:
        """Return the stored text of document ``document_id`` (cached: texts never change)."""
        return self.docs.text(document_id)

    def find_document(self, *, name: str | None = None, sha256: str | None = None) -> DocumentInfo | None:
        """Return the document with this content hash, or the first with this name."""
        found = self.docs.find(name=name, sha256=sha256)
        return None if found is None else self.views.documents_after(found - 1, 1)[0]

    def document_ids(self) -> list[int]:
        """Return every document id, in import order."""
        return self.docs.ids()

    def document_info(self, document_id: int, annotator: str | None = None, *,
                      count_spans: bool = True) -> DocumentInfo | None:
        """Return one document-list row, or None if there is no such document (``Views.document_info``)."""
        return self.views.document_info(document_id, annotator, count_spans=count_spans)

    def status_counts(self, annotator: str | None = None, *, total: int | None = None) -> dict[str, int]:
        """Return how many documents ``annotator`` has as new, in progress and done."""
        return self.views.status_counts(annotator, total=total)

    def next_unfinished(self, after: int | None = None, annotator: str | None = None) -> int | None:
        """Return the first document after ``after`` (wrapping round) not marked done, or None."""
        return self.views.next_unfinished(after, annotator)

    def document_position(self, document_id: int, *, status: str | None = None,
                          annotator: str | None = None, name: str | None = None) -> int | None:
        """Return the row of a document in ``documents(...)`` with the same filters, or None."""
        return self.views.document_position(document_id, status=status, annotator=annotator, name=name)

    def neighbour_document(self, document_id: int, step: int, **filters: Any) -> int | None:
        """Return the document ``step`` rows after (or before) ``document_id`` in the filtered list."""
        return self.views.neighbour_document(document_id, step, **filters)

    # -- status (annotator/store/status.py) --------------------------------------------

    def status(self, document_id: int, annotator: str | None = None) -> str:
        """Return ``annotator``'s status of the document: new, in_progress or done."""
        return self.statuses.get(document_id, self.people.me_or_none(annotator))

    def set_status(self, document_id: int, status: str, annotator: str | None = None) -> Changes:
        """Set ``annotator``'s status of the document (an undoable edit)."""
        return self.statuses.set(document_id, status, annotator)

    def add_time(self, document_id: int, seconds: float, annotator: str | None = None) -> Changes:
        """Add annotating time to the document's record (not an undoable edit)."""
        return self.statuses.add_time(document_id, self.people.me(annotator), seconds)

    # -- spans, events, relations, attributes, notes (annotator/store/annotations.py) -

    def add_span(self, document_id: int, label: str, start: int | None = None, end: int | None = None,
                 *, fragments: Fragments | None = None, annotator: str | None = None) -> int:
        """Add a span labelled ``label`` over ``[start, end)`` (or over several
        ``fragments``) and return its id."""
        return self.items.add_span(document_id, label, start, end, fragments=fragments, annotator=annotator)

    def update_span(self, span_id: int, *, label: str | None = None, fragments: Fragments | None = None) -> Changes:
        """Change a span's label and/or fragments."""
        return self.items.update_span(span_id, label=label, fragments=fragments)

    def relabel_span(self, span_id: int, label: str) -> Changes:
        """Give span ``span_id`` the label ``label``."""
        return self.items.update_span(span_id, label=label)

    def add_fragment(self, span_id: int, start: int, end: int) -> Changes:
        """Add the fragment ``[start, end)`` to a span, making it discontinuous."""
        return self.items.add_fragment(span_id, start, end)

    def delete_span(self, span_id: int) -> Changes:
        """Delete a span, with the events it triggers and what points at it."""
        return self.items.delete_span(span_id)

    def delete_spans(self, span_ids: Iterable[int]) -> Changes:
        """Delete several spans as one undoable edit."""
        return self.items.delete_spans(span_ids)

    def span(self, span_id: int) -> Span:
        """Return span ``span_id``."""
        return self.items.span(span_id)

    def spans(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Span]:
        """Return the spans of a document by ``annotator`` (default: the current one), or
        by everyone with ``every_annotator``, ordered by position."""
        return self.items.spans(document_id, annotator, every_annotator=every_annotator)

    def span_rows(self, document_id: int, annotator: str | None = None) -> list[SpanRow]:
        """Return ``annotator``'s spans of a document as ``(id, label, fragments)`` tuples."""
        return self.views.span_rows(document_id, annotator)

    def span_rows_between(self, document_id: int, start: int, end: int, annotator: str | None = None, *,
                          reach: int = 2000) -> list[SpanRow]:
        """Return the span rows overlapping ``[start, end)`` (one screen: the first paint)."""
        return self.views.span_rows_between(document_id, start, end, annotator, reach=reach)

    def span_rows_named(self, document_id: int, span_ids: Iterable[int] = (), fragment_ids: Iterable[int] = (),
                        annotator: str | None = None) -> dict[int, SpanRow]:
        """Return, by id, the span rows a ``Changes`` names (spans and spans of fragments)."""
        return self.views.span_rows_named(document_id, span_ids, fragment_ids, annotator)

    def span_row(self, span_id: int) -> SpanRow | None:
        """Return one span as ``(id, label, fragments)``, or None if it does not exist."""
        return self.views.span_row(span_id)

    def add_event(self, document_id: int, type: str, trigger: int | tuple[int, int],
                  arguments: Iterable[tuple[str, int]] = (), *, annotator: str | None = None) -> int:
        """Add an event of ``type`` (``trigger``: a span id, or ``(start, end)`` for a new
        trigger span) with ``(role, span id)`` arguments; return its id."""
        return self.items.add_event(document_id, type, trigger, arguments, annotator=annotator)

    def add_argument(self, event_id: int, role: str, span_id: int) -> int:
        """Add an argument (``role`` filled by span ``span_id``) to an event; return its id."""
        return self.items.add_argument(event_id, role, span_id)

    def delete_argument(self, argument_id: int) -> Changes:
        """Remove an argument from its event."""
        return self.items.delete_argument(argument_id)

    def set_event_type(self, event_id: int, type: str) -> Changes:
        """Change an event's type (and its trigger span's label)."""
        return self.items.set_event_type(event_id, type)

    def delete_event(self, event_id: int) -> Changes:
        """Delete an event, and its trigger span unless another event shares it."""
        return self.items.delete_event(event_id)

    def event(self, event_id: int) -> Event:
        """Return event ``event_id`` with its arguments and attributes."""
        return self.items.event(event_id)

    def events(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Event]:
        """Return a document's events with their arguments."""
        return self.items.events(document_id, annotator, every_annotator=every_annotator)

    def add_relation(self, type: str, source: int, target: int, *, annotator: str | None = None) -> int:
        """Add a relation of ``type`` from span ``source`` to span ``target``; return its id."""
        return self.items.add_relation(type, source, target, annotator=annotator)

    def delete_relation(self, relation_id: int) -> Changes:
        """Delete a relation."""
        return self.items.delete_relation(relation_id)

    def relation(self, relation_id: int) -> Relation:
        """Return relation ``relation_id``."""
        return self.items.relation(relation_id)

    def relations(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Relation]:
        """Return a document's relations."""
        return self.items.relations(document_id, annotator, every_annotator=every_annotator)

    def set_attribute(self, kind: str, target_id: int, name: str, value: Any) -> Changes:
        """Set attribute ``name`` of a span, event, relation or stance to ``value`` (``None`` removes it)."""
        return self.items.set_attribute(kind, target_id, name, value)

    def add_note(self, document_id: int, text: str, *, span: int | None = None, event: int | None = None,
                 relation: int | None = None, kind: str = "note", reference: str | None = None,
                 annotator: str | None = None) -> int:
        """Add a note (or a normalisation) to an item or to the document; return its id."""
        return self.items.add_note(document_id, text, span=span, event=event, relation=relation, kind=kind,
                                   reference=reference, annotator=annotator)

    def delete_note(self, note_id: int) -> Changes:
        """Delete a note."""
        return self.items.delete_note(note_id)

    def notes(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[dict[str, Any]]:
        """Return a document's notes and normalisations as dicts."""
        return self.items.notes(document_id, annotator, every_annotator=every_annotator)

    # -- stances and document labels (annotator/store/stances.py) ----------------------

    def add_stance(self, document_id: int, label: str, target: str | int, *, target_kind: str | None = None,
                   holder: int | None = None, evidence: Iterable[EvidenceRef] = (), scope: str = "document",
                   annotator: str | None = None) -> int:
        """Add a stance and return its id (see ``Stances.add_stance``)."""
        return self.stance_items.add_stance(document_id, label, target, target_kind=target_kind, holder=holder,
                                            evidence=evidence, scope=scope, annotator=annotator)

    def update_stance(self, stance_id: int, *, label: str | None = None, holder: int | None | str = "keep",
                      target: Any = KEEP, target_kind: str | None = None, scope: str | None = None) -> Changes:
        """Change a stance's label, holder, target and/or scope, as one edit."""
        return self.stance_items.update_stance(stance_id, label=label, holder=holder, target=target,
                                               target_kind=target_kind, scope=scope)

    def add_evidence(self, stance_id: int, span: EvidenceRef) -> int:
        """Add an evidence span (an id, or ``(start, end)``) to a stance; return the span's id."""
        return self.stance_items.add_evidence(stance_id, span)

    def remove_evidence(self, stance_id: int, span_id: int) -> Changes:
        """Remove an evidence span from a stance (and an evidence passage no stance uses)."""
        return self.stance_items.remove_evidence(stance_id, span_id)

    def delete_stance(self, stance_id: int) -> Changes:
        """Delete a stance, with the evidence passages no other stance uses."""
        return self.stance_items.delete_stance(stance_id)

    def stances(self, document_id: int, annotator: str | None = None, *, every_annotator: bool = False) -> list[Stance]:
        """Return a document's stances with their evidence spans."""
        return self.stance_items.stances(document_id, annotator, every_annotator=every_annotator)

    def set_doc_labels(self, document_id: int, label_set: str, labels: Iterable[str], *,
                       annotator: str | None = None) -> Changes:
        """Set the labels of ``label_set`` for a document (replacing earlier ones)."""
        return self.stance_items.set_doc_labels(document_id, label_set, labels, annotator=annotator)

    def doc_labels(self, document_id: int, annotator: str | None = None) -> dict[str, list[str]]:
        """Return ``{label set: [labels]}`` for a document."""
        return self.stance_items.doc_labels(document_id, annotator)

    # -- layers, linked reads, checks (layers.py, linked.py, stats.py) ------------------

    def annotations(self, document_id: int, annotator: str | None = None) -> Annotations:
        """Return every annotation ``annotator`` (default: the current one) made on a document."""
        return self.layers.annotations(document_id, annotator)

    def layer(self, document_id: int, annotator: str | None = None) -> tuple[Annotations, list[dict[str, Any]]]:
        """Return an annotator's annotations on a document and its normalisation notes."""
        return self.layers.layer(document_id, annotator)

    def linked_annotations(self, document_id: int, annotator: str | None = None) -> Annotations:
        """Return a document's events, relations, stances and document labels with only the
        spans they point at."""
        return self.linked.linked_annotations(document_id, annotator)

    def events_named(self, document_id: int, event_ids: Iterable[int] = (), argument_ids: Iterable[int] = (),
                     annotator: str | None = None) -> list[Event]:
        """Return the events a ``Changes`` names (events and events of arguments)."""
        return self.linked.events_named(document_id, event_ids, argument_ids, annotator)

    def relations_named(self, document_id: int, relation_ids: Iterable[int], annotator: str | None = None) -> list[Relation]:
        """Return the relations a ``Changes`` names that are still in the document."""
        return self.linked.relations_named(document_id, relation_ids, annotator)

    def lean_spans(self, ids: list[int]) -> list[Span]:
        """Return spans ``ids`` in text order, without attributes and notes."""
        return self.linked.lean_spans(ids)

    def check_linked(self, document_id: int, annotator: str | None = None,
                     linked: Annotations | None = None) -> list[Problem]:
        """Return the problems of a document's linked annotations (the window's live check)."""
        return self.linked.check_linked(document_id, annotator, linked)

    def stats(self) -> dict[str, Any]:
        """Return the counts of ``annotator stats --json`` (``Stats.stats``)."""
        return self.counts.stats()

    def validate(self, *, document_ids: list[int] | None = None) -> list[Problem]:
        """Return every problem in the project, and damage to the file itself (``Stats.validate``)."""
        return self.counts.validate(document_ids=document_ids)

    # -- adjudication (annotator/store/adjudication.py) --------------------------------

    def adjudicators_for(self, document_id: int) -> list[str]:
        """Return the annotators (not gold, not models) who annotated a document."""
        return self.adjudicator.adjudicators_for(document_id)

    def accept_version(self, document_id: int, annotator: str) -> Copied:
        """Make the gold layer of a document a copy of ``annotator``'s layer; one undo step."""
        return self.adjudicator.accept_version(document_id, annotator)

    def accept_agreed(self, document_id: int, annotators: Sequence[str] | None = None) -> Copied:
        """Add to the gold layer everything ``annotators`` agree on exactly; one undo step."""
        return self.adjudicator.accept_agreed(document_id, annotators)

    def accept_item(self, kind: str, item_id: int) -> Copied:
        """Copy one span, event, relation or stance into the gold layer; one undo step."""
        return self.adjudicator.accept_item(kind, item_id)

    def adjudication(self, document_id: int, annotators: Sequence[str] | None = None) -> Adjudication:
        """Return the merged view of a document's versions (``Adjudicator.adjudication``)."""
        return self.adjudicator.adjudication(document_id, annotators)

    # -- bulk reads for exports, merge and agreement (annotator/store/export.py) --------

    def export_document_ids(self, *, annotators: Sequence[str] | None = None, status: str | None = None,
                            touched: bool = False) -> list[int]:
        """Return the ids of the documents to export (``Export.export_document_ids``)."""
        return self.export.export_document_ids(annotators=annotators, status=status, touched=touched)

    def iter_export(self, document_ids: Sequence[int], *, annotators: Sequence[str] | None = None,
                    batch: int = 256) -> Iterator[tuple[Document, ExportLayers]]:
        """Yield each document and ``{annotator: Annotations}``, a batch at a time (``Export.iter_export``)."""
        return self.export.iter_export(document_ids, annotators=annotators, batch=batch)

    # -- agreement (annotator/store/agreement.py) ---------------------------------------

    def agreement(self, annotators: Sequence[str] | None = None, *, done_only: bool = False,
                  documents: Sequence[int] | None = None, progress: ProgressCallback | None = None,
                  cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        """Return the agreement of ``annotators`` (default: every human annotator who
        annotated something) (``Agreement.agreement``)."""
        return self.agreements.agreement(annotators, done_only=done_only, documents=documents, progress=progress,
                                         cancelled=cancelled)

    # -- imports, merges and packages (annotator/store/importing.py, packages.py) --------
    # Each reports a ``Changes`` (kind ``import`` or ``merge``) when the outermost call
    # has committed: ``import_files`` calls ``add_documents`` once per batch.

    def _reported(self, run: Callable[[], Any], changes: Callable[[Any], Changes]) -> Any:
        self._bulk_depth += 1
        try:
            report = run()
        finally:
            self._bulk_depth -= 1
        if self._bulk_depth == 0:
            self.edits.announce(changes(report))
        return report

    def import_files(self, paths: Sequence[str | Path], *, format: str = "auto", annotator: str | None = None,
                     progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None,
                     reading: Callable[[Path, int, int], Any] | None = None, **options: Any) -> ImportReport:
        """Import files or folders in ``format``, all or nothing: see
        ``annotator.transfer.importing.import_files`` (the pipeline lives above the store and
        the formats; this method only calls it)."""
        from annotator.transfer.importing import import_files

        return self._reported(lambda: import_files(
            self, paths, format=format, annotator=annotator, progress=progress, cancelled=cancelled, reading=reading,
            **options), _imported)

    def add_documents(self, documents: Iterable[Document | dict[str, Any] | str], *, annotator: str | None = None,
                      progress: ProgressCallback | None = None, source: str = "", cancelled: Callable[[], bool] | None = None,
                      scheme: Scheme | None = None) -> ImportReport:
        """Add documents with any annotations they carry, in one transaction (``Importing.add_documents``)."""
        return self._reported(lambda: self.importer.add_documents(
            documents, annotator=annotator, progress=progress, source=source, cancelled=cancelled, scheme=scheme),
            _imported)

    def merge(self, paths: list[str | os.PathLike[str]], *, on_conflict: str = "keep", add_missing: bool = False,
              progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None) -> MergeReport:
        """Merge annotators' packages into this project (``Packages.merge``)."""
        return self._reported(lambda: self.packages.merge(
            paths, on_conflict=on_conflict, add_missing=add_missing, progress=progress, cancelled=cancelled),
            _merged)

    def pack(self, out: str | os.PathLike[str], annotator: str, *, documents: list[int] | None = None) -> PackReport:
        """Write a package for ``annotator`` (``Packages.pack``)."""
        return self._reported(lambda: self.packages.pack(out, annotator, documents=documents),
                              lambda r: Changes(changed={"layer_origins": frozenset()}, label="pack"))


def _imported(report: ImportReport) -> Changes:
    counts = {"spans": report.spans, "events": report.events, "relations": report.relations, "stances": report.stances}
    return Changes.bulk("import", [*report.added, *report.attached], [t for t, n in counts.items() if n])


def _merged(report: MergeReport) -> Changes:
    layers = ("spans", "events", "relations", "stances", "document_labels", "notes", "document_status")
    return Changes.bulk("merge", report.added_documents, layers if report.changed else ())
