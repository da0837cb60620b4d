"""Add or edit a counterpart organisation."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from fieldnotes.model import Organisation, OrganisationKind, label
from fieldnotes.services.counterparts import add_organisation, update_organisation
from fieldnotes.services.itinerary import mark_met
from fieldnotes.services.lookup import get_live
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.record_dialog import RecordDialog


class OrganisationDialog(RecordDialog):
    """Name, acronym, kind and country of an organisation.

    A new organisation added while a meeting is shown (``meeting_id``) is also recorded as
    met there, in the same unit of work.

    Signals: ``saved(organisation_id: str)``.
    """

    def __init__(
        self,
        database: Database,
        mission_id: str,
        organisation_id: str | None = None,
        parent: QWidget | None = None,
        *,
        meeting_id: str | None = None,
    ) -> None:
        title = "Edit organisation" if organisation_id else "Add organisation"
        super().__init__(database, title, parent)
        self.mission_id = mission_id
        self.organisation_id = organisation_id
        self.meeting_id = meeting_id
        self.name_edit = QLineEdit()
        self.acronym_edit = QLineEdit()
        self.acronym_edit.setPlaceholderText("e.g. DCM, IOM")
        self.kind_combo = QComboBox()
        for kind in OrganisationKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(OrganisationKind.MINISTRY.value))
        self.country_edit = QLineEdit()
        self.add_row("&Name:", self.name_edit)
        self.add_row("&Acronym:", self.acronym_edit)
        self.add_row("&Kind:", self.kind_combo)
        self.add_row("&Country:", self.country_edit)
        if organisation_id:
            self._load(organisation_id)

    def _load(self, organisation_id: str) -> None:
        with self.database.session() as session:
            organisation = get_live(session, Organisation, organisation_id, "organisation")
        self.name_edit.setText(organisation.name)
        self.acronym_edit.setText(organisation.acronym)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(organisation.kind.value))
        self.country_edit.setText(organisation.country)

    def save(self, session: Session) -> str:
        fields = {
            "name": self.name_edit.text(),
            "acronym": self.acronym_edit.text(),
            "kind": self.kind_combo.currentData(),
            "country": self.country_edit.text(),
        }
        if self.organisation_id:
            return update_organisation(session, self.organisation_id, **fields).id
        organisation = add_organisation(session, self.mission_id, **fields)
        if self.meeting_id:
            mark_met(session, self.meeting_id, organisation_id=organisation.id)
        return organisation.id
