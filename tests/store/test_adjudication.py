"""Adjudication: the gold layer built from merged versions, each step undoable."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError
from annotator.store.project import GOLD, Project
from tests.teamwork import SHARED, find, make_team


@pytest.fixture
def merged(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    p = Project.open(lead, annotator="lead")
    p.merge([lina, omar])
    yield p, p.find_document(name="shared").id
    p.close()


def surfaces(p, doc, who=GOLD):
    return sorted((s.label, s.surface) for s in p.annotations(doc, who).spans)


def test_accept_agreed_takes_only_what_everyone_gave(merged):
    p, doc = merged
    copied = p.accept_agreed(doc)
    gold = p.annotations(doc, GOLD)
    # agreed: GPE «دمشق», the Meeting on «زار» with its Place argument only, the AGAINST
    # stance, topic "politics"; not the PER spans, not «بيروت», not reliability
    assert surfaces(p, doc) == [("GPE", "دمشق"), ("Meeting", "زار")]
    assert [(e.type, [a.role for a in e.arguments]) for e in gold.events] == [("Meeting", ["Place"])]
    assert [(s.label, s.target) for s in gold.stances] == [("AGAINST", "Syrian government")]
    assert gold.doc_labels == {"topic": ["politics"]}
    assert (copied.spans, copied.events, copied.stances, copied.doc_labels) == (2, 1, 1, 1)
    assert p.accept_agreed(doc).total() == 0  # nothing added twice
    p.undo()  # the second did nothing, so this undoes the first (one step)
    p.undo()
    assert p.annotations(doc, GOLD).is_empty()


def test_accept_a_version_then_edit_gold_like_any_layer(tmp_path, merged):
    p, doc = merged
    p.accept_agreed(doc)
    p.accept_version(doc, "omar")  # replaces what gold had
    assert surfaces(p, doc) == surfaces(p, doc, "omar")
    assert p.annotations(doc, GOLD).doc_labels == {"topic": ["politics", "military"], "reliability": ["medium"]}
    loc = next(s for s in p.spans(doc, GOLD) if s.label == "LOC")
    p.relabel_span(loc.id, "GPE")
    president = next(s for s in p.spans(doc, GOLD) if s.label == "PER")
    p.update_span(president.id, fragments=[find(SHARED, "الرئيس السوري")])
    p.set_status(doc, "done", annotator=GOLD)
    assert surfaces(p, doc) == [("GPE", "بيروت"), ("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس السوري")]
    assert surfaces(p, doc, "omar") == [("GPE", "دمشق"), ("LOC", "بيروت"), ("Meeting", "زار"), ("PER", "الرئيس")]
    p.undo()
    p.undo()
    p.undo()
    assert surfaces(p, doc) == surfaces(p, doc, "omar")
    p.undo()
    assert surfaces(p, doc) == [("GPE", "دمشق"), ("Meeting", "زار")]  # back to the agreed part
    p.close()
    with Project.open(p.path) as again:  # gold is in the file, readable by exports
        assert len(again.annotations(doc, GOLD).spans) == 2
        # the agreed Meeting kept only its agreed argument: validation tells the adjudicator
        [problem] = again.validate()
        assert (problem.annotator, problem.kind) == (GOLD, "cardinality")
        assert "(Meeting «زار») needs at least one Participant but has 0" in problem.message


def test_accept_one_item_and_the_merged_view(merged):
    p, doc = merged
    view = p.adjudication(doc)
    assert view.annotators == ["lina", "omar"]
    spans = {(v.label, SHARED[v.fragments[0][0]:v.fragments[0][1]]): v for v in view.items if v.kind == "span"}
    assert spans[("GPE", "دمشق")].agreed and spans[("GPE", "دمشق")].annotators == ["lina", "omar"]
    assert not spans[("LOC", "بيروت")].agreed and spans[("LOC", "بيروت")].annotators == ["omar"]
    assert {v.kind for v in view.disagreements} == {"span", "event", "stance"}
    # take lina's PER span and omar's Meeting event (its trigger and argument spans come along)
    p.accept_item("span", spans[("PER", "الرئيس السوري")].ids["lina"])
    event = next(v for v in view.items if v.kind == "event" and v.annotators == ["omar"])
    p.accept_item("event", event.ids["omar"])
    assert surfaces(p, doc) == [("GPE", "دمشق"), ("Meeting", "زار"), ("PER", "الرئيس"), ("PER", "الرئيس السوري")]
    after = p.adjudication(doc)
    assert next(v for v in after.items if v.kind == "event" and v.annotators == ["omar"]).in_gold


def test_adjudication_refuses_gold_as_a_source_and_unknown_names(merged):
    p, doc = merged
    with pytest.raises(ProjectError, match="cannot be accepted into itself"):
        p.accept_version(doc, GOLD)
    with pytest.raises(ProjectError, match="no annotator called 'nobody'"):
        p.accept_agreed(doc, ["lina", "nobody"])
    with pytest.raises(ProjectError, match="at least two"):
        p.accept_agreed(doc, ["lina"])
    with pytest.raises(ProjectError, match="there is no span 999"):
        p.accept_item("span", 999)
