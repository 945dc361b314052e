"""Take the README's screenshots: the main window on the shared news article with 20+
entities (some nested), in the English and in the Arabic UI; the same article with events, a
relation and stances (the Events panel with the withdrawal selected, arcs from its trigger
to its arguments, and the Stance panel with Washington's stance selected); the adjudication
view, where lina's and omar's versions of the article are merged into gold; the Import and
Export dialogs.

    Xvfb :99 -screen 0 1600x1000x24 &  DISPLAY=:99 python scripts/screenshots.py [SHOT...]

SHOT is ``workbench``, ``events``, ``adjudication`` or ``dialogs`` (default: all).  Runs in a
real (X11) window when DISPLAY is set, else offscreen; writes docs/screenshots/
workbench-en.png, workbench-ar.png, events-en.png, events-ar.png, stance-en.png,
adjudication-en.png, adjudication-ar.png, export-dialog-en.png, export-dialog-ar.png and
import-dialog-en.png.  User settings and the projects are temporary: nothing of yours is
touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NEWS = ROOT / "tests" / "data" / "corpus" / "news" / "shaddadi_withdrawal.txt"
OUT = ROOT / "docs" / "screenshots"

#: (label, surface, anchor): the span is the first ``surface`` at or after ``anchor``.
ENTITIES = [
    ("ORG", "القوات الأميركية", "القوات الأميركية خارج"),
    ("FAC", "الشدادي", "خارج «الشدادي»"),
    ("GPE", "دمشق", "دمشق تنتظر"),
    ("ORG", "قسد", "و«قسد» لا تفقد"),
    ("ORG", "ميادين المقاومة", "موقع ميادين"),
    ("GPE", "الولايات المتحدة", "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي"),
    ("FAC", "قاعدة الشدادي", "قاعدة الشدادي في الحسكة"),
    ("GPE", "الشدادي", "الشدادي في الحسكة"),
    ("GPE", "الحسكة", "الحسكة، وسط"),
    ("GPE", "سوريا", "سوريا، فيما"),
    ("NORP", "كردية", "كردية إن"),
    ("ORG", "التحالف الدولي", "«التحالف الدولي» لم يُبلغ"),
    ("ORG", "قسد", "«قسد» بأي"),
    ("VEH", "رتل", "دخل رتل"),
    ("VEH", "الآليات", "الآليات والشاحنات عبر"),
    ("VEH", "والشاحنات", "والشاحنات عبر"),
    ("FAC", "معبر اليعربية", "معبر اليعربية في اتجاه مدينة"),
    ("GPE", "اليعربية", "اليعربية في اتجاه مدينة"),
    ("GPE", "مدينة الشدادي", "مدينة الشدادي، بهدف"),
    ("GPE", "الولايات المتحدة", "بدأت الولايات المتحدة انسحابها من قاعدة «"),
    ("FAC", "قاعدة «الشدادي»", "قاعدة «الشدادي» جنوبي"),
    ("GPE", "الشدادي", "الشدادي» جنوبي"),
    ("GPE", "محافظة الحسكة", "محافظة الحسكة، وهي"),
    ("GPE", "الحسكة", "الحسكة، وهي"),
    ("LOC", "الشمال الشرقي", "الشمال الشرقي من البلاد"),
    ("DATE", "أسبوعين", "أسبوعين من سيطرة"),
    ("ORG", "القوات الحكومية", "القوات الحكومية على المدينة"),
    ("DATE", "منتصف العام الجاري", "منتصف العام الجاري"),
    ("FAC", "التنف", "«التنف»"),
]


def at(text: str, surface: str, anchor: str) -> tuple[int, int]:
    start = text.index(surface, text.index(anchor))
    return start, start + len(surface)


def annotate(project, doc: int, text: str) -> int:
    """Add ``ENTITIES`` to the document; return the id of the span to show selected."""
    selected = 0
    for label, surface, anchor in ENTITIES:
        sid = project.add_span(doc, label, *at(text, surface, anchor))
        if surface == "قاعدة الشدادي":
            selected = sid
    return selected


#: How omar's version differs from lina's (``ENTITIES``): relabelled, shorter, left out, added.
OMAR_CHANGES = {
    ("FAC", "قاعدة الشدادي"): ("GPE", "قاعدة الشدادي"),
    ("ORG", "التحالف الدولي"): ("NORP", "التحالف الدولي"),
    ("GPE", "محافظة الحسكة"): ("LOC", "محافظة الحسكة"),
    ("GPE", "مدينة الشدادي"): ("GPE", "الشدادي"),
    ("LOC", "الشمال الشرقي"): ("LOC", "الشمال الشرقي من البلاد"),
    ("FAC", "معبر اليعربية"): ("LOC", "معبر اليعربية"),
    ("VEH", "الآليات"): None,
    ("VEH", "والشاحنات"): None,
    ("DATE", "أسبوعين"): None,
}


def annotate_as(project, doc: int, text: str, who: str, entities: list[tuple[str, str, str]]) -> None:
    """Add ``entities`` to ``who``'s layer (as one undo step) and mark the document done."""
    with project.macro(f"{who} annotates"):
        for label, surface, anchor in entities:
            start = text.index(surface, text.index(anchor))
            project.add_span(doc, label, start, start + len(surface), annotator=who)
        project.set_status(doc, "done", annotator=who)


def omar_entities() -> list[tuple[str, str, str]]:
    out = []
    for label, surface, anchor in ENTITIES:
        change = OMAR_CHANGES.get((label, surface), (label, surface))
        if change is not None:
            out.append((change[0], change[1], anchor if change[1] in anchor else change[1]))
    return out


def annotate_links(project, doc: int, text: str) -> tuple[int, int]:
    """Add events, a relation, stances and document labels; return the ids of the event
    and the stance to show selected."""
    span = {(s.surface, s.start): s.id for s in project.spans(doc)}

    def sid(surface: str, anchor: str) -> int:
        return span[(surface, at(text, surface, anchor)[0])]

    first = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي"
    us, base, hasakah = sid("الولايات المتحدة", first), sid("قاعدة الشدادي", first), sid("الحسكة", "الحسكة، وسط")
    withdrawal = project.add_event(doc, "Movement", at(text, "انسحابها", first), [("Mover", us), ("Origin", base)])
    project.set_attribute("event", withdrawal, "Realis", "actual")
    convoy = project.add_event(doc, "Movement", at(text, "دخل", "دخل رتل"),
                               [("Mover", sid("رتل", "دخل رتل")), ("Destination", sid("مدينة الشدادي", "مدينة الشدادي، بهدف"))])
    project.add_relation("LocatedIn", base, hasakah)
    strikes = "وكانت أعلنت «القيادة المركزية الأميركية»"
    centcom = project.add_span(doc, "ORG", *at(text, "القيادة المركزية الأميركية", strikes))
    sites = project.add_span(doc, "FAC", *at(text, "مواقع", strikes))
    project.add_event(doc, "Attack", at(text, "ضربات", strikes), [("Attacker", centcom), ("Target", sites)])
    project.add_event(doc, "Statement", at(text, "تقول", "فيما تقول مصادر"))  # no Speaker yet: marked
    quote = "مشيراً إلى أن واشنطن باتت تنظر"
    washington = project.add_span(doc, "GPE", *at(text, "واشنطن", quote))
    government = project.add_span(doc, "ORG", *at(text, "الحكومة السورية الجديدة", quote))
    project.add_stance(doc, "NEUTRAL", "US withdrawal from Syria")
    stance = project.add_stance(doc, "FAVOR", government, holder=washington, scope="span",
                                evidence=[at(text, "الشريك الرئيسيّ في مكافحة تنظيم داعش", quote)])
    project.set_doc_labels(doc, "topic", ["politics", "military"])
    project.set_doc_labels(doc, "reliability", ["high"])
    del convoy
    return withdrawal, stance


def shoot(window, path: Path, app) -> None:
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(path))
    print(f"wrote {path}")


def adjudication_shot(app, tmp: Path, lang: str = "en") -> None:
    """The adjudication view: gold holds what both agreed on and one accepted item; a
    disagreement is selected in the list."""
    import time

    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import Workbench
    from annotator.gui.app.settings import AppSettings
    from annotator.store.project import Project

    settings = AppSettings(QSettings(str(tmp / f"adjudication-{lang}.ini"), QSettings.Format.IniFormat))
    settings.font_size = 15
    settings.language = lang
    project = Project.create(tmp / f"team-{lang}.annotproj", annotator="lead")
    project.import_files([NEWS])
    doc = project.documents(0, 1)[0].id
    text = project.text(doc)
    annotate_as(project, doc, text, "lina", ENTITIES)
    annotate_as(project, doc, text, "omar", omar_entities())
    project.accept_agreed(doc)
    adj = project.adjudication(doc)
    chosen = next(v for v in adj.items if v.kind == "span" and v.label == "GPE" and v.annotators == ["omar"])
    project.accept_item("span", chosen.ids["omar"])
    bench = Workbench(app, settings)
    window = bench.show_project(project)
    window.resize(1500, 1000)
    window.team.set_adjudicating(True)
    panel = window.team.panel
    deadline = time.monotonic() + 10
    while not (window.ready and panel.settled() and panel.adjudication is not None) and time.monotonic() < deadline:
        app.processEvents()
    window.view.verticalScrollBar().setValue(0)
    pick = next(v for v in panel.model.rows if v.kind == "span" and v.label == "FAC" and not v.agreed)
    panel.select_vote(pick)
    window.docks["guidelines"].hide()
    shoot(window, OUT / f"adjudication-{lang}.png", app)
    bench.close()


def news_project(path: Path, extra: list[Path] | None = None):
    """A project holding the news article (plus ``extra`` texts), its entities annotated;
    return ``(project, document id, the span to show selected)``."""
    from annotator.store.project import Project

    project = Project.create(path, annotator="lina")
    project.import_files([NEWS, *(extra or [])])
    doc = project.documents(0, 1)[0].id
    selected = annotate(project, doc, project.text(doc))
    project.guidelines = (ROOT / "resources" / "sample" / "guidelines.md").read_text(encoding="utf-8")
    return project, doc, selected


def show_in(bench, project, app, lang: str, size: tuple[int, int] | None = (1500, 920)):
    """Show ``project`` in ``lang`` (rebuilding the window for another language) and wait
    until its document is ready; return the window."""
    if bench.window is None:
        bench.show_project(project)
    if lang != bench.lang:
        bench.set_language(lang)
    window = bench.window
    if size:
        window.resize(*size)
    while not window.ready:
        app.processEvents()
    return window


def workbench_shots(app, settings, tmp: Path) -> None:
    from annotator.gui.app.app import Workbench

    project, _doc, selected = news_project(tmp / "news.annotproj")
    bench = Workbench(app, settings)
    for lang in ("en", "ar"):
        window = show_in(bench, project, app, lang)
        window.view.select_span(selected)
        window.annotations_panel.show_span(selected)
        window.view.verticalScrollBar().setValue(0)
        shoot(window, OUT / f"workbench-{lang}.png", app)
    bench.close()


def events_shots(app, settings, tmp: Path) -> None:
    """The news article with events, a relation and stances: the Events panel (both
    languages) and the Stance panel."""
    from annotator.gui.app.app import Workbench

    project, doc, _selected = news_project(tmp / "events.annotproj")
    bench = Workbench(app, settings)
    event, stance = annotate_links(project, doc, project.text(doc))
    for lang in ("en", "ar"):
        window = show_in(bench, project, app, lang)
        window.links.select_event(event)
        window.docks["events"].raise_()
        window.view.verticalScrollBar().setValue(0)
        shoot(window, OUT / f"events-{lang}.png", app)
    window = show_in(bench, project, app, "en")
    window.docks["stance"].raise_()
    window.links.select_stance(stance)
    holder = window.links.state.stance(stance).holder
    window.view.reveal(window.links.state.spans[holder].start)
    window.view.clear_selection()
    shoot(window, OUT / "stance-en.png", app)
    bench.close()


def dialog_shots(app, settings, tmp: Path) -> None:
    """File → Export set up for a CoNLL split, in both languages; File → Import with the
    shared corpus files in the list."""
    from annotator.gui.app.app import Workbench

    project, _doc, _selected = news_project(tmp / "corpus.annotproj",
                                            sorted((ROOT / "resources" / "sample").glob("[2-4]_*.txt")))
    bench = Workbench(app, settings)
    for lang in ("en", "ar"):
        window = show_in(bench, project, app, lang, size=None)
        dialog = window.show_export_dialog()
        dialog.out.setText("~/exports/news-ner")
        dialog.all_documents.setChecked(True)
        dialog.split_box.setChecked(True)
        dialog.seed.setValue(13)
        tags = dialog.options.widget("scheme_tags")
        tags.setCurrentIndex(tags.findData("bioes"))
        dialog.labels.set_export_name("NORP", "MISC")
        dialog.labels.set_ticked("DATE", False)
        dialog.resize(1040, 660)
        while dialog.counted is None:
            app.processEvents()
        shoot(dialog, OUT / f"export-dialog-{lang}.png", app)
        dialog.reject()
        if lang == "en":
            dialog = window.show_import_dialog()
            corpus = ROOT / "tests" / "data" / "corpus"
            dialog.add_paths([corpus / "aqmar" / "Islamic_Golden_Age.txt", corpus / "wojood" / "val.txt",
                              corpus / "ans_stance" / "stance_test_first100.csv", ROOT / "resources" / "sample"])
            dialog.options.widget("add_labels").setChecked(True)
            dialog.renames.setText("PERS=PER, agree=FAVOR, disagree=AGAINST, other=NEUTRAL")
            dialog.resize(760, 560)
            shoot(dialog, OUT / "import-dialog-en.png", app)
            dialog.reject()
    bench.close()


def main() -> None:
    from PySide6.QtCore import QSettings

    from annotator.gui.app.app import create_application
    from annotator.gui.app.settings import AppSettings

    shots = set(sys.argv[1:]) or {"workbench", "events", "adjudication", "dialogs"}
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        if "adjudication" in shots:
            for lang in ("en", "ar"):
                adjudication_shot(app, Path(tmp), lang)
        settings = AppSettings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        settings.font_size = 15
        if "workbench" in shots:
            workbench_shots(app, settings, Path(tmp))
        if "events" in shots:
            events_shots(app, settings, Path(tmp))
        if "dialogs" in shots:
            dialog_shots(app, settings, Path(tmp))


if __name__ == "__main__":
    main()
