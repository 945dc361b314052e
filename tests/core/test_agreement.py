"""Agreement measures against values worked out by hand, and against scikit-learn and the
krippendorff package on larger random data."""

from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core import agreement as m
from annotator.core.comparison import DocumentLayers, compare
from annotator.core.model import Annotations, Span, Stance


def test_prf_and_exact_and_overlap_matching_by_hand():
    # a: PER [0,10), GPE [20,25), GPE [30,35);  b: PER [0,4), GPE [20,25), LOC [30,35)
    a = [("PER", ((0, 10),)), ("GPE", ((20, 25),)), ("GPE", ((30, 35),))]
    b = [("PER", ((0, 4),)), ("GPE", ((20, 25),)), ("LOC", ((30, 35),))]
    s = m.span_scores(a, b)
    # exact: only GPE [20,25) is in both: tp 1 of 3 and 3 -> P = R = F1 = 1/3
    assert s["exact"]["overall"] == {"tp": 1, "a": 3, "b": 3, "precision": 1 / 3, "recall": 1 / 3, "f1": 1 / 3}
    # overlap: PER [0,4) lies inside PER [0,10) -> also a match; LOC vs GPE never: tp 2 -> 2/3
    assert s["overlap"]["overall"]["f1"] == pytest.approx(2 / 3)
    # per label, exact: GPE tp 1, a 2, b 1 -> P 1, R 1/2, F1 2/3; LOC: b only -> P 0, R undefined
    assert s["exact"]["labels"]["GPE"] == {"tp": 1, "a": 2, "b": 1, "precision": 1.0, "recall": 0.5, "f1": 2 / 3}
    assert s["exact"]["labels"]["LOC"] == {"tp": 0, "a": 0, "b": 1, "precision": 0.0, "recall": None, "f1": 0.0}
    assert m.prf(0, 0, 0)["f1"] is None


def test_overlap_matching_is_one_to_one_and_maximal():
    # one long span in a overlaps two short ones in b: only one may match it.
    a = [("PER", ((0, 20),)), ("PER", ((5, 8),))]
    b = [("PER", ((5, 8),)), ("PER", ((12, 15),))]
    # greedy a0-b0 would leave a1 unmatched (a1 overlaps only b0); the maximum is 2
    assert m.overlap_matches(a, b) == 2
    assert m.overlap_matches([("PER", ((0, 20),))], b) == 1
    # discontinuous spans overlap only through their fragments
    assert m.overlap_matches([("FAC", ((0, 5), (16, 21)))], [("FAC", ((6, 15),))]) == 0


def test_token_labels_are_bio_free_and_the_longest_span_wins():
    tokens = [(0, 3), (4, 10), (11, 17), (18, 22)]
    spans = [("PER", ((4, 17),)), ("TITLE", ((4, 10),)), ("GPE", ((19, 20),))]
    # token 1 is covered by PER (13 long) and TITLE (6 long): PER; a span touching part
    # of a token labels the whole token
    assert m.token_labels(tokens, spans) == ["O", "PER", "PER", "GPE"]


def test_cohen_kappa_by_hand():
    a = ["O", "PER", "PER", "GPE", "O", "GPE"]
    b = ["O", "PER", "O", "GPE", "O", "LOC"]
    # p_o = 4/6; a: O 2, PER 2, GPE 2; b: O 3, PER 1, GPE 1, LOC 1
    # p_e = (2*3 + 2*1 + 2*1) / 36 = 10/36; kappa = (24/36 - 10/36) / (26/36) = 7/13
    assert m.cohen_kappa(a, b) == pytest.approx(7 / 13)
    # PER against the rest: p_o = 5/6, p_e = (2*1 + 4*5)/36 = 22/36 -> (30-22)/(36-22) = 4/7
    assert m.label_kappas(a, b, ["PER"])["PER"] == pytest.approx(4 / 7)
    assert m.cohen_kappa(["O", "O"], ["O", "O"]) is None  # one category everywhere: undefined
    assert m.cohen_kappa([], []) is None


def test_fleiss_kappa_by_hand():
    rows = [["PER", "PER", "PER"], ["PER", "PER", "O"], ["O", "O", "O"], ["GPE", "O", "PER"]]
    # P_i = sum n_ij (n_ij - 1) / (3 * 2): 1, 2/6, 1, 0 -> P = (7/3) / 4 = 7/12
    # p_j over 12 ratings: PER 6, O 5, GPE 1 -> P_e = (36 + 25 + 1) / 144 = 62/144 = 31/72
    # kappa = (42/72 - 31/72) / (41/72) = 11/41
    assert m.fleiss_kappa(rows) == pytest.approx(11 / 41)
    # with two raters Fleiss' kappa is Scott's pi, close to (not equal to) Cohen's kappa
    assert m.fleiss_kappa([["a", "a"], ["b", "b"]]) == pytest.approx(1.0)


def test_krippendorff_alpha_by_hand():
    # stance units: (AGAINST, AGAINST), (FAVOR, NEUTRAL), (FAVOR, missing)
    units = [["AGAINST", "AGAINST"], ["FAVOR", "NEUTRAL"], ["FAVOR", None]]
    # the third unit has one value: not pairable. Coincidences: o[AG,AG] = 2,
    # o[FA,NE] = o[NE,FA] = 1; n_AG = 2, n_FA = 1, n_NE = 1, n = 4
    # alpha = 1 - (n - 1) * 2 / (2 * (2*1 + 2*1 + 1*1)) = 1 - 3 * 2 / 10 = 0.4
    assert m.krippendorff_alpha(units) == pytest.approx(0.4)
    assert m.krippendorff_alpha([["x", "x"], ["x", None]]) is None  # one value only: undefined


def _alpha_reference(units: list[list], values: list) -> float:
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if u[r] is None else code[u[r]] for u in units] for r in range(len(units[0]))], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kappas_and_alpha_equal_scikit_learn_and_krippendorff_on_random_data(seed):
    rng = random.Random(seed)
    labels = ["O", "O", "O", "PER", "GPE", "ORG", "LOC"]
    a = [rng.choice(labels) for _ in range(2000)]
    b = [x if rng.random() < 0.7 else rng.choice(labels) for x in a]
    assert m.cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    for lab in ("PER", "GPE"):
        ref = cohen_kappa_score([x == lab for x in a], [y == lab for y in b])
        assert m.label_kappas(a, b, [lab])[lab] == pytest.approx(ref, abs=1e-12)
    stance = ["FAVOR", "AGAINST", "NEUTRAL"]
    units = []
    for _ in range(300):
        truth = rng.choice(stance)
        units.append([None if rng.random() < 0.2 else (truth if rng.random() < 0.6 else rng.choice(stance)) for _ in range(4)])
    assert m.krippendorff_alpha(units) == pytest.approx(_alpha_reference(units, stance), abs=1e-12)


def _layer(spans: list[tuple[str, int, int]], stances: list[tuple[str, str]] = (), labels: dict | None = None) -> Annotations:
    return Annotations(spans=[Span(label=lab, fragments=[(s, e)], id=f"{lab}{s}") for lab, s, e in spans],
                       stances=[Stance(label=lab, target_kind="fixed", target=t) for lab, t in stances],
                       doc_labels=labels or {}, status="done")


def test_compare_three_annotators_pairs_fleiss_and_documents():
    text = "زار الرئيس السوري دمشق"
    # tokens: زار [0,3) الرئيس [4,10) السوري [11,17) دمشق [18,22)
    docs = [
        DocumentLayers(1, "one", text, {
            "a": _layer([("PER", 4, 17), ("GPE", 18, 22)]),
            "b": _layer([("PER", 4, 10), ("GPE", 18, 22)]),
            "c": _layer([("GPE", 18, 22)]),
        }),
        DocumentLayers(2, "only a", text, {"a": _layer([("GPE", 18, 22)])}),
    ]
    r = compare(docs, ["a", "b", "c"])
    assert [d["name"] for d in r["documents"]] == ["one"]  # the second has one annotator
    assert [p["annotators"] for p in r["pairs"]] == [["a", "b"], ["a", "c"], ["b", "c"]]
    ab = r["pairs"][0]
    assert ab["spans"]["exact"]["overall"]["f1"] == pytest.approx(0.5)     # GPE only: 2*1/(2+2)
    assert ab["spans"]["overlap"]["overall"]["f1"] == pytest.approx(1.0)   # PER overlaps too
    # tokens a: O PER PER GPE; b: O PER O GPE; c: O O O GPE
    rows = [["O", "O", "O"], ["PER", "PER", "O"], ["PER", "O", "O"], ["GPE", "GPE", "GPE"]]
    # by hand: P_i = 1, 1/3, 1/3, 1 -> P = 2/3; totals O 6, PER 3, GPE 3 of 12
    # P_e = (36 + 9 + 9)/144 = 3/8; kappa = (2/3 - 3/8) / (5/8) = 7/15
    assert r["overall"]["fleiss"]["kappa"] == pytest.approx(7 / 15) == pytest.approx(m.fleiss_kappa(rows))
    assert r["overall"]["fleiss"]["documents"] == [1]
    # pooled exact spans: (a,b) tp 1 of 2 and 2; (a,c) 1 of 2 and 1; (b,c) 1 of 2 and 1
    # -> tp 3, first 6, second 4: F1 = 2*3 / (6 + 4) = 0.6
    assert r["overall"]["spans"]["exact"]["overall"]["f1"] == pytest.approx(0.6)
    assert math.isclose(r["overall"]["tokens"]["cohen_kappa_mean"],
                        sum(p["tokens"]["kappa"] for p in r["pairs"]) / 3)


def _labels_by_rank(tokens, spans):
    """The definition of ``token_labels``: per token, the best-ranked span sharing a character with it."""
    out = []
    for ts, te in tokens:
        covering = [(-(max(e for _, e in f) - min(s for s, _ in f)), min(s for s, _ in f), lab)
                    for lab, f in spans if any(s < te and ts < e for s, e in f)]
        out.append(min(covering)[2] if covering else "O")
    return out


def test_token_labels_and_span_counts_equal_their_definitions_on_random_nested_spans():
    rng = random.Random(8)
    for _ in range(200):
        tokens, pos = [], 0
        for _ in range(rng.randrange(0, 30)):
            pos += rng.randrange(1, 3)
            tokens.append((pos, pos + rng.randrange(1, 6)))
            pos = tokens[-1][1]
        layers = []
        for _ in range(2):
            spans = []
            for _ in range(rng.randrange(0, 12)):
                parts = []
                for _ in range(rng.choice((1, 1, 1, 2))):
                    s = rng.randrange(0, pos + 2)
                    parts.append((s, s + rng.randrange(1, 12)))
                spans.append((rng.choice(("PER", "GPE", "ORG")), tuple(sorted(parts))))
            spans += rng.sample(spans, min(2, len(spans)))  # duplicates
            layers.append(spans)
        for spans in layers:
            assert m.token_labels(tokens, spans) == _labels_by_rank(tokens, spans)
        a, b = layers
        counts = m.span_counts(a, b)
        for lab in {x[0] for x in a + b}:
            la, lb = [x for x in a if x[0] == lab], [y for y in b if y[0] == lab]
            assert counts[lab] == (len(la), len(lb), m.exact_matches(la, lb), m.overlap_matches(la, lb))
        assert list(counts) == sorted(counts)
