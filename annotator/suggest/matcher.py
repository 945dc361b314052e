"""The string matcher: label again what the project has labelled before.

Its dictionary is every labelled surface of the layer (entities and event triggers), plus
an optional gazetteer (TSV: ``surface<TAB>label`` per line, ``#`` comments).  Matching runs
on the normalised view of ``core.text`` (diacritics, tatweel, invisible marks, alef/hamza
forms, Persian letters), word by word, longest match first (and the known names nested
inside a match, as nested corpora label them), and is clitic-aware: a known
name may follow و/ف, ب/ك/ل and the article ال (بدمشق, والولايات المتحدة, للحكومة).  A
surface's confidence is how often it was labelled so where it occurs in the training
documents: occurrences left unlabelled and rejected suggestions count against it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from annotator.core import text as textmod
from annotator.core.decoding import read_text_file
from annotator.core.errors import InputError
from annotator.store.suggestions import Suggestion
from annotator.suggest.base import PERSIAN, Context, Recommender, TrainingDoc, norm

#: Leading letters a known name may carry: conjunction, preposition, article.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
#: The longest name, in words.
MAX_WORDS = 8


def read_gazetteer(path: str | Path, labels: Sequence[str] = ()) -> tuple[dict[str, str], list[str]]:
    """Read a TSV gazetteer; return ``({normalised surface: label}, warnings)``.  A line that
    is not ``surface<TAB>label``, or whose label is not one of ``labels`` (when given), is
    skipped with a warning naming the line."""
    path = Path(path)
    try:
        content = read_text_file(path)
    except OSError as exc:
        raise InputError(f"cannot read the gazetteer {path}: {exc.strerror or exc}.") from None
    entries: dict[str, str] = {}
    warnings: list[str] = []
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            warnings.append(f"{path}, line {n}: expected 'surface<TAB>label'; skipped.")
            continue
        if labels and parts[1] not in labels:
            warnings.append(f"{path}, line {n}: {parts[1]!r} is not a label of the scheme; skipped.")
            continue
        key = " ".join(norm(parts[0]).split())
        if key:
            entries[key] = parts[1]
    return entries, warnings


class StringMatcher(Recommender):
    """Suggest every occurrence of a labelled surface (or gazetteer entry)."""

    name = "matcher"
    kinds = ("span", "trigger")

    def __init__(self, gazetteer: str | Path | None = None) -> None:
        super().__init__()
        self.gazetteer_path = gazetteer
        self.warnings: list[str] = []
        self._m_counts: dict[str, Counter[str]] = {}
        self._m_seen: Counter[str] = Counter()

    def train(self, docs: Sequence[TrainingDoc], context: Context) -> None:
        self.context = context
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        labels = (*context.entity_labels, *context.event_types)
        if self.gazetteer_path:
            entries, self.warnings = read_gazetteer(self.gazetteer_path, labels)
            for key, label in entries.items():
                counts[key][label] += 1
        for d in docs:
            for s, e, label in (*d.spans, *d.triggers):
                key = " ".join(norm(d.text[s:e]).split())
                if key:
                    counts[key][label] += 1
        self._m_counts = dict(counts)
        # how often each known surface occurs in the training texts: occurrences nobody
        # labelled, and rejected suggestions, lower its confidence
        seen: Counter[str] = Counter()
        for d in docs:
            labelled = {(s, e) for s, e, _ in (*d.spans, *d.triggers)}
            for key, s, e, _ in self._matches(d.text) if d.done or labelled else ():
                if (s, e) not in labelled:
                    seen[key] += 1
            for r in d.rejected:
                seen[" ".join(norm(r.surface).split())] += 1
        self._m_seen = seen
        self.trained = True

    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        out = []
        events = set(self.context.event_types)
        for key, s, e, cut in self._matches(text):
            counts = self._m_counts[key]
            label, n = counts.most_common(1)[0]
            total = sum(counts.values()) + self._m_seen[key]
            confidence = (n + 0.5) / (total + 1)
            if cut and self.context.clitics == "split":
                s += cut
            kind = "trigger" if label in events else "span"
            out.append(Suggestion(document_id, kind, label, s, e, text[s:e], recommender=self.name,
                                  confidence=round(confidence, 4)))
        return out

    def _matches(self, text: str) -> list[tuple[str, int, int, int]]:
        """Return ``(key, start, end, clitic length)`` of every longest match in ``text``."""
        if not self._m_counts:
            return []
        view = textmod.NormalizedText(text)
        ntext = view.text.translate(PERSIAN).casefold()
        if len(ntext) != len(view.text):  # casefold may expand (ß): match without it
            ntext = view.text.translate(PERSIAN)
        words = [(m.start(), m.end()) for m in textmod.WORD_RE.finditer(ntext)]
        out = []
        i = 0
        while i < len(words):
            hit = self._longest(ntext, words, i)
            if hit is None:
                i += 1
                continue
            key, j, cut = hit
            out.append(self._place(view, words, key, i, j, cut))
            # names nested inside it (بلدية نابلس, an organisation, holds نابلس, a city)
            k = i
            while k <= j:
                inner = self._longest(ntext, words, k, last=j)
                if inner is None or (k == i and inner[1] == j):
                    k += 1
                    continue
                out.append(self._place(view, words, inner[0], k, inner[1], inner[2]))
                k = inner[1] + 1
            i = j + 1
        return out

    @staticmethod
    def _place(view: textmod.NormalizedText, words: list[tuple[int, int]], key: str, i: int, j: int,
               cut: int) -> tuple[str, int, int, int]:
        ns, ne = words[i][0], words[j][1]
        s, e = view.to_original(ns, ne)
        if cut:
            cut = view.to_original(ns + cut, ne)[0] - s
        return key, s, e, cut

    def _longest(self, ntext: str, words: list[tuple[int, int]], i: int,
                 last: int | None = None) -> tuple[str, int, int] | None:
        """The longest known name from word ``i`` on (ending at word ``last`` at the latest)."""
        first = ntext[words[i][0]:words[i][1]]
        heads = _heads(first)
        end = min(len(words), i + MAX_WORDS) if last is None else min(last + 1, i + MAX_WORDS)
        for j in range(end - 1, i - 1, -1):
            if j > i and ntext[words[j - 1][1]:words[j][0]].strip():
                continue  # punctuation between the words: not one name
            tail = ntext[words[i][1]:words[j][1]] if j > i else ""
            tail = " ".join(tail.split())
            for head, cut in heads:
                key = f"{head} {tail}" if tail else head
                if key in self._m_counts:
                    return key, j, cut
        return None


def _heads(word: str) -> list[tuple[str, int]]:
    """Return the forms a first word may have as a known name, with how many letters of
    leading letters a span leaves out under the "split" clitic policy (the conjunction and
    preposition, never the article): the word itself first, then without و/ف, ب/ك/ل, ال."""
    out = [(word, 0)]
    for c in _CONJ:
        for p in _PREP:
            lead = c + p
            if lead and word.startswith(lead) and len(word) - len(lead) >= 2:
                rest = word[len(lead):]
                out.append((rest, len(lead)))
                if p == "ل" and rest.startswith("ل") and len(rest) >= 3:
                    out.append(("ا" + rest, len(lead)))  # لل: ل + ال with its alef dropped
            if word.startswith(lead + "ال") and len(word) - len(lead) - 2 >= 2 and lead:
                out.append((word[len(lead) + 2:], len(lead)))  # the article stays in a span
    if word.startswith("ال") and len(word) >= 4:
        out.append((word[2:], 0))
    seen, unique = set(), []
    for h in out:
        if h[0] not in seen:
            seen.add(h[0])
            unique.append(h)
    return unique
