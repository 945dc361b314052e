"""Suggestions in the window: ghost spans in the text, the Suggestions panel with its
filters and bulk actions, the one-key accept and reject, and retraining on a thread of its
own, debounced after edits (``controller.py`` wires them into the main window)."""

from annotator.gui.suggestions.controller import SuggestionsController

__all__ = ["SuggestionsController"]
