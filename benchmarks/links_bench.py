"""Events, relations and stances in the annotation window, offscreen: what they add to an
edit and to a paint.  Two documents: a news-sized one (50 KB, 1,000 spans, 50 events with
2 arguments each, 25 relations, 5 stances with evidence) and the 5 MB one of gui_bench.py
(100,000 spans, 1,000 events, 500 relations, 100 stances); both with span attributes.

    python benchmarks/links_bench.py [--quick] [--json PATH]

In-run baseline: the same document and the same edits without any event, relation or
stance.  Measured: the live read-and-check after an edit (``LinkController.refresh``),
adding one span, marking a trigger with its event (one key), adding an argument, and
repainting the whole view with the arrows and marks drawn over it.
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


def add_links(path: Path, doc: int, events: int, relations: int, stances: int, seed: int = 19) -> None:
    """Give the document events, relations, stances and attributes near its spans."""
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
        from annotator.core.text import words

        ws = list(words(text))
        with p.macro("links"):
            for _ in range(events):
                i = rng.randrange(len(movers) - 1)
                w = min(ws, key=lambda x, s=movers[i][0]: abs(x[0] - s - 40)) if len(ws) < 2000 else ws[rng.randrange(len(ws))]
                p.add_event(doc, "Movement", (w[0], w[1]), [("Mover", movers[i][1]), ("Origin", places[rng.randrange(len(places))][1])])
            for _ in range(relations):
                a = rng.choice(by_label["FAC"])[1]
                b = rng.choice(by_label["GPE"])[1]
                p.add_relation("LocatedIn", a, b)
            for _ in range(stances):
                s = rng.randrange(len(text) - 30)
                p.add_stance(doc, "FAVOR", rng.choice(by_label["ORG"])[1], holder=rng.choice(by_label["GPE"])[1],
                             evidence=[(s, s + 20)])
            for sid, _, _ in rng.sample(rows, min(1000, len(rows))):
                if p.span_row(sid)[1] in ("PER", "ORG", "GPE", "LOC", "FAC"):
                    p.set_attribute("span", sid, "Specificity", "specific")
        p.history.clear()


def bench(app, settings, path: Path, doc: int, edits: int) -> dict[str, float]:
    from annotator.gui.main_window import MainWindow
    from annotator.store.project import Project

    project = Project.open(path, annotator="bench")
    window = MainWindow(project, settings)
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: window.ready)
    window.open_document(doc)
    wait(app, lambda: window.ready and window.doc_id == doc)
    view, links = window.view, window.links
    rng = random.Random(23)
    refresh, adds, events, args, paints, bare = [], [], [], [], [], []
    text = window.text
    for k in range(edits):
        view.reveal(rng.randrange(len(text)))
        app.processEvents()
        blocks = view.visible_blocks()
        lo, hi = blocks[0].start, blocks[-1].end
        t = time.perf_counter()
        links.state = type(links.state)()  # forget what was read: a full read, check and show
        links.refresh()
        refresh.append(time.perf_counter() - t)
        s = rng.randrange(lo, max(lo + 1, hi - 20))
        view.select_range(s, s + 8, reveal=False)
        app.processEvents()
        t = time.perf_counter()
        window.apply_label(LABELS[k % len(LABELS)])
        app.processEvents()
        adds.append(time.perf_counter() - t)
        window.delete_span()
        view.select_range(s, s + 8, reveal=False)
        app.processEvents()
        t = time.perf_counter()
        window.apply_label("Movement")  # the key of an event type: trigger and event
        app.processEvents()
        events.append(time.perf_counter() - t)
        eid = links.event_id
        target = next((it.id for it in view.store.overlapping(lo, hi) if it.label in ("ORG", "GPE", "PER")), None)
        if target is not None and eid is not None:
            t = time.perf_counter()
            links._add_argument(eid, "Mover", target)
            app.processEvents()
            args.append(time.perf_counter() - t)
        t = time.perf_counter()
        view.viewport().repaint()
        paints.append(time.perf_counter() - t)
        view.overlays.remove(links.link_painter)
        t = time.perf_counter()
        view.viewport().repaint()
        bare.append(time.perf_counter() - t)
        view.overlays.append(links.link_painter)
    arcs = len(links.link_painter.overlay.arcs)
    window.shutdown()
    window.deleteLater()
    project.close()
    app.processEvents()
    out = {
        "refresh_p50_ms": pct(refresh, 50) * 1000, "refresh_p95_ms": pct(refresh, 95) * 1000,
        "add_span_p50_ms": pct(adds, 50) * 1000, "add_span_p95_ms": pct(adds, 95) * 1000,
        "add_event_p50_ms": pct(events, 50) * 1000, "add_event_p95_ms": pct(events, 95) * 1000,
        "paint_with_links_p50_ms": pct(paints, 50) * 1000, "paint_without_overlay_p50_ms": pct(bare, 50) * 1000,
        "arcs_known": arcs, "peak_mb": peak_mb(),
    }
    if args:
        out.update({"add_argument_p50_ms": pct(args, 50) * 1000, "add_argument_p95_ms": pct(args, 95) * 1000})
    return out


SIZES = {  # name: bytes, spans, events, relations, stances
    "news": (50_000, 1_000, 50, 25, 5),
    "big": (5_000_000, 100_000, 1_000, 500, 100),
}


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    from PySide6.QtCore import QSettings

    from annotator.gui.app import create_application
    from annotator.gui.settings import AppSettings

    sizes = {"news": SIZES["news"], "big": (200_000, 4_000, 40, 20, 4)} if args.quick else SIZES
    edits = 20 if args.quick else 100
    app = create_application()
    metrics: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        for name, (size, n_spans, n_events, n_rel, n_st) in sizes.items():
            metrics.update({f"{name}_bytes": size, f"{name}_spans": n_spans, f"{name}_events": n_events,
                            f"{name}_relations": n_rel, f"{name}_stances": n_st})
            text = build_text(size)
            spans = build_spans(text, n_spans)
            for tag, linked in (("baseline", False), ("linked", True)):
                path, doc = make_project(folder, text, spans, f"{name}-{tag}")
                if linked:
                    add_links(path, doc, n_events, n_rel, n_st)
                for k, v in bench(app, settings, path, doc, edits).items():
                    metrics[f"{name}_{tag}_{k}"] = round(v, 3) if isinstance(v, float) else v
            for key in ("add_span_p95_ms", "add_event_p95_ms"):
                metrics[f"{name}_{key}_ratio_linked_to_baseline"] = round(
                    metrics[f"{name}_linked_{key}"] / max(metrics[f"{name}_baseline_{key}"], 1e-9), 2)
            metrics[f"{name}_paint_overlay_cost_ms"] = round(
                metrics[f"{name}_linked_paint_with_links_p50_ms"] - metrics[f"{name}_linked_paint_without_overlay_p50_ms"], 3)
    print(f"events, relations and stances in the window, offscreen ({edits} rounds per document):")
    emit(metrics, args.json)


if __name__ == "__main__":
    main()
