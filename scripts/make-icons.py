"""Render resources/icons/annotator.svg to the PNG, ICO and ICNS files the app and the
bundles use. Run after changing the SVG: python scripts/make-icons.py"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - needed for QPainter
    renderer = QSvgRenderer(str(ICONS / "annotator.svg"))
    pngs = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"annotator-{size}.png"
        image.save(str(path))
        pngs.append(path)
    big = Image.open(ICONS / "annotator-512.png")
    big.save(ICONS / "annotator.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "annotator.icns")
    print(f"wrote {len(pngs)} PNGs, annotator.ico and annotator.icns in {ICONS}")


if __name__ == "__main__":
    main()
