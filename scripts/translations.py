"""Update the UI translations: collect the strings of annotator/gui/ into
resources/i18n/annotator_LANG.ts (lupdate), then compile them to .qm (lrelease).

    python scripts/translations.py            # update the .ts files and build the .qm files
    python scripts/translations.py --check    # exit 1 if a .ts lacks a string or a translation

Translate new strings in the .ts files (Qt Linguist: `pyside6-linguist`, or any editor),
then run the script again.  The tools are the ones shipped inside PySide6.

Messages with a count (``self.tr("%n spans", None, n)``) have one form per plural
category of the language: two in English, six in Arabic (0, 1, 2, 3-10, 11-99, 100+).
English is the source language, so ``annotator_en.ts`` holds only those messages
(``lupdate -pluralonly``), to say "1 span" and "2 spans".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
SOURCES = sorted((ROOT / "annotator" / "gui").rglob("*.py"))  # feature folders too
LANGUAGES = ("ar", "en")
#: Languages whose file holds only the messages with plural forms (the source language).
PLURAL_ONLY = ("en",)


def tool(name: str) -> str:
    """Return the path of PySide6's ``lupdate`` or ``lrelease``."""
    inside = Path(PySide6.__file__).parent / name
    if inside.exists():
        return str(inside)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    raise SystemExit(f"{name} not found: install PySide6-Essentials.")


def lupdate(ts: Path, lang: str) -> None:
    extra = ["-pluralonly"] if lang in PLURAL_ONLY else []
    subprocess.run([tool("lupdate"), *map(str, SOURCES), "-ts", str(ts), "-target-language", lang,
                    "-no-obsolete", "-locations", "none", "-silent", *extra], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm), "-silent"], check=True)


def problems(ts: Path) -> list[str]:
    """Return the strings of ``ts`` with no finished translation."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            text = " ".join(forms) if message.get("numerus") == "yes" else (tr.text if tr is not None else "")
            if (tr is None or not (text or "").strip() or any(not f.strip() for f in forms)
                    or tr.get("type") in ("unfinished", "vanished", "obsolete")):
                out.append(f"{name}: {message.findtext('source')!r}")
    return out


def check() -> int:
    """Return 1 if a .ts misses a string of the sources or a translation, else 0."""
    bad = 0
    for lang in LANGUAGES:
        ts = I18N / f"annotator_{lang}.ts"
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copyfile(ts, fresh)
            lupdate(fresh, lang)
            for p in problems(fresh):
                print(f"{ts.name}: untranslated {p}")
                bad = 1
    return bad


def main() -> int:
    if "--check" in sys.argv:
        return check()
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = I18N / f"annotator_{lang}.ts"
        lupdate(ts, lang)
        lrelease(ts, ts.with_suffix(".qm"))
        for p in problems(ts):
            print(f"{ts.name}: untranslated {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
