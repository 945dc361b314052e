"""Find in the window: Persian spellings, the article after ل, the other Arabic marks, and
the clitic policy of find and label-all, chosen in the Find panel."""

from __future__ import annotations

import pytest

from tests.gui.test_main_window import stored

TEXT = "قالت الحكومة إن والحكومة تدعم وللحكومة رئیس حكومتها، وحكومات الجوار"


def search(w, qtbot, query: str) -> list[str]:
    with qtbot.waitSignal(w.reader.searched, timeout=5000):
        w.find_panel.query.setText(query)
    return [w.text[h.start:h.end] for h in w.find_panel.model.hits if h.whole_word]


@pytest.mark.parametrize(("policy", "labelled"), [
    ("exact", ["الحكومة"]),
    ("split", ["الحكومة", "الحكومة", "لحكومة"]),
    ("attached", ["الحكومة", "والحكومة", "وللحكومة"]),
])
def test_the_clitic_policy_is_chosen_in_the_find_panel(open_window, qtbot, policy, labelled):
    w = open_window([TEXT])
    w.show_find()
    search(w, qtbot, "الحكومة")
    assert w.find_panel.clitic_policy() == "exact"  # the project keeps clitics attached
    if policy != "exact":
        with qtbot.waitSignal(w.reader.searched, timeout=5000):
            w.find_panel.clitics.setCurrentIndex(w.find_panel.clitics.findData(policy))
        assert w.project.get_setting("find_clitics") == policy  # kept with the project
    w.find_panel.label.setCurrentIndex(w.find_panel.label.findData("ORG"))
    w.find_panel.label_all.click()
    spans = sorted(stored(w), key=lambda x: x[1])
    assert [TEXT[s:e] for _, ((s, e),) in spans] == labelled


def test_find_matches_persian_letters_in_the_window(open_window, qtbot):
    w = open_window([TEXT])
    w.show_find()
    assert search(w, qtbot, "رئيس") == ["رئیس"]
