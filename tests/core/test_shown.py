"""The shown copy of a text (what the document view gives Qt) and its exact map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.shown import LRM, RLM, shown_text

PIECES = ["دمشق ", "عاصمة ", "🇸🇾 ", "@user_1 ", "DAMASCUS ", "(Reuters) - ", "He met ", "\n", "\ufeff", "😀", "٣٫٥ ", "ـ", "\u064e"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(["auto", "rtl", "ltr"]))
def test_the_map_is_exact_whatever_marks_are_inserted(text, direction):
    shown, index = shown_text(text, direction)
    assert len(shown.encode("utf-16-le")) // 2 == index.utf16_length
    marks = {p + k for k, p in enumerate(index.marks)}  # where the marks sit in the shown copy
    assert all(shown[i] in (RLM, LRM) for i in marks)
    stored = text.replace("\ufeff", "\u2060")
    assert "".join(c for i, c in enumerate(shown) if i not in marks) == stored
    units = shown.encode("utf-16-le")
    for cp in range(len(text) + 1):
        u = index.to_utf16(cp)
        assert index.to_codepoint(u) == cp
        # what Qt shows from u on is the stored text from cp on, marks aside
        assert units[2 * u:].decode("utf-16-le").replace(RLM, "").replace(LRM, "") == stored[cp:]
    if direction != "auto":
        assert not index.marks


def test_an_arabic_paragraph_after_a_flag_gets_a_right_to_left_mark():
    text = "Hello there\n🇸🇾 دمشق عاصمة سوريا\n\ufeffقال"
    shown, index = shown_text(text)
    second = text.index("🇸🇾")
    assert index.marks == [second]
    assert shown[second] == RLM and shown.count(RLM) == 1
    assert "\ufeff" not in shown and "\u2060قال" in shown
    assert index.to_codepoint(index.to_utf16(second) - 1) == second  # before the mark: the same offset
