"""Reshaped Arabic for terminals without bidi support: only when asked, only on a terminal,
and without moving the other columns."""

from __future__ import annotations

import io

from annotator.core import display


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_shape_runs_turns_each_arabic_run_around_and_keeps_columns():
    # by hand: سلام is final meem, final lam-alef, initial seen from left to right
    assert display.shape_runs("سلام") == "\ufee1\ufefc\ufeb3 "  # the ligature saves a cell: padded
    line = "GPE       0.667    6  كيان جيوسياسي"
    shaped = display.shape_runs(line)
    assert shaped.startswith("GPE       0.667    6  ") and len(shaped) == len(line)
    assert shaped.endswith("\ufef2\ufeb3\ufe8e\ufef4\ufeb3\ufeee\ufef4\ufe9f \ufee5\ufe8e\ufef4\ufedb")
    # two spaces end a run: two Arabic columns are shaped each in place
    assert display.shape_runs("شخص  موقع") == display.shape("شخص") + "  " + display.shape("موقع")
    assert display.shape_runs("no Arabic here 12") == "no Arabic here 12"


def test_reshaping_only_when_asked_and_only_on_a_terminal(monkeypatch):
    monkeypatch.delenv(display.ENV, raising=False)
    tty, pipe = FakeTerminal(), io.StringIO()
    assert display.for_terminal(tty) is tty                      # not asked
    monkeypatch.setenv(display.ENV, "1")
    assert display.for_terminal(pipe) is pipe                    # asked, but piped
    assert display.for_terminal(tty, option=False) is tty        # the option wins over the variable
    wrapped = display.for_terminal(tty)
    assert isinstance(wrapped, display.ReshapingWriter)
    wrapped.write("lina: سلام")
    assert tty.getvalue() == ""                                  # lines are shaped whole
    wrapped.write(" عليكم\nok\n")
    assert tty.getvalue() == "lina: " + display.shape("سلام عليكم") + " \nok\n"
