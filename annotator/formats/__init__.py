"""Import and export formats, one module each, registered by name.

    >>> from annotator import formats
    >>> formats.get("txt").name
    'txt'
"""

from __future__ import annotations

import importlib
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.base import Format, ReadResult

_REGISTRY: dict[str, Format] = {}

#: Modules that define formats; imported on first use, in this order (which is also the
#: order ``detect`` asks them).
_MODULES = (
    "annotator.formats.txt",
    "annotator.formats.jsonl",
    "annotator.formats.brat",
    "annotator.formats.conll",
    "annotator.formats.conllu",
    "annotator.formats.hf",
    "annotator.formats.spacy",
    "annotator.formats.events",
    "annotator.formats.csvdocs",
    "annotator.formats.stance",
    "annotator.formats.doccano",
    "annotator.formats.labelstudio",
    "annotator.formats.tokens",
)


def register(cls: type[Format]) -> type[Format]:
    """Class decorator: add a format to the registry under its ``name``."""
    _REGISTRY[cls.name] = cls()
    return cls


def _load() -> None:
    if not _REGISTRY:
        for mod in _MODULES:
            importlib.import_module(mod)


def names() -> list[str]:
    """Return the names of every registered format."""
    _load()
    return list(_REGISTRY)


def get(name: str) -> Format:
    """Return the format called ``name``."""
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise InputError(f"unknown format {name!r}; known formats: {', '.join(_REGISTRY)}.") from None


def detect(path: Path) -> Format:
    """Return the format of ``path`` by its suffix and content."""
    _load()
    if not path.exists():
        raise InputError(f"{path}: no such file or folder.")
    for fmt in reversed(list(_REGISTRY.values())):  # later, more specific formats first
        if fmt.can_read and fmt.sniff(path):
            return fmt
    raise InputError(f"{path}: cannot tell its format from its name; give --format ({', '.join(_REGISTRY)}).")


__all__ = ["Format", "ReadResult", "detect", "get", "names", "register"]
