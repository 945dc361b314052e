"""Run recommenders over a project: train on a layer, write suggestions, evaluate, and
order the unfinished work by the model's uncertainty (active learning).

    >>> from annotator.suggest import Suggester                     # doctest: +SKIP
    >>> report = Suggester(project).run(min_confidence=0.3)         # pre-annotate
    >>> print(report.summary())                                     # doctest: +SKIP
    >>> Suggester(project).evaluate()["crf"].f1                     # doctest: +SKIP

A recommender that fails (a bad model folder, a crash while training) is reported in one
sentence and leaves every annotation, and its own earlier suggestions, as they were.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled, InputError
from annotator.store.suggestions import Suggestion, SuggestionLayer
from annotator.suggest.base import Context, Recommender, Scores, TrainingDoc
from annotator.suggest.classifier import TextClassifier
from annotator.suggest.crf import CrfTagger
from annotator.suggest.matcher import StringMatcher
from annotator.suggest.plugins import SpacyModel, TransformersModel

#: The built-in recommenders, by name; "spacy:PATH" and "hf:PATH" name a user's model.
BUILT_IN = ("matcher", "crf", "classifier")
#: Project setting with the gazetteer file of the string matcher.
GAZETTEER_SETTING = "suggest_gazetteer"
#: Project setting with the last cross-validated quality of each recommender.
QUALITY_SETTING = "suggest_quality"


def make_recommender(name: str, *, gazetteer: str | Path | None = None) -> Recommender:
    """Return a new recommender by name: matcher, crf, classifier, spacy:MODEL or hf:FOLDER."""
    if name == "matcher":
        return StringMatcher(gazetteer)
    if name == "crf":
        return CrfTagger()
    if name == "classifier":
        return TextClassifier()
    kind, _, model = name.partition(":")
    if kind == "spacy" and model:
        return SpacyModel(model)
    if kind == "hf" and model:
        return TransformersModel(model)
    raise InputError(f"there is no recommender called {name!r}; use one of {', '.join(BUILT_IN)}, spacy:MODEL or hf:FOLDER.")


@dataclass
class SuggestReport:
    """What a run did: suggestions stored per recommender, documents, failures."""

    documents: int = 0
    suggestions: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    train_seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        from annotator.core.wording import count

        parts = ", ".join(f"{n} from {name}" for name, n in self.suggestions.items()) or "none"
        return f"{count(self.documents, 'document')} pre-annotated: {sum(self.suggestions.values())} suggestions ({parts})."


@dataclass(frozen=True)
class Uncertain:
    """A sentence the model is least sure about: where annotating teaches it most."""

    document_id: int
    start: int
    end: int
    margin: float


class Suggester:
    """Train recommenders on ``annotator``'s layer (default: the project's annotator)."""

    def __init__(self, project: Any, recommenders: Iterable[str | Recommender] | None = None, *,
                 annotator: str | None = None, gazetteer: str | Path | None = None) -> None:
        self.project = project
        self.annotator = annotator or project.annotator
        gazetteer = gazetteer or project.get_setting(GAZETTEER_SETTING)
        self.recommenders = [make_recommender(r, gazetteer=gazetteer) if isinstance(r, str) else r
                             for r in (recommenders or BUILT_IN)]
        self.layer = SuggestionLayer(project, self.annotator)

    # -- data --------------------------------------------------------------------------

    def context(self) -> Context:
        """Return what recommenders may know about the project's scheme and settings."""
        scheme = self.project.scheme
        evidence = scheme.evidence_label
        return Context(
            entity_labels=tuple(x for x in scheme.entity_labels if x != evidence),
            event_types=tuple(scheme.event_types),
            clitics=self.project.get_setting("clitics") or "attached",
            doc_label_sets={ls.name: ls.multi for ls in scheme.doc_labels},
            stance_labels=tuple(scheme.stance_labels),
            stance_targets=tuple(t.target for t in scheme.stance.targets),
            document_stance=scheme.stance.scope != "span",
        )

    def training_data(self, *, done_only: bool = False) -> list[TrainingDoc]:
        """Return the layer's annotated documents: every document marked done, and, unless
        ``done_only``, every other one with at least one annotation or rejection."""
        p, who = self.project, self.annotator
        context = self.context()
        events = set(context.event_types)
        entities = set(context.entity_labels)
        rejected: dict[int, list[Any]] = {}
        for r in self.layer.rejections():
            rejected.setdefault(r.document_id, []).append(r)
        if who not in p.annotators():
            return []
        # only documents the layer has touched are read (a status, an annotation), or rejected in
        touched = set(p.export_document_ids(annotators=[who], touched=True)) | set(rejected)
        out = []
        for info in p.iter_documents(annotator=who):
            done = info.status == "done"
            if (done_only and not done) or info.id not in touched:
                continue
            rows = p.span_rows(info.id, who)
            labels = p.doc_labels(info.id, who)
            stances = {s.target: s.label for s in p.stances(info.id, who) if s.target_kind == "fixed"}
            if not done and not rows and not labels and not stances and info.id not in rejected:
                continue
            text = p.text(info.id)
            spans = [(f[0][0], f[-1][1], label) for _, label, f in rows if label in entities and len(f) == 1]
            triggers = [(f[0][0], f[-1][1], label) for _, label, f in rows if label in events and len(f) == 1]
            out.append(TrainingDoc(info.id, text, spans, triggers, labels, stances, rejected.get(info.id, []), done))
        return out

    def _documents(self, documents: Iterable[int] | None) -> list[int]:
        if documents is not None:
            return list(documents)
        return [d.id for d in self.project.iter_documents(annotator=self.annotator) if d.status != "done"]

    # -- running -----------------------------------------------------------------------

    def train(self, docs: Sequence[TrainingDoc] | None = None, report: SuggestReport | None = None,
              cancelled: Callable[[], bool] | None = None) -> list[Recommender]:
        """Train every recommender; return those that trained (failures go to ``report``)."""
        docs = self.training_data() if docs is None else docs
        context = self.context()
        ready = []
        for r in self.recommenders:
            if cancelled and cancelled():
                raise Cancelled("the suggestions were superseded.")
            started = time.perf_counter()
            try:
                r.train(docs, context)
            except AnnotatorError as exc:
                _fail(report, f"{r.name}: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - a recommender's bug must not stop the others
                _fail(report, f"the {r.name} recommender failed while training ({type(exc).__name__}: {exc}); "
                              "no annotation was changed.")
                continue
            if report is not None:
                report.train_seconds[r.name] = round(time.perf_counter() - started, 3)
                report.warnings += getattr(r, "warnings", [])
            ready.append(r)
        return ready

    def run(self, documents: Iterable[int] | None = None, *, min_confidence: float = 0.0,
            progress: Callable[[int, int], Any] | None = None, trained: Sequence[Recommender] | None = None,
            cancelled: Callable[[], bool] | None = None, min_quality: float = 0.0) -> SuggestReport:
        """Train on the layer, then write suggestions for ``documents`` (default: every
        document the annotator has not marked done).  Never changes an annotation or a
        status.  ``cancelled()`` returning True (a newer request came) stops the run
        between steps with ``Cancelled``; what was stored stays consistent per document.
        ``min_quality`` leaves out recommenders whose last cross-validated F1 (``evaluate``)
        is lower, and clears their earlier suggestions."""
        report = SuggestReport()
        if min_quality > 0:
            quality = self.project.get_setting(QUALITY_SETTING) or {}
            weak = [r for r in self.recommenders if r.name in quality and quality[r.name]["f1"] < min_quality]
            for r in weak:
                report.warnings.append(f"{r.name} is left out: its cross-validated F1 {quality[r.name]['f1']:.2f} "
                                       f"is below {min_quality:.2f}.")
                self.layer.clear(recommender=r.name)
            self.recommenders = [r for r in self.recommenders if r not in weak]
        ready = list(trained) if trained is not None else self.train(report=report, cancelled=cancelled)
        ids = self._documents(documents)
        report.documents = len(ids)
        for r in ready:
            report.suggestions.setdefault(r.name, 0)
        for n, doc in enumerate(ids, 1):
            if cancelled and cancelled():
                raise Cancelled("the suggestions were superseded.")
            text = self.project.text(doc)
            for r in list(ready):
                try:
                    items = [s for s in r.predict(doc, text) if s.confidence >= min_confidence]
                    report.suggestions[r.name] += self.layer.replace(doc, r.name, items)
                except AnnotatorError as exc:
                    _fail(report, f"{r.name}: {exc}")
                    ready.remove(r)
                except Exception as exc:  # noqa: BLE001 - a recommender's bug must not stop the others
                    _fail(report, f"the {r.name} recommender failed on document {doc} ({type(exc).__name__}: {exc}); "
                                  "no annotation was changed.")
                    ready.remove(r)
            if progress:
                progress(n, len(ids))
        return report

    def evaluate(self, folds: int = 5, report: SuggestReport | None = None) -> dict[str, Scores]:
        """Cross-validate every recommender on the documents marked done (or, if fewer than
        two are, on every annotated one) and store the scores in the project's settings."""
        docs = self.training_data(done_only=True)
        if len(docs) < 2:
            docs = self.training_data()
        context = self.context()
        out: dict[str, Scores] = {}
        for r in self.recommenders:
            try:
                out[r.name] = r.evaluate(docs, context, folds)
            except AnnotatorError as exc:
                _fail(report, f"{r.name}: {exc}")
            except Exception as exc:  # noqa: BLE001
                _fail(report, f"the {r.name} recommender failed while being evaluated ({type(exc).__name__}: {exc}).")
        if out:
            stored = dict(self.project.get_setting(QUALITY_SETTING) or {})
            stored.update({name: s.as_dict() for name, s in out.items()})
            self.project.set_setting(QUALITY_SETTING, stored)
        return out

    def next_most_useful(self, limit: int = 10, documents: Iterable[int] | None = None,
                         skip: Iterable[tuple[int, int]] = ()) -> list[Uncertain]:
        """Return the ``limit`` unfinished sentences the CRF is least sure about (smallest
        margin between its best and second-best tag), most useful first; ``skip`` leaves
        out ``(document, sentence start)`` pairs already shown."""
        crf = next((r for r in self.recommenders if isinstance(r, CrfTagger)), None) or CrfTagger()
        if not crf.trained:
            crf.train(self.training_data(), self.context())
        skipped = set(skip)
        found = []
        for doc in self._documents(documents):
            for s, e, margin in crf.sentence_margins(self.project.text(doc)):
                if (doc, s) not in skipped:
                    found.append(Uncertain(doc, s, e, round(margin, 4)))
        found.sort(key=lambda u: (u.margin, u.document_id, u.start))
        return found[:limit]


def occurrences(project: Any, span_id: int, *, annotator: str | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[Suggestion]:
    """Return every other occurrence of span ``span_id``'s surface in the project (through
    the normalised view, clitic-aware, whole words), labelled as that span, leaving out
    places where the annotator already has a span: "label all occurrences", to preview."""
    span = project.span(span_id)
    who = annotator or span.annotator or project.annotator
    s, e = span.fragments[0][0], span.fragments[-1][1]
    context = Suggester(project, [], annotator=who).context()
    matcher = StringMatcher()
    matcher.train([TrainingDoc(span.document_id, project.text(span.document_id), [(s, e, span.label)])],
                  dataclasses.replace(context, event_types=()))
    out = []
    for info in project.iter_documents():
        if cancelled and cancelled():
            raise Cancelled("label all occurrences was cancelled.")
        text = project.text(info.id)
        taken = {(f[0][0], f[-1][1]) for _, _, f in project.span_rows(info.id, who)}
        out += [dataclasses.replace(x, recommender="label all", kind="span", confidence=1.0)
                for x in matcher.predict(info.id, text) if (x.start, x.end) not in taken]
    return out


def _fail(report: SuggestReport | None, message: str) -> None:
    if report is None:
        raise InputError(message)
    report.failures.append(message)
