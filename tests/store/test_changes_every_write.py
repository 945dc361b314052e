"""Every public write of ``Project`` reports what it changed: a fresh ``Changes`` becomes
``last_changes`` and reaches every listener; a write that returned nothing returns it, an
add keeps returning the new id, a report carries it as ``.changes``; undo and redo return
the step whose ``changes`` it is.  A write that changes no row still reports (an empty
``Changes``), so ``last_changes`` is never the previous write's."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Span
from annotator.store.changes import Changes
from annotator.store.project import GOLD, Project

TEXT = "قال مسؤول إن واشنطن باتت تنظر إلى الحكومة السورية الجديدة باعتبارها الشريك الرئيسي في دمشق"


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


class Recorder:
    """Checks that each call reports a new ``Changes`` to ``last_changes`` and listeners."""

    def __init__(self, p: Project) -> None:
        self.p = p
        self.heard: list[Changes] = []
        p.listeners.append(self.heard.append)

    def __call__(self, result, *tables: str, kind: str = "edit") -> Changes:
        changes = self.p.last_changes
        assert isinstance(changes, Changes)
        assert self.heard and self.heard[-1] is changes
        assert changes.kind == kind
        assert set(tables) <= changes.tables, (tables, changes)
        self.heard.clear()
        if isinstance(result, Changes):
            assert result is changes
        return changes


def test_every_annotation_write_returns_or_reports_its_changes(project):
    p = project
    seen = Recorder(p)
    d = p.add_documents([{"text": TEXT, "name": "quote"}]).added[0]
    seen.heard.clear()

    dc = p.add_span(d, "GPE", *at("واشنطن"))
    assert seen(dc, "spans", "fragments", "document_status").added["spans"] == {dc}
    gov = p.add_span(d, "ORG", fragments=[at("الحكومة"), at("الجديدة")])
    seen(gov, "spans")
    assert seen(p.update_span(dc, label="LOC"), "spans").changed["spans"] == {dc}
    assert seen(p.relabel_span(dc, "GPE"), "spans").changed["spans"] == {dc}
    seen(p.add_fragment(dc, *at("دمشق")), "fragments")
    seen(p.set_attribute("span", gov, "Specificity", "specific"), "attributes")
    seen(p.set_attribute("span", gov, "Specificity", None), "attributes")

    ev = p.add_event(d, "Movement", at("تنظر"), [("Mover", dc)])
    seen(ev, "events", "event_arguments", "spans")
    arg = p.add_argument(ev, "Origin", gov)
    assert seen(arg, "event_arguments").added["event_arguments"] == {arg}
    seen(p.delete_argument(arg), "event_arguments")
    seen(p.set_event_type(ev, "Meeting"), "events", "spans")

    rel = p.add_relation("MemberOf", dc, gov)
    seen(rel, "relations")
    note = p.add_note(d, "check this", span=dc)
    seen(note, "notes")
    seen(p.delete_note(note), "notes")
    seen(p.delete_relation(rel), "relations")

    st = p.add_stance(d, "FAVOR", gov, holder=dc, evidence=[at("الشريك")], scope="span")
    seen(st, "stances", "stance_evidence", "spans")
    seen(p.update_stance(st, label="AGAINST"), "stances")
    extra = p.add_evidence(st, at("الرئيسي"))
    seen(extra, "stance_evidence", "spans")
    seen(p.remove_evidence(st, extra), "stance_evidence")
    seen(p.set_doc_labels(d, "topic", ["politics"]), "document_labels")
    seen(p.delete_stance(st), "stances")

    seen(p.set_status(d, "done"), "document_status")
    seen(p.delete_event(ev), "events")
    seen(p.delete_spans([gov]), "spans")
    seen(p.delete_span(dc), "spans")

    step = p.undo()
    assert step is not None and seen(step.changes, "spans", kind="undo") is step.changes
    step = p.redo()
    assert step is not None and seen(step.changes, "spans", kind="redo") is step.changes

    with p.macro("two spans") as done:
        p.add_span(d, "PER", *at("مسؤول"))
        p.add_span(d, "GPE", *at("دمشق"))
    assert seen(done.changes, "spans") is done.changes and len(done.changes.added["spans"]) == 2


def test_a_write_that_changes_no_row_still_reports_an_empty_changes(project):
    p = project
    seen = Recorder(p)
    d = p.add_documents([{"text": TEXT}]).added[0]
    sid = p.add_span(d, "GPE", *at("دمشق"))
    before = p.last_changes
    nothing = p.update_span(sid, label="GPE")  # already GPE: no row changes
    assert seen(nothing) is not before and not nothing and nothing.label == "Change span"


def test_bookkeeping_writes_report_their_changes(project):
    p = project
    seen = Recorder(p)
    d = p.add_documents([{"text": TEXT}, {"text": TEXT + " ثانياً"}]).added[0]

    seen(p.set_setting("snap", "character"), "settings")
    p.guidelines = "# Rules"
    seen(None, "settings")
    seen(p.remember_annotator(), "settings")
    seen(p.set_scheme(p.scheme), "schemes")
    changes = seen(p.add_time(d, 12.5), "document_status")
    assert changes.documents == {d}

    report = p.assign(["lina", "omar"], overlap=1.0)
    assert seen(report.changes, "assignments") is report.changes and len(report.changes.added["assignments"]) == 4
    assert p.unassign("omar") == 2
    seen(None, "assignments")
    seen(p.rename_annotator("omar", "omar2"), "annotators")


def test_adjudication_shortcuts_carry_their_changes(project):
    p = project
    seen = Recorder(p)
    d = p.add_documents([{"text": TEXT}]).added[0]
    for who in ("lina", "omar"):
        p.add_span(d, "GPE", *at("دمشق"), annotator=who)
    sid = p.add_span(d, "PER", *at("مسؤول"), annotator="omar")
    seen.heard.clear()

    copied = p.accept_version(d, "lina")
    assert seen(copied.changes, "spans") is copied.changes and copied.spans == 1
    copied = p.accept_agreed(d, ["lina", "omar"])
    assert seen(copied.changes) is copied.changes and copied.total() == 0  # gold has it already
    copied = p.accept_item("span", sid)
    assert seen(copied.changes, "spans") is copied.changes
    assert {s.label for s in p.spans(d, GOLD)} == {"GPE", "PER"}


def test_layer_copy_writes_the_same_rows_as_edits(project, tmp_path):
    """A layer copied in bulk (a merge) and one added edit by edit have the same rows."""
    p = project
    d = p.add_documents([{"text": TEXT}]).added[0]
    gov = p.add_span(d, "ORG", fragments=[at("الحكومة"), at("الجديدة")], annotator="lina")
    p.set_attribute("span", gov, "Specificity", "generic")
    p.add_note(d, "a note", span=gov, annotator="lina")
    ann, norms = p.layer(d, "lina")
    aid = p.annotator_id("copy")
    with p.db.transaction():
        p.layers.copy_layer(d, aid, ann, norms)
    (copy,) = p.spans(d, "copy")
    (orig,) = p.spans(d, "lina")
    assert (copy.label, copy.fragments, copy.surface, copy.attributes, copy.notes) == \
        (orig.label, orig.fragments, orig.surface, orig.attributes, orig.notes)
    assert copy.id > orig.id
    again = Annotations(spans=[Span("GPE", [at("دمشق")], id="T1"), Span("GPE", [at("دمشق")], id="T2")])
    with p.db.transaction():
        out = p.layers.copy_layer(d, aid, again)
    assert out.spans == 1 and len(p.spans(d, "copy")) == 2  # one key, one span


def test_imports_merges_and_packages_report_their_changes(project, tmp_path):
    p = project
    seen = Recorder(p)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    report = p.import_files([tmp_path / "a.txt"])
    assert len(seen.heard) == 1  # once, not once per batch
    changes = seen(report, kind="import")
    assert changes.documents == set(report.added) and changes.added["documents"] == set(report.added)
    d = report.added[0]
    p.add_span(d, "GPE", *at("دمشق"), annotator="omar")
    seen.heard.clear()
    pack = p.pack(tmp_path / "omar.annotpkg", "omar", documents=[d])
    seen(pack, "layer_origins")
    with Project.open(pack.path, annotator="omar") as other:
        other.add_span(d, "PER", *at("مسؤول"))
    merged = p.merge([pack.path])
    assert seen(merged, "spans", kind="merge").kind == "merge"


def test_a_refused_status_adds_no_annotator(project):
    d = project.add_documents([{"text": TEXT}]).added[0]
    with pytest.raises(ProjectError, match="status must be one of"):
        project.set_status(d, "finished", annotator="newcomer")
    assert "newcomer" not in project.annotators()
