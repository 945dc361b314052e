"""Inter-annotator agreement measures (pure Python; no database, no Qt).

The measures, defined precisely in docs/teamwork.md:

- span precision/recall/F1 between two annotators, *exact* (same label and fragments) and
  by *overlap* (same label and at least one shared character; each span matched at most
  once, as many matches as possible);
- token-level Cohen's kappa (each token gets the label of the span covering it, "O" for
  none) and Fleiss' kappa for more than two annotators;
- Krippendorff's alpha (nominal) for stance and document labels, with missing values;
- event trigger F1 (type and trigger) and argument F1 (type, trigger, role and argument).

Undefined values (nothing to compare, or a single category everywhere) are ``None``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

from annotator.core.layers import Frags

OUTSIDE = "O"

SpanItem = tuple[str, Frags]   # (label, fragments)


def prf(tp: int, n_a: int, n_b: int) -> dict[str, Any]:
    """Return counts and precision/recall/F1 of ``b`` against ``a`` (``a`` the reference):
    precision = tp / n_b, recall = tp / n_a, F1 = 2 tp / (n_a + n_b)."""
    return {
        "tp": tp, "a": n_a, "b": n_b,
        "precision": tp / n_b if n_b else None,
        "recall": tp / n_a if n_a else None,
        "f1": 2 * tp / (n_a + n_b) if n_a + n_b else None,
    }


def exact_matches(a: Iterable[Hashable], b: Iterable[Hashable]) -> int:
    """Return how many items of ``a`` and ``b`` are equal, each matched once (multisets)."""
    return sum((Counter(a) & Counter(b)).values())


def overlaps(x: Frags, y: Frags) -> bool:
    """Return True if two fragment lists share at least one character."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in x for s2, e2 in y)


def overlap_matches(a: Sequence[SpanItem], b: Sequence[SpanItem]) -> int:
    """Return the size of a maximum one-to-one matching between ``a`` and ``b`` where a
    pair matches if it has the same label and shares a character (Kuhn's algorithm)."""
    total = 0
    for label in {x[0] for x in a} & {y[0] for y in b}:
        total += _overlap_matching([x[1] for x in a if x[0] == label], [y[1] for y in b if y[0] == label])
    return total


def _overlap_matching(left: Sequence[Frags], right: Sequence[Frags]) -> int:
    """Return the size of a maximum matching of ``left`` and ``right`` (fragments of one
    label) where a pair matches if it shares a character."""
    return _max_matching(_overlap_edges(left, right), len(right))


#: Characters per bucket when looking for overlapping spans.
_BUCKET = 64


def _buckets(fragments: Frags) -> set[int]:
    return {k for s, e in fragments for k in range(s // _BUCKET, max(s, e - 1) // _BUCKET + 1)}


def _overlap_edges(left: Sequence[Frags], right: Sequence[Frags]) -> list[list[int]]:
    """Return, for each item of ``left``, the indexes of the items of ``right`` sharing a
    character with it, in order.  Only items in the same stretches of text are compared
    (buckets of ``_BUCKET`` characters): comparing every pair took minutes on a document
    of 30,000 spans."""
    where: dict[int, list[int]] = {}
    for j, r in enumerate(right):
        for k in _buckets(r):
            where.setdefault(k, []).append(j)
    return [[j for j in sorted({j for k in _buckets(lf) for j in where.get(k, ())}) if overlaps(lf, right[j])]
            for lf in left]


def _max_matching(edges: list[list[int]], n_right: int) -> int:
    """Return the size of a maximum matching of a bipartite graph (left i -> edges[i])."""
    owner: list[int | None] = [None] * n_right
    return sum(1 for i in range(len(edges)) if _augment(i, edges, owner, set()))


def _augment(i: int, edges: list[list[int]], owner: list[int | None], seen: set[int]) -> bool:
    """Find an augmenting path from left ``i`` (a module function, not a closure calling
    itself: that would make a reference cycle per matching)."""
    for j in edges[i]:
        if j not in seen:
            seen.add(j)
            held = owner[j]
            if held is None or _augment(held, edges, owner, seen):
                owner[j] = i
                return True
    return False


def span_counts(a: Sequence[SpanItem], b: Sequence[SpanItem]) -> dict[str, tuple[int, int, int, int]]:
    """Return ``{label: (spans of a, spans of b, exact matches, overlap matches)}`` for
    every label of ``a`` or ``b``, in alphabetical order: what ``span_scores`` reports.

    Exact matches are counted over all labels at once (a span's label is part of what
    must be equal); overlap matching runs only for the labels where the exact matches do
    not already pair every span of the smaller side (no matching can be larger)."""
    n_a = Counter([x[0] for x in a])
    n_b = Counter([y[0] for y in b])
    exact: Counter[str] = Counter()
    if n_a and n_b:
        for (label, _), k in (Counter(a) & Counter(b)).items():
            exact[label] += k
    out = {}
    for label in sorted(n_a.keys() | n_b.keys()):
        la, lb, tp = n_a[label], n_b[label], exact[label]
        if tp == min(la, lb):  # identical spans overlap; this also covers a label one side lacks
            out[label] = (la, lb, tp, tp)
        else:
            out[label] = (la, lb, tp, _overlap_matching([x[1] for x in a if x[0] == label],
                                                        [y[1] for y in b if y[0] == label]))
    return out


def span_scores(a: Sequence[SpanItem], b: Sequence[SpanItem], labels: Iterable[str] | None = None) -> dict[str, Any]:
    """Return ``{"exact"|"overlap": {"overall": prf, "labels": {label: prf}}}``."""
    counts = span_counts(a, b)
    shown = sorted(set(labels)) if labels is not None else list(counts)
    out: dict[str, Any] = {}
    for mode, k in (("exact", 2), ("overlap", 3)):
        per = {}
        for lab in shown:
            c = counts.get(lab)
            per[lab] = prf(c[k], c[0], c[1]) if c else prf(0, 0, 0)
        out[mode] = {"overall": prf(sum(p["tp"] for p in per.values()), len(a), len(b)), "labels": per}
    return out


def add_prf(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """Return ``total`` plus ``part`` (both ``prf`` dicts), recomputing the ratios."""
    return prf(total["tp"] + part["tp"], total["a"] + part["a"], total["b"] + part["b"])


# -- tokens --------------------------------------------------------------------------------


def token_labels(tokens: Sequence[tuple[int, int]], spans: Iterable[SpanItem]) -> list[str]:
    """Label each token with the span covering it (sharing a character with one of its
    fragments), ``"O"`` for none.  Where spans nest or overlap, the longest wins (then the
    earliest, then the label's alphabetical order): BIO-free, one label per token.
    ``tokens`` are in text order and do not overlap (as ``annotator.core.text.tokens`` gives)."""
    return label_tokens([s for s, _ in tokens], [e for _, e in tokens], spans)


def label_tokens(starts: Sequence[int], ends: Sequence[int], spans: Iterable[SpanItem]) -> list[str]:
    """``token_labels`` of the tokens ``(starts[i], ends[i])``, for callers that label
    the same tokens for several annotators.  Spans are taken best first (longest, earliest,
    label), so a token keeps the first label it gets."""
    ranked: list[tuple[int, int, str, Frags]] = []
    for label, fragments in spans:
        if len(fragments) == 1:
            (s, e), = fragments
            ranked.append((s - e, s, label, fragments))
        else:
            s = min(f[0] for f in fragments)
            ranked.append((s - max(f[1] for f in fragments), s, label, fragments))
    n = len(starts)
    out = [OUTSIDE] * n
    if not ranked:
        return out
    taken = bytearray(n)
    ranked.sort()  # on equal rank the label is the same, whichever comes first
    for _, _, label, fragments in ranked:
        for fs, fe in fragments:
            i = bisect_right(ends, fs)  # the first token ending after fs
            while i < n and starts[i] < fe:
                if not taken[i]:
                    taken[i] = 1
                    out[i] = label
                i += 1
    return out



def cohen_kappa(x: Sequence[Hashable], y: Sequence[Hashable]) -> float | None:
    """Return Cohen's kappa of two raters' labels for the same items:
    (p_o - p_e) / (1 - p_e) with p_e = sum over categories of p_x(c) * p_y(c)."""
    if len(x) != len(y):
        raise ValueError("both raters must label the same items")
    n = len(x)
    if n == 0:
        return None
    p_o = sum(1 for a, b in zip(x, y, strict=True) if a == b) / n
    cx, cy = Counter(x), Counter(y)
    p_e = sum(cx[c] * cy[c] for c in cx) / (n * n)
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def kappa_of_pairs(pairs: Mapping[tuple[Any, Any], int]) -> float | None:
    """Return Cohen's kappa from the counts of ``(x label, y label)`` pairs: the same as
    ``cohen_kappa`` over the items, without holding them."""
    n = sum(pairs.values())
    if n == 0:
        return None
    cx: Counter[Hashable] = Counter()
    cy: Counter[Hashable] = Counter()
    same = 0
    for (a, b), k in pairs.items():
        cx[a] += k
        cy[b] += k
        if a == b:
            same += k
    p_e = sum(cx[c] * cy[c] for c in cx) / (n * n)
    return None if p_e == 1 else (same / n - p_e) / (1 - p_e)


def label_kappas_of_pairs(pairs: Counter[tuple[str, str]], labels: Iterable[str]) -> dict[str, float | None]:
    """Return ``label_kappas`` from the counts of ``(x label, y label)`` pairs."""
    out = {}
    for lab in labels:
        binary: Counter[tuple[Hashable, Hashable]] = Counter()
        for (a, b), k in pairs.items():
            binary[a == lab, b == lab] += k
        out[lab] = kappa_of_pairs(binary)
    return out


class FleissCounts:
    """Fleiss' kappa accumulated item by item (overall and per label against the rest),
    so that the items need not be held: ``add(row)`` then ``kappa()`` / ``label_kappa()``."""

    def __init__(self) -> None:
        self.n = 0
        self.m = 0
        self.agree = 0.0
        self.totals: Counter[Hashable] = Counter()
        # per label, over the items where it occurs: (items, sum of n_ij (n_ij - 1) terms, ratings)
        self.labels: dict[Hashable, list[float]] = {}

    def add(self, row: Sequence[Hashable]) -> None:
        m = self.m = len(row)
        counts = Counter(row)
        self.n += 1
        self.totals.update(counts)
        norm = m * (m - 1)
        self.agree += sum(c * (c - 1) for c in counts.values()) / norm
        for lab, c in counts.items():
            acc = self.labels.setdefault(lab, [0, 0.0, 0])
            acc[0] += 1
            acc[1] += (c * (c - 1) + (m - c) * (m - c - 1)) / norm
            acc[2] += c

    def kappa(self) -> float | None:
        if not self.n:
            return None
        p_e = sum((t / (self.n * self.m)) ** 2 for t in self.totals.values())
        return None if p_e == 1 else (self.agree / self.n - p_e) / (1 - p_e)

    def label_kappa(self, label: Hashable) -> float | None:
        """Fleiss' kappa of ``label`` against every other label (a binary rating)."""
        if not self.n:
            return None
        items, agree, ratings = self.labels.get(label, [0, 0.0, 0])
        agree += self.n - items  # items without the label: every rater agrees on "not it"
        p = ratings / (self.n * self.m)
        p_e = p * p + (1 - p) * (1 - p)
        return None if p_e == 1 else (agree / self.n - p_e) / (1 - p_e)


def label_kappas(x: Sequence[str], y: Sequence[str], labels: Iterable[str]) -> dict[str, float | None]:
    """Return Cohen's kappa per label, each label against everything else (binary)."""
    return {lab: cohen_kappa([a == lab for a in x], [b == lab for b in y]) for lab in labels}


def fleiss_kappa(ratings: Sequence[Sequence[Hashable]]) -> float | None:
    """Return Fleiss' kappa for items each labelled by the same number m >= 2 of raters
    (``ratings[i]`` holds item i's m labels): (P - P_e) / (1 - P_e), with P the mean
    over items of sum_j n_ij (n_ij - 1) / (m (m - 1)) and P_e = sum_j p_j^2."""
    if not ratings:
        return None
    m = len(ratings[0])
    if m < 2 or any(len(r) != m for r in ratings):
        raise ValueError("every item needs the same number (two or more) of ratings")
    n = len(ratings)
    totals: Counter[Hashable] = Counter()
    agree = 0.0
    for row in ratings:
        counts = Counter(row)
        totals.update(counts)
        agree += sum(c * (c - 1) for c in counts.values()) / (m * (m - 1))
    p_bar = agree / n
    p_e = sum((t / (n * m)) ** 2 for t in totals.values())
    return None if p_e == 1 else (p_bar - p_e) / (1 - p_e)


def krippendorff_alpha(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Return Krippendorff's alpha (nominal) for units rated by several raters, ``None``
    marking a missing value: 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c n_k, from the
    coincidence matrix o (units with fewer than two values are not pairable)."""
    o: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                o[c, k] += (nc * (nk - (c == k))) / (m - 1)
    n_c: dict[Hashable, float] = defaultdict(float)
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    disagree = sum(v for (c, k), v in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * disagree / expected
