"""The progress bars of `import` and `export`: drawn on a terminal, silent when piped."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")


def on_terminal(*args: str, interrupt_after: str | None = None) -> tuple[int, str, str]:
    """Run ``annotator ARGS`` with stderr on a pseudo-terminal; return (status, stdout,
    terminal).  With ``interrupt_after``, send SIGINT (Ctrl-C) as soon as the terminal shows
    it; the child starts with Ctrl-C's default disposition, as from a shell's foreground (a
    background job ignores it, and a child inherits that)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # 30 rows, 100 columns
    env = {**os.environ, "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "annotator", *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    seen = b""
    sent = False
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if interrupt_after is not None and not sent and interrupt_after.encode() in seen:
            proc.send_signal(signal.SIGINT)
            sent = True
    out = proc.stdout.read().decode("utf-8")
    proc.wait()
    os.close(master)
    assert interrupt_after is None or sent, seen.decode("utf-8", "replace")
    return proc.returncode, out, seen.decode("utf-8", "replace")


@pytest.fixture
def project_of_300(tmp_path):
    proj = tmp_path / "p.annotproj"
    subprocess.run([sys.executable, "-m", "annotator", "init", str(proj)], check=True, capture_output=True)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03}.txt").write_text(f"زار بشار الأسد مدينة حلب رقم {i}", encoding="utf-8")
    return proj, folder


def test_import_and_export_draw_a_bar_on_a_terminal(project_of_300, tmp_path):
    proj, folder = project_of_300
    code, out, terminal = on_terminal("import", str(proj), str(folder))
    assert code == 0 and out.strip() == "300 documents added."
    assert "importing" in terminal and "300/300" in terminal
    code, out, terminal = on_terminal("export", str(proj), "--format", "jsonl", "--out", str(tmp_path / "o"))
    assert code == 0 and out.startswith("Exported 300 documents")
    assert "exporting" in terminal and "300/300" in terminal and "25/300" in terminal
    assert "Traceback" not in terminal


def test_export_is_quiet_when_piped(project_of_300, tmp_path):
    proj, folder = project_of_300
    subprocess.run([sys.executable, "-m", "annotator", "import", str(proj), str(folder)], check=True, capture_output=True)
    r = subprocess.run([sys.executable, "-m", "annotator", "export", str(proj), "--format", "conll", "--out", str(tmp_path / "o"),
                        "--all-documents", "--split", "0.8,0.2"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("Exported 300 documents")
    assert r.stderr == ""  # no bar, no escape codes when stderr is not a terminal
