"""What the adjudication view shows: the table of items with their votes, and the marks
drawn in the text for the annotators' spans that are not in gold yet.

The data is ``Project.adjudication(doc)``: every span, event, relation and stance of the
annotators' layers with who has it, whether all agree, and whether gold has it.  Each
item is one row; the columns say who gave it, so two annotators who labelled the same words
differently show as two neighbouring rows, each with its own annotator ticked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from annotator.gui.panels.models import isolated, link_text, ltr
from annotator.gui.text.span_painter import VisibleBlock
from annotator.gui.text.span_store import SpanItem, SpanStore
from annotator.store.adjudication import Adjudication, Vote

Index = QModelIndex | QPersistentModelIndex
DISAGREE = QColor("#ffe0c2")  # a row the annotators disagree on, not settled in gold
SETTLED = QColor("#dcf1d8")  # a row gold has
TICK = "✓"


def surface(text: str, fragments: Any) -> str:
    """Return the text of ``fragments`` (several joined with " … ")."""
    return " … ".join(text[s:e] for s, e in fragments)


def describe(vote: Vote, text: str) -> str:
    """Return what an item says, in words of the text: a span's words; an event's trigger
    and arguments; a relation's two spans; a stance's target (and holder)."""
    key = vote.key
    if vote.kind == "span":
        return surface(text, vote.fragments)
    if vote.kind == "event":
        args = "; ".join(f"{role}: {isolated(surface(text, arg[1]))}" for role, arg in key[2])
        return surface(text, vote.fragments) + (f" ({args})" if args else "")
    if vote.kind == "relation":
        return link_text(surface(text, key[1][1]), surface(text, key[2][1]))
    target, holder = key[2]
    what = surface(text, target[1]) if target[0] == "span" else str(target[1])
    return what + (f" · {surface(text, holder)}" if holder else "")


class VotesModel(QAbstractTableModel):
    """The items of a document's adjudication: text, label, one column per annotator
    (ticked if they gave it) and gold (ticked if gold has it)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.adjudication: Adjudication | None = None
        self.text = ""
        self.names: dict[str, str] = {}  # label -> display name
        self.colors: dict[str, QColor] = {}
        self.only_disagreements = False
        self.rows: list[Vote] = []

    def set_labels(self, names: dict[str, str], colors: dict[str, str]) -> None:
        self.names = dict(names)
        self.colors = {k: QColor(v) for k, v in colors.items()}

    def set_adjudication(self, adjudication: Adjudication | None, text: str) -> None:
        """Show ``adjudication`` (of a document whose text is ``text``)."""
        self.beginResetModel()
        self.adjudication, self.text = adjudication, text
        self._refilter()
        self.endResetModel()

    def set_only_disagreements(self, only: bool) -> None:
        self.beginResetModel()
        self.only_disagreements = only
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        items = self.adjudication.items if self.adjudication is not None else []
        self.rows = [v for v in items if not (self.only_disagreements and v.agreed)]

    @property
    def annotators(self) -> list[str]:
        return self.adjudication.annotators if self.adjudication is not None else []

    def vote(self, row: int) -> Vote | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, vote: Vote) -> int | None:
        for i, v in enumerate(self.rows):
            if v.kind == vote.kind and v.key == vote.key:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3 + len(self.annotators)

    def label_text(self, vote: Vote) -> str:
        name = self.names.get(vote.label, vote.label)
        kinds = {"event": self.tr("event"), "relation": self.tr("relation"), "stance": self.tr("stance")}
        return f"{name} ({kinds[vote.kind]})" if vote.kind in kinds else name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        vote = self.vote(index.row()) if index.isValid() else None
        if vote is None:
            return None
        col, people = index.column(), self.annotators
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return describe(vote, self.text)
            if col == 1:
                return self.label_text(vote)
            if col < 2 + len(people):
                return TICK if people[col - 2] in vote.annotators else ""
            return TICK if vote.in_gold else ""
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return self.colors.get(vote.label)
        if role == Qt.ItemDataRole.BackgroundRole:
            return SETTLED if vote.in_gold else (DISAGREE if not vote.agreed else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(vote)
        return None

    def tooltip(self, vote: Vote) -> str:
        missing = [n for n in self.annotators if n not in vote.annotators]
        parts = [self.tr("Given by: {names}").format(names=", ".join(vote.annotators))]
        if missing:
            parts.append(self.tr("Not by: {names}").format(names=", ".join(missing)))
        if vote.fragments:
            parts.append(self.tr("Characters {where}").format(where=ltr("; ".join(f"{s}–{e}" for s, e in vote.fragments))))
        parts.append(self.tr("In gold") if vote.in_gold else self.tr("Not in gold yet"))
        return "\n".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        people = self.annotators
        if section == 0:
            return self.tr("Text")
        if section == 1:
            return self.tr("Label")
        return people[section - 2] if section < 2 + len(people) else self.tr("Gold")


def mark_index(items: list[Vote]) -> tuple[list[Vote], SpanStore]:
    """Return the span items gold lacks and a store of them by position (the store's ids
    are indexes into the list).  Building it costs ~30 ms per 10,000 items, so the team
    thread builds it along with the adjudication."""
    votes = [v for v in items if v.kind == "span" and not v.in_gold and v.fragments]
    return votes, SpanStore((i, v.label, v.fragments) for i, v in enumerate(votes))


class VoteMarks:
    """Draws, over the document view, the annotators' spans that gold lacks: a dashed box
    in the label's colour, striped where the annotators disagree.  Gold's own spans are
    the view's ordinary spans."""

    def __init__(self, view: Any) -> None:
        self.view = view
        self.votes: list[Vote] = []
        self.store = SpanStore()  # the marks, indexed by position (ids are indexes into votes)
        self.hits: list[tuple[QRectF, int]] = []

    def set_votes(self, votes: list[Vote], index: tuple[list[Vote], SpanStore] | None = None) -> None:
        """Mark the span items of ``votes`` that are not in gold (``index``: their
        ``mark_index``, if already made)."""
        self.votes, self.store = index if index is not None else mark_index(votes)
        self.view.viewport().update()

    def __call__(self, painter: QPainter, blocks: list[VisibleBlock]) -> None:
        self.hits = []
        if not blocks or not len(self.store):
            return
        painter.save()
        for item in self.store.overlapping(blocks[0].start, blocks[-1].end + 1):
            vote = self.votes[item.id]
            color = QColor(self.view.painter.color(vote.label))
            pen = QPen(color, 1.6, Qt.PenStyle.DashLine)
            for rect in self.view.painter.rects_of(blocks, SpanItem(item.id, item.label, item.fragments), self.view.u16):
                box = rect.adjusted(1.5, 2.5, -1.5, -2.5)
                if not vote.agreed:
                    stripes = QColor(color)
                    stripes.setAlpha(150)
                    painter.fillRect(box, QBrush(stripes, Qt.BrushStyle.BDiagPattern))
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box)
                self.hits.append((box, item.id))
        painter.restore()

    def vote_at(self, point: QPointF) -> Vote | None:
        """Return the marked item drawn under ``point`` (viewport coordinates), if any."""
        for rect, i in reversed(self.hits):
            if rect.contains(point):
                return self.votes[i]
        return None
