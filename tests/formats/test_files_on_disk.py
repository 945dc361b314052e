"""Files on disk: what an export may replace, leftovers of a killed export, brat file names,
and folder imports that never leave the folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from annotator import Project
from annotator.core.errors import ExportError
from annotator.transfer.export import export_project


@pytest.fixture
def small(tmp_path):
    with Project.create(tmp_path / "s.annotproj", annotator="lina") as p:
        doc = p.add_documents([{"text": "زار بشار الأسد دمشق.", "name": "report.v1"},
                               {"text": "ثم عاد إلى حلب.", "name": "report.v2"}]).added[0]
        p.add_span(doc, "GPE", 15, 19)
        yield p


def test_a_folder_with_a_manifest_and_other_files_is_not_replaced(small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("{}", encoding="utf-8")  # not ours: any file of that name
    (out / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(ExportError, match="--force"):
        export_project(small, "conll", out, all_documents=True)
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "years of work"
    export_project(small, "conll", tmp_path / "ours", all_documents=True)
    (tmp_path / "ours" / "notes.txt").write_text("mine", encoding="utf-8")  # an earlier export plus a file of the user's
    with pytest.raises(ExportError, match="other files, which no earlier export wrote"):
        export_project(small, "conll", tmp_path / "ours", all_documents=True)
    (tmp_path / "ours" / "notes.txt").unlink()
    export_project(small, "conll", tmp_path / "ours", all_documents=True)  # only our own: replaced
    export_project(small, "conll", out, all_documents=True, force=True)
    assert not (out / "thesis.tex").exists() and json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]


def test_a_file_is_replaced_only_when_its_manifest_names_it(small, tmp_path):
    target = tmp_path / "gold.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    with pytest.raises(ExportError, match="--force"):
        export_project(small, "jsonl", target)
    assert target.read_text(encoding="utf-8") == "precious\n"
    export_project(small, "jsonl", target, force=True)
    export_project(small, "jsonl", target)  # now an earlier export of ours, named by gold.manifest.json
    assert json.loads((tmp_path / "gold.manifest.json").read_text(encoding="utf-8"))["files"] == {
        "gold.jsonl": json.loads((tmp_path / "gold.manifest.json").read_text(encoding="utf-8"))["files"]["gold.jsonl"]}


def test_the_command_line_refuses_and_forces(small, tmp_path):
    small.close()
    target = tmp_path / "x.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "annotator", "export", str(tmp_path / "s.annotproj"), "--format", "jsonl", "--out", str(target)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode != 0 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert subprocess.run([*cmd, "--force"], capture_output=True, text=True).returncode == 0


def test_leftovers_of_a_killed_export_are_swept(small, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.{dead.pid}.abc123.tmp"
    old = tmp_path / f".out.old-{dead.pid}"
    live = tmp_path / f".out.{os.getppid()}.zzz.tmp"  # a live process's: left alone
    for d in (stale, old, live):
        d.mkdir()
        (d / "data.conll").write_text("x O\n", encoding="utf-8")
    export_project(small, "conll", tmp_path / "out", all_documents=True)
    assert not stale.exists() and not old.exists() and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == [live.name]


def test_brat_names_are_unique_and_stable(small, tmp_path):
    export_project(small, "brat", tmp_path / "b1", all_documents=True)
    export_project(small, "brat", tmp_path / "b2", all_documents=True)
    names = sorted(p.name for p in (tmp_path / "b1").iterdir() if p.suffix in (".txt", ".ann"))
    assert names == ["report.v1.ann", "report.v1.txt", "report.v2.ann", "report.v2.txt"]
    assert names == sorted(p.name for p in (tmp_path / "b2").iterdir() if p.suffix in (".txt", ".ann"))
    with Project.create(tmp_path / "back.annotproj", annotator="lina") as q:
        q.import_files([tmp_path / "b1"])
        assert sorted(d.name for d in q.iter_documents()) == ["report.v1", "report.v2"]


def test_a_long_document_name_is_cut_to_a_file_name(tmp_path):
    with Project.create(tmp_path / "l.annotproj", annotator="lina") as p:
        ids = p.add_documents([{"text": "نص أول.", "name": "خبر" * 100}, {"text": "نص ثان.", "name": "خبر" * 100 + "ب"}]).added
        export_project(p, "brat", tmp_path / "b", all_documents=True)
        files = [f for f in (tmp_path / "b").iterdir() if f.suffix == ".txt"]
        assert len(files) == 2 and all(len(f.name.encode("utf-8")) <= 255 for f in files)
        assert sorted(f.stem.rsplit("-", 1)[1] for f in files) == sorted(map(str, ids))


def test_folder_imports_never_follow_a_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash", encoding="utf-8")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("خبر أول.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("خبر ثان.", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link within the folder is fine
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    for fmt in ("txt", "brat"):
        with Project.create(tmp_path / f"{fmt}.annotproj", annotator="x") as p:
            report = p.import_files([folder], format=fmt)
            texts = {p.text(d) for d in p.document_ids()}
            assert texts == {"خبر أول.", "خبر ثان."}
            assert any("passwd.txt" in w and "outside the folder" in w for w in report.warnings), report.warnings
            assert any("up" in w and "not followed" in w for w in report.warnings)


def test_brat_exports_with_tabs_bom_and_cr_always_re_import(tmp_path):
    texts = {"tab": "قال\tبشار الأسد\tإن دمشق آمنة.", "bom": "\ufeffزار بشار الأسد دمشق.", "cr": "السطر الأول عن دمشق.\r\nوالثاني عن حلب.\rوالثالث عن حمص."}
    with Project.create(tmp_path / "a.annotproj", annotator="lina") as p:
        p.add_documents([{"text": t, "name": n} for n, t in texts.items()])
        for d in p.document_ids():
            text = p.text(d)
            assert "\r" not in text  # add_documents turns CRLF and CR into LF, as an import does
            for word in ("قال\tبشار", "بشار الأسد", "دمشق", "حمص", "\ufeffزار"):
                if word in text:
                    p.add_span(d, "PER" if "بشار" in word else "GPE", text.index(word), text.index(word) + len(word))
        expected = sorted((p.document(d).name, s.label, s.surface) for d in p.document_ids() for s in p.spans(d))
        export_project(p, "brat", tmp_path / "b")
    with Project.create(tmp_path / "back.annotproj", annotator="lina") as q:
        q.import_files([tmp_path / "b"])
        got = sorted((q.document(d).name, s.label, s.surface) for d in q.document_ids() for s in q.spans(d))
    # the leading U+FEFF reads back as a byte order mark, which stored text never keeps
    assert got == [(n, lab, s.lstrip("\ufeff")) for n, lab, s in expected]


def test_add_documents_moves_the_offsets_of_a_record_with_crlf(tmp_path):
    from annotator.core.model import Annotations, Document, Span

    text = "سطر أول.\r\nزار بشار دمشق.\r\n"
    i = text.index("دمشق")
    doc = Document(text=text, name="r", annotations={"": Annotations(spans=[Span(label="GPE", fragments=[(i, i + 4)], id="T1")])})
    with Project.create(tmp_path / "c.annotproj", annotator="lina") as p:
        did = p.add_documents([doc]).added[0]
        assert p.text(did) == "سطر أول.\nزار بشار دمشق.\n" and [s.surface for s in p.spans(did)] == ["دمشق"]


def test_a_huge_one_line_document_is_refused_with_a_sentence(tmp_path, monkeypatch):
    from annotator.core.errors import InputError
    from annotator.store import importing

    monkeypatch.setattr(importing, "MAX_DOCUMENT_CHARS", 10_000)  # the rule, at a size a test can afford
    path = tmp_path / "huge.txt"
    path.write_text("كلمة " * 2_001, encoding="utf-8")
    with Project.create(tmp_path / "h.annotproj", annotator="x") as p:
        with pytest.raises(InputError) as err:
            p.import_files([path])
        assert str(path) in str(err.value) and "split it" in str(err.value) and p.count_documents() == 0
