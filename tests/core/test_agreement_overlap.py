"""Overlap matching compares only spans in the same stretch of text; it must find exactly
the pairs that comparing every pair finds."""

from __future__ import annotations

import random

from annotator.core import agreement as m


def brute(left, right):
    return [[j for j, r in enumerate(right) if m.overlaps(lf, r)] for lf in left]


def spans(rng: random.Random, n: int) -> list[tuple[tuple[int, int], ...]]:
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            s = rng.randrange(0, 3000)
            parts.append((s, s + rng.choice((0, 1, 3, 10, 63, 64, 65, 200, 900))))
        out.append(tuple(sorted(parts)))
    return out


def test_bucketed_edges_equal_every_pair_compared():
    rng = random.Random(4)
    for _ in range(20):
        left, right = spans(rng, rng.randrange(0, 80)), spans(rng, rng.randrange(0, 80))
        assert m._overlap_edges(left, right) == brute(left, right)
    # touching at the bucket border is not overlapping; sharing its last character is
    assert m._overlap_edges([((0, 64),)], [((64, 70),), ((63, 64),)]) == [[1]]
