"""Suggestions that learn from the project: recommenders and the service that runs them.

Above the store, below the window and the command line (it never imports Qt):
``base`` (the Recommender interface, training data, cross-validation), ``matcher`` (the
string matcher and gazetteers), ``crf`` (the CRF tagger), ``classifier`` (document labels
and stances), ``plugins`` (a user's spaCy or Hugging Face model on disk) and ``service``
(train, pre-annotate, evaluate, active learning).  The suggestion layer itself, accept and
reject, is ``annotator.store.suggestions``.
"""

from annotator.store.suggestions import Suggestion, SuggestionLayer, provenance_counts
from annotator.suggest.base import Context, Recommender, Scores, TrainingDoc
from annotator.suggest.service import (
           BUILT_IN,
           Suggester,
           SuggestReport,
           Uncertain,
           make_recommender,
)

__all__ = ["BUILT_IN", "Context", "Recommender", "Scores", "Suggester", "Suggestion", "SuggestionLayer", "SuggestReport",
           "TrainingDoc", "Uncertain", "make_recommender", "provenance_counts"]
