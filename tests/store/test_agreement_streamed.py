"""Agreement read a batch at a time gives exactly what it gave before, and what comparing
the layers read one document at a time gives, on a project with the nasty cases:
diacritics and tatweel, emoji (outside the BMP, ZWJ sequences, flags), presentation forms,
bidi marks and ZWNJ, nested and overlapping spans, spans sharing a start, duplicate and
discontinuous spans, event triggers and arguments, stance evidence, stances on spans with
holders, two stances on one unit, documents only one annotator touched, documents with no
span, empty documents, and an annotator missing from some documents.

``agreement_before.json`` is what ``Project.agreement()`` returned on this project before
agreement was made fast (main at 4f0509c), written with ``json.dumps(result, indent=1,
sort_keys=True, ensure_ascii=False)``: the floats are compared exactly, not approximately.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.core.comparison import DocumentLayers, compare
from annotator.core.model import Annotations, Argument, Document, Event, Span, Stance
from annotator.core.text import sentences, tokens

BEFORE = Path(__file__).resolve().parent.parent / "data" / "agreement_before.json"
NAMES = ["lina", "omar", "sara"]
LABELS = ["PER", "ORG", "GPE", "LOC", "TITLE", "DATE"]


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """Return the code point offsets of the ``nth`` occurrence of ``word`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return (start, start + len(word))


def _layer(text: str, spans: list[tuple], **more: object) -> Annotations:
    """``spans``: ``(id, label, fragment, ...)``, each fragment a word, ``(word, nth)`` or
    ``(start, end)``."""
    out = []
    for sid, label, *parts in spans:
        frags = [_at(text, p) if isinstance(p, str) else _at(text, *p) if isinstance(p[0], str) else p for p in parts]
        out.append(Span(label=label, fragments=frags, id=sid))
    return Annotations(spans=out, status=more.pop("status", "done"), **more)  # type: ignore[arg-type]


def _hand_documents() -> list[Document]:
    docs = []
    t = "وَقَالَ الرَّئِيسُ السُّورِيُّ إِنَّ دِمَشْـــقَ آمِنَةٌ"
    per = (_at(t, "الرَّئِيسُ")[0], _at(t, "السُّورِيُّ")[1])
    docs.append(Document(text=t, name="diacritics and tatweel", annotations={
        "lina": _layer(t, [(1, "PER", per), (2, "TITLE", "الرَّئِيسُ"), (3, "GPE", "دِمَشْـــقَ")]),
        "omar": _layer(t, [(1, "PER", "الرَّئِيسُ"), (2, "TITLE", "الرَّئِيسُ"), (3, "GPE", "دِمَشْـــقَ")]),
        "sara": _layer(t, [(1, "GPE", (_at(t, "دِمَشْـــقَ")[0], _at(t, "دِمَشْـــقَ")[0] + 3)), (2, "PER", per)]),
    }))
    t = "👍🏽 زار وفد 🇸🇾 دمشق مع 👨‍👩‍👧 اليوم 😀"
    docs.append(Document(text=t, name="emoji", annotations={
        "lina": _layer(t, [(1, "GPE", "🇸🇾"), (2, "GPE", "دمشق"), (3, "MISC", "👨‍👩‍👧"), (4, "DATE", "اليوم")]),
        "omar": _layer(t, [(1, "GPE", (_at(t, "🇸🇾")[0], _at(t, "دمشق")[1])), (2, "MISC", "👨‍👩‍👧"), (3, "DATE", "😀")]),
        "sara": _layer(t, [(1, "GPE", "دمشق"), (2, "MISC", "👍🏽")]),
    }))
    t = "وزير الخارجية والمغتربين السوري أسعد حسن الشيباني وزير"
    docs.append(Document(text=t, name="nested, overlapping, discontinuous, duplicate", annotations={
        "lina": _layer(t, [(1, "ORG", "السوري", "الخارجية"), (2, "PER", "أسعد حسن الشيباني"), (3, "PER", "أسعد حسن الشيباني"),
                           (4, "TITLE", "وزير الخارجية"), (5, "TITLE", "وزير"), (6, "PER", "أسعد"), (7, "TITLE", ("وزير", 1))]),
        "omar": _layer(t, [(1, "ORG", "الخارجية", "السوري"), (2, "PER", "حسن الشيباني"), (3, "PER", "أسعد"),
                           (4, "TITLE", "وزير الخارجية والمغتربين"), (5, "TITLE", "وزير"), (6, "TITLE", "وزير الخارجية")]),
        "sara": _layer(t, [(1, "ORG", "الخارجية"), (2, "PER", "أسعد حسن"), (3, "PER", "الشيباني"), (4, "TITLE", ("وزير", 1))]),
    }))
    t = "قال المتحدث باسم الحكومة في بيروت"
    docs.append(Document(text=t, name="only lina", annotations={
        "lina": _layer(t, [(1, "GPE", "بيروت"), (2, "ORG", "الحكومة")]),
        "omar": Annotations(status="new"),
    }))
    t = "لا شيء هنا يستحق التعليم"
    docs.append(Document(text=t, name="no spans", annotations={n: Annotations(status="done") for n in NAMES}))
    docs.append(Document(text="", name="empty", annotations={n: Annotations(status="done") for n in NAMES[:2]}))
    t = "زار الرئيس دمشق وهاجمت قوات المدينة"
    docs.append(Document(text=t, name="events and evidence", annotations={
        "lina": _layer(t, [(1, "Movement", "زار"), (2, "PER", "الرئيس"), (3, "GPE", "دمشق"), (4, "Attack", "وهاجمت"),
                           (5, "ORG", "قوات"), (6, "Evidence", "زار الرئيس")],
                       events=[Event("Movement", 1, [Argument("Agent", 2), Argument("Destination", 3)]),
                               Event("Attack", 4, [Argument("Attacker", 5)])]),
        "omar": _layer(t, [(1, "Movement", "زار"), (2, "PER", "الرئيس"), (3, "GPE", "دمشق"), (4, "Attack", "وهاجمت"),
                           (5, "GPE", "المدينة")],
                       events=[Event("Movement", 1, [Argument("Agent", 2)]), Event("Attack", 4, [Argument("Target", 5)])]),
        "sara": _layer(t, [(1, "Movement", "زار"), (2, "Evidence", "الرئيس دمشق")], events=[Event("Movement", 1)]),
    }))
    t = "ترحب الحكومة السورية بالانسحاب الأميركي ويرفضه قائد قسد"
    target, holder = "US withdrawal from Syria", "Syrian government"
    docs.append(Document(text=t, name="stances and document labels", annotations={
        "lina": _layer(t, [(1, "ORG", "الحكومة السورية"), (2, "PER", "قائد")],
                       stances=[Stance("FAVOR", "fixed", target), Stance("AGAINST", "fixed", target),
                                Stance("FAVOR", "span", 1, holder=2, scope="span"), Stance("NEUTRAL", "fixed", holder)],
                       doc_labels={"topic": ["politics", "military"], "reliability": ["high"]}),
        "omar": _layer(t, [(1, "ORG", "الحكومة السورية"), (2, "PER", "قائد")],
                       stances=[Stance("AGAINST", "fixed", target), Stance("FAVOR", "span", 1, holder=2, scope="span")],
                       doc_labels={"topic": ["politics"], "reliability": ["low"]}),
        "sara": _layer(t, [(1, "ORG", "الحكومة")], stances=[Stance("AGAINST", "fixed", target)],
                       doc_labels={"topic": ["economy"]}),
    }))
    t = "ﺍﻟﺴﻼﻡ \u200fعليكم\u200c يا أهل\u061c حلب ٢٠٢٤ \u202bمرحبا\u202c"
    docs.append(Document(text=t, name="presentation forms, bidi marks, ZWNJ, digits", annotations={
        "lina": _layer(t, [(1, "MISC", "ﺍﻟﺴﻼﻡ"), (2, "GPE", "حلب"), (3, "DATE", "٢٠٢٤"), (4, "MISC", "\u200fعليكم\u200c")]),
        "omar": _layer(t, [(1, "MISC", "ﺍﻟﺴﻼﻡ \u200fعليكم"), (2, "GPE", "حلب"), (3, "DATE", "٢٠٢٤ \u202bمرحبا")]),
    }))
    t = "اجتمع الوزير مع نظيره التركي في أنقرة"
    docs.append(Document(text=t, name="omar and sara only", annotations={
        "omar": _layer(t, [(1, "GPE", "أنقرة"), (2, "TITLE", "الوزير")]),
        "sara": _layer(t, [(1, "GPE", "أنقرة"), (2, "NORP", "التركي")], status="in_progress"),
    }))
    return docs


def _random_documents(n: int) -> list[Document]:
    """Sentences of the news article, with spans of one to three tokens that each annotator
    mostly keeps, sometimes relabels or stretches, and some of their own."""
    from tests.conftest import NEWS

    news = NEWS.read_text(encoding="utf-8")
    texts = [news[s:e] for s, e in sentences(news)]
    rng = random.Random(15)
    docs = []
    for i in range(n):
        text = texts[i % len(texts)] + f" ({i})"
        toks = tokens(text)
        base = [(rng.choice(LABELS), s, toks[min(k + rng.choice((0, 0, 1, 2)), len(toks) - 1)][1])
                for k, (s, _) in enumerate(toks) if rng.random() < 0.2]
        layers = {}
        for name in NAMES if i % 4 else rng.sample(NAMES, rng.choice((1, 2))):
            spans = []
            for label, s, e in base:
                roll = rng.random()
                if roll < 0.1:
                    continue
                if roll < 0.2:
                    label = rng.choice(LABELS)
                elif roll < 0.3:
                    e = toks[-1][1] if rng.random() < 0.5 else max(s + 1, e - 1)
                spans.append(Span(label=label, fragments=[(s, e)], id=len(spans)))
            for s, e in rng.sample(toks, min(2, len(toks))):
                spans.append(Span(label=rng.choice(LABELS), fragments=[(s, e)], id=len(spans)))
            layers[name] = Annotations(spans=spans, status=rng.choice(("done", "in_progress")))
        docs.append(Document(text=text, name=f"r{i}", annotations=layers))
    return docs


def build(project) -> None:  # noqa: ANN001  (also run on the code before the change to write BEFORE)
    """Fill ``project`` with the hand-made documents and 32 random ones."""
    project.add_documents([*_hand_documents(), *_random_documents(32)])


def _plain(result: dict) -> dict:
    return json.loads(json.dumps(result, sort_keys=True, ensure_ascii=False))


def _one_at_a_time(project, names: list[str]) -> dict:  # noqa: ANN001
    """Compare the layers read with ``Project.annotations``, one document at a time."""
    scheme = project.scheme
    docs = []
    for info in project.documents():
        layers = {n: project.annotations(info.id, n) for n in names}
        layers = {n: a for n, a in layers.items() if a.status in ("in_progress", "done")}
        if len(layers) >= 2:
            docs.append(DocumentLayers(info.id, info.name, project.text(info.id), layers))
    sets = {d.name: (list(d.labels), d.multi) for d in scheme.doc_labels}
    return compare(docs, names, event_types=[*scheme.event_types, scheme.evidence_label],
                   doc_label_sets=sets) | {"done_only": False}


@pytest.fixture
def nasty(project):
    build(project)
    return project


def test_agreement_is_what_it_was_before(nasty):
    assert _plain(nasty.agreement(NAMES)) == json.loads(BEFORE.read_text(encoding="utf-8"))


def test_the_bulk_reader_orders_spans_sharing_a_start_as_the_api_does(nasty):
    ids = nasty.document_ids()
    read = 0
    for batch in (1, 5, 256):
        for doc, layers in nasty.iter_export(ids, batch=batch):
            for who, ann in layers.items():
                assert ann == nasty.annotations(doc.id, who), (doc.name, who)
                read += len(ann.spans)
    first, second = nasty.annotations(3, "lina").spans[:2]  # the shorter of two spans at 0, added after the longer
    assert first.fragments[0][0] == second.fragments[0][0] == 0 and first.id > second.id
    assert read > 600


@pytest.mark.parametrize("batch", [1, 7])
def test_every_batch_size_gives_what_one_document_at_a_time_gives(nasty, monkeypatch, batch):
    from annotator.store import agreement

    monkeypatch.setattr(agreement, "BATCH", batch)
    expected = _plain(_one_at_a_time(nasty, NAMES))
    assert _plain(nasty.agreement(NAMES)) == expected
    pair = _plain(_one_at_a_time(nasty, NAMES[:2]))
    assert _plain(nasty.agreement(NAMES[:2])) == pair
    assert len(pair["documents"]) > 25 and pair["pairs"][0]["spans"]["overlap"]["overall"]["tp"] > 50


def test_the_garbage_collector_is_back_on_after_agreement_however_it_ends(nasty):
    import gc

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    nasty.agreement(NAMES)
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt):
        nasty.agreement(NAMES[:2], progress=stop)
    assert gc.isenabled()
    gc.disable()
    try:
        nasty.agreement(NAMES)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
