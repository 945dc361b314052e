"""Events, relations, stances, document labels and live problems in the window.

``LinkController`` owns the panels (Events, Relations, Stance, Document labels, Problems,
Span), their actions and menu, the picker, and the overlay that draws links and problem
marks over the text.  When a document opens, ``refresh`` reads and checks its linked
annotations (a few small queries; never every span); after every edit the window passes
the edit's ``Changes`` to ``show_changes``, which reads back and checks only the events,
relations and stances they name, and the panels change only those rows.  The commands are in ``link_commands`` and ``stance_commands``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QTabBar, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.scheme import Scheme, normalize_hotkey
from annotator.gui.linking.link_commands import LinkCommandsMixin
from annotator.gui.linking.link_painter import Arc, LinkPainter, Overlay
from annotator.gui.linking.linked_state import LinkedState
from annotator.gui.linking.picker import Picker
from annotator.gui.linking.stance_commands import StanceCommandsMixin
from annotator.gui.panels.document_panels import DocLabelsPanel, ProblemsPanel, SpanInspector
from annotator.gui.panels.events_panel import EventsPanel, RelationsPanel
from annotator.gui.panels.stance_panel import Draft, StancePanel
from annotator.gui.text.palette import swatch

if TYPE_CHECKING:
    from annotator.gui.window.main_window import MainWindow


class LinkController(LinkCommandsMixin, StanceCommandsMixin, QObject):
    """Everything beyond plain spans, for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.scheme = Scheme("none")
        self.state = LinkedState()
        self.event_id: int | None = None
        self.arg_span: int | None = None
        self.relation_id: int | None = None
        self.stance_id: int | None = None
        self.draft = Draft()
        self.pick_kind = ""  # "argument" or "relation" while the picker is on
        self.menu: Any = None  # the role or relation-type menu last shown
        self.stance_actions: dict[str, QAction] = {}
        self.link_painter = LinkPainter(window.view)
        self.link_painter.document = lambda: self.state.document_id == self.w.doc_id
        window.view.overlays.append(self.link_painter)
        self.picker = Picker(window.view)
        self.picker.changed.connect(self._update_overlay)
        self._create_actions()
        self._create_panels()
        window.view.spanClicked.connect(self._span_clicked)
        window.view.spanSelected.connect(self._show_inspector)
        window.documentReady.connect(lambda _doc: self.refresh(force=True))

    # -- building ----------------------------------------------------------------------

    def _action(self, text: str, slot: Any, key: str = "") -> QAction:
        action = QAction(text, self.w)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.add_argument = self._action(self.tr("Add an &argument…"), self.request_argument, "Ctrl+R")
        self.link = self._action(self.tr("&Link to…"), self.request_link, "Ctrl+L")
        self.stance_target = self._action(self.tr("Target ← selection"), self.target_from_selection, "Ctrl+Shift+T")
        self.stance_holder = self._action(self.tr("Holder ← selection"), self.holder_from_selection, "Ctrl+Shift+H")
        self.stance_evidence = self._action(self.tr("Evidence ← selection"), self.evidence_from_selection, "Ctrl+Shift+E")
        self.new_stance = self._action(self.tr("New stance"), self.start_new_stance, "Ctrl+Shift+N")
        self.next_problem = self._action(self.tr("Next &problem"), lambda: self.step_problem(1), "F8")
        self.previous_problem = self._action(self.tr("Previous p&roblem"), lambda: self.step_problem(-1), "Shift+F8")
        self.stance_label_box: list[QAction] = []

    def _create_panels(self) -> None:
        w = self.w
        self.events_panel = EventsPanel(w)
        self.relations_panel = RelationsPanel(self.link, w)
        self.stance_panel: StancePanel | None = None  # built with the scheme's labels
        self.doc_labels_panel = DocLabelsPanel(w)
        self.problems_panel = ProblemsPanel(w)
        self.inspector = SpanInspector(w)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        if w.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            left, right = right, left
        self.stance_dock = w._dock("stance", self.tr("Stance"), QWidget(), right)
        docks = {
            "events": w._dock("events", self.tr("Events"), self.events_panel, right),
            "relations": w._dock("relations", self.tr("Relations"), self.relations_panel, right),
            "stance": self.stance_dock,
            "doc_labels": w._dock("doc_labels", self.tr("Document labels"), self.doc_labels_panel, right),
            "problems": w._dock("problems", self.tr("Problems"), self.problems_panel, left),
            "span": w._dock("span", self.tr("Span"), self.inspector, left),
        }
        w.docks.update(docks)
        for name in ("events", "relations", "stance", "doc_labels"):
            w.tabifyDockWidget(w.docks["guidelines"], docks[name])
        # Problems and Span go beside Annotations.  Taken out of the area first: tabifying
        # docks that sit one above the other leaves a stray tab bar on screen under X11.
        for name in ("problems", "span"):
            w.removeDockWidget(docks[name])
        w.tabifyDockWidget(w.docks["annotations"], docks["problems"])
        w.tabifyDockWidget(docks["problems"], docks["span"])
        for name in ("problems", "span"):
            docks[name].show()
        w.docks["annotations"].raise_()
        docks["events"].raise_()
        QTimer.singleShot(0, self.hide_stray_tab_bars)
        self._connect_panels()

    def _connect_panels(self) -> None:
        p = self.events_panel
        p.eventSelected.connect(self.select_event)
        p.typeChanged.connect(self.change_event_type)
        p.addArgumentRequested.connect(lambda role: self.start_argument_pick(self.event_id, role))
        p.deleteRequested.connect(self.delete_event_item)
        p.attributeChanged.connect(lambda eid, n, v: self.set_attribute("event", eid, n, v))
        r = self.relations_panel
        r.relationSelected.connect(self.select_relation)
        r.deleteRequested.connect(self.delete_relation)
        r.attributeChanged.connect(lambda rid, n, v: self.set_attribute("relation", rid, n, v))
        self.doc_labels_panel.labelsChanged.connect(self.set_doc_labels)
        self.problems_panel.problemActivated.connect(self.show_problem)
        self.inspector.attributeChanged.connect(lambda sid, n, v: self.set_attribute("span", sid, n, v))
        self.inspector.useActivated.connect(self.show_use)

    def actions(self) -> list[QAction]:
        """Return the actions with shortcuts (for the list of keys)."""
        return [self.add_argument, self.link, *self.stance_actions.values(), self.stance_target, self.stance_holder,
                self.stance_evidence, self.new_stance, self.next_problem, self.previous_problem]

    def hide_stray_tab_bars(self) -> None:
        """Hide the dock tab bars Qt no longer uses (after tabifying docks that sat one
        above the other, or restoring a saved layout, Qt 6 leaves some on screen, empty or
        stale).  A bar in use sits right under the dock of its group, as wide as it."""
        docks = [d for d in self.w.docks.values() if d.isVisible() and not d.isFloating()]
        for bar in self.w.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            g = bar.geometry()
            used = bar.count() > 1 and any(
                abs(d.geometry().left() - g.left()) <= 1 and abs(d.geometry().width() - g.width()) <= 1
                and abs(d.geometry().bottom() + 1 - g.top()) <= 2 for d in docks)
            if not used:
                bar.hide()

    def build_menu(self) -> None:
        """Add the Annotate menu (after the window's own menus)."""
        menu = self.w.menuBar().addMenu(self.tr("&Annotate"))
        menu.addActions([self.add_argument, self.link])
        menu.addSeparator()
        menu.addActions([*self.stance_actions.values(), self.stance_target, self.stance_holder, self.stance_evidence,
                         self.new_stance])
        menu.addSeparator()
        menu.addActions([self.next_problem, self.previous_problem])
        self.annotate_menu = menu

    def set_scheme(self, scheme: Scheme) -> None:
        """Show ``scheme``'s event types, stance labels and targets, document labels."""
        self.scheme, lang = scheme, self.w.lang
        for action in self.stance_actions.values():
            self.w.removeAction(action)
        self.stance_actions = {}
        for lab in scheme.stance.labels:
            action = self._action(lab.name(lang), lambda label=lab.label: self.apply_stance_label(label))
            action.setIcon(swatch(lab.color))
            if lab.hotkey and scheme.hotkeys().get(normalize_hotkey(lab.hotkey)) == lab.label:
                action.setShortcut(QKeySequence(normalize_hotkey(lab.hotkey)))
            self.stance_actions[lab.label] = action
        self._build_stance_panel()
        self.events_panel.set_scheme(scheme, lang)
        self.relations_panel.set_scheme(scheme, lang)
        self.doc_labels_panel.set_scheme(scheme, lang)
        if scheme.stance.evidence:  # evidence passages are spans too: give them a colour and name
            ev = scheme.stance.evidence
            self.w.view.painter.colors[ev.label] = QColor(ev.color)
            self.w.view.labels[ev.label] = ev.name(lang)
            self.w.span_model.names[ev.label] = ev.name(lang)
            self.w.span_model.colors[ev.label] = QColor(ev.color)
        self.draft = self.new_draft()
        if hasattr(self, "annotate_menu"):
            self.annotate_menu.clear()
            self.w.menuBar().removeAction(self.annotate_menu.menuAction())
            self.build_menu()

    def _build_stance_panel(self) -> None:
        panel = StancePanel(list(self.stance_actions.values()), [self.stance_target, self.stance_holder, self.stance_evidence],
                            self.new_stance, self.w)
        panel.set_scheme(self.scheme, self.w.lang)
        panel.stanceSelected.connect(self.select_stance)
        panel.targetChosen.connect(self.choose_target)
        panel.holderChosen.connect(self.choose_holder)
        panel.scopeChosen.connect(self.choose_scope)
        panel.evidenceRemoveRequested.connect(self.remove_evidence)
        panel.deleteRequested.connect(self.delete_stance)
        old, self.stance_panel = self.stance_panel, panel
        panel.setMinimumWidth(self.stance_dock.minimumWidth())  # narrower than its form likes: the text gets the room
        self.stance_dock.setWidget(panel)
        if old is not None:
            old.deleteLater()

    def new_draft(self) -> Draft:
        targets = self.scheme.stance.targets
        if targets:
            return Draft("fixed", targets[0].target)
        return Draft("text", "")

    # -- showing -----------------------------------------------------------------------

    def refresh(self, *, force: bool = False) -> None:
        """Read and check the open document's linked annotations again, all of them, and
        show them (a document opened, or ``force``: another program changed the project)."""
        doc = self.w.doc_id
        self.state = LinkedState.load(self.w.project, doc) if doc is not None else LinkedState()
        self._forget_gone()
        self.show(None)

    def show_changes(self, changes: Any) -> None:
        """Show what an edit, undo or redo changed: only the events, relations and stances
        its ``Changes`` name are read again and checked, and only their rows change."""
        if self.state.document_id != self.w.doc_id:
            return  # the document's own read (on opening) comes with its spans
        touched = self.state.apply(self.w.project, changes)
        if touched is None:
            self._show_inspector(self.w.view.selected_span)  # the selected span may have a new label
            return
        self._forget_gone()
        self.show(touched)

    def _forget_gone(self) -> None:
        if self.state.event(self.event_id) is None:
            self.event_id = self.arg_span = None
        if self.state.relation(self.relation_id) is None:
            self.relation_id = None
        if self.state.stance(self.stance_id) is None:
            self.stance_id = None

    def show(self, events: frozenset[Any] | None = frozenset()) -> None:
        """Show the state in the panels and over the text: what is selected, and of the
        events only ``events`` may differ from what the Events panel shows (none, by
        default: a new selection; None: any, after a whole read)."""
        state = self.state
        self.events_panel.show_state(state, self.event_id, self.arg_span, changed=events)
        self.relations_panel.show_state(state, self.relation_id)
        if self.stance_panel is not None:
            self.stance_panel.show_state(state, self.stance_id, self.draft)
        self.doc_labels_panel.show_labels(state.ann.doc_labels)
        self.problems_panel.show_problems(state.problems)
        n = len(state.problems)
        self.w.docks["problems"].setWindowTitle(self.tr("Problems ({n})").format(n=n) if n else self.tr("Problems"))
        self._show_inspector(self.w.view.selected_span)
        self._update_overlay()

    def _relation_arcs(self) -> tuple[list[Arc], dict[tuple[object, ...], object]]:
        """The arrows of the document's relations and their shapes by key, made again only
        when the relations or the selected one changed (a document may have hundreds), and
        then only the arrows of relations that changed: the others are kept."""
        state, scheme = self.state, self.scheme
        key = (state.ann.relations, self.relation_id, self.w.lang, scheme)
        cached = getattr(self, "_arcs_cache", None)
        if cached is not None and all(a is b for a, b in zip(cached[0], key, strict=True)):
            return cached[1], cached[2]
        made: dict[Any, tuple[object, ...]] = {}
        if cached is not None and cached[0][2:] == key[2:] and cached[0][3] is scheme:
            made = cached[3]
        arcs: list[Arc] = []
        kept: dict[Any, tuple[object, ...]] = {}
        for rel in state.relations:
            src, tgt = state.spans.get(rel.source), state.spans.get(rel.target)
            if not (src and tgt):
                continue
            strong = rel.id == self.relation_id
            old = made.get(rel.id)
            # a relation read again after an edit is a new object equal to the old one
            if old is not None and old[1] is src and old[2] is tgt and old[3] == strong and (old[0] is rel or old[0] == rel):
                arc = old[4]
            else:
                rt = scheme.relation(rel.type)
                arc = Arc(src, tgt, rt.name(self.w.lang) if rt else rel.type, QColor(rt.color if rt else "#555555"),
                          strong=strong)
            kept[rel.id] = (rel, src, tgt, strong, arc)
            arcs.append(arc)
        shapes: dict[tuple[object, ...], object] = {a.key: a for a in arcs}
        self._arcs_cache = (key, arcs, shapes, kept)
        return arcs, shapes

    def _update_overlay(self) -> None:
        state, scheme = self.state, self.scheme
        arcs, shapes = self._relation_arcs()
        overlay = Overlay(arcs=list(arcs), marks=state.marks(), arc_shapes=(len(arcs), shapes))
        ev = state.event(self.event_id)
        if ev is not None and (trigger := state.spans.get(ev.trigger)):
            color = QColor(scheme.color(ev.type))
            et = scheme.event(ev.type)
            for arg in ev.arguments:
                if span := state.spans.get(arg.span):
                    role = et.role(arg.role) if et else None
                    overlay.arcs.append(Arc(trigger, span, role.title(self.w.lang) if role else arg.role, color, strong=True))
                    overlay.frames.append((span, color))
        self._stance_overlay(overlay)
        self._pick_overlay(overlay)
        self.link_painter.set_overlay(overlay)

    def _stance_overlay(self, overlay: Overlay) -> None:
        st = self.state.stance(self.stance_id)
        if st is None:
            return
        lab = next((x for x in self.scheme.stance.labels if x.label == st.label), None)
        color = QColor(lab.color if lab else "#777777")
        spans = self.state.spans
        holder = spans.get(st.holder) if st.holder is not None else None
        target = spans.get(st.target) if st.target_kind == "span" else None
        for span in (holder, target, *(spans.get(e) for e in st.evidence)):
            if span is not None:
                overlay.frames.append((span, color))
        if holder is not None and target is not None:
            overlay.arcs.append(Arc(holder, target, lab.name(self.w.lang) if lab else st.label, color, strong=True))

    def _pick_overlay(self, overlay: Overlay) -> None:
        cand, origin = self.picker.candidate, self.picker.origin
        if cand is None or origin is None:
            return
        a, b = self.span_record(origin), self.span_record(cand)
        if a is not None and b is not None:
            label = self.picker.label
            if self.pick_kind == "relation":
                label = " / ".join(r.name(self.w.lang) for r in self.relation_types(a.label, b.label)) or "?"
            overlay.arcs.append(Arc(a, b, label, QColor("#1565c0"), strong=True, dashed=True))

    def span_record(self, span_id: int) -> Any:
        """Return a core ``Span`` for a span of the open document (from the window's store)."""
        from annotator.core.model import Span

        if span_id in self.state.spans:
            return self.state.spans[span_id]
        item = self.w.view.store.get(span_id)
        if item is None:
            return None
        return Span(item.label, list(item.fragments), id=item.id,
                    surface=" ".join(self.w.text[s:e] for s, e in item.fragments))

    def _show_inspector(self, span_id: Any = None) -> None:
        item = self.w.view.store.get(span_id) if span_id is not None else None
        attributes: dict[str, Any] = {}
        if item is not None:
            try:
                attributes = self.w.project.span(span_id).attributes
            except AnnotatorError:  # deleted a moment ago; the list hears of it next
                item = None
        surface = " … ".join(self.w.text[s:e] for s, e in item.fragments) if item is not None else ""
        name = self.w.view.labels.get(item.label, item.label) if item is not None else ""
        uses = self.state.uses_of(span_id) if item is not None else []
        self.inspector.show_span(self.scheme, self.w.lang, item, surface, name, attributes, uses, self.describe_use)
