"""Gathering what ``annotator agreement`` compares: the layers of the documents two or
more annotators annotated.  The measures themselves are in ``annotator.core``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.collector import collector_paused
from annotator.core.errors import Cancelled, ProjectError
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.export import Export
from annotator.store.importing import ProgressCallback
from annotator.store.settings import Settings

if TYPE_CHECKING:
    from annotator.core.comparison import DocumentLayers


#: Documents read per batch.
BATCH = 256


class AgreementCancelled(Cancelled):
    """The agreement was cancelled (it changes nothing)."""


class Agreement:
    """Gathering and comparing annotators' layers: a part of ``Project`` that owns no
    table; it reads documents through the ``Export`` part."""

    def __init__(self, db: SQLiteBackend, path: Path, settings: Settings, people: Annotators, export: Export) -> None:
        self.db = db
        self.path = path
        self.settings = settings
        self.people = people
        self.export = export

    @property
    def conn(self) -> Any:
        return self.db.conn

    def agreement(self, annotators: Sequence[str] | None = None, *, done_only: bool = False,
                  documents: Sequence[int] | None = None, progress: ProgressCallback | None = None,
                  cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        """Return the agreement of ``annotators`` (default: every human annotator who
        annotated something) as ``annotator.core.comparison.compare`` computes it.

        A document counts as annotated by someone whose status on it is not "new" (the
        first annotation makes it "in progress"), or only "done" with ``done_only``.
        Documents are read a batch at a time; ``progress(done, total)`` is called as they
        are compared, and ``cancelled()`` returning True stops it (``AgreementCancelled``).
        """
        # imported here, not at start-up: it brings the tokenizer (regex)
        from annotator.core.comparison import DocumentLayers, compare

        names = self._annotators(annotators)
        statuses = ("done",) if done_only else ("in_progress", "done")
        rows = self.conn.execute(
            f"""SELECT s.document_id, a.name FROM document_status s JOIN annotators a ON a.id = s.annotator_id
                WHERE s.status IN ({','.join('?' * len(statuses))}) AND a.name IN ({','.join('?' * len(names))})
                ORDER BY s.document_id, a.id""",
            [*statuses, *names],
        ).fetchall()
        who: dict[int, list[str]] = {}
        for doc, name in rows:
            who.setdefault(doc, []).append(name)
        wanted = set(documents) if documents is not None else None
        ids = [d for d, people in who.items() if len(people) >= 2 and (wanted is None or d in wanted)]

        def stream() -> Iterator[DocumentLayers]:
            for n, (doc, layers) in enumerate(self.export.iter_export(ids, annotators=names, batch=BATCH), 1):
                if cancelled is not None and n % 64 == 0 and cancelled():
                    raise AgreementCancelled("the agreement was cancelled.")
                assert doc.id is not None  # iter_export gives database ids
                yield DocumentLayers(doc.id, doc.name, doc.text, {p: layers[p] for p in who[doc.id] if p in layers})
                if progress is not None and (n % 100 == 0 or n == len(ids)):
                    progress(n, len(ids))

        sets = {d.name: (list(d.labels), d.multi) for d in self.settings.scheme.doc_labels}
        # triggers and stance evidence passages are not entities: leave them out of span agreement
        not_entities = self.settings.scheme.event_types + [x for x in [self.settings.scheme.evidence_label] if x]
        # a batch's spans are millions of new objects and no cycles: each full collection
        # walked every live one again (a third of the time over 10^4 documents)
        with collector_paused():
            result = compare(stream(), names, event_types=not_entities, doc_label_sets=sets)
        result["done_only"] = done_only
        return result

    def _annotators(self, annotators: Sequence[str] | None) -> list[str]:
        if annotators is not None:
            names = [a.strip() for a in annotators if a.strip()]
            known = set(self.people.names())
            if missing := [n for n in names if n not in known]:
                raise ProjectError(f"{self.path.name} has no annotator called {missing[0]!r} "
                                   f"(it has: {', '.join(sorted(known)) or 'none'}).")
            if len(set(names)) < 2:
                raise ProjectError("agreement needs at least two different annotators.")
            return list(dict.fromkeys(names))
        names = [r[0] for r in self.conn.execute(
            "SELECT a.name FROM annotators a WHERE a.kind IN ('human', 'import') AND EXISTS "
            "(SELECT 1 FROM document_status s WHERE s.annotator_id = a.id AND s.status != 'new') ORDER BY a.id")]
        if len(names) < 2:
            raise ProjectError(f"{self.path.name} has fewer than two annotators with annotated documents; "
                               "nothing to compare.")
        return names
