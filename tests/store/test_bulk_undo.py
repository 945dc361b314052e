"""Undoing and redoing one step that touched many rows of every kind (a macro, as label-all
and accept-agreed are): the rows come back exactly, with their ids, on both backends.  The
replay writes table by table, one statement per table and kind of change, not row by row
in the log's order."""

from __future__ import annotations

TEXT = "بدأت الولايات المتحدة انسحابها من قاعدة الشدادي 🇸🇾 مع Reuters يوم ٢٠٢٤ " * 40
TABLES = ("spans", "fragments", "events", "event_arguments", "relations", "stances", "stance_evidence",
          "attributes", "notes", "document_status")


def _dump(project) -> dict[str, list[tuple]]:
    q = project.conn.execute
    cols = {"spans": "id, document_id, annotator_id, label, start, \"end\", surface",
            "fragments": "span_id, seq, start, \"end\", surface", "events": "id, type, trigger_span_id",
            "event_arguments": "id, event_id, role, span_id", "relations": "id, type, source_span_id, target_span_id",
            "stances": "id, label, holder_span_id, target_span_id", "stance_evidence": "stance_id, span_id",
            "attributes": "span_id, event_id, name, value", "notes": "id, text, span_id",
            "document_status": "document_id, annotator_id, status"}
    where = {"document_status": " WHERE status != 'new'"}  # a status row stays, as new (by design)
    return {t: sorted(q(f"SELECT {cols[t]} FROM {t}{where.get(t, '')}").fetchall(), key=repr) for t in TABLES}


def test_a_big_mixed_step_undoes_and_redoes_exactly(project):
    doc = project.add_documents([TEXT]).added[0]
    unit = len(TEXT) // 40
    before = _dump(project)
    with project.macro("Many kinds"):
        for k in range(40):
            o = k * unit
            us = project.add_span(doc, "GPE", o + 5, o + 21)
            base = project.add_span(doc, "FAC", o + 35, o + 47)
            project.add_event(doc, "Movement", (o + 22, o + 30), [("Mover", us), ("Origin", base)])
            project.set_attribute("span", us, "Specificity", "specific")
            project.add_relation("LocatedIn", base, us)
            project.add_stance(doc, "FAVOR", "US withdrawal from Syria", holder=us, evidence=[base])
            project.add_note(doc, f"ملاحظة {k}", span=base)
    after = _dump(project)
    assert len(after["spans"]) == 120 and len(after["event_arguments"]) == 80
    changes = project.undo().changes
    assert _dump(project) == before
    assert changes.removed["spans"] and changes.documents == {doc}
    project.redo()
    assert _dump(project) == after  # the same rows with the same ids
    project.undo()
    assert _dump(project) == before


def test_a_big_deletion_undoes_with_its_cascades(project):
    doc = project.add_documents([TEXT]).added[0]
    unit = len(TEXT) // 40
    spans = []
    for k in range(30):
        o = k * unit
        us = project.add_span(doc, "GPE", o + 5, o + 21)
        base = project.add_span(doc, "FAC", o + 35, o + 47)
        project.add_event(doc, "Movement", (o + 22, o + 30), [("Mover", us), ("Origin", base)])
        project.add_relation("LocatedIn", base, us)
        spans += [us, base]
    full = _dump(project)
    project.delete_spans(spans)  # the events' triggers stay; arguments and relations cascade
    assert _dump(project)["event_arguments"] == [] and _dump(project)["relations"] == []
    project.undo()
    assert _dump(project) == full
    project.redo()
    project.undo()
    assert _dump(project) == full

