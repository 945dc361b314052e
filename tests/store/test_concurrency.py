"""Several processes on one project file, and a crash in the middle of editing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from annotator.store.project import Project

WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project
    p = Project.open(sys.argv[1], annotator=sys.argv[2])
    doc = int(sys.argv[3])
    n = int(sys.argv[4])
    for i in range(n):
        sid = p.add_span(doc, "PER", i % 50, i % 50 + 1)
        print("saved", sid, flush=True)
    p.close()
    """
)

READER = textwrap.dedent(
    """
    import sys, json
    from annotator.store.project import Project
    p = Project.open(sys.argv[1], annotator="reader")
    counts = []
    for i in range(int(sys.argv[2])):
        s = p.stats()
        docs = list(p.iter_documents())
        spans = sum(len(p.spans(d.id, "w1")) for d in docs)
        counts.append(s["spans"])
    print(json.dumps(counts))
    """
)


def _make(tmp_path):
    path = tmp_path / "shared.annotproj"
    with Project.create(path, annotator="lead") as p:
        doc = p.add_documents(["أ" * 60]).added[0]
    return path, doc


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([os.getcwd(), env.get("PYTHONPATH", "")])
    return env


def test_writers_and_readers_at_once_never_see_a_locked_database(tmp_path):
    path, doc = _make(tmp_path)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), "w1", str(doc), "300"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()),
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), "w2", str(doc), "300"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()),
        subprocess.Popen([sys.executable, "-c", READER, str(path), "40"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()),
    ]
    outs = [p.communicate(timeout=240) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    assert outs[0][0].count("saved") == 300 and outs[1][0].count("saved") == 300
    with Project.open(path) as p:
        assert p.stats()["spans"] == 600
        assert len(p.spans(doc, "w1")) == 300 and len(p.spans(doc, "w2")) == 300


def test_cli_stats_while_a_writer_runs(tmp_path):
    path, doc = _make(tmp_path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "w1", str(doc), "400"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    results = []
    while writer.poll() is None:
        r = subprocess.run([sys.executable, "-m", "annotator", "stats", str(path), "--json"], capture_output=True, text=True, env=_env())
        results.append(r)
    writer.communicate()
    assert writer.returncode == 0
    assert results and all(r.returncode == 0 for r in results), [r.stderr for r in results]


def test_sigkill_loses_nothing_reported_as_saved(tmp_path):
    path, doc = _make(tmp_path)
    rng = random.Random(os.getpid())
    for _round in range(3):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "victim", str(doc), "100000"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        saved: list[int] = []
        deadline = time.monotonic() + rng.uniform(1.0, 3.0)
        while time.monotonic() < deadline or len(saved) < 5:
            line = child.stdout.readline()
            if line.startswith("saved"):
                saved.append(int(line.split()[1]))
        child.send_signal(signal.SIGKILL)
        # lines already written to the pipe were also reported as saved
        rest, _ = child.communicate()
        saved.extend(int(line.split()[1]) for line in rest.splitlines() if line.startswith("saved"))
        assert child.returncode == -signal.SIGKILL
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        have = {r[0] for r in conn.execute("SELECT id FROM spans")}
        conn.close()
        missing = [s for s in saved if s not in have]
        assert not missing, f"{len(missing)} spans reported as saved were lost"
    with Project.open(path) as p:
        assert p.validate() == []
