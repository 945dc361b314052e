"""Ctrl-C in a terminal: `merge` and `agreement` draw a progress bar, and an interrupt (a
real SIGINT to the process, as the terminal sends it) stops them with one line and
nothing half-done: the merge's transaction is rolled back and the project is as before."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from annotator.core.model import Annotations, Document, Span
from annotator.core.text import tokens
from annotator.store.project import Project
from tests.cli.test_progress_cli import on_terminal
from tests.teamwork import dump

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

N_DOCS = 600


def interrupted(*args: str, after: str) -> tuple[int, str]:
    """Run ``annotator ARGS`` on a pseudo-terminal, send SIGINT as soon as the terminal
    shows ``after``; return (status, what the terminal showed)."""
    code, _, terminal = on_terminal(*args, interrupt_after=after)
    return code, terminal


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """A lead's project of N_DOCS documents, and lina's and omar's packages of all of them,
    each with about one token in four labelled."""
    folder = tmp_path_factory.mktemp("team")
    lead = folder / "lead.annotproj"
    texts = [f"زار الرئيس السوري دمشق ثم بيروت في اليوم {i} من الشهر" for i in range(N_DOCS)]
    with Project.create(lead, annotator="lead") as p:
        ids = p.add_documents([{"text": t, "name": f"d{i}"} for i, t in enumerate(texts)]).added
        p.assign(["lina", "omar"], overlap=1.0, seed=1)
        for who in ("lina", "omar"):
            p.pack(folder / f"{who}.annotproj", who, documents=ids)
    for k, who in enumerate(("lina", "omar")):
        docs = [Document(text=t, annotations={who: Annotations(
            spans=[Span(label="GPE", fragments=[tok], id=n) for n, tok in enumerate(tokens(t)) if (n + k) % 4 == 0],
            status="done")}) for t in texts]
        with Project.open(folder / f"{who}.annotproj") as q:
            q.add_documents(docs)
    return folder


def test_ctrl_c_stops_a_merge_with_its_bar_drawn_and_nothing_merged(team):
    lead = team / "lead.annotproj"
    before = dump(lead)
    code, terminal = interrupted("merge", str(lead), str(team / "lina.annotproj"), str(team / "omar.annotproj"),
                                 after=f"/{2 * N_DOCS}")
    assert code == 1 and "merging" in terminal and "annotator: interrupted." in terminal
    assert "Traceback" not in terminal
    assert dump(lead) == before  # the transaction was rolled back: not one layer half-merged
    conn = sqlite3.connect(lead)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    done = subprocess.run([sys.executable, "-m", "annotator", "merge", str(lead), str(team / "lina.annotproj"),
                           str(team / "omar.annotproj")], capture_output=True, text=True)
    assert done.returncode == 0 and "1200 layers added" in done.stdout  # and it merges afterwards


def test_ctrl_c_stops_agreement_with_its_bar_drawn(team):
    merged = team / "merged.annotproj"
    if not merged.exists():
        src, dst = sqlite3.connect(team / "lead.annotproj"), sqlite3.connect(merged)
        src.backup(dst)
        src.close()
        dst.close()
        with Project.open(merged, annotator="lead") as p:
            p.merge([team / "lina.annotproj", team / "omar.annotproj"])
    before = dump(merged)
    code, terminal = interrupted("agreement", str(merged), "--annotators", "lina,omar", after=f"/{N_DOCS}")
    assert code == 1 and "comparing" in terminal and "annotator: interrupted." in terminal
    assert "Traceback" not in terminal
    assert dump(merged) == before
