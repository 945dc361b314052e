"""A document moves from new to in_progress with its first annotation, whatever set it back
to new in between (``Status.touch`` remembers which documents are started, so it need not
ask before every edit: these are the ways that memory could go stale), on both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.store.project import Project

ROOT = Path(__file__).resolve().parents[2]

TEXT = "قال الرئيس محمّد في دمشق إنّ الاتفاق تمّ 😀 today"


def _status(p: Project, doc: int) -> str:
    return p.status(doc)


def test_the_first_annotation_starts_a_document_after_every_way_back_to_new(project):
    doc = project.add_documents([TEXT]).added[0]
    assert _status(project, doc) == "new"
    project.add_span(doc, "PER", 10, 15)
    assert _status(project, doc) == "in_progress"
    project.undo()  # the status goes back with the annotation
    assert _status(project, doc) == "new"
    project.add_span(doc, "PER", 10, 15)
    assert _status(project, doc) == "in_progress"
    project.set_status(doc, "new")  # set back by hand
    project.add_span(doc, "GPE", 20, 24)
    assert _status(project, doc) == "in_progress"
    project.set_status(doc, "done")
    project.add_span(doc, "GPE", 0, 3)  # a later annotation leaves a finished document finished
    assert _status(project, doc) == "done"


def test_a_status_set_back_to_new_by_another_program_is_noticed(project):
    doc = project.add_documents([TEXT]).added[0]
    project.add_span(doc, "PER", 10, 15)
    # another process (a lead's script) sets it back, on the same file or database
    target = getattr(project.path, "url", None) or str(project.path)
    script = ("import sys; from annotator.store.project import Project\n"
              "with Project.open(sys.argv[1], annotator=sys.argv[2]) as p: p.set_status(int(sys.argv[3]), 'new')")
    subprocess.run([sys.executable, "-c", script, target, project.annotator, str(doc)], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    assert _status(project, doc) == "new"
    project.add_span(doc, "GPE", 20, 24)
    assert _status(project, doc) == "in_progress"
