"""The annotation scheme: the default loads; errors name the line; hotkey conflicts."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemeError
from annotator.core.scheme import (
    cardinality_bounds,
    default_scheme,
    default_scheme_path,
    dump_scheme,
    load_scheme,
    parse_scheme,
)

DEFAULT = default_scheme_path().read_text(encoding="utf-8")


def line_of(source: str, needle: str) -> int:
    return next(n for n, line in enumerate(source.splitlines(), 1) if needle in line)


def test_default_scheme_covers_arabic_news():
    s = default_scheme()
    assert s.name == "arabic-news"
    assert {"PER", "ORG", "GPE", "LOC", "FAC", "WEA", "VEH"} <= set(s.entity_labels)
    assert {"Movement", "Attack", "Meeting", "Statement", "Agreement", "Arrest"} <= set(s.event_types)
    mover = s.event("Movement").role("Mover")
    assert mover.minimum == 1 and mover.maximum is None and "GPE" in mover.types
    assert s.relation("LocatedIn").arg2 == ("GPE", "LOC", "FAC")
    assert s.attribute("Realis").values[0] == "actual" and s.attribute("Negated").binary
    assert s.stance_labels == ["FAVOR", "AGAINST", "NEUTRAL"] and s.stance.scope == "both"
    assert s.doc_label_set("topic").multi and not s.doc_label_set("reliability").multi
    for item in [*s.entities, *s.events]:
        assert item.en and item.ar, item
    assert s.warnings == []


def test_role_naming_an_undefined_entity_type_is_an_error_with_its_line():
    bad = DEFAULT.replace('{ role = "Instrument", types = ["WEA", "VEH"]', '{ role = "Instrument", types = ["WEAPON", "VEH"]')
    assert bad != DEFAULT
    with pytest.raises(SchemeError) as err:
        parse_scheme(bad, "news.toml")
    msg = str(err.value)
    line = line_of(bad, '"WEAPON"')
    assert msg.startswith(f"news.toml, line {line}:")
    assert "'Instrument'" in msg and "'WEAPON'" in msg and msg.count(".") >= 1


def test_toml_syntax_error_names_line():
    with pytest.raises(SchemeError, match=r"^s.toml, line 3: "):
        parse_scheme('[scheme]\nname = "x"\n[[entity]\nlabel = "A"\n', "s.toml")


@pytest.mark.parametrize(
    ("snippet", "needle", "fragment"),
    [
        ('[scheme]\nname="x"\n[[entity]]\nlabel="A"\ncolor="red"\n', 'color="red"', "not of the form #rrggbb"),
        ('[scheme]\nname="x"\n[[entity]]\nlabel="A"\n[[entity]]\nlabel="A"\n', '[[entity]]', "defined twice"),
        ('[scheme]\nname="x"\n[[entity]]\nlabel="A"\n[[event]]\ntype="E"\nroles=[{role="R", types=["A"], card="2"}]\n', "roles", "cardinality"),
        ('[scheme]\nname="x"\n[[entity]]\nlabel="A"\n[[relation]]\ntype="r"\narg1=["A"]\narg2=["B"]\n', 'arg2=["B"]', "undefined entity type 'B'"),
        ('[scheme]\nname="x"\n[[attribute]]\nname="n"\non=["thing"]\n', 'on=["thing"]', "'on' must list"),
        ('[scheme]\nname="x"\n[stance]\nscope="world"\nlabels=[{label="F"}]\n', 'scope="world"', "stance scope"),
        ('[scheme]\nname="x"\n[[entity]]\nlabel="A"\nparent="Z"\n', 'parent="Z"', "undefined parent"),
    ],
)
def test_semantic_errors_name_the_line(snippet, needle, fragment):
    with pytest.raises(SchemeError) as err:
        parse_scheme(snippet, "s.toml")
    expected = line_of(snippet, needle) if needle != "[[entity]]" else 5
    assert str(err.value).startswith(f"s.toml, line {expected}:"), str(err.value)
    assert fragment in str(err.value)


def test_scheme_without_name_is_refused():
    with pytest.raises(SchemeError, match="needs a \\[scheme\\] table with a name"):
        parse_scheme('[[entity]]\nlabel="A"\n', "s.toml")


def test_conflicting_hotkeys_are_reported():
    s = parse_scheme('[scheme]\nname="x"\n[[entity]]\nlabel="A"\nhotkey="p"\n[[entity]]\nlabel="B"\nhotkey="P"\n', "s.toml")
    assert len(s.warnings) == 1
    assert "'B'" in s.warnings[0] and "'A'" in s.warnings[0] and "line 8" in s.warnings[0]
    assert s.hotkeys() == {"p": "A"}


def test_hierarchy_accepts_subtypes():
    s = parse_scheme('[scheme]\nname="x"\n[[entity]]\nlabel="LOC"\n[[entity]]\nlabel="CITY"\nparent="LOC"\n', "s.toml")
    assert s.accepts(["LOC"], "CITY") and not s.accepts(["CITY"], "LOC")


def test_dump_round_trips():
    s = default_scheme()
    again = parse_scheme(dump_scheme(s))
    assert (again.entities, again.events, again.relations, again.attributes, again.stance, again.doc_labels) == (
        s.entities, s.events, s.relations, s.attributes, s.stance, s.doc_labels)


def test_missing_file(tmp_path):
    with pytest.raises(SchemeError, match="no such scheme file"):
        load_scheme(tmp_path / "nope.toml")


@pytest.mark.parametrize(("card", "bounds"), [("?", (0, 1)), ("*", (0, None)), ("+", (1, None)), ("{2}", (2, 2)), ("{1-3}", (1, 3))])
def test_cardinalities(card, bounds):
    assert cardinality_bounds(card) == bounds


@pytest.mark.parametrize(("source", "expected"), [
    ('[scheme]\nname = "x"\n[stance]\nlabels = 5\n', "line 4: stance labels must be a list"),
    ('[scheme]\nname = "x"\n[[entity]]\nlabel = "A"\nparent = "B"\n[[entity]]\nlabel = "B"\nparent = "A"\n', "a cycle"),
    ('stance = 5\n[scheme]\nname = "x"\n', "[stance] must be a table"),
])
def test_malformed_schemes_are_one_sentence(source, expected):
    from annotator.core.errors import SchemeError
    from annotator.core.scheme import parse_scheme

    with pytest.raises(SchemeError) as err:
        parse_scheme(source, origin="s.toml")
    assert "s.toml" in str(err.value) and expected in str(err.value)


def test_unknown_keys_are_warned_about_with_their_line():
    from annotator.core.scheme import default_scheme_path, dump_scheme, load_scheme, parse_scheme

    s = parse_scheme('[scheme]\nname = "x"\n[[entity]]\nlabel = "A"\n[[entity]]\nlabel = "B"\ncolour = "#ffffff"\n', origin="s.toml")
    assert s.warnings == ["s.toml, line 7: unknown key 'colour' in [entity] is ignored."]
    default = load_scheme(default_scheme_path())
    assert default.warnings == [] and parse_scheme(dump_scheme(default)).warnings == []
