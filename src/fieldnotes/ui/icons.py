"""The shipped line icons (``resources/icons/*.svg``), drawn in the palette's text colour.

The SVGs use ``currentColor``; it is replaced by the window text colour when an icon is
loaded, so the same files serve light and dark palettes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from fieldnotes.paths import resource

# Rendered once per size; QIcon picks the nearest, which keeps them crisp on high-DPI screens.
_SIZES = (16, 24, 32, 48, 64)


def _text_colour() -> str:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.WindowText).name()


@cache
def _icon(name: str, colour: str) -> QIcon:
    svg = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode("utf-8")))
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in ``colour`` (default: the text colour)."""
    return _icon(name, colour.name() if colour is not None else _text_colour())
