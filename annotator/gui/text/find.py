"""Find (Ctrl+F): matches that ignore diacritics, tatweel and alef/hamza forms, listed in
context, and "label all" for the whole-word ones.

The search itself is ``NormalizedText.find_all`` from the core, run on the reader thread
(a 5 MB document takes longer than a frame to normalise).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.panels.models import ltr
from annotator.gui.window.workers import Hit

Index = QModelIndex | QPersistentModelIndex
CONTEXT = 40
HIT_ROLE = Qt.ItemDataRole.UserRole + 2


class FindResultsModel(QAbstractListModel):
    """Search hits with their context, read from the document text as they are shown."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.text = ""

    def set_hits(self, hits: list[Hit], text: str) -> None:
        self.beginResetModel()
        self.hits, self.text = hits, text
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hits)

    def context(self, hit: Hit) -> tuple[str, str, str]:
        """Return the text before, of and after ``hit`` on its line."""
        t = self.text
        before = t[max(0, hit.start - CONTEXT):hit.start].rsplit("\n", 1)[-1]
        after = t[hit.end:hit.end + CONTEXT].split("\n", 1)[0]
        return before, t[hit.start:hit.end], after

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            before, match, after = self.context(hit)
            style = "" if hit.whole_word else " style='text-decoration: underline dotted'"
            return (f"<span dir='auto'>…{escape(before)}<b><span style='background:#ffe08a'{style}>{escape(match)}</span></b>"
                    f"{escape(after)}…</span>")
        if role == Qt.ItemDataRole.ToolTipRole:
            where = self.tr("characters {range}").format(range=ltr(f"{hit.start}–{hit.end}"))
            return where if hit.whole_word else where + " · " + self.tr("part of a longer word")
        if role == HIT_ROLE:
            return hit
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's display text as a line of rich text."""

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt.text, opt)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt.text, opt)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))

    @staticmethod
    def _doc(html: str, opt: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(option)
        doc.setHtml(html)
        doc.setTextWidth(max(50, opt.rect.width()))
        return doc


class FindPanel(QWidget):
    """A search box, the hits in context, and "label all whole-word matches"."""

    searchRequested = Signal(str)  # the query (empty: clear)
    hitActivated = Signal(int, int)  # start, end
    labelAllRequested = Signal(str, object)  # label, list[Hit] (whole words only)
    cliticsChanged = Signal(str)  # the clitic policy: "exact", "split" or "attached"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Find (ignores diacritics, tatweel and hamza forms)"))
        self.query.setClearButtonEnabled(True)
        layout.addWidget(self.query)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = FindResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.results, 1)
        self.clitics = QComboBox()
        for code, name in (("exact", self.tr("Whole words only")),
                           ("split", self.tr("Also after و ف ب ك ل: label the word without them")),
                           ("attached", self.tr("Also after و ف ب ك ل: label the whole word"))):
            self.clitics.addItem(name, code)
        self.clitics.setToolTip(self.tr("Which matches count as whole words, and what label all marks"))
        self.clitics.currentIndexChanged.connect(lambda _: self.cliticsChanged.emit(self.clitic_policy()))
        layout.addWidget(self.clitics)
        row = QHBoxLayout()
        self.label = QComboBox()
        self.label_all = QPushButton(self.tr("Label all whole-word matches"))
        self.label_all.setEnabled(False)
        row.addWidget(self.label_all)
        row.addWidget(self.label, 1)
        layout.addLayout(row)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(lambda: self.searchRequested.emit(self.query.text().strip()))
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.next_hit)
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)
        self.label_all.clicked.connect(self._label_all)

    def clitic_policy(self) -> str:
        """Return how matches after a proclitic (و ف ب ك ل) count: ``exact`` not at all,
        ``split`` as whole words labelled without the clitic (والحكومة -> الحكومة),
        ``attached`` as whole words labelled with it (the whole token والحكومة)."""
        return self.clitics.currentData() or "exact"

    def set_clitic_policy(self, policy: str) -> None:
        self.clitics.setCurrentIndex(max(0, self.clitics.findData(policy)))

    def set_labels(self, names: dict[str, str], icons: dict[str, Any]) -> None:
        """Offer ``names`` (label -> display name) in the label box."""
        current = self.label.currentData()
        self.label.clear()
        for label, name in names.items():
            self.label.addItem(icons[label], name, label)
        if current is not None:
            self.label.setCurrentIndex(max(0, self.label.findData(current)))

    def show_hits(self, hits: list[Hit], text: str) -> None:
        """List ``hits`` (in ``text``)."""
        self.model.set_hits(hits, text)
        whole = sum(1 for h in hits if h.whole_word)
        if not self.query.text().strip():
            self.summary.setText("")
        else:
            n = len(hits)
            self.summary.setText(self.tr("%n matches (whole words: {w})", None, n).format(w=whole))
        self.label_all.setEnabled(whole > 0)

    def whole_word_hits(self) -> list[Hit]:
        return [h for h in self.model.hits if h.whole_word]

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hitActivated.emit(hit.start, hit.end)

    def step(self, delta: int) -> None:
        """Go to the next (or previous) hit."""
        n = self.model.rowCount()
        if not n:
            return
        row = self.results.currentIndex().row()
        row = (row + delta) % n if row >= 0 else (0 if delta > 0 else n - 1)
        index = self.model.index(row)
        self.results.setCurrentIndex(index)
        self._activated(index)

    def next_hit(self) -> None:
        self.step(1)

    def previous_hit(self) -> None:
        self.step(-1)

    def _label_all(self) -> None:
        label = self.label.currentData()
        if label:
            self.labelAllRequested.emit(label, self.whole_word_hits())

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()
