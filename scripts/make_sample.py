"""Build the sample documents of resources/sample/ from the test corpus (tests/data/corpus).

The news article is copied as it is; the AQMAR article, Wojood segments and ANS headlines
are turned from their token-per-line or CSV form back into plain running text.  Run it
again only if the corpus changes: `python scripts/make_sample.py`.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
OUT = ROOT / "resources" / "sample"


def sentences(path: Path, limit: int | None = None) -> list[str]:
    """Read a token-per-line file (blank line between sentences) back into sentences."""
    out: list[str] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            tok = line.split()[0]
            if tok != "$#$":
                tokens.append(tok)
        elif tokens:
            out.append(detokenize(tokens))
            tokens = []
    return out[:limit]


def detokenize(tokens: list[str]) -> str:
    """Join tokens with spaces, without a space before closing or after opening punctuation."""
    text = " ".join(tokens)
    text = re.sub(r" ([.,،؛:؟!)»\]])", r"\1", text)
    return re.sub(r"([(«\[]) ", r"\1", text)


def paragraphs(items: list[str], size: int) -> str:
    return "\n".join(" ".join(items[i:i + size]) for i in range(0, len(items), size)) + "\n"


def main() -> None:
    shutil.copyfile(CORPUS / "news" / "shaddadi_withdrawal.txt", OUT / "1_news_shaddadi_withdrawal.txt")
    (OUT / "2_aqmar_islamic_golden_age.txt").write_text(
        paragraphs(sentences(CORPUS / "aqmar" / "Islamic_Golden_Age.txt"), 4), encoding="utf-8")
    (OUT / "3_wojood_segments.txt").write_text(
        "\n".join(sentences(CORPUS / "wojood" / "val.txt", 24)) + "\n", encoding="utf-8")
    with (CORPUS / "ans_stance" / "stance_test_first100.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))[:30]
    (OUT / "4_ans_headlines.txt").write_text("\n".join(r["s1"] for r in rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
