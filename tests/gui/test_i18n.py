"""The Arabic translation covers every string of the window and its .qm is up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from annotator.gui.app.i18n import qm_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_ui_string_has_an_arabic_translation():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_compiled_translation_matches_its_source(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    ts = ROOT / "resources" / "i18n" / "annotator_ar.ts"
    shutil.copyfile(ts, tmp_path / ts.name)
    translations.lrelease(tmp_path / ts.name, tmp_path / "fresh.qm")
    assert (tmp_path / "fresh.qm").read_bytes() == Path(qm_path("ar")).read_bytes()


def test_the_translator_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(qm_path("ar"))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Actions", "&Undo") == "&تراجع"
        assert QCoreApplication.translate("MainWindow", "Documents") == "الوثائق"
    finally:
        qapp.removeTranslator(translator)


def test_counted_messages_have_english_and_the_six_arabic_plural_forms(qapp):
    from annotator.gui.app.i18n import apply_language

    def spans(n: int) -> str:
        return QCoreApplication.translate("AnnotationsPanel", "%n spans", None, n)

    try:
        apply_language(qapp, "en")
        assert [spans(n) for n in (1, 2)] == ["1 span", "2 spans"]
        apply_language(qapp, "ar")
        assert [spans(n) for n in (0, 1, 2, 5, 11, 100)] == ["لا وسوم", "وسم واحد", "وسمان", "5 وسوم", "11 وسمًا", "100 وسم"]
        assert QCoreApplication.translate("ProblemsPanel", "%n problems", None, 2) == "مشكلتان"
    finally:
        apply_language(qapp, "en")
