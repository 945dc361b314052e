"""Packages: a project file for one annotator, and merging their work back.

``pack`` writes a new project file holding the documents assigned to one annotator (with
the scheme, settings, guidelines and any annotations they already made) with that
annotator preset.  They annotate it anywhere, offline, and send it back; ``merge`` brings
their layers back into the project, matching documents by the sha256 of their text.

Merging decides per (document, annotator) layer, never touching other annotators' layers:

- the package's layer equals the project's: nothing to do (so merging twice changes nothing);
- the project has no layer by that name on that document: the package's is added;
- the project's layer is what was last packed or merged from *this same package* and the
  package has moved on since (its edit log is further along): the package's replaces it;
- otherwise (someone else changed the project's layer, or a different file used the same
  name): a conflict, reported; ``on_conflict`` says what to do ("keep" the project's
  layer, "replace" it with the package's, or "fail" and change nothing).

A merge is one transaction over all files: a bad file changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.decoding import text_sha256
from annotator.core.errors import Cancelled, InputError, ProjectError
from annotator.core.layers import fingerprint, is_blank
from annotator.core.model import Annotations, Document, Normalization
from annotator.core.wording import count
from annotator.store import db as dbmod
from annotator.store import undo
from annotator.store.annotators import Annotators
from annotator.store.backend import SQLiteBackend
from annotator.store.documents import Documents
from annotator.store.edits import Edits
from annotator.store.importing import Importing, ImportReport, ProgressCallback, meta_json
from annotator.store.layers import Layers
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION
from annotator.store.settings import Settings, now
from annotator.store.status import Status
from annotator.store.team import Team

#: An open ``Project`` (another file: a package being written or read); this module may
#: not import ``Project``, which is given to it as ``create`` and ``open`` functions
OpenProject = Any

#: The setting of a package file that says where it came from.
PACKAGE_SETTING = "package"
CONFLICT_POLICIES = ("keep", "replace", "fail")
_NOT_COPIED = ("created_at", "last_annotator", PACKAGE_SETTING)


@dataclass
class PackReport:
    """What ``pack`` wrote."""

    path: Path
    annotator: str
    package: str
    documents: int
    layers: int

    def summary(self) -> str:
        with_ann = f", {self.layers} with their annotations" if self.layers else ""
        return f"Wrote {self.path}: {count(self.documents, 'document')} for {self.annotator}{with_ann}."


@dataclass
class MergeReport:
    """What ``merge`` did; each list holds one sentence per item."""

    packages: int = 0
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    older: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added_documents: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.added_documents)

    def summary(self) -> str:
        """Return one line saying what happened."""
        n = count
        parts = [f"{n(len(self.added), 'layer')} added", f"{len(self.replaced)} replaced", f"{self.unchanged} unchanged"]
        if self.older:
            parts.append(f"{len(self.older)} older than the project's (kept)")
        if self.conflicts:
            parts.append(f"{n(len(self.conflicts), 'conflict')} (kept the project's version)")
        if self.added_documents:
            parts.append(f"{n(len(self.added_documents), 'document')} added")
        if self.missing:
            parts.append(f"{n(len(self.missing), 'document')} not in the project (skipped)")
        return f"Merged {n(self.packages, 'file')}: " + ", ".join(parts) + "."


class MergeCancelled(Cancelled):
    """The merge was cancelled; the project is unchanged."""


@dataclass
class _Layer:
    kind: str
    ann: Annotations
    norms: list[dict[str, Any]]
    seconds: float
    fingerprint: str


class _Package:
    """A package file read from a copy: its id, how far its edit log got, and its
    documents with their layers, a batch at a time."""

    def __init__(self, path: Path, project: OpenProject) -> None:
        self.path = path
        self.project = project
        conn = project.conn
        info = project.get_setting(PACKAGE_SETTING) or {}
        self.id: str = info.get("id") or f"project:{project.get_setting('created_at')}"
        self.sequence: int = conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0]
        self.kinds: dict[str, str] = dict(conn.execute("SELECT name, kind FROM annotators").fetchall())
        self.seconds: dict[tuple[int, str], float] = {
            (doc, name): float(sec) for doc, name, sec in conn.execute(
                "SELECT s.document_id, a.name, s.seconds FROM document_status s JOIN annotators a ON a.id = s.annotator_id")}

    def layers(self) -> dict[int, set[str]]:
        """Return ``{document id: names of the annotators with a layer that is not blank}``
        (anything on the document, or a status other than "new"), read without the texts."""
        out: dict[int, set[str]] = {}
        names = dict(self.project.conn.execute("SELECT id, name FROM annotators").fetchall())
        for doc, aid in self.project.conn.execute(
            "SELECT document_id, annotator_id FROM spans UNION SELECT document_id, annotator_id FROM stances "
            "UNION SELECT document_id, annotator_id FROM document_labels UNION SELECT document_id, annotator_id FROM notes "
            "UNION SELECT document_id, annotator_id FROM document_status WHERE status != 'new'"):
            out.setdefault(doc, set()).add(names[aid])
        return out

    def read(self, skip: set[int] = frozenset()) -> Iterator[tuple[Document, dict[str, Annotations]]]:  # type: ignore[assignment]
        """Yield each document (but those in ``skip``) and its layers; raise ``InputError``
        naming the package and the document if a text does not match its stored sha256."""
        ids = [d for d in self.project.document_ids() if d not in skip]
        for doc, layers in self.project.iter_export(ids):
            if text_sha256(doc.text) != doc.sha256:
                raise InputError(f"{self.path}: the text of document {doc.name!r} does not match its stored sha256, "
                                 "so the package is damaged or was changed outside annotator; nothing was merged.")
            yield doc, layers


def _read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` read-only through SQLite (never with ``open()``: closing a descriptor
    would drop the locks of another process's connection)."""
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=dbmod.BUSY_TIMEOUT)


@contextlib.contextmanager
def _open_copy(path: Path, copy: Path, opener: Callable[[Path], OpenProject]) -> Iterator[_Package]:
    """Copy the package file ``path`` to ``copy`` (SQLite's backup API, from a read-only
    connection) and open the copy (``opener``: ``Project.open``), upgrading it if it is
    older: the package file itself is never written."""
    source = _read_only(path)
    try:
        target = sqlite3.connect(str(copy))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    with opener(copy) as project:
        yield _Package(path, project)


def _norm_dict(n: Normalization) -> dict[str, Any]:
    """A normalisation as ``Project.notes`` gives it (what ``fingerprint`` reads)."""
    return {"id": n.id, "span": n.target if n.target_kind == "span" else None,
            "event": n.target if n.target_kind == "event" else None,
            "relation": n.target if n.target_kind == "relation" else None,
            "kind": "normalization", "reference": n.reference, "text": n.text}


class Packages:
    """``pack`` and ``merge``: a part of ``Project`` that owns ``layer_origins``; it writes
    merged layers as imports do (``Importing``).  ``create`` and ``open`` are
    ``Project.create`` and ``Project.open`` (for the package files)."""

    def __init__(self, db: SQLiteBackend, path: Path, settings: Settings, people: Annotators, docs: Documents,
                 statuses: Status, edits: Edits, layers: Layers, team: Team, importer: Importing,
                 create: Callable[..., OpenProject], open: Callable[[Path], OpenProject]) -> None:
        self.db = db
        self.path = path
        self.settings = settings
        self.people = people
        self.docs = docs
        self.statuses = statuses
        self.edits = edits
        self.layers = layers
        self.team = team
        self.importer = importer
        self.create = create
        self.open = open

    @property
    def conn(self) -> Any:
        return self.db.conn

    # -- pack --------------------------------------------------------------------------

    def pack(self, out: str | os.PathLike[str], annotator: str, *, documents: list[int] | None = None) -> PackReport:
        """Write a new project file ``out`` for ``annotator`` holding their assigned
        documents (or ``documents``), with their annotations so far, the scheme, the
        settings and the guidelines; the file opens with that annotator preset."""
        name = (annotator or "").strip()
        ids = list(documents) if documents is not None else self.team.assigned_documents(name)
        if not ids:
            raise ProjectError(f"{name or 'that annotator'} has no documents assigned in {self.path.name}; "
                               "run 'annotator assign' first.")
        out = Path(out)
        if out.exists():
            raise ProjectError(f"{out} already exists; choose another name or remove it first.")
        if not out.parent.is_dir():
            raise ProjectError(f"cannot write {out}: the folder {out.parent} does not exist.")
        import uuid  # here, not at start-up

        package = uuid.uuid4().hex
        part = out.with_name(f".{out.name}.{package[:8]}.part")
        try:
            with self.create(part, self.settings.scheme, annotator=name) as pkg:
                layers = self._fill_package(pkg, name, ids, {"id": package, "annotator": name, "project": self.path.name,
                                                             "packed_at": now(), "documents": len(ids)})
                sequence = pkg.conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0]
            os.replace(part, out)
        finally:
            for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        with dbmod.transaction(self.db):
            aid = self.people.me(name)
            for doc_id, fp in layers.items():
                self._put_origin(doc_id, aid, package, sequence, fp)
            self.edits.log("pack", None, {"file": out.name, "annotator": name, "documents": len(ids), "package": package})
        return PackReport(out, name, package, len(ids), len(layers))

    def _fill_package(self, pkg: OpenProject, name: str, ids: list[int], info: dict[str, Any]) -> dict[int, str]:
        """Copy settings, documents and ``name``'s layers into the new package ``pkg``;
        return ``{project document id: layer fingerprint}`` of the layers copied."""
        with dbmod.transaction(pkg.db):
            for key, value in self.conn.execute("SELECT key, value FROM settings").fetchall():
                if key not in _NOT_COPIED:
                    pkg.settings.put(key, json.loads(value))
            pkg.settings.put("last_annotator", name)
            pkg.settings.put(PACKAGE_SETTING, info)
        docs = [self.docs.document(i) for i in ids]
        added = pkg.add_documents([Document(text=d.text, name=d.name, meta=d.meta, source=d.source) for d in docs]).added
        layers: dict[int, str] = {}
        aid_here = self.people.me_or_none(name)
        undo.set_active(pkg.conn, False)
        try:
            with dbmod.transaction(pkg.db):
                aid = pkg.annotator_id(name)
                stamp = now()
                for doc_id, new_id in zip(ids, added, strict=True):
                    pkg.conn.execute("INSERT INTO assignments(document_id, annotator_id, assigned_at) VALUES (?, ?, ?)",
                                     (new_id, aid, stamp))
                    if aid_here is None:
                        continue
                    ann, norms = self.layers.layer(doc_id, name)
                    if is_blank(ann, norms):
                        continue
                    pkg.layers.copy_layer(new_id, aid, ann, norms)
                    pkg.packages.copy_status(new_id, aid, ann.status or "new", self.seconds(doc_id, aid_here))
                    layers[doc_id] = fingerprint(ann, None, norms)
        finally:
            undo.set_active(pkg.conn, True)
        return layers

    # -- merge -------------------------------------------------------------------------

    def merge(self, paths: list[str | os.PathLike[str]], *, on_conflict: str = "keep",
              add_missing: bool = False, progress: ProgressCallback | None = None,
              cancelled: Callable[[], bool] | None = None) -> MergeReport:
        """Bring the annotations of the package files ``paths`` into this project (see the
        module docstring for the rules); all files in one transaction.

        A package file is never changed: it is read from a copy (an older one is upgraded
        in the copy).  ``progress(done, total)`` is called as documents are merged;
        ``cancelled()`` returning True stops the merge (``MergeCancelled``) with nothing
        changed, as does any error.
        """
        if on_conflict not in CONFLICT_POLICIES:
            raise ProjectError(f"on_conflict must be one of {', '.join(CONFLICT_POLICIES)}, not {on_conflict!r}.")
        if not paths:
            raise InputError("nothing to merge: name at least one package file.")
        import tempfile  # here, not at start-up

        files = [Path(p) for p in paths]
        sizes = [self._check_package_file(f) for f in files]
        report = MergeReport(packages=len(files))
        total, done = sum(sizes), 0
        undo.set_active(self.conn, False)
        try:
            with tempfile.TemporaryDirectory(prefix="annotator-merge-") as tmp, dbmod.transaction(self.db):
                for n, path in enumerate(files):
                    with _open_copy(path, Path(tmp) / f"package{n}.annotproj", self.open) as pkg:
                        skip = self._unchanged_documents(pkg, report)
                        done += len(skip)
                        for doc, layers in pkg.read(skip):
                            if cancelled is not None and done % 64 == 0 and cancelled():
                                raise MergeCancelled("the merge was cancelled; the project is unchanged.")
                            self._merge_document(pkg, doc, layers, report, on_conflict, add_missing)
                            done += 1
                            if progress is not None and (done % 100 == 0 or done == total):
                                progress(done, total)
                if on_conflict == "fail" and report.conflicts:
                    raise ProjectError(f"merge stopped by {count(len(report.conflicts), 'conflict')}, nothing was changed; "
                                       f"the first: {report.conflicts[0]}")
                if report.changed:
                    self.edits.log("merge", None, {"files": [f.name for f in files], "added": len(report.added),
                                              "replaced": len(report.replaced), "conflicts": len(report.conflicts)})
                if cancelled is not None and cancelled():
                    raise MergeCancelled("the merge was cancelled; the project is unchanged.")
        except BaseException:
            self.people.forget()  # annotators added in the rolled-back transaction are gone
            raise
        finally:
            undo.set_active(self.conn, True)
        if report.changed:
            self.edits.history.clear()  # undo steps must not cross a merge
        return report

    def _unchanged_documents(self, pkg: _Package, report: MergeReport) -> set[int]:
        """Return the package's documents whose every layer is, by the package's edit log,
        as it was when last packed or merged from this same package: their layers are
        "unchanged" without reading or fingerprinting them (every edit of a layer adds to
        the edit log, so the same package id and log position mean the same layers).  Their
        time tracked is merged as for any unchanged layer; they are counted in ``report``."""
        origins = {(doc, aid) for doc, aid in self.conn.execute(
            "SELECT document_id, annotator_id FROM layer_origins WHERE package = ? AND sequence = ?", (pkg.id, pkg.sequence))}
        if not origins:
            return set()
        aids = dict(self.conn.execute("SELECT name, id FROM annotators").fetchall())
        shas = dict(pkg.project.conn.execute("SELECT id, sha256 FROM documents").fetchall())
        here: dict[str, int] = {}
        wanted = list(set(shas.values()))
        for i in range(0, len(wanted), 900):
            chunk = wanted[i : i + 900]
            here.update(self.conn.execute(f"SELECT sha256, id FROM documents WHERE sha256 IN ({','.join('?' * len(chunk))})",
                                          chunk).fetchall())
        skip: set[int] = set()
        seconds: list[tuple[float, int, int]] = []
        for doc, names in pkg.layers().items():
            doc_id = here.get(shas.get(doc, ""))
            if doc_id is None or not all((doc_id, aids.get(name)) in origins for name in names):
                continue
            skip.add(doc)
            report.unchanged += len(names)
            seconds += [(pkg.seconds.get((doc, name), 0.0), doc_id, aids[name]) for name in names]
        self.conn.executemany("UPDATE document_status SET seconds = max(seconds, ?) WHERE document_id = ? AND annotator_id = ?",
                              seconds)
        return skip

    def _check_package_file(self, path: Path) -> int:
        """Raise unless ``path`` is a project file other than this one; return its number
        of documents.  The file is opened read-only, through SQLite only."""
        if not path.exists():
            raise InputError(f"{path} does not exist; name the package files to merge.")
        if self.path.exists() and os.path.samefile(path, self.path):
            raise InputError(f"{path} is the project itself; name the package files to merge into it.")
        if path.is_dir():
            raise InputError(f"{path} is a folder, not a package file.")
        with contextlib.closing(_read_only(path)) as conn:
            try:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if app_id != APPLICATION_ID:
                    raise ProjectError(f"{path} is an SQLite database, but not an annotator project.")
                if version > SCHEMA_VERSION:
                    raise ProjectError(f"{path} was written by a newer version of annotator (project format {version}); "
                                       "update annotator to merge it.")
                return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                if "not a database" in str(exc):
                    raise ProjectError(f"{path} is not an annotator project (it is not an SQLite database).") from None
                raise ProjectError(f"{path} cannot be read as a package: {exc}.") from None

    def _merge_document(self, pkg: _Package, doc: Document, layers: dict[str, Annotations], report: MergeReport,
                        policy: str, add_missing: bool) -> None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()
        if row is None:
            if not add_missing:
                report.missing.append(f"{pkg.path.name}: document {doc.name!r} is not in the project "
                                      "(no document has the same text); skipped.")
                return
            doc_id = self.importer.insert_documents([(doc.name, doc.text, doc.sha256, len(doc.text), meta_json(doc.meta),
                                              doc.source or pkg.path.name, now())])[0]
            report.added_documents.append(doc_id)
        else:
            doc_id = row[0]
        assert doc.id is not None  # iter_export gives database ids
        for name, ann in layers.items():
            norms = [_norm_dict(n) for n in ann.normalizations]
            if is_blank(ann, norms):
                continue
            layer = _Layer(pkg.kinds.get(name, "human"), ann, norms, pkg.seconds.get((doc.id, name), 0.0),
                           fingerprint(ann, None, norms))
            self._merge_layer(pkg, doc_id, doc, name, layer, report, policy)

    def _merge_layer(self, pkg: _Package, doc_id: int, doc: Document, name: str, layer: _Layer,
                     report: MergeReport, policy: str) -> None:
        doc_name = doc.name
        aid = self.people.me(name, kind=layer.kind)
        what = f"{pkg.path.name}: document {doc_name!r}: {name}"
        outcome = self._merge_outcome(pkg, doc_id, aid, name, layer)
        if outcome == "unchanged":
            report.unchanged += 1
            self.conn.execute("UPDATE document_status SET seconds = max(seconds, ?) WHERE document_id = ? AND annotator_id = ?",
                              (layer.seconds, doc_id, aid))
            return
        if outcome == "older":
            report.older.append(f"{what}'s layer in the project is a later version from the same package; kept it.")
            return
        if outcome == "conflict" and policy != "replace":
            keep = "; kept the project's version (merge with --on-conflict replace to take the package's)" if policy == "keep" else ""
            report.conflicts.append(f"{pkg.path.name}: document {doc_name!r}: {name} already has different annotations "
                                    f"on it in the project{keep}.")
            return
        checked = Document(text=doc.text, name=doc.name, source=f"{pkg.path.name}, document {doc.name!r}",
                           annotations={name: layer.ann})
        self.importer.check_annotations(checked)
        if outcome == "conflict":
            report.warnings.append(f"{what}'s different annotations in the project were replaced by the package's.")
        (report.added if outcome == "added" else report.replaced).append(what)
        if outcome == "added":  # the project's layer is blank: at most a status row "new"
            self.conn.execute("DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?", (doc_id, aid))
        else:
            self.layers.delete_layer(doc_id, aid)
        # written as an import writes a layer (the text is the project's: the same sha256)
        self.importer.insert_layer(doc_id, doc.text, aid, layer.ann, ImportReport(), {})
        self.copy_status(doc_id, aid, layer.ann.status or "new", layer.seconds)
        # the copy is exact: the layer's fingerprint is now the package's
        self._put_origin(doc_id, aid, pkg.id, pkg.sequence, layer.fingerprint)

    def _merge_outcome(self, pkg: _Package, doc_id: int, aid: int, name: str, layer: _Layer) -> str:
        """Decide what merging ``layer`` does: "unchanged", "added", "replaced", "older"
        or "conflict" (see the module docstring)."""
        origin = self.conn.execute("SELECT package, sequence, fingerprint FROM layer_origins WHERE document_id = ? AND annotator_id = ?",
                                   (doc_id, aid)).fetchone()
        same_package = origin is not None and origin[0] == pkg.id
        if same_package and origin[2] == layer.fingerprint:
            return "unchanged"  # the package did not change it since (the project may have)
        if self._blank_layer(doc_id, aid):
            return "added"
        ann, norms = self.layers.layer(doc_id, name)
        current = fingerprint(ann, None, norms)
        if current == layer.fingerprint:
            return "unchanged"
        if same_package and origin[2] == current:  # nobody changed it here since
            return "replaced" if pkg.sequence > origin[1] else "unchanged" if pkg.sequence == origin[1] else "older"
        return "conflict"

    def _blank_layer(self, doc_id: int, aid: int) -> bool:
        """Return True if annotator ``aid`` has nothing on the document (status "new")."""
        for table in ("spans", "stances", "document_labels", "notes"):
            if self.conn.execute(f"SELECT 1 FROM {table} WHERE document_id = ? AND annotator_id = ? LIMIT 1", (doc_id, aid)).fetchone():
                return False
        return not self.conn.execute("SELECT 1 FROM document_status WHERE document_id = ? AND annotator_id = ? AND status != 'new'",
                                     (doc_id, aid)).fetchone()

    # -- helpers -----------------------------------------------------------------------

    def _put_origin(self, doc_id: int, aid: int, package: str, sequence: int, fp: str) -> None:
        self.conn.execute(
            """INSERT INTO layer_origins(document_id, annotator_id, package, sequence, fingerprint, updated_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(document_id, annotator_id) DO UPDATE SET
               package = excluded.package, sequence = excluded.sequence, fingerprint = excluded.fingerprint,
               updated_at = excluded.updated_at""",
            (doc_id, aid, package, sequence, fp, now()),
        )

    def seconds(self, doc_id: int, aid: int) -> float:
        row = self.conn.execute("SELECT seconds FROM document_status WHERE document_id = ? AND annotator_id = ?",
                                (doc_id, aid)).fetchone()
        return float(row[0]) if row else 0.0

    def copy_status(self, doc_id: int, aid: int, status: str, seconds: float) -> None:
        if status == "new" and not seconds:
            return
        self.statuses.put(doc_id, aid, status)
        self.conn.execute("UPDATE document_status SET seconds = ? WHERE document_id = ? AND annotator_id = ?", (seconds, doc_id, aid))
