"""Report charts drawn by Qt, as in the packaged app, which has no matplotlib."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QImage

from annotator.core.errors import AnnotatorError
from annotator.gui.reports.chart_painter import render_png
from annotator.report import charts
from annotator.resources import resource_path


def bar_widths(image: QImage, color: str) -> list[int]:
    """Return the width in pixels of each horizontal run of ``color`` (one per bar), top to bottom."""
    target = QColor(color).rgb()
    widths: list[int] = []
    last_row_had = False
    for y in range(image.height()):
        run = sum(1 for x in range(image.width()) if image.pixel(x, y) == target)
        if run and not last_row_had:
            widths.append(run)
        last_row_had = bool(run)
    return widths


def test_bars_are_drawn_in_proportion(qapp, tmp_path):
    chart = charts.BarChart("Label distribution", ["كيان جيوسياسي (GPE)", "شخص (PER)"],
                            [charts.Series("lina", "#1f77b4", [30, 10])], xlabel="spans")
    path = tmp_path / "c.png"
    render_png(chart, path, font=resource_path("fonts", "Amiri-Regular.ttf"))
    image = QImage(str(path))
    assert not image.isNull() and image.width() == 880
    widths = bar_widths(image, "#1f77b4")
    assert len(widths) == 3  # two bars and the legend swatch
    assert abs(widths[0] / widths[1] - 3) < 0.05


def test_grouped_bars_and_an_empty_chart(qapp, tmp_path):
    chart = charts.BarChart("F1", ["all labels", "شخص (PER)"], [charts.Series("exact", "#1565c0", [0.5, None]),
                            charts.Series("overlap", "#90caf9", [1.0, 0.25])], stacked=False, xmax=1.1, value_labels=True)
    render_png(chart, tmp_path / "g.png")
    image = QImage(str(tmp_path / "g.png"))
    exact, overlap = bar_widths(image, "#1565c0"), bar_widths(image, "#90caf9")
    assert abs(overlap[0] / exact[0] - 2) < 0.05 and abs(overlap[0] / overlap[1] - 4) < 0.1
    render_png(charts.BarChart("Nothing", [], empty="No spans yet."), tmp_path / "e.png")
    assert not QImage(str(tmp_path / "e.png")).isNull()


def test_reports_fall_back_to_qt_without_matplotlib(qapp, tmp_path, monkeypatch):
    """As in the packaged app: its entry points register Qt's painter, matplotlib is absent."""
    from annotator.gui import use_qt_for_report_charts

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    monkeypatch.setattr(charts, "_fallback", [])
    with pytest.raises(AnnotatorError, match="matplotlib"):
        charts.labels_chart({"lina": {"GPE": 3}}, {}, tmp_path / "none.png")
    use_qt_for_report_charts()
    ticks = charts.labels_chart({"lina": {"GPE": 3, "PER": 1}}, {"GPE": "كيان جيوسياسي (GPE)"}, tmp_path / "l.png")
    assert ticks == ["كيان جيوسياسي (GPE)", "PER"]  # logical order: Qt shapes and orders it itself
    assert (tmp_path / "l.png").read_bytes()[:4] == b"\x89PNG"
