"""Add or edit a follow-up action."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget
from sqlalchemy.orm import Session

from fieldnotes.model import Action, ActionStatus, label
from fieldnotes.services.actions import add_action, update_action
from fieldnotes.services.counterparts import list_organisations
from fieldnotes.services.lookup import get_live
from fieldnotes.services.team import list_members
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog
from fieldnotes.ui.widgets.field_edits import CommitPlainTextEdit, OptionalDateEdit

# Owners are members or organisations; the combo's data says which.
_MEMBER = "member:"
_ORGANISATION = "organisation:"


class ActionDialog(RecordDialog):
    """Text, owner (a member or an organisation), due date, status and internal flag.

    A new action belongs to ``meeting_id`` when given.

    Signals: ``saved(action_id: str)``.
    """

    def __init__(
        self,
        database: Database,
        mission_id: str,
        action_id: str | None = None,
        parent: QWidget | None = None,
        *,
        meeting_id: str | None = None,
    ) -> None:
        super().__init__(database, "Edit action" if action_id else "Add action", parent)
        self.mission_id = mission_id
        self.action_id = action_id
        self.meeting_id = meeting_id
        self.text_edit = CommitPlainTextEdit()
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.owner_combo = QComboBox()
        self.owner_combo.addItem("(nobody yet)", None)
        with database.session() as session:
            members = list_members(session, mission_id)
            organisations = list_organisations(session, mission_id)
        for member in members:
            self.owner_combo.addItem(member.name, _MEMBER + member.id)
        for organisation in organisations:
            self.owner_combo.addItem(
                organisation.acronym or organisation.name, _ORGANISATION + organisation.id
            )
        self.due_edit = OptionalDateEdit(none_text="No due date")
        self.status_combo = QComboBox()
        for status in ActionStatus:
            self.status_combo.addItem(label(status), status.value)
        self.internal_check = QCheckBox("&Internal: never in the external report")
        self.internal_check.setAccessibleName("Internal action")
        self.add_row("&Action:", self.text_edit, "Action text")
        self.add_row("&Owner:", self.owner_combo)
        self.add_row("&Due:", self.due_edit, "Due date")
        self.add_row("&Status:", self.status_combo)
        self.form.addRow("", self.internal_check)
        if action_id:
            self._load(action_id)

    def _load(self, action_id: str) -> None:
        with self.database.session() as session:
            action = get_live(session, Action, action_id, "action")
        self.text_edit.set_text(action.text)
        owner = None
        if action.owner_member_id:
            owner = _MEMBER + action.owner_member_id
        elif action.owner_organisation_id:
            owner = _ORGANISATION + action.owner_organisation_id
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(owner)))
        self.due_edit.set_value(action.due_date)
        self.status_combo.setCurrentIndex(self.status_combo.findData(action.status.value))
        self.internal_check.setChecked(action.internal)

    def save(self, session: Session) -> str:
        owner: str = self.owner_combo.currentData() or ""
        fields = {
            "text": self.text_edit.toPlainText(),
            "owner_member_id": owner.removeprefix(_MEMBER) if owner.startswith(_MEMBER) else None,
            "owner_organisation_id": (
                owner.removeprefix(_ORGANISATION) if owner.startswith(_ORGANISATION) else None
            ),
            "due_date": self.due_edit.value(),
            "status": self.status_combo.currentData(),
            "internal": self.internal_check.isChecked(),
        }
        if self.action_id:
            return update_action(session, self.action_id, **fields).id
        return add_action(session, self.mission_id, meeting_id=self.meeting_id, **fields).id
