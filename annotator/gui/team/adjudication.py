"""The adjudication panel: the annotators' versions of the open document merged, the
disagreements marked, and buttons that build the gold layer from them.

While it is shown the window's layer is gold (``annotator.gui.team.layers``): the document view
shows gold's spans, edited with the usual keys, and draws over them the annotators' spans
gold lacks (dashed; striped where they disagree).  The panel lists every item with who gave
it; the buttons call ``Project.accept_agreed``, ``accept_version`` and ``accept_item``
(and delete gold's copy of an item), each one undoable edit.  ``Project.adjudication`` is
computed on the team thread, after every edit, undo and document change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotator.core.layers import event_key, relation_key, span_key, span_map, stance_key
from annotator.gui.panels.panels import _table
from annotator.gui.team.adjudication_model import VoteMarks, VotesModel, describe
from annotator.store.adjudication import Adjudication, Vote

if TYPE_CHECKING:
    from annotator.gui.team.team_worker import TeamReader
    from annotator.gui.window.main_window import MainWindow


class AdjudicationPanel(QWidget):
    """Accept versions, what everyone agreed on, or single items into the gold layer."""

    def __init__(self, window: MainWindow, reader: TeamReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AdjudicationPanel")
        self.main = window  # (not "window": that is QWidget.window())
        self.reader = reader
        self.active = False
        self.adjudication: Adjudication | None = None
        self.chosen: dict[int, list[str]] = {}  # document -> the annotators unticked by the user are left out
        self._request: tuple[int, int, int] | None = None  # token, document, window edit serial
        self.model = VotesModel(self)
        self.marks = VoteMarks(window.view)
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=80)
        self._timer.timeout.connect(self.refresh)
        reader.adjudicated.connect(self._adjudicated)
        reader.failed.connect(self._failed)
        window.documentReady.connect(lambda _: self.schedule())
        window.edited.connect(self.schedule)
        window.view.viewport().installEventFilter(self)

    def _build(self) -> None:
        """The controls on the start side, the list of items beside them (the panel is
        wide and low, under the text)."""
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        controls = QWidget()
        controls.setMaximumWidth(380)
        layout = QVBoxLayout(controls)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(controls)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.people_row = QHBoxLayout()
        layout.addLayout(self.people_row)
        self.people: dict[str, QCheckBox] = {}
        self.accept_agreed_button = QPushButton(self.tr("Accept everything agreed"))
        self.accept_agreed_button.setToolTip(self.tr("Add to gold every item all the ticked annotators gave alike"))
        self.accept_agreed_button.clicked.connect(self.accept_agreed)
        layout.addWidget(self.accept_agreed_button)
        self.versions_row = QHBoxLayout()
        layout.addLayout(self.versions_row)
        self.version_buttons: dict[str, QPushButton] = {}
        self.only = QCheckBox(self.tr("Only disagreements"))
        self.only.toggled.connect(self.model.set_only_disagreements)
        layout.addWidget(self.only)
        row = QHBoxLayout()
        self.accept_item_button = QPushButton(self.tr("Accept into gold"))
        self.accept_item_button.setToolTip(self.tr("Copy the selected item into gold (or double-click it)"))
        self.accept_item_button.clicked.connect(lambda: self.accept_item())
        self.reject_button = QPushButton(self.tr("Remove from gold"))
        self.reject_button.clicked.connect(lambda: self.remove_item())
        row.addWidget(self.accept_item_button)
        row.addWidget(self.reject_button)
        layout.addLayout(row)
        legend = QLabel(self.tr("In the text, gold's spans are drawn as usual and edited with the usual keys; dashed "
                                "boxes are annotators' spans gold lacks, striped where the annotators disagree."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: palette(dark)")
        layout.addWidget(legend)
        layout.addStretch(1)
        self.table = _table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.clicked.connect(self._reveal)
        self.table.doubleClicked.connect(lambda index: self.accept_item())
        outer.addWidget(self.table, 1)

    # -- state -------------------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        """Start (or stop) adjudicating the window's documents."""
        self.active = active
        view = self.main.view
        if active and self.marks not in view.underlays:
            view.underlays.append(self.marks)
        elif not active and self.marks in view.underlays:
            view.underlays.remove(self.marks)
        if active:
            self.schedule()
        else:
            self._show(None)

    def schedule(self) -> None:
        """Read the adjudication again in a moment (after edits settle)."""
        if self.active:
            self._timer.start()

    def settled(self) -> bool:
        """True when the panel shows the current state (nothing asked or scheduled)."""
        return self._request is None and not self._timer.isActive()

    def selected_annotators(self) -> list[str] | None:
        """Return the ticked annotators, or None for the project's default."""
        doc = self.main.doc_id
        return self.chosen.get(doc) if doc is not None else None

    def refresh(self) -> None:
        """Ask the team thread for the open document's adjudication."""
        doc = self.main.doc_id
        if not self.active or doc is None:
            return
        token = self.reader.adjudication(doc, self.selected_annotators())
        self._request = (token, doc, self.main._serial)

    def _adjudicated(self, token: int, document_id: int, answer: tuple[Adjudication, Any]) -> None:
        if self._request is None or token != self._request[0]:
            return
        _, doc, serial = self._request
        self._request = None
        if doc != self.main.doc_id or serial != self.main._serial:  # moved on meanwhile: ask again
            self.refresh()
            return
        self._show(*answer)

    def _failed(self, token: int, message: str) -> None:
        if self._request is not None and token == self._request[0]:
            self._request = None
            self.main.status(message)

    def _show(self, adjudication: Adjudication | None, marks: Any = None) -> None:
        self.adjudication = adjudication
        self.model.set_labels(self.main.view.labels, {k: c.name() for k, c in self.main.view.painter.colors.items()})
        self.model.set_adjudication(adjudication, self.main.text)
        self.marks.set_votes(adjudication.items if adjudication else [], marks)
        self._people(adjudication)
        self._update_summary()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        kinds = {(v.kind, v.label): v for v in (adjudication.items if adjudication else [])}
        labels = {self.model.label_text(v) for v in kinds.values()}
        header.resizeSection(1, min(260, max((metrics.horizontalAdvance(t) for t in labels), default=60) + 40))
        for col in range(2, self.model.columnCount()):
            name = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            header.resizeSection(col, max(metrics.horizontalAdvance(name), metrics.horizontalAdvance("gold")) + 28)

    def _people(self, adjudication: Adjudication | None) -> None:
        """One tick box per annotator of the document and one "version" button each."""
        doc = self.main.doc_id
        everyone = self.main.project.adjudicators_for(doc) if doc is not None and adjudication is not None else []
        chosen = set(adjudication.annotators) if adjudication else set()
        for row, widgets in ((self.people_row, self.people), (self.versions_row, self.version_buttons)):
            while row.count():
                item = row.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
            widgets.clear()
        if everyone:
            self.people_row.addWidget(QLabel(self.tr("Annotators:")))
            self.versions_row.addWidget(QLabel(self.tr("Take a whole version:")))
        for name in everyone:
            box = QCheckBox(name)
            box.setChecked(name in chosen)
            box.toggled.connect(lambda _=False: self._choose())
            self.people[name] = box
            self.people_row.addWidget(box)
            button = QPushButton(name)
            button.setToolTip(self.tr("Make gold a copy of {name}'s annotations of this document").format(name=name))
            button.clicked.connect(lambda _=False, n=name: self.accept_version(n))
            self.version_buttons[name] = button
            self.versions_row.addWidget(button)
        self.people_row.addStretch(1)
        self.versions_row.addStretch(1)
        self.accept_agreed_button.setEnabled(len(chosen) >= 2)

    def _choose(self) -> None:
        doc = self.main.doc_id
        if doc is not None:
            self.chosen[doc] = [n for n, box in self.people.items() if box.isChecked()]
            self.refresh()

    def _update_summary(self) -> None:
        adj = self.adjudication
        if adj is None:
            self.summary.setText("")
            return
        names = ", ".join(adj.annotators) or self.tr("nobody")
        disagreements = len(adj.disagreements)
        in_gold = sum(v.in_gold for v in adj.items)
        text = self.tr("{n} items from {names}, {d} with disagreement; gold has {g} of them.").format(
            names=names, n=len(adj.items), d=disagreements, g=in_gold)
        if len(adj.annotators) < 2:
            text += " " + self.tr("Fewer than two annotators: take a version, or annotate gold yourself.")
        self.summary.setText(text)

    # -- accepting -----------------------------------------------------------------------

    def _accept(self, call: Callable[[], Any], message: Callable[[int], str]) -> bool:
        """Run one edit of the gold layer, then show gold again and say what was done.
        (An edit belongs to the window's project, so it runs here: taking 25,000 spans
        takes a couple of seconds, under a busy cursor.)"""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok, copied = self.main._edit(call)
        finally:
            QApplication.restoreOverrideCursor()
        if ok:  # the window's show_changes has shown gold's new spans
            self.main.status(message(copied.total() if hasattr(copied, "total") else 0))
        return ok

    def accept_agreed(self) -> bool:
        """Add to gold everything the ticked annotators agree on."""
        doc = self.main.doc_id
        if doc is None:
            return False
        names = self.selected_annotators()
        return self._accept(lambda: self.main.project.accept_agreed(doc, names),
                            lambda n: self.tr("%n agreed items added to gold.", None, n))

    def accept_version(self, name: str) -> bool:
        """Make gold a copy of ``name``'s layer of the document."""
        doc = self.main.doc_id
        if doc is None:
            return False
        return self._accept(lambda: self.main.project.accept_version(doc, name),
                            lambda n: self.tr("Gold is now {name}'s version ({n} items); Ctrl+Z undoes it.").format(name=name, n=n))

    def selected_vote(self) -> Vote | None:
        index = self.table.currentIndex()
        return self.model.vote(index.row()) if index.isValid() else None

    def accept_item(self, vote: Vote | None = None) -> bool:
        """Copy the selected item (or ``vote``) into gold."""
        vote = vote or self.selected_vote()
        if vote is None or self.main.doc_id is None:
            self.main.status(self.tr("Select an item in the list first."))
            return False
        if vote.in_gold:
            self.main.status(self.tr("Gold already has this."))
            return False
        item_id = vote.ids[vote.annotators[0]]
        return self._accept(lambda: self.main.project.accept_item(vote.kind, item_id),
                            lambda n: self.tr("Added to gold: {what}.").format(what=describe(vote, self.main.text)))

    def remove_item(self, vote: Vote | None = None) -> bool:
        """Delete gold's copy of the selected item (or ``vote``)."""
        vote = vote or self.selected_vote()
        adj = self.adjudication
        if vote is None or adj is None or not vote.in_gold:
            self.main.status(self.tr("Select an item gold has first."))
            return False
        ids = gold_ids(adj, vote)
        project = self.main.project
        delete = {"span": project.delete_span, "event": project.delete_event, "relation": project.delete_relation,
                  "stance": project.delete_stance}[vote.kind]

        def run() -> None:
            with project.macro(self.tr("Remove from gold")):
                for i in ids:
                    delete(i)

        return self._accept(run, lambda n: self.tr("Removed from gold: {what}.").format(what=describe(vote, self.main.text)))

    # -- the text ------------------------------------------------------------------------

    def _reveal(self, index: QModelIndex) -> None:
        vote = self.model.vote(index.row())
        if vote is not None and vote.fragments:
            self.main.view.select_range(vote.fragments[0][0], vote.fragments[-1][1])

    def select_vote(self, vote: Vote) -> None:
        """Select ``vote``'s row in the list (showing every item if the filter hides it)."""
        row = self.model.row_of(vote)
        if row is None and self.only.isChecked():
            self.only.setChecked(False)
            row = self.model.row_of(vote)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """A click on a dashed mark selects its item; hovering names who gave it."""
        if not self.active:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            vote = self.marks.vote_at(event.position())
            if vote is not None and not self.main.view.textCursor().hasSelection():
                self.select_vote(vote)
        elif event.type() == QEvent.Type.ToolTip:
            vote = self.marks.vote_at(event.pos())
            if vote is not None and not self.main.view.spans_at(event.pos()):
                QToolTip.showText(event.globalPos(), f"{self.model.label_text(vote)}: {describe(vote, self.main.text)}\n"
                                  + self.model.tooltip(vote), self.main.view.viewport())
                return True
        return False


def gold_ids(adjudication: Adjudication, vote: Vote) -> list[int]:
    """Return the ids of the gold layer's items equal to ``vote``'s item."""
    gold = adjudication.gold
    spans = span_map([*adjudication.layers.values(), gold])
    items: list[tuple[Any, Any]] = {
        "span": [(s, span_key(s)) for s in gold.spans],
        "event": [(e, event_key(e, spans)) for e in gold.events],
        "relation": [(r, relation_key(r, spans)) for r in gold.relations],
        "stance": [(s, stance_key(s, spans)) for s in gold.stances],
    }[vote.kind]
    return [int(item.id) for item, key in items if key == vote.key]
