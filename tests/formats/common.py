"""The round-trip test base every format's tests subclass (as MusicBrainz Picard does).

A subclass names its ``format`` and, for formats that import, ``round_trip_file`` (the
exported file a second import reads back).  The base builds one project with nasty text
(diacritics, tatweel, CRLF, mixed Latin and digits, emoji before spans), nested and
discontinuous spans, events, relations, attributes, notes, normalisations, stances and
document labels in two layers, and runs the tests every format must pass: it writes what
the manifest says it wrote, refuses a corrupt span and leaves nothing behind, can be
cancelled, splits deterministically, maps and filters labels, and (if it imports) reads
its own export back to the same export and changes nothing on bad input.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, ClassVar

import pytest

from annotator import Project
from annotator.core.errors import ExportError, InputError
from annotator.store.project import GOLD
from annotator.transfer.export import ExportCancelled, export_project

#: The nasty texts: each has the facts DESIGN §3 names.
TEXTS = {
    "diacritics": "قالَ الرئيسُ الأمريكيُّ دونالد ترامب إنّ قواتِ بلادِه ستنسحبُ من قاعدة الشدادي في سوريا.",
    "tatweel": "أعلنت الولايـــات المتحدة انسحابها من قاعدة الشدادي.\nوقال مظلوم عبدي إن القرار مفاجئ.",
    "crlf": "السطر الأول عن دمشق.\r\nالسطر الثاني عن حلب.\r\n",
    "latin": "أعلنت شركة Apple في 2023 عن iPhone 15 بسعر 999 دولار في دبي.",
    "emoji": "😀🇸🇾 زار بشار الأسد دمشق 👍 أمس مع وفد من روسيا.",
}


def find(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    """Return the code-point range of the ``nth`` occurrence of ``surface``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return i, i + len(surface)


def build_rich_project(path: Path) -> Project:
    """Return a project with every layer of annotation on the nasty texts."""
    p = Project.create(path, annotator="lina")
    p.add_documents([{"text": t, "name": n, "meta": {"kind": n}} for n, t in TEXTS.items() if n != "crlf"])
    crlf = path.parent / "crlf.txt"
    crlf.write_bytes(TEXTS["crlf"].encode("utf-8"))  # stored with LF
    p.import_files([crlf])
    ids = {d.name: d.id for d in p.iter_documents()}
    for name, doc in ids.items():
        text = p.text(doc)
        if name == "diacritics":
            us = p.add_span(doc, "GPE", *find(text, "الأمريكيُّ"))
            per = p.add_span(doc, "PER", *find(text, "دونالد ترامب"))
            title = p.add_span(doc, "TITLE", *find(text, "الرئيسُ"))
            base = p.add_span(doc, "FAC", *find(text, "قاعدة الشدادي"))
            p.add_span(doc, "GPE", *find(text, "الشدادي"))  # nested inside the FAC
            syria = p.add_span(doc, "GPE", *find(text, "سوريا"))
            ev = p.add_event(doc, "Movement", find(text, "ستنسحبُ"), [("Mover", us), ("Origin", base)])
            p.set_attribute("event", ev, "Realis", "planned")
            rel = p.add_relation("LocatedIn", base, syria)
            p.set_attribute("relation", rel, "Certainty", "certain")
            p.add_relation("HoldsTitle", per, title)
            p.set_attribute("span", per, "Specificity", "specific")
            p.add_note(doc, "the 47th president", span=per)
            p.add_note(doc, "Donald Trump", span=per, kind="normalization", reference="Wikipedia:4848272")
            p.add_note(doc, "checked twice")
            p.add_stance(doc, "AGAINST", "US withdrawal from Syria", holder=per, evidence=[base])
            p.set_doc_labels(doc, "topic", ["politics", "military"])
        elif name == "tatweel":
            us = p.add_span(doc, "GPE", *find(text, "الولايـــات المتحدة"))
            p.add_span(doc, "ORG", fragments=[find(text, "من"), find(text, "الشدادي")])  # discontinuous
            p.add_span(doc, "PER", *find(text, "مظلوم عبدي"))
            p.add_event(doc, "Movement", find(text, "انسحابها"), [("Mover", us)])
        elif name == "crlf":
            p.add_span(doc, "GPE", *find(text, "دمشق"))
            p.add_span(doc, "GPE", *find(text, "حلب"))
        elif name == "latin":
            p.add_span(doc, "ORG", *find(text, "Apple"))
            p.add_span(doc, "DATE", *find(text, "2023"))
            p.add_span(doc, "MISC", *find(text, "iPhone 15"))
            p.add_span(doc, "GPE", *find(text, "دبي"))
        elif name == "emoji":
            p.add_span(doc, "PER", *find(text, "بشار الأسد"))
            p.add_span(doc, "GPE", *find(text, "دمشق"))
            p.add_span(doc, "GPE", *find(text, "روسيا"))
        p.set_status(doc, "done")
    # the gold layer: the same entities (relabelled in one place), for --gold exports
    for name, doc in ids.items():
        for span in p.spans(doc, "lina"):
            if p.scheme.entity(span.label):
                p.add_span(doc, "ORG" if span.label == "TITLE" else span.label, fragments=span.fragments, annotator=GOLD)
        for ev in p.events(doc, "lina"):
            trigger = p.span(ev.trigger)
            gold_spans = {(s.label, tuple(s.fragments)): s.id for s in p.spans(doc, GOLD)}
            args = [(a.role, gold_spans[(p.span(a.span).label, tuple(p.span(a.span).fragments))]) for a in ev.arguments]
            p.add_event(doc, ev.type, trigger.fragments[0], args, annotator=GOLD)
        p.set_status(doc, "done" if name != "latin" else "in_progress", annotator=GOLD)
    return p


def gold_entities(p: Project) -> list[tuple[str, str, str]]:
    """Return (document, label, surface) of every gold entity span, read through the API."""
    out = []
    for d in p.iter_documents():
        text = p.text(d.id)
        for s in p.spans(d.id, GOLD):
            if p.scheme.entity(s.label):
                out.append((d.name, s.label, " ".join(text[a:b] for a, b in s.fragments)))
    return sorted(out)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class FormatTest:
    """Tests every format gets; subclasses set ``format`` and may override the hooks."""

    format: ClassVar[str] = ""
    #: Export options for this format's tests.
    options: ClassVar[dict[str, Any]] = {}
    #: For formats that import: the file of an export (relative to its folder) to read back.
    round_trip_file: ClassVar[str | None] = None
    #: The layer to export: the gold layer, an annotator, or None for every layer (jsonl).
    layer: ClassVar[str | None] = GOLD
    #: Import options for reading the export back.  (The ``rich`` fixture, in
    #: tests/formats/conftest.py, is ``build_rich_project``.)
    import_options: ClassVar[dict[str, Any]] = {}

    def export(self, p: Project, out: Path, **kw: Any) -> Any:
        if self.layer == GOLD:
            kw.setdefault("gold", True)
        elif self.layer is not None:
            kw.setdefault("annotator", self.layer)
        kw.setdefault("options", self.options)
        return export_project(p, self.format, out, **kw)

    def bad_inputs(self, tmp_path: Path) -> list[tuple[Path, str]]:
        """Return (file, text expected in the error) pairs of broken input."""
        return []

    # -- every format ----------------------------------------------------------------

    def test_manifest_lists_every_file_with_its_checksum(self, rich, tmp_path):
        m = self.export(rich, tmp_path / "out")
        assert m.path == tmp_path / "out" / "manifest.json"
        data = json.loads(m.path.read_text(encoding="utf-8"))
        written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                         if p.is_file() and p.name != "manifest.json")
        assert sorted(data["files"]) == written
        for name, facts in data["files"].items():
            assert facts["sha256"] == sha256_file(tmp_path / "out" / name)
        assert data["scheme"] == {"name": rich.scheme.name, "version": rich.scheme.version, "sha256": rich.scheme.sha256}
        assert data["clitics"] == "attached" and data["format"] == self.format
        assert data["offset_unit"] in ("codepoint", "utf-16")
        assert sum(data["counts"]["documents"].values()) == 5
        assert not list(tmp_path.glob(".out*")), "a temporary folder was left behind"

    def test_a_corrupt_span_stops_the_export_and_nothing_is_written(self, rich, tmp_path):
        doc = rich.find_document(name="latin").id
        span = next(s for s in rich.spans(doc, self.layer or GOLD) if s.label == "ORG")
        conn = sqlite3.connect(rich.path)
        conn.execute("UPDATE fragments SET surface = 'Orange' WHERE span_id = ?", (span.id,))
        conn.commit()
        conn.close()
        with pytest.raises(ExportError) as err:
            self.export(rich, tmp_path / "out")
        assert "latin" in str(err.value) and f"span {span.id}" in str(err.value) and "'Orange'" in str(err.value)
        assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out*"))

    def test_cancel_leaves_nothing(self, rich, tmp_path):
        calls = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > 2

        with pytest.raises(ExportCancelled):
            self.export(rich, tmp_path / "out", cancelled=cancelled)
        assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out*"))

    def test_split_is_deterministic_and_independent_of_document_order(self, rich, tmp_path):
        a = self.export(rich, tmp_path / "a", split="0.6,0.2,0.2", seed=7)
        b = self.export(rich, tmp_path / "b", split="0.6,0.2,0.2", seed=7)
        assert a.data["counts"] == b.data["counts"]
        assert {k: v["sha256"] for k, v in a.data["files"].items()} == {k: v["sha256"] for k, v in b.data["files"].items()}
        # the same texts imported in the reverse order land in the same splits
        with Project.create(tmp_path / "rev.annotproj", annotator="lina") as q:
            q.add_documents([{"text": rich.text(d.id), "name": d.name} for d in reversed(list(rich.iter_documents()))])
            for d in q.iter_documents():
                q.set_status(d.id, "done")
            m = export_project(q, "jsonl", tmp_path / "rev", split="0.6,0.2,0.2", seed=7)
            assert m.data["counts"]["documents"] == export_project(rich, "jsonl", tmp_path / "fwd", split="0.6,0.2,0.2",
                                                                   seed=7).data["counts"]["documents"]

    def test_status_filter_and_label_map(self, rich, tmp_path):
        m = self.export(rich, tmp_path / "done", status="done")
        assert sum(m.data["counts"]["documents"].values()) == (4 if self.layer == GOLD else 5)
        m = self.export(rich, tmp_path / "mapped", label_map={"GPE": "LOC", "DATE": ""}, labels=["LOC", "PER", "ORG"])
        spans = {label for split in m.data["counts"]["spans"].values() for label in split}
        assert spans <= {"LOC", "PER", "ORG"} and "LOC" in spans



class ImportFormatTest(FormatTest):
    """The tests of ``FormatTest``, plus those of formats that also import."""

    def test_reads_its_own_export_back_to_the_same_export(self, rich, tmp_path):
        assert self.round_trip_file is not None, "an importing format names the file to read back"
        first = self.export(rich, tmp_path / "one")
        with Project.create(tmp_path / "back.annotproj", scheme=rich.scheme, annotator=self.layer or "x") as q:
            q.import_files([tmp_path / "one" / self.round_trip_file], format=self.format, annotator=self.layer,
                           **self.import_options)
            second = self.export(q, tmp_path / "two")
        self.assert_same_export(tmp_path / "one", tmp_path / "two", first, second)

    def assert_same_export(self, one: Path, two: Path, first: Any, second: Any) -> None:
        """Compare two exports (default: the data files byte for byte)."""
        assert {k: v["sha256"] for k, v in first.data["files"].items()} == {k: v["sha256"] for k, v in second.data["files"].items()}

    def test_bad_input_is_one_sentence_and_changes_nothing(self, project, tmp_path):
        cases = self.bad_inputs(tmp_path)
        assert cases, "an importing format lists broken inputs to test"
        before = project.stats()
        for path, expected in cases:
            with pytest.raises(InputError) as err:
                project.import_files([path], format=self.format)
            msg = str(err.value)
            assert str(path) in msg and expected in msg, msg
            assert "\n" not in msg.strip() and msg.rstrip().endswith(".")
        assert project.stats() == before
