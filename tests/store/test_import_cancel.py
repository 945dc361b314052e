"""Imports stopped half-way (a cancel, a bad file after a good one) leave the project as it was."""

from __future__ import annotations

import pytest

from annotator.core.errors import Cancelled, InputError
from annotator.core.model import Annotations, Document, Span
from annotator.store.importing import ImportCancelled
from tests.conftest import CORPUS, NEWS

WOJOOD = CORPUS / "wojood" / "val.txt"


def every_row(project) -> dict[str, list[tuple]]:
    """Every row of every table of the project file."""
    q = project.conn.execute
    tables = [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: q(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def annotated(n: int) -> list[Document]:
    """``n`` documents, each with one PER span by nobody in particular."""
    return [Document(text=f"زار بشار {i} دمشق", name=f"d{i}",
                     annotations={"": Annotations(spans=[Span("PER", [(4, 8)], id="T1")])}) for i in range(n)]


class CancelAt:
    """``cancelled`` callback that turns True once ``arm()`` has been called."""

    def __init__(self) -> None:
        self.armed = False
        self.asked = 0

    def arm(self, *args: object) -> None:
        self.armed = True

    def __call__(self) -> bool:
        self.asked += 1
        return self.armed


def test_cancel_at_the_first_progress_report_changes_nothing(news_project):
    project, doc = news_project
    project.add_span(doc, "GPE", 0, 4)  # an undo step of this connection, to keep
    before = every_row(project)
    stop = CancelAt()
    with pytest.raises(ImportCancelled) as err:
        project.add_documents(annotated(450), annotator="omar", progress=stop.arm, cancelled=stop)
    assert isinstance(err.value, Cancelled) and "unchanged" in str(err.value)
    assert every_row(project) == before
    assert project.can_undo  # nothing happened, so the history stays
    # the rolled-back annotator 'omar' is not remembered: the same import now works
    report = project.add_documents(annotated(450), annotator="omar")
    assert len(report.added) == 450 and report.spans == 450
    assert project.count_documents() == 451 and not project.can_undo


def test_cancel_is_checked_right_before_the_commit(project):
    """An import smaller than one progress step is still cancelled if asked in time."""
    before = every_row(project)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # True only after the documents are written

    with pytest.raises(ImportCancelled):
        project.add_documents(["نص أول", "نص ثان"], cancelled=cancelled)
    assert every_row(project) == before


def test_cancel_while_reading_stops_before_the_next_file(project, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("نص ثان", encoding="utf-8")
    before = every_row(project)
    seen, stop = [], CancelAt()

    def reading(path, index, count):
        seen.append((path.name, index, count))
        if index == 1:
            stop.arm()

    with pytest.raises(ImportCancelled):
        project.import_files([NEWS, second], reading=reading, cancelled=stop)
    assert seen == [(NEWS.name, 0, 2), ("second.txt", 1, 2)]
    assert every_row(project) == before


def test_a_scheme_brought_by_the_import_is_rolled_back_with_it(project, tmp_path):
    """Wojood's types are added to the scheme (add_labels); a bad file after it, or a
    cancel, must not leave that new scheme behind."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    before = every_row(project)
    labels = project.scheme.entity_labels
    with pytest.raises(InputError, match="bad.txt"):
        project.import_files([WOJOOD, bad], add_labels=True)
    assert every_row(project) == before and project.scheme.entity_labels == labels
    stop = CancelAt()
    with pytest.raises(ImportCancelled):
        project.import_files([WOJOOD], add_labels=True, progress=stop.arm, cancelled=stop)
    assert every_row(project) == before and project.scheme.entity_labels == labels
    report = project.import_files([WOJOOD], add_labels=True)
    assert report.spans == 470 and "PERS" in project.scheme.entity_labels
    assert any("is now version 2" in w for w in report.warnings)


def test_refresh_shows_a_scheme_changed_through_another_connection(project):
    from annotator.store.project import Project

    assert "PERS" not in project.scheme.entity_labels
    with Project.open(project.path) as other:
        other.import_files([WOJOOD], add_labels=True)
    assert "PERS" not in project.scheme.entity_labels  # cached
    project.refresh()
    assert "PERS" in project.scheme.entity_labels and project.count_documents() == 1
