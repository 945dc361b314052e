"""The options formats declare (which the window offers) are the command line's, and real."""

from __future__ import annotations

import click
import pytest

from annotator import formats
from annotator.cli import cli
from annotator.transfer.export import export_project
from tests.conftest import CORPUS


def cli_option(verb: str, flag: str) -> click.Option:
    # the group adds a verb's format options when the verb is looked up, as a run does
    command = cli.get_command(click.Context(cli), verb)
    found = [p for p in command.params if isinstance(p, click.Option) and flag in p.opts]
    assert found, f"annotator {verb} has no {flag}"
    return found[0]


def declared(kind: str) -> list[tuple[str, object]]:
    return [(f.name, o) for f in map(formats.get, formats.names()) for o in getattr(f, f"{kind}_options")]


@pytest.mark.parametrize(("kind", "verb"), [("read", "import"), ("write", "export")])
def test_every_declared_option_is_the_command_lines(kind, verb):
    assert declared(kind)
    for name, opt in declared(kind):
        fmt = formats.get(name)
        assert fmt.can_read if kind == "read" else fmt.can_write
        param = cli_option(verb, opt.flag)
        if opt.is_flag:
            assert param.is_flag and isinstance(opt.default, bool), opt
        else:
            assert tuple(param.type.choices) == opt.choices and opt.default in opt.choices, opt


def test_formats_without_annotations_take_no_options():
    for name in ("txt", "csv"):
        assert formats.get(name).read_options == ()


@pytest.mark.parametrize("name", [n for n in formats.names() if formats.get(n).write_options])
def test_each_write_option_changes_what_is_written(rich, tmp_path, name):
    fmt = formats.get(name)
    base = export_project(rich, name, tmp_path / "default", gold=name != "stance", annotator="lina" if name == "stance" else None)
    for opt in fmt.write_options:
        values = [not opt.default] if opt.is_flag else [c for c in opt.choices if c != opt.default]
        for value in values:
            out = tmp_path / f"{opt.name}-{value}"
            m = export_project(rich, name, out, gold=name != "stance", annotator="lina" if name == "stance" else None,
                               options={opt.name: value})
            assert m.data["options"] == {opt.name: value}
            assert {p: f["sha256"] for p, f in m.data["files"].items()} != \
                   {p: f["sha256"] for p, f in base.data["files"].items()}, (opt.name, value)


def test_conll_read_options_change_what_is_read(tmp_path):
    from annotator import Project

    counts = {}
    for policy in formats.get("conll").read_options[1].choices:
        with Project.create(tmp_path / f"{policy}.annotproj") as p:
            counts[policy] = p.import_files([CORPUS / "wojood" / "val.txt"], add_labels=True, nested=policy).spans
    assert counts["columns"] == 470 and counts["outermost"] < 470 and counts["innermost"] < 470
