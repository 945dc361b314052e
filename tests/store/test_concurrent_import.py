"""Two processes importing overlapping texts into one project file at the same time."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

from annotator.store.project import Project


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([os.getcwd(), env.get("PYTHONPATH", "")])
    return env


def _jsonl(path, numbers):
    with path.open("w", encoding="utf-8") as fh:
        for i in numbers:
            fh.write(json.dumps({"text": f"النص رقم {i} من المجموعة.", "id": f"d{i}"}, ensure_ascii=False) + "\n")
    return path


def test_two_imports_of_overlapping_texts_at_once(tmp_path):
    path = tmp_path / "shared.annotproj"
    Project.create(path, annotator="lead").close()
    a = _jsonl(tmp_path / "a.jsonl", range(0, 600))
    b = _jsonl(tmp_path / "b.jsonl", range(300, 900))
    # Hold the write lock while both imports start: each reads the file and waits for the
    # lock; once it is released they write one after the other.  Reading the known texts
    # before taking the lock made the second fail with "UNIQUE constraint failed".
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        procs = [subprocess.Popen([sys.executable, "-m", "annotator", "import", str(path), str(f)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
                 for f in (a, b)]
        time.sleep(4.0)  # both have started, read their file and are waiting for the lock
        assert all(p.poll() is None for p in procs)
    finally:
        holder.execute("COMMIT")
        holder.close()
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert "internal error" not in err and "UNIQUE" not in err
    with Project.open(path) as p:
        assert p.stats()["documents"] == 900
        assert p.validate() == []
    skipped = sum(out.count("skipped") for out, _ in outs)
    assert skipped >= 1, outs  # the second import reports the 300 texts the first brought
