"""Random edits, undos and redos from two connections, with imports from a third between
them, checked against a model of what undo promises: no edit lost, none attributed to the
wrong annotator, every refused undo explained, the file whole and reopened as the model."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from annotator.core.errors import ProjectError
from annotator.store.project import Project

TEXT = "قال الرئيس محمّد في دمشق إنّ الاتفاق 🇸🇾 تمّ مع Reuters يوم ٢٠٢٤."
LABELS = ("PER", "ORG", "GPE")
WHO = ("lina", "omar")

Row = tuple[int, str, int, int, str]  # document, label, start, end, annotator


class TwoWindows(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        path = self.dir / "model.annotproj"
        with Project.create(path, annotator="lead") as p:
            self.doc = p.add_documents([TEXT]).added[0]
        self.path = path
        self.conns = [Project.open(path, annotator=name) for name in WHO]
        self.importer = Project.open(path, annotator="lead")
        self.imports = 0
        #: the model: span id -> row
        self.spans: dict[int, Row] = {}
        #: per connection: undo and redo stacks of (net change per span id, imports seen)
        self.undo: list[list[tuple[dict[int, tuple[Row | None, Row | None]], int]]] = [[], []]
        self.redo: list[list[tuple[dict[int, tuple[Row | None, Row | None]], int]]] = [[], []]
        self.refusals = 0

    def _push(self, i: int, net: dict[int, tuple[Row | None, Row | None]]) -> None:
        self.undo[i].append((net, self.imports))
        self.redo[i].clear()

    # -- edits -------------------------------------------------------------------------

    @rule(i=st.integers(0, 1), label=st.sampled_from(LABELS), start=st.integers(0, 40), length=st.integers(1, 8))
    def add(self, i: int, label: str, start: int, length: int) -> None:
        sid = self.conns[i].add_span(self.doc, label, start, start + length)
        assert sid not in self.spans
        surface = TEXT[start:start + length]
        assert self.conns[i].span(sid).surface == surface
        row = (self.doc, label, start, start + length, WHO[i])
        self.spans[sid] = row
        self._push(i, {sid: (None, row)})

    @precondition(lambda self: self.spans)
    @rule(i=st.integers(0, 1), data=st.data(), label=st.sampled_from(LABELS))
    def relabel(self, i: int, data: st.DataObject, label: str) -> None:
        sid = data.draw(st.sampled_from(sorted(self.spans)))
        before = self.spans[sid]
        if before[1] == label:
            return
        self.conns[i].relabel_span(sid, label)
        after = (before[0], label, before[2], before[3], before[4])
        self.spans[sid] = after
        self._push(i, {sid: (before, after)})

    @precondition(lambda self: self.spans)
    @rule(i=st.integers(0, 1), data=st.data())
    def delete(self, i: int, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(sorted(self.spans)))
        before = self.spans.pop(sid)
        self.conns[i].delete_span(sid)
        self._push(i, {sid: (before, None)})

    @rule(n=st.integers(1, 2))
    def import_documents(self, n: int) -> None:
        self.imports += 1
        report = self.importer.add_documents([f"نص مستورد رقم {self.imports}-{k}" for k in range(n)])
        assert len(report.added) == n

    # -- undo and redo -----------------------------------------------------------------

    def _replay(self, i: int, source: list, target: list, call) -> None:  # noqa: ANN001
        net, seen = source[-1]
        stale = [sid for sid, (_before, after) in net.items() if self.spans.get(sid) != after]
        expect_refusal = seen != self.imports or bool(stale)
        try:
            call()
        except ProjectError as exc:
            assert expect_refusal, f"refused without a reason: {exc}"
            reason = "imported" if seen != self.imports else "another program"
            assert reason in str(exc), str(exc)
            self.undo[i].clear()
            self.redo[i].clear()
            self.refusals += 1
            assert not self.conns[i].can_undo and not self.conns[i].can_redo
            return
        assert not expect_refusal, f"undo went through although {stale or 'an import'} intervened"
        source.pop()
        for sid, (before, _after) in net.items():
            if before is None:
                self.spans.pop(sid, None)
            else:
                self.spans[sid] = before
        target.append(({sid: (after, before) for sid, (before, after) in net.items()}, self.imports))

    @precondition(lambda self: self.undo[0] or self.undo[1])
    @rule(i=st.integers(0, 1))
    def undo_last(self, i: int) -> None:
        if not self.undo[i]:
            assert not self.conns[i].can_undo
            return
        self._replay(i, self.undo[i], self.redo[i], self.conns[i].undo)

    @precondition(lambda self: self.redo[0] or self.redo[1])
    @rule(i=st.integers(0, 1))
    def redo_last(self, i: int) -> None:
        if not self.redo[i]:
            assert not self.conns[i].can_redo
            return
        self._replay(i, self.redo[i], self.undo[i], self.conns[i].redo)

    # -- what must always hold ---------------------------------------------------------

    def _stored(self, conn: sqlite3.Connection) -> dict[int, Row]:
        rows = conn.execute(
            "SELECT s.id, s.document_id, s.label, s.start, s.end, a.name FROM spans s "
            "JOIN annotators a ON a.id = s.annotator_id").fetchall()
        return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}

    @invariant()
    def every_edit_is_where_the_model_says(self) -> None:
        assert self._stored(self.conns[0].conn) == self.spans

    def teardown(self) -> None:
        for p in (*self.conns, self.importer):
            p.close()
        conn = sqlite3.connect(self.path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        with Project.open(self.path) as p:
            assert self._stored(p.conn) == self.spans
        shutil.rmtree(self.dir, ignore_errors=True)


TwoWindows.TestCase.settings = settings(max_examples=15, stateful_step_count=25, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
test_two_connections_against_the_model = TwoWindows.TestCase
