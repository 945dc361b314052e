"""Agreement through the Project on a larger case: the sentences of the news article
annotated at random by three annotators, checked against scikit-learn's
``cohen_kappa_score`` and ``krippendorff.alpha`` computed from the same random choices
(not from annotator's own token labels)."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.errors import ProjectError
from annotator.core.model import Annotations, Document, Span, Stance
from annotator.core.text import sentences, tokens

LABELS = ["O", "O", "O", "O", "PER", "ORG", "GPE", "LOC"]
TARGETS = ["US withdrawal from Syria", "SDF integration into the Syrian state", "Syrian government"]
STANCES = ["FAVOR", "AGAINST", "NEUTRAL"]
RELIABILITY = ["high", "medium", "low"]
NAMES = ["lina", "omar", "sara"]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """A project and the random choices behind it: per document and annotator the label
    of every token, the stance per target (None: no stance) and the reliability label."""
    from annotator.store.project import Project
    from tests.conftest import NEWS

    text = NEWS.read_text(encoding="utf-8")
    texts = [text[s:e] for s, e in sentences(text)]
    rng = random.Random(11)
    truth: dict[int, dict[str, dict]] = {}
    docs = []
    for i, t in enumerate(texts):
        toks = tokens(t)
        base = [rng.choice(LABELS) for _ in toks]
        who = NAMES if i % 3 else NAMES[:2]            # sara annotated two documents in three
        choices = {}
        for name in who:
            labels = [x if rng.random() < 0.75 else rng.choice(LABELS) for x in base]
            stance = {tg: (None if rng.random() < 0.25 else rng.choice(STANCES)) for tg in TARGETS}
            rel = rng.choice(RELIABILITY)
            choices[name] = {"tokens": labels, "stance": stance, "reliability": rel}
        truth[i] = choices
        docs.append(Document(text=t, name=f"s{i}", annotations={
            name: Annotations(
                spans=[Span(label=lab, fragments=[tok], id=k) for k, (tok, lab) in enumerate(zip(toks, c["tokens"], strict=True))
                       if lab != "O"],
                stances=[Stance(label=lab, target_kind="fixed", target=tg) for tg, lab in c["stance"].items() if lab],
                doc_labels={"reliability": [c["reliability"]]}, status="done")
            for name, c in choices.items()}))
    path = tmp_path_factory.mktemp("agreement") / "p.annotproj"
    with Project.create(path, annotator="lead") as p:
        p.add_documents(docs)
        result = p.agreement()
    return truth, result


def _alpha(rows: list[list]) -> float:
    values = sorted({v for r in rows for v in r if v is not None})
    data = np.array([[np.nan if r[k] is None else values.index(r[k]) for r in rows] for k in range(len(rows[0]))], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


def test_token_kappa_of_every_pair_equals_scikit_learn(case):
    truth, result = case
    assert result["annotators"] == NAMES
    assert [d["id"] - 1 for d in result["documents"]] == list(truth)  # every document has two or more
    for pair in result["pairs"]:
        a, b = pair["annotators"]
        docs = [i for i, c in truth.items() if a in c and b in c]
        ya = [x for i in docs for x in truth[i][a]["tokens"]]
        yb = [x for i in docs for x in truth[i][b]["tokens"]]
        assert pair["tokens"]["count"] == len(ya) > 500
        assert pair["tokens"]["kappa"] == pytest.approx(cohen_kappa_score(ya, yb), abs=1e-12)
        for lab in ("PER", "GPE"):
            ref = cohen_kappa_score([x == lab for x in ya], [y == lab for y in yb])
            assert pair["tokens"]["labels"][lab] == pytest.approx(ref, abs=1e-12)


def test_stance_and_document_label_alpha_equal_krippendorff(case):
    truth, result = case
    stance_rows, rel_rows = [], []
    for c in truth.values():
        for tg in TARGETS:
            row = [c[n]["stance"][tg] if n in c else None for n in NAMES]
            if any(v is not None for v in row):
                stance_rows.append(row)
        rel_rows.append([c[n]["reliability"] if n in c else None for n in NAMES])
    assert result["overall"]["stance"]["alpha"] == pytest.approx(_alpha(stance_rows), abs=1e-12)
    assert result["overall"]["doc_labels"]["reliability"]["alpha"] == pytest.approx(_alpha(rel_rows), abs=1e-12)
    lina_omar = result["pairs"][0]
    pair_rows = [[r[0], r[1]] for r in stance_rows if r[0] is not None or r[1] is not None]
    assert lina_omar["stance"]["alpha"] == pytest.approx(_alpha(pair_rows), abs=1e-12)


def test_fleiss_counts_only_documents_all_three_annotated(case):
    truth, result = case
    fleiss = result["overall"]["fleiss"]
    assert len(fleiss["documents"]) == sum(1 for c in truth.values() if len(c) == 3)
    assert -1 <= fleiss["kappa"] <= 1
    # the spans were single tokens at random: exact and overlap agreement coincide
    overall = result["overall"]["spans"]
    assert overall["exact"]["overall"] == overall["overlap"]["overall"]


def test_agreement_refuses_unknown_or_too_few_annotators(project):
    doc = project.add_documents(["زار الرئيس دمشق"]).added[0]
    project.add_span(doc, "GPE", 11, 15)
    with pytest.raises(ProjectError, match="fewer than two annotators with annotated documents"):
        project.agreement()
    with pytest.raises(ProjectError, match="no annotator called 'nobody'"):
        project.agreement(["lina", "nobody"])
