"""Annotators and assignments on a real project file."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from annotator.core.errors import ProjectError
from annotator.store.project import GOLD, Project


@pytest.fixture
def corpus_project(project):
    project.add_documents([f"الوثيقة رقم {i} عن دمشق" for i in range(50)])
    return project


def test_assign_gives_every_document_and_the_overlap_to_pairs(corpus_project):
    p = corpus_project
    report = p.assign(["lina", "omar", "sara"], overlap=0.2, seed=7)
    per_doc = Counter(d for ids in p.assignments().values() for d in ids)
    assert set(per_doc) == set(p.document_ids())
    assert sorted(per_doc.values()).count(2) == 10 == len(report.shared)   # 20% of 50, twice
    assert max(per_doc.values()) == 2
    loads = sorted(len(ids) for ids in p.assignments().values())
    assert loads[-1] - loads[0] <= 1 and sum(loads) == 60
    pairs = Counter(tuple(p.assignees(d)) for d in report.shared)
    assert set(pairs) == set(combinations(["lina", "omar", "sara"], 2))      # every pair can be compared
    assert report.summary().startswith("50 documents assigned to 3 annotators (10 to two of them; seed 7)")


def test_assign_is_deterministic_for_a_seed_and_only_adds_new_documents(tmp_path):
    runs = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        with Project.create(tmp_path / f"{name}.annotproj", annotator="lead") as p:
            p.add_documents([f"نص {i}" for i in range(30)])
            p.assign(["lina", "omar"], overlap=0.3, seed=seed)
            runs.append(p.assignments())
    assert runs[0] == runs[1] and runs[0] != runs[2]
    with Project.open(tmp_path / "a.annotproj") as p:
        p.add_documents([f"نص جديد {i}" for i in range(4)])
        report = p.assign(["lina", "omar"], overlap=0.0)
        assert report.documents == 4 and sum(report.counts.values()) == 4
        assert len(p.assign(["lina", "omar"]).shared) == 0  # nothing left to assign
        report = p.assign(["lina", "omar"], overlap=0.5, reassign=True)
        assert report.documents == 34 and len(report.shared) == 17


@pytest.mark.parametrize(
    ("names", "overlap", "message"),
    [([], 0.2, "at least one annotator"), (["lina", "lina"], 0.2, "named twice"), (["lina", GOLD], 0.2, "not to the gold layer"),
     (["lina"], 0.2, "at least two annotators"), (["lina", "omar"], 1.5, "between 0 and 1")],
)
def test_assign_refuses_bad_requests(corpus_project, names, overlap, message):
    with pytest.raises(ProjectError, match=message):
        corpus_project.assign(names, overlap=overlap)
    assert corpus_project.assignments() == {}


def test_annotator_details_progress_and_label_counts(corpus_project):
    p = corpus_project
    p.assign(["lina", "omar"], overlap=0.0, seed=1)
    first = p.assigned_documents("lina")[0]
    p.add_span(first, "GPE", 15, 19, annotator="lina")
    p.add_span(first, "PER", 0, 7, annotator="lina")
    p.set_status(first, "done", annotator="lina")
    p.add_span(p.assigned_documents("omar")[0], "GPE", 15, 19, annotator="omar")
    info = {a.name: a for a in p.annotator_details()}
    assert (info["lina"].assigned, info["lina"].annotated, info["lina"].done, info["lina"].spans) == (25, 1, 1, 2)
    assert (info["omar"].annotated, info["omar"].done, info["omar"].spans) == (1, 0, 1)
    assert p.progress()["lina"] == {"assigned": 25, "new": 24, "in_progress": 0, "done": 1}
    assert p.progress()["omar"] == {"assigned": 25, "new": 24, "in_progress": 1, "done": 0}
    assert p.label_counts() == {"lina": {"GPE": 1, "PER": 1}, "omar": {"GPE": 1}}


def test_rename_annotator_keeps_their_work_and_refuses_clashes(tmp_path):
    path = tmp_path / "p.annotproj"
    with Project.create(path, annotator="lina") as p:
        doc = p.add_documents(["زار الرئيس دمشق"]).added[0]
        p.add_span(doc, "GPE", 11, 15)
        p.add_span(doc, "PER", 4, 10, annotator="omar")
        p.remember_annotator()
        with pytest.raises(ProjectError, match="already has an annotator called 'omar'"):
            p.rename_annotator("lina", "omar")
        with pytest.raises(ProjectError, match="cannot be renamed"):
            p.rename_annotator("lina", GOLD)
        with pytest.raises(ProjectError, match="no annotator called 'nobody'"):
            p.rename_annotator("nobody", "x")
        p.rename_annotator("lina", "لينا")
        assert p.annotator == "لينا"
        assert [s.surface for s in p.spans(doc)] == ["دمشق"]
        p.add_span(doc, "PER", 4, 10)  # the current annotator's new edits go to the renamed one
        assert len(p.spans(doc, "لينا")) == 2 and p.spans(doc, "lina") == []
        assert p.edit_log(limit=5)[1]["action"] == "rename_annotator"
    with Project.open(path) as p:
        assert p.annotator == "لينا"
        assert sorted(p.annotators()) == sorted(["لينا", "omar"])


def test_the_gold_layer_is_an_annotator_of_kind_gold(project):
    doc = project.add_documents(["زار الرئيس دمشق"]).added[0]
    project.add_span(doc, "GPE", 11, 15, annotator=GOLD)
    assert {a.name: a.kind for a in project.annotator_details()}[GOLD] == "gold"
    assert [s.surface for s in project.annotations(doc, GOLD).spans] == ["دمشق"]
