"""The suggestion layer: stored apart, accepted with provenance, rejected for good, undone."""

from __future__ import annotations

import sqlite3

from annotator.store.project import Project
from annotator.store.suggestions import Suggestion, SuggestionLayer
from annotator.transfer.export import export_project

TEXT = "زار مُحَمَّد علي دمشـــق 😀 والتقى وزير الخارجية."


def _doc(project) -> int:
    project.add_documents([{"text": TEXT, "name": "one"}])
    return project.documents()[0].id


def _suggest(project, doc: int, surface: str, label: str = "PER", recommender: str = "crf", conf: float = 0.8) -> None:
    i = TEXT.index(surface)
    SuggestionLayer(project).replace(doc, recommender, [
        Suggestion(doc, "span", label, i, i + len(surface), surface, recommender=recommender, confidence=conf)])


def test_a_new_project_has_the_suggestion_kind(project):
    kinds = project.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotators'").fetchone()[0]
    assert "'suggestion'" in kinds
    project.conn.execute("INSERT INTO annotators(name, kind, created_at) VALUES ('s', 'suggestion', 'now')")
    try:
        project.conn.execute("INSERT INTO annotators(name, kind, created_at) VALUES ('t', 'robot', 'now')")
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("the CHECK on kind no longer holds")


def test_an_old_file_is_upgraded(tmp_path):
    import shutil

    from tests.conftest import DATA

    path = tmp_path / "old.annotproj"
    shutil.copy(DATA / "project-v1.annotproj", path)
    with Project.open(path, annotator="lina") as p:
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert p.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        doc = p.documents()[0].id
        text = p.text(doc)
        SuggestionLayer(p).replace(doc, "matcher", [Suggestion(doc, "span", "PER", 0, 2, text[:2])])
        assert len(SuggestionLayer(p).pending(doc)) == 1


def test_suggestions_keep_offsets_with_diacritics_tatweel_and_emoji(project):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي")
    _suggest(project, doc, "دمشـــق", "GPE", recommender="matcher")
    got = SuggestionLayer(project).pending(doc)
    assert [(s.label, s.surface) for s in got] == [("PER", "مُحَمَّد علي"), ("GPE", "دمشـــق")]
    assert all(TEXT[s.start:s.end] == s.surface for s in got)


def test_a_suggestion_off_the_text_is_refused(project):
    import pytest

    from annotator.core.errors import ProjectError

    doc = _doc(project)
    with pytest.raises(ProjectError, match="does not match the text"):
        SuggestionLayer(project).replace(doc, "crf", [Suggestion(doc, "span", "PER", 4, 9, "محمد")])


def test_suggestions_are_not_annotations(project, tmp_path):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي")
    assert project.spans(doc, every_annotator=True) == []
    assert project.status(doc) == "new"
    assert project.stats()["spans"] == 0
    manifest = export_project(project, "jsonl", tmp_path / "out.jsonl", all_documents=True)
    assert manifest.data.get("from_suggestions", {}) == {}
    assert "suggestions" not in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_accept_makes_the_annotators_span_with_provenance_and_undo_restores_the_suggestion(project, tmp_path):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي")
    layer = SuggestionLayer(project)
    [s] = layer.pending(doc)
    [span_id] = layer.accept([s.id])
    span = project.span(span_id)
    assert (span.label, span.surface, span.annotator) == ("PER", "مُحَمَّد علي", "lina")
    assert layer.pending(doc) == []
    assert layer.provenance_counts() == {"crf": 1}
    manifest = export_project(project, "jsonl", tmp_path / "out.jsonl", all_documents=True)
    assert manifest.data["from_suggestions"] == {"crf": 1}
    project.undo()
    assert project.spans(doc) == []
    assert [x.id for x in layer.pending(doc)] == [s.id]
    assert layer.provenance_counts() == {}
    project.redo()
    assert layer.pending(doc) == [] and layer.provenance_counts() == {"crf": 1}


def test_reject_is_remembered_across_runs_and_undone(project):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي")
    layer = SuggestionLayer(project)
    [s] = layer.pending(doc)
    layer.reject([s.id])
    assert layer.pending(doc) == []
    _suggest(project, doc, "مُحَمَّد علي", recommender="matcher")   # another run, another recommender
    assert layer.pending(doc) == []
    assert [r.surface for r in layer.rejections(doc)] == ["مُحَمَّد علي"]
    project.undo()
    assert [x.surface for x in layer.pending(doc)] == ["مُحَمَّد علي"]


def test_pending_filters_and_merges(project):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي", conf=0.9)
    _suggest(project, doc, "مُحَمَّد علي", recommender="matcher", conf=0.4)
    _suggest(project, doc, "دمشـــق", "GPE", recommender="spacy:mine", conf=0.3)
    layer = SuggestionLayer(project)
    assert [(s.recommender, s.confidence) for s in layer.pending(doc)] == [("crf", 0.9), ("spacy:mine", 0.3)]
    assert [s.label for s in layer.pending(doc, min_confidence=0.5)] == ["PER"]
    assert [s.label for s in layer.pending(doc, label="GPE")] == ["GPE"]
    assert len(layer.pending(doc, merge=False)) == 3
    # another annotator sees none of lina's suggestions
    assert SuggestionLayer(project, "omar").pending(doc) == []


def test_accept_doc_label_and_trigger(project):
    doc = _doc(project)
    layer = SuggestionLayer(project)
    i = TEXT.index("زار")
    layer.replace(doc, "classifier", [Suggestion(doc, "doc_label", "politics", label_set="topic", confidence=0.7)])
    layer.replace(doc, "crf", [Suggestion(doc, "trigger", "Meeting", i, i + 3, "زار", confidence=0.7)])
    layer.accept([s.id for s in layer.pending(doc)])
    assert project.doc_labels(doc) == {"topic": ["politics"]}
    assert [e.type for e in project.events(doc)] == ["Meeting"]
    assert layer.pending(doc) == []
    assert layer.provenance_counts() == {"classifier": 1, "crf": 1}
    project.undo()
    assert project.doc_labels(doc) == {} and project.events(doc) == []
    assert len(layer.pending(doc)) == 2


def test_the_suggestion_layer_is_no_annotator_in_lists_stats_or_reports_until_accepted(project, tmp_path):
    from annotator.report import write_report

    doc = _doc(project)
    project.add_span(doc, "GPE", TEXT.index("دمشـــق"), TEXT.index("دمشـــق") + 6)
    _suggest(project, doc, "مُحَمَّد علي")
    assert project.annotators() == ["lina"]
    assert list(project.stats()["annotators"]) == ["lina"]
    assert [a.name for a in project.annotator_details()] == ["lina"]
    page = write_report(project, tmp_path / "r").read_text(encoding="utf-8")
    assert "accepted suggestions" not in page
    layer = SuggestionLayer(project)
    layer.accept([layer.pending(doc)[0].id])
    page = write_report(project, tmp_path / "r2").read_text(encoding="utf-8")
    assert "Annotations from accepted suggestions" in page
    assert "crf" in page.split("Annotations from accepted suggestions")[1].split("</table>")[0]


def test_a_list_read_earlier_stays_the_pending_one_through_accept_reject_and_undo(project):
    doc = _doc(project)
    _suggest(project, doc, "مُحَمَّد علي")
    _suggest(project, doc, "دمشـــق", "GPE", recommender="matcher")
    _suggest(project, doc, "وزير الخارجية", "OCC", recommender="other")
    layer = SuggestionLayer(project)
    read = layer.pending(doc)
    first, second, _third = read
    steps = [lambda: layer.accept([first.id]), lambda: layer.reject([second.id]), project.undo, project.undo,
             lambda: project.add_span(doc, "ORG", second.start, second.end)]
    for step in steps:
        step()
        assert layer.still_pending(read, doc) == layer.pending(doc)
    assert [s.id for s in layer.still_pending(read, doc)] == [first.id, _third.id]
