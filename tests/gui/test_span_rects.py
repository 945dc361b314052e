"""A span that crosses a line break is drawn as one box per line, never as one box over
both lines (``QTextLayout.glyphRuns`` merges a font's runs across lines)."""

from __future__ import annotations

from annotator.gui.text.document_view import DocumentView
from annotator.gui.text.span_store import SpanItem, SpanStore

TEXT = ("بدأت الولايات المتحدة انسحابها من قاعدة الشدادي في الحسكة وسط تسريبات تشير إلى خروج كامل "
        "من سوريا فيما تقول مصادر كردية إن التحالف الدولي لم يبلغ قسد بأي خطط")


def test_a_span_across_a_line_break_gets_a_box_on_each_line(qtbot, settings):
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(300, 500)
    view.show()
    view.set_document(TEXT, SpanStore())
    qtbot.waitExposed(view)
    layout = view.document().firstBlock().layout()
    qtbot.waitUntil(lambda: layout.lineCount() >= 3)  # laid out in a few lines
    s, e = TEXT.index("الحسكة"), TEXT.index("سوريا")
    line_of = [layout.lineForTextPosition(view.u16.to_utf16(p)).lineNumber() for p in (s, e - 1)]
    assert line_of[1] > line_of[0]  # the span does cross a line break
    rects = view.painter.rects_of(view.visible_blocks(), SpanItem(1, "GPE", ((s, e),)), view.u16)
    height = layout.lineAt(0).height()
    assert len(rects) == line_of[1] - line_of[0] + 1
    assert all(r.height() <= height + 1 for r in rects)
    assert len({round(r.top()) for r in rects}) == len(rects)
