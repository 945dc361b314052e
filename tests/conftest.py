"""Shared fixtures. Qt runs offscreen; the shared Arabic corpus is found beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: ANNOTATOR_WITHOUT_QT=1 runs the suite as on a machine with no PySide6 at all: importing
#: it fails as if it were not installed, and the GUI tests are not collected.  CI runs the
#: core, store, formats and CLI tests once this way (DESIGN §1: they need no Qt).
WITHOUT_QT = os.environ.get("ANNOTATOR_WITHOUT_QT") == "1"
if WITHOUT_QT:
    import importlib.abc
    import sys

    class _NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # noqa: ANN001, ANN201
            if name.split(".")[0] in ("PySide6", "shiboken6", "pytestqt"):
                raise ModuleNotFoundError(f"No module named {name!r} (ANNOTATOR_WITHOUT_QT=1)", name=name)
            return None

    sys.meta_path.insert(0, _NoQt())
    collect_ignore = ["gui"]

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


if WITHOUT_QT:

    @pytest.fixture
    def qapp():
        pytest.skip("needs Qt, and this run has none (ANNOTATOR_WITHOUT_QT=1)")

    @pytest.fixture
    def qtbot():
        pytest.skip("needs Qt, and this run has none (ANNOTATOR_WITHOUT_QT=1)")
