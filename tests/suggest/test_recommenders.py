"""The recommenders learn from a few documents and suggest on new ones, offsets exact."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.suggest import Suggester
from annotator.suggest.base import Context, TrainingDoc
from annotator.suggest.crf import CrfTagger
from annotator.suggest.matcher import StringMatcher, read_gazetteer
from annotator.suggest.plugins import SpacyModel, TransformersModel
from tests.suggest.helpers import fill, make_docs

CTX = Context(entity_labels=("PER", "GPE", "ORG"), event_types=("Meeting",))


def _training(n: int) -> list[TrainingDoc]:
    return [TrainingDoc(i, t, spans, done=True) for i, (t, spans) in enumerate(make_docs(n))]


def test_the_crf_finds_a_repeated_name_in_a_new_document():
    crf = CrfTagger()
    crf.train(_training(12), CTX)
    text = "وقال سارة خليل إن وزارة الصحة ستفتح مكتبا في بغداد 😀 قريبا."
    got = {(s.label, s.surface) for s in crf.predict(99, text)}
    assert {("PER", "سارة خليل"), ("ORG", "وزارة الصحة"), ("GPE", "بغداد")} <= got
    assert all(text[s.start:s.end] == s.surface for s in crf.predict(99, text))
    assert all(0 < s.confidence <= 1 and s.margin is not None for s in crf.predict(99, text))


def test_the_crf_learns_nested_entities_level_by_level():
    text = "زار وفد جامعة دمشق المدينة أمس.\n"
    inner = text.index("دمشق")
    outer = text.index("جامعة دمشق")
    docs = [TrainingDoc(i, text, [(outer, outer + len("جامعة دمشق"), "ORG"), (inner, inner + 4, "GPE")], done=True)
            for i in range(6)]
    crf = CrfTagger()
    crf.train(docs, CTX)
    got = {(s.label, s.surface) for s in crf.predict(1, "التقى وفد جامعة دمشق المدينة أمس.")}
    assert {("ORG", "جامعة دمشق"), ("GPE", "دمشق")} <= got


def test_the_matcher_matches_through_diacritics_tatweel_hamza_persian_and_clitics():
    text = "زار محمد علي دمشق."
    m = StringMatcher()
    m.train([TrainingDoc(1, text, [(4, 12, "PER"), (13, 17, "GPE")]),
             TrainingDoc(2, "أكد الأمم المتحدة.", [(4, 17, "ORG")])], CTX)
    new = "وصل مُحَمَّد علـــي إلى بدمشق ثم والامم المتحده لا، ثم ﻣﺤﻤﺪ علی 👍"
    got = [(s.label, s.surface) for s in m.predict(5, new)]
    assert ("PER", "مُحَمَّد علـــي") in got
    assert ("GPE", "بدمشق") in got
    assert ("PER", "ﻣﺤﻤﺪ علی") in got
    assert all(new[s.start:s.end] == s.surface for s in m.predict(5, new))


def test_the_matcher_prefers_the_longest_match_and_respects_the_split_policy():
    m = StringMatcher()
    docs = [TrainingDoc(1, "الولايات المتحدة والولايات", [(0, 16, "GPE"), (17, 26, "MISC")])]
    m.train(docs, Context(entity_labels=("GPE", "MISC"), clitics="split"))
    got = [(s.label, s.surface) for s in m.predict(2, "قالت والولايات المتحدة")]
    assert got == [("GPE", "الولايات المتحدة")]


def test_unlabelled_occurrences_and_rejections_lower_the_matchers_confidence():
    text = "عمان عمان عمان عمان"
    m = StringMatcher()
    m.train([TrainingDoc(1, text, [(0, 4, "GPE")])], CTX)
    low = m.predict(2, "عمان")[0].confidence
    m.train([TrainingDoc(1, "عمان", [(0, 4, "GPE")])], CTX)
    assert m.predict(2, "عمان")[0].confidence > low


def test_a_gazetteer_with_bad_lines_is_read_with_warnings(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text("# people\nمحمد علي\tPER\nno tab here\nدمشق\tCITY\nالقاهرة\tGPE\n\n", encoding="utf-8")
    entries, warnings = read_gazetteer(path, ["PER", "GPE"])
    assert entries == {"محمد علي": "PER", "القاهرة": "GPE"}
    assert len(warnings) == 2 and "line 3" in warnings[0] and "line 4" in warnings[1]
    m = StringMatcher(path)
    m.train([], CTX)
    assert [s.surface for s in m.predict(1, "في القاهرة")] == ["القاهرة"]


def test_a_missing_gazetteer_is_one_sentence(tmp_path):
    with pytest.raises(InputError, match="none.tsv: no such file"):
        read_gazetteer(tmp_path / "none.tsv")


def test_the_classifier_suggests_document_labels_and_stances(project):
    texts = {"military": ["قصفت الطائرات مواقع عسكرية وقتل جنود في الهجوم", "انسحبت القوات العسكرية من القاعدة بعد المعارك"],
             "economy": ["ارتفعت أسعار النفط وتراجعت البورصة والأسهم", "نما الاقتصاد وزادت الصادرات والاستثمار"]}
    project.add_documents([{"text": t, "name": f"{k}{i}"} for k, ts in texts.items() for i, t in enumerate(ts * 2)])
    for info in project.documents():
        label = "military" if info.name.startswith("military") else "economy"
        project.set_doc_labels(info.id, "reliability", ["high" if label == "military" else "low"])
        project.add_stance(info.id, "AGAINST" if label == "military" else "FAVOR", "Syrian government")
        project.set_status(info.id, "done")
    project.add_documents([{"text": "قتل جنود في هجوم على القاعدة العسكرية", "name": "new"}])
    new = project.documents(name="new")[0].id
    report = Suggester(project, ["classifier"]).run([new])
    assert report.failures == []
    from annotator.store.suggestions import SuggestionLayer

    got = {(s.kind, s.label_set, s.label) for s in SuggestionLayer(project).pending(new)}
    assert ("doc_label", "reliability", "high") in got
    assert ("stance", "Syrian government", "AGAINST") in got


def test_a_blank_spacy_pipeline_built_here_is_a_recommender(tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "دمشق"}, {"label": "PLANET", "pattern": "المريخ"}])
    nlp.to_disk(tmp_path / "mine")
    model = SpacyModel(tmp_path / "mine")
    model.train([], CTX)
    text = "سافر إلى دمشق ثم المريخ 🚀"
    got = model.predict(1, text)
    assert [(s.label, s.surface) for s in got] == [("GPE", "دمشق")]  # PLANET is not in the scheme
    assert text[got[0].start:got[0].end] == "دمشق"


def test_a_folder_that_is_not_a_model_is_one_sentence(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "readme.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="is not a spaCy pipeline folder"):
        SpacyModel(tmp_path / "junk").train([], CTX)
    with pytest.raises(InputError, match="not a token-classification model folder"):
        TransformersModel(tmp_path / "junk").train([], CTX)
    with pytest.raises(InputError, match="never downloads"):
        SpacyModel("xx_no_such_pipeline").train([], CTX)


def test_cross_validation_reports_real_scores(project):
    fill(project, 10)
    scores = Suggester(project, ["matcher", "crf"]).evaluate(folds=3)
    assert set(scores) == {"matcher", "crf"}
    for s in scores.values():
        assert s.folds == 3 and s.documents == 10 and s.gold > 0
        assert 0.5 < s.f1 <= 1.0
    assert project.get_setting("suggest_quality")["crf"]["f1"] == round(scores["crf"].f1, 4)


def test_the_crf_learns_only_the_labelled_sentences_of_an_unfinished_document():
    done = _training(10)
    sentence = "قال ليلى يوسف إن البنك الدولي سيفتح مكتبا في عمّان."
    text = "\n".join(["وصل محمد علي إلى دمشق أمس."] + [sentence] * 60)
    i = text.index("محمد علي")
    partial = TrainingDoc(99, text, [(i, i + len("محمد علي"), "PER")], done=False)  # one span so far
    crf = CrfTagger()
    crf.train([*done, partial], CTX)
    got = {(s.label, s.surface) for s in crf.predict(1, "و" + sentence)}
    assert {("PER", "ليلى يوسف"), ("ORG", "البنك الدولي")} <= got


def test_a_sentence_finds_its_spans_by_bisection_exactly_as_by_a_scan():
    """The CRF looks up each sentence's spans in an index (a scan per sentence took minutes
    on a 5 MB document); it must find the same spans, in the same order."""
    import random

    from annotator.suggest import crf

    rng = random.Random(5)
    for _ in range(50):
        spans = []
        for _ in range(rng.randrange(64, 400)):
            s = rng.randrange(0, 2000)
            spans.append((s, s + rng.randrange(1, 40), rng.choice("ABC")))
        for _ in range(20):
            lo = rng.randrange(0, 2000)
            toks = [(lo, lo + 3), (lo + 4, lo + rng.randrange(5, 60))]
            hi = toks[-1][1]
            assert crf._within(spans, toks) == [x for x in spans if x[0] < hi and x[1] > lo]
