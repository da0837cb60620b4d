"""Add or edit a counterpart person."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from fieldnotes.model import Contact
from fieldnotes.services.counterparts import add_contact, list_organisations, update_contact
from fieldnotes.services.itinerary import mark_met
from fieldnotes.services.lookup import get_live
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog
from fieldnotes.ui.widgets.field_edits import CommitPlainTextEdit


class ContactDialog(RecordDialog):
    """Name, position, organisation, e-mail, phone, notes and the internal flag of a person.

    A new person added while a meeting is shown (``meeting_id``) is also recorded as met
    there, with their organisation.

    Signals: ``saved(contact_id: str)``.
    """

    def __init__(
        self,
        database: Database,
        mission_id: str,
        contact_id: str | None = None,
        parent: QWidget | None = None,
        *,
        organisation_id: str | None = None,
        meeting_id: str | None = None,
    ) -> None:
        super().__init__(database, "Edit person" if contact_id else "Add person", parent)
        self.mission_id = mission_id
        self.contact_id = contact_id
        self.meeting_id = meeting_id
        self.name_edit = QLineEdit()
        self.position_edit = QLineEdit()
        self.organisation_combo = QComboBox()
        self.organisation_combo.addItem("(no organisation)", None)
        with database.session() as session:
            organisations = list_organisations(session, mission_id)
        for organisation in organisations:
            text = organisation.name
            if organisation.acronym:
                text += f" ({organisation.acronym})"
            self.organisation_combo.addItem(text, organisation.id)
        self.email_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.notes_edit = CommitPlainTextEdit()
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.internal_check = QCheckBox("&Internal: never in the external report")
        self.internal_check.setAccessibleName("Internal contact")
        self.add_row("&Name:", self.name_edit)
        self.add_row("&Position:", self.position_edit)
        self.add_row("&Organisation:", self.organisation_combo)
        self.add_row("&E-mail:", self.email_edit)
        self.add_row("P&hone:", self.phone_edit)
        self.add_row("No&tes:", self.notes_edit)
        self.form.addRow("", self.internal_check)
        if contact_id:
            self._load(contact_id)
        elif organisation_id:
            self._select_organisation(organisation_id)

    def _select_organisation(self, organisation_id: str | None) -> None:
        self.organisation_combo.setCurrentIndex(
            max(0, self.organisation_combo.findData(organisation_id))
        )

    def _load(self, contact_id: str) -> None:
        with self.database.session() as session:
            contact = get_live(session, Contact, contact_id, "contact")
        self.name_edit.setText(contact.name)
        self.position_edit.setText(contact.position)
        self._select_organisation(contact.organisation_id)
        self.email_edit.setText(contact.email)
        self.phone_edit.setText(contact.phone)
        self.notes_edit.set_text(contact.notes)
        self.internal_check.setChecked(contact.internal)

    def save(self, session: Session) -> str:
        fields = {
            "name": self.name_edit.text(),
            "position": self.position_edit.text(),
            "organisation_id": self.organisation_combo.currentData(),
            "email": self.email_edit.text(),
            "phone": self.phone_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "internal": self.internal_check.isChecked(),
        }
        if self.contact_id:
            return update_contact(session, self.contact_id, **fields).id
        contact = add_contact(session, self.mission_id, **fields)
        if self.meeting_id:
            mark_met(session, self.meeting_id, contact_id=contact.id)
        return contact.id
