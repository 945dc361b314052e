"""Report charts: Arabic reaches matplotlib in the form this matplotlib can draw, the
chart font is chosen, and a report is written even before there is agreement to show."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest
from packaging.version import Version

from annotator.report import charts, write_report

LABELS = {"GPE": "كيان جيوسياسي (GPE)", "PER": "شخص (PER)"}


def test_chart_text_shapes_only_where_matplotlib_does_not():
    # matplotlib 3.11 lays text out with libraqm: it must get the logical string
    assert charts.native_shaping() == (Version(matplotlib.__version__) >= Version("3.11"))
    assert charts.chart_text("سلام", native=True) == "سلام"
    # without libraqm: presentation forms in visual order, by hand: final meem U+FEE1,
    # final lam-alef ligature U+FEFC, initial seen U+FEB3
    assert charts.chart_text("سلام", native=False) == "\ufee1\ufefc\ufeb3"
    assert charts.chart_text("GPE 12", native=False) == "GPE 12"


def test_labels_chart_passes_arabic_names_to_matplotlib(tmp_path, monkeypatch):
    counts = {"lina": {"GPE": 3, "PER": 1}, "omar": {"GPE": 2}}
    ticks = charts.labels_chart(counts, LABELS, tmp_path / "labels.png")
    assert (tmp_path / "labels.png").read_bytes()[:4] == b"\x89PNG"
    if charts.native_shaping():
        assert ticks == ["كيان جيوسياسي (GPE)", "شخص (PER)"]  # the most used first
    monkeypatch.setattr(charts, "native_shaping", lambda: False)
    ticks = charts.labels_chart(counts, LABELS, tmp_path / "old.png")
    assert "كيان جيوسياسي (GPE)" not in ticks
    # by hand: شخص is initial sheen U+FEB7, medial khah U+FEA8, final sad U+FEBA; drawn
    # left to right that is sad, khah, sheen, with "(PER)" to the left of the Arabic
    assert ticks[1] == "(PER) \ufeba\ufea8\ufeb7"


def test_the_bundled_amiri_font_is_used_when_present(tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    serif = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"
    shutil.copy(serif, fonts / "Amiri-Regular.ttf")  # any font file: what matters is that it is picked
    monkeypatch.setattr(charts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    charts.font_families.cache_clear()
    try:
        assert charts.font_families() == ("DejaVu Serif", "DejaVu Sans")
    finally:
        charts.font_families.cache_clear()
    monkeypatch.setattr(charts, "resource_path", lambda *parts: tmp_path.joinpath("none", *parts))
    try:
        assert charts.font_families() == ("DejaVu Sans",)
    finally:
        charts.font_families.cache_clear()


def test_a_report_before_any_agreement_says_why(project, tmp_path):
    doc = project.add_documents(["زار الرئيس دمشق"]).added[0]
    project.add_span(doc, "GPE", 11, 15)
    index = write_report(project, tmp_path / "out")
    page = index.read_text(encoding="utf-8")
    assert "fewer than two annotators with annotated documents" in page
    assert "<bdi>test.annotproj</bdi>" in page
    (tmp_path / "file").write_text("x")
    with pytest.raises(Exception, match="is a file; name a folder"):
        write_report(project, tmp_path / "file")
