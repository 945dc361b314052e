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
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InputError, ProjectError
from annotator.core.layers import fingerprint, is_blank
from annotator.core.model import Annotations, Document
from annotator.core.wording import count
from annotator.store import db as dbmod
from annotator.store import undo

if TYPE_CHECKING:
    from annotator.store.project import Project

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


@dataclass
class _Layer:
    kind: str
    ann: Annotations
    norms: list[dict[str, Any]]
    seconds: float
    fingerprint: str


@dataclass
class _PackageDoc:
    doc: Document
    layers: dict[str, _Layer]


@dataclass
class _Package:
    path: Path
    id: str
    sequence: int
    docs: list[_PackageDoc]


class PackagesMixin:
    """``pack`` and ``merge`` of ``Project``."""

    # -- pack --------------------------------------------------------------------------

    def pack(self: Project, out: str | os.PathLike[str], annotator: str, *, documents: list[int] | None = None) -> PackReport:
        """Write a new project file ``out`` for ``annotator`` holding their assigned
        documents (or ``documents``), with their annotations so far, the scheme, the
        settings and the guidelines; the file opens with that annotator preset."""
        from annotator.store.project import Project, now

        name = (annotator or "").strip()
        ids = list(documents) if documents is not None else self.assigned_documents(name)
        if not ids:
            raise ProjectError(f"{name or 'that annotator'} has no documents assigned in {self.path.name}; "
                               "run 'annotator assign' first.")
        out = Path(out)
        if out.exists():
            raise ProjectError(f"{out} already exists; choose another name or remove it first.")
        if not out.parent.is_dir():
            raise ProjectError(f"cannot write {out}: the folder {out.parent} does not exist.")
        package = uuid.uuid4().hex
        part = out.with_name(f".{out.name}.{package[:8]}.part")
        try:
            with Project.create(part, self.scheme, annotator=name) as pkg:
                layers = self._fill_package(pkg, name, ids, {"id": package, "annotator": name, "project": self.path.name,
                                                             "packed_at": now(), "documents": len(ids)})
                sequence = pkg.conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0]
            os.replace(part, out)
        finally:
            for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        with dbmod.transaction(self.db):
            aid = self.annotator_id(name)
            for doc_id, fp in layers.items():
                self._put_origin(doc_id, aid, package, sequence, fp)
            self._log("pack", None, {"file": out.name, "annotator": name, "documents": len(ids), "package": package})
        return PackReport(out, name, package, len(ids), len(layers))

    def _fill_package(self: Project, pkg: Project, name: str, ids: list[int], info: dict[str, Any]) -> dict[int, str]:
        """Copy settings, documents and ``name``'s layers into the new package ``pkg``;
        return ``{project document id: layer fingerprint}`` of the layers copied."""
        from annotator.store.project import now

        with dbmod.transaction(pkg.db):
            for key, value in self.conn.execute("SELECT key, value FROM settings").fetchall():
                if key not in _NOT_COPIED:
                    pkg._put_setting(key, json.loads(value))
            pkg._put_setting("last_annotator", name)
            pkg._put_setting(PACKAGE_SETTING, info)
        docs = [self.document(i) for i in ids]
        added = pkg.add_documents([Document(text=d.text, name=d.name, meta=d.meta, source=d.source) for d in docs]).added
        layers: dict[int, str] = {}
        aid_here = self._annotator_id_or_none(name)
        undo.set_active(pkg.conn, False)
        try:
            with dbmod.transaction(pkg.db):
                aid = pkg.annotator_id(name)
                stamp = now()
                for doc, new_id in zip(docs, added, strict=True):
                    pkg.conn.execute("INSERT INTO assignments(document_id, annotator_id, assigned_at) VALUES (?, ?, ?)",
                                     (new_id, aid, stamp))
                    if aid_here is None:
                        continue
                    ann, norms = self.layer(doc.id, name)
                    if is_blank(ann, norms):
                        continue
                    pkg._copy_layer(new_id, aid, ann, norms)
                    pkg._copy_status(new_id, aid, ann.status or "new", self._seconds(doc.id, aid_here))
                    layers[doc.id] = fingerprint(ann, None, norms)
        finally:
            undo.set_active(pkg.conn, True)
        return layers

    # -- merge -------------------------------------------------------------------------

    def merge(self: Project, paths: list[str | os.PathLike[str]], *, on_conflict: str = "keep",
              add_missing: bool = False) -> MergeReport:
        """Bring the annotations of the package files ``paths`` into this project (see the
        module docstring for the rules); all files in one transaction."""
        if on_conflict not in CONFLICT_POLICIES:
            raise ProjectError(f"on_conflict must be one of {', '.join(CONFLICT_POLICIES)}, not {on_conflict!r}.")
        if not paths:
            raise InputError("nothing to merge: name at least one package file.")
        packages = [self._read_package(Path(p)) for p in paths]
        report = MergeReport(packages=len(packages))
        undo.set_active(self.conn, False)
        try:
            with dbmod.transaction(self.db):
                for pkg in packages:
                    self._merge_package(pkg, report, on_conflict, add_missing)
                if on_conflict == "fail" and report.conflicts:
                    raise ProjectError(f"merge stopped by {count(len(report.conflicts), 'conflict')}, nothing was changed; "
                                       f"the first: {report.conflicts[0]}")
                if report.changed:
                    self._log("merge", None, {"files": [p.path.name for p in packages], "added": len(report.added),
                                              "replaced": len(report.replaced), "conflicts": len(report.conflicts)})
        except BaseException:
            self._annotator_ids.clear()  # annotators added in the rolled-back transaction are gone
            raise
        finally:
            undo.set_active(self.conn, True)
        if report.changed:
            self.history.clear()  # undo steps must not cross a merge
        return report

    def _read_package(self: Project, path: Path) -> _Package:
        """Read every layer of a package file, checked against this project's scheme."""
        from annotator.store.project import Project

        if not path.exists():
            raise InputError(f"{path} does not exist; name the package files to merge.")
        if self.path.exists() and os.path.samefile(path, self.path):
            raise InputError(f"{path} is the project itself; name the package files to merge into it.")
        with Project.open(path) as pkg:
            info = pkg.get_setting(PACKAGE_SETTING) or {}
            package = info.get("id") or f"project:{pkg.get_setting('created_at')}"
            sequence = pkg.conn.execute("SELECT coalesce(max(id), 0) FROM edit_log").fetchone()[0]
            who = pkg.conn.execute("SELECT id, name, kind FROM annotators ORDER BY id").fetchall()
            docs = []
            for info_row in pkg.iter_documents():
                doc = pkg.document(info_row.id)
                layers: dict[str, _Layer] = {}
                for aid, name, kind in who:
                    ann, norms = pkg.layer(doc.id, name)
                    if not is_blank(ann, norms):
                        layers[name] = _Layer(kind, ann, norms, pkg._seconds(doc.id, aid), fingerprint(ann, None, norms))
                if layers:
                    checked = Document(text=doc.text, name=doc.name, source=f"{path.name}, document {doc.name!r}",
                                       annotations={n: lay.ann for n, lay in layers.items()})
                    self._check_annotations(checked)
                docs.append(_PackageDoc(doc, layers))
        return _Package(path, package, sequence, docs)

    def _merge_package(self: Project, pkg: _Package, report: MergeReport, policy: str, add_missing: bool) -> None:
        from annotator.store.importing import _meta_json
        from annotator.store.project import now

        for item in pkg.docs:
            doc = item.doc
            row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()
            if row is None:
                if not add_missing:
                    report.missing.append(f"{pkg.path.name}: document {doc.name!r} is not in the project "
                                          "(no document has the same text); skipped.")
                    continue
                doc_id = self._insert_documents([(doc.name, doc.text, doc.sha256, len(doc.text), _meta_json(doc.meta),
                                                  doc.source or pkg.path.name, now())])[0]
                report.added_documents.append(doc_id)
            else:
                doc_id = row[0]
            for name, layer in item.layers.items():
                self._merge_layer(pkg, doc_id, doc.name, name, layer, report, policy)

    def _merge_layer(self: Project, pkg: _Package, doc_id: int, doc_name: str, name: str, layer: _Layer,
                     report: MergeReport, policy: str) -> None:
        aid = self.annotator_id(name, kind=layer.kind)
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
        if outcome == "conflict":
            report.warnings.append(f"{what}'s different annotations in the project were replaced by the package's.")
        (report.added if outcome == "added" else report.replaced).append(what)
        self._delete_layer(doc_id, aid)
        self._copy_layer(doc_id, aid, layer.ann, layer.norms)
        self._copy_status(doc_id, aid, layer.ann.status or "new", layer.seconds)
        # the copy is exact: the layer's fingerprint is now the package's
        self._put_origin(doc_id, aid, pkg.id, pkg.sequence, layer.fingerprint)

    def _merge_outcome(self: Project, pkg: _Package, doc_id: int, aid: int, name: str, layer: _Layer) -> str:
        """Decide what merging ``layer`` does: "unchanged", "added", "replaced", "older"
        or "conflict" (see the module docstring)."""
        origin = self.conn.execute("SELECT package, sequence, fingerprint FROM layer_origins WHERE document_id = ? AND annotator_id = ?",
                                   (doc_id, aid)).fetchone()
        same_package = origin is not None and origin[0] == pkg.id
        if same_package and origin[2] == layer.fingerprint:
            return "unchanged"  # the package did not change it since (the project may have)
        if self._blank_layer(doc_id, aid):
            return "added"
        ann, norms = self.layer(doc_id, name)
        current = fingerprint(ann, None, norms)
        if current == layer.fingerprint:
            return "unchanged"
        if same_package and origin[2] == current:  # nobody changed it here since
            return "replaced" if pkg.sequence > origin[1] else "unchanged" if pkg.sequence == origin[1] else "older"
        return "conflict"

    def _blank_layer(self: Project, doc_id: int, aid: int) -> bool:
        """Return True if annotator ``aid`` has nothing on the document (status "new")."""
        for table in ("spans", "stances", "document_labels", "notes"):
            if self.conn.execute(f"SELECT 1 FROM {table} WHERE document_id = ? AND annotator_id = ? LIMIT 1", (doc_id, aid)).fetchone():
                return False
        return not self.conn.execute("SELECT 1 FROM document_status WHERE document_id = ? AND annotator_id = ? AND status != 'new'",
                                     (doc_id, aid)).fetchone()

    # -- helpers -----------------------------------------------------------------------

    def _put_origin(self: Project, doc_id: int, aid: int, package: str, sequence: int, fp: str) -> None:
        from annotator.store.project import now

        self.conn.execute(
            """INSERT INTO layer_origins(document_id, annotator_id, package, sequence, fingerprint, updated_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(document_id, annotator_id) DO UPDATE SET
               package = excluded.package, sequence = excluded.sequence, fingerprint = excluded.fingerprint,
               updated_at = excluded.updated_at""",
            (doc_id, aid, package, sequence, fp, now()),
        )

    def _seconds(self: Project, doc_id: int, aid: int) -> float:
        row = self.conn.execute("SELECT seconds FROM document_status WHERE document_id = ? AND annotator_id = ?",
                                (doc_id, aid)).fetchone()
        return float(row[0]) if row else 0.0

    def _copy_status(self: Project, doc_id: int, aid: int, status: str, seconds: float) -> None:
        if status == "new" and not seconds:
            return
        self._put_status(doc_id, aid, status)
        self.conn.execute("UPDATE document_status SET seconds = ? WHERE document_id = ? AND annotator_id = ?", (seconds, doc_id, aid))
