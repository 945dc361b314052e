"""Helpers for driving File → Import and File → Export like a user."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt


def open_transfer(qtbot, window, which: str):
    """Choose File → Import… or File → Export… from the menu bar; return the dialog."""
    file_menu = window.menuBar().actions()[0].menu()
    action = window.actions_.import_files if which == "import" else window.actions_.export_files
    assert action in file_menu.actions()
    action.trigger()
    dialog = window.transfer_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def press_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def counted(qtbot, dialog) -> int:
    """Wait for the export dialog's document count (made on a thread); return it."""
    qtbot.waitUntil(lambda: dialog.counted is not None, timeout=5000)
    return dialog.counted


def finish(qtbot, window, timeout: int = 20000):
    """Wait for the running job to end; return the message box it left (or None)."""
    qtbot.waitUntil(lambda: window.job is None, timeout=timeout)
    qtbot.wait(10)  # let the queued result reach the window
    return window.transfer_message


class Hold:
    """Stop a job's thread at its first progress report until ``release()``: the cancel
    then lands mid-way, deterministically.  Install with ``hold.install(monkeypatch)``."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.released = threading.Event()
        self.first: tuple[int, int] | None = None

    def install(self, monkeypatch) -> None:
        from annotator.gui.transfer import jobs, transfer

        hold = self

        class HeldJob(jobs.Job):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self.progressed.connect(hold._on_progress, Qt.ConnectionType.DirectConnection)

        monkeypatch.setattr(transfer, "Job", HeldJob)

    def _on_progress(self, done: int, total: int) -> None:  # on the job's thread
        if self.first is None:
            self.first = (done, total)
            self.reached.set()
            self.released.wait(20)

    def release(self) -> None:
        self.released.set()
