"""The format choice and the format's own options, built from the format registry; the
parts the Import and Export dialogs share.

Each format declares its options (``Format.read_options`` / ``write_options``): a combo
box for an option with choices, a check box for a yes/no one.  Known options get a
translated label; one added to a format later still shows, with its English help.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import formats
from annotator.formats.base import Format, Option

translate = QCoreApplication.translate


def option_label(option: Option) -> str:
    """Return the translated label of a format option, with its command-line flag."""
    labels = {
        "scheme_tags": translate("FormatOptions", "Tagging scheme"),
        "nested": translate("FormatOptions", "Nested entities"),
        "add_labels": translate("FormatOptions", "Add labels the scheme lacks as new types"),
        "docstart": translate("FormatOptions", "A -DOCSTART- line before each document"),
        "stance_format": translate("FormatOptions", "Stance file"),
        "doccano_relations": translate("FormatOptions", "Entities and relations instead of label lists"),
    }
    return labels.get(option.name, option.help or option.name)


def choice_label(option: Option, value: str) -> str:
    """Return the translated name of one of an option's values."""
    names = {
        ("scheme_tags", "auto"): translate("FormatOptions", "automatic (from the tags)"),
        ("scheme_tags", "iob2"): "IOB2",
        ("scheme_tags", "bioes"): "BIOES",
        ("nested", "columns"): translate("FormatOptions", "every entity, in extra tag columns"),
        ("nested", "outermost"): translate("FormatOptions", "only the outermost"),
        ("nested", "innermost"): translate("FormatOptions", "only the innermost"),
        ("stance_format", "csv"): "CSV",
        ("stance_format", "jsonl"): translate("FormatOptions", "JSON Lines (with offsets)"),
    }
    return names.get((option.name, value), value)


def format_combo(kinds: str, *, auto: bool = False) -> QComboBox:
    """A combo box of the registered formats that can ``read`` or ``write`` (``kinds``),
    their descriptions as tooltips; ``auto`` adds "automatic" first (data ``"auto"``)."""
    combo = QComboBox()
    if auto:
        combo.addItem(translate("FormatOptions", "Automatic (from the name and content)"), "auto")
    for name in formats.names():
        fmt = formats.get(name)
        if (fmt.can_read if kinds == "read" else fmt.can_write):
            combo.addItem(name, name)
            combo.setItemData(combo.count() - 1, fmt.description, Qt.ItemDataRole.ToolTipRole)
    return combo


def add_footer(dialog: QDialog, layout: QVBoxLayout, ok_text: str) -> tuple[QLabel, QPushButton]:
    """Add a dialog's error line (red, one sentence) and its OK / Cancel buttons, OK
    renamed ``ok_text``; return the error label and the OK button."""
    error = QLabel()
    error.setObjectName("error")
    error.setWordWrap(True)
    error.setStyleSheet("color: #b00020")
    layout.addWidget(error)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    return error, ok


def readable_formats() -> list[Format]:
    return [f for f in map(formats.get, formats.names()) if f.can_read]


class OptionsBox(QGroupBox):
    """The options of one or more formats (an import in "automatic" mode shows the
    options of every format its files may be in)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.widgets: dict[str, tuple[Option, QWidget]] = {}
        self._kept: dict[str, Any] = {}  # values chosen, kept across format changes

    def set_formats(self, fmts: list[Format], kind: str) -> None:
        """Show the ``kind`` ("read" or "write") options of ``fmts``."""
        self._keep()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets.clear()
        owners: dict[str, list[str]] = {}
        options: dict[str, Option] = {}
        for fmt in fmts:
            for opt in getattr(fmt, f"{kind}_options"):
                options.setdefault(opt.name, opt)
                owners.setdefault(opt.name, []).append(fmt.name)
        for name, opt in options.items():
            widget = self._widget(opt)
            widget.setToolTip(f"{opt.flag} ({', '.join(owners[name])})")
            widget.setObjectName(f"option-{name}")
            self.widgets[name] = (opt, widget)
            if opt.is_flag:
                self.form.addRow(widget)
            else:
                self.form.addRow(option_label(opt) + ":", widget)
        if not options:
            self.form.addRow(QLabel(translate("FormatOptions", "This format has no options.")))

    def _widget(self, opt: Option) -> QWidget:
        value = self._kept.get(opt.name, opt.default)
        if opt.is_flag:
            box = QCheckBox(option_label(opt))
            box.setChecked(bool(value))
            return box
        combo = QComboBox()
        for choice in opt.choices:
            combo.addItem(choice_label(opt, choice), choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo

    def _keep(self) -> None:
        for name, (_opt, widget) in self.widgets.items():
            self._kept[name] = widget.isChecked() if isinstance(widget, QCheckBox) else widget.currentData()

    def widget(self, name: str) -> QWidget | None:
        """Return the widget of option ``name`` (None if the format lacks it)."""
        found = self.widgets.get(name)
        return found[1] if found else None

    def values(self) -> dict[str, Any]:
        """Return the options that differ from their format's default."""
        out: dict[str, Any] = {}
        for name, (opt, widget) in self.widgets.items():
            value = widget.isChecked() if isinstance(widget, QCheckBox) else widget.currentData()
            if value != opt.default:
                out[name] = value
        return out
