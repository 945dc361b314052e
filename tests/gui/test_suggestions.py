"""Suggestions in the window: learnt on the suggestion thread after an edit, drawn as
ghost spans, accepted and rejected with one key, in bulk from the panel, and undone."""

from __future__ import annotations

from PySide6.QtCore import QThread

TEXT = "زار محمد علي دمشق 😀 أمس.\nوقال محمد علي إن دمشـــق مدينة قديمة.\nثم عاد محمد علي إلى دمشق."


def _learnt(window, qtbot, n: int) -> None:
    qtbot.waitUntil(lambda: len(window.suggestions.pending) >= n, timeout=15000)


def test_an_edit_teaches_the_window_to_suggest_the_other_occurrences(open_window, qtbot):
    window = open_window([TEXT], suggest=True)
    s = TEXT.index("محمد علي")
    window._edit(lambda: window.project.add_span(window.doc_id, "PER", s, s + 8))
    window.reload_spans()
    assert window.suggestions.timer.isActive()  # debounced: nothing learnt on the GUI thread yet
    _learnt(window, qtbot, 2)
    pending = window.suggestions.pending
    assert {(p.label, p.surface) for p in pending} == {("PER", "محمد علي")}
    assert all(TEXT[p.start:p.end] == p.surface for p in pending)
    assert window.suggestions.thread._thread is not QThread.currentThread()
    window.view.repaint()
    assert len(window.suggestions.ghosts.hits) >= 2  # drawn as ghost spans
    assert window.project.spans(window.doc_id) and len(window.project.spans(window.doc_id)) == 1


def test_accept_and_reject_with_one_key_and_undo(open_window, qtbot):
    window = open_window([TEXT], suggest=True)
    s = TEXT.index("محمد علي")
    window._edit(lambda: window.project.add_span(window.doc_id, "PER", s, s + 8))
    _learnt(window, qtbot, 2)
    panel = window.suggestions.panel
    panel.table.selectRow(0)
    first = panel.current()
    window.suggestions.accept_current.trigger()
    spans = {(x.label, x.surface) for x in window.project.spans(window.doc_id)}
    assert spans == {("PER", "محمد علي")} and len(window.project.spans(window.doc_id)) == 2
    assert first.id not in {p.id for p in window.suggestions.pending}
    second = panel.current()  # the next one became current by itself
    assert second is not None and second.start > first.start
    window.suggestions.reject_current.trigger()
    assert window.suggestions.pending == []
    window.undo()  # the rejection
    assert second.id in {p.id for p in window.suggestions.pending}
    window.undo()  # the acceptance
    assert len(window.project.spans(window.doc_id)) == 1
    assert {first.id, second.id} <= {p.id for p in window.suggestions.pending}


def test_accept_all_shown_above_a_confidence_is_one_undo_step(open_window, qtbot):
    window = open_window([TEXT], suggest=True)
    s = TEXT.index("محمد علي")
    d = TEXT.index("دمشق")
    window._edit(lambda: window.project.add_span(window.doc_id, "PER", s, s + 8))
    window._edit(lambda: window.project.add_span(window.doc_id, "GPE", d, d + 4))
    _learnt(window, qtbot, 4)
    panel = window.suggestions.panel
    panel.confidence.setValue(0.0)
    panel.label.setCurrentIndex(panel.label.findData("GPE"))
    panel.recommender.setCurrentIndex(panel.recommender.findData("matcher"))
    assert {(x.label, x.recommender) for x in panel.shown()} == {("GPE", "matcher")}
    panel.accept_all.click()
    spans = sorted((x.label, x.surface) for x in window.project.spans(window.doc_id))
    assert spans == [("GPE", "دمشـــق"), ("GPE", "دمشق"), ("GPE", "دمشق"), ("PER", "محمد علي")]
    assert window.project.history.undo_steps[-1].label.startswith("Accept 2 suggestions")
    window.undo()
    assert len(window.project.spans(window.doc_id)) == 2


def test_measuring_the_recommenders_shows_their_scores(open_window, qtbot):
    from tests.suggest.helpers import fill

    window = open_window([TEXT], suggest=True)
    fill(window.project, 4)
    with qtbot.waitSignal(window.suggestions.thread.evaluated, timeout=20000):  # (a retrain may report later)
        window.suggestions.measure.trigger()
    text = window.suggestions.panel.state.text()
    assert "matcher: precision" in text and "crf: precision" in text
    assert window.project.get_setting("suggest_quality")["crf"]["folds"] >= 2


def test_most_useful_sentence_opens_the_least_sure_one_with_skip_and_history(open_window, qtbot):
    from tests.suggest.helpers import fill

    window = open_window(["نص أول للتجربة فقط.", "وصل محمد علي إلى دمشق.\nقال سارة خليل إن البنك الدولي في عمّان."], suggest=True)
    fill(window.project, 5)
    useful = window.suggestions.useful
    useful.next.trigger()
    qtbot.waitUntil(lambda: len(useful.history) == 1, timeout=20000)
    first = useful.history[0]
    qtbot.waitUntil(lambda: window.doc_id == first.document_id and window.view.selection_range() == (first.start, first.end),
                    timeout=5000)
    useful.next.trigger()  # skip
    assert len(useful.history) == 2 and useful.history[1].margin >= first.margin
    useful.back.trigger()
    qtbot.waitUntil(lambda: window.view.selection_range() == (first.start, first.end), timeout=5000)


def test_label_all_occurrences_across_the_project_with_a_preview(open_window, qtbot):
    from PySide6.QtCore import QTimer

    window = open_window(["زار محمد علي دمشق.", "وقال لمحمد علي 😀 إن محمد علي عاد.", "لا أحد هنا."], suggest=True)
    s = window.text.index("محمد علي")
    ok, sid = window._edit(lambda: window.project.add_span(window.doc_id, "PER", s, s + 8))
    window.reload_spans()
    qtbot.waitUntil(lambda: sid in window.view.store, timeout=5000)
    window.view.select_span(sid)
    label_all = window.suggestions.label_all
    seen = []

    def answer() -> None:
        if label_all.preview is not None and label_all.preview.isVisible():
            seen.append(label_all.preview.list.count())
            label_all.preview.list.item(1).setCheckState(label_all.preview.list.item(1).checkState().Unchecked)
            label_all.preview.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    label_all.action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    timer.stop()
    assert seen == [2]
    second = window.project.documents()[1].id
    assert [x.surface for x in window.project.spans(second)] == ["لمحمد علي"]  # the unchecked one stays unlabelled
    window.undo()
    assert window.project.spans(second) == []


def test_a_long_document_is_not_retrained_on_after_every_edit(open_window, qtbot, monkeypatch):
    """Training on a very long document holds Python's lock for seconds: edits there would
    wait behind it, so the window learns there only when asked (Learn now)."""
    from annotator.gui.suggestions import controller

    monkeypatch.setattr(controller, "AUTO_LEARN_MAX_CHARS", len(TEXT) - 1)  # TEXT counts as long
    window = open_window([TEXT], suggest=True)
    s = TEXT.index("محمد علي")
    window._edit(lambda: window.project.add_span(window.doc_id, "PER", s, s + 8))
    window.reload_spans()
    window.edited.emit()  # what every edit tells the suggestions
    assert not window.suggestions.timer.isActive()
    window.suggestions.learn.trigger()          # asked for: it learns all the same
    _learnt(window, qtbot, 2)


def test_counts_are_said_with_the_languages_plural_forms(open_window, qtbot):
    """Arabic has six plural forms: two suggestions are "اقتراحان" (the dual), one accepted
    is "قُبل اقتراح واحد"; English says "2 suggestions" and "1 suggestion"."""
    s = TEXT.index("محمد علي")
    for lang, two, one in (("ar", "اقتراحان في هذه الوثيقة.", "قُبل اقتراح واحد."),
                           ("en", "2 suggestions in this document.", "Accepted 1 suggestion.")):
        window = open_window([TEXT], lang=lang, suggest=True)
        window._edit(lambda w=window: w.project.add_span(w.doc_id, "PER", s, s + 8))
        _learnt(window, qtbot, 2)
        qtbot.waitUntil(lambda w=window, t=two: w.suggestions.panel.state.text().startswith(t), timeout=15000)
        window.suggestions.accept([window.suggestions.pending[0].id])
        assert window.statusBar().currentMessage() == one
        window.shutdown()
