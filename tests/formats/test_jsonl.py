"""The native JSON Lines format: lossless, byte for byte."""

from __future__ import annotations

import json

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.store.project import GOLD
from annotator.transfer.export import export_project
from tests.formats.common import TEXTS, ImportFormatTest


class TestJsonl(ImportFormatTest):
    format = "jsonl"
    layer = None
    round_trip_file = "data.jsonl"

    def bad_inputs(self, tmp_path):
        good = {"name": "a", "text": "زار بشار الأسد دمشق", "annotations": [
            {"annotator": "x", "status": "done", "spans": [{"id": "T1", "label": "GPE", "fragments": [[15, 19]], "surfaces": ["دمشق"]}]}]}
        cases = {
            "surface": ({**good, "annotations": [{"annotator": "x", "spans": [{"id": "T1", "label": "GPE", "fragments": [[0, 3]],
                                                                               "surfaces": ["دمشق"]}]}]}, "the text there is"),
            "outside": ({**good, "annotations": [{"annotator": "x", "spans": [{"id": "T1", "label": "GPE", "fragments": [[10, 99]]}]}]},
                        "outside the text"),
            "label": ({**good, "annotations": [{"annotator": "x", "spans": [{"id": "T1", "label": "CITY", "fragments": [[15, 19]]}]}]},
                      "CITY"),
            "ref": ({**good, "annotations": [{"annotator": "x", **good["annotations"][0],
                                              "relations": [{"id": "R1", "type": "LocatedIn", "source": "T1", "target": "T9"}]}]}, "T9"),
            "sha": ({**good, "sha256": "0" * 64}, "sha256"),
        }
        out = []
        for name, (record, expected) in cases.items():
            path = tmp_path / f"{name}.jsonl"
            path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
            out.append((path, expected))
        broken = tmp_path / "broken.jsonl"
        broken.write_text('{"text": "نص"}\n{"text": \n', encoding="utf-8")
        out.append((broken, "line 2"))
        return [(p, e if e == "line 2" else e) for p, e in out]

    def test_round_trip_is_byte_exact_and_keeps_every_layer(self, rich, tmp_path):
        export_project(rich, "jsonl", tmp_path / "a.jsonl")
        with Project.create(tmp_path / "b.annotproj", scheme=rich.scheme, annotator="someone") as q:
            report = q.import_files([tmp_path / "a.jsonl"])
            assert len(report.added) == 5 and report.events == 4 and report.relations == 2 and report.stances == 1
            export_project(q, "jsonl", tmp_path / "b.jsonl")
            assert set(q.annotators()) >= {"lina", GOLD}
            assert q.conn.execute("SELECT kind FROM annotators WHERE name = ?", (GOLD,)).fetchone()[0] == "gold"
        assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
        lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
        first = lines[0]
        assert list(first)[:7] == ["name", "text", "meta", "sha256", "offset_unit", "scheme", "annotations"]
        assert first["offset_unit"] == "codepoint" and first["scheme"]["sha256"] == rich.scheme.sha256
        lina = next(layer for layer in first["annotations"] if layer["annotator"] == "lina")
        assert lina["status"] == "done" and lina["notes"] == ["checked twice"] and lina["doc_labels"] == {"topic": ["politics", "military"]}
        assert lina["normalizations"][0]["reference"] == "Wikipedia:4848272"
        assert lina["stances"][0]["holder"].startswith("T") and lina["events"][0]["attributes"] == {"Realis": "planned"}
        raw = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
        assert raw == [json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in lines]  # plain json.dumps output
        for line in lines:  # every surface is the text at its offsets
            for layer in line["annotations"]:
                for span in layer.get("spans", []):
                    assert [line["text"][a:b] for a, b in span["fragments"]] == span["surfaces"]
        assert "\r" not in lines[-1]["text"] and lines[-1]["text"] == TEXTS["crlf"].replace("\r\n", "\n")

    def test_the_bulk_reader_gives_what_the_api_gives(self, rich):
        ids = rich.document_ids()
        for doc, layers in rich.iter_export(ids):
            for who, ann in layers.items():
                api = rich.annotations(doc.id, who)
                assert ann == api, (doc.name, who)

    def test_importing_annotations_for_a_known_text_attaches_them(self, rich, tmp_path):
        export_project(rich, "jsonl", tmp_path / "a.jsonl", annotator="lina")
        with Project.create(tmp_path / "c.annotproj", scheme=rich.scheme, annotator="me") as q:
            q.add_documents([rich.text(i) for i in rich.document_ids()])
            report = q.import_files([tmp_path / "a.jsonl"])
            assert report.added == [] and len(report.attached) == 5
            assert q.count_documents() == 5 and len(q.spans(report.attached[0], "lina")) > 0

    def test_a_plain_document_line_still_imports(self, project, tmp_path):
        path = tmp_path / "plain.jsonl"
        path.write_text('{"text": "خبر قصير", "id": "s1", "meta": {"src": "x"}}\n', encoding="utf-8")
        report = project.import_files([path])
        assert project.document(report.added[0]).meta == {"src": "x"}

    def test_crlf_text_with_annotations_is_refused(self, project, tmp_path):
        path = tmp_path / "crlf.jsonl"
        path.write_text(json.dumps({"text": "a\r\nb", "annotations": [{"annotator": "x", "spans": []}]}) + "\n", encoding="utf-8")
        with pytest.raises(InputError, match="CR line ends"):
            project.import_files([path])


LAB_SCHEME = """
[scheme]
name = "lab-events"
version = 3

[[entity]]
label = "PERS"
color = "#e6194b"

[[entity]]
label = "TOWN"
color = "#4363d8"

[[event]]
type = "Protest"
color = "#d62728"
roles = [{ role = "Protester", types = ["PERS"], card = "+" }, { role = "Place", types = ["TOWN"], card = "?" }]

[[relation]]
type = "LivesIn"
arg1 = ["PERS"]
arg2 = ["TOWN"]

[[attribute]]
name = "Certain"
on = ["entity", "event", "relation"]

[stance]
scope = "both"
holder = true
free_targets = true
labels = [{ label = "PRO", color = "#2e7d32" }, { label = "CON", color = "#c62828" }]

[[doc_labels]]
name = "genre"
multi = false
labels = ["news", "opinion"]
"""


def test_a_project_with_its_own_scheme_goes_through_jsonl_into_a_fresh_project_byte_for_byte(tmp_path):
    from annotator.core.scheme import parse_scheme

    source = tmp_path / "lab.toml"
    source.write_text(LAB_SCHEME, encoding="utf-8")
    text = "تظاهرَ أحمدُ في حمصَ 😀 أمس،\nوقال إنه يعيش في حمص منذ 2010."
    with Project.create(tmp_path / "a.annotproj", scheme=parse_scheme(LAB_SCHEME), annotator="lina") as p:
        doc = p.add_documents([{"text": text, "name": "protest", "meta": {"src": "x"}}]).added[0]
        ahmad = p.add_span(doc, "PERS", text.index("أحمدُ"), text.index("أحمدُ") + 5)
        town = p.add_span(doc, "TOWN", text.index("حمصَ"), text.index("حمصَ") + 4)
        ev = p.add_event(doc, "Protest", (0, 6), [("Protester", ahmad), ("Place", town)])
        rel = p.add_relation("LivesIn", ahmad, town)
        p.set_attribute("span", ahmad, "Certain", True)
        p.set_attribute("event", ev, "Certain", True)
        p.set_attribute("relation", rel, "Certain", True)
        p.add_stance(doc, "PRO", "the protest", holder=ahmad, evidence=[town])
        p.set_doc_labels(doc, "genre", ["news"])
        p.add_note(doc, "a note")
        p.set_status(doc, "done")
        p.add_span(doc, "TOWN", text.index("حمص "), text.index("حمص ") + 3, annotator=GOLD)
        export_project(p, "jsonl", tmp_path / "a.jsonl")
    with Project.create(tmp_path / "b.annotproj", annotator="someone") as q:  # the default scheme
        report = q.import_files([tmp_path / "a.jsonl"])
        assert report.events == 1 and report.relations == 1 and report.stances == 1
        assert q.scheme.name == "lab-events"
        export_project(q, "jsonl", tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    first = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["scheme"]["toml"] == LAB_SCHEME


def test_a_carried_scheme_only_grows_a_project_that_has_documents(tmp_path):
    from annotator.core.scheme import parse_scheme

    with Project.create(tmp_path / "a.annotproj", scheme=parse_scheme(LAB_SCHEME), annotator="lina") as p:
        doc = p.add_documents(["تظاهر أحمد في حمص."]).added[0]
        p.add_span(doc, "TOWN", 12, 15)
        export_project(p, "jsonl", tmp_path / "a.jsonl")
    with Project.create(tmp_path / "b.annotproj", annotator="someone") as q:
        q.add_documents(["نص آخر."])
        q.import_files([tmp_path / "a.jsonl"])
        assert q.scheme.name == "arabic-news" and "TOWN" in q.scheme.span_labels and "PER" in q.scheme.span_labels


GOOD = {"name": "a", "text": "زار بشار الأسد دمشق", "annotations": [
    {"annotator": "x", "spans": [{"id": "T1", "label": "GPE", "fragments": [[15, 19]]},
                                 {"id": "T2", "label": "PER", "fragments": [[4, 14]]}]}]}


def _with(**layer):
    return {**GOOD, "annotations": [{**GOOD["annotations"][0], **layer}]}


@pytest.mark.parametrize(("line", "expected"), [
    ('{"text": "نص \\ud800 مكسور"}', "lone surrogate"),
    ('{"text": "نص", "id": "\\udc00"}', "lone surrogate"),
    ('{"text": "نص", "meta": {"k": "\\ud83d"}}', "lone surrogate"),
    ('{"text": "نص\\u0000عربي"}', "NUL"),
    (json.dumps(_with(annotator="\udfff"), ensure_ascii=True), "lone surrogate"),
    (json.dumps(_with(spans=[{"id": ["T1"], "label": "GPE", "fragments": [[15, 19]]}])), "must be a string or a whole number"),
    (json.dumps(_with(relations=[{"type": "LocatedIn", "source": ["T2"], "target": "T1"}])), "must be a string or a whole number"),
    (json.dumps(_with(spans=[{"id": "T1", "label": "GPE", "fragments": [[15, 19]]}, {"id": "T1", "label": "PER", "fragments": [[4, 14]]}])),
     "two spans have the id 'T1'"),
    (json.dumps(_with(events=[{"id": "E1", "type": "Movement", "trigger": "T1"}, {"id": "E1", "type": "Movement", "trigger": "T2"}])),
     "two events have the id 'E1'"),
    (json.dumps(_with(spans=[{"id": "T1", "label": "GPE", "fragments": [[15, 19]], "attributes": {"Specificity": {"a": 1}}}])),
     "a value is true or false"),
    (json.dumps(_with(spans=[{"id": "T1", "label": "GPE", "fragments": [[15, 19]], "attributes": {"Colour": "red"}}])),
     "attribute Colour"),
    (json.dumps(_with(spans=[{"id": "T1", "label": "GPE", "fragments": [[15, 19]], "attributes": {"Specificity": "maybe"}}])),
     "the scheme allows"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_bad_input_is_one_sentence_never_an_internal_error(tmp_path, line, expected):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotproj", annotator="x") as p:
        with pytest.raises(InputError) as err:
            p.import_files([path])
        msg = str(err.value)
        assert str(path) in msg and expected in msg and "\n" not in msg, msg
        assert p.count_documents() == 0
