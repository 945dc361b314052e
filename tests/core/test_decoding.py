"""Decoding rules of DESIGN §3: what is accepted, what is an error, nothing else changes."""

from __future__ import annotations

import codecs

import pytest

from annotator.core.decoding import decode_bytes, read_text_file
from annotator.core.errors import InputError

TEXT = "قالَ الرئيسُ: «نعم» 😀\nسطر ثانٍ"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_accepted_encodings_give_the_same_text(data):
    assert decode_bytes(data, "f.txt") == TEXT


def test_newlines_become_lf_and_nothing_else_changes():
    # decomposed vs composed forms and presentation forms must survive as they are
    raw = "a\r\nb\rc\n\ufefbﻻ e\u0301"
    assert decode_bytes(raw.encode("utf-8"), "f") == "a\nb\nc\n\ufefbﻻ e\u0301"


def test_invalid_utf8_names_file_and_line():
    with pytest.raises(InputError, match=r"^f.txt, line 2: not valid UTF-8 text \(byte 0xff at offset 6\)"):
        decode_bytes(b"hello\n\xffworld", "f.txt")


def test_binary_file_is_refused():
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00", "prog.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\r\n", codecs.BOM_UTF8])
def test_empty_file_is_refused(data):
    with pytest.raises(InputError, match="is empty"):
        decode_bytes(data, "e.txt")


def test_read_text_file_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)
