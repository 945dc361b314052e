"""The CRF tagger (python-crfsuite): entities and event triggers learnt from the layer.

Tokens are words with their clitics attached (as ANERcorp, AQMAR and Wojood tag them);
features are Arabic-aware: the normalised form, the form without proclitics (و ف ب ك ل
and ال), prefixes and suffixes, character trigrams, shape, and the same for the
neighbours.  Nested entities are learnt one level at a time (level 0 the outermost
spans, level 1 the spans inside them, ...), each level a model that also sees the tag
of the level above; triggers have a model of their own.  A span's confidence is the
lowest marginal probability of its tags; its margin (for active learning) the smallest
gap between a token's best and second-best tag.
"""

from __future__ import annotations

import os
import tempfile
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import pycrfsuite

from annotator.core import text as textmod
from annotator.store.suggestions import Suggestion
from annotator.suggest.base import (
    Context,
    Recommender,
    TrainingDoc,
    norm,
    sentence_tokens,
    strip_proclitic,
)

_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")

Tokens = list[tuple[int, int]]


def stem(w: str) -> str:
    """Return ``w`` (normalised) without a leading conjunction, preposition or article."""
    for p in _PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 2:
            return w[len(p):]
    return w


def _shape(w: str) -> str:
    out = []
    for ch in w:
        c = "d" if ch.isdigit() else "a" if "\u0600" <= ch <= "\u06ff" else "L" if ch.isupper() else "l" if ch.isalpha() else "p"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def token_features(text: str, toks: Tokens) -> list[dict[str, Any]]:
    """Return the features of every token of one sentence."""
    raw = [text[s:e] for s, e in toks]
    words = [norm(w) for w in raw]
    stems = [stem(w) for w in words]
    feats = []
    for i, w in enumerate(words):
        st = stems[i]
        f: dict[str, Any] = {
            "bias": 1.0, "w": w, "stem": st, "shape": _shape(w), "len": min(len(st), 8),
            "p2": st[:2], "p3": st[:3], "s1": st[-1:], "s2": st[-2:], "s3": st[-3:],
            "clitic": w[: len(w) - len(st)], "digit": w.isdigit(),
            "diac": any(c in textmod.DIACRITICS for c in raw[i]),
        }
        for k in range(len(st) - 2):
            f[f"g3={st[k:k + 3]}"] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(words):
                f[f"{off}:w"] = words[j]
                f[f"{off}:stem"] = stems[j]
                if abs(off) == 1:
                    f[f"{off}:s2"] = stems[j][-2:]
                    f[f"{off}:shape"] = _shape(words[j])
            else:
                f[f"{off}:edge"] = 1.0
        feats.append(f)
    return feats


def bio(toks: Tokens, spans: list[tuple[int, int, str]]) -> list[str]:
    """Tag tokens with non-overlapping spans (a token inside or overlapping a span)."""
    tags = ["O"] * len(toks)
    for s, e, label in spans:
        inside = [i for i, (ts, te) in enumerate(toks) if ts < e and te > s]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + label
    return tags


def levels(spans: list[tuple[int, int, str]], depth: int) -> list[list[tuple[int, int, str]]]:
    """Split spans into at most ``depth`` levels of non-overlapping spans, outer first."""
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(depth)]
    for s, e, label in sorted(set(spans), key=lambda x: (x[0], -(x[1] - x[0]), x[2])):
        for level in out:
            if all(e <= ls or s >= le for ls, le, _ in level):
                level.append((s, e, label))
                break
    return out


def decode(toks: Tokens, tags: list[str]) -> list[tuple[int, int, str, int, int]]:
    """Return ``(start, end, label, first token, last token + 1)`` of each tagged span."""
    out = []
    i = 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        label = tags[i][2:]
        j = i + 1
        while j < len(tags) and tags[j] == "I-" + label:
            j += 1
        out.append((toks[i][0], toks[j - 1][1], label, i, j))
        i = j
    return out


class CrfTagger(Recommender):
    """Suggest entities (nested, level by level) and event triggers with CRFs."""

    name = "crf"
    kinds = ("span", "trigger")

    def __init__(self, depth: int = 2, iterations: int = 60, c1: float = 0.05, c2: float = 0.01) -> None:
        super().__init__()
        self.depth = depth
        self.iterations = iterations
        self.c1, self.c2 = c1, c2
        self._m_models: dict[str, bytes] = {}

    # -- training ----------------------------------------------------------------------

    def train(self, docs: Sequence[TrainingDoc], context: Context) -> None:
        self.context = context
        models: dict[str, bytes] = {}
        sents = [(d, toks) for d in docs for toks in sentence_tokens(d.text) if d.done or _labelled(d, toks)]
        sents = _within_budget(sents, MAX_TRAIN_TOKENS)
        for level in range(self.depth):
            seqs = []
            for d, toks in sents:
                lv = levels(_within(d.spans, toks), self.depth)
                tags = bio(toks, lv[level])
                outer = bio(toks, lv[level - 1]) if level else None
                seqs.append((self._features(d.text, toks, outer), tags))
            if any(t != "O" for _, tags in seqs for t in tags):
                models[f"level{level}"] = self._fit(seqs)
        seqs = [(self._features(d.text, toks, None), bio(toks, levels(_within(d.triggers, toks), 1)[0]))
                for d, toks in sents]
        if any(t != "O" for _, tags in seqs for t in tags):
            models["triggers"] = self._fit(seqs)
        self._m_models = models
        self.trained = True

    def _features(self, text: str, toks: Tokens, outer: list[str] | None) -> list[dict[str, Any]]:
        feats = token_features(text, toks)
        if outer is not None:
            for f, tag in zip(feats, outer, strict=True):
                f["outer"] = tag
        return feats

    def _fit(self, seqs: list[tuple[list[dict[str, Any]], list[str]]]) -> bytes:
        trainer = pycrfsuite.Trainer(verbose=False)
        for x, y in seqs:
            trainer.append(x, y)
        trainer.set_params({"c1": self.c1, "c2": self.c2, "max_iterations": self.iterations,
                            "feature.possible_transitions": True})
        fd, path = tempfile.mkstemp(suffix=".crfsuite")
        os.close(fd)
        try:
            trainer.train(path)
            with open(path, "rb") as fh:
                return fh.read()
        finally:
            os.unlink(path)

    # -- predicting --------------------------------------------------------------------

    def _tagger(self, key: str) -> pycrfsuite.Tagger | None:
        blob = self._m_models.get(key)
        if blob is None:
            return None
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(blob)
        return tagger

    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        out = []
        events = set(self.context.event_types)
        for kind, s, e, label, conf, margin in self.tag(text):
            if kind == "span" and label in events:
                continue
            s = strip_proclitic(text, s, e, self.context.clitics)
            out.append(Suggestion(document_id, kind, label, s, e, text[s:e], recommender=self.name,
                                  confidence=round(conf, 4), margin=round(margin, 4)))
        return out

    def tag(self, text: str) -> list[tuple[str, int, int, str, float, float]]:
        """Return ``(kind, start, end, label, confidence, margin)`` of every tagged span."""
        out = []
        entity = [self._tagger(f"level{k}") for k in range(self.depth)]
        trigger = self._tagger("triggers")
        for toks in sentence_tokens(text):
            base = token_features(text, toks)
            outer: list[str] | None = None
            for k, tagger in enumerate(entity):
                if tagger is None:
                    break
                feats = [dict(f, outer=t) for f, t in zip(base, outer, strict=True)] if outer is not None else base
                tags = tagger.tag(feats)
                out += [("span", *x) for x in _scored(tagger, toks, tags)]
                outer = tags
                if k == 0 and all(t == "O" for t in tags):
                    break
            if trigger is not None:
                tags = trigger.tag(base)
                out += [("trigger", *x) for x in _scored(trigger, toks, tags)]
        return out

    def sentence_margins(self, text: str) -> list[tuple[int, int, float]]:
        """Return ``(start, end, margin)`` per sentence: the smallest gap between the best
        and second-best tag of any of its tokens under the outermost entity model."""
        tagger = self._tagger("level0")
        out = []
        if tagger is None:
            return out
        labels = tagger.labels()
        for toks in sentence_tokens(text):
            tagger.set(token_features(text, toks))
            worst = 1.0
            for t in range(len(toks)):
                probs = sorted((tagger.marginal(y, t) for y in labels), reverse=True)
                worst = min(worst, probs[0] - (probs[1] if len(probs) > 1 else 0.0))
            out.append((toks[0][0], toks[-1][1], worst))
        return out


def _scored(tagger: pycrfsuite.Tagger, toks: Tokens, tags: list[str]) -> list[tuple[int, int, str, float, float]]:
    """Attach to each decoded span its confidence and margin from the marginals (after
    ``tagger.tag``, whose sequence the marginals refer to)."""
    out = []
    labels = tagger.labels()
    for s, e, label, i, j in decode(toks, tags):
        conf, margin = 1.0, 1.0
        for t in range(i, j):
            probs = sorted(((tagger.marginal(y, t), y) for y in labels), reverse=True)
            mine = tagger.marginal(tags[t], t)
            conf = min(conf, mine)
            margin = min(margin, probs[0][0] - (probs[1][0] if len(probs) > 1 else 0.0))
        out.append((s, e, label, conf, margin))
    return out


#: Tokens the CRF trains on at most (a few seconds per nesting level here): past that,
#: every k-th sentence is kept, so the sample covers the whole layer.  Training time grows
#: linearly (2 s for a 50 KB document, 28 s for 500 KB): without a cap, a 5 MB document
#: retrained for minutes after every edit and closing the window waited for it.
MAX_TRAIN_TOKENS = 15_000


def _within_budget(sents: list[tuple[TrainingDoc, Tokens]], budget: int) -> list[tuple[TrainingDoc, Tokens]]:
    total = sum(len(toks) for _, toks in sents)
    if total <= budget:
        return sents
    stride = -(-total // budget)
    return sents[::stride]


def _labelled(d: TrainingDoc, toks: Tokens) -> bool:
    """Return True if a sentence of an unfinished document has a span: only those are
    learnt from (the rest of a document being annotated is not yet known to be O)."""
    return bool(_within(d.spans, toks) or _within(d.triggers, toks))


class _SpanIndex:
    """A document's spans sorted by start, so a sentence finds its own by bisection (a scan
    of every span for every sentence was quadratic: minutes on a 5 MB document)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.spans = spans
        self.starts = [spans[i][0] for i in self.order]
        self.longest = max((e - st for st, e, _ in spans), default=0)

    def within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        i = bisect_left(self.starts, lo - self.longest)
        j = bisect_left(self.starts, hi)
        found = sorted(k for k in self.order[i:j] if self.spans[k][1] > lo)  # in the list's own order
        return [self.spans[k] for k in found]


_INDEXES: dict[int, tuple[list[tuple[int, int, str]], _SpanIndex]] = {}


def _within(spans: list[tuple[int, int, str]], toks: Tokens) -> list[tuple[int, int, str]]:
    if not toks:
        return []
    lo, hi = toks[0][0], toks[-1][1]
    if len(spans) < 64:
        return [x for x in spans if x[0] < hi and x[1] > lo]
    kept = _INDEXES.get(id(spans))
    if kept is None or kept[0] is not spans or len(kept[1].spans) != len(spans):
        if len(_INDEXES) > 256:
            _INDEXES.clear()
        kept = _INDEXES[id(spans)] = (spans, _SpanIndex(spans))
    return kept[1].within(lo, hi)

