"""brat standoff: ``NAME.txt`` with ``NAME.ann`` beside it, and ``annotation.conf``.

``.ann`` lines (tab-separated):

    T1	GPE 0 5;16 21	surface            a span; several fragments for a discontinuous one
    E1	Movement:T3 Mover:T1 Mover2:T2    an event: trigger, then arguments (a repeated role
                                          is numbered: Mover, Mover2, ...)
    R1	LocatedIn Arg1:T4 Arg2:T1         a relation from Arg1 to Arg2
    A1	Negated E1  /  A2	Specificity T1 generic     attributes (yes/no, or a value)
    N1	Reference T1 Wikipedia:534366	Barack Obama     a normalisation
    #1	AnnotatorNotes T1	text                       a note

Offsets count code points of the ``.txt`` as written (a CRLF counts two, as brat counts
it); the stored text has LF, and offsets are moved to match.  Importing a folder reads
its ``annotation.conf`` and adds the types it defines to the project's scheme; a label
in neither is an error that lists them.  Stances, document labels and document notes
have no place in brat: an export counts them in the manifest's warnings.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.decoding import decode_bytes
from annotator.core.errors import InputError
from annotator.core.model import (
    Annotations,
    Argument,
    Document,
    Event,
    Normalization,
    Relation,
    Span,
)
from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats.base import ADD_LABELS, ExportContext, ExportRecord, Format, ReadResult
from annotator.formats.brat_conf import read_conf, write_conf, write_visual_conf
from annotator.formats.folders import files_below
from annotator.formats.labels import mapped
from annotator.formats.schemes import extend_scheme, new_entities

_ROLE_NUMBER = re.compile(r"^(.*?)(\d+)$")


def _read_txt(path: Path) -> tuple[str, list[int]]:
    """Return the stored text of a ``.txt`` and the raw offsets that vanish from it: the
    CR of each CRLF, and a leading U+FEFF (brat reads the file as UTF-8 and counts a BOM
    as a character; the stored text has none)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}).") from None
    text = decode_bytes(data, str(path), allow_empty=True)
    gone: list[int] = []
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (b"\r" in data or data.startswith(codecs.BOM_UTF8)):
        raw = data.decode("utf-8")
        gone = [0] if raw.startswith("\ufeff") else []
        gone += [m.start() for m in re.finditer("\r\n", raw)]
    return text, gone


class _AnnReader:
    """Parses one ``.ann`` file against its text."""

    def __init__(self, path: Path, text: str, crlf: list[int], scheme_roles: Any) -> None:
        self.path = path
        self.text = text
        self.crlf = crlf
        self.roles = scheme_roles
        self.ann = Annotations()
        self.by_id: dict[str, Any] = {}
        self.labels: dict[str, int] = {}  # label -> first line
        self.warnings: Counter[str] = Counter()

    def fail(self, n: int, message: str) -> InputError:
        return InputError(f"{self.path}, line {n}: {message}")

    def offset(self, raw: int) -> int:
        return max(raw - bisect_left(self.crlf, raw), 0) if self.crlf else raw

    def read(self, lines: list[str]) -> Annotations:
        later: list[tuple[int, str, str, list[str]]] = []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            fields = line.split("\t")
            ident = fields[0].strip()
            if len(fields) < 2 or not ident:
                raise self.fail(n, "not a brat annotation (ID, a tab, then the annotation).")
            if ident in self.by_id:
                raise self.fail(n, f"the id {ident} is used twice.")
            if ident[0] == "T":
                self.span(n, ident, fields)
            elif ident[0] in "ERAMN#*":
                later.append((n, ident, fields[1], fields[2:]))
            else:
                raise self.fail(n, f"unknown annotation kind {ident[0]!r}; brat's are T, E, R, A, N, # and *.")
        for kind in ("E", "R", "AMN#*"):
            for n, ident, body, rest in later:
                if ident[0] in kind:
                    getattr(self, {"E": "event", "R": "relation", "A": "attribute", "M": "attribute", "N": "normalization",
                                   "#": "note", "*": "equiv"}[ident[0]])(n, ident, body.split(), rest)
        return self.ann

    def span(self, n: int, ident: str, fields: list[str]) -> None:
        head = fields[1].split(" ", 1)
        if len(head) != 2:
            raise self.fail(n, f"span {ident} needs a label and offsets (LABEL START END).")
        label, offsets = head
        frags = []
        for part in offsets.split(";"):
            nums = part.split()
            if len(nums) != 2 or not all(x.isascii() and x.isdigit() for x in nums):
                raise self.fail(n, f"span {ident} has offsets {offsets!r}; write START END, fragments separated by ';'.")
            s, e = self.offset(int(nums[0])), self.offset(int(nums[1]))
            if not 0 <= s < e <= len(self.text):
                raise self.fail(n, f"span {ident} has fragment {nums[0]}..{nums[1]}, empty or outside the text.")
            frags.append((s, e))
        if len(fields) > 2:  # the surface may hold a TAB, which is also the separator
            given = "\t".join(fields[2:])
            want = " ".join(self.text[s:e] for s, e in frags)
            if _flat(given) != _flat(want):
                raise self.fail(n, f"span {ident} gives the text {given!r}, but the text at its offsets is {want!r}.")
        span = Span(label=label, fragments=frags, id=ident)
        self.by_id[ident] = span
        self.labels.setdefault(label, n)
        self.ann.spans.append(span)

    def ref(self, n: int, ident: str, kinds: str = "T") -> Any:
        obj = self.by_id.get(ident)
        if obj is None or ident[0] not in kinds:
            raise self.fail(n, f"{ident} is not a{'n annotation' if len(kinds) > 1 else ' span'} of this file.")
        return obj

    def event(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        if not args or ":" not in args[0]:
            raise self.fail(n, f"event {ident} needs TYPE:TRIGGER first.")
        etype, trigger = args[0].split(":", 1)
        self.ref(n, trigger)
        event = Event(type=etype, trigger=trigger, id=ident)
        self.by_id[ident] = event
        self.labels.setdefault(etype, n)
        for arg in args[1:]:
            role, _, target = arg.partition(":")
            if not target:
                raise self.fail(n, f"event {ident}: cannot read the argument {arg!r}; write ROLE:ID.")
            if target.startswith("E"):
                self.warnings["event arguments that are events (annotator's events take spans), left out"] += 1
                continue
            self.ref(n, target)
            event.arguments.append(Argument(role=self.role(etype, role), span=target))
        self.ann.events.append(event)

    def role(self, etype: str, role: str) -> str:
        m = _ROLE_NUMBER.match(role)
        if m and not self.roles(etype, role) and self.roles(etype, m.group(1)):
            return m.group(1)
        return role

    def relation(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        if len(args) != 3:
            raise self.fail(n, f"relation {ident} needs TYPE Arg1:ID Arg2:ID.")
        ends = [a.partition(":")[2] for a in args[1:]]
        for e in ends:
            self.ref(n, e)
        rel = Relation(type=args[0], source=ends[0], target=ends[1], id=ident)
        self.by_id[ident] = rel
        self.labels.setdefault(args[0], n)
        self.ann.relations.append(rel)

    def attribute(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        if len(args) not in (2, 3):
            raise self.fail(n, f"attribute {ident} needs NAME ID [VALUE].")
        owner = self.ref(n, args[1], "TER")
        owner.attributes[args[0]] = args[2] if len(args) == 3 else True
        self.labels.setdefault(f"attribute {args[0]}", n)

    def normalization(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        if len(args) != 3:
            raise self.fail(n, f"normalisation {ident} needs Reference ID DB:ENTRY, a tab, then the name.")
        self.ref(n, args[1], "TER")
        kind = {"T": "span", "E": "event", "R": "relation"}[args[1][0]]
        self.ann.normalizations.append(Normalization(target=args[1], reference=args[2], text="\t".join(rest), target_kind=kind))

    def note(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        if len(args) != 2:
            raise self.fail(n, f"note {ident} needs AnnotatorNotes ID, a tab, then the note.")
        self.ref(n, args[1], "TER").notes.append("\t".join(rest))

    def equiv(self, n: int, ident: str, args: list[str], rest: list[str]) -> None:
        self.warnings["equivalence (*) lines, which annotator does not keep, left out"] += 1


_FLAT = str.maketrans({"\r": " ", "\n": " ", "\t": " ", "\ufeff": None})
_NOT_FLAT = re.compile("[\r\n\t\ufeff]")


def _flat(surface: str) -> str:
    """A surface as a ``.ann`` line can hold it: line breaks and tabs as spaces, no U+FEFF."""
    return surface.translate(_FLAT) if _NOT_FLAT.search(surface) else surface


def _collection(path: Path) -> tuple[Path, list[Path], list[str]]:
    """Return the collection's root folder, its ``.txt`` files and warnings about links skipped."""
    if path.is_dir():
        txts, skipped = files_below(path, ".txt")
        if not txts:
            raise InputError(f"{path}: the folder has no .txt files, so it is not a brat collection.")
        return path, txts, skipped
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(f"{path}: there is no {txt.name} beside it with the text.")
    return path.parent, [txt], []


def _inferred(docs: list[Document], scheme: Scheme) -> dict[str, Any]:
    """Return the types a collection without ``annotation.conf`` uses and ``scheme`` lacks,
    inferred from its ``.ann`` files: a span label that only triggers events is an event type
    (its roles take the labels of their arguments, any number), other span labels entity
    types, relation types take the labels at each end, attributes the values and kinds seen."""
    from annotator.core.scheme import AttributeDef, EventType, RelationType, Role
    from annotator.formats.schemes import color_for

    span_labels: dict[str, None] = {}
    triggers: set[str] = set()
    roles: dict[str, dict[str, set[str]]] = {}
    rels: dict[str, tuple[set[str], set[str]]] = {}
    attrs: dict[str, tuple[set[str], set[str], bool]] = {}
    for doc in docs:
        for ann in doc.annotations.values():
            label = {s.id: s.label for s in ann.spans}
            span_labels.update(dict.fromkeys(s.label for s in ann.spans))
            for e in ann.events:
                triggers.add(label[e.trigger])
                by_role = roles.setdefault(e.type, {})
                for a in e.arguments:
                    by_role.setdefault(a.role, set()).add(label[a.span])
            for r in ann.relations:
                ends = rels.setdefault(r.type, (set(), set()))
                ends[0].add(label[r.source])
                ends[1].add(label[r.target])
            for kind, objs in (("entity", ann.spans), ("event", ann.events), ("relation", ann.relations)):
                for obj in objs:
                    for name, value in obj.attributes.items():
                        values, on, _ = attrs.setdefault(name, (set(), set(), True))
                        on.add(kind)
                        if value is not True:
                            values.add(str(value))
    used_as_entity = {lab for lab in span_labels if lab not in triggers or lab not in roles}
    entities = [lab for lab in span_labels if lab in used_as_entity and lab not in scheme.span_labels]
    events = [EventType(type=t, color=color_for(t), roles=tuple(Role(name=r, types=tuple(sorted(ts)), card="*")
                                                             for r, ts in sorted(rs.items())))
              for t, rs in roles.items() if scheme.event(t) is None or rs]
    return {"entities": new_entities(entities), "events": events,
            "relations": [RelationType(type=t, arg1=tuple(sorted(a)), arg2=tuple(sorted(b))) for t, (a, b) in rels.items()],
            "attributes": [AttributeDef(name=n, on=tuple(sorted(on)), values=tuple(sorted(v))) for n, (v, on, _) in attrs.items()]}


def _known(scheme: Scheme | None, extended: Scheme | None, label: str) -> bool:
    s = extended or scheme
    if s is None:
        return True
    if label.startswith("attribute "):
        return s.attribute(label[10:]) is not None
    return label in s.span_labels or s.relation(label) is not None


@register
class BratFormat(Format):
    name = "brat"
    suffixes = (".ann",)
    description = "brat standoff: .txt and .ann per document, annotation.conf (a folder, or one .ann)"
    read_options = (ADD_LABELS,)

    def sniff(self, path: Path) -> bool:
        if path.is_dir():
            return any(path.rglob("*.ann"))
        return path.suffix.lower() == ".ann"

    def read(self, path: Path, *, scheme: Scheme | None = None, add_labels: bool = False, **options: Any) -> ReadResult:
        root, txts, skipped = _collection(path)
        result = ReadResult(warnings=skipped)
        extended = None
        conf = root / "annotation.conf"
        if conf.is_file() and scheme is not None:
            ents, events, rels, attrs, warnings = read_conf(conf)
            result.warnings += warnings
            extended = extend_scheme(scheme, entities=ents, events=events, relations=rels, attributes=attrs, origin=str(conf))
            if extended is not None:
                added = [t for t in extended.span_labels if t not in scheme.span_labels]
                added += [r.type for r in extended.relations if scheme.relation(r.type) is None]
                result.warnings.append(f"{conf}: added to the project's scheme: {', '.join(added) or 'roles and attribute values'}.")
        roles_scheme = extended or scheme

        def has_role(etype: str, role: str) -> bool:
            ev = roles_scheme.event(etype) if roles_scheme else None
            return ev is not None and ev.role(role) is not None

        unknown: dict[str, str] = {}
        warnings: Counter[str] = Counter()
        for txt in txts:
            text, crlf = _read_txt(txt)
            ann_path = txt.with_suffix(".ann")
            name = txt.relative_to(root).with_suffix("").as_posix()
            doc = Document(text=text, name=name, source=str(txt))
            if ann_path.is_file():
                lines = decode_bytes(ann_path.read_bytes(), str(ann_path), allow_empty=True).split("\n")
                reader = _AnnReader(ann_path, text, crlf, has_role)
                ann = reader.read(lines)
                warnings.update(reader.warnings)
                for label, n in reader.labels.items():
                    label = mapped(label, options)
                    if label and not _known(scheme, extended, label):
                        unknown.setdefault(label, f"{ann_path.name}, line {n}")
                if not ann.is_empty():
                    doc.annotations[""] = ann
            if not text.strip():
                raise InputError(f"{txt} is empty: there is no text to import.")
            result.documents.append(doc)
        if unknown and add_labels and scheme is not None:
            grown = extend_scheme(extended or scheme, **_inferred(result.documents, extended or scheme), origin=str(path))
            extended = grown or extended
            result.warnings.append(f"{path}: types inferred from the .ann files added to the scheme: {', '.join(unknown)}.")
        elif unknown:
            where = "; ".join(f"{k} ({v})" for k, v in unknown.items())
            raise InputError(f"{path}: these labels are in neither {'annotation.conf nor ' if conf.is_file() else ''}"
                             f"the project's scheme: {where}; add them to the scheme (or to annotation.conf) and import again.")
        result.warnings += [f"{path}: {n} {kind}." for kind, n in sorted(warnings.items())]
        result.scheme = extended
        return result

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        used: dict[str, set[str]] = {}
        labels: set[str] = set()
        made: set[Path] = set()  # folders made already
        for record in records:
            taken = used.setdefault(record.split, set())
            stem = _safe_name(record.document.name, record.document.id, taken)
            base = folder / record.split / stem if record.split else folder / stem
            if base.parent not in made:
                base.parent.mkdir(parents=True, exist_ok=True)
                made.add(base.parent)
            base.with_name(base.name + ".txt").write_text(record.document.text, encoding="utf-8", newline="\n")
            base.with_name(base.name + ".ann").write_text(ann_text(record, ctx), encoding="utf-8", newline="\n")
            labels.update(s.label for s in record.annotations.spans)
        scheme = ctx.scheme
        extra = [lab for lab in sorted(labels) if lab not in scheme.span_labels]
        if extra:  # labels renamed by a map
            scheme = extend_scheme(scheme, entities=new_entities(extra), origin="the export's label map") or scheme
        (folder / "annotation.conf").write_text(write_conf(scheme), encoding="utf-8", newline="\n")
        (folder / "visual.conf").write_text(write_visual_conf(scheme), encoding="utf-8", newline="\n")


_NAME_BYTES = 200  # a file name's part, leaving room for "-ID.ann" under the usual 255 bytes


def _cut(part: str, limit: int = _NAME_BYTES) -> str:
    data = part.encode("utf-8")
    return part if len(data) <= limit else data[:limit].decode("utf-8", errors="ignore")


def _safe_name(name: str, doc_id: int | None, taken: set[str]) -> str:
    """Return a file stem for a document: its name made safe (no reserved characters, no
    ``..``, each part at most 200 bytes), unique in ``taken`` whatever the case, and the
    same for the same document every time (a clash, or a name cut short, adds its id)."""
    parts = [re.sub(r'[<>:"\\|?*\x00-\x1f]', "_", p).strip(" .") for p in name.split("/")]
    parts = [p for p in parts if p and p != ".."]
    cut = [_cut(p) for p in parts]
    stem = "/".join(cut) or f"document-{doc_id}"
    if cut != parts or stem.lower() in taken:
        stem = f"{stem}-{doc_id}"
    taken.add(stem.lower())
    return stem


def ann_text(record: ExportRecord, ctx: ExportContext) -> str:
    """Return the ``.ann`` of one document's exported layer."""
    ann, text = record.annotations, record.document.text
    lines: list[str] = []
    ids: dict[tuple[str, Any], str] = {}
    for i, s in enumerate(ann.spans, 1):
        ids["span", s.id] = f"T{i}"
        frags = s.fragments
        if len(frags) == 1:
            (a, b), = frags
            offsets, surface = f"{a} {b}", _flat(text[a:b])
        else:
            offsets = ";".join(f"{a} {b}" for a, b in frags)
            surface = _flat(" ".join(text[a:b] for a, b in frags))
        lines.append(f"T{i}\t{s.label} {offsets}\t{surface}")
    for i, e in enumerate(ann.events, 1):
        ids["event", e.id] = f"E{i}"
        seen: Counter[str] = Counter()
        args = []
        for a in e.arguments:
            seen[a.role] += 1
            args.append(f"{a.role}{seen[a.role] if seen[a.role] > 1 else ''}:{ids['span', a.span]}")
        lines.append(f"E{i}\t{e.type}:{ids['span', e.trigger]}" + "".join(f" {a}" for a in args))
    for i, r in enumerate(ann.relations, 1):
        ids["relation", r.id] = f"R{i}"
        lines.append(f"R{i}\t{r.type} Arg1:{ids['span', r.source]} Arg2:{ids['span', r.target]}")
    owners = [("span", s) for s in ann.spans] + [("event", e) for e in ann.events] + [("relation", r) for r in ann.relations]
    n_attr = n_note = 0
    for kind, obj in owners:
        for name, value in sorted(obj.attributes.items()):
            if value is False or value is None:
                continue
            n_attr += 1
            lines.append(f"A{n_attr}\t{name} {ids[kind, obj.id]}" + ("" if value is True else f" {value}"))
    for i, nm in enumerate(ann.normalizations, 1):
        lines.append(f"N{i}\tReference {ids[nm.target_kind, nm.target]} {nm.reference}\t{nm.text}")
    for kind, obj in owners:
        for note in obj.notes:
            n_note += 1
            if "\n" in note:
                ctx.warn("brat: line breaks in notes written as spaces")
            lines.append(f"#{n_note}\tAnnotatorNotes {ids[kind, obj.id]}\t{note.replace(chr(10), ' ')}")
    for what, n in (("stances", len(ann.stances)), ("document labels", sum(map(len, ann.doc_labels.values()))),
                    ("document notes", len(ann.notes))):
        if n:
            ctx.warn(f"brat: {what} have no place in brat, not written", n)
    return "\n".join(lines) + ("\n" if lines else "")
