"""File → Import and File → Export in the window, offscreen: does the window stay
responsive while 10,000 documents with 200,000 spans go in and come out?

    python benchmarks/transfer_bench.py [--quick] [--json PATH]

A timer on the GUI thread ticks every 5 ms while the job runs; the longest gap between
two ticks is how long the window could not react (a paint, a click on Cancel).  In-run
baseline: the same import and export called on the GUI thread, which freezes the window
for their whole duration.  Also: the wall time through the window against the plain API
call, and what the export dialog's live document count costs on the GUI thread.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import build_documents, emit, parser  # noqa: E402

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "DATE")


def write_jsonl(path: Path, n: int, spans_per_doc: int) -> int:
    """Write ``n`` documents with ``spans_per_doc`` word spans each (by 'lina'); return spans."""
    from annotator.core.text import words

    rng = random.Random(11)
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(build_documents(n, 1000)):
            ws = list(words(text))
            picked = sorted(rng.sample(range(len(ws)), min(spans_per_doc, len(ws))))
            spans = [{"id": f"T{k}", "label": rng.choice(LABELS), "fragments": [[ws[j][0], ws[j][1]]],
                      "surfaces": [text[ws[j][0]:ws[j][1]]]} for k, j in enumerate(picked)]
            total += len(spans)
            fh.write(json.dumps({"name": f"d{i:05}", "text": text, "annotations": [
                {"annotator": "lina", "status": "done", "spans": spans}]}, ensure_ascii=False) + "\n")
    return total


class Ticks:
    """A 5 ms timer on the GUI thread, recording when it fires."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def __enter__(self) -> Ticks:
        self.times.clear()
        self.start = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()
        self.end = time.perf_counter()

    def gaps_ms(self) -> list[float]:
        points = [self.start, *self.times, self.end]
        return [(b - a) * 1000 for a, b in zip(points, points[1:], strict=False)]


def through_window(app, window, start) -> tuple[float, list[float]]:
    """Run a job started by ``start()``; return its wall time and the GUI thread's gaps."""
    with Ticks() as ticks:
        start()
        while window.job is not None:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
    return ticks.end - ticks.start, ticks.gaps_ms()


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 100 else max(values)


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n = 500 if args.quick else 10_000
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import create_application
    from annotator.gui.app.settings import AppSettings
    from annotator.gui.transfer.export_dialog import ExportDialog, ExportRequest
    from annotator.gui.transfer.import_dialog import ImportRequest
    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import Project
    from annotator.transfer.export import export_project

    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        data = tmp_path / "corpus.jsonl"
        spans = write_jsonl(data, n, 20)
        # baseline: the same work on the GUI thread (the window frozen throughout)
        with Project.create(tmp_path / "base.annotproj", annotator="lina") as base:
            t = time.perf_counter()
            base.import_files([data])
            base_import = time.perf_counter() - t
            t = time.perf_counter()
            export_project(base, "conll", tmp_path / "base-out", annotator="lina", split="0.8,0.1,0.1")
            base_export = time.perf_counter() - t
        project = Project.create(tmp_path / "p.annotproj", annotator="lina")
        project.add_documents(["وثيقة أولى قبل الاستيراد"])
        settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(project, settings)
        window.resize(1200, 800)
        window.show()
        while not window.ready:
            app.processEvents()
        imp_wall, imp_gaps = through_window(app, window, lambda: window.start_import(ImportRequest(paths=[str(data)])))
        assert project.count_documents() == n + 1, "the import did not finish"
        exp_wall, exp_gaps = through_window(app, window, lambda: window.start_export(
            ExportRequest(format="conll", out=str(tmp_path / "out"), annotator="lina", split={"train": 0.8, "dev": 0.1, "test": 0.1})))
        assert (tmp_path / "out" / "manifest.json").is_file(), "the export did not finish"
        counts = []
        for _ in range(7):  # the export dialog's count, which runs on a thread of its own
            t = time.perf_counter()
            project.export_document_ids(annotators=["lina"], touched=True)
            counts.append(time.perf_counter() - t)
        t = time.perf_counter()
        dialog = ExportDialog(project, "en", window)
        open_dialog = time.perf_counter() - t
        while dialog.counted is None:
            app.processEvents()
        dialog.done(0)
        window.shutdown()
        project.close()
    emit({
        "documents": n, "spans": spans,
        "import_through_window_s": round(imp_wall, 3),
        "import_on_gui_thread_s (baseline)": round(base_import, 3),
        "import_longest_gui_gap_ms": round(max(imp_gaps), 1),
        "import_p99_gui_gap_ms": round(p99(imp_gaps), 1),
        "export_conll_through_window_s": round(exp_wall, 3),
        "export_conll_on_gui_thread_s (baseline)": round(base_export, 3),
        "export_longest_gui_gap_ms": round(max(exp_gaps), 1),
        "export_p99_gui_gap_ms": round(p99(exp_gaps), 1),
        "gui_gap_ratio_import (baseline freeze / longest gap)": round(base_import * 1000 / max(imp_gaps), 1),
        "gui_gap_ratio_export (baseline freeze / longest gap)": round(base_export * 1000 / max(exp_gaps), 1),
        "export_dialog_count_query_ms (on its thread)": round(statistics.median(counts) * 1000, 2),
        "export_dialog_open_ms": round(open_dialog * 1000, 1),
    }, args.json)


if __name__ == "__main__":
    main()
