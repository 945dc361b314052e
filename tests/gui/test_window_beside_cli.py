"""The real window in one process and the real CLI in another, on one project file (issue 10,
failure 1): the window labels from the keyboard, the CLI reads and imports while it is open,
the window sees the import, labels more and closes; the file is whole and holds every span
the window showed as done."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

from annotator.store.project import Project
from tests.gui.test_main_window import NEWS

#: The window, offscreen in a process of its own: labels ``الحسكة`` (key G, GPE) in copies
#: 0-9 of the news sentence, says "ready", waits for "go", lets its external-change check
#: run, labels copies 10-19, prints what it shows, and closes as a user would.
WINDOW = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from annotator.gui.app.app import register_fonts
    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.app.settings import AppSettings
    from annotator.store.project import Project
    from tests.gui.test_main_window import label_word

    path, settings_file = sys.argv[1], sys.argv[2]
    app = QApplication([])
    register_fonts()
    window = MainWindow(Project.open(path, annotator="lina"),
                        AppSettings(QSettings(settings_file, QSettings.Format.IniFormat)), "en")
    window.suggestions.enabled.setChecked(False)
    window.resize(1100, 760)
    window.show()

    def spin(seconds, until=lambda: False):  # the event loop runs, as in the app
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            QTest.qWait(10)

    spin(10, lambda: window.ready)

    class Keys:
        keyClick = staticmethod(QTest.keyClick)

    def label(copies):
        for nth in copies:
            label_word(Keys, window, "الحسكة", Qt.Key.Key_G, nth)
            spin(0.02)

    label(range(10))
    print("ready", flush=True)
    sys.stdin.readline()
    window.external.timer.setInterval(50)
    spin(10, lambda: window.doc_model.rowCount() == 31 and window.ready)  # the reload of what the CLI changed is done
    label(range(10, 20))
    print("shown", len(window.view.store), window.doc_model.rowCount(), flush=True)
    window.close()
    QTest.qWait(10)
    print("closed", flush=True)
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([os.getcwd(), env.get("PYTHONPATH", "")])
    return env


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, env=_env(),
                          timeout=120)


def test_the_real_cli_beside_the_real_window_never_corrupts_the_file(tmp_path):
    path = tmp_path / "shared.annotproj"
    with Project.create(path, annotator="lina") as p:
        doc = p.add_documents(["\n".join([NEWS] * 20)]).added[0]
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps({"text": f"نص جديد رقم {i}"}, ensure_ascii=False) + "\n" for i in range(30)),
                    encoding="utf-8")
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(path), str(tmp_path / "settings.ini")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env())
    try:
        assert window.stdout.readline().strip() == "ready", window.stderr.read()
        stats = _cli("stats", str(path), "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["documents"] == 1
        imported = _cli("import", str(path), str(more))
        assert imported.returncode == 0, imported.stderr
        out, err = window.communicate("go\n", timeout=120)
    finally:
        if window.poll() is None:
            window.kill()
    assert window.returncode == 0, err
    assert "shown 20 31" in out and "closed" in out, (out, err)
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with Project.open(path) as p:
        assert p.stats()["documents"] == 31
        spans = p.spans(doc, "lina")
        assert len(spans) == 20 and {s.label for s in spans} == {"GPE"}
        assert all(p.document(doc).text[s.start:s.end] == "الحسكة" for s in spans)
