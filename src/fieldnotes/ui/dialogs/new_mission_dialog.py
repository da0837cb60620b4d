"""Start a new mission: the facts needed before anything else can be prepared."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from fieldnotes.services.missions import create_mission
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog
from fieldnotes.ui.widgets.field_edits import OptionalDateEdit, TimezoneCombo


class NewMissionDialog(RecordDialog):
    """Title, programme, host country, city, dates and host time zone of a new mission.

    The local user joins the mission as its team lead.

    Signals: ``saved(mission_id: str)``.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, "New mission", parent)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Expert mission to Belarus on labour migration")
        self.programme_edit = QLineEdit()
        self.programme_edit.setPlaceholderText("e.g. Prague Process")
        self.country_edit = QLineEdit()
        self.city_edit = QLineEdit()
        self.start_edit = OptionalDateEdit()
        self.end_edit = OptionalDateEdit()
        self.timezone_combo = TimezoneCombo()
        self.timezone_combo.set_zone("UTC")
        self.add_row("&Title:", self.title_edit)
        self.add_row("&Programme:", self.programme_edit)
        self.add_row("Host &country:", self.country_edit)
        self.add_row("C&ity:", self.city_edit)
        self.add_row("&Starts:", self.start_edit, "Start date")
        self.add_row("&Ends:", self.end_edit, "End date")
        self.add_row("Host time &zone:", self.timezone_combo)
        self.setMinimumWidth(520)

    def save(self, session: Session) -> str:
        start: dt.date | None = self.start_edit.value()
        end: dt.date | None = self.end_edit.value()
        mission = create_mission(
            session,
            title=self.title_edit.text(),
            programme=self.programme_edit.text().strip(),
            host_country=self.country_edit.text().strip(),
            city=self.city_edit.text().strip(),
            start_date=start,
            end_date=end,
            timezone=self.timezone_combo.zone(),
        )
        return mission.id
