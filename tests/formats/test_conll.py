"""CoNLL: real noisy corpora in, IOB2 and BIOES out, read by seqeval."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from seqeval.metrics import classification_report
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, IOBES

from annotator import Project
from annotator.core.errors import InputError
from annotator.store.project import GOLD
from annotator.transfer.export import export_project
from tests.conftest import CORPUS
from tests.formats.common import ImportFormatTest, gold_entities

AQMAR = CORPUS / "aqmar" / "Islamic_Golden_Age.txt"
WOJOOD = CORPUS / "wojood" / "val.txt"


def raw_sentences(path: Path) -> list[list[list[str]]]:
    """Parse a CoNLL file by hand: sentences of [token, tag, tag...] rows (no DOCSTART)."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        row = line.split()
        if not row or row[0] == "-DOCSTART-":
            if cur:
                sents.append(cur)
            cur = []
        else:
            cur.append(row)
    if cur:
        sents.append(cur)
    return sents


def raw_type_counts(path: Path) -> Counter[str]:
    """Count entities per type in a CoNLL file, every column, straight from its B- tags."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        for tag in line.split()[1:]:
            if tag.startswith(("B-", "S-")):
                counts[tag[2:]] += 1
    return counts


def columns_of(sents: list[list[list[str]]]) -> list[list[list[str]]]:
    """Return, per tag column, the sentences' tag lists (missing columns are O)."""
    width = max(len(r) for s in sents for r in s) - 1
    return [[[r[c + 1] if c + 1 < len(r) else "O" for r in s] for s in sents] for c in range(width)]


class TestConll(ImportFormatTest):
    format = "conll"
    round_trip_file = "data.conll"
    import_options = {"add_labels": True}

    def bad_inputs(self, tmp_path):
        no_tag = tmp_path / "notag.conll"
        no_tag.write_text("زار O\nبشار B-PER\nالأسد\n", encoding="utf-8")
        unknown = tmp_path / "unknown.conll"
        unknown.write_text("زار O\nبشار B-RULER\nالأسد I-RULER\n", encoding="utf-8")
        binary = tmp_path / "binary.conll"
        binary.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
        latin1 = tmp_path / "latin1.conll"
        latin1.write_bytes("caf\u00e9 O\n".encode("latin-1"))
        return [(no_tag, "line 3"), (unknown, "RULER (first on line 2)"), (binary, "binary.conll"), (latin1, "line 1")]

    def test_aqmar_counts_per_type_match_the_raw_file_and_round_trip_exactly(self, project, tmp_path):
        report = project.import_files([AQMAR], add_labels=True)
        assert project.stats()["entities"] == dict(raw_type_counts(AQMAR))
        assert report.warnings and "MIS1" in report.warnings[0]
        export_project(project, "conll", tmp_path / "a.conll", options={"docstart": False})
        assert (tmp_path / "a.conll").read_bytes() == AQMAR.read_bytes()

    def test_wojood_nested_entities_survive(self, project, tmp_path):
        project.import_files([WOJOOD], add_labels=True)
        counts = raw_type_counts(WOJOOD)
        assert project.stats()["entities"] == dict(counts)
        doc = project.document_ids()[0]
        text = project.text(doc)
        spans = project.spans(doc)
        # inside another span; of two on the same words, the one of the later column
        nested = [s for s in spans if any(o is not s and o.start <= s.start and s.end <= o.end
                                          and ((o.start, o.end) != (s.start, s.end) or o.id < s.id) for o in spans)]
        assert len(nested) == sum(1 for ln in WOJOOD.read_text(encoding="utf-8").splitlines()
                                  for t in ln.split()[2:] if t.startswith("B-"))
        assert any(s.label == "GPE" and text[s.start:s.end] == "نابلس" for s in nested)
        export_project(project, "conll", tmp_path / "w.conll", options={"docstart": False})
        assert raw_sentences(tmp_path / "w.conll") == raw_sentences(WOJOOD)
        # seqeval reads every column back to the same entities per type
        got: Counter[str] = Counter()
        for col in columns_of(raw_sentences(tmp_path / "w.conll")):
            got.update(t for t, _, _ in get_entities(col))
        assert got == counts

    def test_innermost_and_outermost_policies(self, tmp_path):
        for policy in ("outermost", "innermost"):
            with Project.create(tmp_path / f"{policy}.annotproj", annotator="x") as p:
                p.import_files([WOJOOD], add_labels=True, nested=policy)
                spans = p.spans(p.document_ids()[0])
                inside = [s for s in spans if any(o is not s and o.start <= s.start and s.end <= o.end for o in spans)]
                assert not inside if policy == "outermost" else all(
                    not any(o is not s and s.start <= o.start and o.end <= s.end for o in spans) for s in spans)
                assert 0 < len(spans) < 470

    def test_noisy_tags_are_repaired_and_counted_by_kind(self, project, tmp_path):
        noisy = tmp_path / "noisy.txt"
        rows = ["قال O", "\u200fالرئيس B-PERS", "محمود I-PERS", "عباس I-PERS", "في o", "رام B-GPE", "الله I-GPE", ". O", "",
                "زار IO", "سعيد I-PERS", "\u200fعريقات\u200f I-PERS", "أمس O", "", "التقى O", "ماجد B-ERS", "فرج O", ""]
        rows += [f"اسم{k} B-PERS" for k in range(5)]
        noisy.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
        report = project.import_files([noisy], add_labels=True)
        kinds = {w.split(": ", 1)[1].split(" (")[0] for w in report.warnings if "(" in w}
        assert {"1 malformed tags repaired", "1 unreadable tags read as O", "1 orphan I- tags repaired to B-",
                "1 tags with a misspelt type repaired"} <= kinds, report.warnings
        doc = project.document_ids()[0]
        text = project.text(doc)
        assert "\u200fالرئيس" in text and "\u200fعريقات\u200f" in text
        found = sorted((s.label, text[s.start:s.end]) for s in project.spans(doc))
        assert ("PERS", "سعيد \u200fعريقات\u200f") in found and ("PERS", "ماجد") in found
        assert project.stats()["entities"] == {"GPE": 1, "PERS": 8}
        export_project(project, "conll", tmp_path / "n.conll", options={"docstart": False})
        repaired = [r.replace("B-ERS", "B-PERS").replace(" o", " O").replace(" IO", " O").replace("سعيد I-PERS", "سعيد B-PERS")
                    for r in rows]
        assert (tmp_path / "n.conll").read_text(encoding="utf-8") == "\n".join(repaired) + "\n\n"

    @pytest.mark.parametrize("tags,scheme", [("iob2", IOB2), ("bioes", IOBES)])
    def test_seqeval_reads_the_export(self, rich, tmp_path, tags, scheme):
        m = export_project(rich, "conll", tmp_path / "out", gold=True, options={"scheme_tags": tags})
        sents = raw_sentences(tmp_path / "out" / "data.conll")
        entities = []
        for col in columns_of(sents):
            mode = {"mode": "strict", "scheme": scheme} if tags == "bioes" else {}
            report = classification_report(col, col, output_dict=True, **mode)
            assert report["micro avg"]["f1-score"] == 1.0
            flat = [(r[0]) for s in sents for r in s]
            tagsflat = [t for s in col for t in s + ["O"]]
            toks = [t for s in sents for t in [r[0] for r in s] + [""]]
            for label, i, j in get_entities(tagsflat):
                entities.append((label, " ".join(toks[i : j + 1])))
            assert flat
        expected = Counter((label, surface) for _, label, surface in gold_entities(rich))
        # the discontinuous ORG is written as two chunks, one per fragment
        expected -= Counter({("ORG", "من الشدادي"): 1})
        expected += Counter({("ORG", "من"): 1, ("ORG", "الشدادي"): 1})
        assert Counter(entities) == expected
        assert m.data["warnings"] == {"discontinuous spans written as separate chunks": 1}

    def test_clitic_split_tokenisation(self, tmp_path):
        with Project.create(tmp_path / "c.annotproj", annotator="x") as p:
            p.set_setting("clitics", "split")
            doc = p.add_documents(["وصل الوفد إلى والولايات المتحدة وبدمشق."]).added[0]
            text = p.text(doc)
            i = text.index("الولايات")
            p.add_span(doc, "GPE", i, i + len("الولايات المتحدة"))
            m = export_project(p, "conll", tmp_path / "c.conll")
            lines = (tmp_path / "c.conll").read_text(encoding="utf-8").splitlines()
            assert "و O" in lines and "الولايات B-GPE" in lines and "وبدمشق O" in lines
            assert m.data["clitics"] == "split" and m.data["warnings"] == {}


def test_gold_layer_is_what_gets_exported(tmp_path):
    with Project.create(tmp_path / "g.annotproj", annotator="lina") as p:
        doc = p.add_documents(["زار بشار الأسد دمشق أمس."]).added[0]
        p.add_span(doc, "PER", 4, 14)
        p.add_span(doc, "GPE", 15, 19, annotator=GOLD)
        export_project(p, "conll", tmp_path / "g.conll", gold=True)
        assert "دمشق B-GPE" in (tmp_path / "g.conll").read_text(encoding="utf-8")
        assert "بشار O" in (tmp_path / "g.conll").read_text(encoding="utf-8")


def _conll(tmp_path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _found(p: Project) -> list[tuple[str, str]]:
    out = []
    for d in p.document_ids():
        text = p.text(d)
        out += [(s.label, text[s.start : s.end]) for s in p.spans(d)]
    return sorted(out)


def _seqeval(rows: list[str], bare_to_i: bool = False) -> list[tuple[str, str]]:
    """The entities seqeval's get_entities (IOB1/IO-aware) finds in ``rows``."""
    tokens, tags = [], []
    for r in rows + [""]:
        tok, _, tag = r.partition(" ")
        tokens.append(tok)
        tags.append("O" if not tag or tag == "O" else (f"I-{tag}" if bare_to_i and "-" not in tag else tag))
    return sorted((t, " ".join(tokens[i : j + 1])) for t, i, j in get_entities(tags))


IO_ROWS = ["قال O", "الرئيس PER", "محمود PER", "عباس PER", "في O", "رام LOC", "الله LOC", "أمس O", "",
           "التقى O", "صائب Pers", "عريقات Pers", "مع O", "ماجد PER", "فرج PER", ". O"]


def test_io_tagging_is_detected_and_runs_become_entities(tmp_path):
    path = _conll(tmp_path, "io.txt", IO_ROWS)
    with Project.create(tmp_path / "io.annotproj", annotator="x") as p:
        report = p.import_files([path], add_labels=True)
        assert any("IO tagging" in w for w in report.warnings)
        assert _found(p) == _seqeval(IO_ROWS, bare_to_i=True)
        assert ("PER", "الرئيس محمود عباس") in _found(p) and ("Pers", "صائب عريقات") in _found(p)
        export_project(p, "conll", tmp_path / "out.conll", options={"docstart": False}, annotator="x")
        lines = (tmp_path / "out.conll").read_text(encoding="utf-8").splitlines()
        assert "الرئيس B-PER" in lines and "محمود I-PER" in lines and "رام B-LOC" in lines


@pytest.mark.parametrize("forced", ["iob2", "bioes"])
def test_an_import_that_keeps_no_entity_of_a_tagged_file_fails(tmp_path, forced):
    path = _conll(tmp_path, "io.txt", IO_ROWS)
    with Project.create(tmp_path / "f.annotproj", annotator="x") as p:
        with pytest.raises(InputError) as err:
            p.import_files([path], add_labels=True, scheme_tags=forced)
        assert str(path) in str(err.value) and "line 2" in str(err.value) and "--scheme-tags" in str(err.value)
        assert p.count_documents() == 0


def test_iob1_and_io_with_prefixes_are_decoded_as_seqeval_does(tmp_path):
    iob1 = ["زار O", "بشار I-PER", "الأسد I-PER", "حافظ B-PER", "في O", "دمشق I-LOC", "", "ثم O", "عاد I-PER", ". O"]
    io_prefixed = ["زار O", "بشار I-PER", "الأسد I-PER", "دمشق I-LOC", ". O"]
    for name, rows in (("iob1.txt", iob1), ("iop.txt", io_prefixed)):
        with Project.create(tmp_path / f"{name}.annotproj", annotator="x") as p:
            report = p.import_files([_conll(tmp_path, name, rows)])
            assert _found(p) == _seqeval(rows)
            assert not any("orphan" in w for w in report.warnings), report.warnings
    with Project.create(tmp_path / "forced.annotproj", annotator="x") as p:  # forced IOB2: the orphans are repaired, counted
        report = p.import_files([_conll(tmp_path, "iob1b.txt", iob1)], scheme_tags="iob2")
        assert any("orphan I- tags" in w for w in report.warnings)


def test_map_is_applied_to_raw_tags_before_decoding(tmp_path):
    rows = ["زار O", "بشار B-PER", "الأسد I-PERS", "دمشق B-GPE", ". O"]
    with Project.create(tmp_path / "m.annotproj", annotator="x") as p:
        p.import_files([_conll(tmp_path, "m.txt", rows)], label_map={"PERS": "PER"})
        assert _found(p) == [("GPE", "دمشق"), ("PER", "بشار الأسد")]
    with Project.create(tmp_path / "d.annotproj", annotator="x") as p:  # an empty NEW drops the tags: O
        p.import_files([_conll(tmp_path, "d.txt", rows)], label_map={"PERS": "", "PER": ""})
        assert _found(p) == [("GPE", "دمشق")]


def test_types_are_case_insensitive(tmp_path):
    rows = ["أعلنت O", "الأمم b-misc", "المتحدة i-misc", "و O", "جامعة B-Misc", "الدول I-MISC", "العربية I-misc", ". O"]
    with Project.create(tmp_path / "c.annotproj", annotator="x") as p:
        p.import_files([_conll(tmp_path, "c.txt", rows)])  # MISC is a type of the default scheme: no --add-labels
        assert _found(p) == [("MISC", "الأمم المتحدة"), ("MISC", "جامعة الدول العربية")]


def test_typos_are_repaired_only_to_a_type_the_file_uses_whatever_its_size(tmp_path):
    # PRE is one letter from the scheme's PER, but the file never uses PER: not a typo, an unknown type
    with Project.create(tmp_path / "s.annotproj", annotator="x") as p:
        with pytest.raises(InputError, match=r"PRE \(first on line 2\)"):
            p.import_files([_conll(tmp_path, "s.txt", ["زار O", "بشار B-PRE", ". O"])])
    for n in (15, 400):  # three misspellings beside many PERS: repaired in a small file and in a big one
        rows = [f"اسم{k} B-PERS" for k in range(n)] + ["", "ماجد B-ERS", "", "سعيد B-ERS", "", "خالد B-ERS"]
        with Project.create(tmp_path / f"t{n}.annotproj", annotator="x") as p:
            report = p.import_files([_conll(tmp_path, f"t{n}.txt", rows)], add_labels=True)
            assert set(p.stats()["entities"]) == {"PERS"}, report.warnings
            assert any("misspelt" in w for w in report.warnings)


def test_every_bad_line_is_listed_truthfully(tmp_path):
    rows = ["زار O", " O", "بشار B-PER", "الأسد", "دمشق B-GPE", "\tB-GPE", "أمس O"]
    path = _conll(tmp_path, "bad.txt", rows)
    with Project.create(tmp_path / "b.annotproj", annotator="x") as p:
        with pytest.raises(InputError) as err:
            p.import_files([path], format="conll")
        msg = str(err.value)
        assert str(path) in msg and "3 bad lines" in msg
        assert "line 2 (a tag 'O' with no token)" in msg and "line 4 (the token 'الأسد' has no tag)" in msg
        assert "line 6 (a tag 'B-GPE' with no token)" in msg and "\n" not in msg
        many = _conll(tmp_path, "many.txt", ["كلمة"] * 50)
        with pytest.raises(InputError, match="50 bad lines.* and 30 more"):
            p.import_files([many], format="conll")


def test_add_labels_names_the_line_of_the_file(tmp_path):
    rows = ["زار O", "", "بشار B-RULER", "الأسد I-RULER", "", "نهر B-RIVER", ". O"]
    path = _conll(tmp_path, "r.txt", rows)
    with Project.create(tmp_path / "a.annotproj", annotator="x") as p:
        with pytest.raises(InputError, match=r"RULER \(first on line 3\), RIVER \(first on line 6\)"):
            p.import_files([path])
        report = p.import_files([path], add_labels=True)
        assert {"RULER", "RIVER"} <= set(p.scheme.span_labels) and report.spans == 2
        p.import_files([_conll(tmp_path, "ar.txt", ["زار O", "دمشق B-مكان"])], add_labels=True)  # any script's letters
        assert "مكان" in p.scheme.span_labels
        odd = _conll(tmp_path, "odd.txt", ["زار O", "", "بشار B-PER/ORG", ". O"])
        with pytest.raises(InputError) as err:
            p.import_files([odd], add_labels=True)
        assert f"{odd}, line 3" in str(err.value) and "PER/ORG" in str(err.value) and "scheme extended" not in str(err.value)
        p.import_files([odd], add_labels=True, label_map={"PER/ORG": "PERORG"})
        assert "PERORG" in p.scheme.span_labels


def test_conllu_is_refused_by_the_conll_format(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text("# sent_id = 1\n# text = زار دمشق\n1\tزار\tزار\tVERB\t_\t_\t0\troot\t_\t_\n"
                    "2\tدمشق\tدمشق\tPROPN\t_\t_\t1\tobj\t_\tSpaceAfter=No\n\n", encoding="utf-8")
    with Project.create(tmp_path / "u.annotproj", annotator="x") as p:
        with pytest.raises(InputError, match="CoNLL-U.*--format conllu"):
            p.import_files([path], format="conll")


def test_conll_2003_four_columns(tmp_path):
    rows = ["-DOCSTART- -X- -X- O", "", "EU NNP B-NP B-ORG", "rejects VBZ B-VP O", "German JJ B-NP B-MISC",
            "call NN I-NP O", "to TO B-VP O", "boycott VB I-VP O", "British JJ B-NP B-MISC", "lamb NN I-NP O", ". . O O", "",
            "Peter NNP B-NP B-PER", "Blackburn NNP I-NP I-PER", ""]
    with Project.create(tmp_path / "c3.annotproj", annotator="x") as p:
        p.import_files([_conll(tmp_path, "eng.train", rows)], format="conll")
        assert _found(p) == [("MISC", "British"), ("MISC", "German"), ("ORG", "EU"), ("PER", "Peter Blackburn")]


def test_conllu_treebanks_import_as_text(tmp_path):
    path = tmp_path / "ar_padt.conllu"
    rows = ["# newdoc id = afp.1", "# sent_id = 1", "# text = وقال الرئيس: نعم.",
            "1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_", "1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\t_", "2\tقال\tقال\tVERB\t_\t_\t0\troot\t_\t_",
            "3\tالرئيس\tرئيس\tNOUN\t_\t_\t2\tnsubj\t_\tSpaceAfter=No", "4\t:\t:\tPUNCT\t_\t_\t2\tpunct\t_\t_",
            "5\tنعم\tنعم\tINTJ\t_\t_\t2\tobj\t_\tSpaceAfter=No", "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_", "",
            "# sent_id = 2", "1-2\tبدمشق\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No", "1\tب\tب\tADP\t_\t_\t2\tcase\t_\t_",
            "2\tدمشق\tدمشق\tPROPN\t_\t_\t0\troot\t_\t_", "2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_", "3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_", "",
            "# newdoc id = afp.2", "# text = خبر ثان", "1\tخبر\tخبر\tNOUN\t_\t_\t0\troot\t_\t_", "2\tثان\tثان\tADJ\t_\t_\t1\tamod\t_\t_", ""]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "u.annotproj", annotator="x") as p:
        p.import_files([path])  # told by its suffix
        docs = {d.name: p.text(d.id) for d in p.iter_documents()}
        assert docs == {"afp.1": "وقال الرئيس: نعم.\nبدمشق.", "afp.2": "خبر ثان"}
        bad = tmp_path / "bad.conllu"
        bad.write_text("# text = x\n1\tx\tx\n", encoding="utf-8")
        with pytest.raises(InputError, match=r"bad.conllu, line 2: .*ten tab-separated columns"):
            p.import_files([bad])


def test_a_big_conll_file_is_written_while_it_is_read_and_still_all_or_nothing(tmp_path):
    from annotator.store.importing import ImportCancelled

    blocks = [f"-DOCSTART- O\n\nوثيقة{k} O\nزار O\nبشار B-PER\nالأسد I-PER\nدمشق B-GPE\n\n" for k in range(600)]
    path = tmp_path / "big.conll"
    path.write_text("".join(blocks), encoding="utf-8")
    with Project.create(tmp_path / "s.annotproj", annotator="x") as p:
        calls = []

        def cancelled() -> bool:
            calls.append(1)
            return p.count_documents() >= 256  # after the first batch was written
        with pytest.raises(ImportCancelled):
            p.import_files([path], cancelled=cancelled)
        assert p.count_documents() == 0 and p.stats()["entities"] == {}
        seen = []
        report = p.import_files([path], progress=lambda done, total: seen.append((done, total)))
        assert len(report.added) == 600 and report.spans == 1200 and seen[-1] == (600, 600)
        assert p.stats()["entities"] == {"PER": 600, "GPE": 600}


@pytest.mark.parametrize("piece", [7, 64, 4096])
def test_a_file_read_in_small_pieces_imports_as_when_read_in_one(tmp_path, monkeypatch, piece):
    """The reader streams the file a piece at a time: pieces that cut lines, CRLF pairs and
    Arabic letters anywhere must give the same documents and spans as one big piece."""
    from annotator.formats import conll_read

    raw = WOJOOD.read_bytes()[:60_000].rsplit(b"\n\n", 1)[0] + b"\n"
    path = tmp_path / "cut.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))  # a BOM and CRLF line ends

    def imported(size: int, name: str):
        monkeypatch.setattr(conll_read, "PIECE", size)
        with Project.create(tmp_path / name, annotator="t") as p:
            p.import_files([path], add_labels=True, nested="columns")
            return [(p.text(d.id), sorted((s.label, s.start, s.end, s.surface) for s in p.spans(d.id)))
                    for d in p.documents()]

    whole, cut = imported(1 << 24, "whole.annotproj"), imported(piece, f"cut{piece}.annotproj")
    assert cut == whole
    assert sum(len(spans) for _, spans in whole) > 50
    assert all(text[s:e] == surface for text, spans in cut for _, s, e, surface in spans)
