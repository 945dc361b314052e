"""The recommender interface, the training data it learns from, and cross-validation.

A recommender trains on one annotator's layer (a list of ``TrainingDoc``), predicts
``Suggestion`` records for a document's text, and reports its own quality: precision,
recall and F1 measured by k-fold cross-validation over the training documents.
"""

from __future__ import annotations

import abc
import copy
import functools
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core import text as textmod
from annotator.store.suggestions import Suggestion

#: Persian and Urdu letter forms read as their Arabic counterparts (one to one, so the
#: normalised view's offsets stay valid); applied on top of ``core.text.normalize``.
PERSIAN = str.maketrans({"\u06a9": "\u0643", "\u06aa": "\u0643", "\u06cc": "\u064a", "\u06d2": "\u064a",
                         "\u06be": "\u0647", "\u06c1": "\u0647", "\u06d5": "\u0647", "\u06c0": "\u0647"})


_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, Any]:
    """The normalised view's one-to-one mapping, its removals, and Persian letters."""
    table: dict[int, Any] = dict(textmod.NormalizedText._table(False))
    table.update({ord(c): None for c in textmod.DIACRITICS | {textmod.TATWEEL} | textmod.INVISIBLE})
    table.update(PERSIAN)
    return table


@functools.lru_cache(maxsize=200_000)
def norm(s: str) -> str:
    """Return the matching form of ``s``: the normalised search view of ``core.text``,
    Persian letters unified, case folded (a word at a time this is much faster than
    building a ``NormalizedText``)."""
    out = s.translate(_table())
    if _PRESENTATION_RE.search(out):  # a ligature of several letters: the full normaliser
        out = textmod.normalize(s).translate(PERSIAN)
    return out.casefold()


@dataclass(frozen=True)
class Context:
    """What a recommender may know about the project: labels and the clitic policy."""

    entity_labels: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    clitics: str = "attached"
    doc_label_sets: dict[str, bool] = field(default_factory=dict)  # name -> multi-label
    stance_labels: tuple[str, ...] = ()
    stance_targets: tuple[str, ...] = ()
    document_stance: bool = True


@dataclass
class TrainingDoc:
    """One document of a layer: its text and the annotations a recommender learns from."""

    id: int
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)      # entities
    triggers: list[tuple[int, int, str]] = field(default_factory=list)   # event triggers
    doc_labels: dict[str, list[str]] = field(default_factory=dict)
    stances: dict[str, str] = field(default_factory=dict)                # fixed target -> label
    rejected: list[Suggestion] = field(default_factory=list)
    done: bool = False

    def items(self, kinds: Iterable[str]) -> set[tuple[Any, ...]]:
        """Return the gold items of ``kinds`` as comparable keys."""
        out: set[tuple[Any, ...]] = set()
        kinds = set(kinds)
        if "span" in kinds:
            out |= {("span", label, "", s, e) for s, e, label in self.spans}
        if "trigger" in kinds:
            out |= {("trigger", label, "", s, e) for s, e, label in self.triggers}
        if "doc_label" in kinds:
            out |= {("doc_label", label, ls, 0, 0) for ls, labels in self.doc_labels.items() for label in labels}
        if "stance" in kinds:
            out |= {("stance", label, target, 0, 0) for target, label in self.stances.items()}
        return out


@dataclass
class Scores:
    """Micro-averaged precision, recall and F1 of a recommender's suggestions."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    documents: int = 0
    folds: int = 0
    seconds: float = 0.0

    @classmethod
    def count(cls, tp: int, predicted: int, gold: int, **extra: Any) -> Scores:
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, tp, predicted, gold, **extra)

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


class Recommender(abc.ABC):
    """Learns from a layer and proposes annotations.  Subclasses set ``name`` and
    ``kinds`` (what they suggest: "span", "trigger", "doc_label", "stance")."""

    name: str = "recommender"
    kinds: tuple[str, ...] = ()
    #: False for a model that comes trained (a user's spaCy pipeline): nothing to learn
    trainable: bool = True

    def __init__(self) -> None:
        self.context = Context()
        self.trained = False
        self.quality: Scores | None = None

    @abc.abstractmethod
    def train(self, docs: Sequence[TrainingDoc], context: Context) -> None:
        """Learn from ``docs`` (may be called again: the old model is replaced)."""

    @abc.abstractmethod
    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        """Return suggestions for one document (every span with ``text[start:end] == surface``)."""

    def fresh(self) -> Recommender:
        """Return an untrained copy with the same settings (for cross-validation)."""
        other = copy.copy(self)
        other.__dict__ = {k: v for k, v in self.__dict__.items() if not k.startswith("_m_")}
        other.trained = False
        return other

    def evaluate(self, docs: Sequence[TrainingDoc], context: Context, folds: int = 5) -> Scores:
        """Cross-validate on ``docs`` (k folds, by document) and remember the result."""
        started = time.perf_counter()
        docs = list(docs)
        k = max(2, min(folds, len(docs)))
        tp = predicted = gold = 0
        if len(docs) < 2 or not self.trainable:
            k = 1
        for fold in range(k):
            test = [d for i, d in enumerate(docs) if i % k == fold] if k > 1 else docs
            if k > 1:
                model = self.fresh()
                model.train([d for i, d in enumerate(docs) if i % k != fold], context)
            else:
                model = self
                if not self.trained:
                    model.train(docs, context)
            for d in test:
                want = d.items(self.kinds)
                got = {(s.kind, s.label, s.label_set, s.start, s.end) for s in model.predict(d.id, d.text)}
                tp += len(want & got)
                predicted += len(got)
                gold += len(want)
        self.quality = Scores.count(tp, predicted, gold, documents=len(docs), folds=k,
                                    seconds=time.perf_counter() - started)
        return self.quality


def sentence_tokens(text: str) -> list[list[tuple[int, int]]]:
    """Split ``text`` into sentences of tokens (code point ranges), clitics attached."""
    out = []
    for s, e in textmod.sentences(text):
        toks = textmod.tokens(text, s, e)
        if toks:
            out.append(toks)
    return out


def strip_proclitic(text: str, start: int, end: int, clitics: str) -> int:
    """Return the start of a span over ``text[start:end]`` under the clitic policy: with
    "split", a leading conjunction/preposition before ال is left out."""
    if clitics != "split":
        return start
    word = textmod.word_at(text, start)
    if word and word[0] == start:
        cut = textmod.proclitic_length(text[word[0]:word[1]])
        if 0 < cut < min(word[1], end) - start:
            return start + cut
    return start
