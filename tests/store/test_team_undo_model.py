"""The random two-window undo model of test_undo_model.py, on a team database: two
clients edit, undo and redo while a third imports; no lost edit, every refused undo
explained, the database equal to the model at the end."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from annotator.store.project import Project
from tests.store.test_undo_model import TEXT, WHO, TwoWindows


class TwoClients(TwoWindows):
    cluster = None

    def __init__(self) -> None:  # noqa: D107 - the file's state machine, on a new database
        RuleBasedStateMachine.__init__(self)
        url = self.cluster.url(self.cluster.new_name("model"))
        with Project.create(url, annotator="lead") as p:
            self.doc = p.add_documents([TEXT]).added[0]
        self.url = url
        self.conns = [Project.open(url, annotator=name) for name in WHO]
        self.importer = Project.open(url, annotator="lead")
        self.imports = 0
        self.spans = {}
        self.undo = [[], []]
        self.redo = [[], []]
        self.refusals = 0

    def teardown(self) -> None:
        for p in (*self.conns, self.importer):
            p.close()
        with Project.open(self.url) as p:
            assert self._stored(p.conn) == self.spans


def test_two_clients_of_a_team_database_against_the_model(pg_cluster):
    TwoClients.cluster = pg_cluster
    run_state_machine_as_test(TwoClients, settings=settings(max_examples=5, stateful_step_count=20, deadline=None,
                                                            suppress_health_check=[HealthCheck.too_slow]))
