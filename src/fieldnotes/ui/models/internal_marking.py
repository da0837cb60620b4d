"""How internal material (left out of the external report) is marked in every view."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# Translucent amber: reads as a tint on light and dark palettes alike.
INTERNAL_TINT = QColor(230, 150, 0, 48)
INTERNAL_TOOLTIP = "Internal: never shown in the external report"

_lock_icon: QIcon | None = None


def lock_icon() -> QIcon:
    """A small padlock drawn in the palette-neutral amber of the tint (made once)."""
    global _lock_icon
    if _lock_icon is None:
        icon = QIcon()
        for size in (16, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            s = size / 16
            colour = QColor(190, 110, 0)
            painter.setPen(QPen(colour, 1.6 * s))
            shackle = QPainterPath()
            shackle.moveTo(QPointF(5 * s, 8 * s))
            shackle.lineTo(QPointF(5 * s, 5.5 * s))
            shackle.arcTo(QRectF(5 * s, 2.5 * s, 6 * s, 6 * s), 180, -180)
            shackle.lineTo(QPointF(11 * s, 8 * s))
            painter.drawPath(shackle)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(3 * s, 7.5 * s, 10 * s, 7 * s), 1.5 * s, 1.5 * s)
            painter.end()
            icon.addPixmap(pixmap)
        _lock_icon = icon
    return _lock_icon
