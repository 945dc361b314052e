"""Drawing spans under the text of the visible blocks.

Only the blocks on screen are visited and only the spans that touch them are drawn, so the
cost of a paint does not grow with the document or its number of spans.  Each fragment's
rectangles come from ``QTextLayout.glyphRuns(from, length)``: exact and correct for
right-to-left and mixed text, where one logical range can be several pieces on screen.

Spans are told apart by nesting level: the outermost fills the whole line height and each
level inside it is inset a little more from top and bottom, with its own underline bar, so
nested and overlapping spans show as stacked boxes with layered underlines.  Only the
background, border and bars are painted; the glyphs are never touched, so Arabic letters
stay joined.

Label names (View → Label names on spans) are drawn above each span's first piece, in
the room the view's font leaves above its lines ("Amiri Labelled": Amiri with a taller
ascent); the boxes then start below that room.  Where two names would overlap on a line,
the second moves along in the reading direction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextBlock, QTextLayout

from annotator.core.text import Utf16Index
from annotator.gui.text.span_store import SpanItem, nesting_levels

#: Vertical inset per nesting level, in pixels at 100 % zoom (scaled with the font).
LEVEL_INSET = 0.13
BAR = 0.075
MAX_LEVELS = 4


@dataclass
class VisibleBlock:
    """A block on screen: its layout, its place and its code point range."""

    block: QTextBlock
    origin: QPointF
    start: int  # code points
    end: int
    pos16: int  # UTF-16 position of the block


def merge_rects(rects: list[QRectF]) -> list[QRectF]:
    """Join rectangles on the same line that touch, so a span reads as one box."""
    out: list[QRectF] = []
    for r in sorted(rects, key=lambda r: (round(r.top()), r.left())):
        last = out[-1] if out else None
        if last is not None and abs(last.top() - r.top()) < 0.5 and r.left() <= last.right() + 1.0:
            out[-1] = last.united(r)
        else:
            out.append(QRectF(r))
    return out


def range_rects(layout: QTextLayout, start16: int, end16: int) -> list[QRectF]:
    """Return the rectangles of ``[start16, end16)`` (UTF-16, block-relative) in the
    block's own coordinates.  Line by line: ``QTextLayout.glyphRuns`` merges the runs of
    one font across lines, so a range crossing a line break would become one box over
    both lines."""
    if end16 <= start16:
        return []
    rects = []
    first = layout.lineForTextPosition(start16)
    for i in range(first.lineNumber() if first.isValid() else 0, layout.lineCount()):
        line = layout.lineAt(i)
        if line.textStart() >= end16:
            break
        lo, hi = max(start16, line.textStart()), min(end16, line.textStart() + line.textLength())
        if lo < hi:
            rects += [run.boundingRect() for run in line.glyphRuns(lo, hi - lo)]
    if not rects:  # no line holds it (not laid out yet): ask for the whole range
        rects = [run.boundingRect() for run in layout.glyphRuns(start16, end16 - start16)]
    return merge_rects(rects)


class SpanPainter:
    """Paints span boxes for a view, and remembers where it drew them (for hover and
    clicks)."""

    CACHE_LIMIT = 50_000

    def __init__(self) -> None:
        self.colors: dict[str, QColor] = {}
        self.hits: list[tuple[QRectF, SpanItem, int]] = []  # rect, span, level
        #: where the label names were drawn in the last paint (what the arc labels keep clear of)
        self.name_rects: list[QRectF] = []
        # glyphRuns is the costly part of a paint; the rectangles of a range in a block
        # stay the same until the layout changes (width, font, direction, text).
        self._rects: dict[tuple[int, int, int], list[QRectF]] = {}
        self._layout_state: object = None
        self.show_names = False  # draw each span's label above it
        self.room = 0.0  # pixels above each line's glyphs kept for the names
        self.label_font = QFont()
        self.rtl_at: Callable[[int], bool] = lambda pos: False
        self.width = 1 << 30  # of the viewport: names stay inside it

    def layout_changed(self, state: object) -> None:
        """Forget cached rectangles if ``state`` (width, font, direction, text) changed."""
        if state != self._layout_state:
            self._layout_state = state
            self._rects.clear()

    def color(self, label: str) -> QColor:
        return self.colors.get(label) or QColor("#999999")

    def paint(self, painter: QPainter, blocks: list[VisibleBlock], items: list[SpanItem], u16: Utf16Index,
              selected: int | None, em: float, clip: QRectF | None = None) -> None:
        """Paint ``items`` over ``blocks``; remember the rectangles in ``hits`` (all of
        them: clicks and tooltips look there), but draw only those that meet ``clip``."""
        self.hits = []
        self.name_rects = []
        if not blocks or not items:
            return
        levels = nesting_levels(items)
        starts = [b.start for b in blocks]
        firsts: list[tuple[QRectF, SpanItem, bool]] = []
        for item in sorted(items, key=lambda it: (levels[it.id], it.start)):
            level = min(levels[item.id], MAX_LEVELS)
            for n, (s, e) in enumerate(item.fragments):
                rects = [r.adjusted(0, self.room, 0, 0) if self.room else r for r in self._fragment_rects(blocks, starts, s, e, u16)]
                if n == 0 and rects and self.show_names:
                    rtl = self.rtl_at(s)
                    top = min(r.top() for r in rects)
                    line = [r for r in rects if abs(r.top() - top) < 0.5]
                    firsts.append((max(line, key=lambda r: r.right()) if rtl else min(line, key=lambda r: r.left()), item, rtl))
                for rect in rects:
                    self.hits.append((rect, item, level))
                    if clip is None or rect.intersects(clip):
                        self._draw(painter, rect, self.color(item.label), level, item.id == selected, em)
        if firsts:
            self._paint_names(painter, firsts, selected)

    def _paint_names(self, painter: QPainter, firsts: list[tuple[QRectF, SpanItem, bool]], selected: int | None) -> None:
        """Draw each span's label (its short code) above its first piece, in the room
        above the line."""
        font = QFont(self.label_font)
        height = max(7.0, (self.room or 12.0) - 2)
        font.setPixelSize(max(7, int(height * 0.78)))
        font.setBold(True)
        fm = QFontMetricsF(font)
        painter.save()
        painter.setFont(font)
        taken: list[QRectF] = []
        for rect, item, rtl in sorted(firsts, key=lambda f: (round(f[0].top()), -f[0].right() if f[2] else f[0].left())):
            name = item.label  # the short code, as brat shows it (the full name is the hover text)
            w = fm.horizontalAdvance(name) + 6
            y = rect.top() - height - 1 if self.room else rect.top() + 1
            box = QRectF(rect.right() - w, y, w, height) if rtl else QRectF(rect.left(), y, w, height)
            for other in taken:  # move along in the reading direction past any name in the way
                if other.intersects(box):
                    box.moveLeft(other.left() - w - 2) if rtl else box.moveLeft(other.right() + 2)
            if box.left() < 0 or box.right() > self.width:  # moved off the line: stay at the span
                box.moveLeft(rect.right() - w if rtl else rect.left())
            taken.append(box)
            self.name_rects.append(QRectF(box))
            color = self.color(item.label)
            back = QColor(255, 255, 255, 225)
            painter.setPen(color.darker(110) if item.id != selected else color.darker(160))
            painter.setBrush(back)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(color.darker(170))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), name)
        painter.restore()

    def paint_marks(self, painter: QPainter, blocks: list[VisibleBlock], ranges: list[tuple[int, int]], u16: Utf16Index) -> None:
        """Mark search matches: a yellow band along the bottom of each."""
        starts = [b.start for b in blocks]
        color = QColor(255, 190, 0, 200)
        for s, e in ranges:
            for rect in self._fragment_rects(blocks, starts, s, e, u16):
                painter.fillRect(QRectF(rect.left(), rect.top() + 1, rect.width(), 3), color)
                painter.fillRect(QRectF(rect.left(), rect.bottom() - 4, rect.width(), 3), color)

    def rects_of(self, blocks: list[VisibleBlock], item: SpanItem, u16: Utf16Index) -> list[QRectF]:
        """Return where ``item`` shows in ``blocks`` (an empty list if off screen)."""
        starts = [b.start for b in blocks]
        return [r for s, e in item.fragments for r in self._fragment_rects(blocks, starts, s, e, u16)]

    def _fragment_rects(self, blocks: list[VisibleBlock], starts: list[int], s: int, e: int, u16: Utf16Index) -> list[QRectF]:
        rects: list[QRectF] = []
        i = max(0, bisect_right(starts, s) - 1)
        while i < len(blocks) and blocks[i].start < e:
            b = blocks[i]
            lo, hi = max(s, b.start), min(e, b.end)
            if lo < hi:
                key = (b.pos16, u16.to_utf16(lo) - b.pos16, u16.to_utf16(hi) - b.pos16)
                local = self._rects.get(key)
                if local is None:
                    if len(self._rects) > self.CACHE_LIMIT:
                        self._rects.clear()
                    local = self._rects[key] = range_rects(b.block.layout(), key[1], key[2])
                rects += [r.translated(b.origin) for r in local]
            i += 1
        return rects

    @staticmethod
    def _draw(painter: QPainter, rect: QRectF, color: QColor, level: int, selected: bool, em: float) -> None:
        """A translucent box inset by nesting level, a thin frame and a solid bar below."""
        inset = round(1 + level * LEVEL_INSET * em)
        box = rect.toAlignedRect().adjusted(1, inset, -1, -inset)
        fill = QColor(color)
        fill.setAlpha(110 if selected else 50)
        painter.fillRect(box, fill)
        edge = QColor(color)
        edge.setAlpha(255 if selected else 150)
        w = 2 if selected else 1
        x, y, bw, bh = box.x(), box.y(), box.width(), box.height()
        painter.fillRect(x, y, bw, w, edge)
        painter.fillRect(x, y, w, bh, edge)
        painter.fillRect(x + bw - w, y, w, bh, edge)
        bar = max(2, round(BAR * em)) + (1 if selected else 0)
        painter.fillRect(x, y + bh - bar, bw, bar, color)

    def items_at(self, point: QPointF) -> list[tuple[SpanItem, int]]:
        """Return the spans drawn under ``point`` with their levels, innermost first."""
        found: dict[int, tuple[SpanItem, int]] = {}
        for rect, item, level in self.hits:
            if rect.contains(point):
                found[item.id] = (item, level)
        return sorted(found.values(), key=lambda x: (-x[1], x[0].end - x[0].start))
