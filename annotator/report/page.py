"""The HTML report: one self-contained UTF-8 page (charts embedded, no outside
resources) beside the same charts as PNG files.

Names and labels may be Arabic: every cell holding text from the project is marked
``dir="auto"`` (or wrapped in ``<bdi>``) so it lays out in its own direction inside the
left-to-right page.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import ProjectError
from annotator.core.wording import count
from annotator.report import charts

if TYPE_CHECKING:
    from annotator.store.project import Project

CSS = """
body { font-family: "Amiri", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 60em;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .6em 0; } th, td { padding: .2em .7em; border-bottom: 1px solid #eee; }
th { text-align: start; background: #f6f6f6; } td.n { text-align: end; font-variant-numeric: tabular-nums; }
img { max-width: 100%; border: 1px solid #eee; } .muted { color: #777; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(head: list[str], rows: list[list[Any]], numeric_from: int = 1) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            if i >= numeric_from:
                out.append(f'<td class="n">{_e(_num(cell))}</td>')
            else:
                out.append(f'<td dir="auto">{_e(cell)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _image(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{_e(alt)}"></p>'


def write_report(project: Project, out_dir: str | os.PathLike[str], *, annotators: list[str] | None = None) -> Path:
    """Write ``index.html`` and the charts ``progress.png``, ``labels.png`` and
    ``agreement.png`` into ``out_dir`` (created if needed); return the page's path."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ProjectError(f"{out} is a file; name a folder for the report.")
    out.mkdir(parents=True, exist_ok=True)
    progress = project.progress()
    counts = project.label_counts()
    try:
        agreement = project.agreement(annotators)
    except ProjectError as exc:
        if annotators is not None:
            raise
        agreement, why = None, str(exc)
    else:
        why = ""
    labels = sorted({lab for per in counts.values() for lab in per}
                    | set((agreement or {}).get("overall", {}).get("spans", {}).get("exact", {}).get("labels", {})))
    names = charts.label_names(project.scheme, labels)
    charts.progress_chart(progress, out / "progress.png")
    charts.labels_chart(counts, names, out / "labels.png")
    charts.agreement_chart(agreement["overall"]["spans"] if agreement else {}, names, out / "agreement.png")
    page = _page(project, progress, counts, names, agreement, why, out)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _page(project: Project, progress: dict[str, dict[str, int]], counts: dict[str, dict[str, int]], names: dict[str, str],
          agreement: dict[str, Any] | None, why: str, out: Path) -> str:
    stats = project.stats()
    title = f"annotator report: {project.path.name}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en" dir="ltr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>Report on <bdi>{_e(project.path.name)}</bdi></h1>",
        f'<p class="muted">Scheme <bdi>{_e(stats["scheme"]["name"])}</bdi> v{_e(stats["scheme"]["version"])}; '
        f'{stats["documents"]} documents, {stats["spans"]} spans.</p>',
        "<h2>Progress per annotator</h2>", _image(out / "progress.png", "Progress per annotator"),
        _table(["annotator", "assigned", "not started", "in progress", "done"],
               [[n, p["assigned"], p["new"], p["in_progress"], p["done"]] for n, p in progress.items()]),
        "<h2>Label distribution</h2>", _image(out / "labels.png", "Label distribution"),
        _table(["label", *counts.keys()], [[names.get(lab, lab), *(counts[w].get(lab, 0) for w in counts)]
                                           for lab in sorted({x for per in counts.values() for x in per})]),
        *_suggestions_html(project, list(progress)),
        "<h2>Agreement</h2>", _image(out / "agreement.png", "Span agreement per label"),
    ]
    if agreement is None:
        parts.append(f'<p class="muted">{_e(why)}</p>')
    else:
        parts += _agreement_html(agreement, names)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _suggestions_html(project: Project, names: list[str]) -> list[str]:
    """A table of the annotations that came from accepted suggestions, per annotator and
    recommender (nothing when there are none)."""
    from annotator.store.suggestions import provenance_counts

    per = {n: provenance_counts(project, [n]) for n in names}
    recommenders = sorted({r for c in per.values() for r in c})
    if not recommenders:
        return []
    return ["<h2>Annotations from accepted suggestions</h2>",
            _table(["annotator", *recommenders], [[n, *(c.get(r, 0) for r in recommenders)] for n, c in per.items() if c])]


def _agreement_html(agreement: dict[str, Any], names: dict[str, str]) -> list[str]:
    overall = agreement["overall"]
    docs = agreement["documents"]
    parts = [f"<p>Compared on {count(len(docs), 'document')} annotated by two or more of "
             f"{', '.join(f'<bdi>{_e(n)}</bdi>' for n in agreement['annotators'])}"
             f"{' (done only)' if agreement.get('done_only') else ''}.</p>"]
    rows = []
    for p in agreement["pairs"]:
        rows.append([" / ".join(p["annotators"]), len(p["documents"]), p["spans"]["exact"]["overall"]["f1"],
                     p["spans"]["overlap"]["overall"]["f1"], p["tokens"]["kappa"], p["triggers"]["overall"]["f1"],
                     p["arguments"]["overall"]["f1"], p["stance"]["alpha"]])
    parts.append(_table(["pair", "documents", "span F1 exact", "span F1 overlap", "token κ", "trigger F1",
                         "argument F1", "stance α"], rows))
    label_rows = [[names.get(lab, lab), p["f1"], overall["spans"]["overlap"]["labels"][lab]["f1"], p["a"] + p["b"]]
                  for lab, p in overall["spans"]["exact"]["labels"].items()]
    parts += ["<h3>Per label (all pairs)</h3>", _table(["label", "F1 exact", "F1 overlap", "spans"], label_rows)]
    if "fleiss" in overall:
        f = overall["fleiss"]
        parts.append(f"<p>Fleiss' κ over {f['tokens']} tokens of {len(f['documents'])} documents all annotated: "
                     f"{_e(_num(f['kappa']))}.</p>")
    alphas = [["stance", overall["stance"]["pairable"], overall["stance"]["alpha"]]]
    alphas += [[f"document labels: {s}", a["pairable"], a["alpha"]] for s, a in overall["doc_labels"].items()]
    parts += ["<h3>Krippendorff's α</h3>", _table(["what", "units", "α"], alphas)]
    parts.append("<h3>Documents compared</h3>")
    parts.append(_table(["document", "annotators"], [[d["name"], ", ".join(d["annotators"])] for d in docs], numeric_from=9))
    return parts
