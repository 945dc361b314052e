"""brat standoff: discontinuous spans, E, R, A, N and # lines, annotation.conf as a scheme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator import Project
from annotator.cli import main
from annotator.core.errors import InputError
from annotator.formats.brat_conf import scheme_from_conf
from annotator.transfer.export import export_project
from tests.formats.common import ImportFormatTest

TEXT = "قال الرئيس\r\nإن الولايات المتحدة ستنسحب من قاعدة الشدادي.\r\n"
CONF = ("[entities]\nGPE\nFAC\nTITLE\n!Force\n\tMILITARY\n[relations]\nLocatedIn\tArg1:FAC, Arg2:GPE\n"
        "[events]\nMovement\tMover+:GPE|MILITARY, Origin?:FAC\n[attributes]\nNegated\tArg:<EVENT>\n"
        "Specificity\tArg:<ENTITY>, Value:specific|generic\n")


def collection(folder: Path, conf: str = CONF, extra: str = "") -> Path:
    """Write a small brat collection whose .txt has CRLF line ends (brat counts the CR)."""
    folder.mkdir()
    (folder / "news").mkdir()
    (folder / "news" / "doc1.txt").write_bytes(TEXT.encode("utf-8"))

    def off(s: str, nth: int = 0) -> tuple[int, int]:
        i = TEXT.index(s)
        return i, i + len(s)

    us, base, trig, pres = off("الولايات المتحدة"), off("قاعدة الشدادي"), off("ستنسحب"), off("الرئيس")
    lines = [f"T1\tGPE {us[0]} {us[1]}\tالولايات المتحدة", f"T2\tFAC {base[0]} {base[1]}\tقاعدة الشدادي",
             f"T3\tMovement {trig[0]} {trig[1]}\tستنسحب", f"T4\tTITLE {pres[0]} {pres[1]};{us[0]} {us[0] + 8}\tالرئيس الولايات",
             "E1\tMovement:T3 Mover:T1 Origin:T2 Mover2:T5", "R1\tLocatedIn Arg1:T2 Arg2:T1", "A1\tNegated E1",
             "A2\tSpecificity T1 specific", "N1\tReference T1 Wikipedia:3434750\tUnited States",
             "#1\tAnnotatorNotes T2\tthe base in Hasakah", f"T5\tMILITARY {base[0]} {base[0] + 5}\tقاعدة"]
    (folder / "news" / "doc1.ann").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    if conf:
        (folder / "annotation.conf").write_text(conf, encoding="utf-8")
    return folder


def parse_ann(path: Path, text: str) -> dict[str, set]:
    """Read an .ann by hand into comparable sets keyed by surfaces, not ids."""
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    spans = {r[0]: r for r in rows if r[0][0] == "T"}

    def surf(tid: str) -> str:
        return spans[tid][2]

    out: dict[str, set] = {k: set() for k in "TERAN#"}
    for r in rows:
        kind = r[0][0]
        if kind == "T":
            label, offs = r[1].split(" ", 1)
            frags = [tuple(map(int, f.split())) for f in offs.split(";")]
            assert " ".join(text[a:b] for a, b in frags) == r[2]
            out["T"].add((label, r[2]))
        elif kind == "E":
            head, *args = r[1].split()
            etype, trig = head.split(":")
            out["E"].add((etype, surf(trig), tuple(sorted((re.sub(r"\d+$", "", a.split(":")[0]), surf(a.split(":")[1])) for a in args))))
        elif kind == "R":
            rtype, a1, a2 = r[1].split()
            out["R"].add((rtype, surf(a1.split(":")[1]), surf(a2.split(":")[1])))
        elif kind == "A":
            name, target, *value = r[1].split()
            out["A"].add((name, surf(target) if target[0] == "T" else target[0], tuple(value)))
        elif kind == "N":
            _, target, ref = r[1].split()
            out["N"].add((surf(target), ref, r[2]))
        elif kind == "#":
            out["#"].add((surf(r[1].split()[1]), r[2]))
    return out


class TestBrat(ImportFormatTest):
    format = "brat"
    round_trip_file = ""  # the whole folder

    def bad_inputs(self, tmp_path):
        bad_offsets = collection(tmp_path / "offsets", extra="T9\tGPE 3 999\tx\n")
        bad_surface = collection(tmp_path / "surface", extra="T9\tGPE 0 3\tدمشق\n")
        bad_ref = collection(tmp_path / "ref", extra="R9\tLocatedIn Arg1:T2 Arg2:T77\n")
        unknown = collection(tmp_path / "unknown", extra="T9\tCITY 0 3\tقال\nT10\tRIVER 4 10\tالرئيس\n")
        return [(bad_offsets, "line 12"), (bad_surface, "line 12"), (bad_ref, "T77"), (unknown, "CITY (doc1.ann, line 12); RIVER")]

    def test_import_then_export_keeps_every_annotation(self, project, tmp_path):
        src = collection(tmp_path / "in")
        report = project.import_files([src])
        assert any("MILITARY" in w for w in report.warnings) and project.scheme.entity("MILITARY").parent == "Force"
        assert project.scheme.event("Movement").role("Mover").types[-1] == "MILITARY"
        doc = project.find_document(name="news/doc1").id
        assert project.text(doc) == TEXT.replace("\r\n", "\n")
        export_project(project, "brat", tmp_path / "out")
        stored = project.text(doc)
        got = parse_ann(tmp_path / "out" / "news" / "doc1.ann", stored)
        want = parse_ann(src / "news" / "doc1.ann", TEXT)
        assert got == want
        assert (tmp_path / "out" / "news" / "doc1.txt").read_text(encoding="utf-8") == stored
        conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
        assert "!Force\n\tMILITARY" in conf and "Specificity\tArg:<ENTITY>, Value:specific|generic" in conf
        # and a second round gives the same files byte for byte
        with Project.create(tmp_path / "again.annotproj", annotator="x") as q:
            q.import_files([tmp_path / "out"])
            export_project(q, "brat", tmp_path / "out2")
        for name in ("news/doc1.ann", "news/doc1.txt", "annotation.conf"):
            assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()

    def test_annotation_conf_as_a_scheme(self, tmp_path, capsys):
        conf = tmp_path / "annotation.conf"
        conf.write_text(CONF, encoding="utf-8")
        scheme = scheme_from_conf(conf)
        assert scheme.entity_labels == ["GPE", "FAC", "TITLE", "Force", "MILITARY"]
        assert [(r.name, r.card) for r in scheme.event("Movement").roles] == [("Mover", "+"), ("Origin", "?")]
        assert scheme.attribute("Specificity").values == ("specific", "generic")
        code = main(["init", str(tmp_path / "p.annotproj"), "--scheme", str(conf)])
        assert code == 0 and "5 entity types, 1 event types" in capsys.readouterr().out

    def test_a_bad_conf_names_its_line(self, tmp_path):
        conf = tmp_path / "annotation.conf"
        conf.write_text("[entities]\nGPE\n[events]\nMovement\tMover+:CITY\n", encoding="utf-8")
        with pytest.raises(InputError, match=r"annotation.conf, line 4: .*CITY"):
            scheme_from_conf(conf)


def test_a_collection_without_annotation_conf_imports_with_add_labels(tmp_path):
    text = "تظاهر أحمد في حمص أمس."
    folder = tmp_path / "noconf"
    folder.mkdir()
    (folder / "d.txt").write_text(text, encoding="utf-8")

    def off(s: str) -> str:
        i = text.index(s)
        return f"{i} {i + len(s)}"

    (folder / "d.ann").write_text("\n".join([
        f"T1\tACTIVIST {off('أحمد')}\tأحمد", f"T2\tCITY {off('حمص')}\tحمص", f"T3\tProtest {off('تظاهر')}\tتظاهر",
        "E1\tProtest:T3 Protester:T1 Place:T2", "R1\tLivesIn Arg1:T1 Arg2:T2", "A1\tPeaceful E1", "A2\tMood T1 angry"]) + "\n",
        encoding="utf-8")
    with Project.create(tmp_path / "p.annotproj", annotator="x") as p:
        with pytest.raises(InputError, match="ACTIVIST"):
            p.import_files([folder])
        report = p.import_files([folder], add_labels=True)
        assert report.spans == 3 and report.events == 1 and report.relations == 1
        s = p.scheme
        assert {"ACTIVIST", "CITY"} <= set(s.entity_labels) and s.event("Protest") is not None
        assert s.event("Protest").role("Protester").types == ("ACTIVIST",) and s.relation("LivesIn").arg2 == ("CITY",)
        assert s.attribute("Peaceful").binary and s.attribute("Mood").values == ("angry",)
        doc = p.document_ids()[0]
        ev = p.events(doc)[0]
        assert ev.type == "Protest" and {a.role for a in ev.arguments} == {"Protester", "Place"}
