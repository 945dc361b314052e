"""Fixtures for the format tests."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # datasets reads local folders only: never ask the hub
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from tests.formats.common import build_rich_project


@pytest.fixture
def rich(tmp_path):
    """The rich project of the round-trip base, for module-level tests."""
    p = build_rich_project(tmp_path / "rich.annotproj")
    yield p
    p.close()
