"""The stance commands of the link controller: a new stance from the Stance panel's draft
and a label key, or changes to the selected stance (label, target, holder, scope,
evidence), and deleting it.

Each edit is one Project API call through the window's ``_edit``: saved at once, one undo
step.  Evidence passages an edit adds or removes are added to or dropped from the span
list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from annotator.gui.linking.links import LinkController

translate = QCoreApplication.translate


class StanceCommandsMixin:
    """Stance commands of ``LinkController``."""

    def apply_stance_label(self: LinkController, label: str) -> None:
        """Relabel the selected stance, or add the new one with ``label``."""
        w = self.w
        if self.stance_id is not None:
            w._edit(lambda sid=self.stance_id: w.project.update_stance(sid, label=label))
            return
        d = self.draft
        if d.target_kind == "span" and d.target is None:
            w.status(translate("LinkController", "Choose the target first: click an entity, then press Ctrl+Shift+T."))
            return
        if d.target_kind == "text" and not str(d.target or "").strip():
            w.status(translate("LinkController", "Type the target first."))
            return
        ok, sid = w._edit(lambda doc=w.doc_id: w.project.add_stance(doc, label, d.target, target_kind=d.target_kind, holder=d.holder,
                                                       evidence=d.evidence, scope=d.scope))
        if ok:
            self.stance_id, self.draft = sid, self.new_draft()
            self.w.docks["stance"].raise_()
            self.show()

    def select_stance(self: LinkController, stance_id: Any) -> None:
        self.stance_id = stance_id if self.state.stance(stance_id) else None
        self.show()

    def start_new_stance(self: LinkController) -> None:
        self.stance_id, self.draft = None, self.new_draft()
        self.w.docks["stance"].raise_()
        self.show()

    def _selected_span(self: LinkController, what: str) -> int | None:
        sid = self.w.view.selected_span
        if sid is None:
            self.w.status(translate("LinkController", "Click the {what} in the text first.").format(what=what))
        return sid

    def choose_target(self: LinkController, kind: str, value: Any) -> None:
        if kind == "span" and value is None:
            value = self.w.view.selected_span
            if value is None:
                self.draft.target_kind, self.draft.target = "span", None
                self.w.status(translate("LinkController", "Click the target entity in the text, then press Ctrl+Shift+T."))
                self.show()
                return
        if self.stance_id is not None:
            self.w._edit(lambda sid=self.stance_id: self.w.project.update_stance(sid, target=value, target_kind=kind))
        else:
            self.draft.target_kind, self.draft.target = kind, value
            self.show()

    def target_from_selection(self: LinkController) -> None:
        if (sid := self._selected_span(translate("LinkController", "target entity"))) is not None:
            self.choose_target("span", sid)

    def choose_holder(self: LinkController, value: Any) -> None:
        holder = self._selected_span(translate("LinkController", "holder")) if value == "span" else None
        if value == "span" and holder is None:
            self.show()
            return
        if self.stance_id is not None:
            self.w._edit(lambda sid=self.stance_id: self.w.project.update_stance(sid, holder=holder))
        else:
            self.draft.holder = holder
            self.show()

    def holder_from_selection(self: LinkController) -> None:
        self.choose_holder("span")

    def choose_scope(self: LinkController, scope: str) -> None:
        if self.stance_id is not None:
            self.w._edit(lambda sid=self.stance_id: self.w.project.update_stance(sid, scope=scope))
        else:
            self.draft.scope = scope
            self.show()

    def evidence_from_selection(self: LinkController) -> None:
        """Add the selected text (a new evidence passage) or the selected span."""
        w = self.w
        rng = w.view.selection_range()
        ref: Any = w.view.snapped(*rng) if rng is not None else w.view.selected_span
        if ref is None or (isinstance(ref, tuple) and ref[0] >= ref[1]):
            w.status(translate("LinkController", "Select the words that show the stance (or click a span), then press Ctrl+Shift+E."))
            return
        if self.stance_id is None:
            self.draft.evidence.append(ref)
            if self.scheme.stance.scope in ("span", "both") and self.draft.scope == "document" and len(self.draft.evidence) == 1:
                self.draft.scope = "span"
            w.view.clear_selection()
            self.show()
            return
        ok, _ = w._edit(lambda sid=self.stance_id: w.project.add_evidence(sid, ref))
        if ok:
            w.view.clear_selection()

    def remove_evidence(self: LinkController, ref: Any) -> None:
        ref = tuple(ref) if isinstance(ref, list) else ref
        if self.stance_id is None:
            self.draft.evidence = [e for e in self.draft.evidence if e != ref]
            self.show()
            return
        self.w._edit(lambda sid=self.stance_id: self.w.project.remove_evidence(sid, ref))

    def delete_stance(self: LinkController, stance_id: int) -> None:
        self.w._edit(lambda: self.w.project.delete_stance(stance_id))
