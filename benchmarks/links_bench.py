"""Events, relations and stances in the annotation window, offscreen: every single edit of
issue 12 timed on the GUI thread as the user makes it (keys, the real picker), on
documents with 0 to 10,000 events.

    python benchmarks/links_bench.py [--quick] [--json PATH]

Documents: a news-sized one (50 KB, 1,000 spans) and the 5 MB one of gui_bench.py
(100,000 spans), each with 0 events (the in-run baseline) and with more: 50 on the news
one; 100, 1,000 and 10,000 on the big one (each event with 2 arguments, plus relations,
stances with evidence and span attributes).  Each round times, key or call to the
window painting what changed: adding a span, relabelling it, deleting it, marking a
trigger with its event (one key), starting the argument picker (its candidates),
taking the candidate with Enter (an argument), linking two spans through the picker
(a relation), adding a stance, undo and redo.  Also the full read-and-check
(``LinkController.refresh(force=True)``) and a repaint with the arrows drawn.

Targets (issue 12): every single edit <= 16 ms p95, and flat: the p95 at 10,000 events
no more than that at 0 events plus a few ms (``*_growth_ms``).  "Suggest as I work" is
off: its retraining thread holds the GIL on a 5 MB document (issue 13's to solve).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import emit, parser  # noqa: E402
from gui_bench import LABELS, build_spans, build_text, make_project, pct, peak_mb, wait  # noqa: E402

OPS = ("add_span", "relabel", "delete", "add_event", "pick_start", "add_argument", "add_relation", "add_stance",
       "undo", "redo")


def add_links(path: Path, doc: int, events: int, relations: int, stances: int, seed: int = 19) -> None:
    """Give the document events, relations, stances and attributes near its spans."""
    from annotator.core.text import words
    from annotator.store.project import Project

    rng = random.Random(seed)
    with Project.open(path, annotator="bench") as p:
        rows = p.span_rows(doc)
        by_label: dict[str, list[tuple[int, int]]] = {}
        for sid, label, frags in rows:
            by_label.setdefault(label, []).append((frags[0][0], sid))
        movers = sorted(by_label["ORG"] + by_label["GPE"] + by_label["PER"])
        places = sorted(by_label["GPE"] + by_label["LOC"] + by_label["FAC"])
        text = p.text(doc)
        ws = list(words(text))
        with p.macro("links"):
            for _ in range(events):
                i = rng.randrange(len(movers) - 1)
                w = ws[rng.randrange(len(ws))]
                p.add_event(doc, "Movement", (w[0], w[1]), [("Mover", movers[i][1]), ("Origin", places[rng.randrange(len(places))][1])])
            for _ in range(relations):
                p.add_relation("LocatedIn", rng.choice(by_label["FAC"])[1], rng.choice(by_label["GPE"])[1])
            for _ in range(stances):
                s = rng.randrange(len(text) - 30)
                p.add_stance(doc, "FAVOR", rng.choice(by_label["ORG"])[1], holder=rng.choice(by_label["GPE"])[1],
                             evidence=[(s, s + 20)])
            for sid, _, _ in rng.sample(rows, min(1000, len(rows))):
                if p.span_row(sid)[1] in ("PER", "ORG", "GPE", "LOC", "FAC"):
                    p.set_attribute("span", sid, "Specificity", "specific")
        p.history.clear()


def bench(app, settings, path: Path, doc: int, rounds: int) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from annotator.gui.window.main_window import MainWindow
    from annotator.store.project import Project

    project = Project.open(path, annotator="bench")
    window = MainWindow(project, settings)
    window.suggestions.enabled.setChecked(False)
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: window.ready)
    window.open_document(doc)
    wait(app, lambda: window.ready and window.doc_id == doc)
    view, links = window.view, window.links
    rng = random.Random(23)
    times: dict[str, list[float]] = {op: [] for op in OPS}
    refresh, paints = [], []
    text = window.text

    def timed(op: str, call) -> None:
        t = time.perf_counter()
        call()
        app.processEvents()  # paints what changed: the view's lines, the lists, the panels
        times[op].append(time.perf_counter() - t)

    def select_text() -> int:
        blocks = view.visible_blocks()
        lo, hi = blocks[0].start, blocks[-1].end
        s = rng.randrange(lo, max(lo + 1, hi - 20))
        while s < hi - 20 and not text[s].isalpha():
            s += 1
        view.select_range(s, s + 8, reveal=False)
        app.processEvents()
        return s

    for k in range(rounds):
        view.reveal(rng.randrange(len(text)))
        app.processEvents()
        blocks = view.visible_blocks()
        lo, hi = blocks[0].start, blocks[-1].end
        t = time.perf_counter()
        links.refresh(force=True)
        refresh.append(time.perf_counter() - t)
        # a span: add, relabel, delete
        select_text()
        timed("add_span", lambda k=k: window.apply_label(LABELS[k % len(LABELS)]))
        timed("relabel", lambda k=k: window.apply_label(LABELS[(k + 1) % len(LABELS)]))
        timed("delete", window.delete_span)
        # an event by its key, then an argument through the picker: Enter takes the candidate
        select_text()
        timed("add_event", lambda: window.apply_label("Movement"))
        eid = links.event_id
        if eid is not None:
            timed("pick_start", lambda eid=eid: links.start_argument_pick(eid, "Mover"))
            if links.picker.candidate is not None:
                timed("add_argument", lambda: QTest.keyClick(view, Qt.Key.Key_Return))
            else:
                links.picker.cancel()
        # a relation: from a FAC span on screen, Ctrl+L's picker, Enter
        src = next((it.id for it in view.store.overlapping(lo, hi) if it.label == "FAC"), None)
        if src is not None:
            view.select_span(src)
            links.request_link()
            if links.picker.candidate is not None:
                timed("add_relation", lambda: QTest.keyClick(view, Qt.Key.Key_Return))
                if links.menu is not None and links.menu.isVisible():  # several types: the first
                    links.menu.actions()[0].trigger()
                    links.menu.close()
                    app.processEvents()
            else:
                links.picker.cancel()
        # a stance on a fixed target
        links.start_new_stance()
        app.processEvents()
        timed("add_stance", lambda: links.apply_stance_label("FAVOR"))
        links.start_new_stance()
        timed("undo", window.undo)
        timed("redo", window.redo)
        t = time.perf_counter()
        view.viewport().repaint()
        paints.append(time.perf_counter() - t)
    arcs = len(links.link_painter.overlay.arcs)
    window.shutdown()
    window.deleteLater()
    project.close()
    app.processEvents()
    out: dict[str, float] = {}
    for op, values in times.items():
        if values:
            out[f"{op}_p50_ms"] = pct(values, 50) * 1000
            out[f"{op}_p95_ms"] = pct(values, 95) * 1000
    out.update({"full_refresh_p50_ms": pct(refresh, 50) * 1000, "paint_with_links_p50_ms": pct(paints, 50) * 1000,
                "arcs_known": arcs, "peak_mb": peak_mb()})
    return out


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, help="rounds of edits per document (default 40, --quick 10)")
    args = p.parse_args()
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import create_application
    from annotator.gui.app.settings import AppSettings

    if args.quick:
        docs = {"news": (50_000, 1_000, (0, 50)), "big": (200_000, 4_000, (0, 100, 400))}
    else:
        docs = {"news": (50_000, 1_000, (0, 50)), "big": (5_000_000, 100_000, (0, 100, 1_000, 10_000))}
    rounds = args.rounds or (10 if args.quick else 40)
    app = create_application()
    metrics: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        for name, (size, n_spans, event_counts) in docs.items():
            metrics.update({f"{name}_bytes": size, f"{name}_spans": n_spans})
            text = build_text(size)
            spans = build_spans(text, n_spans)
            for n_events in event_counts:
                tag = f"{name}_{n_events}ev"
                path, doc = make_project(folder, text, spans, tag)
                if n_events:
                    add_links(path, doc, n_events, max(1, n_events // 2) if n_events < 1000 else 500,
                              max(1, n_events // 10) if n_events < 1000 else 100)
                for k, v in bench(app, settings, path, doc, rounds).items():
                    metrics[f"{tag}_{k}"] = round(v, 3) if isinstance(v, float) else v
                path.unlink()
            top = f"{name}_{event_counts[-1]}ev"
            for op in OPS:
                key = f"{op}_p95_ms"
                if f"{top}_{key}" in metrics and f"{name}_0ev_{key}" in metrics:
                    metrics[f"{name}_{op}_p95_growth_ms"] = round(metrics[f"{top}_{key}"] - metrics[f"{name}_0ev_{key}"], 3)
        single = [v for k, v in metrics.items() if k.endswith("_p95_ms") and not k.startswith("news_0ev_full")]
        metrics["worst_single_edit_p95_ms"] = round(max(single), 3)
    print(f"events, relations and stances in the window, offscreen ({rounds} rounds per document, suggestions off):")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
