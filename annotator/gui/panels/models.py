"""Qt table models: the document list and the annotation list (one model per table).

The document list is windowed: it asks the project how many documents match the filter
and reads the rows a page at a time as the view shows them, so a project of 100,000
documents opens as fast as one of ten and never loads a text.  A page next to one already
read is read by keyset (the documents after that page's last id, or before its first), as
fast at row 99,999 as at row 1, and the next or previous document is found in the pages:
stepping through the list never counts or skips the rows before it.  The annotation list shows
the open document's ``SpanStore``; edits go through the model, which tells the view
exactly which row came or went.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.model import DocumentInfo
from annotator.gui.text.span_store import SpanItem, SpanStore

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {"new": "#9e9e9e", "in_progress": "#ef8f00", "done": "#2e9d3a"}
STATUS_MARKS = {"in_progress": "✎", "done": "✓"}
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def ltr(text: str) -> str:
    """Return ``text`` isolated as left-to-right: numbers and ranges such as "0–16" read
    the same in a right-to-left cell (without it, the Arabic UI shows "16–0")."""
    return f"{LRI}{text}{PDI}"


def isolated(text: str) -> str:
    """Return ``text`` isolated in the direction of its own first strong letter (a name
    in a list of names, whichever script each is in)."""
    return f"{FSI}{text}{PDI}"


def quoted(text: str) -> str:
    """Return ``text`` in guillemets, isolated: a name in a row of names keeps its place
    whichever script it and its neighbours are in («دمشق» → «حلب» never reads backwards)."""
    return f"«{FSI}{text}{PDI}»"


def link_text(source: str, target: str, symmetric: bool = False) -> str:
    """Return "«source» → «target»" with each name isolated, the arrow pointing from the
    source to the target in the reading direction of the interface (← in Arabic)."""
    from PySide6.QtGui import QGuiApplication

    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    arrow = "↔" if symmetric else ("←" if rtl else "→")
    return f"{quoted(source)} {arrow} {quoted(target)}"


class DocumentListModel(QAbstractTableModel):
    """The project's documents: name, status and span count (of one annotator, by
    default the current one), and everyone's status; read page by page."""

    PAGE = 200
    CACHED_PAGES = 32

    def __init__(self, project: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.status: str | None = None
        self.name: str | None = None
        self.annotator: str | None = None  # whose status and spans are shown (None: the current annotator)
        self._pages: OrderedDict[int, list[DocumentInfo]] = OrderedDict()
        self._people: dict[int, list[tuple[str, str]]] = {}  # document -> [(annotator, status)] of cached pages
        self._rows: dict[int, int] = {}  # document -> its row, for the documents of cached pages
        self.total = self._count = self.project.count_documents()

    @property
    def filters(self) -> dict[str, Any]:
        return {"status": self.status, "name": self.name or None, "annotator": self.annotator}

    def set_filter(self, *, status: str | None = None, name: str | None = None) -> None:
        """Show only documents with ``status`` and names containing ``name``."""
        self.status, self.name = status, name
        self.reload()

    def set_annotator(self, annotator: str | None) -> None:
        """Show ``annotator``'s status and spans (and filter by their status)."""
        if annotator != self.annotator:
            self.annotator = annotator
            self.reload()

    def reload(self) -> None:
        """Count again and forget every cached row."""
        self.beginResetModel()
        self._pages.clear()
        self._people.clear()
        self._rows.clear()
        self._count = self.project.count_documents(**self.filters)
        if self.status is None and not self.name:
            self.total = self._count
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def info(self, row: int) -> DocumentInfo | None:
        """Return the document at ``row`` (reading its page if needed)."""
        if not 0 <= row < self._count:
            return None
        number = row // self.PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            self._pages[number] = page
            self._people.update(dict.fromkeys((d.id for d in page), []) | self.project.document_statuses(d.id for d in page))
            self._rows.update((d.id, number * self.PAGE + i) for i, d in enumerate(page))
            while len(self._pages) > self.CACHED_PAGES:
                for old in self._pages.popitem(last=False)[1]:
                    self._people.pop(old.id, None)
                    self._rows.pop(old.id, None)
        else:
            self._pages.move_to_end(number)
        offset = row - number * self.PAGE
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[DocumentInfo]:
        """Read page ``number`` of the list: by keyset from a neighbouring page already
        read (one step past the end of a page), else from its row (a jump)."""
        before, after = self._pages.get(number - 1), self._pages.get(number + 1)
        if before is not None and len(before) == self.PAGE:
            return self.project.documents(limit=self.PAGE, after=before[-1].id, **self.filters)
        if after:
            return self.project.documents(limit=self.PAGE, before=after[0].id, **self.filters)
        return self.project.documents(number * self.PAGE, self.PAGE, **self.filters)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.info(index.row()) if index.isValid() else None
        if info is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 3:
                return "  ".join(isolated(f"{STATUS_MARKS.get(s, '')}{n}") for n, s in self.people(info.id))
            # a name such as 2024_01_news keeps its order in a right-to-left list
            return (isolated(info.name or f"#{info.id}"), self.status_name(info.status), f"{info.spans:,}")[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return QColor(STATUS_COLORS.get(info.status, "#9e9e9e"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return "\n".join(f"{n}: {self.status_name(s)}" for n, s in self.people(info.id)) or self.tr("nobody has started it")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name}: {length} characters, {spans} spans, {status}").format(
                name=isolated(info.name), length=f"{info.length:,}", spans=info.spans, status=self.status_name(info.status))
        if role == ID_ROLE:
            return info.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("Status"), self.tr("Spans"), self.tr("Annotators"))[section]
        return None

    def people(self, document_id: int) -> list[tuple[str, str]]:
        """Return who started the document and their status (read with its page)."""
        return self._people.get(document_id, [])

    def status_name(self, status: str) -> str:
        """Return the display name of a status."""
        return {"new": self.tr("new"), "in_progress": self.tr("in progress"), "done": self.tr("done")}.get(status, status)

    def row_of(self, document_id: int) -> int | None:
        """Return the row showing ``document_id``, or None if the filter hides it."""
        row = self._rows.get(document_id)
        return row if row is not None else self.project.document_position(document_id, **self.filters)

    def neighbour(self, document_id: int, step: int) -> int | None:
        """Return the id of the document ``step`` rows after (or before, if negative)
        ``document_id`` in the list, or None past either end: read from the list's pages
        when its row is in them (the next page by keyset if need be), else asked of the
        project (which gives the list's first document if the filter hides this one)."""
        row = self._rows.get(document_id)
        if row is None:
            return self.project.neighbour_document(document_id, step, **self.filters)
        info = self.info(row + step) if row + step >= 0 else None
        return info.id if info is not None else None

    def _cached(self, document_id: int) -> DocumentInfo | None:
        """Return the row of ``document_id`` if its page has been read, else None."""
        row = self._rows.get(document_id)
        if row is None:
            return None
        page = self._pages.get(row // self.PAGE)
        return page[row % self.PAGE] if page is not None else None

    def _keeps_status(self, document_id: int, status: str | None) -> bool:
        """True if a filtered list shows ``document_id`` with ``status`` already (so the
        filter lets in and out nothing: no recount of 100,000 documents)."""
        info = self._cached(document_id)
        return status is not None and info is not None and info.status == status

    def refresh_document(self, document_id: int | None, *, spans: int | None = None, status: str | None = None,
                         annotator: str | None = None) -> None:
        """Show a document's new status and span count (given for ``annotator``, default
        the current one, or read from the project); recount everything if the status
        filter may have let it in or out."""
        current = self.project.annotator
        if (annotator or current) != (self.annotator or current):  # the values are another layer's
            spans = status = None
        if document_id is None or (self.status is not None and not self._keeps_status(document_id, status)):
            self.reload()
            return
        if document_id in self._people:
            self._people[document_id] = self.project.document_statuses([document_id]).get(document_id, [])
        info = self._cached(document_id)
        if info is None:
            return
        row = self._rows[document_id]
        if spans is not None and status is not None:
            info.spans, info.status = spans, status
        else:
            self._pages[row // self.PAGE][row % self.PAGE] = self.project.document_info(document_id, self.annotator) or info
        self.dataChanged.emit(self.index(row, 0), self.index(row, 3))


class AnnotationListModel(QAbstractTableModel):
    """The open document's spans in text order: text, label, position; filter by label."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = SpanStore()
        self.text = ""
        self.label_filter: str | None = None
        self.names: dict[str, str] = {}
        self.colors: dict[str, QColor] = {}
        self._keys: list[tuple[int, int, int]] | None = None  # filtered rows, when filtering

    def set_store(self, store: SpanStore, text: str) -> None:
        """Show ``store`` (the spans of ``text``)."""
        self.beginResetModel()
        self.store, self.text = store, text
        self._refilter()
        self.endResetModel()

    def set_label_filter(self, label: str | None) -> None:
        """Show only spans labelled ``label`` (None: all)."""
        self.beginResetModel()
        self.label_filter = label or None
        self._refilter()
        self.endResetModel()

    def set_labels(self, names: dict[str, str], colors: dict[str, str]) -> None:
        self.names = dict(names)
        self.colors = {k: QColor(v) for k, v in colors.items()}

    def _refilter(self) -> None:
        if self.label_filter is None:
            self._keys = None
        else:
            self._keys = [it.key for it in self.store.items() if it.label == self.label_filter]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return len(self.store) if self._keys is None else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def item(self, row: int) -> SpanItem | None:
        """Return the span shown at ``row``."""
        if not 0 <= row < self.rowCount():
            return None
        if self._keys is None:
            return self.store.item_at_row(row)
        return self.store.get(self._keys[row][2])

    def row_of(self, span_id: int) -> int | None:
        item = self.store.get(span_id)
        if item is None:
            return None
        if self._keys is None:
            return self.store.row_of(span_id)
        i = bisect_left(self._keys, item.key)
        return i if i < len(self._keys) and self._keys[i] == item.key else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return " … ".join(self.text[s:e] for s, e in item.fragments)
            if col == 1:
                return self.names.get(item.label, item.label)
            return ltr("; ".join(f"{s}–{e}" for s, e in item.fragments))
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return self.colors.get(item.label)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return item.label
        if role == ID_ROLE:
            return item.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Text"), self.tr("Label"), self.tr("Position"))[section]
        return None

    # -- edits (the store changes here, so the view hears of each row) ------------------

    def add(self, span_id: int, label: str, fragments: Any) -> None:
        """Add a span to the store and show its row."""
        self.remove(span_id)
        key = (min(s for s, _ in fragments), max(e for _, e in fragments), span_id)
        shown = self._keys is None or label == self.label_filter
        row = self.store.row_for(key) if self._keys is None else bisect_left(self._keys, key)
        if shown:
            self.beginInsertRows(QModelIndex(), row, row)
        self.store.add(span_id, label, fragments)
        if shown and self._keys is not None:
            self._keys.insert(row, key)
        if shown:
            self.endInsertRows()

    def remove(self, span_id: int) -> None:
        """Remove a span from the store and its row from the list."""
        if span_id not in self.store:
            return
        row = self.row_of(span_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
        self.store.remove(span_id)
        if row is not None and self._keys is not None:
            del self._keys[row]
        if row is not None:
            self.endRemoveRows()

    #: Above this many spans at once, the list is reset instead of told row by row.
    BULK = 64

    def apply(self, rows: list[Any], removed: list[int]) -> None:
        """Show the spans ``rows`` (``(id, label, fragments)``: new, or changed) and drop
        ``removed``, as one edit's ``Changes`` name them; many at once (label-all, its
        undo) in one reset of the list, not one row signal per span."""
        if len(rows) + len(removed) <= self.BULK:
            for sid in removed:
                self.remove(sid)
            for row in rows:
                item = self.store.get(row[0])
                if item is not None and item.fragments == tuple(sorted(row[2])):
                    self.relabel(row[0], row[1])
                else:
                    self.add(*row)
            return
        self.beginResetModel()
        self.store.update(rows, removed)
        self._refilter()
        self.endResetModel()

    def relabel(self, span_id: int, label: str) -> None:
        """Change a span's label in the store and the list."""
        item = self.store.get(span_id)
        if item is None:
            return
        if self._keys is not None:
            self.add(span_id, label, item.fragments)
            return
        self.store.relabel(span_id, label)
        row = self.store.row_of(span_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
