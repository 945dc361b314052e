"""Pre-annotating a project, learning from rejections, active learning, the command line."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.store.project import Project
from annotator.store.suggestions import SuggestionLayer
from annotator.suggest import Recommender, Suggester
from tests.suggest.helpers import fill, make_docs


def _new_docs(project, n: int, offset: int = 50) -> list[int]:
    names = {f"new{offset + i}" for i in range(n)}
    project.add_documents([{"text": t, "name": f"new{offset + i}"} for i, (t, _) in enumerate(make_docs(n, offset))])
    return [d.id for d in project.documents(limit=1000) if d.name in names]


def _state(project, docs):
    return [(project.status(d), [(s.label, s.fragments) for s in project.spans(d, every_annotator=True)]) for d in docs]


def test_pre_annotating_changes_no_annotation_and_no_status(project):
    fill(project, 8)
    new = _new_docs(project, 3)
    before = _state(project, new)
    report = Suggester(project, ["matcher", "crf"]).run(min_confidence=0.2)
    assert report.documents == 3 and report.failures == []
    assert report.suggestions["matcher"] > 0 and report.suggestions["crf"] > 0
    assert _state(project, new) == before
    pending = SuggestionLayer(project).pending()
    assert {s.document_id for s in pending} == set(new)
    assert all(s.confidence >= 0.2 for s in pending)
    for s in pending:
        assert project.text(s.document_id)[s.start:s.end] == s.surface


def test_a_rejected_suggestion_is_not_suggested_again_and_counts_against_the_matcher(project):
    fill(project, 6)
    [new] = _new_docs(project, 1)
    suggester = Suggester(project, ["matcher"])
    suggester.run([new])
    layer = SuggestionLayer(project)
    first = layer.pending(new)[0]
    layer.reject([first.id])
    Suggester(project, ["matcher"]).run([new])
    assert first.key not in {s.key for s in layer.pending(new)}
    # the rejection is negative evidence: the same surface elsewhere is less sure now
    project.add_documents([{"text": f"التقى {first.surface} بالصحفيين.", "name": "other"}])
    other = project.find_document(name="other").id
    Suggester(project, ["matcher"]).run([other])
    [again] = [s for s in layer.pending(other) if s.surface == first.surface]
    assert again.label == first.label and again.confidence < first.confidence


class _Crashing(Recommender):
    name = "crashing"
    kinds = ("span",)

    def train(self, docs, context):
        self.trained = True

    def predict(self, document_id, text):
        return [][1]  # a bug: IndexError


def test_a_recommender_that_crashes_is_one_sentence_and_the_others_still_run(project):
    fill(project, 4)
    new = _new_docs(project, 2)
    before = _state(project, new)
    report = Suggester(project, [_Crashing(), "matcher"]).run()
    assert len(report.failures) == 1
    assert report.failures[0].startswith("the crashing recommender failed on document")
    assert "\n" not in report.failures[0] and report.failures[0].endswith("no annotation was changed.")
    assert report.suggestions["matcher"] > 0
    assert _state(project, new) == before


def test_active_learning_orders_sentences_by_margin(project):
    fill(project, 6)
    new = _new_docs(project, 3)
    found = Suggester(project, ["crf"]).next_most_useful(limit=4)
    assert 0 < len(found) <= 4
    assert [u.margin for u in found] == sorted(u.margin for u in found)
    assert all(u.document_id in new for u in found)
    skipped = Suggester(project, ["crf"]).next_most_useful(limit=4, skip=[(found[0].document_id, found[0].start)])
    assert (found[0].document_id, found[0].start) not in {(u.document_id, u.start) for u in skipped}


def test_the_suggest_command(capsys, tmp_path):
    path = tmp_path / "p.annotproj"
    with Project.create(path, annotator="lina") as p:
        fill(p, 6)
        _new_docs(p, 2)
    code = main(["suggest", str(path), "--annotator", "lina", "--recommender", "matcher,crf", "--min-confidence", "0.1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("2 documents pre-annotated:") and "No status changed." in out
    code = main(["suggest", str(path), "--annotator", "lina", "--recommender", "matcher", "--evaluate", "--folds", "3", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    scores = json.loads(out)
    assert scores["matcher"]["folds"] == 3 and scores["matcher"]["f1"] > 0.5
    code = main(["suggest", str(path), "--annotator", "lina", "--next", "2"])
    out, _ = capsys.readouterr()
    assert code == 0 and len(out.strip().splitlines()) == 2
    code = main(["suggest", str(path), "--recommender", "spacy:" + str(tmp_path), "--annotator", "lina"])
    out, err = capsys.readouterr()
    assert code == 1 and "is not a spaCy pipeline folder" in err and "Traceback" not in err
    code = main(["suggest", str(path), "--recommender", "nonsense"])
    _, err = capsys.readouterr()
    assert code == 1 and err.strip().splitlines() == [err.strip()] and "no recommender called 'nonsense'" in err


def test_the_python_example_of_docs_suggestions_runs(tmp_path, monkeypatch, capsys):
    import re

    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "suggestions.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    with Project.create(tmp_path / "news.annotproj", annotator="lina") as p:
        _new_docs(p, 2)  # the example works on the first document: one still to annotate
        fill(p, 6)
    exec(compile(code, "suggestions.md", "exec"), {})
    out = capsys.readouterr().out
    assert "documents pre-annotated" in out
    with Project.open(tmp_path / "news.annotproj", annotator="lina") as p:
        assert SuggestionLayer(p).provenance_counts()  # the accepted ones stayed (only the rejection was undone)


def test_evaluating_an_unannotated_project_is_one_sentence(capsys, tmp_path):
    path = tmp_path / "empty.annotproj"
    with Project.create(path, annotator="lina") as p:
        p.add_documents(["نص بلا توسيم."])
    code = main(["suggest", str(path), "--annotator", "lina", "--evaluate"])
    _, err = capsys.readouterr()
    assert code == 1 and err.strip() == "annotator: error: nothing to evaluate yet: lina has annotated no document of empty.annotproj."


def test_a_superseded_run_stops_between_steps_and_changes_nothing(project):
    import pytest

    from annotator.core.errors import Cancelled

    fill(project, 4)
    new = _new_docs(project, 2)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # after two recommenders have trained

    with pytest.raises(Cancelled):
        Suggester(project, ["matcher", "crf", "classifier"]).run(cancelled=cancelled)
    assert SuggestionLayer(project).pending() == []
    assert _state(project, new) == [("new", []), ("new", [])]


def test_recommenders_below_a_chosen_quality_are_left_out(project):
    fill(project, 6)
    _new_docs(project, 2)
    suggester = Suggester(project, ["matcher", "crf"])
    suggester.run()
    assert {s.recommender for s in SuggestionLayer(project).pending(merge=False)} == {"matcher", "crf"}
    scores = suggester.evaluate(folds=3)
    bar = (scores["matcher"].f1 + scores["crf"].f1) / 2
    if scores["matcher"].f1 == scores["crf"].f1:
        bar = scores["crf"].f1 + 0.01  # both left out
    report = Suggester(project, ["matcher", "crf"]).run(min_quality=bar)
    kept = {name for name, s in scores.items() if s.f1 >= bar}
    assert {s.recommender for s in SuggestionLayer(project).pending(merge=False)} == kept
    assert len(report.warnings) == 2 - len(kept) and "is left out" in report.warnings[0]


def test_label_all_occurrences_across_the_project(project):
    from annotator.suggest.service import occurrences

    project.add_documents(["زار مُحَمَّد علي دمشق.", "وقال لمحمد علي 😀 إن محمد علي عاد.", "لا أحد هنا."])
    a, b, _ = (d.id for d in project.documents())
    t = project.text(a)
    span = project.add_span(a, "PER", t.index("مُحَمَّد علي"), t.index("مُحَمَّد علي") + len("مُحَمَّد علي"))
    tb = project.text(b)
    project.add_span(b, "PER", tb.rindex("محمد علي"), tb.rindex("محمد علي") + 8)  # already labelled: left out
    found = occurrences(project, span)
    assert [(x.document_id, x.surface, x.label) for x in found] == [(b, "لمحمد علي", "PER")]
    assert tb[found[0].start:found[0].end] == found[0].surface
