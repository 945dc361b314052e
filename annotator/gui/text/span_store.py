"""The spans of the open document, indexed by position.

A document may carry 100,000 spans; the view draws only those that touch the visible
text.  Spans are kept in fixed-size buckets of code points, so finding what overlaps the
visible range, adding and removing a span all cost about the same in a 50 KB document as in
a 5 MB one.  The store also keeps the spans in text order for the annotation list.  No Qt
here: the store is tested on its own.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Code points per bucket.
BUCKET = 1024

Fragments = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class SpanItem:
    """A span as the window shows it."""

    id: int
    label: str
    fragments: Fragments

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)

    @property
    def key(self) -> tuple[int, int, int]:
        """Sort key of the annotation list: start, end, id."""
        return self.start, self.end, self.id

    def overlaps(self, start: int, end: int) -> bool:
        """Return True if a fragment overlaps ``[start, end)``."""
        return any(s < end and start < e for s, e in self.fragments)

    def contains(self, pos: int) -> bool:
        """Return True if a fragment contains code point ``pos``."""
        return any(s <= pos < e for s, e in self.fragments)


class SpanStore:
    """Spans by id, by position (buckets) and in text order."""

    def __init__(self, rows: Iterable[tuple[int, str, Fragments]] = ()) -> None:
        self._items: dict[int, SpanItem] = {}
        self._buckets: dict[int, list[SpanItem]] = {}
        items, buckets = self._items, self._buckets
        order: list[tuple[int, int, int]] = []
        for sid, label, frags in rows:
            if len(frags) == 1:  # the common case, kept fast for 100,000 spans
                s, e = frags[0]
                item = SpanItem(sid, label, (frags[0],))
                items[sid] = item
                for b in range(s // BUCKET, (e - 1) // BUCKET + 1):
                    bucket = buckets.get(b)
                    if bucket is None:
                        buckets[b] = [item]
                    else:
                        bucket.append(item)
                order.append((s, e, sid))
            else:
                item = SpanItem(sid, label, tuple(sorted(frags)))
                items[sid] = item
                self._bucket(item, add=True)
                order.append(item.key)
        order.sort()
        self._order = order
        self._labels: Counter[str] = Counter(it.label for it in items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._items

    def get(self, span_id: int) -> SpanItem | None:
        return self._items.get(span_id)

    def label_count(self, label: str) -> int:
        """How many spans have ``label``."""
        return self._labels.get(label, 0)

    def labels(self) -> list[str]:
        """The labels the spans have."""
        return [lab for lab, n in self._labels.items() if n > 0]

    def item_at_row(self, row: int) -> SpanItem:
        """Return the span at ``row`` of the text-order list."""
        return self._items[self._order[row][2]]

    def row_of(self, span_id: int) -> int | None:
        """Return the row of ``span_id`` in the text-order list."""
        item = self._items.get(span_id)
        if item is None:
            return None
        return bisect_left(self._order, item.key)

    def row_for(self, key: tuple[int, int, int]) -> int:
        """Return the row a span with sort ``key`` has (or would have) in text order."""
        return bisect_left(self._order, key)

    def items(self) -> list[SpanItem]:
        """Return every span in text order."""
        return [self._items[k[2]] for k in self._order]

    # -- changes -----------------------------------------------------------------------

    def add(self, span_id: int, label: str, fragments: Iterable[tuple[int, int]]) -> int:
        """Add a span; return its row in the text-order list."""
        if span_id in self._items:
            self.remove(span_id)
        item = SpanItem(span_id, label, tuple(sorted(fragments)))
        self._items[span_id] = item
        self._labels[label] += 1
        self._bucket(item, add=True)
        insort(self._order, item.key)
        return bisect_left(self._order, item.key)

    def remove(self, span_id: int) -> int | None:
        """Remove a span; return the row it had, or None if it was not here."""
        item = self._items.pop(span_id, None)
        if item is None:
            return None
        self._labels[item.label] -= 1
        self._bucket(item, add=False)
        row = bisect_left(self._order, item.key)
        del self._order[row]
        return row

    def update(self, rows: Iterable[tuple[int, str, Fragments]], removed: Iterable[int]) -> None:
        """Add or replace the spans ``rows`` and remove ``removed``, many at once: the
        text order is sorted once, not kept by an insertion per span."""
        gone = set(removed)
        rows = list(rows)
        gone.update(sid for sid, _, _ in rows if sid in self._items)
        for sid in gone:
            item = self._items.pop(sid, None)
            if item is not None:
                self._labels[item.label] -= 1
                self._bucket(item, add=False)
        if gone:
            self._order = [k for k in self._order if k[2] not in gone]
        for sid, label, frags in rows:
            item = SpanItem(sid, label, tuple(sorted(frags)))
            self._items[sid] = item
            self._labels[label] += 1
            self._bucket(item, add=True)
            self._order.append(item.key)
        self._order.sort()

    def relabel(self, span_id: int, label: str) -> int | None:
        """Change a span's label in place; return its row."""
        item = self._items.get(span_id)
        if item is None:
            return None
        self._labels[item.label] -= 1
        self._labels[label] += 1
        item.label = label
        return self.row_of(span_id)

    def _bucket(self, item: SpanItem, *, add: bool) -> None:
        seen: set[int] = set()
        for s, e in item.fragments:
            for b in range(s // BUCKET, (e - 1) // BUCKET + 1):
                if b in seen:
                    continue
                seen.add(b)
                if add:
                    self._buckets.setdefault(b, []).append(item)
                else:
                    bucket = self._buckets.get(b, [])
                    bucket[:] = [x for x in bucket if x.id != item.id]

    # -- queries -----------------------------------------------------------------------

    def overlapping(self, start: int, end: int) -> list[SpanItem]:
        """Return the spans with a fragment overlapping ``[start, end)``, outer ones first
        (by start, then longest first)."""
        found: dict[int, SpanItem] = {}
        if end <= start:
            return []
        for b in range(start // BUCKET, (end - 1) // BUCKET + 1):
            for item in self._buckets.get(b, ()):
                if item.id not in found and item.overlaps(start, end):
                    found[item.id] = item
        return sorted(found.values(), key=lambda it: (it.start, -it.end, it.id))

    def at(self, pos: int) -> list[SpanItem]:
        """Return the spans containing code point ``pos``, outermost first."""
        return [it for it in self.overlapping(pos, pos + 1) if it.contains(pos)]


def nesting_levels(items: Iterable[SpanItem]) -> dict[int, int]:
    """Give each span a level so that spans which overlap never share one: the outermost
    gets 0, a span nested in it 1, and so on (greedy, in ``overlapping`` order)."""
    ends: list[int] = []  # ends[level] = end of the span last put on that level
    levels: dict[int, int] = {}
    for it in sorted(items, key=lambda x: (x.start, -x.end, x.id)):
        for level, end in enumerate(ends):
            if end <= it.start:
                ends[level] = it.end
                levels[it.id] = level
                break
        else:
            levels[it.id] = len(ends)
            ends.append(it.end)
    return levels
