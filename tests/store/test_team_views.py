"""The team reads of the window: annotators with their kinds, statuses per document."""

from __future__ import annotations

from annotator.store.project import GOLD


def test_annotator_kinds_and_who_started_which_document(project):
    a, b, c = project.add_documents([{"text": t, "name": n} for t, n in
                                     (("زار الرئيس دمشق", "a"), ("وصل الوفد", "b"), ("غادر", "c"))]).added
    project.add_span(a, "GPE", 11, 15)                      # lina starts a
    project.set_status(a, "done", annotator="omar")         # omar finished a
    project.set_status(b, "new", annotator="omar")          # a "new" row counts as not started
    project.add_span(b, "ORG", 4, 9, annotator=GOLD)
    assert project.annotator_kinds() == {"lina": "human", "omar": "human", GOLD: "gold"}
    project.annotator_id("sara")                            # known, never started anything
    assert list(project.annotator_kinds()) == ["lina", "omar", GOLD, "sara"]
    assert list(project.annotator_kinds(active=True)) == ["lina", "omar", GOLD]
    assert project.document_statuses([a, b, c]) == {a: [("lina", "in_progress"), ("omar", "done")], b: [(GOLD, "in_progress")]}
    assert project.document_statuses([]) == {}
    assert project.document_statuses(range(1, 2000)) == project.document_statuses([a, b, c])  # chunked
