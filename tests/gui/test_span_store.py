"""The span store behind the view and the annotation list: position queries, text order
and nesting levels agree with brute force on random spans."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.gui.text.span_store import BUCKET, SpanStore, nesting_levels

fragments = st.lists(
    st.tuples(st.integers(0, 5 * BUCKET), st.integers(1, 2 * BUCKET)).map(lambda t: (t[0], t[0] + t[1])),
    min_size=1, max_size=3,
).filter(lambda fs: all(a[1] <= b[0] for a, b in zip(sorted(fs), sorted(fs)[1:], strict=False)))


def brute_overlapping(spans: dict[int, tuple], start: int, end: int) -> set[int]:
    return {sid for sid, (_, frags) in spans.items() if any(s < end and start < e for s, e in frags)}


@settings(max_examples=60, deadline=None)
@given(st.lists(fragments, min_size=1, max_size=40), st.integers(0, 6 * BUCKET), st.integers(1, 3 * BUCKET),
       st.randoms(use_true_random=False))
def test_queries_match_brute_force_through_adds_and_removes(frag_lists, qstart, qlen, rnd):
    spans = {i + 1: (rnd.choice("ABC"), tuple(sorted(f))) for i, f in enumerate(frag_lists)}
    store = SpanStore()
    for sid, (label, frags) in spans.items():
        store.add(sid, label, frags)
    for sid in rnd.sample(sorted(spans), k=len(spans) // 3):
        store.remove(sid)
        del spans[sid]
    assert {it.id for it in store.overlapping(qstart, qstart + qlen)} == brute_overlapping(spans, qstart, qstart + qlen)
    assert {it.id for it in store.at(qstart)} == brute_overlapping(spans, qstart, qstart + 1)
    expected_order = sorted((frags[0][0], max(e for _, e in frags), sid) for sid, (_, frags) in spans.items())
    assert [it.key for it in store.items()] == expected_order
    for row, key in enumerate(expected_order):
        assert store.row_of(key[2]) == row and store.item_at_row(row).id == key[2]


def test_built_in_one_go_equals_built_by_adds():
    rng = random.Random(4)
    rows = []
    for sid in range(1, 300):
        s = rng.randrange(20_000)
        rows.append((sid, rng.choice("XYZ"), ((s, s + rng.randrange(1, 400)),)))
    one_go = SpanStore(rows)
    by_adds = SpanStore()
    for sid, label, frags in reversed(rows):
        by_adds.add(sid, label, frags)
    assert [it.key for it in one_go.items()] == [it.key for it in by_adds.items()]
    assert [it.id for it in one_go.overlapping(5_000, 9_000)] == [it.id for it in by_adds.overlapping(5_000, 9_000)]


def test_relabel_keeps_the_row_and_changes_the_label():
    store = SpanStore([(1, "PER", ((0, 5),)), (2, "ORG", ((3, 9),))])
    assert store.relabel(2, "GPE") == 1
    assert store.get(2).label == "GPE" and store.row_of(2) == 1


def test_nesting_levels_never_share_a_level_between_overlapping_spans():
    rng = random.Random(9)
    store = SpanStore()
    for sid in range(1, 120):
        s = rng.randrange(2_000)
        store.add(sid, "L", ((s, s + rng.randrange(1, 300)),))
    items = store.overlapping(0, 3_000)
    levels = nesting_levels(items)
    for a in items:
        for b in items:
            if a.id < b.id and a.start < b.end and b.start < a.end:
                assert levels[a.id] != levels[b.id]


def test_outer_span_gets_the_outer_level():
    store = SpanStore([(1, "FAC", ((0, 30),)), (2, "GPE", ((6, 13),)), (3, "GPE", ((17, 30),)), (4, "LOC", ((40, 50),))])
    levels = nesting_levels(store.overlapping(0, 60))
    assert levels == {1: 0, 2: 1, 3: 1, 4: 0}
