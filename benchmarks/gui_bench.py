"""The annotation window, offscreen: opening a document and adding or removing one span,
on a 5 MB Arabic document with 100,000 spans and on a 50 KB one with the same density;
labelling every match of a word at once (label-all) and undoing and redoing that; and a
project of 100,000 documents: opening it, and the next and previous document at the
start, middle and end of its list, unfiltered and filtered by status (back and forth, and
a walk of a page and a bit, which crosses into a page of the list not read yet).

    python benchmarks/gui_bench.py [--quick] [--json PATH] [--only many] [--docs N]

In-run baselines: a bare QPlainTextEdit given the same text (open; issue 12's baseline),
and the same with every span as an ExtraSelection (open, and one more highlight).
Open is timed twice: to the first paint (the text, and the spans on screen: how many
is reported) and until all spans are loaded and painted.
Targets (issues 3 and 12): open within 1.5 s and within 3x the bare QPlainTextEdit; add
and remove within 16 ms at p95 with no growth from 50 KB to 5 MB; a bulk edit (label-all
of 5,000 matches, its undo and redo) never blocks the GUI more than 50 ms; next/previous
document within 30 ms anywhere in the list, filtered or not; the 100,000-document
project's window and document list within 1 s, under 300 MB.  "Suggest as I work" is
off (its retraining thread holds the GIL on a 5 MB document: issue 13).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import ROOT, corpus_sentences, emit, parser  # noqa: E402

LABELS = ("PER", "ORG", "GPE", "LOC", "FAC", "DATE")


def peak_mb() -> float:
    """Return this process's peak resident memory so far, in MB (VmHWM: unlike
    ``ru_maxrss`` it does not carry a parent's peak across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_text(target_bytes: int, seed: int = 3) -> str:
    """Return Arabic text of about ``target_bytes`` UTF-8 bytes: corpus sentences, three a
    paragraph."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    parts, size = [], 0
    while size < target_bytes:
        para = " ".join(rng.choice(sentences) for _ in range(3))
        parts.append(para)
        size += len(para.encode("utf-8")) + 1
    return "\n".join(parts)


def build_spans(text: str, n: int, seed: int = 5) -> list[tuple[str, int, int]]:
    """Return ``n`` spans over whole words (1-3 words each); about one in five nests in or
    overlaps another."""
    from annotator.core.text import words

    rng = random.Random(seed)
    ws = list(words(text))
    spans = []
    for _ in range(n):
        i = rng.randrange(len(ws) - 3)
        j = i + rng.choice((0, 0, 1, 2))
        spans.append((rng.choice(LABELS), ws[i][0], ws[j][1]))
    return spans


def make_project(folder: Path, text: str, spans: list[tuple[str, int, int]], name: str) -> tuple[Path, int]:
    from annotator.core.model import Annotations, Document, Span
    from annotator.store.project import Project

    path = folder / f"{name}.annotproj"
    with Project.create(path, annotator="bench") as p:
        doc = Document(text=text, name=name, annotations={"": Annotations(spans=[Span(label, [(s, e)]) for label, s, e in spans])})
        p.add_documents([doc], annotator="bench")
        other = p.add_documents([{"text": "وثيقة أخرى قصيرة", "name": "other"}]).added[0]
        doc_id = next(d.id for d in p.documents(0, 10) if d.name == name)
    assert other
    return path, doc_id


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def wait(app, cond, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not cond():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the window did not get ready")
        time.sleep(0.0005)


def bench_window(app, settings, path: Path, doc_id: int, edits: int) -> dict[str, float]:
    """Open ``doc_id`` in a main window; time open + first paint, then add and remove."""
    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import Project

    project = Project.open(path, annotator="bench")
    window = MainWindow(project, settings)
    window.suggestions.enabled.setChecked(False)
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: window.ready)
    other = next(d.id for d in project.documents(0, 10) if d.id != doc_id)
    window.open_document(other)
    wait(app, lambda: window.ready)
    view = window.view
    t0 = time.perf_counter()
    window.open_document(doc_id)
    view.viewport().repaint()
    t_text = time.perf_counter() - t0
    first_spans = len(view.painter.hits)  # the spans on screen, drawn in the first paint
    wait(app, lambda: window.ready)
    view.viewport().repaint()
    t_open = time.perf_counter() - t0
    rng = random.Random(11)
    label_all = 5000 if len(window.text) > 1_000_000 else 200
    adds, removes, api = [], [], []
    text = window.text
    for k in range(edits):
        view.reveal(rng.randrange(len(text)))
        app.processEvents()
        blocks = view.visible_blocks()
        lo, hi = blocks[0].start, blocks[-1].end
        s = rng.randrange(lo, max(lo + 1, hi - 20))
        while s < hi - 20 and not text[s].isalpha():  # start on a letter: a selection of
            s += 1                                     # dots and spaces snaps to no word
        view.select_range(s, s + 8, reveal=False)
        app.processEvents()
        t = time.perf_counter()
        window.apply_label(LABELS[k % len(LABELS)])
        app.processEvents()  # paints what changed: the view's lines, the lists
        adds.append(time.perf_counter() - t)
        sid = view.selected_span
        t = time.perf_counter()
        window.delete_span()
        app.processEvents()
        removes.append(time.perf_counter() - t)
        t = time.perf_counter()
        extra = project.add_span(doc_id, "PER", s, s + 8)
        api.append(time.perf_counter() - t)
        project.delete_span(extra)
        assert sid is not None
    if os.environ.get("GUI_BENCH_DEBUG"):
        print("adds", [round(x * 1000, 1) for x in sorted(adds)][-12:])
        print("removes", [round(x * 1000, 1) for x in sorted(removes)][-12:])
    bulk = bench_label_all(app, window, label_all)
    window.shutdown()
    window.deleteLater()
    project.close()
    app.processEvents()
    return {
        "open_text_paint_s": t_text,
        "open_first_paint_spans_drawn": first_spans,
        "open_with_spans_s": t_open,
        "add_p50_ms": pct(adds, 50) * 1000,
        "add_p95_ms": pct(adds, 95) * 1000,
        "remove_p50_ms": pct(removes, 50) * 1000,
        "remove_p95_ms": pct(removes, 95) * 1000,
        "api_add_span_p50_ms": pct(api, 50) * 1000,
        **bulk,
        "peak_mb": peak_mb(),
    }


def longest_block(app, call, done) -> float:
    """Run ``call`` from the event loop and keep the loop turning until ``done()``; return
    the longest the GUI thread went without turning: the largest gap between the ticks of
    a 1 ms timer (so work that turns the loop itself, in slices, is seen as slices)."""
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    wait(app, lambda: len(ticks) >= 3)
    QTimer.singleShot(0, call)
    end = time.perf_counter() + 120
    while time.perf_counter() < end:
        app.processEvents()
        if done() and ticks and ticks[-1] > time.perf_counter() - 0.05:
            break
        time.sleep(0.0005)
    for _ in range(20):  # a few more ticks after it is done
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def bench_label_all(app, window, n: int) -> dict[str, float]:
    """Label ``n`` matches of a frequent word at once, then undo and redo that."""
    from annotator.core.text import NormalizedText, words
    from annotator.gui.window.workers import find_hits

    text = window.text
    counts: dict[str, int] = {}
    for s, e in words(text):
        if e - s >= 4:
            counts[text[s:e]] = counts.get(text[s:e], 0) + 1
    word = max(counts, key=counts.__getitem__)
    hits = find_hits(NormalizedText(text), word)[:n]
    before = len(window.view.store)
    block = longest_block(app, lambda: window.label_all("FAC", hits),
                          lambda: len(window.view.store) > before)
    added = len(window.view.store) - before
    undo = longest_block(app, window.undo, lambda: len(window.view.store) == before)
    redo = longest_block(app, window.redo, lambda: len(window.view.store) == before + added)
    assert added > 0 and len(window.view.store) == before + added
    return {"label_all_matches": float(added), "label_all_block_ms": block * 1000, "label_all_undo_block_ms": undo * 1000,
            "label_all_redo_block_ms": redo * 1000}


def bench_baseline(app, text: str, spans: list[tuple[str, int, int]], edits: int) -> dict[str, float]:
    """A bare QPlainTextEdit with every span as an ExtraSelection."""
    from PySide6.QtGui import QBrush, QColor, QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    from annotator.core.text import Utf16Index

    u16 = Utf16Index(text)
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.resize(1000, 800)
    edit.show()
    brush = QBrush(QColor(255, 200, 0, 90))
    t0 = time.perf_counter()
    edit.setPlainText(text)
    edit.viewport().repaint()
    t_bare = time.perf_counter() - t0
    edit.setPlainText("")
    app.processEvents()

    def selection(s: int, e: int) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(u16.to_utf16(s))
        cursor.setPosition(u16.to_utf16(e), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format.setBackground(brush)
        return sel

    t0 = time.perf_counter()
    edit.setPlainText(text)
    selections = [selection(s, e) for _, s, e in spans]
    edit.setExtraSelections(selections)
    edit.viewport().repaint()
    t_open = time.perf_counter() - t0
    rng = random.Random(13)
    times = []
    for _ in range(edits):
        s = rng.randrange(len(text) - 10)
        t = time.perf_counter()
        selections.append(selection(s, s + 8))
        edit.setExtraSelections(selections)
        edit.viewport().repaint()
        times.append(time.perf_counter() - t)
    edit.close()
    edit.deleteLater()
    app.processEvents()
    return {"bare_open_s": t_bare, "baseline_open_s": t_open, "baseline_highlight_p50_ms": pct(times, 50) * 1000,
            "baseline_highlight_p95_ms": pct(times, 95) * 1000}


def many_documents_child(path: str) -> None:
    """(Child process) open the big project; print seconds until the list shows, peak MB."""
    t0 = time.perf_counter()
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import create_application
    from annotator.gui.app.settings import AppSettings
    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import Project

    app = create_application()
    settings = AppSettings(QSettings(path + ".ini", QSettings.Format.IniFormat))
    window = MainWindow(Project.open(path, annotator="bench"), settings)
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: window.ready)
    window.documents_panel.view.viewport().repaint()
    window.view.viewport().repaint()
    shown = time.perf_counter() - t0
    t = time.perf_counter()
    panel = window.documents_panel.view
    for frac in (0.5, 0.99, 0.25):
        panel.verticalScrollBar().setValue(int(panel.verticalScrollBar().maximum() * frac))
        panel.viewport().repaint()
    scroll = (time.perf_counter() - t) / 3
    rows = window.doc_model.rowCount()
    steps = bench_steps(app, window)
    window.shutdown()
    print(" ".join(f"{k}={v}" for k, v in steps.items()))
    print(f"{shown} {peak_mb()} {rows} {scroll}")


def bench_steps(app, window) -> dict[str, float]:
    """Next and previous document (the keys' commands, until the spans are shown) at the
    start, middle and end of the list, unfiltered and filtered by status: back and forth
    (p95), and a walk forward of a page and a bit, so that one step goes to a row whose
    page of the list is not read yet (max); worst of the positions, in ms."""
    out: dict[str, float] = {}

    def step(delta: int) -> float:
        t = time.perf_counter()
        window.step_document(delta)
        wait(app, lambda: window.ready)
        app.processEvents()  # what the step left for the event loop (layouts, paints, timers due) is GUI time too
        window.documents_panel.view.viewport().repaint()
        return time.perf_counter() - t

    for tag, status in (("unfiltered", None), ("filtered", "in_progress")):
        combo = window.documents_panel.status  # the panel's status filter, as the user sets it
        combo.setCurrentIndex(combo.findData(status))
        app.processEvents()
        rows = window.doc_model.rowCount()
        walk = window.doc_model.PAGE + 10
        worst = worst_walk = 0.0
        for frac in (0.01, 0.5, 0.99):
            info = window.doc_model.info(int(rows * frac))
            window.open_document(info.id)
            wait(app, lambda: window.ready)
            times = [step(1 if k % 2 == 0 else -1) for k in range(20)]
            worst = max(worst, pct(times, 95))
            out[f"step_{tag}_at_{int(frac * 100)}pct_p95_ms"] = round(pct(times, 95) * 1000, 3)
            info = window.doc_model.info(min(int(rows * frac), max(0, rows - walk - 1)))
            window.open_document(info.id)
            wait(app, lambda: window.ready)
            walked = max(step(1) for _ in range(walk))
            worst_walk = max(worst_walk, walked)
            out[f"step_{tag}_at_{int(frac * 100)}pct_walk_max_ms"] = round(walked * 1000, 3)
        out[f"step_{tag}_worst_p95_ms"] = round(worst * 1000, 3)
        out[f"step_{tag}_walk_worst_max_ms"] = round(worst_walk * 1000, 3)
    return out


def bench_many_documents(folder: Path, n: int) -> dict[str, float]:
    from annotator.store.project import Project

    rng = random.Random(17)
    sentences = corpus_sentences()
    path = folder / "many.annotproj"
    with Project.create(path, annotator="bench") as p:
        docs = [{"text": f"{i}: " + rng.choice(sentences) + " " + rng.choice(sentences), "name": f"doc{i:06d}"} for i in range(n)]
        p.add_documents(docs)
        # every other document in progress (for the filtered list): written directly, one
        # transaction, as 50,000 undoable edits would take minutes
        aid = p.annotator_id()
        p.conn.executemany("INSERT INTO document_status(document_id, annotator_id, status, updated_at) VALUES (?, ?, 'in_progress', '')",
                           [(d, aid) for (d,) in p.conn.execute("SELECT id FROM documents WHERE id % 2 = 0").fetchall()])
        p.conn.commit()
    out = subprocess.run([sys.executable, __file__, "--child-many", str(path)], capture_output=True, text=True, check=True)
    lines = out.stdout.split("\n")
    shown, peak, rows, scroll = out.stdout.split()[-4:]
    steps = {k: float(v) for k, v in (kv.split("=") for kv in lines[-3].split())} if len(lines) >= 3 else {}
    assert int(rows) == n
    return {"many_documents": n, "many_window_and_list_s": float(shown), "many_peak_mb": float(peak),
            "many_list_jump_and_paint_ms": float(scroll) * 1000, **steps}


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--only", choices=["many"], help="run only one part: many, the 100,000-document project")
    p.add_argument("--docs", type=int, help="documents of the many-documents project (default 100,000, --quick 2,000)")
    args = p.parse_args()
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import create_application
    from annotator.gui.app.settings import AppSettings

    big_bytes, big_spans, n_docs, edits = ((200_000, 4_000, 2_000, 40) if args.quick else (5_000_000, 100_000, 100_000, 200))
    n_docs = args.docs or n_docs
    small_bytes = 50_000
    metrics: dict[str, float | int] = {}
    if args.only == "many":
        with tempfile.TemporaryDirectory() as tmp:
            for k, v in bench_many_documents(Path(tmp), n_docs).items():
                metrics[k] = round(v, 3) if isinstance(v, float) else v
        print(f"annotation window, offscreen: a project of {n_docs:,} documents:")
        emit(metrics, args.json)
        return
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        for tag, size in (("small", small_bytes), ("big", big_bytes)):
            text = build_text(size)
            n = max(1, round(big_spans * size / big_bytes))
            spans = build_spans(text, n)
            path, doc = make_project(folder, text, spans, tag)
            metrics[f"{tag}_bytes"] = len(text.encode("utf-8"))
            metrics[f"{tag}_spans"] = n
            for k, v in bench_window(app, settings, path, doc, edits).items():
                metrics[f"{tag}_{k}"] = round(v, 3)
            for k, v in bench_baseline(app, text, spans, edits).items():
                metrics[f"{tag}_{k}"] = round(v, 3)
        for k, v in bench_many_documents(folder, n_docs).items():
            metrics[k] = round(v, 3) if isinstance(v, float) else v
    metrics["add_p95_growth_big_over_small"] = round(metrics["big_add_p95_ms"] / max(metrics["small_add_p95_ms"], 1e-9), 2)
    metrics["remove_p95_growth_big_over_small"] = round(metrics["big_remove_p95_ms"] / max(metrics["small_remove_p95_ms"], 1e-9), 2)
    metrics["open_ratio_to_baseline_big"] = round(metrics["big_open_with_spans_s"] / metrics["big_baseline_open_s"], 2)
    metrics["open_ratio_to_bare_big"] = round(metrics["big_open_with_spans_s"] / metrics["big_bare_open_s"], 2)
    metrics["first_paint_ratio_to_bare_big"] = round(metrics["big_open_text_paint_s"] / metrics["big_bare_open_s"], 2)
    print(f"annotation window, offscreen ({edits} adds and removes per document):")
    emit(metrics, args.json)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child-many":
        sys.path.insert(0, str(ROOT))
        many_documents_child(sys.argv[2])
    else:
        main()
