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
        if isinstance(v, dict) and {"median", "min", "max"} <= set(v):
            shown = f"{v['median']:,.3f} ({v['min']:,.3f}–{v['max']:,.3f})"
        else:
            shown = f"{v:,.3f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v)
        print(f"  {k:<{width}}  {shown}")
    if path:
        Path(path).write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")


def in_child(code: str, **params: object) -> dict:
    """Run ``code`` in a fresh Python process (the annotator of this checkout on its path)
    and return what it measured: the ``result`` dict it sets, plus ``peak_mb``, the
    process's own peak resident memory (``VmHWM``).  ``params`` are given to it as ``P`` (JSON)."""
    import subprocess
    import textwrap

    script = textwrap.dedent(
        """
        import json, resource, sys, time
        sys.path.insert(0, {root!r})
        P = json.loads(sys.argv[1])
        result = {{}}
        """
    ).format(root=str(ROOT)) + textwrap.dedent(code) + textwrap.dedent(
        """
        # VmHWM is this process's own peak; ru_maxrss keeps the parent's peak across fork + exec
        try:
            hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
            result["peak_mb"] = int(hwm.split()[1]) / 1024
        except (OSError, IndexError):
            result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print("RESULT " + json.dumps(result))
        """
    )
    done = subprocess.run([sys.executable, "-c", script, json.dumps(params)], capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"the measurement failed:\n{done.stderr[-3000:]}")


def spread(values: list[float]) -> dict:
    """Return the median, min and max of ``values``."""
    import statistics

    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def table(rows: list[list[object]], header: list[str]) -> None:
    """Print ``rows`` as an aligned table under ``header``."""
    cells = [[str(c) for c in header]] + [[f"{c:,.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for n, r in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))
