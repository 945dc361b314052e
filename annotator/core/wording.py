"""Small helpers for the one-line messages annotator prints."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """Return ``"1 document"`` or ``"3 documents"``: ``n`` and the noun, plural when needed."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
