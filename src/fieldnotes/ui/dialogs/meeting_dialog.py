"""Add a meeting to the programme: what, which day, when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from fieldnotes.model import MeetingKind, label
from fieldnotes.services.itinerary import add_meeting, next_free_day, zone_name
from fieldnotes.services.missions import get_mission
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog
from fieldnotes.ui.widgets.field_edits import OptionalDateEdit, OptionalTimeEdit


class MeetingDialog(RecordDialog):
    """Title, kind, date (the mission's next free day) and host-local times of a new meeting.

    Signals: ``saved(meeting_id: str)``.
    """

    def __init__(self, database: Database, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(database, "New meeting", parent)
        self.mission_id = mission_id
        with database.session() as session:
            timezone = get_mission(session, mission_id).timezone
            day = next_free_day(session, mission_id)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Department for Citizenship and Migration")
        self.kind_combo = QComboBox()
        for kind in MeetingKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.date_edit = OptionalDateEdit()
        self.date_edit.set_value(day)
        self.start_edit = OptionalTimeEdit()
        self.end_edit = OptionalTimeEdit()
        self.start_edit.setAccessibleName("Start time")
        self.end_edit.setAccessibleName("End time")
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_edit)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end_edit)
        row.addWidget(QLabel(zone_name(timezone)))
        row.addStretch(1)
        self.add_row("&Title:", self.title_edit)
        self.add_row("&Kind:", self.kind_combo)
        self.add_row("&Date:", self.date_edit)
        times_label = QLabel("T&ime:")
        times_label.setBuddy(self.start_edit)
        self.form.addRow(times_label, times)

    def save(self, session: Session) -> str:
        meeting = add_meeting(
            session,
            self.mission_id,
            title=self.title_edit.text(),
            kind=self.kind_combo.currentData(),
            date=self.date_edit.value(),
            start_time=self.start_edit.value(),
            end_time=self.end_edit.value(),
        )
        return meeting.id
