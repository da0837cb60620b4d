"""First start: who uses this installation (name, country, institution, e-mail)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.services.profile import get_profile, save_profile
from fieldnotes.store import Database


class ProfileDialog(QDialog):
    """Asks for the user's name and where they work; saves the profile when accepted.

    The service validates (a name is required); its message is shown in the dialog, which
    stays open until the input is acceptable or the user cancels.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setWindowTitle("Welcome to fieldnotes")
        self.setAccessibleName("Your profile")
        self.setMinimumWidth(460)
        with database.session() as session:
            profile = get_profile(session)
        intro = QLabel(
            "<b>Who are you?</b><br>Your name marks everything you write: your notes in the "
            "report, and what you share with your team. It stays on this computer."
        )
        intro.setWordWrap(True)
        self.name_edit = self._line(profile.name, "Full name, e.g. Anna Virtanen", "Name")
        self.country_edit = self._line(profile.country, "e.g. Finland", "Country")
        self.institution_edit = self._line(
            profile.institution, "e.g. Finnish Immigration Service", "Institution"
        )
        self.email_edit = self._line(profile.email, "name@example.org", "E-mail")
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Country:", self.country_edit)
        form.addRow("&Institution:", self.institution_edit)
        form.addRow("&E-mail:", self.email_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Problem")
        self.error_label.setStyleSheet("font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @staticmethod
    def _line(value: str, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        return edit

    def accept(self) -> None:
        try:
            with self._database.session() as session:
                save_profile(
                    session,
                    name=self.name_edit.text(),
                    country=self.country_edit.text(),
                    institution=self.institution_edit.text(),
                    email=self.email_edit.text(),
                )
        except FieldnotesError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            self.name_edit.setFocus()
            return
        super().accept()
