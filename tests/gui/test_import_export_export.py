"""File → Export driven like a user: CoNLL with a split read back by seqeval, the gold
layer as jsonl, the dialog's checks, and a cancel half-way that writes nothing."""

from __future__ import annotations

import json
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from seqeval.metrics.sequence_labeling import get_entities

from annotator.core.model import Annotations, Document, Span
from annotator.store.project import GOLD
from tests.formats.common import build_rich_project
from tests.formats.test_conll import columns_of, raw_sentences
from tests.gui.transfer_helpers import Hold, counted, finish, open_transfer, press_ok

#: (text, [(label, surface)]): diacritics, tatweel, emoji and Latin before the spans.
SAMPLES = [
    ("قالَ الرئيسُ إنَّ القواتِ ستنسحبُ من دمشقَ", [("GPE", "دمشقَ")]),
    ("😀🇸🇾 زار بشار الأسد مدينة حلب", [("PER", "بشار الأسد"), ("GPE", "حلب")]),
    ("أعلنت شركة Apple عن الولايـــات المتحدة", [("ORG", "Apple"), ("GPE", "الولايـــات المتحدة")]),
]


def corpus_project(path, n: int):
    """A project of ``n`` documents (the samples, numbered), spans by 'lina', all done."""
    from annotator.store.project import Project

    p = Project.create(path, annotator="lina")
    docs = []
    for i in range(n):
        text, ents = SAMPLES[i % len(SAMPLES)]
        text = f"{text} {i}"
        spans = [Span(label, [(text.index(s), text.index(s) + len(s))], id=f"T{k}") for k, (label, s) in enumerate(ents)]
        docs.append(Document(text=text, name=f"d{i:04}", annotations={"lina": Annotations(spans=spans, status="done")}))
    p.add_documents(docs)
    return p


def test_conll_with_a_split_renamed_and_filtered_reads_back_in_seqeval(open_window, qtbot, tmp_path):
    w = open_window(corpus_project(tmp_path / "c.annotproj", 60))
    dialog = open_transfer(qtbot, w, "export")
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert [dialog.layer.itemData(i) for i in range(dialog.layer.count())] == [("annotator", "lina")]
    assert counted(qtbot, dialog) == 60 and dialog.count.text().endswith("60")
    out = tmp_path / "conll-out"
    dialog.out.setText(str(out))
    dialog.split_box.setChecked(True)
    dialog.seed.setValue(7)
    dialog.options.widget("scheme_tags").setCurrentIndex(dialog.options.widget("scheme_tags").findData("bioes"))
    dialog.labels.set_export_name("GPE", "LOC")  # GPE becomes LOC
    dialog.labels.set_ticked("ORG", False)  # ORG is left out
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert box.icon() == QMessageBox.Icon.Information and "Documents exported: 60" in box.text()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["split"]["seed"] == 7 and manifest["tag_scheme"] == "bioes" and manifest["layer"] == "lina"
    got: Counter[str] = Counter()
    docstarts = 0
    for part in ("train", "dev", "test"):
        path = out / f"{part}.conll"
        if not path.exists():
            continue
        docstarts += path.read_text(encoding="utf-8").count("-DOCSTART-")
        for col in columns_of(raw_sentences(path)):
            got.update(t for t, _, _ in get_entities(col))  # seqeval reads the BIOES chunks
    assert docstarts == 60 and sum(manifest["counts"]["documents"].values()) == 60
    expected: Counter[str] = Counter()
    for i in range(60):
        for label, _ in SAMPLES[i % len(SAMPLES)][1]:
            if label != "ORG":
                expected["LOC" if label == "GPE" else label] += 1
    assert got == expected


def test_the_gold_layer_of_done_documents_as_jsonl(open_window, qtbot, tmp_path):
    rich = build_rich_project(tmp_path / "rich.annotproj")
    w = open_window(rich)
    dialog = open_transfer(qtbot, w, "export")
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    layers = [dialog.layer.itemData(i) for i in range(dialog.layer.count())]
    assert layers[0] == ("every", None) and ("gold", None) in layers and ("annotator", "lina") in layers
    dialog.layer.setCurrentIndex(layers.index(("gold", None)))
    dialog.done_only.setChecked(True)
    gold_done = [d for d in rich.iter_documents() if rich.status(d.id, GOLD) == "done"]
    assert 0 < len(gold_done) < rich.count_documents()
    assert counted(qtbot, dialog) == len(gold_done) and dialog.count.text().endswith(str(len(gold_done)))
    out = tmp_path / "gold.jsonl"
    dialog.out.setText(str(out))
    press_ok(qtbot, dialog)
    assert "Documents exported" in finish(qtbot, w).text()
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["name"] for r in lines) == sorted(d.name for d in gold_done)
    for r in lines:
        (layer,) = r["annotations"]
        assert layer["annotator"] == GOLD and layer["status"] == "done"
        doc = next(d for d in gold_done if d.name == r["name"])
        text = rich.text(doc.id)
        assert sorted((s["label"], tuple(map(tuple, s["fragments"]))) for s in layer["spans"]) == \
               sorted((s.label, tuple(map(tuple, s.fragments))) for s in rich.spans(doc.id, GOLD))
        for s in layer["spans"]:
            assert [text[a:b] for a, b in s["fragments"]] == s["surfaces"]
    assert (tmp_path / "gold.manifest.json").is_file()


def test_the_dialog_checks_the_choices_in_one_sentence(open_window, qtbot, tmp_path):
    w = open_window(corpus_project(tmp_path / "c.annotproj", 6))
    dialog = open_transfer(qtbot, w, "export")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me", encoding="utf-8")
    checks = [
        (lambda: dialog.out.setText(str(busy)), "holds other files"),
        (lambda: dialog.out.setText(str(tmp_path / "no" / "such" / "out")), "does not exist"),
        (lambda: dialog.out.setText(str(tmp_path / "ok")), None),
        (lambda: (dialog.split_box.setChecked(True), dialog.shares["train"].setValue(70)), "add up to 90 %"),
        (lambda: (dialog.shares["dev"].setValue(0), dialog.shares["test"].setValue(0), dialog.shares["train"].setValue(100)),
         "at least two parts"),
        (lambda: dialog.split_box.setChecked(False), None),
        (lambda: dialog.labels.set_export_name("PER", "A B"), "“A B” cannot be a label"),
        (lambda: dialog.labels.set_export_name("PER", ""), "Give PER a name"),
        (lambda: (dialog.labels.set_export_name("PER", "PER"), dialog.done_only.setChecked(True),
                  w.project.set_status(w.project.document_ids()[0], "in_progress")), None),
    ]
    for change, expected in checks:
        change()
        counted(qtbot, dialog)
        problem = dialog.problem()
        if expected is None:
            assert problem is None, problem
        else:
            assert expected in problem and problem.endswith(".") and "\n" not in problem
            press_ok(qtbot, dialog)
            assert dialog.isVisible() and dialog.error.text() == problem and w.job is None
    assert (busy / "mine.txt").exists()
    for doc in w.project.document_ids():
        w.project.set_status(doc, "in_progress")
    dialog.update_count()
    assert dialog.counted is None and "counting" in dialog.count.text()
    assert counted(qtbot, dialog) == 0 and dialog.count.text().endswith(" 0") and "No documents match" in dialog.problem()


def test_cancel_half_way_through_a_long_export_writes_nothing(open_window, qtbot, tmp_path, monkeypatch):
    w = open_window(corpus_project(tmp_path / "c.annotproj", 300))
    hold = Hold()
    hold.install(monkeypatch)
    dialog = open_transfer(qtbot, w, "export")
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    out = tmp_path / "exports" / "conll"
    out.parent.mkdir()
    dialog.out.setText(str(out))
    press_ok(qtbot, dialog)
    assert hold.reached.wait(20)
    progress = w.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    hold.release()
    assert finish(qtbot, w) is None
    assert hold.first == (25, 300)
    assert "nothing was written" in w.statusBar().currentMessage()
    assert list(out.parent.iterdir()) == []  # no export, no temporary folder


def test_the_dialogs_speak_arabic_right_to_left(open_window, qtbot, tmp_path):
    w = open_window(corpus_project(tmp_path / "c.annotproj", 3), lang="ar")
    file_menu = w.menuBar().actions()[0]
    assert file_menu.text() == "&ملف" and w.actions_.export_files.text() == "ت&صدير…"
    dialog = open_transfer(qtbot, w, "export")
    assert dialog.windowTitle() == "تصدير" and dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert counted(qtbot, dialog) == 3 and dialog.count.text() == "الوثائق التي ستُصدَّر: 3"
    assert dialog.labels.horizontalHeaderItem(3).text() == "يُصدَّر باسم"
    dialog.out.setText("")
    press_ok(qtbot, dialog)
    assert dialog.error.text() == "اختر مكان حفظ التصدير."
    dialog.reject()
    dialog = open_transfer(qtbot, w, "import")
    assert dialog.ok_button.text() == "استيراد" and dialog.format.itemText(0).startswith("تلقائي")


def test_the_label_table_follows_the_command_line_rules(open_window, qtbot, tmp_path):
    w = open_window(corpus_project(tmp_path / "c.annotproj", 3))
    dialog = open_transfer(qtbot, w, "export")
    table = dialog.labels
    scheme = w.project.scheme
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))  # tags tokens: event types unticked
    assert table.mapping() == ({}, None)
    assert [t for _, k, t, _ in table.rows() if k == "event"] == [False] * len(scheme.events)
    table.set_ticked("Movement", True)  # ... and ticking one tags its triggers: exactly the ticked labels
    assert table.mapping() == ({e: "" for e in scheme.event_types if e != "Movement"}, [*scheme.entity_labels, "Movement"])
    table.set_ticked("Movement", False)
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))  # every label by default
    assert all(t for _, _, t, _ in table.rows()) and table.mapping() == ({}, None)
    relation = scheme.relations[0].type
    table.set_ticked(relation, False)
    table.set_export_name("GPE", "LOC")
    assert table.mapping() == ({relation: "", "GPE": "LOC"}, None)  # relations drop through the map alone
    table.set_ticked("DATE", False)
    label_map, labels = table.mapping()
    assert label_map == {relation: "", "GPE": "LOC", "DATE": ""}
    assert "DATE" not in labels and "GPE" not in labels and labels.count("LOC") == 1 and "Movement" in labels
    assert table.item(table.row_of("GPE"), table.EXPORT).font().bold()


def test_a_corrupt_span_is_one_sentence_and_nothing_is_written(open_window, qtbot, tmp_path):
    import sqlite3

    w = open_window(corpus_project(tmp_path / "c.annotproj", 5))
    doc = w.project.find_document(name="d0002").id
    span = w.project.spans(doc, "lina")[0]
    conn = sqlite3.connect(w.project.path)  # another program damages the file
    conn.execute("UPDATE fragments SET surface = 'Orange' WHERE span_id = ?", (span.id,))
    conn.commit()
    conn.close()
    dialog = open_transfer(qtbot, w, "export")
    dialog.format.setCurrentIndex(dialog.format.findData("brat"))
    out = tmp_path / "exports" / "brat"
    out.parent.mkdir()
    dialog.out.setText(str(out))
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert box.icon() == QMessageBox.Icon.Warning and box.windowTitle() == "Export failed"
    assert "d0002" in box.text() and f"span {span.id}" in box.text() and "\n" not in box.text()
    assert list(out.parent.iterdir()) == []
