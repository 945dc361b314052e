"""The collector pause: off inside, back as it was found however the block ends."""

from __future__ import annotations

import gc

import pytest

from annotator import Project
from annotator.core.collector import collector_paused
from annotator.core.errors import InputError


def test_the_collector_is_off_inside_and_back_on_after_an_error():
    assert gc.isenabled()
    with pytest.raises(KeyError):
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # a nested pause leaves it to the outer one
                pass
            assert not gc.isenabled()
            raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left off, as it was found
    finally:
        gc.enable()


def test_an_import_runs_with_the_collector_paused_and_leaves_it_on(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text("زار O\nدمشق B-GPE\n", encoding="utf-8")
    seen = []
    with Project.create(tmp_path / "p.annotproj", annotator="x") as p:
        p.import_files([path], reading=lambda *_: seen.append(gc.isenabled()))
        with pytest.raises(InputError):  # a failed import turns it back on too
            p.import_files([tmp_path / "missing.conll"], format="conll")
    assert seen == [False] and gc.isenabled()
