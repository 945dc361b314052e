"""Turn the bytes of a text file into stored text, by the rules of DESIGN §3.

Accepted: UTF-8, UTF-8 with a BOM, UTF-16 (LE or BE) with a BOM.  The BOM is removed and
CRLF and lone CR become LF.  Nothing else is changed: no Unicode normalisation, ever.
Anything else (invalid UTF-8, a binary file, an empty file) is an ``InputError`` naming
the file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, origin: str, *, allow_empty: bool = False) -> str:
    """Decode ``data`` read from ``origin`` into stored text, or raise ``InputError``."""
    encoding = "utf-8"
    skipped = 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            skipped = len(bom)
            data = data[skipped:]
            break
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{origin} looks like a binary file, not text (it contains NUL bytes); only UTF-8 or UTF-16 text with a BOM can be imported.")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
        raise InputError(
            f"{origin}, line {line}: not valid {label} text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start + skipped}); save the file as UTF-8 and import it again."
        ) from None
    if "\x00" in text:
        raise InputError(f"{origin} contains NUL characters, so it is probably not a text file.")
    text = normalize_newlines(text)
    if not allow_empty and (not text or text.isspace()):
        raise InputError(f"{origin} is empty: there is no text to import.")
    return text


def read_text_file(path: str | Path) -> str:
    """Read and decode the text file at ``path`` (see ``decode_bytes``)."""
    path = Path(path)
    with _reading(path):
        data = path.read_bytes()
    return decode_bytes(data, str(path))


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn the system's refusals to read ``path`` into errors that name it."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}).") from None


def iter_text_file(path: str | Path, size: int = 1 << 20) -> Iterator[str]:
    """Yield the text of the file at ``path`` in pieces of about ``size`` characters,
    decoded and checked as ``read_text_file`` does (the same errors, in the same order),
    without holding the whole file: a bad byte is reported as that function reports it;
    NUL characters and a file with no text are errors once the last piece is read."""
    path = Path(path)
    with _reading(path):
        fh = path.open("rb")
        head = fh.read(8192)
    with fh:
        encoding, skipped = "utf-8", 0
        for bom, name in _BOMS:
            if head.startswith(bom):
                encoding, skipped = name, len(bom)
                break
        else:
            if b"\x00" in head:
                raise InputError(f"{path} looks like a binary file, not text (it contains NUL bytes); only UTF-8 or UTF-16 text with a BOM can be imported.")
        fh.seek(skipped)
        # universal newlines: CRLF and lone CR become LF, as normalize_newlines does
        text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline=None)
        nul = False
        blank = True
        while True:
            try:
                piece = text.read(size)
            except UnicodeDecodeError:
                decode_bytes(path.read_bytes(), str(path))  # raises the error, naming its line and byte
                raise
            if not piece:
                break
            nul = nul or "\x00" in piece
            blank = blank and piece.isspace()
            yield piece
    if nul:
        raise InputError(f"{path} contains NUL characters, so it is probably not a text file.")
    if blank:
        raise InputError(f"{path} is empty: there is no text to import.")


def text_sha256(text: str) -> str:
    """Return the sha256 (hex) of ``text`` encoded as UTF-8: a document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
