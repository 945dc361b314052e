"""Shared pieces of the benchmarks: the corpus, synthetic documents, output."""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus_dir() -> Path:
    """Return ../shared/corpus when present, else the repository's byte-exact copy."""
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "data" / "corpus"


def corpus_sentences() -> list[str]:
    """Return real Arabic sentences from the shared corpus (news, AQMAR, Wojood, ANS)."""
    c = corpus_dir()
    out: list[str] = []
    news = (c / "news" / "shaddadi_withdrawal.txt").read_text(encoding="utf-8")
    out += [s.strip() for s in re.split(r"(?<=[.!؟])\s+|\n+", news) if len(s.strip()) > 20]
    for name in ("aqmar/Islamic_Golden_Age.txt", "wojood/val.txt"):
        tokens: list[str] = []
        for line in (c / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if tokens:
                    out.append(" ".join(tokens))
                tokens = []
            else:
                tok = line.split()[0]
                if tok != "$#$":
                    tokens.append(tok)
    import csv

    with (c / "ans_stance" / "stance_test_first100.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            out += [row["s1"], row["s2"]]
    return [s for s in out if s]


def build_documents(n: int, target_chars: int, seed: int = 7) -> list[str]:
    """Return ``n`` distinct documents of about ``target_chars`` characters each."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    docs = []
    for i in range(n):
        parts = [f"وثيقة {i}:"]
        size = len(parts[0])
        while size < target_chars:
            s = rng.choice(sentences)
            parts.append(s)
            size += len(s) + 1
        docs.append("\n".join(parts))
    return docs


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="a small size, for CI smoke runs")
    p.add_argument("--json", metavar="PATH", help="write the metrics as JSON to PATH")
    return p


def emit(metrics: dict, path: str | None) -> None:
    """Print a readable table of ``metrics`` and write them as JSON if asked."""
    width = max(len(k) for k in metrics)
    for k, v in metrics.items():
        shown = f"{v:,.3f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)
        print(f"  {k:<{width}}  {shown}")
    if path:
        Path(path).write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
