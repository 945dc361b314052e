"""Kill a writer at random, many times: every edit it acknowledged must be in the file.

Each round starts a writer process on one project file (a second process reads it at the
same time, as the window's reader or a CLI would), lets it add, relabel and undo spans,
printing each edit only after the Project API returned, and SIGKILLs it after a random
delay.  Then the file is checked: ``integrity_check`` is ok, every acknowledged span is
there with its acknowledged label, every acknowledged undo is undone, nothing else exists.

    python benchmarks/kill_bench.py [--quick] [--json PATH] [--rounds N]
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _common import ROOT, emit, parser

from annotator.store.project import Project

WRITER = textwrap.dedent(
    """
    import random, sys
    from annotator.store.project import Project
    p = Project.open(sys.argv[1], annotator="lina")
    doc, rng = int(sys.argv[2]), random.Random(int(sys.argv[3]))
    mine = []
    while True:
        r = rng.random()
        if r < 0.6 or not mine:
            s = rng.randrange(0, 50)
            print("try add PER", flush=True)
            sid = p.add_span(doc, "PER", s, s + rng.randrange(1, 6))
            mine.append(sid)
            print("ok add", sid, "PER", flush=True)
        elif r < 0.8:
            live = {x.id: x.label for x in p.spans(doc)}
            if not live:
                continue
            sid = rng.choice(sorted(live))
            label = rng.choice([x for x in ("ORG", "GPE", "PER") if x != live[sid]])
            print("try relabel", sid, label, flush=True)
            p.relabel_span(sid, label)
            print("ok relabel", sid, label, flush=True)
        elif p.can_undo:
            print("try undo", flush=True)
            step = p.undo()
            print("ok undo", ",".join(map(str, step.changes.ids("spans"))), flush=True)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from annotator.store.project import Project
    p = Project.open(sys.argv[1], annotator="reader")
    while True:
        p.poll(); p.stats(); time.sleep(0.01)
    """
)


def one_round(tmp: Path, seed: int, rng: random.Random) -> tuple[int, int, int]:
    """Return (edits acknowledged, edits lost, integrity failures) of one killed writer."""
    path = tmp / f"kill{seed}.annotproj"
    with Project.create(path, annotator="lead") as p:
        doc = p.add_documents(["قال الرئيس محمّد في دمشق إنّ الاتفاق 🇸🇾 تمّ مع Reuters يوم ٢٠٢٤ في الصباح الباكر."]).added[0]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(doc), str(seed)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.6 + rng.random() * 1.5)  # start-up, then a random moment mid-edit
    writer.send_signal(signal.SIGKILL)
    out, _err = writer.communicate()
    reader.kill()
    reader.wait()
    # replay what was acknowledged; an undo names the spans it touched
    acked: dict[int, str | None] = {}
    history: list[tuple[int, str | None]] = []  # span, label before the edit
    lines = out.splitlines()
    in_flight: list[str] = []
    for line in lines:
        parts = line.split()
        if parts[0] == "try":
            in_flight = parts[1:]
            continue
        in_flight = []
        if parts[1] == "add":
            acked[int(parts[2])] = parts[3]
            history.append((int(parts[2]), None))
        elif parts[1] == "relabel":
            sid = int(parts[2])
            history.append((sid, acked.get(sid)))
            acked[sid] = parts[3]
        elif parts[1] == "undo":
            sid, before = history.pop()
            assert parts[2] == str(sid), (parts, sid)
            acked[sid] = before
    expected = {sid: label for sid, label in acked.items() if label is not None}
    # the edit in flight at the kill may or may not be committed: both states are whole
    alternative = dict(acked)
    new_label = None
    if in_flight and in_flight[0] == "relabel":
        alternative[int(in_flight[1])] = in_flight[2]
    elif in_flight and in_flight[0] == "undo" and history:
        sid, before = history[-1]
        alternative[sid] = before
    elif in_flight and in_flight[0] == "add":
        new_label = in_flight[1]
    alternative = {sid: label for sid, label in alternative.items() if label is not None}
    conn = sqlite3.connect(path)
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = dict(conn.execute("SELECT id, label FROM spans").fetchall())
    conn.close()
    extra = {sid: label for sid, label in stored.items() if sid not in expected}
    if new_label is not None and list(extra.values()) == [new_label]:
        stored = {sid: label for sid, label in stored.items() if sid in expected}
    whole = stored in (expected, alternative)
    lost = 0 if whole else sum(1 for sid, label in expected.items() if stored.get(sid) != label) or 1
    return sum(1 for line in lines if line.startswith("ok")), lost, 0 if ok else 1


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=50)
    args = p.parse_args()
    rounds = 3 if args.quick else args.rounds
    rng = random.Random(11)
    acked = lost = broken = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(rounds):
            a, lo, b = one_round(Path(tmp), seed, rng)
            acked, lost, broken = acked + a, lost + lo, broken + b
    print(f"{rounds} writers killed at random moments")
    emit({"rounds": rounds, "edits_acknowledged": acked, "edits_lost": lost, "files_corrupt": broken}, args.json)
    if lost or broken:
        sys.exit(1)


if __name__ == "__main__":
    main()
