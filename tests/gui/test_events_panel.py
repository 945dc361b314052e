"""The Events panel changes only the rows of events that changed; whatever the sequence of
changes, it lists the same as a panel that made its tree from scratch."""

from __future__ import annotations

import random

from annotator.core.model import Annotations, Argument, Event, Span
from annotator.core.scheme import default_scheme
from annotator.core.validation import Problem
from annotator.gui.linking.linked_state import LinkedState
from annotator.gui.panels.events_panel import EventsPanel


def rows(panel: EventsPanel) -> list[tuple[str, ...]]:
    tree = panel.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append((top.text(0), top.text(1), top.toolTip(1),
                    *(f"{top.child(j).text(0)}={top.child(j).text(1)}" for j in range(top.childCount()))))
    return out


def test_patched_rows_match_a_fresh_tree(qtbot):
    scheme = default_scheme()
    rng = random.Random(4)
    spans = [Span("GPE" if i % 2 else "Movement", [(i * 10, i * 10 + 5)], id=i, surface=f"w{i}") for i in range(40)]
    events: list[Event] = []
    next_id = 1
    panel = EventsPanel()
    panel.set_scheme(scheme, "en")
    qtbot.addWidget(panel)
    for step in range(60):
        action = rng.choice(["add", "add", "drop", "argument", "type", "problem"])
        if action == "add" or not events:
            trigger = rng.choice([s.id for s in spans if s.label == "Movement"])
            events.append(Event("Movement", trigger, [], id=next_id))
            next_id += 1
        elif action == "drop":
            events.pop(rng.randrange(len(events)))
        elif action == "argument":
            ev = rng.choice(events)
            ev.arguments = [*ev.arguments, Argument("Mover", rng.choice([s.id for s in spans if s.label == "GPE"]), id=step)]
        elif action == "type":
            ev = rng.choice(events)
            events[events.index(ev)] = Event(rng.choice(["Movement", "Attack"]), ev.trigger, list(ev.arguments), id=ev.id)
        events.sort(key=lambda e: (spans[e.trigger].start, e.id))
        problems = [Problem(1, "d", "cardinality", f"event {e.id} needs a Mover", item=f"event {e.id}")
                    for e in events if not e.arguments and rng.random() < 0.7]
        state = LinkedState(1, Annotations(spans=spans, events=[Event(e.type, e.trigger, list(e.arguments), id=e.id)
                                                                for e in events]), problems)
        current = rng.choice(events).id if events else None
        panel.show_state(state, current)
        fresh = EventsPanel()
        fresh.set_scheme(scheme, "en")
        fresh.show_state(state, current)
        assert rows(panel) == rows(fresh), f"step {step}: {action}"
        assert panel.current == current
        fresh.deleteLater()
