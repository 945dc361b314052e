"""A user's own model on disk as a recommender: an installed spaCy pipeline (a package
name or a folder), or a local token-classification folder when ``transformers`` is
installed.  Nothing is ever downloaded: a name that is not installed, or a folder that
is not a model, is an error of one sentence.  These models come trained; their labels
are kept only where the scheme has them (``label_map`` renames first).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.store.suggestions import Suggestion
from annotator.suggest.base import Context, Recommender, TrainingDoc


class _LocalModel(Recommender):
    kinds = ("span",)
    trainable = False

    def __init__(self, model: str | Path, *, name: str | None = None, label_map: dict[str, str] | None = None) -> None:
        super().__init__()
        self.model = str(model)
        self.name = name or f"{self.prefix}:{Path(self.model).name or self.model}"
        self.label_map = dict(label_map or {})
        self._m_loaded: Any = None

    prefix = "model"

    def train(self, docs: Sequence[TrainingDoc], context: Context) -> None:
        self.context = context
        if getattr(self, "_m_loaded", None) is None:
            self._m_loaded = self._load()
        self.trained = True

    def _load(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _keep(self, document_id: int, text: str, start: int, end: int, label: str, score: float) -> Suggestion | None:
        label = self.label_map.get(label, label)
        known = self.context.entity_labels
        if known and label not in known:
            return None
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return Suggestion(document_id, "span", label, start, end, text[start:end], recommender=self.name,
                          confidence=round(float(score), 4))


class SpacyModel(_LocalModel):
    """An installed spaCy pipeline: its ``doc.ents`` and every ``doc.spans`` group."""

    prefix = "spacy"

    def _load(self) -> Any:
        try:
            import spacy
            import spacy.util
        except ImportError:
            raise InputError("a spaCy model needs spaCy: pip install 'annotator[spacy]'.") from None
        path = Path(self.model)
        if path.exists():
            if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
                raise InputError(f"{path} is not a spaCy pipeline folder (it has no config.cfg and meta.json).")
        elif not spacy.util.is_package(self.model):
            raise InputError(f"there is no installed spaCy pipeline called {self.model!r}; install it or give its folder "
                             "(annotator never downloads models).")
        try:
            return spacy.load(self.model)
        except Exception as exc:  # noqa: BLE001 - a broken model folder is the user's input
            raise InputError(f"the spaCy pipeline {self.model} cannot be loaded: {_first_line(exc)}") from None

    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        doc = self._m_loaded(text)
        found = [(e.start_char, e.end_char, e.label_, 1.0) for e in doc.ents]
        for group in doc.spans.values():
            scores = group.attrs.get("scores") if hasattr(group, "attrs") else None
            for k, span in enumerate(group):
                score = float(scores[k]) if scores is not None and k < len(scores) else 1.0
                found.append((span.start_char, span.end_char, span.label_, score))
        out, seen = [], set()
        for s, e, label, score in found:
            item = self._keep(document_id, text, s, e, label, score)
            if item and item.key not in seen:
                seen.add(item.key)
                out.append(item)
        return out


class TransformersModel(_LocalModel):
    """A local Hugging Face token-classification model folder (needs ``transformers``)."""

    prefix = "hf"

    def _load(self) -> Any:
        path = Path(self.model)
        if not path.is_dir() or not (path / "config.json").is_file():
            raise InputError(f"{path} is not a token-classification model folder (it has no config.json).")
        try:
            import transformers
        except ImportError:
            raise InputError("a Hugging Face model needs transformers: pip install transformers.") from None
        os.environ["HF_HUB_OFFLINE"] = "1"  # never reach the network
        try:
            return transformers.pipeline("token-classification", model=str(path), tokenizer=str(path),
                                         aggregation_strategy="simple")
        except Exception as exc:  # noqa: BLE001 - a broken model folder is the user's input
            raise InputError(f"the model in {path} cannot be loaded: {_first_line(exc)}") from None

    def predict(self, document_id: int, text: str) -> list[Suggestion]:
        out = []
        for item in self._m_loaded(text):
            s = self._keep(document_id, text, int(item["start"]), int(item["end"]),
                           str(item.get("entity_group") or item.get("entity", "")).removeprefix("B-").removeprefix("I-"),
                           float(item.get("score", 1.0)))
            if s:
                out.append(s)
        return out


def _first_line(exc: BaseException) -> str:
    line = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
    return f"{line[:200]}."
