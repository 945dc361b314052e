"""The events panel (events with their arguments, type, roles, attributes) and the
relations panel (source → target, type, attributes).

The panels only show and ask: every change is a signal that the link commands turn into
one Project API call.  Items with problems carry a warning icon whose tooltip says what is
wrong; the icon goes once the problem is fixed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.scheme import Scheme
from annotator.gui.linking.linked_state import LinkedState
from annotator.gui.panels.attribute_editor import AttributeEditor
from annotator.gui.panels.models import link_text, quoted
from annotator.gui.text.palette import swatch

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ("event", id) / ("argument", id, event id, span id) / ...
#: Up to this many events, each shows its arguments; beyond it, only the selected one (the
#: tree lays out every open row again after each change: 30,000 rows cost tens of ms).
OPEN_ALL = 200


class DeleteKey(QObject):
    """Lets the Delete and Backspace keys reach a list (the window's Delete shortcut would
    otherwise take them to delete the selected span) and calls ``action``."""

    def __init__(self, widget: QWidget, action: Any) -> None:
        super().__init__(widget)
        self.action = action
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.action()
                return True
        return False


def show_current_item(tree: QTreeWidget, item: QTreeWidgetItem | None) -> None:
    """Make ``item`` the tree's current row, or select nothing if it is None (touching Qt
    only when that changes: Qt finds an item's row by a walk over the list)."""
    if item is not None:
        if tree.currentItem() is not item:
            tree.setCurrentItem(item)
        return
    if tree.currentItem() is not None:
        tree.setCurrentItem(None)
    tree.clearSelection()


def patch_rows(old_order: list[Any], old_rows: dict[Any, Any], rows: dict[Any, Any], drop: Any, insert: Any) -> bool:
    """Bring a list's top rows from ``old_order`` (showing ``old_rows``: id -> what the
    row shows) to ``rows`` (in their new order): ``drop(id)`` the rows gone or changed,
    ``insert(index, id)`` the changed and new ones; the rows that stay as they were are not
    touched.  Return False, touching nothing, if the kept rows changed their order (the
    caller makes the list again)."""
    if [i for i in old_order if i in rows] != [i for i in rows if i in old_rows]:
        return False
    for i in old_order:
        if i not in rows:
            drop(i)
    for index, (i, row) in enumerate(rows.items()):
        before = old_rows.get(i)
        if before is row or before == row:
            continue
        if before is not None:
            drop(i)
        insert(index, i)
    return True


def make_tree(headers: list[str], first: str = "Organisation (long)") -> QTreeWidget:
    """A tree for a panel list; the first column sized from ``first`` (sizing it to its
    contents would visit every row)."""
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.header().resizeSection(0, tree.fontMetrics().horizontalAdvance(first) + 48)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setUniformRowHeights(True)
    tree.setRootIsDecorated(True)
    tree.setAllColumnsShowFocus(True)
    return tree


_SWATCHES: dict[str, QIcon] = {}


def cached_swatch(color: str) -> QIcon:
    """Return ``swatch(color)``, made once per colour (a list may show 1,000 events)."""
    icon = _SWATCHES.get(color)
    if icon is None:
        icon = _SWATCHES[color] = swatch(color)
    return icon


def warning_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


class EventsPanel(QWidget):
    """The document's events; the selected one's type, roles and attributes."""

    eventSelected = Signal(object, object)  # event id (or None), span id to show (or None)
    typeChanged = Signal(int, str)
    addArgumentRequested = Signal(str)  # a role of the selected event
    deleteRequested = Signal(object)  # ("event", id) or ("argument", id, event id, span id)
    attributeChanged = Signal(int, str, object)  # event id, attribute, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme: Scheme | None = None
        self.lang = "en"
        self.current: int | None = None
        self._loading = False
        self._document: Any = None  # the document the tree shows
        self._rows: dict[Any, Any] = {}  # event id -> what its rows show
        self._order: list[Any] | None = []
        self._items: dict[tuple[Any, Any], QTreeWidgetItem] = {}  # (event, argument span or None) -> row
        self._open_all = True  # every event shows its arguments (else only the selected one: _opened)
        self._opened: QTreeWidgetItem | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = make_tree([self.tr("Event / role"), self.tr("Text")], "Movement (withdrawal, deploy")
        self.tree.setObjectName("events-tree")
        layout.addWidget(self.tree, 1)
        self.hint = QLabel(self.tr("Select a trigger word and press an event key (1–7)."))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Type")))
        self.type = QComboBox()
        self.type.setObjectName("event-type")
        row.addWidget(self.type, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.role = QComboBox()
        self.role.setObjectName("event-role")
        row.addWidget(self.role, 1)
        self.add_argument = QPushButton(self.tr("Add argument"))
        self.add_argument.setObjectName("add-argument")
        row.addWidget(self.add_argument)
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.setObjectName("delete-event-item")
        row.addWidget(self.delete)
        layout.addLayout(row)
        self.attributes = AttributeEditor(self)
        layout.addWidget(self.attributes)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemClicked.connect(lambda item, _col: self._current_changed(item, None))
        self.type.activated.connect(self._type_chosen)
        self.add_argument.clicked.connect(lambda: self.role.currentData() and self.addArgumentRequested.emit(self.role.currentData()))
        self.delete.clicked.connect(self._delete)
        self.attributes.changed.connect(lambda n, v: self.current is not None and self.attributeChanged.emit(self.current, n, v))
        DeleteKey(self.tree, self._delete)

    def set_scheme(self, scheme: Scheme, lang: str) -> None:
        self.scheme, self.lang, self._document = scheme, lang, None
        self.type.clear()
        for et in scheme.events:
            self.type.addItem(swatch(et.color), f"{et.name(lang)}  [{et.hotkey}]" if et.hotkey else et.name(lang), et.type)

    def show_state(self, state: LinkedState, current: int | None, span: int | None = None, *,
                   changed: frozenset[Any] | None = None) -> None:
        """List ``state``'s events; keep ``current`` selected (and its argument ``span``).
        Only the rows of events that changed are made again, not for a new selection;
        ``changed`` names the events that may differ (None: any)."""
        self._loading = True
        open_all = len(state.events) <= OPEN_ALL
        reopen = open_all != self._open_all and bool(self._items)  # the rows open or close: made again
        self._open_all = open_all
        if reopen:
            changed = None
        if changed is not None and state.document_id == self._document:
            self._patch_changed(state, changed)
        else:
            rows = {ev.id: self._row_key(ev, state) for ev in state.events}
            order = [ev.id for ev in state.events]
            if not rows and not self._items:
                pass  # nothing listed before or now (most documents): the tree is not touched, nor repainted
            elif state.document_id != self._document or reopen or not self._patch(state, rows):
                self._rebuild(state, rows)
            self._document, self._rows, self._order = state.document_id, rows, order
        top = self._items.get((current, None))
        if not self._open_all and top is not self._opened:  # only the selected event shows its arguments
            if self._opened is not None and self._opened.treeWidget() is self.tree:  # (not a row dropped since)
                self._opened.setExpanded(False)
            if top is not None:
                top.setExpanded(True)
            self._opened = top
        show_current_item(self.tree, self._items.get((current, span)) or top)
        self.hint.setVisible(not state.events)
        self._loading = False
        self._show_current(state.event(current), state)

    @staticmethod
    def _row_key(ev: Any, state: LinkedState) -> tuple[Any, ...]:
        """What an event's rows show: the event, its texts and its problems."""
        return (ev, tuple(state.surface(i) for i in (ev.trigger, *(a.span for a in ev.arguments))),
                tuple(p.message for p in state.problems_of("event", ev.id)))

    def _patch_changed(self, state: LinkedState, changed: frozenset[Any]) -> None:
        """Make again the rows of the events ``changed`` (added, edited, moved or gone),
        the others untouched: the cost of one edit, whatever the number of events."""
        if not changed:
            return
        for eid in changed:
            if (eid, None) in self._items:
                self._drop(eid)
            self._rows.pop(eid, None)
        position = {eid: state.position(state.by_id[eid]) for eid in changed if eid in state.by_id}
        for eid in sorted(position, key=position.__getitem__):
            ev = state.by_id[eid]
            self._rows[eid] = self._row_key(ev, state)
            self.tree.insertTopLevelItem(position[eid], self._event_item(ev, state))
            self._items[(eid, None)].setExpanded(self._open_all)
        self._order = None  # (the tree has the order now; _patch reads it from there if it needs it)

    def _patch(self, state: LinkedState, rows: dict[Any, Any]) -> bool:
        """Change only the rows that differ (an event added, removed or edited); return
        False if the order changed otherwise (then the tree is made again)."""
        old = self._order if self._order is not None else [
            self.tree.topLevelItem(i).data(0, KIND_ROLE)[1] for i in range(self.tree.topLevelItemCount())]
        by_id = state.by_id

        def insert(index: int, eid: Any) -> None:
            self.tree.insertTopLevelItem(index, self._event_item(by_id[eid], state))
            self._items[(eid, None)].setExpanded(self._open_all)

        return patch_rows(old, self._rows, rows, self._drop, insert)

    def _drop(self, event_id: Any) -> None:
        top = self._items.pop((event_id, None))
        for i in range(top.childCount()):  # its argument rows (not a walk over every row)
            data = top.child(i).data(0, KIND_ROLE)
            if self._items.get((event_id, data[3])) is top.child(i):
                del self._items[(event_id, data[3])]
        self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(top))

    def _rebuild(self, state: LinkedState, rows: dict[Any, Any]) -> None:
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items = {}
        items = [self._event_item(ev, state) for ev in state.events]
        self.tree.addTopLevelItems(items)
        self._opened = None
        for item in items if self._open_all else ():
            item.setExpanded(True)
        self.tree.setUpdatesEnabled(True)

    def _event_item(self, ev: Any, state: LinkedState) -> QTreeWidgetItem:
        """Make an event's row, with a row per argument (remembered in ``_items``)."""
        et = self.scheme.event(ev.type) if self.scheme else None
        top = QTreeWidgetItem([et.name(self.lang) if et else ev.type, quoted(state.surface(ev.trigger))])
        top.setData(0, KIND_ROLE, ("event", ev.id, ev.id, ev.trigger))
        top.setIcon(0, cached_swatch(et.color) if et else QIcon())
        if problems := state.problems_of("event", ev.id):
            top.setIcon(1, warning_icon(self))
            top.setToolTip(1, "\n".join(p.message for p in problems))
            top.setToolTip(0, "\n".join(p.message for p in problems))
        self._items[(ev.id, None)] = top
        for arg in ev.arguments:
            role = et.role(arg.role) if et else None
            child = QTreeWidgetItem([role.title(self.lang) if role else arg.role, quoted(state.surface(arg.span))])
            child.setData(0, KIND_ROLE, ("argument", arg.id, ev.id, arg.span))
            top.addChild(child)
            self._items.setdefault((ev.id, arg.span), child)
        return top

    def _show_current(self, event: Any, state: LinkedState) -> None:
        self.current = event.id if event is not None else None
        for w in (self.type, self.role, self.add_argument, self.delete):
            w.setEnabled(event is not None)
        self.role.clear()
        if event is None or self.scheme is None:
            self.attributes.set_target(self.scheme or Scheme("none"), None, {}, self.lang)
            return
        self.type.setCurrentIndex(self.type.findData(event.type))
        et = self.scheme.event(event.type)
        filled = state.roles_filled(event)
        for role in et.roles if et else ():
            need = "" if filled.get(role.name, 0) >= role.minimum else " ⚠"
            self.role.addItem(f"{role.title(self.lang)} ({role.card}, {filled.get(role.name, 0)}){need}", role.name)
        self.attributes.set_target(self.scheme, "event", event.attributes, self.lang)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        if self._loading:
            return
        data = item.data(0, KIND_ROLE) if item is not None else None
        if data is None:
            self.eventSelected.emit(None, None)
        else:
            self.eventSelected.emit(data[2], data[3])

    def _type_chosen(self, _index: int) -> None:
        if self.current is not None and self.type.currentData():
            self.typeChanged.emit(self.current, self.type.currentData())

    def _delete(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, KIND_ROLE) is not None:
            self.deleteRequested.emit(item.data(0, KIND_ROLE))


class RelationsPanel(QWidget):
    """The document's relations, source → target, and the selected one's attributes."""

    relationSelected = Signal(object)
    deleteRequested = Signal(int)
    attributeChanged = Signal(int, str, object)

    def __init__(self, link_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme: Scheme | None = None
        self.lang = "en"
        self.current: int | None = None
        self._loading = False
        self._shown: Any = None
        self._shown_relations: Any = None
        self._document: Any = None  # the document the list shows
        self._warning: QIcon | None = None
        self._rows: dict[Any, Any] = {}  # relation id -> what its row shows, in the list's order
        self._items: dict[Any, QTreeWidgetItem] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = make_tree([self.tr("Relation"), self.tr("Source → target")])
        self.tree.setObjectName("relations-tree")
        self.tree.setRootIsDecorated(False)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(tool_button(link_action))
        row.addStretch(1)
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.setObjectName("delete-relation")
        row.addWidget(self.delete)
        layout.addLayout(row)
        self.attributes = AttributeEditor(self)
        layout.addWidget(self.attributes)
        self.tree.currentItemChanged.connect(lambda item, _p: self._selected(item))
        self.tree.itemClicked.connect(lambda item, _c: self._selected(item))
        self.delete.clicked.connect(self._delete)
        self.attributes.changed.connect(lambda n, v: self.current is not None and self.attributeChanged.emit(self.current, n, v))
        DeleteKey(self.tree, self._delete)

    def set_scheme(self, scheme: Scheme, lang: str) -> None:
        self.scheme, self.lang, self._shown, self._document = scheme, lang, None, None

    def show_state(self, state: LinkedState, current: int | None) -> None:
        # the relations' list is a new one whenever they, or the spans they join, changed
        key = (state.document_id, [p for p in state.problems if p.item.startswith("relation")])
        self._loading = True
        if key != self._shown or self._shown_relations is not state.ann.relations:
            self._shown_relations = state.ann.relations
            self._shown = key
            if state.relations or self._items:  # an empty list stays as it is: no repaint
                rows = {rel.id: self._row_key(rel, state) for rel in state.relations}
                if state.document_id != self._document or not self._patch(state, rows):
                    self._rebuild(state)
                self._document, self._rows = state.document_id, rows
        show_current_item(self.tree, self._items.get(current))
        self._loading = False
        rel = state.relation(current)
        self.current = rel.id if rel else None
        self.delete.setEnabled(rel is not None)
        self.attributes.set_target(self.scheme or Scheme("none"), "relation" if rel else None,
                                   rel.attributes if rel else {}, self.lang)

    @staticmethod
    def _row_key(rel: Any, state: LinkedState) -> tuple[Any, ...]:
        """What a relation's row shows: the relation, its texts and its problems."""
        return (rel, state.surface(rel.source), state.surface(rel.target),
                tuple(p.message for p in state.problems_of("relation", rel.id)))

    def _patch(self, state: LinkedState, rows: dict[Any, Any]) -> bool:
        """Change only the rows that differ (a relation added, removed or edited: one edit
        costs the same with 10 relations as with 1,000); return False if the order
        changed otherwise (then the list is made again)."""
        by_id = {rel.id: rel for rel in state.relations}

        def drop(rid: Any) -> None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self._items.pop(rid)))

        def insert(index: int, rid: Any) -> None:
            self._items[rid] = item = self._relation_item(by_id[rid], state)
            self.tree.insertTopLevelItem(index, item)

        return patch_rows(list(self._rows), self._rows, rows, drop, insert)

    def _rebuild(self, state: LinkedState) -> None:
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items = {}
        for rel in state.relations:
            self._items[rel.id] = item = self._relation_item(rel, state)
            self.tree.addTopLevelItem(item)
        self.tree.setUpdatesEnabled(True)

    def _relation_item(self, rel: Any, state: LinkedState) -> QTreeWidgetItem:
        rt = self.scheme.relation(rel.type) if self.scheme else None
        symmetric = rt is not None and rt.symmetric
        item = QTreeWidgetItem([rt.name(self.lang) if rt else rel.type,
                                link_text(state.surface(rel.source), state.surface(rel.target), symmetric)])
        item.setData(0, KIND_ROLE, rel.id)
        if problems := state.problems_of("relation", rel.id):
            if self._warning is None:
                self._warning = warning_icon(self)
            item.setIcon(1, self._warning)
            item.setToolTip(1, "\n".join(p.message for p in problems))
        return item

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        if not self._loading:
            self.relationSelected.emit(item.data(0, KIND_ROLE) if item is not None else None)

    def _delete(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.deleteRequested.emit(int(item.data(0, KIND_ROLE)))
