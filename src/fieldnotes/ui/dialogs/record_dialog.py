"""The frame every add/edit dialog shares: a form, an inline error line, OK and Cancel.

OK runs the dialog's one service call in one unit of work. A user mistake keeps the dialog
open with the service's message under the form and nothing written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from fieldnotes.errors import FieldnotesError
from fieldnotes.store import Database

ERROR_STYLE = "color: #c62828; font-weight: 600;"


class RecordDialog(QDialog):
    """Base of the add/edit dialogs; subclasses build ``self.form`` and implement ``save``.

    Signals: ``saved(record_id: str)`` after a successful write, before the dialog closes.
    """

    saved = Signal(str)

    def __init__(self, database: Database, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add_row(self, text: str, field: QWidget, accessible: str | None = None) -> None:
        """A labelled row; ``text`` carries the mnemonic (``&Name``) and names the field."""
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(accessible or text.replace("&", ""))
        self.form.addRow(label, field)

    def save(self, session: Session) -> str:
        """Write the record with one service call; return its id."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        try:
            with self.database.session() as session:
                record_id = self.save(session)
        except FieldnotesError as exc:
            self.show_error(exc.message)
            return
        self.error_label.hide()
        self.saved.emit(record_id)
        super().accept()
