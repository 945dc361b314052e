"""The export verb and the import options of the command line."""

from __future__ import annotations

import json

from annotator.cli import main
from tests.conftest import CORPUS, NEWS


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_conll_then_export_with_a_split(capsys, tmp_path):
    proj = tmp_path / "w.annotproj"
    assert run(capsys, "init", proj, "--annotator", "lina")[0] == 0
    code, _, err = run(capsys, "import", proj, CORPUS / "wojood" / "val.txt", "--annotator", "lina")
    assert code == 1 and err.count("\n") == 1 and "--add-labels" in err and "Traceback" not in err
    code, out, err = run(capsys, "import", proj, CORPUS / "wojood" / "val.txt", "--annotator", "lina", "--add-labels",
                         "--map", "PERS=PER")
    assert code == 0 and "470 spans" in out and "PERS" not in err.split("added to the scheme:")[1].split(".")[0]
    code, out, err = run(capsys, "export", proj, "--format", "conll", "--out", tmp_path / "out", "--annotator", "lina",
                         "--split", "0.8,0.1,0.1", "--seed", "5", "--scheme-tags", "bioes")
    assert code == 0 and "Exported 1 document" in out
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["split"]["seed"] == 5 and manifest["tag_scheme"] == "bioes" and manifest["layer"] == "lina"
    assert manifest["counts"]["spans"][next(iter(manifest["counts"]["documents"]))]["PER"] == 42


def test_export_errors_are_one_sentence(capsys, tmp_path):
    proj = tmp_path / "p.annotproj"
    run(capsys, "init", proj, "--annotator", "lina")
    run(capsys, "import", proj, NEWS)
    for args, expected in (
        (("--format", "nope", "--out", tmp_path / "o"), "unknown format"),
        (("--format", "conll", "--out", tmp_path / "o", "--gold"), "no annotations by 'gold'"),
        (("--format", "jsonl", "--out", tmp_path / "o", "--split", "0.5,0.6"), "add up to 1"),
        (("--format", "jsonl", "--out", tmp_path / "o", "--map", "PER"), "OLD=NEW"),
    ):
        code, _, err = run(capsys, "export", proj, *args)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert code == 1 and len(lines) == 1 and expected in lines[0] and "Traceback" not in err, err
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "export", proj, "--format", "jsonl", "--out", tmp_path / "busy")
    assert code == 1 and "other files" in err and (tmp_path / "busy" / "mine.txt").exists()


def test_export_replaces_an_earlier_export(capsys, tmp_path):
    proj = tmp_path / "p.annotproj"
    run(capsys, "init", proj)
    run(capsys, "import", proj, NEWS)
    assert run(capsys, "export", proj, "--format", "jsonl", "--out", tmp_path / "o")[0] == 0
    code, out, _ = run(capsys, "export", proj, "--format", "jsonl", "--out", tmp_path / "o", "--split", "0.5,0.5")
    assert code == 0 and sorted(p.name for p in (tmp_path / "o").iterdir()) in (
        ["manifest.json", "test.jsonl"], ["manifest.json", "train.jsonl"])
