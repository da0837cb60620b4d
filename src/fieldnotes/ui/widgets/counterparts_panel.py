"""Counterparts: organisations ▸ people, for the whole mission or the meeting shown."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QTreeView,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Contact, Meeting, Organisation, label
from fieldnotes.services.counterparts import (
    delete_contact,
    delete_organisation,
    list_contacts,
    list_organisations,
)
from fieldnotes.services.itinerary import get_meeting, update_meeting
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.contact_dialog import ContactDialog
from fieldnotes.ui.dialogs.organisation_dialog import OrganisationDialog
from fieldnotes.ui.models.counterparts_tree_model import (
    CONTACT,
    ID_ROLE,
    KIND_ROLE,
    ContactRow,
    CounterpartsTreeModel,
    OrganisationRow,
)
from fieldnotes.ui.widgets.scoped_panel import ScopedPanel


def counterpart_rows(
    organisations: list[Organisation], contacts: list[Contact], meeting: Meeting | None = None
) -> list[OrganisationRow]:
    """The tree's rows; with ``meeting``, only who was met there."""
    if meeting is not None:
        met_people = set(meeting.contact_ids)
        contacts = [c for c in contacts if c.id in met_people]
        met = set(meeting.organisation_ids) | {c.organisation_id for c in contacts}
        organisations = [o for o in organisations if o.id in met]
    people: dict[str | None, list[ContactRow]] = {}
    known = {o.id for o in organisations}
    for contact in contacts:
        # People of a deleted (or, in a meeting, unlisted) organisation are still shown.
        key = contact.organisation_id if contact.organisation_id in known else None
        people.setdefault(key, []).append(
            ContactRow(contact.id, contact.name, contact.position, contact.internal)
        )
    rows = [
        OrganisationRow(o.id, o.name, o.acronym, label(o.kind), tuple(people.get(o.id, ())))
        for o in organisations
    ]
    if people.get(None):
        rows.append(OrganisationRow(None, "Without organisation", contacts=tuple(people[None])))
    return rows


class CounterpartsPanel(ScopedPanel):
    """The counterparts tree with add, edit and delete.

    In "This meeting" scope it shows who was met; what is added there is recorded as met, and
    removing takes a person or organisation off the meeting (they stay in the mission).

    Signals: ``changed()`` after every successful write.
    """

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._build()
        self.refresh()

    def _build(self) -> None:
        top = self._heading_bar("Counterparts", "Show counterparts of")

        self.model = CounterpartsTreeModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Counterparts")
        self.view.setUniformRowHeights(True)
        self.view.setIconSize(QSize(14, 14))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # One column fits a side panel; kinds and details are in the tooltips.
        self.view.setHeaderHidden(True)
        self.view.setColumnHidden(CounterpartsTreeModel.DETAIL, True)
        self.view.doubleClicked.connect(self.edit_selected)
        self._add_key_actions(
            self.view,
            (
                ("Edit…", "Return", self.edit_selected),
                ("Delete…", "Delete", self.remove_selected),
            ),
        )

        self.add_organisation_button = self._tool_button("+ Organisation", self.add_organisation)
        self.add_contact_button = self._tool_button("+ Person", self.add_contact)
        self.edit_button = self._tool_button("Edit…", self.edit_selected)
        self.remove_button = self._tool_button("Delete…", self.remove_selected)
        self.add_organisation_button.setToolTip("Add an organisation")
        self.add_contact_button.setToolTip("Add a person (to the selected organisation)")
        self._lay_out(
            top,
            self.view,
            (
                self.add_organisation_button,
                self.add_contact_button,
                self.edit_button,
                self.remove_button,
            ),
        )

    # public interface

    def refresh(self) -> None:
        """Reload the counterparts (and the meeting's list of who was met)."""
        self.scope.set_meeting_available(self.meeting_id is not None)
        rows: list[OrganisationRow] = []
        if self.mission_id is not None:
            try:
                with self.database.session() as session:
                    organisations = list_organisations(session, self.mission_id)
                    contacts = list_contacts(session, self.mission_id)
                    meeting = (
                        get_meeting(session, self.meeting_id)
                        if self.scope.meeting_only and self.meeting_id
                        else None
                    )
                rows = counterpart_rows(organisations, contacts, meeting)
            except FieldnotesError:
                self.mission_id = self.meeting_id = None
        selected = self._selected()
        self.model.set_rows(rows)
        self.view.expandAll()
        if selected is not None:
            self._select(selected[0])
        meeting_only = self.scope.meeting_only
        self.heading.setText("Counterparts met" if meeting_only else "Counterparts")
        self.remove_button.setText("Remove…" if meeting_only else "Delete…")
        self.remove_button.setToolTip(
            "Take off this meeting (stays in the mission)" if meeting_only else "Delete"
        )
        self.add_organisation_button.setEnabled(self.mission_id is not None)
        self.add_contact_button.setEnabled(self.mission_id is not None)
        self._update_buttons()

    def select_record(self, record_id: str) -> None:
        """Select an organisation or person (a search hit), widening the scope if needed."""
        if not self.model.index_of(record_id).isValid() and self.scope.meeting_only:
            self.scope.choose(meeting_only=False)
            self.refresh()
        self._select(record_id)
        self.view.scrollTo(self.view.currentIndex())

    # selection

    def _selected(self) -> tuple[str, str] | None:
        """(id, kind) of the selected organisation or person."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        record_id = index.siblingAtColumn(0).data(ID_ROLE)
        return (record_id, index.data(KIND_ROLE)) if record_id else None

    def _select(self, record_id: str) -> None:
        index = self.model.index_of(record_id)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # actions

    def _meeting_for_new(self) -> str | None:
        return self.meeting_id if self.scope.meeting_only else None

    def add_organisation(self) -> None:
        if self.mission_id is not None:
            self._open(
                OrganisationDialog(
                    self.database, self.mission_id, parent=self, meeting_id=self._meeting_for_new()
                )
            )

    def add_contact(self) -> None:
        if self.mission_id is None:
            return
        organisation_id = None
        index = self.view.currentIndex()
        if index.isValid():
            organisation = index if not index.parent().isValid() else index.parent()
            organisation_id = organisation.siblingAtColumn(0).data(ID_ROLE)
        self._open(
            ContactDialog(
                self.database,
                self.mission_id,
                parent=self,
                organisation_id=organisation_id,
                meeting_id=self._meeting_for_new(),
            )
        )

    def edit_selected(self) -> None:
        selected = self._selected()
        if selected is None or self.mission_id is None:
            return
        record_id, kind = selected
        if kind == CONTACT:
            self._open(ContactDialog(self.database, self.mission_id, record_id, parent=self))
        else:
            self._open(OrganisationDialog(self.database, self.mission_id, record_id, parent=self))

    def remove_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        record_id, kind = selected
        name = str(self.model.index_of(record_id).data())
        try:
            if self.scope.meeting_only and self.meeting_id:
                with self.database.session() as session:
                    meeting = get_meeting(session, self.meeting_id)
                    update_meeting(
                        session,
                        self.meeting_id,
                        organisation_ids=[i for i in meeting.organisation_ids if i != record_id],
                        contact_ids=[i for i in meeting.contact_ids if i != record_id],
                    )
            else:
                detail = (
                    "They will no longer appear in any meeting."
                    if kind == CONTACT
                    else "Its people stay in the list, without an organisation."
                )
                if not self.confirm_deletion(self, name, detail):
                    return
                with self.database.session() as session:
                    if kind == CONTACT:
                        delete_contact(session, record_id)
                    else:
                        delete_organisation(session, record_id)
        except FieldnotesError as exc:
            QMessageBox.warning(self, "Counterparts", exc.message)
            return
        self.refresh()
        self.changed.emit()
