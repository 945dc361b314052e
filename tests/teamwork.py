"""A small team, shared by the store and CLI tests: a lead's project, packages for lina
and omar, and the two versions of the shared document worked out by hand in
``HAND_VALUES``."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project

SHARED = "زار الرئيس السوري دمشق ثم بيروت"
# tokens: زار [0,3) الرئيس [4,10) السوري [11,17) دمشق [18,22) ثم [23,25) بيروت [26,31)
OTHERS = [
    "قالت الحكومة السورية إن الاتفاق سيُنفَّذ.",
    "وصل رتل من الآليات إلى قاعدة الشدادي.",
    "اجتمع الوفد الكردي مع المبعوث الأميركي في عمّان 😀.",
    "أعلنت «قسد» انسحابها من الرقة.",
]

# What the two versions of SHARED give, by hand:
#   lina: PER «الرئيس السوري» [4,17), GPE «دمشق», GPE «بيروت»
#   omar: PER «الرئيس» [4,10),        GPE «دمشق», LOC «بيروت»
# spans exact: only GPE «دمشق» matches: tp 1 of 3 and 3 -> P = R = F1 = 1/3
# spans by overlap: PER «الرئيس» lies in PER «الرئيس السوري»: tp 2 -> F1 = 2/3
# tokens lina: O PER PER GPE O GPE; omar: O PER O GPE O LOC (the trigger زار is not an entity)
#   p_o = 4/6; p_e = (O 2*3 + PER 2*1 + GPE 2*1) / 36 = 10/36 -> kappa = (24-10)/(36-10) = 7/13
# events: both Meeting on «زار» -> trigger F1 1; arguments: (Place, دمشق) shared,
#   (Participant, الرئيس السوري) vs (Participant, الرئيس) not -> tp 1 of 2 and 2 -> F1 1/2
# stance: (AGAINST, AGAINST) on "Syrian government", (FAVOR, NEUTRAL) on "US withdrawal":
#   o[AG,AG] = 2, o[FA,NE] = o[NE,FA] = 1, n = 4 -> alpha = 1 - 3 * 2 / (2 * (2 + 2 + 1)) = 0.4
# topic (multi-label, units per label): politics (T,T), military (F,T), economy/society/other (F,F)
#   o[T,T] = 2, o[T,F] = o[F,T] = 1, o[F,F] = 6; n_T = 3, n_F = 7, n = 10
#   -> alpha = 1 - 9 * 2 / (2 * 3 * 7) = 1 - 18/42 = 4/7
# reliability (single label): (high, medium) only -> alpha = 1 - 1 * 2 / (2 * 1 * 1) = 0
HAND_VALUES = {
    "exact_f1": 1 / 3, "overlap_f1": 2 / 3, "kappa": 7 / 13, "trigger_f1": 1.0, "argument_f1": 0.5,
    "stance_alpha": 0.4, "topic_alpha": 4 / 7, "reliability_alpha": 0.0,
}


def make_lead(folder: Path) -> Path:
    """Create the lead's project: SHARED assigned to lina and omar, the others to one each."""
    path = folder / "lead.annotproj"
    with Project.create(path, annotator="lead") as p:
        p.guidelines = "# الدليل\nعلّم الكيانات كاملة."
        ids = p.add_documents([{"text": SHARED, "name": "shared"}] +
                              [{"text": t, "name": f"doc{i}"} for i, t in enumerate(OTHERS)]).added
        p.assign(["lina", "omar"], overlap=1.0, documents=[ids[0]])
        p.assign(["lina", "omar"], overlap=0.0, seed=5)
    return path


def find(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def annotate(package: Path, who: str) -> None:
    """Annotate SHARED in ``package`` as ``who`` ("lina" or "omar") does, and mark it done."""
    with Project.open(package) as p:
        assert p.annotator == who
        doc = p.find_document(name="shared").id
        t = p.text(doc)
        per = p.add_span(doc, "PER", *find(t, "الرئيس السوري" if who == "lina" else "الرئيس"))
        dam = p.add_span(doc, "GPE", *find(t, "دمشق"))
        p.add_span(doc, "GPE" if who == "lina" else "LOC", *find(t, "بيروت"))
        p.add_event(doc, "Meeting", find(t, "زار"), [("Participant", per), ("Place", dam)])
        p.add_stance(doc, "AGAINST", "Syrian government")
        p.add_stance(doc, "FAVOR" if who == "lina" else "NEUTRAL", "US withdrawal from Syria")
        p.set_doc_labels(doc, "topic", ["politics"] if who == "lina" else ["politics", "military"])
        p.set_doc_labels(doc, "reliability", ["high" if who == "lina" else "medium"])
        p.set_status(doc, "done")


def make_team(folder: Path) -> tuple[Path, Path, Path]:
    """Return (lead, lina's package, omar's package), both packages annotated."""
    lead = make_lead(folder)
    with Project.open(lead) as p:
        p.pack(folder / "lina.annotproj", "lina")
        p.pack(folder / "omar.annotproj", "omar")
    annotate(folder / "lina.annotproj", "lina")
    annotate(folder / "omar.annotproj", "omar")
    return lead, folder / "lina.annotproj", folder / "omar.annotproj"


def dump(path: Path) -> list[str]:
    """Return every row of the project file, for before/after comparisons."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
