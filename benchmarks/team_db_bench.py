"""A team database under load (issue 14): many annotators editing at once, against the
same on one project file, in the same run.

A throwaway PostgreSQL cluster is started as the tests start it (tests/pgcluster.py), but
durable (fsync and synchronous commit on, as a lab's server runs; the project file
baseline has synchronous=FULL).  N
annotators are separate processes, each logged in as their own role (``team
add-annotator``); each adds E spans through the Project API, one edit at a time, timing
each; afterwards every acknowledged edit is looked for in the store.  Each load runs as
fast as the clients can go (on a 2-core machine 20 busy clients share 2 cores: what is
measured there is mostly the wait for a core) and paced (each annotator's edits arrive at
random, PACE seconds apart on average: far faster than people annotate).  In-run baselines: the same load with
every client logged in as the owner (``team_one_lock``: every write takes the database's
whole lock, as each did before the lanes had their own), and on one project file.  Also measured: how
long a change takes to reach another client (``wait`` on its NOTIFY, then ``poll``), the
lead's progress query over many documents, and what the SQL translation costs (sqlglot,
once per statement, then a cache look-up).

    python benchmarks/team_db_bench.py [--quick] [--json out.json]

Where PostgreSQL is not installed the benchmark says so and writes ``{"skipped": ...}``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _common import ROOT, emit, parser

CLIENT = textwrap.dedent("""
    import json, random, sys, time
    sys.path.insert(0, {root!r})
    from annotator.core.errors import ProjectError
    from annotator.store.project import Project
    target, who, doc, edits, every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    p = Project.open(target, annotator=who)
    text = p.text(doc)
    acked, errors, lat = [], [], []
    rng = random.Random(who)
    due = time.perf_counter()
    for i in range(edits):
        start = (i * 7) % max(1, len(text) - 6)
        # independent people: edits arrive at random (Poisson), every seconds apart on average;
        # on a fixed schedule, an edit that overruns makes the next start late, never early
        due += rng.expovariate(1 / every) if every else 0.0
        time.sleep(max(0.0, due - time.perf_counter()))
        t = time.perf_counter()
        try:
            acked.append(p.add_span(doc, "PER", start, start + 5))
        except ProjectError as exc:
            errors.append(str(exc))
        lat.append(time.perf_counter() - t)
    p.close()
    print("RESULT " + json.dumps({{"acked": acked, "errors": errors, "lat": lat}}))
""")


#: The paced runs: each annotator edits every PACE seconds on average, at random moments (a
#: fast human edits every few seconds; 20 annotators at this pace are ~80 edits a second).
PACE = 0.25


def _load(store: str, targets: list[str], edits: int, docs: list[int], every: float = 0.0) -> dict:
    """Run one process of ``edits`` edits per target (annotator ``annotator<i>``; a URL
    may log in as that annotator's role), one edit every ``every`` seconds (0: at once),
    then look for every acknowledged edit in ``store`` (opened as the owner)."""
    script = CLIENT.format(root=str(ROOT))
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", script, target, f"annotator{i}", str(docs[i % len(docs)]),
                               str(edits), str(every)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i, target in enumerate(targets)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        line = [x for x in out.splitlines() if x.startswith("RESULT ")]
        if not line:
            raise RuntimeError(f"a client failed:\n{err[-2000:]}")
        results.append(json.loads(line[0][7:]))
    wall = time.perf_counter() - start
    from annotator.store.project import Project

    with Project.open(store, annotator="lead") as p:
        stored = {s.id for d in docs for s in p.spans(d, every_annotator=True)}
    acked = [sid for r in results for sid in r["acked"]]
    lat = sorted(x * 1000 for r in results for x in r["lat"])
    return {
        "edits": len(acked), "edits_lost": len(set(acked) - stored), "errors_shown": sum(len(r["errors"]) for r in results),
        "edits_per_s": len(acked) / wall, "p50_ms": lat[len(lat) // 2], "p95_ms": lat[int(len(lat) * 0.95)],
    }


def _prepare(target: str, n_docs: int, clients: int, create: bool = True) -> list[int]:
    from annotator.store.project import Project

    with (Project.create if create else Project.open)(target, annotator="lead") as p:
        ids = p.add_documents([f"وثيقة {i}: قال الرئيس محمّد في دمشق إنّ الاتفاق تمّ مع الوفد الكردي." for i in range(n_docs)]).added
    return ids[:clients]


def _appear(url: str, doc: int, rounds: int) -> list[float]:
    """Seconds from one client's commit to another client's poll() reporting it."""
    from annotator.store.project import Project

    writer = Project.open(url, annotator="writer")
    reader = Project.open(url, annotator="reader")
    reader.poll()
    out = []
    try:
        for i in range(rounds):
            t = time.perf_counter()
            writer.add_span(doc, "GPE", i % 20, i % 20 + 4)
            while not reader.db.wait(2.0):
                pass
            assert reader.poll() is not None
            out.append(time.perf_counter() - t)
    finally:
        writer.close()
        reader.close()
    return out


def _alone(url: str, doc: int, edits: int, annotator: str | None = "alone") -> dict:
    """One client alone: each edit's latency and how many statements it sends to the server
    (each ``execute`` is one round trip; a batch of statements sent at once counts one).
    ``annotator`` None: the one the URL logs in as."""
    import psycopg

    from annotator.store.project import Project

    sent = 0
    plain, many = psycopg.Cursor.execute, psycopg.Cursor.executemany

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal sent
        sent += 1
        return plain(self, *args, **kwargs)

    def counting_many(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal sent
        sent += 1
        return many(self, *args, **kwargs)

    p = Project.open(url, annotator=annotator)
    lat = []
    psycopg.Cursor.execute = counting  # type: ignore[method-assign]
    psycopg.Cursor.executemany = counting_many  # type: ignore[method-assign]
    try:
        p.add_span(doc, "PER", 0, 3)  # the statements translated once, before timing
        sent = 0
        for i in range(edits):
            t = time.perf_counter()
            p.add_span(doc, "PER", i % 20, i % 20 + 3)
            lat.append(time.perf_counter() - t)
    finally:
        psycopg.Cursor.execute, psycopg.Cursor.executemany = plain, many  # type: ignore[method-assign]
        p.close()
    return {"alone_p50_ms": statistics.median(lat) * 1000, "alone_round_trips_per_edit": sent / edits}


def _progress(target: str, reps: int = 5) -> float:
    from annotator.store.project import Project

    with Project.open(target, annotator="lead") as p:
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            p.progress()
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _translation() -> dict:
    from annotator.store import sqlpg

    statements = [
        "SELECT s.id, s.document_id, a.name, s.label, s.surface, f.start, f.end FROM spans s JOIN annotators a "
        "ON a.id = s.annotator_id JOIN fragments f ON f.span_id = s.id WHERE s.document_id = ? AND s.annotator_id IS ? "
        "ORDER BY s.start, s.end, s.id, f.seq",
        "INSERT INTO spans(document_id, annotator_id, label, start, end, surface, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        "INSERT OR IGNORE INTO stance_evidence(stance_id, span_id) VALUES (?, ?)",
        "UPDATE document_status SET seconds = max(seconds, ?) WHERE document_id = ? AND annotator_id = ?",
    ]
    sqlpg.translate.cache_clear()
    t = time.perf_counter()
    for s in statements:
        sqlpg.translate(s)
    cold = (time.perf_counter() - t) / len(statements) * 1000
    t = time.perf_counter()
    for _ in range(10000):
        for s in statements:
            sqlpg.translate(s)
    warm = (time.perf_counter() - t) / (10000 * len(statements)) * 1e6
    return {"translate_cold_ms": cold, "translate_cached_us": warm}


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.pgcluster import Cluster, find_problem

    problem = find_problem()
    if problem:
        print(f"skipped: {problem}")
        if args.json:
            Path(args.json).write_text(json.dumps({"skipped": problem}), encoding="utf-8")
        return
    clients, edits, n_docs = (4, 40, 1000) if args.quick else (20, 500, 100_000)
    one_role_edits = edits if args.quick else 100  # taking turns is slow: fewer edits for the same picture
    metrics: dict = {"clients": clients, "edits_each": edits, "paced_every_ms": PACE * 1000}
    cluster = Cluster(durable=True).start()  # commits wait for the disk, as on a lab's server
    try:
        from annotator.store import lanes

        url = cluster.url("bench")
        docs = _prepare(url, clients, clients)
        roles = []
        for i in range(clients):  # each annotator logs in as themselves, as in a lab
            lanes.add_annotator(url, f"annotator{i}", f"pw-{i}")
            roles.append(cluster.url("bench", f"annotator{i}", f"pw-{i}"))
        metrics.update(_alone(url, docs[0], 50 if args.quick else 300))
        metrics.update({f"role_{k}": v for k, v in _alone(roles[0], docs[0], 50 if args.quick else 300, None).items()})
        # every annotator in their own lane; then the in-run baseline: all through the
        # owner's login, whose writes take the whole database's lock (as every write did before)
        for k, v in _load(url, roles, edits, docs).items():
            metrics[f"team_{k}"] = v
        for k, v in _load(url, roles, edits, docs, PACE).items():
            metrics[f"team_paced_{k}"] = v
        for k, v in _load(url, [url] * clients, one_role_edits, docs).items():
            metrics[f"team_one_lock_{k}"] = v
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "bench.annotproj")
            fdocs = _prepare(path, clients, clients)
            for k, v in _load(path, [path] * clients, edits, fdocs).items():
                metrics[f"file_{k}"] = v
            for k, v in _load(path, [path] * clients, edits, fdocs, PACE).items():
                metrics[f"file_paced_{k}"] = v
            appear = _appear(url, docs[0], 10 if args.quick else 50)
            metrics["appear_p50_ms"] = statistics.median(appear) * 1000
            metrics["appear_max_ms"] = max(appear) * 1000
            _prepare(url, n_docs - clients, 0, create=False)
            _prepare(path, n_docs - clients, 0, create=False)
            metrics["documents"] = n_docs
            metrics["team_progress_ms"] = _progress(url)
            metrics["file_progress_ms"] = _progress(path)
        metrics.update(_translation())
    finally:
        cluster.stop()
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
