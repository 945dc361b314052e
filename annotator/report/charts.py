"""PNG charts of a project (matplotlib, Agg backend, no window): progress per annotator,
label distribution, agreement per label.

Arabic in a chart must come out joined and right-to-left.  Matplotlib 3.11 and later lay
text out with libraqm (shaping and the bidi algorithm) and get it right from the logical
string; older versions do neither, so there every Arabic string is first shaped with
arabic-reshaper and put in visual order with python-bidi.  ``chart_text`` decides, once,
which applies: doing both would shape twice and scramble the text.  The font is the
bundled Amiri when present, else DejaVu Sans (shipped with matplotlib, with Arabic glyphs).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from annotator.core.display import has_arabic
from annotator.core.errors import AnnotatorError
from annotator.resources import resource_path

STATUS_COLOURS = {"done": "#2e7d32", "in_progress": "#f9a825", "new": "#bdbdbd"}
MODE_COLOURS = {"exact": "#1565c0", "overlap": "#90caf9"}


def _mpl() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise AnnotatorError("reports need matplotlib, which is not installed; install it with 'pip install matplotlib'.") from None
    return matplotlib


@functools.cache
def native_shaping() -> bool:
    """Return True if this matplotlib shapes and orders Arabic itself (libraqm layout)."""
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


def chart_text(text: str, *, native: bool | None = None) -> str:
    """Return ``text`` ready for a chart: unchanged where matplotlib shapes Arabic itself,
    else reshaped and in visual order."""
    if not has_arabic(text):
        return text
    if native_shaping() if native is None else native:
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text))


@functools.cache
def font_families() -> tuple[str, ...]:
    """Return the font families for charts: Amiri (bundled) if present, then DejaVu Sans."""
    from matplotlib import font_manager

    families = []
    amiri = resource_path("fonts", "Amiri-Regular.ttf")
    if amiri.is_file():
        font_manager.fontManager.addfont(str(amiri))
        families.append(font_manager.FontProperties(fname=str(amiri)).get_name())
    families.append("DejaVu Sans")
    return tuple(families)


def _figure(rows: int) -> Any:
    _mpl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 1.4 + 0.42 * max(rows, 1)), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, path: Path) -> Path:
    fig.savefig(path, format="png")
    return path


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_axis_off()


def _style(context: Any) -> Any:
    return context.rc_context({"font.family": list(font_families()), "font.size": 10, "axes.spines.top": False,
                               "axes.spines.right": False})


def progress_chart(progress: Mapping[str, Mapping[str, int]], path: Path) -> list[str]:
    """Draw documents done / in progress / assigned but not started per annotator as
    stacked bars; return the tick labels drawn."""
    mpl = _mpl()
    names = [n for n, p in progress.items() if any(p.get(k) for k in ("done", "in_progress", "new"))]
    labels = [chart_text(n) for n in names]
    with _style(mpl):
        fig = _figure(len(names))
        ax = fig.add_subplot()
        if not names:
            _empty(ax, "No annotator has started yet.")
        left = [0] * len(names)
        for status, title in (("done", "done"), ("in_progress", "in progress"), ("new", "assigned, not started")):
            values = [progress[n].get(status, 0) for n in names]
            if names:
                ax.barh(labels, values, left=left, color=STATUS_COLOURS[status], label=title)
            left = [a + b for a, b in zip(left, values, strict=True)]
        if names:
            ax.invert_yaxis()
            ax.set_xlabel("documents")
            _legend(fig, ax)
        ax.set_title("Progress per annotator")
        _save(fig, path)
    return labels


def labels_chart(counts: Mapping[str, Mapping[str, int]], names: Mapping[str, str], path: Path) -> list[str]:
    """Draw how often each label was used, stacked by annotator; ``names`` maps a label
    to its display name (the scheme's Arabic name and the label).  Return the tick labels."""
    mpl = _mpl()
    totals: dict[str, int] = {}
    for per in counts.values():
        for lab, n in per.items():
            totals[lab] = totals.get(lab, 0) + n
    order = sorted(totals, key=lambda lab: (-totals[lab], lab))
    ticks = [chart_text(names.get(lab, lab)) for lab in order]
    with _style(mpl):
        fig = _figure(len(order))
        ax = fig.add_subplot()
        if not order:
            _empty(ax, "No spans yet.")
        left = [0] * len(order)
        cmap = mpl.colormaps["tab10"]
        for i, (who, per) in enumerate(counts.items()):
            values = [per.get(lab, 0) for lab in order]
            if order:
                ax.barh(ticks, values, left=left, color=cmap(i % 10), label=chart_text(who))
            left = [a + b for a, b in zip(left, values, strict=True)]
        if order:
            ax.invert_yaxis()
            ax.set_xlabel("spans")
            _legend(fig, ax)
        ax.set_title("Label distribution")
        _save(fig, path)
    return ticks


def agreement_chart(scores: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], path: Path,
                    title: str = "Span agreement per label (F1)") -> list[str]:
    """Draw F1 per label, exact and by overlap, from ``{"exact"|"overlap": {"overall",
    "labels"}}`` (``compare``'s pooled span scores).  Return the tick labels."""
    mpl = _mpl()
    order = [lab for lab in scores.get("exact", {}).get("labels", {})]
    rows = ["overall", *order]
    ticks = [chart_text(names.get(lab, lab)) if lab != "overall" else "all labels" for lab in rows]
    with _style(mpl):
        fig = _figure(len(rows) * 1.6)
        ax = fig.add_subplot()
        if not order:
            _empty(ax, "No document was annotated by two annotators yet.")
        else:
            height = 0.38
            for k, mode in enumerate(("exact", "overlap")):
                values = [_f1(scores[mode], lab) for lab in rows]
                ys = [i + (k - 0.5) * height for i in range(len(rows))]
                ax.barh(ys, [v or 0 for v in values], height=height, color=MODE_COLOURS[mode], label=mode)
                for y, v in zip(ys, values, strict=True):
                    ax.text((v or 0) + 0.01, y, "–" if v is None else f"{v:.2f}", va="center", fontsize=8)
            ax.set_yticks(range(len(rows)), ticks)
            ax.set_xlim(0, 1.1)
            ax.invert_yaxis()
            ax.set_xlabel("F1")
            _legend(fig, ax)
        ax.set_title(title)
        _save(fig, path)
    return ticks


def _legend(fig: Any, ax: Any) -> None:
    """Put the legend under the chart, where it never hides a bar."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=max(1, min(len(labels), 4)), fontsize=8, frameon=False)


def _f1(scores: Mapping[str, Any], label: str) -> float | None:
    p = scores["overall"] if label == "overall" else scores["labels"].get(label)
    return None if p is None else p["f1"]


def label_names(scheme: Any, labels: Sequence[str]) -> dict[str, str]:
    """Return ``{label: "Arabic name (LABEL)"}`` from the scheme (the label alone if the
    scheme has no Arabic name for it)."""
    out = {}
    for lab in labels:
        item = scheme.entity(lab) or scheme.event(lab)
        ar = getattr(item, "ar", "") if item else ""
        out[lab] = f"{ar} ({lab})" if ar else lab
    return out
