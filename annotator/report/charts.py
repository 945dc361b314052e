"""PNG charts of a project: progress per annotator, label distribution, agreement per label.

Each chart is first described as a ``BarChart`` (rows, series, colours), then drawn by
matplotlib (Agg backend, no window).  Where matplotlib is not installed, as in the packaged
app, which leaves it out to stay small, a painter registered with ``set_fallback_painter``
draws the same ``BarChart`` (the app registers Qt's, ``annotator.gui.reports.chart_painter``; Qt
shapes and orders Arabic itself).  This module never imports Qt.

Arabic in a chart must come out joined and right-to-left.  Matplotlib 3.11 and later lay
text out with libraqm (shaping and the bidi algorithm) and get it right from the logical
string; older versions do neither, so there every Arabic string is first shaped with
arabic-reshaper and put in visual order with python-bidi.  ``chart_text`` decides, once,
which applies: doing both would shape twice and scramble the text.  The font is the
bundled Amiri when present, else DejaVu Sans (shipped with matplotlib, with Arabic glyphs).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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


@dataclass
class Series:
    """One coloured set of bars: a value per row (None: nothing to draw)."""

    name: str
    color: str
    values: list[float | None]


@dataclass
class BarChart:
    """A horizontal bar chart, independent of what draws it.  Text is in logical order."""

    title: str
    rows: list[str]
    series: list[Series] = field(default_factory=list)
    stacked: bool = True
    xlabel: str = ""
    xmax: float | None = None
    value_labels: bool = False
    empty: str = ""  # shown instead of bars when there are no rows


#: Draws a ``BarChart`` as a PNG where matplotlib is missing: ``painter(chart, path, font)``.
#: The report layer draws no Qt itself; the packaged app, which leaves matplotlib out,
#: registers Qt's painter (``annotator.gui.reports.chart_painter``) at start-up.
Painter = Callable[[BarChart, Path, Path], None]
_fallback: list[Painter] = []


def set_fallback_painter(painter: Painter) -> None:
    """Draw charts with ``painter`` whenever matplotlib is not installed."""
    _fallback[:] = [painter]


def render(chart: BarChart, path: Path) -> list[str]:
    """Draw ``chart`` as a PNG at ``path`` with matplotlib, or with the registered fallback
    painter where matplotlib is missing; return the row labels as drawn."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        if not _fallback:
            _mpl()  # no way to draw: say how to get matplotlib
            raise
        _fallback[0](chart, path, resource_path("fonts", "Amiri-Regular.ttf"))
        return list(chart.rows)
    return _render_mpl(chart, path)


def _render_mpl(chart: BarChart, path: Path) -> list[str]:
    mpl = _mpl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ticks = [chart_text(r) for r in chart.rows]
    with _style(mpl):
        grouped = len(chart.series) if not chart.stacked else 1
        fig = Figure(figsize=(8, 1.4 + 0.42 * max(len(chart.rows) * (1.6 if grouped > 1 else 1), 1)), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        if not chart.rows:
            _empty(ax, chart.empty)
        else:
            left = [0.0] * len(chart.rows)
            height = 0.8 / grouped if grouped > 1 else 0.8
            for k, series in enumerate(chart.series):
                values = [v or 0 for v in series.values]
                ys = [i + ((k - (grouped - 1) / 2) * height if grouped > 1 else 0) for i in range(len(chart.rows))]
                ax.barh(ys, values, left=left if chart.stacked else None, height=height, color=series.color,
                        label=chart_text(series.name))
                if chart.stacked:
                    left = [a + b for a, b in zip(left, values, strict=True)]
                if chart.value_labels:
                    for y, v in zip(ys, series.values, strict=True):
                        ax.text((v or 0) + 0.01, y, "–" if v is None else f"{v:.2f}", va="center", fontsize=8)
            ax.set_yticks(range(len(chart.rows)), ticks)
            if chart.xmax is not None:
                ax.set_xlim(0, chart.xmax)
            ax.invert_yaxis()
            ax.set_xlabel(chart.xlabel)
            _legend(fig, ax)
        ax.set_title(chart.title)
        fig.savefig(path, format="png")
    return ticks


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_axis_off()


def _style(context: Any) -> Any:
    return context.rc_context({"font.family": list(font_families()), "font.size": 10, "axes.spines.top": False,
                               "axes.spines.right": False})


TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def progress_chart(progress: Mapping[str, Mapping[str, int]], path: Path) -> list[str]:
    """Draw documents done / in progress / assigned but not started per annotator as
    stacked bars; return the tick labels drawn."""
    names = [n for n, p in progress.items() if any(p.get(k) for k in ("done", "in_progress", "new"))]
    series = [Series(title, STATUS_COLOURS[status], [progress[n].get(status, 0) for n in names])
              for status, title in (("done", "done"), ("in_progress", "in progress"), ("new", "assigned, not started"))]
    return render(BarChart("Progress per annotator", names, series, xlabel="documents",
                           empty="No annotator has started yet."), path)


def labels_chart(counts: Mapping[str, Mapping[str, int]], names: Mapping[str, str], path: Path) -> list[str]:
    """Draw how often each label was used, stacked by annotator; ``names`` maps a label
    to its display name (the scheme's Arabic name and the label).  Return the tick labels."""
    totals: dict[str, int] = {}
    for per in counts.values():
        for lab, n in per.items():
            totals[lab] = totals.get(lab, 0) + n
    order = sorted(totals, key=lambda lab: (-totals[lab], lab))
    series = [Series(who, TAB10[i % 10], [per.get(lab, 0) for lab in order]) for i, (who, per) in enumerate(counts.items())]
    return render(BarChart("Label distribution", [names.get(lab, lab) for lab in order], series, xlabel="spans",
                           empty="No spans yet."), path)


def agreement_chart(scores: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], path: Path,
                    title: str = "Span agreement per label (F1)") -> list[str]:
    """Draw F1 per label, exact and by overlap, from ``{"exact"|"overlap": {"overall",
    "labels"}}`` (``compare``'s pooled span scores).  Return the tick labels."""
    order = list(scores.get("exact", {}).get("labels", {}))
    rows = ["overall", *order] if order else []
    series = [Series(mode, MODE_COLOURS[mode], [_f1(scores[mode], lab) for lab in rows]) for mode in ("exact", "overlap")] if order else []
    ticks = [names.get(lab, lab) if lab != "overall" else "all labels" for lab in rows]
    return render(BarChart(title, ticks, series, stacked=False, xlabel="F1", xmax=1.1, value_labels=True,
                           empty="No document was annotated by two annotators yet."), path)


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
