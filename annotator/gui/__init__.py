"""The PySide6 GUI. The only package that imports Qt."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def use_qt_for_report_charts() -> None:
    """Let Qt draw report charts where matplotlib is missing (the packaged app leaves it
    out); Qt is imported only when a chart is drawn, not at start-up."""
    from annotator.report import charts

    def paint(chart: Any, path: Path, font: Path) -> None:
        from annotator.gui.reports.chart_painter import render_png

        render_png(chart, path, font=font)

    charts.set_fallback_painter(paint)
