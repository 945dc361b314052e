"""The baseline of benchmarks/bundle_bench.py: a bare PySide6 window, bundled the same way
(PyInstaller, one folder, untrimmed).  Prints a line when the window is shown, then quits."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("سلام"))
window.resize(800, 600)
window.show()
QTimer.singleShot(0, lambda: (print("bare: window shown", flush=True), app.quit()))
sys.exit(app.exec())
