"""Text facts: graphemes, words, clitics, the normalised view, UTF-16 maps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import text as T

# Characters that make Arabic text nasty: letters, diacritics, tatweel, hamza forms,
# presentation forms (incl. the lam-alef ligature that expands to two letters), bidi and
# joiner controls, Latin, digits (Arabic-Indic too), punctuation, spaces, emoji.
ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويةىءأإآؤئٱ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\ufefb\ufe8d\ufb50\ufef5"
    "\u200e\u200f\u061c\u200c\u200d\u202b\u202c\u2067\u2069"
    "abcXYZ0123456789٠١٢٣٤٥"
    " \n.,،؛؟«»-…"
)
PIECES = [*ALPHABET, "😀", "👍🏽", "🇸🇾", "𝔸", "\U0001f3fd"]
arabic_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


# --- the normalised view ------------------------------------------------------------------


def test_normalised_view_removes_marks_and_unifies_letters():
    view = T.NormalizedText("مُحَمَّدٌ أحمد إلى ـــالقاهرة")
    assert view.text == "محمد احمد الي القاهرة"
    assert T.normalize("مدرسة", ta_marbuta=True) == "مدرسه"


def test_find_all_maps_back_to_original_with_trailing_diacritics():
    text = "قال مُحَمَّدٌ: محمد ومحمّد"
    view = T.NormalizedText(text)
    hits = view.find_all("مُحمد")
    assert [text[s:e] for s, e in hits] == ["مُحَمَّدٌ", "محمد", "محمّد"]
    whole = view.find_all("محمد", whole_word=True)
    assert [text[s:e] for s, e in whole] == ["مُحَمَّدٌ", "محمد"]
    clitic = view.find_all("محمد", whole_word=True, allow_proclitic=False)
    assert len(clitic) == 2


def test_find_all_whole_word_allows_proclitic_when_asked():
    text = "الولايات المتحدة والولايات الأخرى"
    view = T.NormalizedText(text)
    assert len(view.find_all("الولايات", whole_word=True)) == 1
    assert len(view.find_all("الولايات", whole_word=True, allow_proclitic=True)) == 2


@settings(max_examples=400, deadline=None)
@given(arabic_text, st.data())
def test_normalised_map_is_exact(text, data):
    view = T.NormalizedText(text)
    n = len(view.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    s, e = view.to_original(a, b)
    assert 0 <= s <= e <= len(text)
    if a < b:
        # the original range normalises to exactly the normalised range, or (where a
        # ligature expands) to a text that contains it
        back = T.normalize(text[s:e])
        assert view.text[a:b] in back
        assert len(back) - (b - a) <= 2
    # every normalised character comes from an original character that normalises to it
    for i in range(n):
        o = view.original_index(i)
        assert view.text[i] in T.normalize(text[o])


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_every_hit_of_a_substring_is_found(text):
    view = T.NormalizedText(text)
    words = [text[s:e] for s, e in T.words(text)]
    for w in words[:3]:
        if not T.normalize(w):
            continue
        hits = view.find_all(w)
        assert hits, (text, w)
        for s, e in hits:
            assert T.normalize(text[s:e]).find(T.normalize(w)) != -1


# --- UTF-16 -------------------------------------------------------------------------------


def test_utf16_index_with_emoji():
    text = "😀 الولايات"
    idx = T.Utf16Index(text)
    assert idx.to_utf16(0) == 0
    assert idx.to_utf16(1) == 2  # after the emoji
    assert idx.to_codepoint(2) == 1
    assert idx.to_codepoint(1) == 0  # inside the surrogate pair: rounded down
    assert idx.to_codepoint(1, round_up=True) == 1
    assert idx.utf16_length == len(text.encode("utf-16-le")) // 2


@settings(max_examples=400, deadline=None)
@given(arabic_text)
def test_utf16_maps_are_inverse(text):
    idx = T.Utf16Index(text)
    assert idx.utf16_length == len(text.encode("utf-16-le")) // 2 == T.utf16_len(text)
    for cp in range(len(text) + 1):
        u = idx.to_utf16(cp)
        assert u == len(text[:cp].encode("utf-16-le")) // 2
        assert idx.to_codepoint(u) == cp


# --- graphemes, words, tokens, sentences ------------------------------------------------


def test_graphemes_keep_marks_with_their_letter():
    assert T.graphemes("مُحَمَّد") == ["مُ", "حَ", "مَّ", "د"]
    assert T.graphemes("👍🏽ب") == ["👍🏽", "ب"]


@settings(max_examples=300, deadline=None)
@given(arabic_text, st.data())
def test_grapheme_span_contains_position_and_joins_up(text, data):
    if not text:
        return
    pos = data.draw(st.integers(0, len(text) - 1))
    s, e = T.grapheme_span(text, pos)
    assert s <= pos < e
    assert "".join(T.graphemes(text)) == text
    bounds = set(T.grapheme_bounds(text))
    assert s in bounds and e in bounds


def test_tokens_keep_clitics_attached_and_split_punctuation():
    text = "بدأت الولايات المتحدة انسحابها، من «الشدادي» 3.5 كم 😀"
    toks = [text[s:e] for s, e in T.tokens(text)]
    assert toks == ["بدأت", "الولايات", "المتحدة", "انسحابها", "،", "من", "«", "الشدادي", "»", "3.5", "كم", "😀"]


def test_words_survive_bidi_marks_and_zwnj_inside():
    text = "ال\u200fقدس می\u200cخواهم"
    assert [text[s:e] for s, e in T.words(text)] == ["ال\u200fقدس", "می\u200cخواهم"]


def test_sentences():
    text = "جملة أولى. جملة ثانية؟ ثالثة\n\nرابعة"
    assert [text[s:e] for s, e in T.sentences(text)] == ["جملة أولى.", "جملة ثانية؟", "ثالثة", "رابعة"]


# --- clitics and snapping ---------------------------------------------------------------


def test_proclitics_split_only_before_the_article():
    cases = {
        "والولايات": "الولايات",
        "بالمدينة": "المدينة",
        "وبالقاعدة": "القاعدة",
        "للحكومة": "لحكومة",
        "بدمشق": "بدمشق",
        "وزير": "وزير",
        "فلسطين": "فلسطين",
        "والد": "والد",
        "الشدادي": "الشدادي",
    }
    for word, kept in cases.items():
        assert word[T.proclitic_length(word) :] == kept, word


def test_snap_modes():
    text = "بدأت الولايات المتحدة انسحابها من قاعدةِ «الشدادي»."
    i = text.index("لايات")
    assert text[slice(*T.snap(text, i, i + 3, "word"))] == "الولايات"
    assert T.snap(text, i, i + 3, "character") == (i, i + 3)
    j = text.index("قاعدةِ")
    # the kasra goes with its letter in grapheme mode
    assert text[slice(*T.snap(text, j + 4, j + 5, "grapheme"))] == "ةِ"
    # selecting across the quotes trims punctuation in word mode
    k = text.index("«")
    assert text[slice(*T.snap(text, k, k + 9, "word"))] == "الشدادي"
    w = "وصل والولايات المتحدة"
    m = w.index("والولايات")
    assert w[slice(*T.snap(w, m, m + 5, "clitic"))] == "الولايات"
    assert w[slice(*T.snap(w, m, m + 5, "word"))] == "والولايات"
    assert T.snap(text, 4, 5, "word") == (4, 4)  # only a space


@settings(max_examples=300, deadline=None)
@given(arabic_text, st.data(), st.sampled_from(T.SNAP_MODES))
def test_snap_never_cuts_a_grapheme(text, data, mode):
    if not text:
        return
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    s, e = T.snap(text, a, b, mode)
    assert 0 <= s <= e <= len(text)
    if mode != "character" and s < e:
        bounds = set(T.grapheme_bounds(text))
        assert s in bounds and e in bounds


# --- one grapheme rule: the regex module's \X ---------------------------------------------

# clusters that other rules cut: flags, ZWJ sequences, skin tones, VS16, keycaps, a letter
# with ZWJ/ZWNJ, the Arabic signs that are prepended to what follows (U+0600-0605, U+06DD,
# U+08E2), the marks outside U+064B-U+0652
HARD = ["🇸🇾", "🇱🇧", "👨\u200d👩\u200d👧", "👍🏽", "❤\ufe0f", "1\ufe0f\u20e3", "ب\u200d", "ل\u200c",
        "\u0600", "\u0601", "\u0605", "\u06dd", "\u08e2", "ب\u0610", "ع\u08f0", "a🏽", "\r\n"]
hard_text = st.lists(st.sampled_from([*PIECES, *HARD]), max_size=50).map("".join)
long_words = st.lists(st.sampled_from(["بسم" * 60, "a" * 300, " ", "🇸🇾", "كتب", "\u0600 "]), max_size=6).map("".join)


def clusters(text: str) -> set[int]:
    """The cluster boundaries of ``text`` by \\X alone, counted from the start."""
    import regex

    return {0, *(m.end() for m in regex.finditer(r"\X", text))}


@settings(max_examples=400, deadline=None)
@given(st.one_of(hard_text, long_words), st.data())
def test_every_rule_agrees_with_x(text, data):
    bounds = clusters(text)
    assert set(T.grapheme_bounds(text)) == bounds
    if text:
        pos = data.draw(st.integers(0, len(text) - 1))
        s, e = T.grapheme_span(text, pos)
        assert s <= pos < e and s in bounds and e in bounds
        assert not any(s < b < e for b in bounds)
    for s, e in T.tokens(text):
        assert s in bounds and e in bounds, (text, s, e)
    for s, e in T.words(text):
        assert s in bounds and e in bounds


@settings(max_examples=400, deadline=None)
@given(st.one_of(hard_text, long_words), st.data(), st.sampled_from(T.SNAP_MODES))
def test_snapping_keeps_clusters_whole_and_is_idempotent(text, data, mode):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    s, e = T.snap(text, a, b, mode)
    assert 0 <= s <= e <= len(text)
    if s < e:
        bounds = clusters(text)
        assert s in bounds and e in bounds, (text, a, b, mode, s, e)
        assert T.snap(text, s, e, mode) == (s, e)
    if mode in ("word", "clitic") and s < e:
        # whole words: never a word cut at either end, however long it is
        word = T.word_at(text, e - 1)
        assert word is not None and word[1] == e


def test_character_mode_never_stores_half_a_flag():
    text = "علم 🇸🇾 سوريا"
    flag = text.index("🇸🇾")
    assert T.snap(text, flag, flag + 1, "character") == (flag, flag + 2)
    assert T.snap(text, flag + 1, flag + 2, "character") == (flag, flag + 2)
    assert T.snap(text, 1, 2, "character") == (1, 2)  # a letter alone is still fine


def test_prepended_arabic_signs_join_what_follows_even_a_space():
    for sign in ("\u0600", "\u0603", "\u0605", "\u06dd", "\u08e2"):
        text = "رقم" + sign + " ١٢"
        i = text.index(sign)
        assert T.grapheme_span(text, i) == (i, i + 2)
        assert T.grapheme_span(text, i + 1) == (i, i + 2)


def test_tokens_keep_joiners_modifiers_and_vs16_in_their_cluster():
    text = "لا\u200d نعم\u200c 👍🏽 ❤\ufe0f ب\u200dت"
    toks = [text[s:e] for s, e in T.tokens(text)]
    assert toks == ["لا\u200d", "نعم\u200c", "👍🏽", "❤\ufe0f", "ب\u200dت"]


def test_word_snapping_keeps_very_long_words_whole():
    word = "الـ" + "ـ" * 400 + "كتاب"
    text = "قرأ " + word + " أمس"
    s = text.index(word)
    assert T.snap(text, s + 300, s + 301, "word") == (s, s + len(word))
    assert T.word_at(text, s + 2) == (s, s + len(word))


def test_clitic_snapping_is_idempotent():
    text = "وصل والولايات المتحدة"
    m = text.index("والولايات")
    once = T.snap(text, m, m + 5, "clitic")
    assert text[slice(*once)] == "الولايات"
    assert T.snap(text, *once, "clitic") == once


# --- find: Persian letters, لل, the other Arabic marks ----------------------------------


def test_find_matches_persian_ya_and_kaf():
    text = "رئیس جمهوری ایران و کابل"
    view = T.NormalizedText(text)
    assert [text[s:e] for s, e in view.find_all("رئيس")] == ["رئیس"]
    assert [text[s:e] for s, e in view.find_all("كابل")] == ["کابل"]


def test_find_sees_the_article_after_lam():
    text = "قدم الدعم للحكومة وللـحكومة والحكومة"
    view = T.NormalizedText(text)
    hits = [text[s:e] for s, e in view.find_all("الحكومة", whole_word=True, allow_proclitic=True)]
    assert hits == ["لحكومة", "لـحكومة", "الحكومة"]


def test_find_ignores_quranic_and_extended_arabic_marks():
    text = "قال الله\u0610 والعالم\u08f0 كله"
    view = T.NormalizedText(text)
    assert [text[s:e] for s, e in view.find_all("الله")] == ["الله\u0610"]
    assert [text[s:e] for s, e in view.find_all("العالم")] == ["العالم\u08f0"]


# --- paragraph direction ------------------------------------------------------------------


def test_paragraph_direction_by_its_letters():
    assert T.paragraph_direction("🇸🇾 دمشق عاصمة سوريا") == "rtl"
    assert T.paragraph_direction("@reuters_ar قالت الوزارة إن الوفد وصل") == "rtl"
    assert T.paragraph_direction("DAMASCUS, Dec 1 (Reuters) - قالت وزارة الخارجية السورية اليوم") == "rtl"
    assert T.paragraph_direction("He met بشار in Paris yesterday") == "ltr"
    assert T.paragraph_direction("2024 - 🇸🇾") is None
    assert T.paragraph_direction("Hi يا") == "ltr"  # a tie: the first letter decides
    assert T.first_strong_direction("🇸🇾 دمشق") == "ltr"  # what the bidi algorithm alone says


# --- moving a span's edges ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(hard_text, st.data(), st.sampled_from(["start", "end"]), st.booleans(), st.sampled_from(["word", "grapheme"]))
def test_moving_an_edge_keeps_clusters_whole_and_never_empties_the_span(text, data, edge, outward, unit):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    s, e = T.snap(text, a, b, "grapheme")
    if s >= e:
        return
    s2, e2 = T.move_edge(text, s, e, edge, outward, unit)
    assert s2 < e2
    bounds = clusters(text)
    assert s2 in bounds and e2 in bounds
    if edge == "start":
        assert e2 == e and (s2 <= s if outward else s2 >= s)
    else:
        assert s2 == s and (e2 >= e if outward else e2 <= e)


def test_moving_edges_by_words_and_letters():
    text = "بدأت الولايات المتحدةُ انسحابها، من قاعدة"
    s = text.index("المتحدةُ")
    e = s + len("المتحدةُ")
    assert text[slice(*T.move_edge(text, s, e, "start", True))] == "الولايات المتحدةُ"
    assert text[slice(*T.move_edge(text, s, e, "end", True))] == "المتحدةُ انسحابها"
    grown = T.move_edge(text, s, e, "end", True)
    assert T.move_edge(text, *grown, "end", False) == (s, e)
    assert T.move_edge(text, s, e, "end", False) == (s, e)  # one word: nothing to leave out
    assert text[slice(*T.move_edge(text, s, e, "end", False, "grapheme"))] == "المتحد"  # the mark goes with its letter
    assert text[slice(*T.move_edge(text, s, e, "start", True, "grapheme"))] == "ت المتحدةُ"


# the fast path of tokens() for simple text must find what the full grapheme scan finds
_SIMPLE_ALPHABET = ("abcXYZ09٠٩۰۹ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإئؤةىـٱپچژکگیۓە"
                    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u065f\u0670"
                    " \n.,;:!?-_()[]{}\"'/\\@#$%&*+=<>|~^`«»،؛؟٪٫٬٭۔–—‘’“”…")
#: beside them, characters that must leave the fast path (their clusters are not simple)
_NOT_SIMPLE = "\u200c\u200d\u200f\u061c\u0600\u06dd\r\t\u00a0\u06d6\U0001f600\U0001f1f8\U0001f1e6"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SIMPLE_ALPHABET + _NOT_SIMPLE, max_size=60), st.data())
def test_tokens_fast_path_finds_what_the_grapheme_scan_finds(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert T.tokens(text, start, end) == T._scan_tokens(text, start, end)
    assert T.tokens(text) == T._scan_tokens(text)


def test_tokens_fast_path_agrees_on_the_corpus():
    from tests.conftest import CORPUS

    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in T.sentences(text):
            assert T.tokens(text, s, e) == T._scan_tokens(text, s, e), path


@pytest.mark.parametrize("text", [" \u064eبا", "\n\u064eبا", "\u064eبا ب", "3.5 و٣٫٥ 1,000.", "-\u064e ب", "ب. ١٢،٣",
                                  "كتب\u200cها", "«قال» — نعم…"])
def test_tokens_fast_path_cases(text):
    assert T.tokens(text) == T._scan_tokens(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SIMPLE_ALPHABET + _NOT_SIMPLE, max_size=80))
def test_split_tokens_cuts_simple_text_into_its_tokens_and_white_space(text):
    pieces = T.split_tokens(text)
    if pieces is None:
        assert not T._simple(text, 0, len(text))
        return
    assert "".join(pieces) == text and len(pieces) % 2 == 1
    bounds, pos = [], 0
    for k, piece in enumerate(pieces):
        if k % 2:
            bounds.append((pos, pos + len(piece)))
        else:
            assert set(piece) <= {" ", "\n"}, "only white space lies between the tokens"
        pos += len(piece)
    assert bounds == T.tokens(text) == T._scan_tokens(text)
