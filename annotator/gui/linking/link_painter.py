"""Drawing links over the text: relation arrows, the arcs from the selected event's trigger
to its arguments, the holder → target arrow of the selected stance, frames around the
spans they join, and red wavy underlines under problems.

Like the spans, links are drawn for the visible blocks only: an end that lies off screen
is drawn as an arrow to the top or bottom edge of the view, labelled with what it points
at (an argument may sit in another sentence).  Only lines and small labels are painted,
never the glyphs.

Arcs and their labels keep to the band the labelled font leaves above each line (where
the span painter draws the label names): an arc rises from the top of its source's box
into that band, runs along it and comes down onto its target, and its label sits in the
band where it covers the fewest names, so neither hides the line above.  With the names
off there is no band (the lines are set tight) and the labels sit over the line above.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from annotator.core.model import Span
from annotator.gui.panels.models import quoted
from annotator.gui.text.document_view import DEFAULT_FONT
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

    def __post_init__(self) -> None:
        #: what says how the arc is drawn (what repaints compare), made once per arc: the
        #: window keeps the arcs of a document's relations between edits
        self.key: tuple[object, ...] = (
            "arc", tuple(map(tuple, self.source.fragments)), tuple(map(tuple, self.target.fragments)), self.label,
            self.color.rgba(), self.strong, self.dashed, self.source.surface, self.target.surface)
        #: where the source and the target begin and end (a paint skips the arcs of a
        #: document's hundreds whose ends both lie off screen)
        self.ends: tuple[tuple[int, int], tuple[int, int]] = (
            (self.source.start, self.source.end), (self.target.start, self.target.end))


@dataclass
class Overlay:
    """Everything drawn over the text besides the spans themselves."""

    arcs: list[Arc] = field(default_factory=list)
    frames: list[tuple[Span, QColor]] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, message
    #: (n, shapes): the shapes of the first ``n`` arcs, already made (the document's
    #: relations: the window keeps them between edits, so an edit does not key hundreds
    #: of arrows again)
    arc_shapes: tuple[int, dict[tuple[object, ...], object]] | None = None

    def is_empty(self) -> bool:
        return not (self.arcs or self.frames or self.marks)

    def shapes(self) -> dict[tuple[object, ...], object]:
        """Each arc and frame by a key that says how it is drawn (what repaints compare)."""
        n, base = self.arc_shapes or (0, {})
        out: dict[tuple[object, ...], object] = dict(base)
        for a in self.arcs[n:]:
            out[a.key] = a
        for span, color in self.frames:
            out[("frame", tuple(map(tuple, span.fragments)), color.rgba())] = span
        return out

    def mark_elements(self) -> dict[tuple[object, ...], object]:
        """Each problem mark by its key."""
        return {("mark", mark): mark for mark in self.marks}



class LinkPainter:
    """Paints an ``Overlay`` on a ``DocumentView`` (it is one of the view's overlays)."""

    def __init__(self, view: object) -> None:
        self.view = view
        self.overlay = Overlay()
        #: returns False while the overlay belongs to a document no longer shown
        self.document: Callable[[], bool] = lambda: True
        #: the boxes of the arcs' labels drawn in the last paint
        self.label_rects: list[QRectF] = []
        # the overlay's arcs and frames, and its marks, by key
        self._shapes: dict[tuple[object, ...], object] = {}
        self._marks: dict[tuple[object, ...], object] = {}

    def set_overlay(self, overlay: Overlay) -> None:
        """Show ``overlay``: repaint only the strips of the view where a mark, frame or
        arrow appeared or went (a repaint of the whole view costs tens of milliseconds)."""
        old, self.overlay = self.overlay, overlay
        shapes = overlay.shapes()
        changed = _gone_and_new(self._shapes, shapes)
        self._shapes = shapes
        if overlay.marks is not old.marks and overlay.marks != old.marks:  # most edits keep the problems
            marks = overlay.mark_elements()
            changed += _gone_and_new(self._marks, marks)
            self._marks = marks
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
        self.label_rects = []
        if not blocks or ov.is_empty() or not self.document():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = blocks[0].start, blocks[-1].end
        for start, end, _ in ov.marks:
            if start < hi and end > lo:
                for r in self.rects(blocks, [(start, end)]):
                    self._wave(painter, r)
        room = self._room()
        for span, color in ov.frames:
            if span.start < hi and span.end > lo:
                for r in self.rects(blocks, span.fragments):
                    r = r.adjusted(0, room, 0, 0)  # round the letters, as the span's box; the band above stays free
                    painter.setPen(QPen(color, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(r.adjusted(0, 1, 0, -1), 3, 3)
        for arc in ov.arcs:
            (a0, a1), (b0, b1) = arc.ends
            if (a1 <= lo or a0 >= hi) and (b1 <= lo or b0 >= hi):
                continue  # neither end shows: not drawn
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

    def _room(self) -> float:
        """The height of the free band above each line (where the label names sit)."""
        return float(getattr(self.view.painter, "room", 0.0))  # type: ignore[attr-defined]

    def _arc(self, painter: QPainter, blocks: list[VisibleBlock], arc: Arc) -> None:
        """Draw ``arc`` in the band above its ends' lines: up from the top of the source's
        box into the band, along it, down onto the target's box, its label in the band
        beside the names there (never over the line above)."""
        sides = (self._side(blocks, arc.source), self._side(blocks, arc.target))
        if sides[0] and sides[1]:
            return
        height = self.view.viewport().height()  # type: ignore[attr-defined]
        line = QFontMetricsF(self.view.font()).height()  # type: ignore[attr-defined]
        room = self._room()
        pen = QPen(arc.color, 2.4 if arc.strong else 1.5)
        ends: list[QPointF] = []
        bands: list[float] = []  # the top of each end's line
        for span, side in zip((arc.source, arc.target), sides, strict=True):
            rects = self.rects(blocks, span.fragments) if not side else []
            if rects:
                r = rects[0]
                ends.append(QPointF(r.center().x(), r.top() + room + (0 if room else 2)))
                bands.append(r.top())
            else:
                ends.append(QPointF(0, 4 if side < 0 else height - 4))
                bands.append(-1.0)
        a, b = ends
        if sides[0]:
            a.setX(b.x())
        if sides[1]:
            b.setX(a.x())
        path = QPainterPath(a)
        if not (sides[0] or sides[1]) and room:
            # in the bands: the horizontal runs just below the top of the line, clear of the
            # line above, with rounded corners
            ya, yb = bands[0] + pen.widthF(), bands[1] + pen.widthF()
            bend = min(room * 0.6, abs(a.x() - b.x()) / 2)
            sx = 1.0 if b.x() >= a.x() else -1.0
            path.lineTo(a.x(), ya + bend)
            path.quadTo(QPointF(a.x(), ya), QPointF(a.x() + sx * bend, ya))
            if abs(ya - yb) < 2:
                path.lineTo(b.x() - sx * bend, ya)
            else:  # to another line: across to the band above the target
                path.cubicTo(QPointF(b.x(), ya), QPointF(a.x(), yb), QPointF(b.x() - sx * bend, yb))
            path.quadTo(QPointF(b.x(), yb), QPointF(b.x(), yb + bend))
            path.lineTo(b)
        else:
            lift = max(14.0, min(line * 0.9, abs(a.x() - b.x()) * 0.3 + 10))
            path.cubicTo(QPointF(a.x(), a.y() - lift), QPointF(b.x(), b.y() - lift * (1 if not sides[1] else -1)), b)
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
        if off is not None:  # beside the end that shows, in its band
            near = a if sides[1] else b
            band, span = (bands[0] if sides[1] else bands[1]), (near.x(), near.x())
        elif abs(a.y() - b.y()) < 2:  # along the arc, between its ends
            band, span = bands[1], (min(a.x(), b.x()), max(a.x(), b.x()))
        else:  # above the target, on its line
            band, span = bands[1], (b.x(), b.x())
        self._label(painter, band, span, label, arc.color)

    def _head(self, painter: QPainter, path: QPainterPath, color: QColor) -> None:
        tip = path.pointAtPercent(1.0)
        back = path.pointAtPercent(path.percentAtLength(max(0.0, path.length() - 4)))  # the heading of the last pixels
        dx, dy = tip.x() - back.x(), tip.y() - back.y()
        norm = max((dx * dx + dy * dy) ** 0.5, 0.001)
        ux, uy = dx / norm, dy / norm
        size = 7.0
        left = QPointF(tip.x() - ux * size - uy * size * 0.55, tip.y() - uy * size + ux * size * 0.55)
        right = QPointF(tip.x() - ux * size + uy * size * 0.55, tip.y() - uy * size - ux * size * 0.55)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([tip, left, right]))

    def _label(self, painter: QPainter, band: float, between: tuple[float, float], text: str, color: QColor) -> None:
        """Draw ``text`` in a small box in the band above the line whose top is ``band``,
        as near the middle of ``between`` (x from, x to) as the label names and the other
        arc labels there allow."""
        room = self._room()
        h = max(9.0, room - 2) if room else 14.0
        # in the text's own face (Amiri: Arabic role names too), as large as the box lets
        # its letters be; not the labelled copy, whose taller ascent would push them down
        font = QFont(DEFAULT_FONT)
        font.setPixelSize(max(8, int(h * 0.9)))
        metrics = QFontMetricsF(font)
        w = metrics.horizontalAdvance(text) + 6
        width = self.view.viewport().width()  # type: ignore[attr-defined]
        y = band + 1 if room else band - h / 2
        lo, hi = between
        mid = (lo + hi) / 2
        near = QRectF(lo - 2 * w, y, hi - lo + 4 * w, h)  # only what lies on this row near the arc matters
        names = [r for r in self.view.painter.name_rects if r.intersects(near)]  # type: ignore[attr-defined]
        labels = [r for r in self.label_rects if r.intersects(near)]
        # the middle, just beside something in the way, or any place along the arc: the
        # one that covers least (another arc's label far worse than a name), then the nearest
        starts = [mid - w / 2] + [x for r in names + labels for x in (r.left() - w - 2, r.right() + 2)]
        if names or labels:
            starts += [lo - w + i * 4.0 for i in range(int((hi - lo + w) / 4) + 1)]
        starts = [min(max(2.0, x), width - w - 2) for x in starts if lo - w <= x <= hi]  # touching the arc

        def cost(x: float) -> tuple[float, float]:
            box = QRectF(x, y, w, h)
            covered = sum(_area(box & r) for r in names) + 10 * sum(_area(box & r) for r in labels)
            return round(covered), abs(x + w / 2 - mid)

        x = min(starts, key=cost) if starts else mid - w / 2
        box = QRectF(x, y, w, h)
        self.label_rects.append(box)
        painter.setPen(QPen(color, 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(font)
        ink = color.darker(200)
        ink.setAlpha(255)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def tooltip(self, pos: int) -> str:
        """Return the problems marked at code point ``pos`` (for the hover text)."""
        if not self.document():
            return ""
        return "<br>".join(f"<span style='color:#d32f2f'>⚠</span> {_escape(msg)}"
                           for s, e, msg in self.overlay.marks if s <= pos < e)


def _gone_and_new(before: dict[tuple[object, ...], object], after: dict[tuple[object, ...], object]) -> list[object]:
    """Return the elements of ``before`` not in ``after`` and those of ``after`` not in ``before``."""
    return [before[k] for k in before.keys() - after.keys()] + [after[k] for k in after.keys() - before.keys()]


def _area(r: QRectF) -> float:
    return max(0.0, r.width()) * max(0.0, r.height())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
