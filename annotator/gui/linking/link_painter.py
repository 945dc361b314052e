"""Drawing links over the text: relation arrows, the arcs from the selected event's trigger
to its arguments, the holder → target arrow of the selected stance, frames around the
spans they join, and red wavy underlines under problems.

Like the spans, links are drawn for the visible blocks only: an end that lies off screen
is drawn as an arrow to the top or bottom edge of the view, labelled with what it points
at (an argument may sit in another sentence).  Only lines and small labels are painted,
never the glyphs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from annotator.core.model import Span
from annotator.gui.panels.models import quoted
from annotator.gui.text.span_painter import VisibleBlock
from annotator.gui.text.span_store import SpanItem

PROBLEM_COLOR = QColor("#d32f2f")


@dataclass
class Arc:
    """An arrow from one span to another, with a label at its middle."""

    source: Span
    target: Span
    label: str
    color: QColor
    strong: bool = False
    dashed: bool = False


@dataclass
class Overlay:
    """Everything drawn over the text besides the spans themselves."""

    arcs: list[Arc] = field(default_factory=list)
    frames: list[tuple[Span, QColor]] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, message

    def is_empty(self) -> bool:
        return not (self.arcs or self.frames or self.marks)

    def elements(self) -> list[tuple[tuple[object, ...], object]]:
        """Each arc, frame and mark with a key that says how it is drawn (what repaints
        compare)."""
        out: list[tuple[tuple[object, ...], object]] = []
        for a in self.arcs:
            out.append((("arc", tuple(map(tuple, a.source.fragments)), tuple(map(tuple, a.target.fragments)), a.label,
                         a.color.rgba(), a.strong, a.dashed, a.source.surface, a.target.surface), a))
        for span, color in self.frames:
            out.append((("frame", tuple(map(tuple, span.fragments)), color.rgba()), span))
        for mark in self.marks:
            out.append((("mark", *mark), mark))
        return out



class LinkPainter:
    """Paints an ``Overlay`` on a ``DocumentView`` (it is one of the view's overlays)."""

    def __init__(self, view: object) -> None:
        self.view = view
        self.overlay = Overlay()
        #: returns False while the overlay belongs to a document no longer shown
        self.document: Callable[[], bool] = lambda: True

    def set_overlay(self, overlay: Overlay) -> None:
        """Show ``overlay``: repaint only the strips of the view where a mark, frame or
        arrow appeared or went (a repaint of the whole view costs tens of milliseconds)."""
        before, self.overlay = dict(self.overlay.elements()), overlay
        after = dict(overlay.elements())
        changed = [before[k] for k in before.keys() - after.keys()] + [after[k] for k in after.keys() - before.keys()]
        if not changed:
            return
        viewport = self.view.viewport()  # type: ignore[attr-defined]
        blocks = self.view.visible_blocks()  # type: ignore[attr-defined]
        bands = self._bands(blocks, changed) if blocks else None
        if bands is None:
            viewport.update()
            return
        width = viewport.width()
        for top, bottom in bands:
            viewport.update(QRect(0, int(top) - 3, width, int(bottom - top) + 7))

    def _bands(self, blocks: list[VisibleBlock], elements: list[object]) -> list[tuple[float, float]] | None:
        """Return the vertical strips (top, bottom) that draw ``elements``, or None for
        the whole view (an arrow reaching an edge)."""
        height = float(self.view.viewport().height())  # type: ignore[attr-defined]
        line = QFontMetricsF(self.view.font()).height()  # type: ignore[attr-defined]
        lo, hi = blocks[0].start, blocks[-1].end
        out: list[tuple[float, float]] = []
        for element in elements:
            if isinstance(element, Arc):
                sides = (self._side(blocks, element.source), self._side(blocks, element.target))
                if sides[0] and sides[1]:
                    continue  # not drawn
                if sides[0] or sides[1]:
                    return None  # an arrow to the edge of the view
                rects = self.rects(blocks, element.source.fragments) + self.rects(blocks, element.target.fragments)
                if rects:
                    # the curve rises up to a line above its ends; its label sits at its middle
                    out.append((min(r.top() for r in rects) - max(line * 1.5, 30.0), max(r.bottom() for r in rects) + line * 0.5))
                continue
            fragments = element.fragments if isinstance(element, Span) else [element[:2]]  # type: ignore[index]
            if any(s < hi and e > lo for s, e in fragments):
                rects = self.rects(blocks, fragments)
                if rects:
                    out.append((min(r.top() for r in rects), max(r.bottom() for r in rects)))
        return [(max(0.0, a), min(height, b)) for a, b in out]

    # -- geometry ----------------------------------------------------------------------

    def rects(self, blocks: list[VisibleBlock], fragments: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> list[QRectF]:
        item = SpanItem(-1, "", tuple(sorted(fragments)))
        return self.view.painter.rects_of(blocks, item, self.view.u16)  # type: ignore[attr-defined]

    def _side(self, blocks: list[VisibleBlock], span: Span) -> int:
        """-1 if ``span`` lies above the visible text, 1 if below, 0 if it shows."""
        if span.end <= blocks[0].start:
            return -1
        if span.start >= blocks[-1].end:
            return 1
        return 0

    # -- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        """Draw the overlay over ``blocks`` (the visible ones)."""
        ov = self.overlay
        if not blocks or ov.is_empty() or not self.document():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = blocks[0].start, blocks[-1].end
        for start, end, _ in ov.marks:
            if start < hi and end > lo:
                for r in self.rects(blocks, [(start, end)]):
                    self._wave(painter, r)
        for span, color in ov.frames:
            if span.start < hi and span.end > lo:
                for r in self.rects(blocks, span.fragments):
                    painter.setPen(QPen(color, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(r.adjusted(0, 1, 0, -1), 3, 3)
        for arc in ov.arcs:
            self._arc(painter, blocks, arc)

    def _wave(self, painter: QPainter, rect: QRectF) -> None:
        path = QPainterPath(QPointF(rect.left(), rect.bottom() - 2))
        x, up = rect.left(), True
        while x < rect.right():
            x = min(x + 3, rect.right())
            path.lineTo(x, rect.bottom() - (4 if up else 1))
            up = not up
        painter.setPen(QPen(PROBLEM_COLOR, 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _arc(self, painter: QPainter, blocks: list[VisibleBlock], arc: Arc) -> None:
        sides = (self._side(blocks, arc.source), self._side(blocks, arc.target))
        if sides[0] and sides[1]:
            return
        height = self.view.viewport().height()  # type: ignore[attr-defined]
        line = QFontMetricsF(self.view.font()).height()  # type: ignore[attr-defined]
        ends: list[QPointF] = []
        for span, side in zip((arc.source, arc.target), sides, strict=True):
            rects = self.rects(blocks, span.fragments) if not side else []
            if rects:
                r = rects[0]
                ends.append(QPointF(r.center().x(), r.top() + 2))
            else:
                ends.append(QPointF(0, 4 if side < 0 else height - 4))
        a, b = ends
        if sides[0]:
            a.setX(b.x())
        if sides[1]:
            b.setX(a.x())
        lift = max(14.0, min(line * 0.9, abs(a.x() - b.x()) * 0.3 + 10))
        path = QPainterPath(a)
        if abs(a.y() - b.y()) < 2:
            path.cubicTo(QPointF(a.x(), a.y() - lift), QPointF(b.x(), b.y() - lift), b)
        else:
            path.cubicTo(QPointF(a.x(), a.y() - lift), QPointF(b.x(), b.y() - lift * (1 if not sides[1] else -1)), b)
        pen = QPen(arc.color, 2.4 if arc.strong else 1.5)
        if arc.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        self._head(painter, path, arc.color)
        label = arc.label
        off = arc.target if sides[1] else arc.source if sides[0] else None
        if off is not None:
            label += (" ▲ " if (sides[1] or sides[0]) < 0 else " ▼ ") + quoted(off.surface)
        self._label(painter, path.pointAtPercent(0.5) if not off else (b if sides[1] else a), label, arc.color)

    def _head(self, painter: QPainter, path: QPainterPath, color: QColor) -> None:
        tip = path.pointAtPercent(1.0)
        back = path.pointAtPercent(0.93)
        dx, dy = tip.x() - back.x(), tip.y() - back.y()
        norm = max((dx * dx + dy * dy) ** 0.5, 0.001)
        ux, uy = dx / norm, dy / norm
        size = 7.0
        left = QPointF(tip.x() - ux * size - uy * size * 0.55, tip.y() - uy * size + ux * size * 0.55)
        right = QPointF(tip.x() - ux * size + uy * size * 0.55, tip.y() - uy * size - ux * size * 0.55)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _label(self, painter: QPainter, at: QPointF, text: str, color: QColor) -> None:
        font = QFont(self.view.font())  # type: ignore[attr-defined]
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.66))
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
        width = self.view.viewport().width()  # type: ignore[attr-defined]
        height = self.view.viewport().height()  # type: ignore[attr-defined]
        x = min(max(2.0, at.x() - w / 2), width - w - 2)
        y = min(max(2.0, at.y() - h / 2), height - h - 2)
        box = QRectF(x, y, w, h)
        painter.setPen(QPen(color, 1))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(font)
        painter.setPen(color.darker(130))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def tooltip(self, pos: int) -> str:
        """Return the problems marked at code point ``pos`` (for the hover text)."""
        if not self.document():
            return ""
        return "<br>".join(f"<span style='color:#d32f2f'>⚠</span> {_escape(msg)}"
                           for s, e, msg in self.overlay.marks if s <= pos < e)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
