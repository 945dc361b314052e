"""Stance rows (and the ANS corpus), doccano (UTF-16 offsets) and Label Studio (code points)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.transfer.export import export_project
from tests.conftest import CORPUS
from tests.formats.common import ImportFormatTest

ANS = CORPUS / "ans_stance" / "stance_test_first100.csv"
EMOJI = "😀🇸🇾 زار بشار الأسد دمشق"


def utf16(text: str, start: int, end: int) -> str:
    """Slice ``text`` by UTF-16 offsets, as JavaScript does."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


class TestStance(ImportFormatTest):
    format = "stance"
    layer = "lina"
    options = {"stance_format": "jsonl"}
    round_trip_file = "data.jsonl"

    def bad_inputs(self, tmp_path):
        header = tmp_path / "header.csv"
        header.write_text("a,b\n1,2\n", encoding="utf-8")
        empty = tmp_path / "empty.csv"
        empty.write_text("s1,s2,stance\nهدف,,agree\n", encoding="utf-8")
        return [(header, "line 1"), (empty, "line 2")]

    def test_ans_import_counts_and_labels(self, project, tmp_path):
        with ANS.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        report = project.import_files([ANS])
        assert report.stances == len(rows) == 100
        assert project.stats()["stances"] == dict(Counter(r["stance"] for r in rows))
        assert project.count_documents() == len({r["s2"] for r in rows})
        assert set(project.scheme.stance_labels) >= {"agree", "disagree", "other"}
        doc = project.find_document(name="stance_test_first100:2")
        st = project.stances(doc.id)[0]
        assert project.text(doc.id) == rows[0]["s2"] and st.target == rows[0]["s1"] and st.target_kind == "text" and st.holder is None
        export_project(project, "stance", tmp_path / "s.csv")
        with (tmp_path / "s.csv").open(encoding="utf-8", newline="") as fh:
            out = list(csv.DictReader(fh))
        assert len(out) == 100 and Counter(r["label"] for r in out) == Counter(r["stance"] for r in rows)

    def test_ans_labels_can_be_mapped_onto_the_scheme(self, project):
        project.import_files([ANS], label_map={"agree": "FAVOR", "disagree": "AGAINST", "other": "NEUTRAL"})
        assert set(project.stats()["stances"]) <= {"FAVOR", "AGAINST", "NEUTRAL"}
        assert project.scheme.stance_labels == ["FAVOR", "AGAINST", "NEUTRAL"]


class TestDoccano(ImportFormatTest):
    format = "doccano"
    round_trip_file = "data.jsonl"

    def bad_inputs(self, tmp_path):
        half = tmp_path / "half.jsonl"
        half.write_text(json.dumps({"text": EMOJI, "label": [[1, 4, "PER"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
        out = tmp_path / "out.jsonl"
        out.write_text(json.dumps({"text": "نص", "label": [[0, 40, "PER"]]}) + "\n", encoding="utf-8")
        five = tmp_path / "five.jsonl"
        five.write_text(json.dumps({"text": "نص", "label": 5}) + "\n", encoding="utf-8")
        listed = tmp_path / "listed.jsonl"
        listed.write_text(json.dumps({"text": "نص عربي", "entities": [{"id": [1], "label": "PER", "start_offset": 0,
                                                                        "end_offset": 2}]}) + "\n", encoding="utf-8")
        return [(half, "line 1"), (out, "line 1"), (five, "must be a list"), (listed, "string or a whole number")]

    def test_utf16_offsets_both_ways(self, project, tmp_path):
        start = len("😀🇸🇾 زار ".encode("utf-16-le")) // 2
        path = tmp_path / "d.jsonl"
        line = {"text": EMOJI, "label": [[start, start + 10, "PER"]], "source": "tweet"}
        path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        doc = project.import_files([path]).added[0]
        span = project.spans(doc)[0]
        assert span.surface == "بشار الأسد" and span.start == EMOJI.index("بشار")
        assert project.document(doc).meta == {"source": "tweet"}
        export_project(project, "doccano", tmp_path / "o.jsonl", annotator="lina")
        back = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
        (s, e, label), = back["label"]
        assert (s, e) == (start, start + 10) and utf16(back["text"], s, e) == "بشار الأسد" and label == "PER"


class TestLabelStudio(ImportFormatTest):
    format = "labelstudio"
    round_trip_file = "data.json"

    def bad_inputs(self, tmp_path):
        notjson = tmp_path / "bad.json"
        notjson.write_text('[{"data": {"text": "x"}},\n', encoding="utf-8")
        notext = tmp_path / "notext.json"
        notext.write_text('[{"data": {"n": 1}}]', encoding="utf-8")
        return [(notjson, "line 2"), (notext, "task 1")]

    def test_tasks_with_emoji_and_two_annotators(self, project, tmp_path):
        start = EMOJI.index("بشار")  # Label Studio counts code points: the flag is two, not four
        d = start + len("بشار الأسد ")

        def result(rid, s, e, label):
            return {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
                    "value": {"start": s, "end": e, "text": EMOJI[s:e], "labels": [label]}}

        tasks = [{"id": 7, "data": {"text": EMOJI}, "annotations": [
            {"completed_by": {"email": "a@x"}, "result": [result("a", start, start + 10, "PER"), result("b", d, d + 4, "GPE"),
                                                        {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["LocatedIn"]}]},
            {"completed_by": 2, "result": [result("c", d, d + 4, "LOC")]}]}]
        path = tmp_path / "ls.json"
        path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        doc = project.import_files([path]).added[0]
        assert [s.surface for s in project.spans(doc, "labelstudio-a@x")] == ["بشار الأسد", "دمشق"]
        assert [s.label for s in project.spans(doc, "labelstudio-2")] == ["LOC"]
        assert project.relations(doc, "labelstudio-a@x")[0].type == "LocatedIn"
        m = export_project(project, "labelstudio", tmp_path / "o.json", annotator="labelstudio-a@x")
        out = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
        res = out[0]["annotations"][0]["result"]
        text = out[0]["data"]["text"]
        assert [text[r["value"]["start"]:r["value"]["end"]] for r in res if r["type"] == "labels"] == ["بشار الأسد", "دمشق"]
        assert res[-1] == {"type": "relation", "from_id": "T1", "to_id": "T2", "direction": "right", "labels": ["LocatedIn"]}
        assert m.data["offset_unit"] == "codepoint"

    def test_label_studio_s_own_emoji_example(self, project, tmp_path):
        # HumanSignal/label-studio web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts:
        # the region "test" is at 21..25 of this text (UTF-16 would say 22..26)
        text = "\U0001F431 Warning: This is a test text"
        task = [{"id": 1, "data": {"text": text}, "annotations": [{"result": [
            {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": 21, "end": 25, "text": "test", "labels": ["MISC"]}}]}]}]
        path = tmp_path / "cat.json"
        path.write_text(json.dumps(task), encoding="utf-8")
        doc = project.import_files([path]).added[0]
        assert [s.surface for s in project.spans(doc)] == ["test"]
        export_project(project, "labelstudio", tmp_path / "back.json", annotator="lina")
        value = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))[0]["annotations"][0]["result"][0]["value"]
        assert (value["start"], value["end"], value["text"]) == (21, 25, "test")

    def test_bad_results_are_one_sentence(self, project, tmp_path):
        cases = {"five": 5, "null": {"start": 0, "end": 2, "labels": None}}
        for name, value in cases.items():
            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps([{"data": {"text": "نص عربي"}, "annotations": [{"result": [
                {"id": "r", "type": "labels", "from_name": "label", "to_name": "text", "value": value}]}]}]), encoding="utf-8")
            with pytest.raises(InputError) as err:
                project.import_files([path])
            assert str(path) in str(err.value) and "result 1" in str(err.value)
        assert project.count_documents() == 0


def test_auto_detection_picks_each_format(tmp_path):
    from annotator import formats

    (tmp_path / "d.jsonl").write_text('{"text": "x", "label": []}\n', encoding="utf-8")
    (tmp_path / "n.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "ls.json").write_text('[{"data": {"text": "x"}}]', encoding="utf-8")
    (tmp_path / "docs.csv").write_text("id,text\n1,x\n", encoding="utf-8")
    found = {p: formats.detect(tmp_path / p).name for p in ("d.jsonl", "n.jsonl", "ls.json", "docs.csv")}
    found["ans"] = formats.detect(ANS).name
    found["aqmar"] = formats.detect(CORPUS / "aqmar" / "Islamic_Golden_Age.txt").name
    found["news"] = formats.detect(CORPUS / "news" / "shaddadi_withdrawal.txt").name
    assert found == {"d.jsonl": "doccano", "n.jsonl": "jsonl", "ls.json": "labelstudio", "docs.csv": "csv",
                     "ans": "stance", "aqmar": "conll", "news": "txt"}


def test_csv_documents(tmp_path):
    path = tmp_path / "docs.csv"
    path.write_bytes("\ufeffid,text,source\r\n1,\"خبر أول\r\nبسطرين\",bbc\r\n2,خبر ثان,\r\n".encode())
    with Project.create(tmp_path / "p.annotproj", annotator="x") as p:
        report = p.import_files([path])
        docs = [p.document(i) for i in report.added]
        assert [(d.name, d.text, d.meta) for d in docs] == [("1", "خبر أول\nبسطرين", {"source": "bbc"}), ("2", "خبر ثان", {})]


def test_label_studio_converter_reads_our_export(tmp_path):
    from label_studio_converter import Converter

    text = "😀🇸🇾 زار بشار الأسد دمشق 👍 أمس مع وفد من روسيا."
    with Project.create(tmp_path / "c.annotproj", annotator="lina") as p:
        doc = p.add_documents([text]).added[0]
        for word, label in (("بشار الأسد", "PER"), ("دمشق", "GPE"), ("روسيا", "GPE")):
            p.add_span(doc, label, text.index(word), text.index(word) + len(word))
        export_project(p, "labelstudio", tmp_path / "ls.json")
    config = ('<View><Labels name="label" toName="text"><Label value="PER"/><Label value="GPE"/></Labels>'
              '<Text name="text" value="$text"/></View>')
    conv = Converter(config=config, project_dir=str(tmp_path), download_resources=False)
    conv.convert_to_json_min(str(tmp_path / "ls.json"), str(tmp_path / "min"), is_dir=False)
    (record,) = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    assert [(r["labels"], record["text"][r["start"] : r["end"]]) for r in record["label"]] == \
        [(["PER"], "بشار الأسد"), (["GPE"], "دمشق"), (["GPE"], "روسيا")]
    conv.convert_to_conll2003(str(tmp_path / "ls.json"), str(tmp_path / "conll"), is_dir=False)
    rows = [ln.split(" ") for ln in (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8").splitlines()[1:] if ln]
    tagged = [(r[0], r[-1]) for r in rows if r[-1] != "O"]
    assert tagged == [("بشار", "B-PER"), ("الأسد", "I-PER"), ("دمشق", "B-GPE"), ("روسيا", "B-GPE")]
