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

import gc
import multiprocessing
from collections.abc import Callable
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled

#: Seconds between two looks at ``cancelled()`` while a request runs.
POLL_SECONDS = 0.02


def _run(project: Any, kind: str, args: dict[str, Any]) -> Any:
    """Do one request on the child's connection (see ``SuggestProcess.call``)."""
    from annotator.suggest.service import Suggester, SuggestReport, occurrences

    project.annotator = args.get("annotator") or project.annotator
    project.refresh()
    if kind == "retrain":
        names = args.get("recommenders")
        return Suggester(project, list(names) if names else None).run([args["document_id"]])
    if kind == "evaluate":
        report = SuggestReport()
        scores = Suggester(project).evaluate(report=report)
        return {name: s.as_dict() for name, s in scores.items()}, report.failures
    if kind == "rank":
        return Suggester(project, ["crf"]).next_most_useful(limit=args.get("limit", 50), skip=list(args.get("skip") or ()))
    if kind == "occurrences":
        return occurrences(project, args["span_id"], annotator=args.get("annotator"))
    raise ValueError(f"unknown request {kind!r}")


def _serve(conn: Any, path: str) -> None:
    """(Child process) answer requests until the pipe closes."""
    from annotator.store.project import Project

    gc.disable()  # the work builds many small objects and no cycles: collecting is wasted time
    project = None
    while True:
        try:
            kind, args = conn.recv()
        except (EOFError, OSError):
            break
        try:
            if project is None:
                project = Project.open(path)
            conn.send(("ok", _run(project, kind, args)))
        except AnnotatorError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the window in one sentence
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    if project is not None:
        project.close()


class SuggestProcess:
    """One child process doing recommender requests for the project at ``path``."""

    def __init__(self, path: str, *, start: bool = True) -> None:
        self.path = path
        self._context = multiprocessing.get_context("spawn")  # never fork a process with Qt's threads
        self._child: Any = None
        self._conn: Any = None
        if start:
            self.start()

    def start(self) -> None:
        """Start the child (it imports the recommenders while nothing waits for it)."""
        if self._child is not None:
            return
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self.path), name="annotator-suggest", daemon=True)
        process.start()
        child.close()
        self._child, self._conn = process, parent

    def call(self, kind: str, cancelled: Callable[[], bool] | None = None, **args: Any) -> Any:
        """Do request ``kind`` ("retrain", "evaluate", "rank", "occurrences") in the child and
        return its answer.  Raises ``Cancelled`` (the child killed, a new one started) as soon
        as ``cancelled()`` is True, and ``AnnotatorError`` with the child's one sentence if
        the request failed or the child died."""
        self.start()
        try:
            self._conn.send((kind, args))
        except OSError:
            self._restart()
            raise AnnotatorError("the suggestion process stopped; it has been started again.") from None
        while not self._conn.poll(POLL_SECONDS):
            if cancelled is not None and cancelled():
                self.close()  # the next call (or ``start``) makes a new one
                raise Cancelled("the suggestions were superseded.")
            if not self._child.is_alive():
                code = self._child.exitcode
                self._restart()
                raise AnnotatorError(f"the suggestion process stopped (exit code {code}); it has been started again.")
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            self._restart()
            raise AnnotatorError("the suggestion process stopped; it has been started again.") from None
        if status == "error":
            raise AnnotatorError(value)
        return value

    def _restart(self) -> None:
        self.close()
        self.start()

    def close(self) -> None:
        """Kill the child now (it may be training: nothing of it needs to finish)."""
        child, conn = self._child, self._conn
        self._child = self._conn = None
        if conn is not None:
            conn.close()
        if child is not None and child.is_alive():
            child.kill()
            child.join(1.0)

