"""Stances with evidence passages, stance edits, the linked-annotation read of the window,
and the counts of events, relations, attributes and stances in ``stats``."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError

TEXT = "😀 قال مسؤول إن واشنطن باتت تنظر إلى الحكومة السورية الجديدة باعتبارها «الشريك الرئيسيّ»"


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


@pytest.fixture
def doc(project):
    d = project.add_documents([{"text": TEXT, "name": "quote"}]).added[0]
    dc = project.add_span(d, "GPE", *at("واشنطن"))
    gov = project.add_span(d, "ORG", *at("الحكومة السورية الجديدة"))
    return project, d, dc, gov


def test_text_evidence_becomes_an_evidence_span_in_the_same_undo_step(doc):
    p, d, dc, gov = doc
    st = p.add_stance(d, "FAVOR", gov, holder=dc, evidence=[at("«الشريك الرئيسيّ»")], scope="span")
    (stance,) = p.stances(d)
    (ev,) = stance.evidence
    span = p.span(ev)
    assert (span.label, span.surface) == ("Evidence", "«الشريك الرئيسيّ»")
    assert TEXT[span.start:span.end] == span.surface  # code points, after an emoji
    assert (stance.target_kind, stance.target, stance.holder, stance.scope) == ("span", gov, dc, "span")
    p.undo()  # one step: the stance and its evidence span go together
    assert p.stances(d) == [] and [s.label for s in p.spans(d)] == ["GPE", "ORG"]
    p.redo()
    assert p.stances(d)[0].id == st and p.span(ev).label == "Evidence"


def test_removing_or_deleting_drops_evidence_passages_but_never_entities(doc):
    p, d, dc, gov = doc
    st = p.add_stance(d, "FAVOR", gov, holder=dc, evidence=[at("باعتبارها"), dc])
    passage = p.stances(d)[0].evidence[0]
    p.remove_evidence(st, passage)
    assert passage not in {s.id for s in p.spans(d)}
    p.undo()
    assert p.span(passage).label == "Evidence" and p.stances(d)[0].evidence == [passage, dc]
    p.delete_stance(st)
    assert sorted(s.label for s in p.spans(d)) == ["GPE", "ORG"]  # the entity evidence stays
    p.undo()
    assert p.stances(d)[0].evidence == [passage, dc]


def test_a_shared_evidence_passage_stays_while_a_stance_uses_it(doc):
    p, d, dc, gov = doc
    a = p.add_stance(d, "FAVOR", gov, evidence=[at("باعتبارها")])
    passage = p.stances(d)[0].evidence[0]
    p.add_stance(d, "NEUTRAL", "Syrian government", evidence=[passage])
    p.delete_stance(a)
    assert p.span(passage).label == "Evidence"


def test_update_stance_changes_target_holder_label_and_scope(doc):
    p, d, dc, gov = doc
    st = p.add_stance(d, "AGAINST", "US withdrawal from Syria")
    p.update_stance(st, target=gov, holder=dc, label="FAVOR")
    s = p.stances(d)[0]
    assert (s.target_kind, s.target, s.holder, s.label) == ("span", gov, dc, "FAVOR")
    p.update_stance(st, target="ضد التدخل", target_kind="text", holder=None)
    s = p.stances(d)[0]
    assert (s.target_kind, s.target, s.holder) == ("text", "ضد التدخل", None)
    with pytest.raises(ProjectError, match="needs at least one evidence span"):
        p.update_stance(st, scope="span")
    p.add_evidence(st, at("تنظر"))
    p.update_stance(st, scope="span")
    assert p.stances(d)[0].scope == "span"
    with pytest.raises(ProjectError, match="not one of the scheme's stance targets"):
        p.update_stance(st, target="Mars", target_kind="fixed")
    p.undo()
    assert p.stances(d)[0].scope == "document"


def test_evidence_text_needs_an_evidence_label(tmp_path):
    from annotator.core.scheme import parse_scheme
    from annotator.store.project import Project

    scheme = parse_scheme('[scheme]\nname="bare"\n[[entity]]\nlabel="GPE"\n[stance]\nlabels=[{label="FAVOR"}]\n')
    with Project.create(tmp_path / "b.annotproj", scheme, annotator="lina") as p:
        d = p.add_documents([TEXT]).added[0]
        with pytest.raises(ProjectError, match="has no evidence label"):
            p.add_stance(d, "FAVOR", "x", evidence=[at("تنظر")])
        assert p.spans(d) == [] and not p.can_undo


def test_linked_annotations_hold_only_the_spans_that_are_pointed_at(doc):
    p, d, dc, gov = doc
    for w in ("قال", "مسؤول", "الجديدة"):
        p.add_span(d, "MISC", *at(w))
    official = p.spans(d)[1].id
    ev = p.add_event(d, "Statement", at("قال"), [("Speaker", official)])
    p.set_attribute("event", ev, "Realis", "actual")
    p.set_attribute("span", gov, "Specificity", "specific")
    p.add_stance(d, "FAVOR", gov, holder=dc)
    linked = p.linked_annotations(d)
    trigger = p.events(d)[0].trigger
    assert sorted(s.id for s in linked.spans) == sorted([trigger, official, gov, dc])
    assert linked.events[0].attributes == {"Realis": "actual"}
    assert [x.kind for x in p.check_linked(d, linked=linked)] == ["argument_type"]  # a MISC speaker


def test_stats_count_events_relations_attributes_stances_and_evidence(doc):
    p, d, dc, gov = doc
    ev = p.add_event(d, "Statement", at("قال"), [("Speaker", dc)])
    p.set_attribute("event", ev, "Realis", "actual")
    p.set_attribute("span", dc, "Negated", True)
    rel = p.add_relation("Allied", dc, gov)
    p.set_attribute("relation", rel, "Certainty", "probable")
    p.add_stance(d, "FAVOR", gov, holder=dc, evidence=[at("تنظر")])
    p.set_doc_labels(d, "topic", ["politics", "military"])
    stats = p.stats()
    assert stats["events"] == {"Statement": 1} and stats["relations"] == {"Allied": 1}
    assert stats["stances"] == {"FAVOR": 1} and stats["evidence"] == 1
    assert stats["entities"] == {"GPE": 1, "ORG": 1} and stats["triggers"] == {"Statement": 1}
    assert stats["attributes"] == {"event": {"Realis": {"actual": 1}}, "span": {"Negated": {"yes": 1}},
                                   "relation": {"Certainty": {"probable": 1}}}
    assert stats["doc_labels"] == {"topic": {"military": 1, "politics": 1}}


def test_the_history_names_the_rows_the_latest_change_touched(doc):
    p, d, dc, gov = doc
    new = p.add_span(d, "PER", *at("مسؤول"))
    step = p.history.last
    assert step.kinds >= {"spans", "fragments"} and p.history.touched(step, "spans") == {new}
    p.relabel_span(gov, "GPE")
    assert p.history.touched(p.history.last, "spans") == {gov}
    p.add_relation("Allied", dc, gov)
    assert "relations" in p.history.last.kinds
    p.undo()  # the undo is the latest change now
    assert "relations" in p.history.last.kinds and p.history.last is p.history.redo_steps[-1]
    p.delete_span(dc)
    assert p.history.touched(p.history.last, "spans") == {dc}
