"""``annotator selftest``: a headless end-to-end check of an installation or a bundle.

In a temporary folder it creates a project, imports the bundled sample, adds spans through
the Project API and through the window's own code path (offscreen Qt), exports jsonl and
conll, and checks both exports against the texts.  It prints one line and its exit status
tells pass (0) or fail (1).  It needs no display and leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.resources import resource_path

#: Words of the bundled news article labelled through the API, then through the window.
API_SPANS = (("الولايات المتحدة", "GPE"), ("الحسكة", "GPE"), ("سوريا", "GPE"))
GUI_SPANS = (("التحالف الدولي", "ORG"), ("دمشق", "GPE"), ("اليعربية", "FAC"))


class SelftestError(AnnotatorError):
    """A step of the self-test failed."""


def _check(condition: bool, step: str, detail: str) -> None:
    if not condition:
        raise SelftestError(f"{step}: {detail}")


def run_selftest(log: Callable[[str], None] | None = None) -> str:
    """Run every step; return the one-line summary or raise ``SelftestError``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    log = log or (lambda _msg: None)
    started = time.perf_counter()
    from annotator.store.project import Project

    with tempfile.TemporaryDirectory(prefix="annotator-selftest-") as tmp:
        folder = Path(tmp)
        samples = sorted(resource_path("sample").glob("*.txt"))
        _check(bool(samples), "resources", f"no sample texts in {resource_path('sample')}")
        with Project.create(folder / "selftest.annotproj", annotator="selftest") as project:
            report = project.import_files(samples)
            _check(len(report.added) == len(samples), "import", report.summary())
            news = next((d for d in project.documents(limit=len(samples)) if "news" in d.name), None)
            _check(news is not None, "import", "the news article is not among the samples")
            text = project.text(news.id)
            log("imported the sample")
            for word, label in API_SPANS:
                start = text.index(word)
                project.add_span(news.id, label, start, start + len(word))
            log("added spans through the Project API")
        from annotator.gui.app.selftest_window import label_through_window

        gui_count = label_through_window(folder / "selftest.annotproj", news.id, GUI_SPANS, folder)
        _check(gui_count == len(GUI_SPANS), "window", f"{gui_count} of {len(GUI_SPANS)} spans were made")
        log("added spans through the window")
        with Project.open(folder / "selftest.annotproj", annotator="selftest") as project:
            spans = project.spans(news.id)
            expected = {(w, lab) for w, lab in (*API_SPANS, *GUI_SPANS)}
            _check({(s.surface, s.label) for s in spans} == expected, "store",
                   f"the project holds {sorted((s.surface, s.label) for s in spans)}")
            counts = _check_exports(project, folder, text, expected)
            suggested = _check_suggestions(project, news.id, text)
            log("trained the recommenders and suggested")
    seconds = time.perf_counter() - started
    return (f"selftest passed: annotator {__version__}, {len(samples)} documents, {len(API_SPANS)} spans by API + "
            f"{len(GUI_SPANS)} by the window, jsonl ({counts['jsonl']} spans) and conll ({counts['conll']} entities) "
            f"exported and verified, {suggested} suggestions from the matcher and the CRF in {seconds:.1f} s")


def _check_suggestions(project: object, doc: int, text: str) -> int:
    """Train the string matcher and the CRF on the spans just made, suggest on the sample,
    and check that a labelled name is suggested elsewhere with exact offsets."""
    from annotator.store.suggestions import SuggestionLayer
    from annotator.suggest import Suggester

    report = Suggester(project, ["matcher", "crf"]).run([doc])
    _check(not report.failures, "suggestions", "; ".join(report.failures))
    pending = SuggestionLayer(project).pending(doc)
    _check(all(text[s.start:s.end] == s.surface for s in pending), "suggestions", "a suggestion does not match the text")
    names = {w for w, _ in (*API_SPANS, *GUI_SPANS)}
    _check(any(s.surface in names for s in pending), "suggestions",
           f"no labelled name was suggested again ({len(pending)} suggestions)")
    _check(not project.spans(doc, "suggestions"), "suggestions", "suggestions reached the annotations")
    return len(pending)


def _check_exports(project: object, folder: Path, text: str, expected: set[tuple[str, str]]) -> dict[str, int]:
    from annotator.transfer.export import export_project

    export_project(project, "jsonl", folder / "jsonl", annotator="selftest")
    spans = 0
    for line in (folder / "jsonl" / "data.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for layer in record["annotations"]:
            for span in layer["spans"]:
                for (s, e), surface in zip(span["fragments"], span["surfaces"], strict=True):
                    _check(record["text"][s:e] == surface, "jsonl", f"span {span['id']} does not match its text")
                spans += 1
    _check(spans == len(expected), "jsonl", f"{spans} spans exported, {len(expected)} expected")
    export_project(project, "conll", folder / "conll", annotator="selftest")
    entities = _conll_entities((folder / "conll" / "data.conll").read_text(encoding="utf-8"))
    _check(sorted(entities) == sorted((lab, w) for w, lab in expected), "conll", f"entities read back: {sorted(entities)}")
    return {"jsonl": spans, "conll": len(entities)}


def _conll_entities(data: str) -> list[tuple[str, str]]:
    """Read (label, surface) of every IOB2 entity in CoNLL text (first tag column)."""
    out: list[tuple[str, str]] = []
    current: tuple[str, list[str]] | None = None
    for line in data.splitlines() + [""]:
        parts = line.split()
        tag = parts[1] if len(parts) > 1 and parts[0] != "-DOCSTART-" else "O"
        if current and not (tag.startswith("I-") and tag[2:] == current[0]):
            out.append((current[0], " ".join(current[1])))
            current = None
        if tag.startswith("B-"):
            current = (tag[2:], [parts[0]])
        elif tag.startswith("I-") and current:
            current[1].append(parts[0])
    return out
