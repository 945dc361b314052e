"""What every format module provides, and the records passed between formats and projects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from annotator.core.model import Annotations, Document
from annotator.core.scheme import Scheme


@dataclass
class ReadResult:
    """Documents read from a file or folder, with warnings (counted by kind where the
    format repairs noise) and, for formats that carry one, a scheme to adopt."""

    #: A list, or for a streaming reader (CoNLL) an iterator read once, while the import
    #: writes (its warnings are complete only when it is exhausted).
    documents: Any = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scheme: Scheme | None = None
    #: True when the reader applied the import's ``label_map`` itself (CoNLL maps raw tags
    #: before decoding them), so it must not be applied again.
    mapped: bool = False
    #: How many documents a streaming reader will give (for progress), or None.
    count: int | None = None


@dataclass
class ExportRecord:
    """One document on its way out: its text, the exported layer (``annotations``; for
    formats that keep every annotator, ``layers``) and its split ("" without a split)."""

    document: Document
    annotations: Annotations
    layers: dict[str, Annotations] = field(default_factory=dict)
    split: str = ""


@dataclass
class ExportContext:
    """What a writer needs besides the records: the scheme, the project's clitic policy,
    the entity labels of token-level formats (in tag order), format options, and a counter
    of warnings by kind that ends up in the manifest."""

    scheme: Scheme
    clitics: str = "attached"
    ner_labels: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    warnings: Counter[str] = field(default_factory=Counter)
    extra: dict[str, Any] = field(default_factory=dict)  # format facts for the manifest
    out_suffix: str = ""  # the suffix of --out when it names one file (".jsonl", ".csv", ...)

    def warn(self, kind: str, n: int = 1) -> None:
        """Count ``n`` occurrences of the warning ``kind``."""
        self.warnings[kind] += n

    def option(self, name: str, default: Any = None) -> Any:
        """Return the format option ``name`` (None and missing both give ``default``)."""
        value = self.options.get(name)
        return default if value is None else value


@dataclass(frozen=True)
class Option:
    """One of a format's own options, as the command line and the window offer it.

    ``name`` is the keyword ``read`` takes (import) or ``ExportContext.option`` reads
    (export); ``flag`` its command-line spelling; ``choices`` its values, or none for a
    yes/no option; ``default`` what the format does when the option is not given.
    """

    name: str
    flag: str
    choices: tuple[str, ...] = ()
    default: Any = None
    help: str = ""

    @property
    def is_flag(self) -> bool:
        return not self.choices


#: Formats whose files name labels read this: labels the scheme lacks become new types.
ADD_LABELS = Option("add_labels", "--add-labels", default=False, help="add labels the scheme lacks to it as new types")


class Format:
    """A file format: a name, file suffixes, and ``read`` and/or ``write``.

    Subclasses set ``name``, ``suffixes`` and ``description``, implement ``read`` and/or
    ``write``, declare their own options (``read_options``, ``write_options``), and are
    registered with ``annotator.formats.register``.
    """

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    #: The suffix of the one file ``write`` makes per split (``data.jsonl``; ``train.jsonl``
    #: ...), or "" for formats that write a folder of files (brat, hf).
    file_suffix: ClassVar[str] = ""
    #: True for formats that keep every annotator's layer (the native jsonl).
    all_layers: ClassVar[bool] = False
    #: True for formats that tag tokens with entity types (CoNLL, hf, spaCy): they write
    #: event triggers only when the export's ``labels`` name event types.
    token_level: ClassVar[bool] = False
    #: The options ``read`` takes besides ``scheme`` and ``label_map``.
    read_options: ClassVar[tuple[Option, ...]] = ()
    #: The options ``write`` reads from ``ExportContext.options``.
    write_options: ClassVar[tuple[Option, ...]] = ()

    @property
    def can_read(self) -> bool:
        return type(self).read is not Format.read

    @property
    def can_write(self) -> bool:
        return type(self).write is not Format.write

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        """Read documents (and their annotations) from ``path``."""
        raise NotImplementedError(f"the {self.name} format cannot be imported")

    def write(self, records: Iterable[ExportRecord], folder: Path, ctx: ExportContext) -> None:
        """Write ``records`` (a stream: read each once) into the empty folder ``folder``.

        Called by ``annotator.transfer.export.export_project``, which checks every span
        against the text, applies label maps and filters, and counts what is written.
        """
        raise NotImplementedError(f"the {self.name} format cannot be exported")

    def sniff(self, path: Path) -> bool:
        """Return True if ``path`` looks like this format (called for ``--format auto``)."""
        return path.is_file() and path.suffix.lower() in self.suffixes


class SplitFiles:
    """One text file per split in a folder (``data.jsonl`` without a split, else
    ``train.jsonl``, ``dev.jsonl`` ...), opened when first written to; a context manager."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self.files: dict[str, Any] = {}

    def get(self, split: str) -> Any:
        """Return the open file for ``split``."""
        fh = self.files.get(split)
        if fh is None:
            path = self.folder / f"{split or 'data'}{self.suffix}"
            fh = self.files[split] = path.open("w", encoding="utf-8", newline="\n")
        return fh

    def __enter__(self) -> SplitFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self.files.values():
            fh.close()
