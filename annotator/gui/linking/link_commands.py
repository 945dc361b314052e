"""The commands of the link controller: events by hotkey, arguments and relations by
picking, document labels, attributes, deletions and moving between problems (stances:
``stance_commands``).

Each edit is one Project API call (or one macro) run through the window's ``_edit``, so it
is saved at once, is one step of the window's undo, and its ``Changes`` reach every view
and panel (the spans it adds or removes too: triggers, evidence) by the window's
``show_changes``; no command changes a view itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QCursor

from annotator.core.validation import Problem
from annotator.gui.linking.picker import choose
from annotator.gui.panels.models import link_text, quoted

if TYPE_CHECKING:
    from annotator.gui.linking.links import LinkController

translate = QCoreApplication.translate


class LinkCommandsMixin:
    """Commands of ``LinkController`` (kept apart so each file stays small)."""

    # -- events ------------------------------------------------------------------------

    def apply_event_type(self: LinkController, type_: str) -> None:
        """Mark the selected text as a trigger of a new ``type_`` event (one undo step);
        on a selected trigger, change its event's type; on another span, make it one."""
        w = self.w
        rng = w.view.selection_range()
        if rng is not None:
            start, end = w.view.snapped(*rng)
            if start >= end:
                w.status(translate("LinkController", "The selection holds no word to mark as a trigger."))
                return
            ok, eid = w._edit(lambda doc=w.doc_id: w.project.add_event(doc, type_, (start, end)))
            if ok:
                w.view.clear_selection()
                self._event_added(eid)
            return
        sid = w.view.selected_span
        item = w.view.store.get(sid) if sid is not None else None
        if item is None:
            w.status(translate("LinkController", "Select a trigger word, then press an event key."))
            return
        event = self.state.event_of_trigger(sid)
        if event is not None:
            self.change_event_type(event.id, type_)
            return

        def make() -> int:
            with w.project.macro(translate("LinkController", "Make «{text}» a {type} trigger").format(text=w.text[item.start:item.end], type=type_)):
                if item.label != type_:
                    w.project.relabel_span(sid, type_)
                return w.project.add_event(w.doc_id, type_, sid)

        ok, eid = w._edit(make)
        if ok:
            self._event_added(eid)

    def _event_added(self: LinkController, event_id: int) -> None:
        self.event_id, self.arg_span = event_id, None
        self.show()
        self.w.view.select_span(self.state.event(event_id).trigger)
        self.w.docks["events"].raise_()
        self.w.status(translate("LinkController", "Event added. Ctrl+R adds an argument: choose the role, then Tab to the entity and press Enter."))

    def change_event_type(self: LinkController, event_id: int, type_: str) -> None:
        ev = self.state.event(event_id)
        if ev is None or ev.type == type_:
            return
        self.w._edit(lambda: self.w.project.set_event_type(event_id, type_))

    def select_event(self: LinkController, event_id: Any, span_id: Any = None) -> None:
        """Show event ``event_id``: its trigger (or argument ``span_id``) selected and in
        view, arcs to its arguments."""
        ev = self.state.event(event_id)
        self.event_id = ev.id if ev else None
        self.arg_span = span_id if ev is not None and span_id != ev.trigger else None
        if ev is not None:
            self.w.view.select_span(span_id if span_id is not None else ev.trigger, reveal=True)
        self.show()

    def request_argument(self: LinkController) -> None:
        """Ask for a role of the current event, then pick the span that fills it."""
        ev = self.state.event(self.event_id) or self.state.event_of_trigger(self.w.view.selected_span)
        et = self.scheme.event(ev.type) if ev is not None else None
        if ev is None or et is None:
            self.w.status(translate("LinkController", "Select an event first: click its trigger, or choose it in the Events panel."))
            return
        self.event_id = ev.id
        filled = self.state.roles_filled(ev)
        items = [(f"{r.title(self.w.lang)}  ({r.card}; {filled.get(r.name, 0)})" + ("  ⚠" if filled.get(r.name, 0) < r.minimum else ""), r.name)
                 for r in et.roles]
        self.menu = choose(self.w, items, self._menu_point(ev.trigger), lambda role: self.start_argument_pick(ev.id, role))

    def _menu_point(self: LinkController, span_id: Any) -> QPoint:
        view = self.w.view
        item = view.store.get(span_id)
        rects = view.painter.rects_of(view.visible_blocks(), item, view.u16) if item is not None else []
        if rects:
            return view.viewport().mapToGlobal(rects[0].bottomLeft().toPoint())
        return QCursor.pos()

    def start_argument_pick(self: LinkController, event_id: Any, role_name: str) -> None:
        ev = self.state.event(event_id)
        et = self.scheme.event(ev.type) if ev is not None else None
        role = et.role(role_name) if et is not None else None
        if ev is None or role is None:
            return
        self.event_id = ev.id
        fits = [lab for lab in self.labels_in_use() if self.scheme.accepts(role.types, lab)]
        self.pick_kind = "argument"
        self.picker.start(fits, ev.trigger, role.name, lambda sid: self._add_argument(ev.id, role.name, sid), exclude=ev.trigger)
        if self.picker.count:
            self.w.status(translate("LinkController", "{role} of {type}: Tab and Shift+Tab move through the {n} spans that fit, Enter takes one, "
                             "a click takes any span, Esc cancels.").format(role=role.title(self.w.lang), type=et.name(self.w.lang), n=self.picker.count))
        else:
            self.w.status(translate("LinkController", "No span here is a {types}: click the span that fills {role}, or press Esc.").format(
                types=" / ".join(role.types), role=role.title(self.w.lang)))

    def _add_argument(self: LinkController, event_id: int, role: str, span_id: int) -> None:
        self.pick_kind = ""
        ok, _ = self.w._edit(lambda: self.w.project.add_argument(event_id, role, span_id))
        if ok:
            self.select_event(event_id)

    def delete_event_item(self: LinkController, data: Any) -> None:
        """Delete an event (with its trigger) or one argument, as the panel asks."""
        kind, oid, event_id, span_id = data
        if kind == "argument":
            ok, _ = self.w._edit(lambda: self.w.project.delete_argument(oid))
            if ok:
                self.select_event(event_id)
            return
        self.w._edit(lambda: self.w.project.delete_event(oid))

    # -- relations ---------------------------------------------------------------------

    def labels_in_use(self: LinkController) -> list[str]:
        """The labels a span of the open document may have: the scheme's span labels and
        event types, and the labels the store counts (one the scheme lost, ``?``)."""
        store = self.w.view.store
        labels = dict.fromkeys([*self.scheme.span_labels, *self.scheme.event_types, *store.labels()])
        return [lab for lab in labels if store.label_count(lab)]

    def relation_types(self: LinkController, source: str, target: str) -> list[Any]:
        """Return the scheme's relation types that may link a ``source`` span to a
        ``target`` span (either way round for a symmetric one)."""
        ok = self.scheme.accepts
        return [r for r in self.scheme.relations
                if (ok(r.arg1, source) and ok(r.arg2, target)) or (r.symmetric and ok(r.arg1, target) and ok(r.arg2, source))]

    def request_link(self: LinkController) -> None:
        """Pick the target of a relation from the selected span."""
        w = self.w
        src = w.view.store.get(w.view.selected_span) if w.view.selected_span is not None else None
        if src is None:
            w.status(translate("LinkController", "Click the span the relation starts from, then press Ctrl+L."))
            return
        fits = [lab for lab in self.labels_in_use() if self.relation_types(src.label, lab)]
        self.pick_kind = "relation"
        self.picker.start(fits, src.id, "", lambda tgt: self._link(src.id, tgt), exclude=src.id)
        w.status(translate("LinkController", "Link from «{text}»: Tab and Shift+Tab move through the {n} spans it may link to, Enter takes one, "
                    "a click takes any span, Esc cancels.").format(text=w.text[src.start:src.end], n=self.picker.count))

    def _link(self: LinkController, source: int, target: int) -> None:
        self.pick_kind = ""
        a, b = self.w.view.store.get(source), self.w.view.store.get(target)
        types = self.relation_types(a.label, b.label) if a and b else []
        if not types:
            self.w.status(translate("LinkController", "No relation type of the scheme links a {a} to a {b}.").format(a=a.label if a else "?", b=b.label if b else "?"))
            return
        if len(types) == 1:
            self._add_relation(types[0].type, source, target)
            return
        self.menu = choose(self.w, [(r.name(self.w.lang), r.type) for r in types], self._menu_point(target),
                           lambda t: self._add_relation(t, source, target))

    def _add_relation(self: LinkController, type_: str, source: int, target: int) -> None:
        def add() -> int:
            # selected before its Changes are shown: the edit is shown once, with it selected
            self.relation_id = rid = self.w.project.add_relation(type_, source, target)
            return rid

        ok, _ = self.w._edit(add)
        if ok:
            self.w.docks["relations"].raise_()
            self.w.view.select_span(source, reveal=True)

    def select_relation(self: LinkController, relation_id: Any) -> None:
        rel = self.state.relation(relation_id)
        self.relation_id = rel.id if rel else None
        if rel is not None:
            self.w.view.select_span(rel.source, reveal=True)
        self.show()

    def delete_relation(self: LinkController, relation_id: int) -> None:
        self.w._edit(lambda: self.w.project.delete_relation(relation_id))

    # -- document labels and attributes ------------------------------------------------

    def set_doc_labels(self: LinkController, label_set: str, labels: list[str]) -> None:
        if self.w.doc_id is not None:
            self.w._edit(lambda doc=self.w.doc_id: self.w.project.set_doc_labels(doc, label_set, labels))

    def set_attribute(self: LinkController, kind: str, item_id: int, name: str, value: Any) -> None:
        self.w._edit(lambda: self.w.project.set_attribute(kind, item_id, name, value))

    # -- clicks, problems, the inspector -----------------------------------------------

    def _span_clicked(self: LinkController, span_id: Any) -> None:
        if self.picker.active:
            if span_id is not None:
                self.picker.pick(span_id)
            return
        ev = self.state.event_of_trigger(span_id)
        self.event_id, self.arg_span = (ev.id if ev else None), None
        self.relation_id = None
        self.show()

    def show_problem(self: LinkController, problem: Problem) -> None:
        """Select what ``problem`` is about and show it in the text."""
        kind, _, oid = problem.item.partition(" ")
        if kind == "event" and oid.isdigit():
            self.select_event(int(oid), self._span_between(problem.start, problem.end))
        elif kind == "relation" and oid.isdigit():
            self.select_relation(int(oid))
        elif kind == "stance" and oid.isdigit():
            self.w.docks["stance"].raise_()
            self.select_stance(int(oid))
        if problem.start is not None and kind != "event":
            sid = self._span_between(problem.start, problem.end)
            if sid is not None:
                self.w.view.select_span(sid, reveal=True)
            else:
                self.w.view.reveal(problem.start)

    def _span_between(self: LinkController, start: int | None, end: int | None) -> int | None:
        if start is None:
            return None
        found = [it for it in self.w.view.store.at(start) if (it.start, it.end) == (start, end)]
        return found[-1].id if found else None

    def step_problem(self: LinkController, delta: int) -> None:
        """Go to the next (or previous) problem of the document."""
        problems = self.state.problems
        if not problems:
            self.w.status(translate("LinkController", "No problems in this document."))
            return
        row = self.problems_panel.list.currentRow()
        row = (row + delta) % len(problems) if row >= 0 else (0 if delta > 0 else len(problems) - 1)
        self.w.docks["problems"].raise_()
        self.show_problem(problems[row])
        self.problems_panel.list.setCurrentRow(row)
        self.w.status(problems[row].message)

    def show_use(self: LinkController, kind: str, item_id: Any) -> None:
        if kind == "event":
            self.w.docks["events"].raise_()
            self.select_event(item_id)
        elif kind == "relation":
            self.w.docks["relations"].raise_()
            self.select_relation(item_id)
        elif kind == "stance":
            self.w.docks["stance"].raise_()
            self.select_stance(item_id)

    def describe_use(self: LinkController, kind: str, item_id: Any, how: str) -> str:
        """Say in a few words how a span takes part in an event, relation or stance."""
        if kind == "event" and (ev := self.state.event(item_id)):
            et = self.scheme.event(ev.type)
            role = et.role(how) if et else None
            how = role.title(self.w.lang) if role else how
            what = f"{ev.type} {quoted(self.state.surface(ev.trigger))}"
            return translate("LinkController", "trigger of {what}").format(what=what) if how == "trigger" else translate("LinkController", "{role} of {what}").format(role=how, what=what)
        if kind == "relation" and (rel := self.state.relation(item_id)):
            return f"{rel.type}: {link_text(self.state.surface(rel.source), self.state.surface(rel.target))}"
        if kind == "stance" and (st := self.state.stance(item_id)):
            return translate("LinkController", "{how} of stance {label}").format(how={"holder": translate("LinkController", "holder"), "target": translate("LinkController", "target"),
                                                             "evidence": translate("LinkController", "evidence")}.get(how, how), label=st.label)
        return how
