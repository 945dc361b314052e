"""Plain-text tables of an agreement result, for ``annotator agreement``.

Arabic names go in the last column, after two spaces, so a terminal that reshapes (see
``annotator.core.display``) never moves the numbers.
"""

from __future__ import annotations

from typing import Any

from annotator.core.scheme import Scheme
from annotator.core.wording import count


def _n(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _arabic_name(scheme: Scheme, label: str) -> str:
    item = scheme.entity(label) or scheme.event(label)
    return getattr(item, "ar", "") if item else ""


def agreement_lines(result: dict[str, Any], scheme: Scheme, *, per_document: bool = False) -> list[str]:
    """Return the lines of the readable agreement report."""
    docs = result["documents"]
    lines = [f"Agreement of {', '.join(result['annotators'])} on {count(len(docs), 'document')} "
             f"annotated by two or more of them{' (done only)' if result.get('done_only') else ''}."]
    if not docs:
        return lines
    lines += ["", f"{'pair':<24}{'docs':>6}{'span F1':>9}{'overlap':>9}{'token κ':>9}{'trigger':>9}{'argument':>10}{'stance α':>10}"]
    for p in result["pairs"]:
        lines.append(f"{' / '.join(p['annotators']):<24}{len(p['documents']):>6}"
                     f"{_n(p['spans']['exact']['overall']['f1']):>9}{_n(p['spans']['overlap']['overall']['f1']):>9}"
                     f"{_n(p['tokens']['kappa']):>9}{_n(p['triggers']['overall']['f1']):>9}"
                     f"{_n(p['arguments']['overall']['f1']):>10}{_n(p['stance']['alpha']):>10}")
    overall = result["overall"]
    lines += ["", f"{'label (all pairs)':<24}{'F1':>9}{'overlap':>9}{'P':>9}{'R':>9}{'spans':>7}"]
    for lab, p in overall["spans"]["exact"]["labels"].items():
        over = overall["spans"]["overlap"]["labels"][lab]
        lines.append(f"{lab:<24}{_n(p['f1']):>9}{_n(over['f1']):>9}{_n(p['precision']):>9}{_n(p['recall']):>9}"
                     f"{p['a'] + p['b']:>7}  {_arabic_name(scheme, lab)}".rstrip())
    for what in ("triggers", "arguments"):
        for lab, p in overall[what]["labels"].items():
            lines.append(f"{what[:-1] + ' ' + lab:<24}{_n(p['f1']):>9}{'':>9}{_n(p['precision']):>9}{_n(p['recall']):>9}"
                         f"{p['a'] + p['b']:>7}  {_arabic_name(scheme, lab)}".rstrip())
    lines.append("")
    lines.append(f"mean token Cohen's κ over pairs: {_n(overall['tokens']['cohen_kappa_mean'])} "
                 f"({overall['tokens']['count']} tokens compared)")
    if "fleiss" in overall:
        f = overall["fleiss"]
        lines.append(f"Fleiss' κ: {_n(f['kappa'])} ({len(f['documents'])} documents annotated by all, {f['tokens']} tokens)")
    alphas = [f"stance {_n(overall['stance']['alpha'])} ({overall['stance']['pairable']} units)"]
    alphas += [f"{s} {_n(a['alpha'])} ({a['pairable']} units)" for s, a in overall["doc_labels"].items()]
    lines.append("Krippendorff's α: " + "; ".join(alphas))
    if per_document:
        for p in result["pairs"]:
            lines += ["", f"{' / '.join(p['annotators'])}, per document:",
                      f"{'id':>6}{'span F1':>9}{'overlap':>9}{'token κ':>9}{'trigger':>9}{'argument':>10}  document"]
            for d in p["per_document"]:
                lines.append(f"{d['id']:>6}{_n(d['spans_exact']['f1']):>9}{_n(d['spans_overlap']['f1']):>9}{_n(d['kappa']):>9}"
                             f"{_n(d['triggers']['f1']):>9}{_n(d['arguments']['f1']):>10}  {d['name']}")
    lines += ["", "Documents compared: " + ", ".join(d["name"] for d in docs)]
    return lines
