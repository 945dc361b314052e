"""The one export pipeline: the CLI calls it now, the GUI calls it from a worker thread.

    manifest = export_project(project, "conll", "out/", gold=True, status="done",
                              split="0.8,0.1,0.1", seed=13, progress=cb, cancelled=stop.is_set)

It streams documents from the project a batch at a time (never every text at once),
checks every fragment against the text (``text[start:end] == surface``), applies label
maps and filters, gives each document a split by a hash of its sha256 and the seed (so
the same seed gives the same split whatever the order of the documents, and a document
keeps its split when others are added), and has the format write into a temporary folder
beside ``out``.  Only when everything is written, with a ``manifest.json`` of counts and
checksums, is the folder moved into place: an error or a cancel leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core.collector import collector_paused
from annotator.core.errors import Cancelled, ExportError
from annotator.formats.base import ExportContext, ExportRecord, Format
from annotator.formats.labels import apply_labels

if TYPE_CHECKING:
    from annotator.store.project import Project

MANIFEST = "manifest.json"
SPLIT_NAMES = {1: ("train",), 2: ("train", "test"), 3: ("train", "dev", "test")}


class ExportCancelled(Cancelled):
    """The export was cancelled; nothing was written."""


@dataclass
class Manifest:
    """What an export wrote: the manifest's content, where it is, and the data files."""

    data: dict[str, Any]
    path: Path
    files: list[Path]


def parse_split(split: str | Sequence[float] | Mapping[str, float] | None) -> dict[str, float]:
    """Parse ``"0.8,0.1,0.1"`` (train, dev, test), ``"0.9,0.1"`` (train, test) or
    ``"train=0.7,valid=0.3"`` into ``{name: share}``; the shares must add up to 1."""
    if split is None or split == "":
        return {}
    if isinstance(split, Mapping):
        shares = {str(k): float(v) for k, v in split.items()}
    else:
        parts = [p.strip() for p in split.split(",")] if isinstance(split, str) else [str(p) for p in split]
        try:
            if all("=" in p for p in parts):
                shares = {k.strip(): float(v) for k, v in (p.split("=", 1) for p in parts)}
            else:
                values = [float(p) for p in parts]
                if len(values) not in SPLIT_NAMES:
                    raise ExportError(f"--split takes one to three shares (train, dev, test), not {len(values)}.")
                shares = dict(zip(SPLIT_NAMES[len(values)], values, strict=True))
        except ValueError:
            raise ExportError(f"--split takes shares such as 0.8,0.1,0.1, not {split!r}.") from None
    if any(v < 0 for v in shares.values()) or abs(sum(shares.values()) - 1) > 1e-6:
        raise ExportError(f"the --split shares must be at least 0 and add up to 1, not {split!r}.")
    if any(not k.isidentifier() for k in shares):
        raise ExportError(f"split names must be simple words, not {', '.join(shares)}.")
    return shares


def split_of(sha256: str, shares: dict[str, float], seed: int) -> str:
    """Return the split of a document: a hash of its sha256 and ``seed`` into [0, 1),
    cut by the cumulative shares."""
    if not shares:
        return ""
    h = int(hashlib.sha256(f"{seed}:{sha256}".encode()).hexdigest()[:16], 16) / 2**64
    acc = 0.0
    names = list(shares)
    for name in names:
        acc += shares[name]
        if h < acc:
            return name
    return names[-1]


def export_project(project: Project, format: str | Format, out: str | os.PathLike[str], *, annotator: str | None = None,
                   gold: bool = False, status: str | None = None, split: Any = None, seed: int = 0,
                   label_map: Mapping[str, str] | None = None, labels: Sequence[str] | None = None,
                   all_documents: bool = False, progress: Callable[[int, int], Any] | None = None,
                   cancelled: Callable[[], bool] | None = None, options: Mapping[str, Any] | None = None,
                   force: bool = False) -> Manifest:
    """Export ``project`` in ``format`` to ``out`` and return the manifest.

    ``out`` is a folder (made, or replaced if it holds an earlier export), or for a
    one-file format without a split a file with that format's suffix (the manifest goes
    beside it as ``NAME.manifest.json``).  ``annotator`` (default: the project's current
    one; the native jsonl keeps everyone) or ``gold`` choose the layer; ``status`` keeps
    documents the layer has marked so; ``split`` and ``seed`` split by document;
    ``label_map`` renames (``""`` drops) and ``labels`` keeps span labels; ``options`` are
    the format's own.  A one-layer export leaves out the documents that layer has not
    touched (no status, no annotation: they would teach a model that nothing is an entity)
    unless ``all_documents``.  ``progress(done, total)`` is called as documents are written;
    ``cancelled()`` returning True stops the export (``ExportCancelled``), as does any
    error: then nothing is left behind.  ``out`` may replace only an earlier export of
    ours (a folder whose ``manifest.json`` lists every file in it; a file named in the
    ``NAME.manifest.json`` beside it); anything else is refused unless ``force``.
    """
    from annotator import formats
    from annotator.store.project import GOLD
    from annotator.store.suggestions import provenance_counts

    fmt = formats.get(format) if isinstance(format, str) else format
    if not fmt.can_write:
        raise ExportError(f"the {fmt.name} format can be imported but not exported.")
    if gold and annotator:
        raise ExportError("give --annotator or --gold, not both.")
    who = GOLD if gold else annotator
    if who is None and not fmt.all_layers:
        who = project.annotator
    if who is not None and who not in project.annotators():
        raise ExportError(f"{project.path.name} has no annotations by {who!r}; annotators: {', '.join(project.annotators()) or 'none'}.")
    shares = parse_split(split)
    target, file_mode = _target(Path(out), fmt, bool(shares), force)
    sweep_leftovers(target)
    annotators = [who] if who is not None else None
    touched = who is not None and not all_documents
    ids = project.export_document_ids(annotators=annotators, status=status, touched=touched)
    left_out = project.count_documents() - len(ids)
    if not ids:
        what = f" marked {status!r}" if status else ""
        raise ExportError(f"{project.path.name} has no documents{what} to export{f' for {who!r}' if who and status else ''}.")
    keep = set(labels) if labels else None
    ctx = ExportContext(scheme=project.scheme, clitics=project.get_setting("clitics", "attached"),
                        ner_labels=_ner_labels(project.scheme, label_map, keep), splits=list(shares),
                        options=dict(options or {}), out_suffix=target.suffix.lower() if file_mode else "")
    counts = _Counts()
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent))
    try:
        with collector_paused():  # an export makes millions of short-lived objects and no cycles: the collector only costs time
            records = _records(project, ids, annotators, who, shares, seed, label_map, keep, counts, progress, cancelled,
                               keep_unlabelled=fmt.all_layers)
            fmt.write(records, tmp, ctx)
            for _ in records:  # a writer that stopped early must not skip the checks
                pass
            files = sorted(p for p in tmp.rglob("*") if p.is_file())
            ctx.extra["documents_left_out"] = left_out
            ctx.extra["from_suggestions"] = provenance_counts(project, annotators, ids)  # accepted, by recommender
            data = _manifest(project, fmt, who, status, shares, seed, label_map, labels, ctx, counts, tmp, files)
            return _move_into_place(tmp, target, file_mode, data, files)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _target(out: Path, fmt: Format, split: bool, force: bool = False) -> tuple[Path, bool]:
    """Return the absolute target and whether it is one file (not a folder)."""
    out = out.absolute()
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist.")
    file_mode = bool(fmt.file_suffix) and out.suffix.lower() in (fmt.file_suffix, *fmt.suffixes)
    if file_mode and split:
        raise ExportError(f"a split writes one file per part: give a folder for --out, not {out.name}.")
    if file_mode:
        if out.is_dir():
            raise ExportError(f"{out} is a folder; give a file name or a new folder.")
        manifest = manifest_of_file(out)
        # the file only if its manifest names it; the manifest if an export of ours wrote it
        # (``gold.conll`` after ``gold.jsonl`` takes over ``gold.manifest.json``)
        for path, ours in ((out, earlier_file_export(out)), (manifest, _read_manifest(manifest) is not None)):
            if (path.exists() or path.is_symlink()) and not force and not ours:
                raise ExportError(f"{path} exists and is not an earlier export; give another name, or --force to replace it.")
    elif out.is_file() or out.is_symlink():
        raise ExportError(f"{out} is a file; the {fmt.name} export writes a folder.")
    elif out.is_dir() and any(out.iterdir()) and not force and not earlier_export(out):
        raise ExportError(f"{out} holds other files, which no earlier export wrote (an export's manifest.json "
                          "lists what it wrote); give a new or empty folder, or --force to replace it.")
    return out, file_mode


def manifest_of_file(out: Path) -> Path:
    """Return the manifest beside a one-file export ``out``: ``NAME.manifest.json``."""
    return out.with_name(out.stem + ".manifest.json")


def _read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "annotator_version" not in data or not isinstance(data.get("files"), dict):
        return None
    return data


def earlier_export(folder: Path) -> bool:
    """True if ``folder`` holds an earlier export and nothing else: a manifest of ours
    that lists every file in the folder."""
    data = _read_manifest(folder / MANIFEST)
    if data is None:
        return False
    listed = {*data["files"], MANIFEST}
    for p in folder.rglob("*"):
        if (p.is_file() or p.is_symlink()) and p.relative_to(folder).as_posix() not in listed:
            return False
    return True


def earlier_file_export(out: Path) -> bool:
    """True if ``out`` (and its manifest) are an earlier one-file export: the manifest
    beside it is ours and names it."""
    data = _read_manifest(manifest_of_file(out))
    return data is not None and list(data["files"]) == [out.name] and not out.is_symlink()


def sweep_leftovers(target: Path) -> None:
    """Remove the temporary folders an earlier export to ``target`` left when it was
    killed (their names carry the process id; a live process's are left alone)."""
    prefix = f".{target.name}."
    for p in target.parent.glob(f".{glob_escape(target.name)}.*"):
        rest = p.name[len(prefix):]
        pid_text = rest.split(".", 1)[0] if rest.endswith(".tmp") else rest[4:] if rest.startswith("old-") else ""
        if not pid_text.isdigit() or not p.is_dir() or p.is_symlink() or _alive(int(pid_text)):
            continue
        shutil.rmtree(p, ignore_errors=True)


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _ner_labels(scheme: Any, label_map: Mapping[str, str] | None, keep: set[str] | None) -> list[str]:
    """Return the span labels token-level formats tag, in scheme order: the entity types
    (mapped), or those of ``keep``, which may also name event (trigger) types."""
    m = label_map or {}
    base = scheme.entity_labels + (scheme.event_types if keep else [])
    out = list(dict.fromkeys(m.get(label, label) for label in base))
    out = [label for label in out if label and (keep is None or label in keep)]
    if keep:
        out += sorted(keep - set(out))
    return out


_LABEL = attrgetter("label")
_TYPE = attrgetter("type")


class _Counts:
    """Documents, spans per label, events, relations and stances, per split."""

    def __init__(self) -> None:
        self.documents: Counter[str] = Counter()
        self.empty: Counter[str] = Counter()
        self.spans: dict[str, Counter[str]] = {}
        self.events: dict[str, Counter[str]] = {}
        self.relations: dict[str, Counter[str]] = {}
        self.stances: dict[str, Counter[str]] = {}

    def add(self, record: ExportRecord) -> None:
        split = record.split or "all"
        self.documents[split] += 1
        layers = record.layers.values() if record.layers else [record.annotations]
        if all(a.is_empty() for a in layers):
            self.empty[split] += 1
        for ann in layers:
            self.spans.setdefault(split, Counter()).update(map(_LABEL, ann.spans))
            self.events.setdefault(split, Counter()).update(map(_TYPE, ann.events))
            self.relations.setdefault(split, Counter()).update(map(_TYPE, ann.relations))
            self.stances.setdefault(split, Counter()).update(map(_LABEL, ann.stances))

    def as_dict(self) -> dict[str, Any]:
        def table(d: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
            return {k: dict(sorted(v.items())) for k, v in d.items() if v}

        return {"documents": dict(self.documents), "documents_without_annotations": dict(self.empty),
                "spans": table(self.spans), "events": table(self.events), "relations": table(self.relations),
                "stances": table(self.stances)}


def _records(project: Project, ids: list[int], annotators: list[str] | None, who: str | None, shares: dict[str, float],
             seed: int, label_map: Mapping[str, str] | None, keep: set[str] | None, counts: _Counts,
             progress: Callable[[int, int], Any] | None, cancelled: Callable[[], bool] | None,
             keep_unlabelled: bool = False) -> Iterator[ExportRecord]:
    from annotator.core.model import Annotations
    from annotator.core.scheme import UNLABELLED

    total = len(ids)
    for n, (doc, layers) in enumerate(project.iter_export(ids, annotators=annotators), 1):
        if cancelled is not None and cancelled():
            raise ExportCancelled("the export was cancelled; nothing was written.")
        if not keep_unlabelled:
            for name, layer in layers.items():
                if (name == who or who is None) and UNLABELLED in map(_LABEL, layer.spans):
                    span = next(s for s in layer.spans if s.label == UNLABELLED)
                    raise ExportError(
                        f"document {doc.name or doc.id!r} has a span marked but not labelled yet ({name}, characters "
                        f"{span.start}–{span.end}, «{span.surface}»): label or delete the marked spans first "
                        "(annotator validate lists them); only the native jsonl keeps them.")
        if label_map or keep is not None:
            layers = {k: apply_labels(v, label_map, keep) for k, v in layers.items()}
        ann = layers.get(who, Annotations(status="new")) if who is not None else Annotations()
        record = ExportRecord(document=doc, annotations=ann, layers=layers if who is None else {who: ann} if who in layers else {},
                              split=split_of(doc.sha256 or "", shares, seed))
        counts.add(record)
        yield record
        if progress is not None and (n % 25 == 0 or n == total):
            progress(n, total)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _manifest(project: Project, fmt: Format, who: str | None, status: str | None, shares: dict[str, float], seed: int,
              label_map: Mapping[str, str] | None, labels: Sequence[str] | None, ctx: ExportContext, counts: _Counts,
              folder: Path, files: list[Path]) -> dict[str, Any]:
    scheme = project.scheme
    return {
        "format": fmt.name,
        "annotator_version": __version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "project": project.path.name,
        "scheme": {"name": scheme.name, "version": scheme.version, "sha256": scheme.sha256},
        "layer": who if who is not None else "every annotator",
        "status": status,
        "split": {"shares": shares, "seed": seed, "method": "sha256(f'{seed}:{document sha256}') as a number in [0, 1), cut by the shares"} if shares else None,
        "label_map": dict(label_map or {}),
        "labels": list(labels) if labels else None,
        "clitics": ctx.clitics,
        "offset_unit": ctx.extra.pop("offset_unit", "codepoint"),
        "options": {k: v for k, v in ctx.options.items() if v is not None},
        **ctx.extra,
        "counts": counts.as_dict(),
        "warnings": dict(sorted(ctx.warnings.items())),
        "files": {p.relative_to(folder).as_posix(): {"sha256": _sha256(p), "bytes": p.stat().st_size} for p in files},
    }


def _move_into_place(tmp: Path, target: Path, file_mode: bool, data: dict[str, Any], files: list[Path]) -> Manifest:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if file_mode:
        if len(files) != 1:
            raise ExportError(f"the export made {len(files)} files; give a folder for --out.")
        manifest = target.with_name(target.stem + ".manifest.json")
        data["files"] = {target.name: data["files"][files[0].relative_to(tmp).as_posix()]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        (tmp / MANIFEST).write_text(text, encoding="utf-8")
        os.replace(files[0], target)
        os.replace(tmp / MANIFEST, manifest)
        return Manifest(data, manifest, [target])
    (tmp / MANIFEST).write_text(text, encoding="utf-8")
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")  # swept by a later export if we are killed here
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return Manifest(data, target / MANIFEST, [target / p.relative_to(tmp) for p in files])
