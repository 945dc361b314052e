"""Find bundled resources (fonts, schemes, sample corpus, translations, icons).

Works from a source checkout, an editable install and a PyInstaller bundle alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """Return the folder that holds ``resources/``' contents."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("schemes", "arabic-news.toml")``."""
    return resource_root().joinpath(*parts)
