"""Text import: .txt files and folders, JSONL; duplicates; all or nothing."""

from __future__ import annotations

import codecs
import json

import pytest

from annotator.core.errors import InputError
from tests.conftest import NEWS


def snapshot(project):
    """Everything an import could change, to prove a failed one changed nothing."""
    q = project.conn.execute
    return (q("SELECT id, name, sha256 FROM documents ORDER BY id").fetchall(), q("SELECT count(*) FROM spans").fetchone())


def test_news_article_is_stored_exactly(project):
    report = project.import_files([NEWS])
    doc = project.document(report.added[0])
    raw = NEWS.read_bytes().decode("utf-8")
    assert "\r" not in raw  # the documented rule would turn CRLF into LF; this file is LF already
    assert doc.text == raw and len(doc.text) == 5171
    assert doc.name == "shaddadi_withdrawal"
    import hashlib

    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()


def test_crlf_and_boms_are_normalised_but_nothing_else(project, tmp_path):
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF8 + "سطر\r\nآخر\rثالث ـ ﻻ".encode())
    (tmp_path / "b.txt").write_bytes(codecs.BOM_UTF16_LE + "نص 😀".encode("utf-16-le"))
    report = project.import_files([tmp_path])
    texts = [project.text(i) for i in report.added]
    assert texts == ["سطر\nآخر\nثالث ـ ﻻ", "نص 😀"]


def test_folder_import_names_documents_by_relative_path(project, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text("الأول", encoding="utf-8")
    (tmp_path / "sub" / "two.txt").write_text("الثاني", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    report = project.import_files([tmp_path])
    assert [d.name for d in project.documents()] == ["one", "sub/two"]
    assert any("not ending in .txt" in w for w in report.warnings)


def test_duplicates_are_skipped_with_a_notice(project, tmp_path):
    (tmp_path / "a.txt").write_text("نفس النص", encoding="utf-8")
    (tmp_path / "b.txt").write_text("نفس النص", encoding="utf-8")
    report = project.import_files([tmp_path])
    assert len(report.added) == 1 and len(report.skipped) == 1 and "same text" in report.skipped[0]
    again = project.import_files([tmp_path / "a.txt"])
    assert again.added == [] and "already has this text" in again.skipped[0]
    assert project.count_documents() == 1


def test_jsonl_import_with_ids_and_meta(project, tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text(
        json.dumps({"text": "خبر أول", "id": "n1", "meta": {"source": "sana"}}, ensure_ascii=False) + "\n\n"
        + json.dumps({"text": "خبر ثان\r\nسطر"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    report = project.import_files([f])
    first, second = (project.document(i) for i in report.added)
    assert (first.name, first.meta, first.text) == ("n1", {"source": "sana"}, "خبر أول")
    assert second.text == "خبر ثان\nسطر" and second.name == "docs:3"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "أ"}\n{"text": "ب"}\n{"text": bad}\n', r"bad\.jsonl, line 3: not valid JSON"),
        ('{"text": "أ"}\n{"txt": "ب"}\n', r"bad\.jsonl, line 2: no \"text\" string"),
        ('{"text": "أ"}\n["ب"]\n', r"bad\.jsonl, line 2: each line must be a JSON object"),
        ('{"text": "أ", "meta": 3}\n', r"bad\.jsonl, line 1: \"meta\" must be a JSON object"),
    ],
)
def test_bad_jsonl_names_the_line_and_changes_nothing(project, tmp_path, content, message):
    project.import_files([NEWS])
    before = snapshot(project)
    f = tmp_path / "bad.jsonl"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        project.import_files([f])
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"good start \xff\xfe bad", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"", "is empty"),
    ],
)
def test_bad_text_file_in_a_batch_changes_nothing(project, tmp_path, data, message):
    (tmp_path / "a_good.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(data)
    before = snapshot(project)
    with pytest.raises(InputError, match=message) as err:
        project.import_files([tmp_path])
    assert "b_bad.txt" in str(err.value)
    assert snapshot(project) == before


def test_unknown_format_and_missing_path(project, tmp_path):
    (tmp_path / "x.weird").write_text("x")
    with pytest.raises(InputError, match="cannot tell its format"):
        project.import_files([tmp_path / "x.weird"])
    with pytest.raises(InputError, match="no such file"):
        project.import_files([tmp_path / "missing.txt"])
    with pytest.raises(InputError, match="unknown format 'xml'"):
        project.import_files([NEWS], format="xml")


def test_annotations_attach_to_an_existing_document(project):
    from annotator.core.model import Annotations, Document, Span

    doc_id = project.import_files([NEWS]).added[0]
    text = project.text(doc_id)
    i = text.index("الشدادي")
    incoming = Document(text=text, name="copy", annotations={"": Annotations(spans=[Span("FAC", [(i, i + 7)], id="T1")])})
    report = project.add_documents([incoming], annotator="omar")
    assert report.added == [] and report.attached == [doc_id]
    assert [s.surface for s in project.spans(doc_id, "omar")] == ["الشدادي"]
    assert project.count_documents() == 1
    # importing the same annotations again does not duplicate them
    project.add_documents([incoming], annotator="omar")
    assert len(project.spans(doc_id, "omar")) == 1


def test_unknown_labels_are_listed_and_nothing_is_written(project):
    from annotator.core.model import Annotations, Document, Span

    before = snapshot(project)
    doc = Document(text="نص فيه كيان", annotations={"": Annotations(spans=[Span("ANIMAL", [(0, 2)], id=1), Span("PLANT", [(3, 6)], id=2)])})
    with pytest.raises(InputError, match="not in the project's scheme: ANIMAL, PLANT"):
        project.add_documents([doc])
    assert snapshot(project) == before


def test_progress_is_reported(project):
    seen = []
    project.add_documents([f"نص {i}" for i in range(450)], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (450, 450) and len(seen) >= 3
