"""The import pipeline: files read by the formats, written by the store.

``import_files`` finds each file's format (or takes the one named), has it read the file
into core records (a list, or a stream for a format that reads one document at a time),
applies the label map, and hands the documents to ``Project.add_documents``, which checks
and writes them all or nothing; a streaming reader's documents are written a batch at a
time inside one transaction, so memory holds a batch, not the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import formats
from annotator.core.collector import collector_paused
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scheme import Scheme
from annotator.store import db as dbmod
from annotator.store.importing import ImportReport, _batch, _check_cancelled

if TYPE_CHECKING:
    from annotator.store.project import ProgressCallback, Project


def import_files(project: Project, paths: Sequence[str | Path], *, format: str = "auto", annotator: str | None = None,
                 progress: ProgressCallback | None = None, cancelled: Callable[[], bool] | None = None,
                 reading: Callable[[Path, int, int], Any] | None = None, **options: Any) -> ImportReport:
    """Import files or folders in ``format`` (``auto``: by suffix and content).

    Raises ``InputError`` naming the file (and line) of the first problem; then the
    project is unchanged.  ``reading(path, index, count)`` is called before each path
    is read, ``progress(done, total)`` while documents are written; ``cancelled()``
    returning True stops the import (``ImportCancelled``), also unchanged.  A scheme
    that a format brings (brat's ``annotation.conf``, ``add_labels``) is stored in the
    same transaction as the documents.  The cyclic garbage collector is paused meanwhile:
    a corpus is millions of small records and no cycles, and each full collection walked
    every live one again.
    """
    with collector_paused():
        return _import_files(project, paths, format, annotator, progress, cancelled, reading, options)


def _import_files(project: Project, paths: Sequence[str | Path], format: str, annotator: str | None,
                  progress: ProgressCallback | None, cancelled: Callable[[], bool] | None,
                  reading: Callable[[Path, int, int], Any] | None, options: dict[str, Any]) -> ImportReport:
    docs: list[Document] = []
    streams: list[Any] = []  # results whose documents are read while they are written
    warnings: list[str] = []
    label_map = options.get("label_map")  # readers see it too, to tell which labels are new
    if not paths:
        raise InputError("nothing to import: name at least one file or folder.")
    scheme = project.scheme
    options.setdefault("fresh_project", project.count_documents() == 0)  # a file's own scheme may be adopted
    for n, path in enumerate(map(Path, paths)):
        _check_cancelled(cancelled)
        if reading is not None:
            reading(path, n, len(paths))
        fmt = formats.detect(path) if format == "auto" else formats.get(format)
        if not fmt.can_read:
            raise InputError(f"the {fmt.name} format can be exported but not imported.")
        result = fmt.read(path, scheme=scheme, **options)
        if label_map and not result.mapped:
            from annotator.formats.labels import map_documents

            map_documents(result.documents, label_map)
        if isinstance(result.documents, list):
            docs.extend(result.documents)
            warnings.extend(result.warnings)
        else:  # its warnings so far now, the rest (repairs counted while reading) when it is written
            warnings.extend(result.warnings)
            streams.append((result, len(result.warnings)))
        if result.scheme is not None and result.scheme.sha256 != scheme.sha256:
            scheme = result.scheme
            warnings.append(f"{path}: the project's scheme {scheme.name!r} is now version {scheme.version}, "
                            "with the types this import brings.")
    _check_cancelled(cancelled)
    new_scheme = scheme if scheme is not project.scheme else None
    if streams:
        return _import_streams(project, docs, streams, warnings, new_scheme, annotator, progress, cancelled)
    report = project.add_documents(docs, annotator=annotator, progress=progress, cancelled=cancelled, scheme=new_scheme)
    report.warnings[:0] = warnings
    return report


def _import_streams(project: Project, docs: list[Document], streams: list[Any], warnings: list[str], scheme: Scheme | None,
                    annotator: str | None, progress: ProgressCallback | None,
                    cancelled: Callable[[], bool] | None) -> ImportReport:
    """Write documents while streaming readers read them, a batch at a time, all in one
    transaction (still all or nothing), so memory holds a batch, not the corpus."""
    total = len(docs) + sum(r.count or 0 for r, _ in streams)
    report = ImportReport()
    done = 0

    def step(n: int, _: int) -> None:
        if progress is not None:
            progress(done + n, max(total, done + n))

    with dbmod.transaction(project.db):
        items = chain(docs, *(r.documents for r, _ in streams))
        while batch := _batch(items):
            part = project.add_documents(batch, annotator=annotator, progress=step, cancelled=cancelled, scheme=scheme)
            scheme = None  # stored with the first batch
            done += len(batch)
            for name in ("added", "attached", "skipped"):
                getattr(report, name).extend(getattr(part, name))
            for name in ("spans", "events", "relations", "stances"):
                setattr(report, name, getattr(report, name) + getattr(part, name))
    report.warnings = warnings + [w for r, k in streams for w in r.warnings[k:]]
    return report
