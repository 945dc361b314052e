"""Merging never trusts or changes a package file: texts are checked against their
sha256, and an older package is upgraded in a copy, never in place."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from annotator.core.errors import Cancelled, InputError
from annotator.store.project import Project
from tests.conftest import DATA
from tests.teamwork import dump, make_team


def _sql(path, *statements):
    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def test_a_package_whose_text_does_not_match_its_sha256_is_refused(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    _sql(lina, "UPDATE documents SET text = text || ' زيادة' WHERE name = 'shared'")
    before = dump(lead)
    with Project.open(lead, annotator="lead") as p, pytest.raises(
            InputError, match=r"lina.annotproj: the text of document 'shared' does not match its stored sha256"):
        p.merge([omar, lina])
    assert dump(lead) == before


def test_an_older_package_is_upgraded_in_a_copy_and_left_as_it_was(tmp_path):
    package = tmp_path / "old.annotproj"
    shutil.copy(DATA / "project-v1.annotproj", package)
    conn = sqlite3.connect(f"file:{package}?mode=ro", uri=True)
    texts = [r[0] for r in conn.execute("SELECT text FROM documents ORDER BY id")]
    conn.close()
    with Project.create(tmp_path / "lead.annotproj", annotator="lead") as p:
        p.add_documents(texts)
        report = p.merge([package])
        assert report.added and {s.surface for d in p.document_ids() for s in p.spans(d, "lina")} == {
            "الولايات المتحدة", "انسحابها"}
    conn = sqlite3.connect(f"file:{package}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "layer_origins" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert sorted(f.name for f in tmp_path.iterdir() if f.name.startswith("old.")) == ["old.annotproj"]


def test_a_cancelled_merge_changes_nothing(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    before = dump(lead)
    seen = []
    with Project.open(lead, annotator="lead") as p, pytest.raises(Cancelled):
        p.merge([lina, omar], progress=lambda done, total: seen.append((done, total)), cancelled=lambda: bool(seen))
    assert dump(lead) == before and seen


def test_ctrl_c_in_the_middle_of_a_merge_changes_nothing(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    before = dump(lead)

    def interrupt(done, total):
        raise KeyboardInterrupt

    with Project.open(lead, annotator="lead") as p, pytest.raises(KeyboardInterrupt):
        p.merge([lina, omar], progress=interrupt)
    assert dump(lead) == before
    with Project.open(lead, annotator="lead") as p:  # and the merge still works afterwards
        assert p.merge([lina, omar]).added


def test_agreement_reports_progress(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    seen = []
    with Project.open(lead, annotator="lead") as p:
        p.merge([lina, omar])
        p.agreement(["lina", "omar"], progress=lambda done, total: seen.append((done, total)))
        assert seen and seen[-1][0] == seen[-1][1]
