"""How a form that saves field by field shows a value the service rejected."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from fieldnotes.ui.dialogs.record_dialog import ERROR_STYLE

_INVALID_STYLE = "border: 1px solid #c62828;"


class RejectedField:
    """The one field whose value was rejected: outlined, the reason shown in ``label``.

    The rejected value stays in its field for the user to correct; the form places ``label``.
    """

    def __init__(self) -> None:
        self.label = QLabel()
        self.label.setAccessibleName("Error message")
        self.label.setStyleSheet(ERROR_STYLE)
        self.label.setWordWrap(True)
        self.label.hide()
        self.widget: QWidget | None = None

    def mark(self, widget: QWidget, message: str) -> None:
        """Outline ``widget`` (and only it) and show ``message``."""
        if self.widget is not None and self.widget is not widget:
            self.widget.setStyleSheet("")
        self.widget = widget
        widget.setStyleSheet(_INVALID_STYLE)
        widget.setAccessibleDescription(message)
        self.label.setText(message)
        self.label.show()

    def clear(self, widget: QWidget | None = None) -> None:
        """Take the mark away; with ``widget``, only if the mark is on it."""
        if widget is not None and self.widget is not widget:
            return
        if self.widget is not None:
            self.widget.setStyleSheet("")
            self.widget.setAccessibleDescription("")
        self.widget = None
        self.label.hide()
