"""Fixtures for the format tests."""

from __future__ import annotations

import pytest

from tests.formats.common import build_rich_project


@pytest.fixture
def rich(tmp_path):
    """The rich project of the round-trip base, for module-level tests."""
    p = build_rich_project(tmp_path / "rich.annotproj")
    yield p
    p.close()
