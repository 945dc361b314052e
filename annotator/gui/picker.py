"""Choosing a span in the document view from the keyboard or with the mouse: an event's
argument, a relation's target.

While a pick is on, Tab and Shift+Tab (or Down and Up) move through the candidates in
text order, starting at the one nearest the origin (the trigger, the relation's source);
each is selected and scrolled into view.  Enter takes it, Escape gives up, and a click
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
        self.candidates: list[int] = []
        self.index = -1
        self.origin: int | None = None
        self.label = ""
        self._on_pick: Callable[[int], None] | None = None
        view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._on_pick is not None

    @property
    def candidate(self) -> int | None:
        return self.candidates[self.index] if self.active and 0 <= self.index < len(self.candidates) else None

    def start(self, candidates: list[int], origin: int | None, label: str, on_pick: Callable[[int], None]) -> None:
        """Offer ``candidates`` (span ids in text order), starting nearest ``origin``."""
        self.candidates, self.origin, self.label, self._on_pick = list(candidates), origin, label, on_pick
        self.index = -1
        if candidates:
            start = self.view.store.get(origin).start if origin is not None and self.view.store.get(origin) else 0
            self.index = min(range(len(candidates)), key=lambda i: abs(self._start(candidates[i]) - start))
            self._show()
        self.view.setFocus()
        self.changed.emit()

    def _start(self, span_id: int) -> int:
        item = self.view.store.get(span_id)
        return item.start if item is not None else 0

    def step(self, delta: int) -> None:
        if self.candidates:
            self.index = (self.index + delta) % len(self.candidates)
            self._show()
            self.changed.emit()

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
        self.candidates = []
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
