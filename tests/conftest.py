"""Shared fixtures. Qt runs offscreen; the shared Arabic corpus is found beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


#: A byte-exact copy of ../shared/corpus (sources and licences in its README.md), kept in
#: the repository so the tests run on a clean clone.
CORPUS = DATA / "corpus"
NEWS = CORPUS / "news" / "shaddadi_withdrawal.txt"


@pytest.fixture
def project(tmp_path):
    """A new, empty project with the default scheme, annotator 'lina'."""
    from annotator.store.project import Project

    p = Project.create(tmp_path / "test.annotproj", annotator="lina")
    yield p
    if not p.closed:
        p.close()


@pytest.fixture
def news_text() -> str:
    """The shared news article, as stored (it is UTF-8 with LF already)."""
    return NEWS.read_text(encoding="utf-8")


@pytest.fixture
def news_project(project):
    """A project holding the news article; returns (project, document id)."""
    report = project.import_files([NEWS])
    return project, report.added[0]
