"""Add or edit a member of the mission team."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from fieldnotes.model import Member, MemberRole, label
from fieldnotes.services.lookup import get_live
from fieldnotes.services.team import add_member, update_member
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog


class MemberDialog(RecordDialog):
    """Name, country, institution, role and e-mail of a team member.

    Signals: ``saved(member_id: str)``.
    """

    def __init__(
        self,
        database: Database,
        mission_id: str,
        member_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(database, "Edit member" if member_id else "Add member", parent)
        self.mission_id = mission_id
        self.member_id = member_id
        self.name_edit = QLineEdit()
        self.country_edit = QLineEdit()
        self.institution_edit = QLineEdit()
        self.role_combo = QComboBox()
        for role in MemberRole:
            self.role_combo.addItem(label(role), role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(MemberRole.EXPERT.value))
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("name@example.org")
        self.add_row("&Name:", self.name_edit)
        self.add_row("&Country:", self.country_edit)
        self.add_row("&Institution:", self.institution_edit)
        self.add_row("&Role:", self.role_combo)
        self.add_row("&E-mail:", self.email_edit)
        if member_id:
            self._load(member_id)

    def _load(self, member_id: str) -> None:
        with self.database.session() as session:
            member = get_live(session, Member, member_id, "member")
        self.name_edit.setText(member.name)
        self.country_edit.setText(member.country)
        self.institution_edit.setText(member.institution)
        self.role_combo.setCurrentIndex(self.role_combo.findData(member.role.value))
        self.email_edit.setText(member.email)

    def save(self, session: Session) -> str:
        fields = {
            "name": self.name_edit.text(),
            "country": self.country_edit.text(),
            "institution": self.institution_edit.text(),
            "role": self.role_combo.currentData(),
            "email": self.email_edit.text(),
        }
        if self.member_id:
            return update_member(session, self.member_id, **fields).id
        return add_member(session, self.mission_id, **fields).id
