"""What every format module provides, and the records passed between formats and projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from annotator.core.model import Document
from annotator.core.scheme import Scheme


@dataclass
class ReadResult:
    """Documents read from a file or folder, with warnings (counted by kind where the
    format repairs noise) and, for formats that carry one, a scheme to adopt."""

    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scheme: Scheme | None = None


class Format:
    """A file format: a name, file suffixes, and ``read`` and/or ``write``.

    Subclasses set ``name``, ``suffixes`` and ``description``, implement ``read`` and/or
    ``write``, and are registered with ``annotator.formats.register``.
    """

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    @property
    def can_read(self) -> bool:
        return type(self).read is not Format.read

    @property
    def can_write(self) -> bool:
        return type(self).write is not Format.write

    def read(self, path: Path, *, scheme: Scheme | None = None, **options: Any) -> ReadResult:
        """Read documents (and their annotations) from ``path``."""
        raise NotImplementedError(f"the {self.name} format cannot be imported")

    def write(self, documents: Any, out: Path, **options: Any) -> Any:
        """Write documents to ``out``."""
        raise NotImplementedError(f"the {self.name} format cannot be exported")

    def sniff(self, path: Path) -> bool:
        """Return True if ``path`` looks like this format (called for ``--format auto``)."""
        return path.is_file() and path.suffix.lower() in self.suffixes
