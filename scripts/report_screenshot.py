"""Render docs/screenshots/report-charts.png: the charts of ``annotator report`` on a demo
team (the news article of the test corpus, split into sentences, annotated by two people
who disagree here and there), stacked into one image.

    python scripts/report_screenshot.py [--out PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.core.text import sentences  # noqa: E402
from annotator.report import write_report  # noqa: E402
from annotator.store.project import Project  # noqa: E402

# What each annotator marked: (lina's words, label), (omar's words, label); None: nothing.
GAZETTEER = [
    (("الولايات المتحدة", "GPE"), ("الولايات المتحدة", "GPE")), (("سوريا", "GPE"), ("سوريا", "GPE")),
    (("دمشق", "GPE"), ("دمشق", "GPE")), (("الحسكة", "GPE"), ("محافظة الحسكة", "GPE")),
    (("قاعدة الشدادي", "FAC"), ("قاعدة الشدادي", "FAC")), (("معبر اليعربية", "FAC"), ("معبر اليعربية", "LOC")),
    (("«قسد»", "ORG"), ("قسد", "ORG")), (("التحالف الدولي", "ORG"), ("التحالف الدولي", "ORG")),
    (("القوات الحكومية", "ORG"), None), (("الشمال الشرقي", "LOC"), ("الشمال الشرقي", "LOC")),
    (("منتصف العام الجاري", "DATE"), ("العام الجاري", "DATE")), (("أسبوعين", "DATE"), None),
    (("الآليات", "VEH"), ("الآليات", "VEH")), (("الشاحنات", "VEH"), None), (("كردية", "NORP"), ("كردية", "NORP")),
]


def build(folder: Path) -> Path:
    """Create a lead project, packages for lina and omar, annotate them, merge; return it."""
    text = (ROOT / "tests" / "data" / "corpus" / "news" / "shaddadi_withdrawal.txt").read_text(encoding="utf-8")
    parts = [text[s:e] for s, e in sentences(text) if e - s > 40]
    lead = folder / "news.annotproj"
    with Project.create(lead, annotator="lead") as p:
        p.add_documents([{"text": t, "name": f"s{i:02}"} for i, t in enumerate(parts)])
        p.assign(["lina", "omar"], overlap=0.5, seed=1)
        for who in ("lina", "omar"):
            p.pack(folder / f"{who}.annotproj", who)
    for k, who in enumerate(("lina", "omar")):
        with Project.open(folder / f"{who}.annotproj") as q, q.macro("demo"):
            for n, doc in enumerate(q.document_ids()):
                t = q.text(doc)
                if n % 7 == 6:
                    continue  # not started yet
                for entry in GAZETTEER:
                    if entry[k] is None:
                        continue
                    word, label = entry[k]
                    start = t.find(word)
                    if start >= 0:
                        q.add_span(doc, label, start, start + len(word))
                q.set_status(doc, "done" if n % 4 else "in_progress")
    with Project.open(lead, annotator="lead") as p:
        p.merge([folder / "lina.annotproj", folder / "omar.annotproj"])
    return lead


def stack(images: list[Path], out: Path) -> None:
    """Write the images one under the other into ``out``."""
    from PIL import Image

    opened = [Image.open(i).convert("RGB") for i in images]
    width = max(i.width for i in opened)
    canvas = Image.new("RGB", (width, sum(i.height for i in opened)), "white")
    y = 0
    for img in opened:
        canvas.paste(img, (0, y))
        y += img.height
    out.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(out, optimize=True)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "report-charts.png"))
    args.add_argument("--keep", help="write the demo project and report into this folder")
    opts = args.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(opts.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        lead = build(folder)
        with Project.open(lead) as p:
            write_report(p, folder / "report")
        stack([folder / "report" / n for n in ("progress.png", "labels.png", "agreement.png")], Path(opts.out))
    print(f"Wrote {opts.out}.")


if __name__ == "__main__":
    main()
