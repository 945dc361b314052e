"""Adjudication in the window, offscreen: one document annotated by lina and omar (omar
relabels, drops or shortens about one span in six), adjudicated.

    python benchmarks/adjudication_bench.py [--quick] [--json PATH]

Measured: ``Project.adjudication`` and ``Project.agreement`` (both run on the team
thread, so they cost the window nothing but latency), the GUI-thread part of showing the
adjudication (the list and the marks), ``accept_agreed`` (an edit on the GUI thread), the
whole round trip from Ctrl+Shift+A to the panel showing the document, and a repaint of the
view with the marks.  In-run baseline: the same repaint with the marks off (the window as
it is when not adjudicating); the ratio says what the marks cost a frame.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import build_documents, emit, parser  # noqa: E402

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "DATE")


def make_project(path: Path, chars: int) -> tuple[object, int, int]:
    """Return (project, document id, spans per annotator): one document of about
    ``chars`` characters, a span on about one token in six for lina, omar's version of it."""
    from annotator.core.text import tokens
    from annotator.store.project import Project

    (text,) = build_documents(1, chars, seed=11)
    project = Project.create(path, annotator="lead")
    doc = project.add_documents([{"text": text, "name": "big"}]).added[0]
    rng = random.Random(5)
    lina = [(rng.choice(LABELS), s, e) for s, e in tokens(text) if rng.random() < 0.16]
    omar = []
    for label, s, e in lina:
        r = rng.random()
        if r < 0.06:
            continue  # left out
        if r < 0.12:
            label = rng.choice(LABELS)  # relabelled
        elif r < 0.17 and e - s > 2:
            e -= 1  # shorter
        omar.append((label, s, e))
    for who, spans in (("lina", lina), ("omar", omar)):
        with project.macro(who):
            for label, s, e in spans:
                project.add_span(doc, label, s, e, annotator=who)
            project.set_status(doc, "done", annotator=who)
    return project, doc, len(lina)


def timed(fn, repeat: int = 1) -> float:
    """Return the median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def wait(app, until, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not until() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def run(size: str, chars: int, folder: Path, app) -> dict[str, float]:
    from PySide6.QtCore import QSettings

    from annotator.gui.app.settings import AppSettings
    from annotator.gui.team.adjudication_model import mark_index
    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import GOLD

    project, doc, spans = make_project(folder / f"{size}.annotproj", chars)
    out: dict[str, float] = {f"{size}_chars": len(project.text(doc)), f"{size}_spans_per_annotator": spans}
    out[f"{size}_adjudication_s"] = timed(lambda: project.adjudication(doc), 3)
    out[f"{size}_agreement_s"] = timed(lambda: project.agreement(), 3)
    settings = AppSettings(QSettings(str(folder / f"{size}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(project, settings)
    window.resize(1400, 900)
    window.show()
    wait(app, lambda: window.ready)
    panel = window.team.panel
    t = time.perf_counter()
    window.team.adjudicate.trigger()
    wait(app, lambda: window.ready and panel.settled() and panel.adjudication is not None)
    out[f"{size}_enter_adjudication_s"] = time.perf_counter() - t
    adjudication = panel.adjudication
    out[f"{size}_items"] = len(adjudication.items)
    out[f"{size}_disagreements"] = len(adjudication.disagreements)
    index = mark_index(adjudication.items)  # made on the team thread with the adjudication
    out[f"{size}_show_on_gui_thread_ms"] = timed(lambda: panel._show(adjudication, index), 3) * 1000
    viewport = window.view.viewport()
    out[f"{size}_repaint_with_marks_ms"] = timed(viewport.repaint, 20) * 1000
    panel.marks.set_votes([])
    out[f"{size}_baseline_repaint_ms"] = timed(viewport.repaint, 20) * 1000
    panel.marks.set_votes(adjudication.items)
    out[f"{size}_repaint_ratio_to_baseline"] = out[f"{size}_repaint_with_marks_ms"] / out[f"{size}_baseline_repaint_ms"]
    t = time.perf_counter()
    panel.accept_agreed()
    out[f"{size}_accept_agreed_s"] = time.perf_counter() - t
    wait(app, lambda: window.ready and panel.settled())
    out[f"{size}_gold_spans"] = len(project.spans(doc, GOLD))
    window.shutdown()
    window.close()
    project.close()
    return out


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    from annotator.gui.app.app import create_application

    app = create_application()
    sizes = {"small": 50_000} if args.quick else {"small": 50_000, "big": 1_000_000}
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size, chars in sizes.items():
            results.update(run(size, chars, Path(tmp), app))
    emit(results, args.json)


if __name__ == "__main__":
    main()
