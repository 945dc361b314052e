"""Layer fingerprints are stored in projects (``layer_origins``): pin the digests of known
layers so that a faster fingerprint cannot change them."""

from __future__ import annotations

import json

import pytest

from annotator.core.layers import _dump, _form, fingerprint
from annotator.core.model import Annotations, Argument, Event, Relation, Span


def _layers() -> dict[str, Annotations]:
    plain = Annotations(spans=[Span(label="GPE", fragments=[(0, 5)], id=1), Span(label="PER", fragments=[(7, 12)], id=2)],
                        status="done")
    extras = Annotations(
        spans=[Span(label="ORG", fragments=[(3, 9)], id=1, attributes={"negated": True}, notes=["b", "a"]),
               Span(label="LOC", fragments=[(20, 24), (10, 14)], id=2), Span(label="مكان'\"", fragments=[(1, 2)], id=3)],
        events=[Event(type="Attack", trigger=1, arguments=[Argument(role="Target", span=2)], id=1)],
        relations=[Relation(type="LocatedIn", source=1, target=2, id=1)], doc_labels={"topic": ["sport", "news"]},
        notes=["z", "a"], status="in_progress")
    return {"empty": Annotations(), "plain": plain, "extras": extras}


PINNED = {
    "empty": "92b3dae7f0c328ea3e9abd15be1ffc98322436b467c33b180f702b1325f95932",
    "plain": "6301757f60d7b614118e1d2c0e94e8e6167b754606dffd23ae4070509e484c1f",
    "extras": "93e00fc7318c53d039d80226e74f2c460224a4b0ba41dae7b893132c979ab3f8",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_fingerprint_is_pinned(name: str) -> None:
    assert fingerprint(_layers()[name]) == PINNED[name]


def test_fingerprint_with_normalisations_is_pinned() -> None:
    norms = [{"span": 1, "reference": "Wikipedia:1", "text": "t"}]
    assert fingerprint(_layers()["extras"], None, norms) == "980f70eb2c735bd6462f505f1f919dfb549909bf902e39fe5eaa99c69d53f045"


def test_fingerprint_hashes_the_canonical_form() -> None:
    import hashlib

    for ann in _layers().values():
        want = hashlib.sha256(_dump(_form(ann, None, ())).encode("utf-8")).hexdigest()
        assert fingerprint(ann) == want
        assert json.loads(_dump(_form(ann, None, ())))["status"] == (ann.status or "new")


def test_span_order_and_ids_do_not_matter() -> None:
    a = _layers()["plain"]
    b = Annotations(spans=[Span(label="PER", fragments=[(7, 12)], id=9), Span(label="GPE", fragments=[(0, 5)], id=4)],
                    status="done")
    assert fingerprint(a) == fingerprint(b)
    b.spans[0].fragments = [(7, 13)]
    assert fingerprint(a) != fingerprint(b)
