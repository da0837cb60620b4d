#!/usr/bin/env python3
"""Render resources/icons/app.svg into the Windows (.ico) and macOS (.icns) application icons.

    QT_QPA_PLATFORM=offscreen python scripts/make-icons.py

build.spec picks them up on those systems; run this again after changing app.svg.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data())))


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs the application
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    images = {size: render(renderer, size) for size in SIZES}
    images[256].save(ICONS / "fieldnotes.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    images[1024].save(ICONS / "fieldnotes.icns")
    print(ICONS / "fieldnotes.ico", ICONS / "fieldnotes.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
