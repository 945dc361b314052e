"""Recommender work in a process of its own, so that training never holds the window's
Python lock (a CRF fit holds it for seconds; while a thread of the window's own process
trained, each edit's paint waited behind it, and closing waited for the fit to end).

    >>> helper = SuggestProcess("project.annotproj")               # doctest: +SKIP
    >>> report = helper.call("retrain", document_id=3, annotator="lina")  # doctest: +SKIP
    >>> helper.close()                                              # doctest: +SKIP

The child opens its own connection to the project (SQLite's WAL lets it read while the
window writes), trains, and stores the suggestions itself; only the small answer (a
``SuggestReport``, scores, a ranking) comes back.  ``call`` blocks the calling thread (the
window's suggestion thread, never the GUI thread), checking ``cancelled()`` every few
milliseconds: a superseded request kills the child at once, and a fresh child is started
by ``start`` (or the next call).  Killing a child mid-write is safe:
SQLite rolls its open transaction back.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.connection import Client, Listener
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.store.suggestions import Suggestion

#: Seconds between two looks at ``cancelled()`` while a request runs.
POLL_SECONDS = 0.02
#: The packaged app's executable runs as the helper when given this first argument.
HELPER_FLAG = "--suggest-helper"
#: The environment variable that hands the child its connection key.
KEY_VARIABLE = "ANNOTATOR_SUGGEST_KEY"
_FIELDS = tuple(f.name for f in dataclasses.fields(Suggestion))


def _run(project: Any, kind: str, args: dict[str, Any]) -> Any:
    """Do one request on the child's connection (see ``SuggestProcess.call``)."""
    from annotator.store.suggestions import SuggestionLayer
    from annotator.suggest.service import Suggester, SuggestReport, occurrences

    project.annotator = args.get("annotator") or project.annotator
    project.refresh()
    if kind == "retrain":  # the report, and the document's pending suggestions (read here, not in the window)
        names = args.get("recommenders")
        report = Suggester(project, list(names) if names else None).run([args["document_id"]])
        return report, _pack(SuggestionLayer(project).pending(args["document_id"]))
    if kind == "pending":
        return None, _pack(SuggestionLayer(project).pending(args["document_id"]))
    if kind == "evaluate":
        report = SuggestReport()
        scores = Suggester(project).evaluate(report=report)
        return {name: s.as_dict() for name, s in scores.items()}, report.failures
    if kind == "rank":
        return Suggester(project, ["crf"]).next_most_useful(limit=args.get("limit", 50), skip=list(args.get("skip") or ()))
    if kind == "occurrences":
        return None, _pack(occurrences(project, args["span_id"], annotator=args.get("annotator")))
    raise ValueError(f"unknown request {kind!r}")


def _pack(items: list[Suggestion]) -> list[tuple[Any, ...]]:
    """Suggestions as plain tuples: unpickling thousands of dataclasses is one call that
    holds the receiving process's lock for tens of milliseconds; tuples take a few, and
    ``_unpack`` makes the objects again in Python, which lets the GUI thread run between."""
    return [tuple(getattr(s, f) for f in _FIELDS) for s in items]


def _unpack(rows: list[tuple[Any, ...]]) -> list[Suggestion]:
    return [Suggestion(*row) for row in rows]


def _serve(conn: Any, path: str) -> None:
    """(Child process) answer requests until the connection closes."""
    from annotator.store.project import Project

    gc.disable()  # a request builds many small objects and few cycles: collected once after it
    project = None
    while True:
        try:
            kind, args = conn.recv()
        except (EOFError, OSError):
            break
        if kind == "open":  # where the project is, with what argv must not show (a password)
            path = args
            continue
        try:
            if project is None:
                project = Project.open(path)
            conn.send(("ok", _run(project, kind, args)))
        except AnnotatorError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        gc.collect()  # between requests, once the answer is sent: the child lives long
    if project is not None:
        project.close()


def child_main(path: str) -> int:
    """(Child process) listen on a fresh local address, print it, serve the parent that
    connects with the key from the environment."""
    key = bytes.fromhex(os.environ.pop(KEY_VARIABLE))
    with Listener(authkey=key) as listener:
        print(listener.address, flush=True)
        # nothing else goes to the pipe, which nobody reads from now on: a library printing
        # there (in Python or C) would fill it and stop the child
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        sys.stdout = open(devnull, "w", closefd=False)  # noqa: SIM115 - for the life of the process
        with listener.accept() as conn:
            _serve(conn, path)
    return 0


def _full_location(path: str) -> str:
    """Where the child opens the project: a file's path, or a team database's URL with the
    password this process connected with (sent over the authenticated connection, never in
    the child's command line, which other users can read)."""
    from annotator.store.backend import is_url

    if is_url(path):
        from annotator.store.postgres import connect_url

        return connect_url(path)
    return path


def helper_command() -> list[str]:
    """The command that starts a child: this interpreter (never a fork of the window's
    process, nor ``multiprocessing``'s re-import of the main script); in the packaged
    app, its own executable with ``--suggest-helper`` (see packaging/entry_gui.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, HELPER_FLAG]
    return [sys.executable, "-m", "annotator.suggest.process"]


class SuggestProcess:
    """One child process doing recommender requests for the project at ``path``."""

    def __init__(self, path: str, *, start: bool = True) -> None:
        self.path = path
        self._child: subprocess.Popen[str] | None = None
        self._conn: Any = None
        self._key = b""
        if start:
            self.start()

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def start(self) -> None:
        """Start the child (it imports the recommenders while nothing waits for it)."""
        if self._child is not None:
            return
        self._key = secrets.token_bytes(16)
        env = dict(os.environ, **{KEY_VARIABLE: self._key.hex()})
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        self._child = subprocess.Popen([*helper_command(), self.path], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       env=env, text=True)
        self._conn = None

    def _connect(self) -> Any:
        if self._conn is None:
            assert self._child is not None and self._child.stdout is not None
            address = self._child.stdout.readline().strip()  # printed before any heavy import
            if not address:
                raise OSError("the suggestion process did not start")
            self._conn = Client(address, authkey=self._key)
            self._conn.send(("open", _full_location(self.path)))
        return self._conn

    def alive(self) -> bool:
        return self._child is not None and self._child.poll() is None

    def call(self, kind: str, cancelled: Callable[[], bool] | None = None, **args: Any) -> Any:
        """Do request ``kind`` ("retrain", "pending", "evaluate", "rank", "occurrences") in the child and
        return its answer.  Raises ``Cancelled`` (the child killed) as soon as ``cancelled()``
        is True, and ``AnnotatorError`` with the child's one sentence if the request failed
        or the child died (the next call starts a new one)."""
        self.start()
        try:
            conn = self._connect()
            conn.send((kind, args))
            while not conn.poll(POLL_SECONDS):
                if cancelled is not None and cancelled():
                    self.close()  # the next call (or ``start``) makes a new one
                    raise Cancelled("the suggestions were superseded.")
                if not self.alive():
                    raise OSError(f"exit code {self._child.returncode if self._child else None}")
            status, value = conn.recv()
        except (EOFError, OSError) as exc:
            self.close()
            raise AnnotatorError(f"the suggestion process stopped ({exc or 'no answer'}); the next request starts it again.") from None
        if status == "error":
            raise AnnotatorError(value)
        if kind in ("retrain", "pending"):
            return value[0], _unpack(value[1])
        if kind == "occurrences":
            return _unpack(value[1])
        return value

    def close(self) -> None:
        """Kill the child now (it may be training: nothing of it needs to finish)."""
        child, conn = self._child, self._conn
        self._child = self._conn = None
        if conn is not None:
            conn.close()
        if child is not None:
            if child.poll() is None:
                child.kill()
            child.wait(5)
            if child.stdout is not None:
                child.stdout.close()


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1]))
