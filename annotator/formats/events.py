"""Events as JSON Lines: one event per line, for training event extraction.

    {"document": "...", "sha256": "...", "event": "E1", "type": "Movement",
     "sentence": {"start": 120, "end": 240, "text": "..."},
     "trigger": {"start": 204, "end": 212, "text": "انسحابها", "label": "Movement",
                 "token_start": 31, "token_end": 32, "tokens": ["انسحابها"]},
     "arguments": [{"role": "Mover", "label": "GPE", "start": 187, "end": 203,
                    "text": "الولايات المتحدة", "token_start": 29, "token_end": 31, "tokens": [...]}],
     "attributes": {"Realis": "actual"}}

Offsets are code points into the document's text; token indices count the document's
tokens (the tokenisation of the CoNLL export), ``token_end`` exclusive.  A discontinuous
span also lists its ``fragments``.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from annotator.core.model import Span
from annotator.formats import register
from annotator.formats.base import ExportContext, Format, SplitFiles
from annotator.formats.tagging import Tokenized, tokenize


def span_json(span: Span, text: str, tok: Tokenized) -> dict[str, Any]:
    """Return a span with its offsets, text and tokens."""
    i = bisect_right(tok.ends, span.start)
    j = max(bisect_left(tok.starts, span.end), i)
    out: dict[str, Any] = {"start": span.start, "end": span.end, "text": " ".join(span.surfaces(text)), "label": span.label,
                           "token_start": i, "token_end": j, "tokens": [tok.token_text(k) for k in range(i, j)]}
    if len(span.fragments) > 1:
        out["fragments"] = [[s, e] for s, e in span.fragments]
    return out


@register
class EventsFormat(Format):
    name = "events"
    description = "JSON Lines, one event per line: trigger and arguments with offsets and tokens"
    file_suffix = ".jsonl"

    def write(self, records: Any, folder: Path, ctx: ExportContext) -> None:
        with SplitFiles(folder, self.file_suffix) as files:
            for record in records:
                ann, doc = record.annotations, record.document
                if not ann.events:
                    continue
                spans = {s.id: s for s in ann.spans}
                tok = tokenize(doc, ctx.clitics, ann.spans)
                sent_bounds = [(tok.starts[a], tok.ends[b - 1]) for a, b in tok.sentence_ranges()]
                fh = files.get(record.split)
                for n, ev in enumerate(ann.events, 1):
                    trigger = spans[ev.trigger]
                    k = max(bisect_right([s for s, _ in sent_bounds], trigger.start) - 1, 0)
                    s0, e0 = sent_bounds[k] if sent_bounds else (0, len(doc.text))
                    line = {"document": doc.name, "sha256": doc.sha256, "event": f"E{n}", "type": ev.type,
                            "sentence": {"start": s0, "end": e0, "text": doc.text[s0:e0]},
                            "trigger": span_json(trigger, doc.text, tok),
                            "arguments": [{"role": a.role, **span_json(spans[a.span], doc.text, tok)} for a in ev.arguments],
                            "attributes": dict(sorted(ev.attributes.items()))}
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")
