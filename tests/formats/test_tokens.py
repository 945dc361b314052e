"""Token-per-row CSV/TSV with a header (the ``tokens`` format): columns by name, sentences
by a sentence column or blank rows, documents by a document column, tags decoded as CoNLL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator import Project, formats
from annotator.cli import main
from annotator.core.errors import InputError
from annotator.formats.tagging import PRETOKENIZED

# Arabic with diacritics, tatweel, an emoji token and U+200F inside a token; IOB2 tags.
IOB2_TSV = (
    "doc_id\tsent_id\tword\tpos\tner\n"
    "d1\t1\tقالَ\tV\tO\n"
    "d1\t1\tالرئيسُ\tN\tB-OCC\n"
    "d1\t1\tمحمود\tN\tB-PERS\n"
    "d1\t1\tعبّاس\tN\tI-PERS\n"
    "d1\t1\t😀\tX\tO\n"
    "d1\t2\tفي\tP\tO\n"
    "d1\t2\tالولايـــات\tN\tB-GPE\n"
    "d1\t2\tالمتحدة\tN\tI-GPE\n"
    "d2\t1\tزار\tV\tO\n"
    "d2\t1\tدمشق\u200f\tN\tB-GPE\n"
    "d2\t1\t.\tPU\tO\n"
    'd2\t1\t"\tPU\tO\n'  # a TSV has no quoting
)

# The same kind of file as CSV, IO-tagged, sentences split by blank rows, no document column.
IO_CSV = (
    "Token,Label\r\n"
    "التقى,O\r\n"
    "صائبُ,PERS\r\n"
    "عريقات,PERS\r\n"
    "مع,O\r\n"
    "👍,O\r\n"
    "\r\n"
    "في,O\r\n"
    "رام,GPE\r\n"
    "الله,GPE\r\n"
    ",\r\n"
    "أمس,\r\n"
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return path


def read_back(p: Project) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Return each document's name, text and (label, surface) spans, checking every span."""
    out = []
    for d in p.document_ids():
        doc = p.document(d)
        text = p.text(d)
        spans = []
        for s in p.spans(d):
            assert text[s.start : s.end] == " ".join(s.surfaces(text))
            spans.append((s.label, text[s.start : s.end]))
        out.append((doc.name, text, sorted(spans)))
    return out


def test_iob2_tsv_with_document_and_sentence_columns(tmp_path):
    path = write(tmp_path, "ner.tsv", IOB2_TSV)
    assert formats.detect(path).name == "tokens"
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        report = p.import_files([path], add_labels=True, columns="token=word,tag=ner,sentence=sent_id,document=doc_id")
        assert not any("tagging" in w for w in report.warnings)  # IOB2, the default: no notice
        docs = read_back(p)
        assert [(n, t) for n, t, _ in docs] == [
            ("d1", "قالَ الرئيسُ محمود عبّاس 😀\nفي الولايـــات المتحدة"),
            ("d2", "زار دمشق\u200f . \""),
        ]
        assert docs[0][2] == sorted([("OCC", "الرئيسُ"), ("PERS", "محمود عبّاس"), ("GPE", "الولايـــات المتحدة")])
        assert docs[1][2] == [("GPE", "دمشق\u200f")]
        # offsets are code points: the emoji is one, so the next line starts right after it
        text = docs[0][1]
        spans = {s.label: (s.start, s.end) for s in p.spans(p.document_ids()[0])}
        assert spans["GPE"] == (text.index("الولايـــات"), len(text))
        assert p.document(p.document_ids()[0]).meta["tokenization"] == PRETOKENIZED


def test_default_column_names_need_no_columns_option(tmp_path):
    path = write(tmp_path, "ner.tsv", IOB2_TSV)
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        p.import_files([path], add_labels=True)  # doc_id, sent_id, word, ner are usual names
        assert [n for n, _, _ in read_back(p)] == ["d1", "d2"]


def test_io_csv_with_blank_rows_between_sentences(tmp_path):
    path = write(tmp_path, "io.csv", IO_CSV)
    assert formats.detect(path).name == "tokens"
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        report = p.import_files([path], add_labels=True)
        assert any("read as IO tagging" in w for w in report.warnings)
        [(name, text, spans)] = read_back(p)
        assert name == "io"
        assert text == "التقى صائبُ عريقات مع 👍\nفي رام الله\nأمس"  # an all-empty row is a break; an empty tag is O
        assert spans == sorted([("PERS", "صائبُ عريقات"), ("GPE", "رام الله")])


def test_map_scheme_tags_and_a_sentence_column_with_gaps(tmp_path):
    # Kaggle's ner_dataset.csv: the sentence id only on a sentence's first row.
    path = write(tmp_path, "kaggle.csv", "Sentence #,Word,POS,Tag\nSentence: 1,زار,V,O\n,بشار,N,B-PER\n,الأسد,N,I-PER\n"
                                          "Sentence: 2,روسيا,N,B-GPE\n,أمس,N,O\n")
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        p.import_files([path], add_labels=True, label_map={"PER": "PERS"}, scheme_tags="iob2")
        [(_, text, spans)] = read_back(p)
        assert text == "زار بشار الأسد\nروسيا أمس"
        assert spans == sorted([("PERS", "بشار الأسد"), ("GPE", "روسيا")])


def test_iob1_and_bioes_are_told_as_conll_tells_them(tmp_path):
    iob1 = write(tmp_path, "iob1.csv", "word,tag\nمحمد,I-PERS\nعلي,I-PERS\nأحمد,B-PERS\nفي,O\nدبي,I-GPE\n")
    bioes = write(tmp_path, "bioes.csv", "word,tag\nمحمد,B-PERS\nعلي,E-PERS\nفي,O\nدبي,S-GPE\n")
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        report = p.import_files([iob1, bioes], add_labels=True)
        assert any("IOB1" in w for w in report.warnings) and any("BIOES" in w for w in report.warnings)
        got = {name: spans for name, _, spans in read_back(p)}
        assert got["iob1"] == sorted([("PERS", "محمد علي"), ("PERS", "أحمد"), ("GPE", "دبي")])
        assert got["bioes"] == sorted([("PERS", "محمد علي"), ("GPE", "دبي")])


def _unchanged(tmp_path: Path, path: Path, expected: str, **options) -> None:
    proj = tmp_path / "bad.annotproj"
    with Project.create(proj, annotator="x") as p:
        good = write(tmp_path, "good.csv", "word,ner,tag\nدمشق,B-GPE,B-GPE\n")
        with pytest.raises(InputError) as err:
            p.import_files([good, path], add_labels=True, **options)
        message = str(err.value)
        assert expected in message and str(path) in message and message.count(". ") == 0, message
        assert p.document_ids() == []  # all or nothing: the good file is not kept either
    assert sqlite3.connect(proj).execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)


def test_a_row_with_too_few_fields_is_one_sentence_with_its_line(tmp_path):
    path = write(tmp_path, "short.csv", "sent,word,tag\n1,قال,O\n1,محمد\n")
    _unchanged(tmp_path, path, "short.csv, line 3: the row has 2 fields, too few for the column tag")


def test_a_missing_named_column_lists_the_header(tmp_path):
    path = write(tmp_path, "cols.tsv", "token\tlabel\nقال\tO\n")
    _unchanged(tmp_path, path, "line 1: there is no column 'ner' (--columns tag=ner); the header has 'token', 'label'",
               columns="tag=ner")


def test_a_file_without_a_header_is_refused(tmp_path):
    path = write(tmp_path, "nohead.tsv", "قال\tO\nمحمد\tB-PERS\n")
    _unchanged(tmp_path, path, "line 1: the first row (قال, O) looks like a token row, not a header", format="tokens")


def test_bad_columns_option_and_a_token_with_a_space(tmp_path):
    path = write(tmp_path, "ok.csv", "word,tag\nرام الله,B-GPE\n")
    with Project.create(tmp_path / "t.annotproj", annotator="x") as p:
        with pytest.raises(InputError, match="'colour' is not a column role"):
            p.import_files([path], columns="colour=word")
        with pytest.raises(InputError, match="ROLE=COLUMN pairs"):
            p.import_files([path], columns="word")
        with pytest.raises(InputError, match=r"ok\.csv, line 2: the token 'رام الله' has a space"):
            p.import_files([path], add_labels=True)


def test_the_documents_csv_keeps_its_auto_detection(tmp_path):
    docs = write(tmp_path, "docs.csv", "id,text,label\n1,نص عن دمشق,O\n")
    assert formats.detect(docs).name == "csv"
    conll = write(tmp_path, "plain.tsv", "قال\tO\nمحمد\tB-PERS\n")
    assert formats.detect(conll).name == "conll"  # a header-less TSV is still CoNLL's


def test_cli_import_with_columns(capsys, tmp_path):
    proj = tmp_path / "p.annotproj"
    assert main(["init", str(proj)]) == 0
    path = write(tmp_path, "cols.csv", "w,t,s\nقالَ,O,1\nمحمد,B-PERS,1\nفي,O,2\nدبي,B-GPE,2\n")
    code = main(["import", str(proj), str(path), "--columns", "token=w,tag=t,sentence=s", "--add-labels"])
    out, err = capsys.readouterr()
    assert code == 0, err
    with Project.open(proj) as p:
        [(_, text, spans)] = read_back(p)
    assert text == "قالَ محمد\nفي دبي" and spans == sorted([("PERS", "محمد"), ("GPE", "دبي")])
    code = main(["import", str(proj), str(path), "--format", "tokens", "--columns", "tag=ner"])
    _, err = capsys.readouterr()
    assert code == 1 and "cols.csv, line 1: there is no column 'ner'" in err and len(err.strip().splitlines()) == 1
    code = main(["stats", str(proj), "--json"])
    assert json.loads(capsys.readouterr()[0])["documents"] == 1
