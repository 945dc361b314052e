"""The worked example of docs/python-api.md runs as written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tests.conftest import NEWS, ROOT


def test_python_api_example_runs(tmp_path, monkeypatch, capsys):
    doc = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    (tmp_path / "articles").mkdir()
    shutil.copy(NEWS, tmp_path / "articles" / "news.txt")
    (tmp_path / "more.jsonl").write_text(json.dumps({"text": "خبر قصير عن سوريا", "id": "s1"}, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "python-api.md", "exec"), {})
    out = capsys.readouterr().out
    assert "2 documents added." in out
    from annotator import Project

    with Project.open(Path("news.annotproj"), annotator="lina") as p:
        first = p.documents(limit=1)[0]
        assert p.status(first.id) == "done"
        assert p.events(first.id)[0].attributes == {"Realis": "actual"}
        labels = {s.label for s in p.spans(first.id)}
        assert {"GPE", "FAC", "ORG", "Movement"} <= labels
