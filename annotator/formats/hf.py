"""A Hugging Face ``datasets`` dataset: Parquet files and a dataset card (``README.md``).

One row per sentence:

    id          "DOCUMENT#3"              document    the document's name
    sentence    3 (its index)             text        the sentence's text
    tokens      List(Value("string"))     ner_tags    List(ClassLabel(names=["O", "B-PER", ...]))
    spans       List({start, end, token_start, token_end, label, text}): every entity of the
                sentence, nested ones too, offsets in code points into ``text``

``ner_tags`` are flat (outermost entities, IOB2 or BIOES); ``spans`` keep the nesting.
Files are ``train.parquet``, ``dev.parquet``, ... (``data.parquet`` without a split, read as
the train split); the card maps ``dev`` to the ``validation`` split and carries the
features, so ``datasets.load_dataset(folder)`` gives the ClassLabel names back.  Needs
the optional ``datasets`` package (``pip install 'annotator[hf]'``).
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any

from annotator.core.errors import ExportError
from annotator.formats import register
from annotator.formats.base import ExportContext, Format
from annotator.formats.tagging import (
    TAG_SCHEMES,
    TAGS_OPTION,
    Tokenized,
    by_start_longest_first,
    chunks,
    columns,
    encode,
    tag_names,
    tokenize,
)

_BATCH = 2000


def _need() -> Any:
    try:
        import datasets
        import pyarrow  # noqa: F401
    except ImportError:
        raise ExportError("the hf format needs the 'datasets' package; install it with: pip install 'annotator[hf]'.") from None
    return datasets


def features(tags: list[str]) -> Any:
    """Return the ``datasets.Features`` of an hf export with these tag names."""
    ds = _need()
    v = ds.Value
    return ds.Features({
        "id": v("string"), "document": v("string"), "sentence": v("int32"), "text": v("string"),
        "tokens": ds.Sequence(v("string")), "ner_tags": ds.Sequence(ds.ClassLabel(names=tags)),
        "spans": [{"start": v("int32"), "end": v("int32"), "token_start": v("int32"), "token_end": v("int32"),
                   "label": v("string"), "text": v("string")}],
    })


COLUMNS = ("id", "document", "sentence", "text", "tokens", "ner_tags", "spans")


def _rows(record: Any, labels: set[str], tags: str, index: dict[str, int], ctx: ExportContext,
          cols: dict[str, list[Any]]) -> int:
    """Append the rows of one document (a sentence each) to the columns ``cols``; return how many."""
    doc = record.document
    spans = [s for s in record.annotations.spans if s.label in labels]
    tok: Tokenized = tokenize(doc, ctx.clitics, spans)
    found = chunks(tok, spans, labels, ctx)
    flat = list(map(index.__getitem__, encode(columns(found, "outermost")[0], len(tok.starts), tags)))
    text, starts, ends, words = doc.text, tok.starts, tok.ends, tok.words()
    ordered = by_start_longest_first(found)  # stable: as sorting each sentence's chunks
    firsts = [c[0] for c in ordered]
    name = doc.name
    ranges = tok.sentence_ranges()
    ids, texts, tokens, ner_tags, entities = cols["id"], cols["text"], cols["tokens"], cols["ner_tags"], cols["spans"]
    for k, (a, b) in enumerate(ranges):
        s0, e0 = starts[a], ends[b - 1]
        inside = ordered[bisect_left(firsts, a) : bisect_left(firsts, b)]
        ids.append(f"{name}#{k}")
        texts.append(text[s0:e0])
        tokens.append(words[a:b])
        ner_tags.append(flat[a:b])
        entities.append([{"start": starts[i] - s0, "end": ends[j - 1] - s0, "token_start": i - a, "token_end": j - a,
                          "label": label, "text": text[starts[i] : ends[j - 1]]} for i, j, label in inside])
    cols["document"].extend([name] * len(ranges))
    cols["sentence"].extend(range(len(ranges)))
    return len(ranges)


def _card(ctx: ExportContext, feats: Any, sizes: dict[str, int], files: dict[str, str], nbytes: dict[str, int]) -> str:
    import yaml
    from datasets import DatasetInfo

    order = {s: k for k, s in enumerate(ctx.splits)}
    files = dict(sorted(files.items(), key=lambda kv: order.get(kv[0], 0)))
    sizes = dict(sorted(sizes.items(), key=lambda kv: order.get(kv[0], 0)))
    hf_split = {split: ("validation" if split == "dev" else split or "train") for split in files}
    info = DatasetInfo(features=feats)._to_yaml_dict()
    # datasets reads split info only when each has name, num_bytes and num_examples (else it warns and drops it)
    info["splits"] = [{"name": hf_split[s], "num_bytes": nbytes.get(s, 0), "num_examples": n} for s, n in sizes.items()]
    info["dataset_size"] = sum(nbytes.values())
    meta = {"configs": [{"config_name": "default", "data_files": [{"split": hf_split[s], "path": f} for s, f in files.items()]}],
            "dataset_info": info, "language": ["ar"], "task_categories": ["token-classification"]}
    labels = ", ".join(ctx.ner_labels) or "none"
    return (f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n"
            f"# {ctx.scheme.name}: named entities\n\nExported by annotator from a project with the scheme "
            f"`{ctx.scheme.name}` (version {ctx.scheme.version}). One row per sentence: `tokens` and `ner_tags` "
            f"({ctx.option('scheme_tags', 'iob2').upper()}, outermost entities; \"O\" is 0), and every entity, nested ones "
            f"too, in `spans` (code-point offsets into `text`).\n\nEntity types: {labels}. Clitics: {ctx.clitics}. "
            "See `manifest.json` for counts and checksums.\n")


@register
class HfFormat(Format):
    name = "hf"
    description = "Hugging Face datasets: Parquet per split with tokens, ner_tags (ClassLabel) and spans, and a dataset card"
    token_level = True
    write_options = (TAGS_OPTION,)

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        _need()
        import pyarrow as pa
        import pyarrow.parquet as pq

        scheme_tags = ctx.option("scheme_tags", "iob2")
        if scheme_tags not in TAG_SCHEMES:
            raise ExportError(f"--scheme-tags must be one of {', '.join(TAG_SCHEMES)}, not {scheme_tags!r}.")
        names = tag_names(ctx.ner_labels, scheme_tags)
        index = {t: i for i, t in enumerate(names)}
        feats = features(names)
        schema = feats.arrow_schema
        writers: dict[str, Any] = {}
        pending: dict[str, dict[str, list[Any]]] = {}  # the rows not yet written, by column
        sizes: dict[str, int] = {}
        files: dict[str, str] = {}
        nbytes: dict[str, int] = {}  # the Arrow size of each split, as datasets counts num_bytes
        labels = set(ctx.ner_labels)

        def flush(split: str) -> None:
            if pending.get(split) and pending[split]["id"]:
                if split not in writers:
                    files[split] = f"{split or 'data'}.parquet"
                    writers[split] = pq.ParquetWriter(folder / files[split], schema)
                table = pa.Table.from_pydict(pending[split], schema=schema)
                nbytes[split] = nbytes.get(split, 0) + table.nbytes
                writers[split].write_table(table)
                pending[split] = {c: [] for c in COLUMNS}

        try:
            for record in records:
                split = record.split
                cols = pending.get(split)
                if cols is None:
                    cols = pending[split] = {c: [] for c in COLUMNS}
                sizes[split] = sizes.get(split, 0) + _rows(record, labels, scheme_tags, index, ctx, cols)
                if len(cols["id"]) >= _BATCH:
                    flush(split)
            for split in list(pending):
                flush(split)
        finally:
            for w in writers.values():
                w.close()
        (folder / "README.md").write_text(_card(ctx, feats, sizes, files, nbytes), encoding="utf-8", newline="\n")
        ctx.extra["tag_names"] = names
