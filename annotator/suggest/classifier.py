"""The text classifier (scikit-learn): document labels and document-level stances.

Each label set with at least two labels in the training documents gets a linear model
(logistic regression on character 2-4-grams of the normalised text, so clitics and
spelling variants share features); a multi-label set gets one yes/no model per label.
Stances toward the scheme's fixed targets are one model over "target + text".  A
suggestion's confidence is the model's probability; its margin the gap to the runner-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.store.suggestions import Suggestion
from annotator.suggest.base import Context, Recommender, TrainingDoc, norm


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, max_features=60000),
                         LogisticRegression(max_iter=1000, C=10.0))


class TextClassifier(Recommender):
    """Suggest document labels and stances toward fixed targets."""

    name = "classifier"
    kinds = ("doc_label", "stance")

    def __init__(self, threshold: float = 0.5) -> None:
        super().__init__()
        self.threshold = threshold
        self._m_single: dict[str, Any] = {}
        self._m_multi: dict[str, dict[str, Any]] = {}
        self._m_stance: Any = None
        self._m_targets: list[str] = []

    def train(self, docs: Sequence[TrainingDoc], context: Context) -> None:
        self.context = context
        self._m_single, self._m_multi, self._m_stance, self._m_targets = {}, {}, None, []
        texts = {d.id: norm(d.text) for d in docs}
        for name, multi in context.doc_label_sets.items():
            labelled = [d for d in docs if d.doc_labels.get(name)]
            if multi:
                models = {}
                for label in {lab for d in labelled for lab in d.doc_labels[name]}:
                    y = [label in d.doc_labels[name] for d in labelled]
                    if 0 < sum(y) < len(y):
                        models[label] = _pipeline().fit([texts[d.id] for d in labelled], y)
                if models:
                    self._m_multi[name] = models
            else:
                y = [d.doc_labels[name][0] for d in labelled]
                if len(set(y)) >= 2:
                    self._m_single[name] = _pipeline().fit([texts[d.id] for d in labelled], y)
        if context.document_stance:
            rows = [(target, d, label) for d in docs for target, label in d.stances.items()]
            if len({label for _, _, label in rows}) >= 2:
                self._m_stance = _pipeline().fit([f"{norm(t)} | {texts[d.id]}" for t, d, _ in rows],
                                                 [label for _, _, label in rows])
                self._m_targets = sorted({t for t, _, _ in rows})
        self.trained = True

    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        out = []
        ntext = norm(text)
        for name, model in self._m_single.items():
            label, conf, margin = _best(model, f"{ntext}")
            out.append(Suggestion(document_id, "doc_label", label, label_set=name, recommender=self.name,
                                  confidence=conf, margin=margin))
        for name, models in self._m_multi.items():
            for label, model in models.items():
                p = float(model.predict_proba([ntext])[0][list(model.classes_).index(True)])
                if p >= self.threshold:
                    out.append(Suggestion(document_id, "doc_label", label, label_set=name, recommender=self.name,
                                          confidence=round(p, 4), margin=round(abs(2 * p - 1), 4)))
        for target in self._m_targets:
            label, conf, margin = _best(self._m_stance, f"{norm(target)} | {ntext}")
            out.append(Suggestion(document_id, "stance", label, label_set=target, recommender=self.name,
                                  confidence=conf, margin=margin))
        return out


def _best(model: Any, x: str) -> tuple[str, float, float]:
    probs = model.predict_proba([x])[0]
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    second = probs[order[1]] if len(order) > 1 else 0.0
    return str(model.classes_[order[0]]), round(float(probs[order[0]]), 4), round(float(probs[order[0]] - second), 4)
