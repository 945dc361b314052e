"""A lost connection at the worst moment (issue 14): the edit's COMMIT reached the server
but its answer never came back, or the COMMIT itself never arrived.  A real relay between
the client and PostgreSQL (a TCP proxy in this process) loses exactly that message; the
client must tell an edit that was saved (acknowledged, once, not run twice) from one that
was not (one sentence, nothing stored, the next edit fine)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import pytest

from annotator.store.postgres import ConnectionLost
from annotator.store.project import Project

#: Only the batch that ends a write transaction notifies (annotator.store.postgres.commit).
COMMIT_BATCH = b"pg_notify"
#: PostgreSQL's ReadyForQuery message (idle): the end of an answer.
READY = b"Z\x00\x00\x00\x05I"


class Relay:
    """Forwards connections from its own port to PostgreSQL's; ``lose`` arms it once."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.mode: str | None = None  # "answer": drop the commit's answer; "request": drop the commit
        self.tripped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, url: str, port: int) -> str:
        return url.replace(f":{port}/", f":{self.port}/")

    def lose(self, mode: str) -> None:
        self.mode = mode
        self.tripped.clear()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            state = {"armed": False}
            threading.Thread(target=self._up, args=(client, server, state), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client, state), daemon=True).start()

    @staticmethod
    def _cut(*socks: socket.socket) -> None:
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _pump(self, src: socket.socket, dst: socket.socket, pair: tuple[socket.socket, socket.socket],
              decide: Callable[[bytes], str]) -> None:
        """Forward what ``src`` sends to ``dst`` until one side closes, or ``decide``
        (given each chunk) says "cut" (close both) or "hold" (keep it back)."""
        while True:
            try:
                data = src.recv(65536)
                verdict = decide(data) if data else "cut"
                if verdict == "cut":
                    return self._cut(*pair)
                if verdict == "send":
                    dst.sendall(data)
            except OSError:
                return

    def _up(self, client: socket.socket, server: socket.socket, state: dict) -> None:
        def decide(data: bytes) -> str:
            if self.mode and COMMIT_BATCH in data:
                mode, self.mode = self.mode, None
                if mode == "request":  # the COMMIT never reaches the server
                    self.tripped.set()
                    return "cut"
                state["armed"] = True
            return "send"

        self._pump(client, server, (client, server), decide)

    def _down(self, server: socket.socket, client: socket.socket, state: dict) -> None:
        answer = bytearray()

        def decide(data: bytes) -> str:
            if not state["armed"]:
                return "send"
            answer.extend(data)  # the server committed and answers: lose the answer
            if READY in answer:
                self.tripped.set()
                return "cut"
            return "hold"

        self._pump(server, client, (client, server), decide)


@pytest.fixture
def relayed(pg_cluster):
    """(the project through the relay, the relay, a direct URL to check with)."""
    name = pg_cluster.new_name("lost")
    direct = pg_cluster.url(name)
    with Project.create(direct, annotator="lead") as p:
        p.add_documents(["قال الرئيس محمّد في دمشق"])
    relay = Relay(pg_cluster.port)
    project = Project.open(relay.url(direct, pg_cluster.port), annotator="lina")
    yield project, relay, direct
    project.close()
    relay.close()


def _stored(url: str) -> list[tuple[int, str]]:
    with Project.open(url, annotator="lead") as p:
        doc = p.documents(0, 1)[0].id
        return [(s.start, s.label) for s in p.spans(doc, annotator="lina")]


def test_an_edit_whose_commit_answer_was_lost_is_acknowledged_once(relayed):
    project, relay, direct = relayed
    doc = project.documents(0, 1)[0].id
    project.add_span(doc, "PER", 0, 3)
    relay.lose("answer")
    sid = project.add_span(doc, "GPE", 20, 24)  # saved: the server says it committed
    assert relay.tripped.is_set()
    assert _stored(direct) == [(0, "PER"), (20, "GPE")]
    assert sid in {s.id for s in project.spans(doc)}
    # its row images went with the session: the window is told to read the document again
    # (kind external), so what was saved is also shown; it cannot be undone
    changes = project.last_changes
    assert changes is not None and changes.kind == "external" and changes.documents == {doc}
    assert not project.can_undo
    project.add_span(doc, "PER", 4, 10)  # the connection is back for the next edit
    assert _stored(direct) == [(0, "PER"), (4, "PER"), (20, "GPE")]


def test_an_edit_whose_commit_never_arrived_is_reported_not_saved(relayed):
    project, relay, direct = relayed
    doc = project.documents(0, 1)[0].id
    project.add_span(doc, "PER", 0, 3)
    relay.lose("request")
    with pytest.raises(ConnectionLost) as info:
        project.add_span(doc, "GPE", 20, 24)
    assert relay.tripped.is_set()
    message = str(info.value)
    assert "not saved" in message and message.endswith(".") and "admin-secret" not in message
    assert _stored(direct) == [(0, "PER")]
    project.add_span(doc, "GPE", 20, 24)  # run again: saved once
    assert _stored(direct) == [(0, "PER"), (20, "GPE")]
