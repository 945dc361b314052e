"""File → Import driven like a user: real files in, the window refreshed, bad input one
sentence with the project unchanged, a cancel half-way with the project unchanged."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from tests.conftest import CORPUS
from tests.formats.test_conll import raw_type_counts
from tests.gui.transfer_helpers import Hold, finish, open_transfer, press_ok
from tests.store.test_import_cancel import every_row

AQMAR = CORPUS / "aqmar" / "Islamic_Golden_Age.txt"
FIRST = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي"
TEXTS = {
    "diacritics": "قالَ الرئيسُ الأمريكيُّ إنَّ القواتِ ستنسحبُ",
    "crlf": "سطر أول\r\nسطر ثان في دمشق\r\n",
    "emoji": "😀🇸🇾 زار بشار الأسد مدينة حلب في 2024",
}


def test_a_folder_of_text_files_comes_in_and_the_window_shows_it(open_window, qtbot, tmp_path):
    w = open_window([FIRST])
    w.project.add_span(w.doc_id, "GPE", 5, 21)  # an undo step from before the import
    w._update_undo_actions()
    assert w.actions_.undo.isEnabled()
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    for name, text in TEXTS.items():
        (folder / ("more" if name == "emoji" else ".") / f"{name}.txt").write_bytes(text.encode("utf-8"))
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([folder])
    assert dialog.paths.item(0).text().endswith("txt")  # the detected format
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert box.icon() == QMessageBox.Icon.Information and "Documents added: 3" in box.text()
    assert w.doc_model.rowCount() == 4 and "4" in w.documents_panel.summary.text()
    names = {w.doc_model.info(r).name for r in range(4)}
    assert names == {"doc1", "diacritics", "crlf", "more/emoji"}
    stored = {d.name: w.project.text(d.id) for d in w.project.iter_documents()}
    assert stored["crlf"] == TEXTS["crlf"].replace("\r\n", "\n") and stored["more/emoji"] == TEXTS["emoji"]
    assert stored["diacritics"] == TEXTS["diacritics"]
    assert not w.actions_.undo.isEnabled() and not w.project.can_undo  # steps do not cross an import
    assert w.doc_id is not None and w.text == FIRST


def test_a_conll_file_brings_its_labels_into_the_palette(open_window, qtbot):
    w = open_window([FIRST])
    assert "MIS1" not in w.label_actions
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([AQMAR])
    assert "conll" in dialog.paths.item(0).text()
    assert set(dialog.options.widgets) == {"scheme_tags", "nested", "add_labels"}  # conll's own options
    dialog.options.widget("add_labels").setChecked(True)
    dialog.annotator.setCurrentText("omar")
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert "New labels in the scheme: MIS1" in box.text() and box.detailedText()
    assert "MIS1" in w.label_actions  # the palette follows the new scheme
    buttons = w.palette_widget.findChildren(QToolButton)
    assert any(b.defaultAction() is w.label_actions["MIS1"] for b in buttons)
    doc = next(d.id for d in w.project.iter_documents() if d.name == AQMAR.stem)
    counts: dict[str, int] = {}
    for span in w.project.spans(doc, "omar"):
        counts[span.label] = counts.get(span.label, 0) + 1
    assert counts == dict(raw_type_counts(AQMAR))  # counted straight from the file's B- tags
    w.open_document(doc)
    qtbot.waitUntil(lambda: w.ready, timeout=5000)
    assert w.text.split()[:2] == [ln.split()[0] for ln in AQMAR.read_text(encoding="utf-8").splitlines()[:2]]


def test_a_bad_file_is_one_sentence_and_changes_nothing(open_window, qtbot, tmp_path):
    w = open_window([FIRST])
    good = tmp_path / "good.conll"
    good.write_text("زار O\nبشار B-PER\nالأسد I-PER\n", encoding="utf-8")
    bad = tmp_path / "bad.conll"
    bad.write_text("زار O\nبشار B-PER\nالأسد\n", encoding="utf-8")  # line 3 has no tag
    before = every_row(w.project)
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([good, bad])
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert box.icon() == QMessageBox.Icon.Warning
    text = box.text()
    assert "bad.conll" in text and "line 3" in text and "\n" not in text and "Traceback" not in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert every_row(w.project) == before and w.doc_model.rowCount() == 1


def test_the_dialog_says_what_is_missing_before_anything_runs(open_window, qtbot, tmp_path):
    w = open_window([FIRST])
    dialog = open_transfer(qtbot, w, "import")
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and "at least one file" in dialog.error.text() and w.job is None
    odd = tmp_path / "notes.xyz"
    odd.write_text("?", encoding="utf-8")
    dialog.add_paths([odd])
    press_ok(qtbot, dialog)
    assert "notes.xyz" in dialog.error.text() and "Format" in dialog.error.text()
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    assert list(dialog.options.widgets) == []  # txt has no options
    dialog.renames.setText("PERS=PER, ORG")
    press_ok(qtbot, dialog)
    assert "“ORG”" in dialog.error.text() and dialog.isVisible() and w.job is None
    dialog.renames.setText("PERS=PER")
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    finish(qtbot, w)
    assert w.doc_model.rowCount() == 2


def test_cancel_half_way_through_a_long_import_changes_nothing(open_window, qtbot, tmp_path, monkeypatch):
    w = open_window([FIRST])
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(1000):
            text = f"زار بشار الأسد مدينة حلب رقم {i}"
            fh.write(json.dumps({"text": text, "name": f"n{i}", "annotations": [
                {"annotator": "sara", "spans": [{"id": "T1", "label": "PER", "fragments": [[4, 14]], "surfaces": ["بشار الأسد"]}]}]},
                ensure_ascii=False) + "\n")
    before = every_row(w.project)
    hold = Hold()
    hold.install(monkeypatch)
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([big])
    press_ok(qtbot, dialog)
    assert hold.reached.wait(20)
    progress = w.progress_dialog
    qtbot.waitUntil(progress.isVisible, timeout=3000)  # the window is not frozen: it shows and paints the dialog
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert w.job.is_cancelled() and not progress.cancel_button.isEnabled()
    hold.release()
    assert finish(qtbot, w) is None  # no summary, no error
    assert hold.first == (200, 1000)  # it was cancelled with 200 of 1000 documents written
    assert "cancelled" in w.statusBar().currentMessage()
    assert every_row(w.project) == before and w.doc_model.rowCount() == 1
    assert not progress.isVisible()


def test_renamed_labels_arrive_under_their_new_names(open_window, qtbot):
    wojood = CORPUS / "wojood" / "val.txt"
    w = open_window([FIRST])
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([wojood])
    dialog.renames.setText("PERS=PER")
    dialog.options.widget("add_labels").setChecked(True)
    press_ok(qtbot, dialog)
    box = finish(qtbot, w)
    assert "PERS" not in box.text().split("New labels in the scheme:")[1].split("\n")[0]
    doc = next(d.id for d in w.project.iter_documents() if d.name == wojood.stem)
    per = sum(1 for s in w.project.spans(doc) if s.label == "PER")
    assert per == raw_type_counts(wojood)["PERS"] and "PERS" not in w.label_actions and "PER" in w.label_actions


def test_closing_the_window_mid_import_cancels_it_and_changes_nothing(open_window, qtbot, tmp_path, monkeypatch):
    w = open_window([FIRST])
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(450):
        (folder / f"{i:03}.txt").write_text(f"نص رقم {i}", encoding="utf-8")
    before = every_row(w.project)
    hold = Hold()
    hold.install(monkeypatch)
    dialog = open_transfer(qtbot, w, "import")
    dialog.add_paths([folder])
    press_ok(qtbot, dialog)
    assert hold.reached.wait(20)
    job = w.job
    threading.Timer(0.2, hold.release).start()  # the job's thread goes on while the window waits for it
    w.shutdown()  # what closing the window does: cancel the job and wait for it
    assert job.isFinished() and job.is_cancelled()
    assert every_row(w.project) == before
