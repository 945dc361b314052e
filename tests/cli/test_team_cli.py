"""The team verbs: assign, pack, merge, agreement, adjudicate, annotators, report, and
reshaped Arabic on a real terminal (never when piped)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from annotator.store.project import GOLD, Project
from tests.cli.test_cli import assert_one_sentence, run
from tests.teamwork import HAND_VALUES, annotate, make_lead, make_team


def test_assign_pack_merge_agreement_from_the_command_line(capsys, tmp_path):
    lead = tmp_path / "lead.annotproj"
    run(capsys, "init", lead, "--annotator", "lead")
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(10):
        (folder / f"{i}.txt").write_text(f"الوثيقة {i}: زار الرئيس دمشق", encoding="utf-8")
    run(capsys, "import", lead, folder)
    code, out, _ = run(capsys, "assign", lead, "--annotators", "lina,omar", "--overlap", "0.2", "--seed", "4")
    assert code == 0 and out.strip() == "10 documents assigned to 2 annotators (2 to two of them; seed 4): lina 6, omar 6."
    for who in ("lina", "omar"):
        code, out, _ = run(capsys, "pack", lead, "--annotator", who, "--out", tmp_path / f"{who}.annotproj")
        assert code == 0 and out.strip() == f"Wrote {tmp_path / who}.annotproj: 6 documents for {who}."
        with Project.open(tmp_path / f"{who}.annotproj") as p:
            for d in p.document_ids():
                p.add_span(d, "GPE" if who == "lina" else "LOC", len(p.text(d)) - 4, len(p.text(d)))
                p.set_status(d, "done")
    code, out, err = run(capsys, "merge", lead, tmp_path / "lina.annotproj", tmp_path / "omar.annotproj")
    assert code == 0 and err == ""
    assert out.strip() == "Merged 2 files: 12 layers added, 0 replaced, 0 unchanged."
    code, out, _ = run(capsys, "merge", lead, tmp_path / "lina.annotproj")
    assert out.strip() == "Merged 1 file: 0 layers added, 0 replaced, 6 unchanged."
    code, out, _ = run(capsys, "agreement", lead, "--json")
    data = json.loads(out)
    assert code == 0 and len(data["documents"]) == 2
    assert data["pairs"][0]["spans"]["exact"]["overall"]["f1"] == 0.0
    assert data["pairs"][0]["spans"]["exact"]["labels"]["GPE"]["a"] == 2
    code, out, _ = run(capsys, "annotators", lead, "--json")
    people = {a["name"]: a for a in json.loads(out)["annotators"]}
    assert people["lina"]["assigned"] == 6 and people["lina"]["done"] == 6 and people["omar"]["spans"] == 6


def test_agreement_table_shows_the_hand_values_and_arabic_names_in_logical_order(capsys, tmp_path):
    lead, lina, omar = make_team(tmp_path)
    run(capsys, "merge", lead, lina, omar)
    code, out, _ = run(capsys, "agreement", lead, "--annotators", "lina,omar", "--per-document")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Agreement of lina, omar on 1 document annotated by two or more of them."
    pair = next(ln for ln in lines if ln.startswith("lina / omar"))
    assert pair.split()[3:] == ["1", f"{HAND_VALUES['exact_f1']:.3f}", f"{HAND_VALUES['overlap_f1']:.3f}",
                                f"{HAND_VALUES['kappa']:.3f}", "1.000", "0.500", "0.400"]
    assert any(ln.startswith("GPE") and ln.endswith("كيان جيوسياسي") for ln in lines)   # piped: logical order
    assert "Krippendorff's α: stance 0.400 (2 units); topic 0.571 (5 units); reliability 0.000 (1 units)" in lines


def test_merge_reports_conflicts_on_stderr_one_line_each(capsys, tmp_path):
    lead, lina, _ = make_team(tmp_path)
    run(capsys, "merge", lead, lina)
    with Project.open(lead) as p:
        doc = p.find_document(name="shared").id
        p.delete_span(p.spans(doc, "lina")[0].id)
    with Project.open(lina) as q:
        q.set_status(q.find_document(name="shared").id, "in_progress")
    code, out, err = run(capsys, "merge", lead, lina)
    assert code == 0
    assert err.splitlines() == ["conflict: lina.annotproj: document 'shared': lina already has different annotations on it in "
                                "the project; kept the project's version (merge with --on-conflict replace to take the package's)."]
    assert out.strip() == "Merged 1 file: 0 layers added, 0 replaced, 0 unchanged, 1 conflict (kept the project's version)."
    code, _, err = run(capsys, "merge", lead, lina, "--on-conflict", "fail")
    assert code == 1
    assert_one_sentence(err)


def test_team_verbs_fail_with_one_sentence(capsys, tmp_path):
    lead = make_lead(tmp_path)
    code, _, err = run(capsys, "pack", lead, "--annotator", "nobody", "--out", tmp_path / "x.annotproj")
    assert code == 1 and "nobody has no documents assigned" in err
    assert_one_sentence(err)
    (tmp_path / "junk.annotproj").write_text("junk")
    code, _, err = run(capsys, "merge", lead, tmp_path / "junk.annotproj")
    assert code == 1 and "junk.annotproj is not an annotator project" in err
    assert_one_sentence(err)
    code, _, err = run(capsys, "agreement", lead)
    assert code == 1 and "fewer than two annotators" in err
    code, _, err = run(capsys, "annotators", lead, "--rename", "lina", GOLD)
    assert code == 1 and "cannot be renamed" in err
    code, _, err = run(capsys, "adjudicate", lead)
    assert code == 2 and "either --accept NAME or --agreed" in err


def test_adjudicate_and_rename_from_the_command_line(capsys, tmp_path):
    lead, lina, omar = make_team(tmp_path)
    run(capsys, "merge", lead, lina, omar)
    # agreed: spans «دمشق» and the trigger «زار», the Meeting, the AGAINST stance, topic politics
    code, out, _ = run(capsys, "adjudicate", lead, "--agreed")
    assert code == 0 and out.strip() == "Gold layer: 5 items added on 1 document."
    # lina's version: 4 spans (with the trigger), 1 event, 2 stances, 2 document labels
    code, out, _ = run(capsys, "adjudicate", lead, "--accept", "lina")
    assert code == 0 and out.strip() == "Gold layer: 9 items added on 1 document."
    code, out, _ = run(capsys, "annotators", lead, "--rename", "lina", "لينا")
    assert code == 0 and out.strip() == "Renamed lina to لينا."
    with Project.open(lead) as p:
        doc = p.find_document(name="shared").id
        gold = sorted(s.surface for s in p.annotations(doc, GOLD).spans)
        assert gold == sorted(s.surface for s in p.spans(doc, "لينا"))


def test_report_writes_a_page_with_charts(capsys, tmp_path):
    lead, lina, omar = make_team(tmp_path)
    run(capsys, "merge", lead, lina, omar)
    code, out, _ = run(capsys, "report", lead, "--out", tmp_path / "report")
    assert code == 0 and out.strip() == f"Wrote {tmp_path / 'report' / 'index.html'}."
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "كيان جيوسياسي (GPE)" in page and 'dir="auto"' in page
    assert page.count("data:image/png;base64,") == 3 and "http" not in page  # self-contained
    for name in ("progress.png", "labels.png", "agreement.png"):
        assert (tmp_path / "report" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_reshape_on_a_terminal_but_never_when_piped(tmp_path):
    lead = make_lead(tmp_path)
    with Project.open(lead) as p:
        p.pack(tmp_path / "lina.annotproj", "lina")
        p.pack(tmp_path / "omar.annotproj", "omar")
    annotate(tmp_path / "lina.annotproj", "lina")
    annotate(tmp_path / "omar.annotproj", "omar")
    with Project.open(lead) as p:
        p.merge([tmp_path / "lina.annotproj", tmp_path / "omar.annotproj"])
    args = [sys.executable, "-m", "annotator", "--reshape", "agreement", str(lead)]
    env = {**os.environ, "TERM": "xterm", "PYTHONIOENCODING": "utf-8"}
    piped = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout
    assert "كيان جيوسياسي" in piped                      # logical order when piped
    main, sub = os.openpty()
    proc = subprocess.run(args, stdout=sub, stderr=subprocess.PIPE, env=env, check=True)
    os.close(sub)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    text = shown.decode("utf-8")
    assert proc.returncode == 0 and "كيان جيوسياسي" not in text
    assert "ﻲﺳﺎﻴﺳﻮﻴﺟ ﻥﺎﻴﻛ" in text                    # presentation forms, visual order
