"""Ghost spans: the open document's pending suggestions drawn in the text as dashed boxes
in their label's colour, with the label's name above, under the annotator's own spans."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from annotator.gui.text.span_painter import VisibleBlock
from annotator.gui.text.span_store import SpanItem

if TYPE_CHECKING:
    from annotator.gui.text.document_view import DocumentView


class Ghosts:
    """An underlay of ``view``: call ``set_suggestions`` with the pending suggestions."""

    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.items: list[Any] = []
        self._starts: list[int] = []
        self._longest = 0
        self.current: int | None = None
        self.hits: list[tuple[QRectF, Any]] = []

    def set_suggestions(self, items: list[Any], current: int | None = None) -> None:
        items = [s for s in items if s.end > s.start]
        if any(a.start > b.start for a, b in zip(items, items[1:], strict=False)):  # mostly in text order already
            items.sort(key=lambda s: (s.start, s.end))
        self.items = items
        self._starts = [s.start for s in items]
        self._longest = max((s.end - s.start for s in items), default=0)
        self.current = current
        self.view.viewport().update()

    def _visible(self, lo: int, hi: int) -> list[Any]:
        """The suggestions over ``[lo, hi)`` (by bisection: a document may have thousands)."""
        i = bisect_left(self._starts, lo - self._longest)
        j = bisect_left(self._starts, hi)
        return [s for s in self.items[i:j] if s.end > lo]

    def __call__(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        self.hits = []
        if not blocks or not self.items:
            return
        lo, hi = blocks[0].start, blocks[-1].end
        painter.save()
        small = QFont(self.view.font())
        small.setPointSizeF(max(6.0, self.view.font().pointSizeF() * 0.45))
        painter.setFont(small)
        for s in self._visible(lo, hi):
            color = QColor(self.view.painter.color(s.label))
            current = s.id == self.current
            pen = QPen(color, 2.2 if current else 1.3, Qt.PenStyle.DashLine)
            rects = self.view.painter.rects_of(blocks, SpanItem(s.id, s.label, ((s.start, s.end),)), self.view.u16)
            for k, rect in enumerate(rects):
                box = rect.adjusted(1.5, 3.5, -1.5, -3.5)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box)
                if k == 0:
                    painter.setPen(color)
                    name = self.view.labels.get(s.label, s.label)
                    painter.drawText(QPointF(box.left() + 2, box.top() + 1), f"{name} {s.confidence:.0%}")
                self.hits.append((box, s))
        painter.restore()

    def at(self, point: QPointF) -> Any | None:
        """Return the suggestion drawn under ``point`` (viewport coordinates), if any."""
        for rect, s in reversed(self.hits):
            if rect.contains(point):
                return s
        return None
