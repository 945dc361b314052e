"""Validation: each kind of problem is reported with its document and position, and goes
away once fixed.  Edits the Project API allows are made through it (a real SQLite file);
states it refuses to create (but an import or a changed scheme can leave) are built as
records and checked with ``check_document``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.model import Annotations, Argument, Event, Relation, Span, Stance
from annotator.core.scheme import default_scheme
from annotator.core.validation import check_document

TEXT = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة يوم الإثنين، وقال مسؤول إن واشنطن تدعم دمشق"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


@pytest.fixture
def doc(project):
    """The project, a document and its entity spans by surface."""
    d = project.add_documents([{"text": TEXT, "name": "shaddadi"}]).added[0]
    ids = {w: project.add_span(d, label, *at(w)) for w, label in (
        ("الولايات المتحدة", "GPE"), ("قاعدة الشدادي", "FAC"), ("الحسكة", "GPE"), ("الإثنين", "DATE"),
        ("واشنطن", "GPE"), ("دمشق", "GPE"), ("مسؤول", "PER"))}
    return project, d, ids


def kinds(project) -> list[tuple[str, str, int | None, int | None, str]]:
    return [(p.kind, p.document, p.start, p.end, p.item) for p in project.validate()]


def test_a_missing_required_role_is_reported_at_the_trigger_until_it_is_filled(doc):
    p, d, ids = doc
    ev = p.add_event(d, "Movement", at("انسحابها"))
    s, e = at("انسحابها")
    assert kinds(p) == [("cardinality", "shaddadi", s, e, f"event {ev}")]
    assert "needs at least one Mover" in p.validate()[0].message
    assert [x.kind for x in p.check_linked(d)] == ["cardinality"]  # the window's live check agrees
    p.add_argument(ev, "Mover", ids["الولايات المتحدة"])
    assert p.validate() == [] and p.check_linked(d) == []


def test_a_wrong_argument_type_is_reported_at_the_argument_until_it_is_fixed(doc):
    p, d, ids = doc
    ev = p.add_event(d, "Movement", at("انسحابها"), [("Mover", ids["الولايات المتحدة"]), ("Origin", ids["الإثنين"])])
    assert kinds(p) == [("argument_type", "shaddadi", *at("الإثنين"), f"event {ev}")]
    assert "Origin «الإثنين» is DATE" in p.validate()[0].message
    p.relabel_span(ids["الإثنين"], "LOC")  # relabelling the argument fixes it too
    assert p.validate() == []
    p.undo()
    arg = next(a.id for a in p.events(d)[0].arguments if a.role == "Origin")
    p.delete_argument(arg)
    assert p.validate() == []


def test_too_many_arguments_and_the_same_span_twice(doc):
    p, d, ids = doc
    ev = p.add_event(d, "Movement", at("انسحابها"), [("Mover", ids["الولايات المتحدة"]),
                                                    ("Origin", ids["قاعدة الشدادي"]), ("Origin", ids["الحسكة"])])
    assert [k[0] for k in kinds(p)] == ["cardinality"]
    assert "at most 1 Origin but has 2" in p.validate()[0].message
    p.delete_argument(p.events(d)[0].arguments[-1].id)
    assert p.validate() == []
    p.add_argument(ev, "Mover", ids["الولايات المتحدة"])
    assert [(k[0], k[2], k[3]) for k in kinds(p)] == [("duplicate", *at("الولايات المتحدة"))]


def test_a_trigger_relabelled_away_from_its_event_type_and_a_trigger_without_an_event(doc):
    p, d, ids = doc
    ev = p.add_event(d, "Movement", at("انسحابها"), [("Mover", ids["الولايات المتحدة"])])
    trigger = p.events(d)[0].trigger
    p.relabel_span(trigger, "Attack")
    assert [k[0] for k in kinds(p)] == ["trigger"]
    p.undo()
    assert p.validate() == []
    p.set_event_type(ev, "Attack")  # trigger and type agree, but an Attack has no Mover
    assert [(k[0], k[2]) for k in kinds(p)] == [("role", at("الولايات المتحدة")[0])]
    p.set_event_type(ev, "Movement")
    assert p.validate() == []
    bare = p.add_span(d, "Statement", *at("وقال"))
    assert kinds(p) == [("trigger", "shaddadi", *at("وقال"), f"span {bare}")]
    p.add_event(d, "Statement", bare, [("Speaker", ids["مسؤول"])])
    assert p.validate() == []


def test_relation_ends_of_the_wrong_type_and_symmetric_relations(doc):
    p, d, ids = doc
    rel = p.add_relation("HoldsTitle", ids["واشنطن"], ids["دمشق"])
    problems = p.validate()
    assert [(x.kind, x.start) for x in problems] == [("argument_type", at("واشنطن")[0]), ("argument_type", at("دمشق")[0])]
    p.delete_relation(rel)
    assert p.validate() == []
    p.add_relation("LocatedIn", ids["قاعدة الشدادي"], ids["الحسكة"])
    p.add_relation("Allied", ids["واشنطن"], ids["مسؤول"])  # symmetric: either way round
    assert p.validate() == []
    p.add_relation("MemberOf", ids["مسؤول"], ids["واشنطن"])  # MemberOf takes an ORG second
    assert [x.kind for x in p.validate()] == ["argument_type"]
    p.relabel_span(ids["واشنطن"], "ORG")
    assert p.validate() == []


def test_a_stance_per_span_that_loses_its_evidence(doc):
    p, d, ids = doc
    st = p.add_stance(d, "FAVOR", ids["دمشق"], holder=ids["واشنطن"], evidence=[at("تدعم")], scope="span")
    evidence = p.stances(d)[0].evidence[0]
    assert p.span(evidence).label == "Evidence" and p.validate() == []
    p.remove_evidence(st, evidence)  # the evidence passage goes with it
    problems = p.validate()
    assert [x.kind for x in problems] == ["cardinality"] and "no evidence" in problems[0].message
    assert (problems[0].start, problems[0].end) == at("دمشق")  # shown at the target
    p.add_evidence(st, at("تدعم"))
    assert p.validate() == []


def records(*, trigger: bool = False) -> tuple[Annotations, dict[str, int]]:
    """Spans of TEXT as records (ids 1..n), for states the API refuses to create."""
    words = [("الولايات المتحدة", "GPE"), ("قاعدة الشدادي", "FAC"), ("دمشق", "GPE"), ("تدعم", "Evidence")]
    spans = [Span(label, [at(w)], id=i, surface=w)
             for i, (w, label) in enumerate(words + ([("انسحابها", "Movement")] if trigger else []), start=1)]
    spans.sort(key=lambda s: s.start)
    return Annotations(spans=spans), {s.surface: s.id for s in spans}


def check(ann: Annotations, scheme=None) -> list[tuple[str, int | None]]:
    return [(p.kind, p.start) for p in check_document(TEXT, ann, scheme or default_scheme(), document="x")]


def test_attributes_outside_the_scheme():
    ann, ids = records(trigger=True)
    ann.events = [Event("Movement", ids["انسحابها"], [Argument("Mover", ids["الولايات المتحدة"])], id=1,
                        attributes={"Realis": "maybe", "Specificity": "generic"})]
    ann.spans[0].attributes = {"Negated": "yes", "Colour": "red"}
    ann.relations = [Relation("LocatedIn", ids["قاعدة الشدادي"], ids["دمشق"], id=1, attributes={"Certainty": "probable"})]
    found = check(ann)
    assert found == [("attribute", at("الولايات المتحدة")[0])] * 2 + [("reference", at("تدعم")[0])] + \
        [("attribute", at("انسحابها")[0])] * 2
    messages = " ".join(p.message for p in check_document(TEXT, ann, default_scheme()))
    assert "'maybe', not one of actual" in messages and "gives only to entities" in messages
    ann.events[0].attributes = {"Realis": "planned"}
    ann.spans[0].attributes = {"Negated": True, "Specificity": "generic"}
    ann.stances = [Stance("FAVOR", "fixed", "Syrian government", evidence=[ids["تدعم"]], scope="span", id=1)]
    assert check(ann) == []


def test_stance_rules_of_the_scheme_and_dangling_references():
    ann, ids = records()
    ann.stances = [Stance("FAVOR", "span", ids["دمشق"], holder=ids["الولايات المتحدة"], evidence=[ids["تدعم"]],
                          scope="span", id=1)]
    scheme = default_scheme()
    assert check(ann, scheme) == []
    strict = replace(scheme, stance=replace(scheme.stance, scope="document", holder=False, free_targets=False))
    assert check(ann, strict) == [("stance", at("تدعم")[0])] * 3
    ann.stances[0].evidence.append(99)
    ann.stances[0].label = "LOVE"
    assert sorted(k for k, _ in check(ann, scheme)) == ["label", "reference"]


def test_document_labels_and_evidence_nobody_uses():
    ann, _ = records()
    ann.doc_labels = {"reliability": ["high", "low"], "topic": ["politics", "sports"], "mood": ["calm"]}
    found = check(ann)
    assert sorted(found, key=str) == sorted([("reference", at("تدعم")[0]), ("cardinality", None), ("label", None),
                                             ("label", None)], key=str)
    ann.doc_labels = {"reliability": ["high"], "topic": ["politics", "military"]}
    ann.spans = [s for s in ann.spans if s.label != "Evidence"]  # the unused evidence passage
    assert check(ann) == []
