"""Find bundled resources (fonts, schemes, sample corpus, translations, icons).

Works from a source checkout or an editable install (the repository's ``resources/``), a
wheel (installed as the package ``annotator.bundled``) and a PyInstaller bundle alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """Return the folder that holds ``resources/``' contents."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    installed = Path(__file__).resolve().parent / "bundled"
    return installed if installed.is_dir() and not checkout.is_dir() else checkout


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("schemes", "arabic-news.toml")``."""
    return resource_root().joinpath(*parts)
