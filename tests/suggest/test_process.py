"""Recommender work in a child process: it trains on the project file and stores the
suggestions itself; a superseded request kills it (nothing half-written is left, the next
request works); a failure or a dead child comes back as one sentence."""

from __future__ import annotations

import os
import signal

import pytest

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.store.suggestions import SuggestionLayer
from annotator.suggest.process import SuggestProcess
from tests.suggest.helpers import fill, make_docs


@pytest.fixture
def helper(project):
    h = SuggestProcess(str(project.path))
    yield h
    h.close()


def _open_one(project) -> int:
    project.add_documents([{"text": make_docs(1, 40)[0][0], "name": "open"}])
    return next(d.id for d in project.documents(limit=1000) if d.name == "open")


def test_the_child_trains_on_the_file_and_stores_the_suggestions(project, helper):
    fill(project, 6)
    doc = _open_one(project)
    report, pending = helper.call("retrain", document_id=doc, annotator=project.annotator, recommenders=["matcher", "crf"])
    assert report.failures == [] and report.documents == 1 and report.suggestions["matcher"] > 0
    project.refresh()
    stored = SuggestionLayer(project).pending(doc)
    assert pending == stored and len(stored) >= max(report.suggestions.values())  # one per offsets
    assert all(project.text(doc)[s.start:s.end] == s.surface for s in stored)
    assert helper.call("pending", document_id=doc, annotator=project.annotator) == (None, stored)
    scores, failures = helper.call("evaluate", annotator=project.annotator)
    assert failures == [] and scores["matcher"]["f1"] > 0.5


def test_a_superseded_request_kills_the_child_and_the_next_one_works(project, helper):
    fill(project, 6)
    doc = _open_one(project)
    first = helper._child
    with pytest.raises(Cancelled):
        helper.call("retrain", cancelled=lambda: True, document_id=doc, annotator=project.annotator)
    assert first.poll() is not None  # killed, and waited for
    project.refresh()
    assert SuggestionLayer(project).pending(doc) == []  # nothing half-stored
    report, _ = helper.call("retrain", document_id=doc, annotator=project.annotator, recommenders=["matcher"])
    assert report.suggestions["matcher"] > 0 and helper._child is not first


def test_a_failure_or_a_dead_child_is_one_sentence_and_the_child_serves_again(project, helper):
    fill(project, 2)
    with pytest.raises(AnnotatorError, match="no recommender called 'nonsense'"):
        helper.call("retrain", document_id=1, annotator=project.annotator, recommenders=["nonsense"])
    os.kill(helper._child.pid, signal.SIGKILL)
    with pytest.raises(AnnotatorError, match="the suggestion process stopped"):
        helper.call("retrain", document_id=1, annotator=project.annotator, recommenders=["matcher"])
    report, _ = helper.call("retrain", document_id=1, annotator=project.annotator, recommenders=["matcher"])
    assert report.failures == []
