"""The command line: verbs, exit codes, one-sentence errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotator import __version__
from annotator.cli import main
from tests.conftest import NEWS


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(err):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("annotator: error: ")
    assert "Traceback" not in err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"annotator {__version__}"


def test_init_import_stats_validate(capsys, tmp_path):
    proj = tmp_path / "p.annotproj"
    code, out, _ = run(capsys, "init", proj)
    assert code == 0 and "arabic-news" in out
    code, out, _ = run(capsys, "import", proj, NEWS)
    assert code == 0 and out.strip() == "1 document added."
    code, out, err = run(capsys, "import", proj, NEWS)
    assert code == 0 and "duplicate skipped" in out and "already has this text" in err
    code, out, _ = run(capsys, "stats", proj, "--json")
    data = json.loads(out)
    assert code == 0 and data["documents"] == 1 and data["characters"] == 5171
    code, out, _ = run(capsys, "stats", proj)
    assert code == 0 and "documents" in out
    code, out, _ = run(capsys, "validate", proj)
    assert code == 0 and "No problems" in out


def test_init_with_a_bad_scheme(capsys, tmp_path):
    scheme = tmp_path / "s.toml"
    scheme.write_text('[scheme]\nname="x"\n[[entity]]\nlabel="A"\n[[event]]\ntype="E"\nroles=[{role="R", types=["B"]}]\n')
    code, _, err = run(capsys, "init", tmp_path / "p.annotproj", "--scheme", scheme)
    assert code == 1
    assert_one_sentence(err)
    assert "s.toml, line 7" in err and "'B'" in err
    assert not (tmp_path / "p.annotproj").exists()


def test_validate_reports_problems_and_exits_nonzero(capsys, tmp_path):
    from annotator.store.project import Project

    proj = tmp_path / "p.annotproj"
    with Project.create(proj, annotator="lina") as p:
        doc = p.add_documents(["بدأت الولايات المتحدة انسحابها"]).added[0]
        p.add_event(doc, "Movement", (22, 30))  # the required Mover is missing
    code, out, err = run(capsys, "validate", proj, "--json")
    data = json.loads(out)
    assert code == 1 and data["count"] == 1
    assert data["problems"][0]["kind"] == "cardinality" and "Mover" in data["problems"][0]["message"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n{"text": oops}\n', "bad.jsonl, line 3: not valid JSON"),
        (b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00", "not valid UTF-16"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_imports_exit_1_with_one_sentence(capsys, tmp_path, content, expected):
    proj = tmp_path / "p.annotproj"
    run(capsys, "init", proj)
    name = "bad.jsonl" if content.startswith(b"{") else "bad.txt"
    (tmp_path / name).write_bytes(content)
    code, _, err = run(capsys, "import", proj, tmp_path / name)
    assert code == 1
    assert_one_sentence(err)
    assert expected in err
    code, out, _ = run(capsys, "stats", proj, "--json")
    assert json.loads(out)["documents"] == 0


def test_not_a_project(capsys, tmp_path):
    f = tmp_path / "x.annotproj"
    f.write_text("hello")
    code, _, err = run(capsys, "stats", f)
    assert code == 1
    assert_one_sentence(err)
    assert "is not an annotator project" in err


def test_usage_error_exit_2(capsys):
    code, _, err = run(capsys, "stats")
    assert code == 2 and "Missing argument" in err


def test_internal_errors_are_not_tracebacks(capsys, tmp_path, monkeypatch):
    import annotator.store.project as project_mod

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    proj = tmp_path / "p.annotproj"
    run(capsys, "init", proj)

    def explode(self):
        raise ZeroDivisionError("synthetic")

    monkeypatch.setattr(project_mod.Project, "stats", explode)
    code, _, err = run(capsys, "stats", proj)
    assert code == 70
    assert "Traceback" not in err and "internal error: ZeroDivisionError: synthetic" in err


def test_progress_bar_is_quiet_when_piped(tmp_path):
    proj = tmp_path / "p.annotproj"
    subprocess.run([sys.executable, "-m", "annotator", "init", str(proj)], check=True, capture_output=True)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03}.txt").write_text(f"نص رقم {i}", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "annotator", "import", str(proj), str(folder)], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout.strip() == "300 documents added."
    assert r.stderr == ""  # no progress bar, no escape codes, when not on a terminal


def test_validate_lists_every_problem_with_its_document_and_position_until_fixed(capsys, tmp_path):
    from annotator.store.project import Project

    proj = tmp_path / "p.annotproj"
    first, second = "بدأت الولايات المتحدة انسحابها", "قصفت طائرات التحالف الدولي مواقع في الرقة"
    with Project.create(proj, annotator="lina") as p:
        a, b = p.add_documents([{"text": first, "name": "withdrawal"}, {"text": second, "name": "strike"}]).added
        ev = p.add_event(a, "Movement", (22, 30))  # no Mover
        coalition = p.add_span(b, "DATE", second.index("التحالف"), second.index(" مواقع"))  # a DATE as Attacker
        p.add_event(b, "Attack", (0, 4), [("Attacker", coalition)])
    code, out, _ = run(capsys, "validate", proj, "--json")
    data = json.loads(out)
    assert code == 1 and data["count"] == 2
    found = {(x["document"], x["kind"], x["start"], x["end"]) for x in data["problems"]}
    assert found == {("withdrawal", "cardinality", 22, 30),
                     ("strike", "argument_type", second.index("التحالف"), second.index(" مواقع"))}
    code, out, err = run(capsys, "validate", proj)
    assert code == 1 and "withdrawal [22:30] (lina): event" in out and "2 problems found." in err
    with Project.open(proj, annotator="lina") as p:
        us = p.add_span(a, "GPE", 5, 21)
        p.add_argument(ev, "Mover", us)
        p.relabel_span(coalition, "ORG")
    code, out, _ = run(capsys, "validate", proj)
    assert code == 0 and "No problems" in out


def test_stats_count_events_relations_stances_attributes_and_labels(capsys, tmp_path):
    from annotator.store.project import Project

    proj = tmp_path / "p.annotproj"
    text = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي"
    with Project.create(proj, annotator="lina") as p:
        doc = p.add_documents([text]).added[0]
        us = p.add_span(doc, "GPE", 5, 21)
        base = p.add_span(doc, "FAC", text.index("قاعدة"), len(text))
        ev = p.add_event(doc, "Movement", (22, 30), [("Mover", us), ("Origin", base)])
        p.set_attribute("event", ev, "Realis", "actual")
        p.add_relation("LocatedIn", base, us)
        p.add_stance(doc, "AGAINST", "US withdrawal from Syria", evidence=[(22, 30)])
        p.set_doc_labels(doc, "reliability", ["high"])
    code, out, _ = run(capsys, "stats", proj, "--json")
    data = json.loads(out)
    assert (data["events"], data["relations"], data["stances"], data["evidence"]) == (
        {"Movement": 1}, {"LocatedIn": 1}, {"AGAINST": 1}, 1)
    assert data["attributes"] == {"event": {"Realis": {"actual": 1}}}
    code, out, _ = run(capsys, "stats", proj)
    assert code == 0 and "Realis" in out and "actual 1" in out and "evidence" in out and "reliability" in out


def test_gui_without_a_display_is_one_sentence(capsys, monkeypatch):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code, _, err = run(capsys, "gui")
    assert code == 1
    assert_one_sentence(err)
    assert "no display" in err
