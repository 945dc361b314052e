"""Packages out and back: pack, annotate elsewhere, merge (idempotent, never overwriting
another annotator's work, conflicts reported), then agreement on real project files."""

from __future__ import annotations

import shutil

import pytest

from annotator.core.errors import InputError, ProjectError
from annotator.store.project import Project
from tests.teamwork import HAND_VALUES, SHARED, dump, find, make_lead, make_team


def test_pack_holds_the_assigned_documents_settings_scheme_and_annotator(tmp_path):
    lead = make_lead(tmp_path)
    with Project.open(lead) as p:
        shared = p.find_document(name="shared").id
        p.add_span(shared, "GPE", *find(SHARED, "دمشق"), annotator="lina")   # lina's earlier work
        p.add_span(shared, "LOC", *find(SHARED, "بيروت"), annotator="omar")  # not lina's
        mine = sorted(p.document(d).sha256 for d in p.assigned_documents("lina"))
        report = p.pack(tmp_path / "lina.annotproj", "lina")
        scheme = p.scheme.sha256
        assert report.documents == len(mine) and report.layers == 1
        with pytest.raises(ProjectError, match="already exists"):
            p.pack(tmp_path / "lina.annotproj", "lina")
        with pytest.raises(ProjectError, match="has no documents assigned"):
            p.pack(tmp_path / "nobody.annotproj", "nobody")
    assert not (tmp_path / "nobody.annotproj").exists()
    with Project.open(tmp_path / "lina.annotproj") as q:
        assert q.annotator == "lina"
        assert q.get_setting("package")["annotator"] == "lina"
        assert q.guidelines.startswith("# الدليل")
        assert q.scheme.sha256 == scheme
        assert sorted(q.document(d).sha256 for d in q.document_ids()) == mine
        assert sorted(q.assigned_documents("lina")) == q.document_ids()
        doc = q.find_document(name="shared").id
        assert [(s.label, s.surface) for s in q.spans(doc)] == [("GPE", "دمشق")]
        assert q.annotators() == ["lina"]  # nobody else's annotations travel
    assert not list(tmp_path.glob("*.part"))


def test_two_packages_annotated_differently_merge_and_agreement_equals_the_hand_values(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    with Project.open(lead, annotator="lead") as p:
        report = p.merge([lina, omar])
        assert report.summary().startswith("Merged 2 files: 2 layers added, 0 replaced, 0 unchanged")
        assert report.conflicts == [] and report.missing == []
        doc = p.find_document(name="shared").id
        assert {s.surface for s in p.spans(doc, "lina")} == {"الرئيس السوري", "دمشق", "بيروت", "زار"}
        assert {s.surface for s in p.spans(doc, "omar")} == {"الرئيس", "دمشق", "بيروت", "زار"}
        assert p.status(doc, "lina") == p.status(doc, "omar") == "done"
        assert p.validate() == []
        r = p.agreement(["lina", "omar"])
    assert [d["name"] for d in r["documents"]] == ["shared"]
    pair = r["pairs"][0]
    got = {
        "exact_f1": pair["spans"]["exact"]["overall"]["f1"], "overlap_f1": pair["spans"]["overlap"]["overall"]["f1"],
        "kappa": pair["tokens"]["kappa"], "trigger_f1": pair["triggers"]["overall"]["f1"],
        "argument_f1": pair["arguments"]["overall"]["f1"], "stance_alpha": pair["stance"]["alpha"],
        "topic_alpha": pair["doc_labels"]["topic"]["alpha"], "reliability_alpha": pair["doc_labels"]["reliability"]["alpha"],
    }
    assert got == pytest.approx(HAND_VALUES)
    assert pair["per_document"][0]["kappa"] == pytest.approx(7 / 13)


def test_merging_twice_changes_nothing(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    with Project.open(lead, annotator="lead") as p:
        p.merge([lina, omar])
    before = dump(lead)
    with Project.open(lead, annotator="lead") as p:
        again = p.merge([lina, omar, lina])
    assert again.added == [] and again.replaced == [] and again.unchanged == 3 and not again.changed
    assert dump(lead) == before


def test_each_package_lands_under_the_annotators_who_made_it(tmp_path):
    lead, lina, _ = make_team(tmp_path)
    with Project.open(lina, annotator="sara") as q:  # sara helped on lina's machine
        doc = q.find_document(name="shared").id
        q.add_span(doc, "PER", *find(SHARED, "الرئيس"))
    with Project.open(lead, annotator="lead") as p:
        p.add_span(p.find_document(name="shared").id, "ORG", *find(SHARED, "دمشق"), annotator="omar")
        report = p.merge([lina])
        doc = p.find_document(name="shared").id
        assert [s.surface for s in p.spans(doc, "sara")] == ["الرئيس"]
        assert len(p.spans(doc, "lina")) == 4
        assert [(s.label, s.surface) for s in p.spans(doc, "omar")] == [("ORG", "دمشق")]  # untouched
    assert len(report.added) == 2


def test_a_later_version_of_the_same_package_replaces_an_older_one_is_kept(tmp_path):
    lead, lina, _ = make_team(tmp_path)
    first = tmp_path / "lina-monday.annotproj"
    shutil.copy(lina, first)
    with Project.open(lead, annotator="lead") as p:
        assert len(p.merge([first]).added) == 1
    with Project.open(lina) as q:  # lina goes on working in her package
        doc = q.find_document(name="shared").id
        q.add_span(doc, "DATE", *find(SHARED, "ثم"))
    with Project.open(lead, annotator="lead") as p:
        report = p.merge([lina])
        assert len(report.replaced) == 1 and report.conflicts == []
        doc = p.find_document(name="shared").id
        assert "ثم" in {s.surface for s in p.spans(doc, "lina")}
        older = p.merge([first])
        assert older.replaced == [] and len(older.older) == 1 and "later version" in older.older[0]
        assert "ثم" in {s.surface for s in p.spans(doc, "lina")}


def test_conflicting_changes_are_reported_and_kept_or_replaced_on_request(tmp_path):
    lead, lina, _ = make_team(tmp_path)
    with Project.open(lead, annotator="lead") as p:
        p.merge([lina])
        doc = p.find_document(name="shared").id
        p.add_span(doc, "TITLE", *find(SHARED, "الرئيس"), annotator="lina")  # the lead corrects lina's layer
    with Project.open(lina) as q:
        q.add_span(q.find_document(name="shared").id, "DATE", *find(SHARED, "ثم"))
    before = dump(lead)
    with Project.open(lead, annotator="lead") as p:
        with pytest.raises(ProjectError, match=r"merge stopped by 1 conflict, nothing was changed; the first: lina.annotproj: "
                                               r"document 'shared': lina already has different annotations on it in the project\.$"):
            p.merge([lina], on_conflict="fail")
    assert dump(lead) == before
    with Project.open(lead, annotator="lead") as p:
        kept = p.merge([lina])
        assert len(kept.conflicts) == 1 and "kept the project's version" in kept.summary()
        labels = {s.label for s in p.spans(doc, "lina")}
        assert "TITLE" in labels and "DATE" not in labels
        replaced = p.merge([lina], on_conflict="replace")
        labels = {s.label for s in p.spans(doc, "lina")}
        assert len(replaced.replaced) == 1 and "DATE" in labels and "TITLE" not in labels
        assert p.merge([lina]).unchanged == 1  # and now they agree


def test_package_changes_nothing_where_only_the_project_moved_on(tmp_path):
    lead, lina, _ = make_team(tmp_path)
    with Project.open(lead, annotator="lead") as p:
        p.merge([lina])
        doc = p.find_document(name="shared").id
        p.add_span(doc, "TITLE", *find(SHARED, "الرئيس"), annotator="lina")
        report = p.merge([lina])   # the package has nothing new for this layer
        assert report.conflicts == [] and report.unchanged == 1
        assert "TITLE" in {s.label for s in p.spans(doc, "lina")}


def test_documents_the_project_lacks_are_reported_or_added(tmp_path):
    lead = make_lead(tmp_path)
    stray = tmp_path / "stray.annotproj"
    with Project.create(stray, annotator="lina") as q:
        doc = q.add_documents([{"text": "نص لا يعرفه المشروع في بغداد", "name": "stray"}]).added[0]
        q.add_span(doc, "GPE", *find("نص لا يعرفه المشروع في بغداد", "بغداد"))
    with Project.open(lead, annotator="lead") as p:
        report = p.merge([stray])
        assert report.missing == ["stray.annotproj: document 'stray' is not in the project (no document has the same text); skipped."]
        assert p.find_document(name="stray") is None
        report = p.merge([stray], add_missing=True)
        doc = p.find_document(name="stray").id
        assert len(report.added_documents) == 1 and [s.surface for s in p.spans(doc, "lina")] == ["بغداد"]


def test_merge_is_all_or_nothing(tmp_path):
    lead, lina, omar = make_team(tmp_path)
    bad = tmp_path / "bad.annotproj"
    bad.write_text("not a project")
    before = dump(lead)
    with Project.open(lead, annotator="lead") as p:
        with pytest.raises(ProjectError, match="bad.annotproj is not an annotator project"):
            p.merge([lina, bad, omar])
        with pytest.raises(InputError, match="is the project itself"):
            p.merge([lina, lead])
        with pytest.raises(InputError, match="nope.annotproj does not exist; name the package files"):
            p.merge([lina, tmp_path / "nope.annotproj"])
    assert dump(lead) == before


def test_a_package_with_labels_the_project_lacks_is_refused_naming_file_and_document(tmp_path):
    lead = make_lead(tmp_path)
    scheme = tmp_path / "zoo.toml"
    scheme.write_text('[scheme]\nname = "zoo"\n[[entity]]\nlabel = "ANIMAL"\n', encoding="utf-8")
    other = tmp_path / "zoo.annotproj"
    with Project.create(other, scheme, annotator="lina") as q:
        doc = q.add_documents([{"text": SHARED, "name": "shared"}]).added[0]
        q.add_span(doc, "ANIMAL", 0, 3)
    before = dump(lead)
    with Project.open(lead, annotator="lead") as p, pytest.raises(InputError, match=r"zoo.annotproj, document 'shared': .*ANIMAL"):
        p.merge([other])
    assert dump(lead) == before
