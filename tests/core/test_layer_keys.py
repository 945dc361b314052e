"""Layers compared by content: the same annotations with other ids or in another order
have the same fingerprint; any real change gives another."""

from __future__ import annotations

from annotator.core.layers import canonical, fingerprint
from annotator.core.model import Annotations, Argument, Event, Span, Stance


def layer(ids: tuple[int, int], *, realis: str = "actual", order: int = 1) -> Annotations:
    a, b = ids
    spans = [Span("GPE", [(5, 21)], id=a, attributes={"Generic": False}), Span("Movement", [(22, 30)], id=b)]
    return Annotations(
        spans=spans[::order],
        events=[Event("Movement", trigger=b, arguments=[Argument("Mover", a)], attributes={"Realis": realis})],
        stances=[Stance("AGAINST", "fixed", "Syrian government", holder=a)],
        doc_labels={"topic": ["politics", "military"]}, notes=["راجع"], status="done",
    )


def test_same_content_same_fingerprint_whatever_the_ids_and_order():
    assert fingerprint(layer((1, 2))) == fingerprint(layer((70, 9), order=-1))
    assert canonical(layer((1, 2)))["events"] == [[["Movement", ["Movement", [[22, 30]]], [["Mover", ["GPE", [[5, 21]]]]]],
                                                  [["Realis", "actual"]], []]]


def test_any_change_changes_the_fingerprint():
    base = fingerprint(layer((1, 2)))
    assert fingerprint(layer((1, 2), realis="hypothetical")) != base
    changed = layer((1, 2))
    changed.spans[0].fragments = [(5, 20)]
    assert fingerprint(changed) != base
    changed = layer((1, 2))
    changed.status = "in_progress"
    assert fingerprint(changed) != base
    changed = layer((1, 2))
    changed.doc_labels = {"topic": ["politics"]}
    assert fingerprint(changed) != base
