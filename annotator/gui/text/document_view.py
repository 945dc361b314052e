"""The document view: read-only text, right-to-left where the text is, with spans drawn
under it.

Positions cross the Qt boundary here and only here: Qt counts UTF-16 code units of the
shown copy of the text (``annotator.core.shown``: a U+FEFF shown as U+2060, a direction
mark where a paragraph's direction needs one), the project counts code points of the
stored text; ``ShownIndex`` converts both ways.  Selections snap with
``annotator.core.text.snap``; double-click selects a word with ``word_at``.  Clicks and
drags find their position with ``position_at``, not Qt's hit test, which lands one letter
off on wrapped right-to-left lines that end in a space (Qt 6.11 ``QTextLine.xToCursor``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.core.shown import ShownIndex, shown_text
from annotator.core.text import snap, word_at
from annotator.gui.text.span_painter import SpanPainter, VisibleBlock
from annotator.gui.text.span_store import SpanItem, SpanStore

DIRECTIONS = {
    "auto": Qt.LayoutDirection.LayoutDirectionAuto,
    "rtl": Qt.LayoutDirection.RightToLeft,
    "ltr": Qt.LayoutDirection.LeftToRight,
}
DEFAULT_FONT = "Amiri"
#: Amiri with room above each line for the label names (scripts/make_label_font.py)
LABELLED_FONT = "Amiri Labelled"
DEFAULT_SIZE = 16


class DocumentView(QPlainTextEdit):
    """Shows one document and its spans; reports clicks on spans."""

    spanClicked = Signal(object)  # a span id, or None for a click on unannotated text
    spanSelected = Signal(object)  # the selected span changed (an id, or None)
    spanResized = Signal(int, object)  # a span id and its new fragments, after an edge was dragged

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.viewport().setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self.text = ""
        self.u16 = ShownIndex("")
        self.store = SpanStore()
        self.snap_mode = "word"
        self.selected_span: int | None = None
        self.painter = SpanPainter()
        self.labels: dict[str, str] = {}  # label -> display name, for tooltips
        self.direction = "auto"
        self._press: QPoint | None = None
        self._anchor16: int | None = None
        self._edge_drag: tuple[int, str] | None = None  # (span id, "start" or "end") while an edge is dragged
        self.find_hits: list[tuple[int, int]] = []
        #: marks painted under the text with the spans: ``paint(painter, visible blocks)`` (adjudication)
        self.underlays: list[Callable[[QPainter, list[VisibleBlock]], None]] = []
        #: painted over the text after it: objects with ``paint(painter, blocks)`` and
        #: ``tooltip(position) -> str`` (the links and problem marks of ``link_painter``)
        self.overlays: list[Any] = []
        self.show_labels = False
        self.painter.rtl_at = self.is_right_to_left_at
        self.set_font(DEFAULT_FONT, DEFAULT_SIZE)
        self._translucent_selection()

    # -- content -----------------------------------------------------------------------

    def set_document(self, text: str, store: SpanStore | None = None) -> None:
        """Show ``text`` (and ``store``'s spans)."""
        self.text = text
        self.selected_span = None
        self._show_text()
        self.set_text_direction(self.direction)
        self.store = store or SpanStore()
        self.viewport().update()

    def _show_text(self) -> None:
        shown, self.u16 = shown_text(self.text, self.direction)
        self._shown_direction = self.direction
        self.setPlainText(shown)

    def set_store(self, store: SpanStore) -> None:
        """Show ``store``'s spans over the current text."""
        self.store = store
        if self.selected_span not in store:
            self.selected_span = None
        self.viewport().update()

    def set_colors(self, colors: dict[str, str], names: dict[str, str]) -> None:
        """Set each label's colour (``#rrggbb``) and display name."""
        self.painter.colors = {label: QColor(c) for label, c in colors.items()}
        self.labels = dict(names)
        self.viewport().update()

    def set_text_direction(self, mode: str) -> None:
        """Lay paragraphs out right-to-left, left-to-right, or by their text ("auto")."""
        self.direction = mode if mode in DIRECTIONS else "auto"
        if self.text and self.direction != getattr(self, "_shown_direction", self.direction):
            self._show_text()  # the direction marks of "auto" come and go
        option = self.document().defaultTextOption()
        option.setTextDirection(DIRECTIONS[self.direction])
        # Justify: full lines fill the width, and a paragraph's last line sits at its own
        # starting edge (Qt aligns unjustified right-to-left lines right). A plain AlignLeft
        # would put short Arabic lines on the left: QPlainTextEdit has one option for all.
        option.setAlignment(Qt.AlignmentFlag.AlignJustify)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().markContentsDirty(0, self.document().characterCount())
        self.viewport().update()

    def set_font(self, family: str, size: float) -> None:
        """Show the text in ``family`` at ``size`` points (Amiri with room for the label
        names above the lines while they are shown)."""
        if family in (DEFAULT_FONT, LABELLED_FONT):
            family = LABELLED_FONT if self.show_labels else DEFAULT_FONT
        font = QFont(family)
        font.setPointSizeF(max(6.0, min(72.0, size)))
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        self.setFont(font)
        self._update_label_room()

    def set_show_labels(self, on: bool) -> None:
        """Draw (or stop drawing) each span's label name above it."""
        self.show_labels = on
        self.set_font(self.font().family(), self.font().pointSizeF())
        self.viewport().update()

    def _update_label_room(self) -> None:
        font = self.font()
        if not self.show_labels:
            self.painter.show_names, self.painter.room = False, 0.0
            return
        plain = QFont(font)
        plain.setFamily(DEFAULT_FONT)
        room = QFontMetricsF(font).ascent() - QFontMetricsF(plain).ascent() if font.family() == LABELLED_FONT else 0.0
        self.painter.show_names, self.painter.room = True, max(0.0, room)

    def font_size(self) -> float:
        return self.font().pointSizeF()

    def set_find_hits(self, hits: list[tuple[int, int]]) -> None:
        """Mark search matches (code point ranges, in text order) in the text."""
        self.find_hits = sorted(hits)
        self.viewport().update()

    def refresh(self, span_ids: list[int] | None = None) -> None:
        """Repaint after the spans changed: the lines of ``span_ids`` (and of the spans
        overlapping them, whose levels may change), or everything."""
        band = self._band(span_ids) if span_ids else None
        if band is None:
            self.viewport().update()
        else:
            self.viewport().update(band)

    def _band(self, span_ids: list[int]) -> QRect | None:
        """Return the full-width strip of the viewport that shows ``span_ids``' lines."""
        blocks = self.visible_blocks()
        if not blocks:
            return None
        items = [it for sid in span_ids if (it := self.store.get(sid)) is not None]
        for it in list(items):
            items += self.store.overlapping(it.start, it.end)
        rects = [r for it in items for r in self.painter.rects_of(blocks, it, self.u16)]
        rects += [r for r, it, _ in self.painter.hits if it.id in span_ids]
        if not rects:
            return QRect()
        top = min(r.top() for r in rects)
        bottom = max(r.bottom() for r in rects)
        return QRect(0, int(top) - 2, self.viewport().width(), int(bottom - top) + 5)

    # -- positions ---------------------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """Return the selected text as code points ``(start, end)``, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self.u16.to_codepoint(cursor.selectionStart()),
                self.u16.to_codepoint(cursor.selectionEnd(), round_up=True))

    def select_range(self, start: int, end: int, *, reveal: bool = True) -> None:
        """Select code points ``[start, end)``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.u16.to_utf16(start))
        cursor.setPosition(self.u16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if reveal:
            self.ensureCursorVisible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def reveal(self, start: int) -> None:
        """Scroll so that code point ``start`` is in the middle of the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.u16.to_utf16(min(start, len(self.text))))
        self.setTextCursor(cursor)
        self.centerCursor()

    def position_at(self, point: QPoint | QPointF) -> int:
        """Return the code point offset of the cursor position nearest ``point``."""
        return self.u16.to_codepoint(self.position16_at(point))

    def position16_at(self, point: QPoint | QPointF) -> int:
        """Return the Qt (UTF-16) cursor position nearest ``point``: Qt's hit test finds the
        line, then the position on it whose cursor x is nearest (``QTextLine.xToCursor``
        is one letter off on wrapped right-to-left lines that end in a space)."""
        point = QPointF(point)
        cursor = self.cursorForPosition(point.toPoint())
        block = cursor.block()
        layout = block.layout()
        local = point - self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        line = layout.lineForTextPosition(cursor.position() - block.position())
        for i in range(layout.lineCount()):
            candidate = layout.lineAt(i)
            if candidate.y() <= local.y() < candidate.y() + candidate.height():
                line = candidate
                break
        if not line.isValid():
            return cursor.position()
        best, best_d = cursor.position(), float("inf")
        for p in range(line.textStart(), line.textStart() + line.textLength() + 1):
            d = abs(line.cursorToX(p)[0] - local.x())
            if d < best_d:
                best, best_d = block.position() + p, d
        return best

    def is_right_to_left_at(self, pos: int) -> bool:
        """Return True if the paragraph holding code point ``pos`` is laid out right to left."""
        block = self.document().findBlock(self.u16.to_utf16(min(pos, len(self.text))))
        return block.textDirection() == Qt.LayoutDirection.RightToLeft

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        return snap(self.text, start, end, self.snap_mode)  # type: ignore[arg-type]

    def select_span(self, span_id: int | None, *, reveal: bool = False) -> None:
        """Mark ``span_id`` as the selected span (drawn stronger)."""
        old = self.selected_span
        self.selected_span = span_id if span_id in self.store else None
        item = self.store.get(span_id) if span_id is not None else None
        if reveal and item is not None:
            self.reveal(item.start)
        self.refresh([x for x in (old, self.selected_span) if x is not None] or None)
        if old != self.selected_span:
            self.spanSelected.emit(self.selected_span)

    # -- painting ----------------------------------------------------------------------

    def visible_blocks(self) -> list[VisibleBlock]:
        """Return the blocks on screen with their origins and code point ranges."""
        out: list[VisibleBlock] = []
        offset = self.contentOffset()
        height = self.viewport().height()
        block = self.firstVisibleBlock()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > height:
                break
            if block.isVisible():
                pos = block.position()
                end16 = min(pos + block.length() - 1, self.u16.utf16_length)
                lo16, hi16 = pos, end16
                if geo.top() < 0 or geo.bottom() > height:
                    lo16, hi16 = self._lines_shown(block, geo.top(), height, pos, end16)
                out.append(VisibleBlock(block, geo.topLeft(), self.u16.to_codepoint(lo16),
                                        self.u16.to_codepoint(hi16, round_up=True), pos))
            block = block.next()
        return out

    @staticmethod
    def _lines_shown(block: QTextBlock, top: float, height: float, pos: int, end16: int) -> tuple[int, int]:
        """Return the UTF-16 range of ``block``'s lines that show (a paragraph taller than
        the view: only its lines on screen are painted, and only their spans looked up)."""
        layout = block.layout()
        n = layout.lineCount()
        if n == 0:
            return pos, end16
        lines = range(n)
        first = min(n - 1, bisect_right(lines, -top, key=lambda i: layout.lineAt(i).y() + layout.lineAt(i).height()))
        last = max(first, bisect_left(lines, height - top, key=lambda i: layout.lineAt(i).y()) - 1)
        a, b = layout.lineAt(first), layout.lineAt(last)
        return max(pos, pos + a.textStart()), min(end16, pos + b.textStart() + b.textLength())

    def paintEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        blocks = self.visible_blocks()
        items = self.store.overlapping(blocks[0].start, blocks[-1].end + 1) if blocks and len(self.store) else []
        self.painter.layout_changed((self.viewport().width(), self.font().key(), self.direction, id(self.text)))
        painter = QPainter(self.viewport())
        painter.setClipRect(event.rect())
        self.painter.width = self.viewport().width()
        clip = QRectF(event.rect()).adjusted(-2, -2, 2, 2)  # a band repaint draws only the spans in it
        self.painter.paint(painter, blocks, items, self.u16, self.selected_span, self.fontMetrics().height(), clip)
        if self.find_hits and blocks:
            self.painter.paint_marks(painter, blocks, self._hits_between(blocks[0].start, blocks[-1].end), self.u16)
        for underlay in self.underlays:
            underlay(painter, blocks)
        painter.end()
        super().paintEvent(event)
        if self.overlays and blocks:
            over = QPainter(self.viewport())
            over.setClipRect(event.rect())
            for overlay in self.overlays:
                overlay.paint(over, blocks)
            over.end()

    def _hits_between(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(0, bisect_left(self.find_hits, (start, 0)) - 1)
        out = []
        while i < len(self.find_hits) and self.find_hits[i][0] <= end:
            if self.find_hits[i][1] > start:
                out.append(self.find_hits[i])
            i += 1
        return out

    def _translucent_selection(self) -> None:
        pal = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            pal.setColor(group, QPalette.ColorRole.Highlight, QColor(40, 110, 230, 85))
            pal.setColor(group, QPalette.ColorRole.HighlightedText, pal.color(QPalette.ColorRole.Text))
        self.setPalette(pal)

    # -- mouse -------------------------------------------------------------------------

    def spans_at(self, point: QPointF | QPoint) -> list[SpanItem]:
        """Return the spans drawn under ``point`` (viewport coordinates), innermost first."""
        return [item for item, _ in self.painter.items_at(QPointF(point))]

    def tooltip_at(self, point: QPointF | QPoint) -> str:
        """Return the hover text for ``point``: each span's label and text."""
        lines = []
        for item in self.spans_at(point):
            surface = " … ".join(self.text[s:e] for s, e in item.fragments)
            lines.append(f"<b>{self.labels.get(item.label, item.label)}</b> ({item.label}): {_escape(surface)}")
        if self.overlays and self.text:
            pos = self.position_at(QPoint(int(point.x()), int(point.y())))
            lines += [tip for overlay in self.overlays if (tip := overlay.tooltip(pos))]
        return "<br>".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), f"<div dir='auto'>{tip}</div>", self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    EDGE_GRIP = 5  # pixels either side of a selected span's edge that pick it up

    def edge_at(self, point: QPointF | QPoint) -> str | None:
        """Return "start" or "end" if ``point`` is on that edge of the selected span (its
        first fragment's start, its last one's end), else None."""
        item = self.store.get(self.selected_span) if self.selected_span is not None else None
        if item is None:
            return None
        point = QPointF(point)
        for edge, pos in (("start", item.fragments[0][0]), ("end", item.fragments[-1][1])):
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.u16.to_utf16(pos))
            caret = self.cursorRect(cursor)
            if abs(point.x() - caret.center().x()) <= self.EDGE_GRIP and caret.top() - 2 <= point.y() <= caret.bottom() + 2:
                return edge
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        edge = self.edge_at(event.position()) if self._press is not None else None
        if edge is not None and self.selected_span is not None:
            self._edge_drag = (self.selected_span, edge)
            event.accept()
            return
        super().mousePressEvent(event)
        if self._press is not None and self.text and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._anchor16 = self.position16_at(event.position())
            cursor = self.textCursor()
            cursor.setPosition(self._anchor16)
            self.setTextCursor(cursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._edge_drag is not None:
            item = self.store.get(self._edge_drag[0])
            if item is not None:  # show the range the span will take
                s, e = self._dragged_range(item, self.position_at(event.position()), self._edge_drag[1])
                self.select_range(s, e, reveal=False)
            event.accept()
            return
        if not event.buttons():
            over = self.edge_at(event.position()) is not None
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if over else Qt.CursorShape.IBeamCursor)
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton and self.text \
                and getattr(self, "_anchor16", None) is not None:
            cursor = self.textCursor()
            cursor.setPosition(self._anchor16)
            cursor.setPosition(self.position16_at(event.position()), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def _dragged_range(self, item: SpanItem, pos: int, edge: str) -> tuple[int, int]:
        """Return the first (start edge) or last (end edge) fragment of ``item`` with that
        edge at ``pos``, snapped; the other edge stays where it is."""
        if edge == "start":
            end = item.fragments[0][1]
            s, e = self.snapped(min(pos, end - 1), end)
            return (s, end) if s < end else item.fragments[0]
        start = item.fragments[-1][0]
        s, e = self.snapped(start, max(pos, start + 1))
        return (start, e) if e > start else item.fragments[-1]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._edge_drag is not None:
            (sid, edge), self._edge_drag, self._press = self._edge_drag, None, None
            item = self.store.get(sid)
            self.clear_selection()
            if item is not None and event.button() == Qt.MouseButton.LeftButton:
                frag = self._dragged_range(item, self.position_at(event.position()), edge)
                frags = list(item.fragments)
                frags[0 if edge == "start" else -1] = frag
                if tuple(frags) != tuple(item.fragments):
                    self.spanResized.emit(sid, frags)
            return
        super().mouseReleaseEvent(event)
        press, self._press, self._anchor16 = self._press, None, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - press).manhattanLength() <= 3 and not self.textCursor().hasSelection():
            under = self.spans_at(event.position())
            self.select_span(under[0].id if under else None)
            self.spanClicked.emit(self.selected_span)
            return
        rng = self.selection_range()
        if rng:
            s, e = self.snapped(*rng)
            if s < e and (s, e) != rng:
                self.select_range(s, e, reveal=False)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or not self.text:
            return super().mouseDoubleClickEvent(event)
        pos = self.position_at(event.position().toPoint())
        word = word_at(self.text, pos) or word_at(self.text, pos - 1)
        if word:
            self.select_range(*word, reveal=False)
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            # the corpus text keeps its own direction whatever the UI language is
            self.set_text_direction(self.direction)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
