"""``annotator selftest``: one line, exit status 0 on success and 1 on failure."""

from __future__ import annotations

import re

from annotator.cli import main


def test_selftest_passes_in_one_line(capsys, qapp):
    code = main(["selftest"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert re.match(r"selftest passed: annotator [\d.]+, 4 documents, 3 spans by API \+ 3 by the window, "
                    r"jsonl \(6 spans\) and conll \(6 entities\) exported and verified, \d+ suggestions from the matcher "
                    r"and the CRF in [\d.]+ s$", lines[0])


def test_selftest_fails_in_one_line_when_the_sample_is_missing(capsys, qapp, tmp_path, monkeypatch):
    import annotator.selftest as selftest

    monkeypatch.setattr(selftest, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    code = main(["selftest"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert out.strip().splitlines() == [f"selftest failed: resources: no sample texts in {tmp_path / 'sample'}"]
