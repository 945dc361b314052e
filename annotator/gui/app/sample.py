"""The sample project a newcomer sees on first start: the bundled Arabic texts of
``resources/sample/`` in a project in the user data folder, with short guidelines."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from annotator.resources import resource_path

SAMPLE_NAME = "sample.annotproj"


def data_folder() -> Path:
    """Return the user data folder of annotator (created if missing)."""
    folder = Path(user_data_dir("annotator", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sample_texts() -> list[Path]:
    """Return the bundled sample documents, in order."""
    return sorted(resource_path("sample").glob("*.txt"))


def ensure_sample_project(folder: Path | None = None, annotator: str | None = None) -> Path:
    """Return the sample project's path, creating it from the bundled texts if needed."""
    from annotator.store.project import Project

    folder = folder or data_folder()
    path = folder / SAMPLE_NAME
    if path.exists():
        return path
    partial = folder / (SAMPLE_NAME + ".partial")
    for leftover in folder.glob(SAMPLE_NAME + ".partial*"):
        leftover.unlink()
    with Project.create(partial, annotator=annotator) as project:
        project.import_files(sample_texts())
        guide = resource_path("sample", "guidelines.md")
        if guide.exists():
            project.guidelines = guide.read_text(encoding="utf-8")
    os.replace(partial, path)  # a half-made sample is never mistaken for a finished one
    return path
