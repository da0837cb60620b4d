"""The meeting header: a calm summary line, and the meeting's details behind an Edit toggle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Contact, Meeting, MeetingKind, MeetingStatus, Member, label
from fieldnotes.model import Organisation as OrganisationRecord
from fieldnotes.services.counterparts import list_contacts, list_organisations
from fieldnotes.services.itinerary import delete_meeting, get_meeting, update_meeting, zone_name
from fieldnotes.services.missions import get_mission
from fieldnotes.services.team import list_members
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.confirm_deletion import confirm_deletion
from fieldnotes.ui.models.choice_list_model import ChoiceListModel, ChoiceRow
from fieldnotes.ui.widgets.field_edits import (
    CommitPlainTextEdit,
    OptionalDateEdit,
    OptionalTimeEdit,
)
from fieldnotes.ui.widgets.rejected_field import RejectedField


class MeetingForm(QWidget):
    """Header of the selected meeting; "Edit details" opens its fields, saved as they are left.

    Ticking an organisation, a person or a member saves at once. A rejected value stays in its
    field with the reason shown under the header; the database keeps the last valid value.

    Signals: ``changed()`` after every successful write; ``meeting_deleted(meeting_id: str)``.
    """

    changed = Signal()
    meeting_deleted = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.mission_id: str | None = None
        self.meeting_id: str | None = None
        # Tests replace this to answer the question without a modal box.
        self.confirm_deletion: Callable[[QWidget | None, str, str], bool] = confirm_deletion
        self._meeting: Meeting | None = None
        self._timezone = "UTC"
        self._organisations: list[OrganisationRecord] = []
        self._contacts: list[Contact] = []
        self._members: list[Member] = []
        self._loading = False
        self._build()
        self.set_mission(None)

    # construction

    def _build(self) -> None:
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.people_label = QLabel()
        self.people_label.setWordWrap(True)
        for text_label in (self.facts_label, self.people_label):
            text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.edit_button = QPushButton("Edit &details")
        self.edit_button.setCheckable(True)
        self.edit_button.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.edit_button.setToolTip("Show or hide the meeting's details (Ctrl+Shift+E)")
        self.edit_button.toggled.connect(self._toggle_details)
        self.delete_button = QPushButton("Delete meeting…")
        self.delete_button.clicked.connect(self.delete_meeting)

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        self._rejected = RejectedField()
        self.error_label = self._rejected.label

        self.details = self._build_details()
        self.details.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.people_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.details)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _labelled(
        self,
        grid: QGridLayout,
        row: int,
        column: int,
        text: str,
        field: QWidget,
        accessible: str = "",
        span: int = 1,
    ) -> None:
        caption = QLabel(text)
        caption.setBuddy(field)
        field.setAccessibleName(accessible or text.replace("&", "").rstrip(":"))
        grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(field, row, column + 1, 1, span)

    def _choice_list(self, model: ChoiceListModel, name: str) -> QListView:
        view = QListView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setIconSize(QSize(14, 14))
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setMinimumHeight(view.fontMetrics().lineSpacing() * 5)
        view.setMaximumHeight(view.fontMetrics().lineSpacing() * 8)
        return view

    def _build_details(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        self.title_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in MeetingKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.status_combo = QComboBox()
        for status in MeetingStatus:
            self.status_combo.addItem(label(status), status.value)
        self.date_edit = OptionalDateEdit()
        self.start_edit = OptionalTimeEdit()
        self.end_edit = OptionalTimeEdit()
        self.zone_label = QLabel()
        self.venue_edit = QLineEdit()
        self.agenda_edit = CommitPlainTextEdit()
        self.agenda_edit.setPlaceholderText("Points to raise, questions, documents to ask for")
        self.agenda_edit.setMinimumHeight(self.agenda_edit.fontMetrics().lineSpacing() * 3 + 12)
        self.agenda_edit.setMaximumHeight(self.agenda_edit.fontMetrics().lineSpacing() * 6 + 12)

        times = QWidget()
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        times_row.addWidget(self.start_edit)
        to_label = QLabel("t&o")
        to_label.setBuddy(self.end_edit)
        self.start_edit.setAccessibleName("Start time")
        self.end_edit.setAccessibleName("End time")
        times_row.addWidget(to_label)
        times_row.addWidget(self.end_edit)
        times_row.addWidget(self.zone_label)
        times_row.addStretch(1)

        self._labelled(grid, 0, 0, "&Title:", self.title_edit, "Meeting title", span=3)
        self._labelled(grid, 1, 0, "&Kind:", self.kind_combo, "Meeting kind")
        self._labelled(grid, 1, 2, "Stat&us:", self.status_combo, "Meeting status")
        self._labelled(grid, 2, 0, "D&ate:", self.date_edit, "Meeting date")
        time_caption = QLabel("T&ime:")
        time_caption.setBuddy(self.start_edit)
        grid.addWidget(time_caption, 2, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(times, 2, 3)
        self._labelled(grid, 3, 0, "&Venue:", self.venue_edit, span=3)

        self.organisations_model = ChoiceListModel(self)
        self.contacts_model = ChoiceListModel(self)
        self.members_model = ChoiceListModel(self)
        self.organisations_view = self._choice_list(self.organisations_model, "Organisations met")
        self.contacts_view = self._choice_list(self.contacts_model, "People met")
        self.members_view = self._choice_list(self.members_model, "Members attending")
        lists = QGridLayout()
        for column, (text, view) in enumerate(
            (
                ("&Organisations met", self.organisations_view),
                ("&People met", self.contacts_view),
                ("&Members attending", self.members_view),
            )
        ):
            caption = QLabel(text)
            caption.setBuddy(view)
            lists.addWidget(caption, 0, column)
            lists.addWidget(view, 1, column)
        grid.addLayout(lists, 4, 0, 1, 4)
        agenda_caption = QLabel("A&genda:")
        agenda_caption.setBuddy(self.agenda_edit)
        self.agenda_edit.setAccessibleName("Agenda")
        top_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        grid.addWidget(agenda_caption, 5, 0, top_right)
        grid.addWidget(self.agenda_edit, 5, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self._commit_on(self.title_edit.editingFinished, "title")
        self._commit_on(self.venue_edit.editingFinished, "venue")
        self._commit_on(self.kind_combo.activated, "kind")
        self._commit_on(self.status_combo.activated, "status")
        self._commit_on(self.agenda_edit.editing_finished, "agenda")
        # Without keyboard tracking these report once per finished entry, not per digit.
        self.date_edit.setKeyboardTracking(False)
        self.start_edit.setKeyboardTracking(False)
        self.end_edit.setKeyboardTracking(False)
        self._commit_on(self.date_edit.dateChanged, "date")
        self._commit_on(self.start_edit.timeChanged, "start_time")
        self._commit_on(self.end_edit.timeChanged, "end_time")
        self.organisations_model.choice_toggled.connect(lambda *_: self._commit("organisation_ids"))
        self.contacts_model.choice_toggled.connect(lambda *_: self._commit("contact_ids"))
        self.members_model.choice_toggled.connect(lambda *_: self._commit("member_ids"))
        return frame

    def _commit_on(self, signal: Any, field: str) -> None:
        signal.connect(lambda *_: self._commit(field))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        if shown:
            self.title_edit.setFocus()

    # reading and writing

    def _widget_for(self, field: str) -> QWidget:
        return {
            "title": self.title_edit,
            "kind": self.kind_combo,
            "status": self.status_combo,
            "date": self.date_edit,
            "start_time": self.start_edit,
            "end_time": self.end_edit,
            "venue": self.venue_edit,
            "agenda": self.agenda_edit,
            "organisation_ids": self.organisations_view,
            "contact_ids": self.contacts_view,
            "member_ids": self.members_view,
        }[field]

    def _value(self, field: str) -> Any:
        match field:
            case "title" | "venue":
                edit = self._widget_for(field)
                assert isinstance(edit, QLineEdit)
                return edit.text().strip()
            case "kind":
                return MeetingKind(self.kind_combo.currentData())
            case "status":
                return MeetingStatus(self.status_combo.currentData())
            case "date":
                return self.date_edit.value()
            case "start_time":
                return self.start_edit.value()
            case "end_time":
                return self.end_edit.value()
            case "agenda":
                return self.agenda_edit.toPlainText()
            case "organisation_ids":
                return self.organisations_model.checked_ids()
            case "contact_ids":
                return self.contacts_model.checked_ids()
            case "member_ids":
                return self.members_model.checked_ids()
        raise KeyError(field)

    def _commit(self, field: str) -> None:
        if self._loading or self._meeting is None:
            return
        value = self._value(field)
        widget = self._widget_for(field)
        if value == getattr(self._meeting, field):
            self._rejected.clear(widget)
            return
        try:
            with self.database.session() as session:
                meeting = update_meeting(session, self._meeting.id, **{field: value})
        except FieldnotesError as exc:
            self._rejected.mark(widget, exc.message)
            return
        self._rejected.clear(widget)
        self._meeting = meeting
        self._show_meeting(only=field)
        self.changed.emit()

    # showing

    def _show_meeting(self, only: str | None = None) -> None:
        meeting = self._meeting
        assert meeting is not None
        self._loading = True
        try:
            if only in (None, "title"):
                self.title_edit.setText(meeting.title)
            if only in (None, "kind"):
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(meeting.kind.value))
            if only in (None, "status"):
                self.status_combo.setCurrentIndex(self.status_combo.findData(meeting.status.value))
            if only in (None, "date"):
                self.date_edit.set_value(meeting.date)
            if only in (None, "start_time"):
                self.start_edit.set_value(meeting.start_time)
            if only in (None, "end_time"):
                self.end_edit.set_value(meeting.end_time)
            if only in (None, "venue"):
                self.venue_edit.setText(meeting.venue)
            if only in (None, "agenda"):
                self.agenda_edit.set_text(meeting.agenda)
            if only in (None, "organisation_ids", "contact_ids", "member_ids"):
                self._show_choices()
        finally:
            self._loading = False
        self._show_summary()

    def _show_choices(self) -> None:
        meeting = self._meeting
        assert meeting is not None
        met = set(meeting.organisation_ids)
        self.organisations_model.set_rows(
            [
                ChoiceRow(o.id, o.acronym or o.name, o.id in met, o.name if o.acronym else "")
                for o in self._organisations
            ]
        )
        # People of the organisations met, people of no organisation, and whoever is
        # already recorded as met (even if their organisation was unticked since).
        people = set(meeting.contact_ids)
        self.contacts_model.set_rows(
            [
                ChoiceRow(c.id, c.name, c.id in people, c.position, c.internal)
                for c in self._contacts
                if c.id in people or c.organisation_id is None or c.organisation_id in met
            ]
        )
        attending = set(meeting.member_ids)
        self.members_model.set_rows(
            [ChoiceRow(m.id, m.name, m.id in attending, m.country) for m in self._members]
        )

    def _show_summary(self) -> None:
        meeting = self._meeting
        assert meeting is not None
        self.title_label.setText(meeting.title)
        when = meeting.date.strftime("%a %d %b %Y")
        if meeting.start_time:
            when += f", {meeting.start_time:%H:%M}"
            if meeting.end_time:
                when += f"–{meeting.end_time:%H:%M}"
            when += f" {zone_name(self._timezone)}"
        facts = [label(meeting.kind), when]
        if meeting.venue:
            facts.append(meeting.venue)
        facts.append(label(meeting.status))
        self.facts_label.setText(" · ".join(facts))
        by_id_org = {o.id: o for o in self._organisations}
        by_id_contact = {c.id: c for c in self._contacts}
        by_id_member = {m.id: m for m in self._members}
        organisations = [
            by_id_org[i].acronym or by_id_org[i].name
            for i in meeting.organisation_ids
            if i in by_id_org
        ]
        people = [by_id_contact[i].name for i in meeting.contact_ids if i in by_id_contact]
        members = [by_id_member[i].name for i in meeting.member_ids if i in by_id_member]
        lines = []
        if organisations or people:
            lines.append(
                "Met: " + "; ".join(filter(None, [", ".join(organisations), ", ".join(people)]))
            )
        if members:
            lines.append("Attending: " + ", ".join(members))
        self.people_label.setText("   ·   ".join(lines))
        self.people_label.setVisible(bool(lines))
        self.zone_label.setText(zone_name(self._timezone))

    # public interface

    def set_mission(self, mission_id: str | None) -> None:
        """Show meetings of ``mission_id``; no meeting is shown until :meth:`set_meeting`."""
        if mission_id != self.mission_id:
            self.mission_id = mission_id
            self.meeting_id = None
        self.refresh()

    def set_meeting(self, meeting_id: str | None) -> None:
        """Show ``meeting_id`` (None: nothing selected)."""
        self.meeting_id = meeting_id
        self._rejected.clear()
        self.refresh()

    def refresh(self) -> None:
        """Reload the meeting and the mission's counterparts and team from the database."""
        self._meeting = None
        if self.mission_id is not None and self.meeting_id is not None:
            try:
                with self.database.session() as session:
                    meeting = get_meeting(session, self.meeting_id)
                    self.mission_id = meeting.mission_id
                    self._timezone = get_mission(session, meeting.mission_id).timezone
                    self._organisations = list_organisations(session, meeting.mission_id)
                    self._contacts = list_contacts(session, meeting.mission_id)
                    self._members = list_members(session, meeting.mission_id)
                self._meeting = meeting
            except FieldnotesError:
                self.meeting_id = None
        shown = self._meeting is not None
        self.edit_button.setEnabled(shown)
        self.delete_button.setEnabled(shown)
        self.details.setVisible(shown and self.edit_button.isChecked())
        if shown:
            self._show_meeting()
        else:
            self.title_label.setText("No meeting selected")
            self.facts_label.setText("Choose a meeting in the programme, or add one.")
            self.people_label.hide()

    def delete_meeting(self) -> None:
        """Delete the shown meeting after asking."""
        meeting = self._meeting
        if meeting is None:
            return
        if not self.confirm_deletion(
            self,
            f"the meeting “{meeting.title}” of {meeting.date:%a %d %b %Y}",
            "Its notes and actions are hidden with it.",
        ):
            return
        try:
            with self.database.session() as session:
                delete_meeting(session, meeting.id)
        except FieldnotesError as exc:
            self._rejected.mark(self.title_edit, exc.message)
            return
        self.set_meeting(None)
        self.meeting_deleted.emit(meeting.id)
        self.changed.emit()
