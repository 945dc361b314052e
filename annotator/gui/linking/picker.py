"""Choosing a span in the document view from the keyboard or with the mouse: an event's
argument, a relation's target.

While a pick is on, Tab and Shift+Tab (or Down and Up) move through the candidates in
text order, starting at the one nearest the origin (the trigger, the relation's source);
each is selected and scrolled into view.  The candidates are the spans whose label fits:
found by walking the view's span store from where the pick stands, never by listing a
document's 100,000 spans.  Enter takes it, Escape gives up, and a click
on any span takes that span.  The keys are taken before the window's shortcuts see them.
Also here: the small numbered menus that ask for a role or a relation type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu, QWidget

NEXT_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Down)
PREVIOUS_KEYS = (Qt.Key.Key_Backtab, Qt.Key.Key_Up)
CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
KEYS = (*NEXT_KEYS, *PREVIOUS_KEYS, *CONFIRM_KEYS, Qt.Key.Key_Escape)


class Picker(QObject):
    """A pick in progress on a ``DocumentView``."""

    changed = Signal()  # started, moved to another candidate, or ended

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.labels: frozenset[str] = frozenset()  # the labels that fit
        self.exclude: int | None = None  # a span that never fits (the trigger, the source)
        self.current: int | None = None
        self.origin: int | None = None
        self.label = ""
        self._on_pick: Callable[[int], None] | None = None
        view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._on_pick is not None

    @property
    def candidate(self) -> int | None:
        return self.current if self.active and self.current in self.view.store else None

    @property
    def count(self) -> int:
        """How many spans of the document fit (from the store's label counts)."""
        store = self.view.store
        n = sum(store.label_count(lab) for lab in self.labels)
        ex = store.get(self.exclude) if self.exclude is not None else None
        return n - (1 if ex is not None and ex.label in self.labels else 0)

    def start(self, labels: Any, origin: int | None, label: str, on_pick: Callable[[int], None], *,
              exclude: int | None = None) -> None:
        """Offer the spans labelled one of ``labels`` (but ``exclude``) in text order,
        starting at the one nearest ``origin``."""
        self.labels, self.exclude = frozenset(labels), exclude
        self.origin, self.label, self._on_pick = origin, label, on_pick
        store = self.view.store
        item = store.get(origin) if origin is not None else None
        self.current = self._nearest(item.start if item is not None else 0, store.row_of(origin) if item is not None else 0)
        if self.current is not None:
            self._show()
        self.view.setFocus()
        self.changed.emit()

    def _fits(self, row: int) -> int | None:
        item = self.view.store.item_at_row(row)
        return item.id if item.label in self.labels and item.id != self.exclude else None

    def _nearest(self, pos: int, row: int | None) -> int | None:
        """The fitting span whose start is nearest ``pos``, walking out from ``row``."""
        store = self.view.store
        n = len(store)
        if not n or not self.count:
            return None
        row = min(row or 0, n - 1)
        before = next((r for r in range(row, -1, -1) if self._fits(r) is not None), None)
        after = next((r for r in range(row, n) if self._fits(r) is not None), None)
        if before is None and after is None:
            return None
        if before is None or (after is not None and abs(store.item_at_row(after).start - pos) < abs(store.item_at_row(before).start - pos)):
            return self._fits(after)  # type: ignore[arg-type]
        return self._fits(before)

    def step(self, delta: int) -> None:
        store = self.view.store
        row = store.row_of(self.current) if self.current is not None else None
        n = len(store)
        if row is None or not n or not self.count:
            return
        for k in range(1, n + 1):  # the next that fits, round the end
            found = self._fits((row + delta * k) % n)
            if found is not None:
                self.current = found
                self._show()
                self.changed.emit()
                return

    def _show(self) -> None:
        self.view.select_span(self.candidate, reveal=True)

    def pick(self, span_id: int) -> None:
        """Take ``span_id`` (a click, or Enter on the candidate)."""
        call, self._on_pick = self._on_pick, None
        self.changed.emit()
        if call is not None:
            call(span_id)

    def cancel(self) -> None:
        self._on_pick = None
        self.current = None
        self.changed.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.active or event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or event.key() not in KEYS:
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            return False
        event.accept()
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.cancel()
            elif key in CONFIRM_KEYS:
                if self.candidate is not None:
                    self.pick(self.candidate)
            else:
                backwards = key in PREVIOUS_KEYS or (key == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.step(-1 if backwards else 1)
        return True


def choose(parent: QWidget, items: list[tuple[str, Any]], at: QPoint, on_choice: Callable[[Any], None]) -> QMenu:
    """Pop up a menu of ``items`` (text, value), numbered 1, 2, ... so a digit chooses;
    call ``on_choice(value)`` when one is chosen.  Returns the (non-blocking) menu."""
    menu = QMenu(parent)
    menu.setObjectName("choice-menu")
    for i, (text, value) in enumerate(items, 1):
        prefix = f"&{i}  " if i < 10 else "    "
        action = menu.addAction(prefix + text.replace("&", "&&"))
        action.triggered.connect(lambda _checked=False, v=value: on_choice(v))
    menu.popup(at)
    return menu
