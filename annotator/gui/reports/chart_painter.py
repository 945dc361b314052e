"""Draw a report ``BarChart`` as a PNG with Qt, for where matplotlib is not installed.

The packaged app leaves matplotlib (and numpy, Pillow) out, which would otherwise add about
90 MB; Qt is there anyway, and it shapes Arabic and applies the bidi algorithm itself, so
row labels go in as logical strings.  Runs without a window: a ``QGuiApplication`` on the
offscreen platform is made if none exists.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)

if TYPE_CHECKING:
    from annotator.report.charts import BarChart

WIDTH = 880
ROW = 30
MARGIN = 16
_app: QGuiApplication | None = None


def _ensure_app(font: Path | None) -> str:
    """Make sure a QGuiApplication exists; return the font family to draw with."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])
    if font is not None and font.is_file():
        fid = QFontDatabase.addApplicationFont(str(font))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if families:
            return families[0]
    return QFont().family()


def _ticks(xmax: float) -> list[float]:
    """Return 4 to 8 round tick values from 0 to at least ``xmax``."""
    if xmax <= 0:
        return [0.0, 1.0]
    raw = xmax / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(math.ceil(xmax / step)) + 1)]


def render_png(chart: BarChart, path: Path, *, font: Path | None = None) -> None:
    """Draw ``chart`` into a PNG file at ``path``."""
    family = _ensure_app(font)
    body = QFont(family, 10)
    title_font = QFont(family, 12)
    small = QFont(family, 8)
    fm = QFontMetricsF(body)
    groups = 1 if chart.stacked else max(len(chart.series), 1)
    row_h = ROW * (1.5 if groups > 1 else 1)
    label_w = max((fm.horizontalAdvance(r) for r in chart.rows), default=0) + 12
    title_h, axis_h = 34, 40
    legend_h = 28 if chart.rows and chart.series else 0
    height = int(title_h + max(len(chart.rows), 2) * row_h + axis_h + legend_h + MARGIN)
    image = QImage(WIDTH, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setFont(title_font)
    p.drawText(QRectF(0, 4, WIDTH, title_h - 4), Qt.AlignmentFlag.AlignCenter, chart.title)
    if not chart.rows:
        p.setFont(body)
        p.setPen(QColor("#666666"))
        p.drawText(QRectF(0, title_h, WIDTH, height - title_h), Qt.AlignmentFlag.AlignCenter, chart.empty)
        p.end()
        image.save(str(path), "PNG")
        return
    plot = QRectF(MARGIN + label_w, title_h, WIDTH - 2 * MARGIN - label_w - 40, len(chart.rows) * row_h)
    totals = [sum(s.values[i] or 0 for s in chart.series) if chart.stacked else max((s.values[i] or 0 for s in chart.series), default=0)
              for i in range(len(chart.rows))]
    xmax = chart.xmax or max(_ticks(max(totals, default=0))[-1], 1)
    ticks = [t for t in _ticks(xmax) if t <= xmax + 1e-9]
    scale = plot.width() / xmax
    # grid and x axis
    p.setFont(small)
    for t in ticks:
        x = plot.left() + t * scale
        p.setPen(QPen(QColor("#e6e6e6"), 1))
        p.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
        p.setPen(QColor("#333333"))
        text = f"{t:g}" if t != int(t) or xmax <= 2 else f"{int(t)}"
        p.drawText(QRectF(x - 30, plot.bottom() + 4, 60, 16), Qt.AlignmentFlag.AlignHCenter, text)
    p.setPen(QPen(QColor("#333333"), 1))
    p.drawLine(int(plot.left()), int(plot.top()), int(plot.left()), int(plot.bottom()))
    p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
    p.setFont(body)
    p.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 20), Qt.AlignmentFlag.AlignHCenter, chart.xlabel)
    # rows: labels (Qt lays Arabic out right to left and joins it) and bars
    for i, row in enumerate(chart.rows):
        top = plot.top() + i * row_h
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(MARGIN, top, label_w - 8, row_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row)
        left = plot.left()
        bar_h = (row_h * 0.8) / groups
        for k, series in enumerate(chart.series):
            value = series.values[i]
            y = top + row_h * 0.1 + (0 if chart.stacked else k * bar_h)
            w = (value or 0) * scale
            p.fillRect(QRectF(left, y, w, bar_h), QColor(series.color))
            if chart.value_labels:
                p.setFont(small)
                p.drawText(QRectF(left + w + 4, y, 60, bar_h), Qt.AlignmentFlag.AlignVCenter, "–" if value is None else f"{value:.2f}")
                p.setFont(body)
            if chart.stacked:
                left += w
    # legend under the chart
    p.setFont(small)
    x = MARGIN + label_w
    y = plot.bottom() + axis_h + 4
    for series in chart.series:
        p.fillRect(QRectF(x, y + 4, 18, 10), QColor(series.color))
        p.setPen(QColor("#222222"))
        w = QFontMetricsF(small).horizontalAdvance(series.name)
        p.drawText(QRectF(x + 24, y, w + 4, 18), Qt.AlignmentFlag.AlignVCenter, series.name)
        x += w + 48
    p.end()
    image.save(str(path), "PNG")
