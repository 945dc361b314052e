"""The exports that only real consumers can judge: Hugging Face datasets, spaCy, events."""

from __future__ import annotations

import json
from collections import Counter

import datasets
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotator.transfer.export import export_project
from tests.formats.common import FormatTest, gold_entities


class TestHf(FormatTest):
    format = "hf"

    def test_datasets_reads_the_features_back(self, rich, tmp_path):
        export_project(rich, "hf", tmp_path / "hf", gold=True, split="0.6,0.2,0.2", seed=1)
        files = {p.stem: str(p) for p in (tmp_path / "hf").glob("*.parquet")}
        cache = str(tmp_path / "cache")
        by_files = datasets.load_dataset("parquet", data_files=files, cache_dir=cache)
        by_card = datasets.load_dataset(str(tmp_path / "hf"), cache_dir=cache)
        assert set(by_card) == {"validation" if s == "dev" else s for s in files}
        for ds in (by_files, by_card):
            split = next(iter(ds.values()))
            tags = split.features["ner_tags"].feature
            assert isinstance(tags, datasets.ClassLabel) and tags.names[0] == "O" and "B-GPE" in tags.names
        rows = [row for ds in by_card.values() for row in ds]
        names = by_card[next(iter(by_card))].features["ner_tags"].feature.names
        spans = Counter((s["label"], s["text"]) for r in rows for s in r["spans"])
        for r in rows:
            for s in r["spans"]:
                assert r["text"][s["start"] : s["end"]] == s["text"] == " ".join(r["tokens"][s["token_start"] : s["token_end"]]) \
                    or s["text"].replace(" ", "") == "".join(r["tokens"][s["token_start"] : s["token_end"]])
        expected = Counter((label, surface) for _, label, surface in gold_entities(rich))
        expected -= Counter({("ORG", "من الشدادي"): 1})
        expected += Counter({("ORG", "من"): 1, ("ORG", "الشدادي"): 1})
        assert spans == expected
        b_tags = Counter(names[t][2:] for r in rows for t in r["ner_tags"] if names[t].startswith("B-"))
        assert b_tags["FAC"] == 1 and b_tags["GPE"] == sum(n for (lab, _), n in expected.items() if lab == "GPE") - 1  # one GPE nests in the FAC


    def test_datasets_loads_the_export_without_a_warning(self, rich, tmp_path):
        import io
        import logging
        import warnings

        export_project(rich, "hf", tmp_path / "hf", gold=True, split="0.5,0.5", seed=3)
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logger = datasets.logging.get_logger()
        logger.addHandler(handler)
        level = datasets.logging.get_verbosity()
        datasets.logging.set_verbosity_warning()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                ds = datasets.load_dataset(str(tmp_path / "hf"), cache_dir=str(tmp_path / "cache"))
        finally:
            logger.removeHandler(handler)
            datasets.logging.set_verbosity(level)
        assert stream.getvalue() == "" and [str(w.message) for w in caught] == []
        info = next(iter(ds.values())).info.splits  # the card's split info is kept, and true
        assert {name: info[name].num_examples for name in info} == {name: len(split) for name, split in ds.items()}


class TestSpacy(FormatTest):
    format = "spacy"

    def test_docbin_reads_entities_back(self, rich, tmp_path):
        export_project(rich, "spacy", tmp_path / "s.spacy", gold=True)
        docs = list(DocBin().from_disk(tmp_path / "s.spacy").get_docs(Vocab()))
        assert len(docs) == 5
        ents = Counter((e.label_, e.text) for d in docs for e in d.ents)
        spans = Counter((s.label_, s.text) for d in docs for s in d.spans["sc"])
        expected = Counter((label, surface) for _, label, surface in gold_entities(rich))
        expected -= Counter({("ORG", "من الشدادي"): 1})
        expected += Counter({("ORG", "من"): 1, ("ORG", "الشدادي"): 1})
        assert spans == expected
        assert ents == expected - Counter({("GPE", "الشدادي"): 1})  # nested inside the FAC: only in doc.spans
        emoji = next(d for d in docs if d.user_data["name"] == "emoji")
        assert [t.text for t in emoji][:3] == ["😀", "🇸🇾", "زار"] and emoji.user_data["sha256"]

    def test_doc_text_is_the_stored_text_and_start_char_indexes_it(self, tmp_path):
        from annotator import Project

        texts = ["  زار بشار   الأسد\nدمشق.\n\nثم  عاد 👍 إلى حلب  \n", "\tقالَ الرئيسُ الأمريكيُّ في 2023:\r\nانسحبنا من سوريا ", "دمشق"]
        with Project.create(tmp_path / "ws.annotproj", annotator="lina") as p:
            ids = p.add_documents(texts).added
            for doc in ids:
                text = p.text(doc)
                for word in ("بشار   الأسد", "دمشق", "حلب", "الأمريكيُّ", "سوريا"):
                    if word in text:
                        p.add_span(doc, "PER" if " " in word else "GPE", text.index(word), text.index(word) + len(word))
            stored = {p.document(d).sha256: p.text(d) for d in ids}
            export_project(p, "spacy", tmp_path / "ws.spacy", annotator="lina")
            docs = list(DocBin().from_disk(tmp_path / "ws.spacy").get_docs(Vocab()))
            assert len(docs) == 3
            for d in docs:
                text = stored[d.user_data["sha256"]]
                assert d.text == text
                for group in (d.ents, d.spans["sc"]):
                    for e in group:
                        assert text[e.start_char : e.end_char] == e.text
                assert sum(1 for s in d.sents) >= 1
            found = sorted(e.text for d in docs for e in d.ents)
            assert found == sorted(["بشار   الأسد", "دمشق", "حلب", "الأمريكيُّ", "سوريا", "دمشق"])

    def test_docbins_of_a_chosen_size_hold_the_same_documents(self, rich, tmp_path):
        export_project(rich, "spacy", tmp_path / "one.spacy", gold=True)
        export_project(rich, "spacy", tmp_path / "sharded", gold=True, options={"docs_per_file": 2})
        shards = sorted((tmp_path / "sharded" / "data").glob("*.spacy"))
        assert [p.name for p in shards] == ["00000.spacy", "00001.spacy", "00002.spacy"]
        sizes = [len(DocBin().from_disk(p)) for p in shards]
        assert sizes == [2, 2, 1]

        def ents(paths):
            return [(d.user_data["name"], [(e.label_, e.text) for e in d.spans["sc"]])
                    for p in paths for d in DocBin().from_disk(p).get_docs(Vocab())]
        assert ents(shards) == ents([tmp_path / "one.spacy"])


    def test_docbins_filled_by_add_to_bin_are_those_docbin_add_fills(self, rich):
        """The export fills its DocBins with ``add_to_bin``, which reads the tokens' strings from
        arrays: the DocBin must be the one ``DocBin.add`` makes, byte for byte (else a
        spaCy upgrade changed what ``add`` collects)."""
        import spacy
        from spacy.tokens import Doc

        from annotator.formats.base import ExportContext, ExportRecord
        from annotator.formats.spacy import _make_doc, add_to_bin
        from annotator.store.project import GOLD

        nlp = spacy.blank("ar")
        ctx = ExportContext(scheme=rich.scheme, ner_labels=list(rich.scheme.entity_labels))
        docs = [_make_doc(nlp.vocab, ExportRecord(document=d, annotations=layers[GOLD]), set(ctx.ner_labels), ctx)
                for d, layers in rich.iter_export(rich.export_document_ids(), annotators=[GOLD])]
        tagged = Doc(nlp.vocab, words=["ذهب", "محمد", "."], tags=["VERB", "NOUN", "PUNCT"], lemmas=["ذهب", "محمد", "."],
                     morphs=["Aspect=Perf", "Gender=Masc", ""], heads=[0, 0, 0], deps=["ROOT", "nsubj", "punct"],
                     ents=["O", "B-PER", "O"])
        tagged.user_data["name"] = "tagged"
        docs += [(tagged, None), (nlp.make_doc("Apple IPHONE"), None), (nlp.make_doc(""), None)]
        by_add, ours, without_words = (DocBin(store_user_data=True) for _ in range(3))
        for d, words in docs:
            by_add.add(d)
            add_to_bin(ours, d, words)
            add_to_bin(without_words, d)
        assert ours.strings == by_add.strings == without_words.strings
        assert ours.to_bytes() == by_add.to_bytes()


class TestEvents(FormatTest):
    format = "events"

    def test_one_event_per_line_with_offsets_and_tokens(self, rich, tmp_path):
        export_project(rich, "events", tmp_path / "e.jsonl", annotator="lina")
        lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 2
        texts = {d.name: rich.text(d.id) for d in rich.iter_documents()}
        for ev in lines:
            text = texts[ev["document"]]
            for part in [ev["trigger"], *ev["arguments"]]:
                assert text[part["start"] : part["end"]] == part["text"]
                assert "".join(part["tokens"]).replace("ـ", "") == part["text"].replace(" ", "").replace("ـ", "")
            assert ev["sentence"]["text"] == text[ev["sentence"]["start"] : ev["sentence"]["end"]]
        dia = next(e for e in lines if e["document"] == "diacritics")
        assert dia["type"] == "Movement" and dia["trigger"]["text"] == "ستنسحبُ" and dia["attributes"] == {"Realis": "planned"}
        assert {(a["role"], a["text"]) for a in dia["arguments"]} == {("Mover", "الأمريكيُّ"), ("Origin", "قاعدة الشدادي")}


def test_a_missing_optional_package_is_one_sentence(rich, tmp_path, monkeypatch):
    import sys

    import pytest

    from annotator.core.errors import ExportError

    for fmt, module in (("hf", "datasets"), ("spacy", "spacy")):
        monkeypatch.setitem(sys.modules, module, None)  # as if it were not installed
        with pytest.raises(ExportError, match=rf"pip install 'annotator\[{fmt}\]'"):
            export_project(rich, fmt, tmp_path / fmt, gold=True)
        assert not (tmp_path / fmt).exists()
        monkeypatch.undo()
