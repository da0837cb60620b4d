"""Follow-up actions of the meeting shown, or of the whole mission."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import Action, ActionStatus, Meeting, Member, Organisation
from fieldnotes.services.actions import delete_action, list_actions, update_action
from fieldnotes.services.counterparts import list_organisations
from fieldnotes.services.itinerary import list_meetings
from fieldnotes.services.team import list_members
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.action_dialog import ActionDialog
from fieldnotes.ui.models.actions_table_model import ActionRow, ActionsTableModel
from fieldnotes.ui.widgets.scoped_panel import ScopedPanel


def action_rows(
    actions: list[Action],
    members: list[Member],
    organisations: list[Organisation],
    meetings: list[Meeting],
) -> list[ActionRow]:
    """Rows for the table, with owners and meetings named."""
    owners = {m.id: m.name for m in members}
    owners.update({o.id: o.acronym or o.name for o in organisations})
    titles = {m.id: m.title for m in meetings}
    return [
        ActionRow(
            a.id,
            a.text,
            owners.get(a.owner_member_id or a.owner_organisation_id or "", ""),
            a.due_date,
            a.status == ActionStatus.DONE,
            a.internal,
            titles.get(a.meeting_id or "", ""),
        )
        for a in actions
    ]


class ActionsPanel(ScopedPanel):
    """The actions list: tick to mark done, add, edit, delete.

    Space ticks the selected action; Enter edits it; Delete deletes it after asking.

    Signals: ``changed()`` after every successful write; ``meeting_selected(meeting_id: str)``
    when the user asks to open the meeting of an action (Ctrl+Enter).
    """

    meeting_selected = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._meeting_of: dict[str, str | None] = {}
        self._build()
        self.refresh()

    def _build(self) -> None:
        top = self._heading_bar("Actions", "Show actions of")

        self.model = ActionsTableModel(self)
        self.model.done_toggled.connect(self._set_done)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Actions")
        self.view.setIconSize(QSize(14, 14))
        self.view.setShowGrid(False)
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionsTableModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._activated)
        self._add_key_actions(
            self.view,
            (
                ("Mark done / not done", "Space", self.toggle_selected),
                ("Edit…", "Return", self.edit_selected),
                ("Open its meeting", "Ctrl+Return", self.open_meeting_of_selected),
                ("Delete…", "Delete", self.remove_selected),
            ),
        )

        self.add_button = self._tool_button("+ Action", self.add_action)
        self.edit_button = self._tool_button("Edit…", self.edit_selected)
        self.remove_button = self._tool_button("Delete…", self.remove_selected)
        self.add_button.setAccessibleName("Add action")
        self._lay_out(top, self.view, (self.add_button, self.edit_button, self.remove_button))

    # public interface

    def refresh(self) -> None:
        """Reload the actions in the chosen scope."""
        self.scope.set_meeting_available(self.meeting_id is not None)
        rows: list[ActionRow] = []
        if self.mission_id is not None:
            try:
                with self.database.session() as session:
                    actions = list_actions(
                        session,
                        self.mission_id,
                        meeting_id=self.meeting_id if self.scope.meeting_only else None,
                    )
                    rows = action_rows(
                        actions,
                        list_members(session, self.mission_id),
                        list_organisations(session, self.mission_id),
                        list_meetings(session, self.mission_id),
                    )
                self._meeting_of = {a.id: a.meeting_id for a in actions}
            except FieldnotesError:
                self.mission_id = self.meeting_id = None
        selected = self._selected_id()
        self.model.set_rows(rows)
        if selected is not None:
            self._select(selected)
        self.heading.setText("Actions of this meeting" if self.scope.meeting_only else "Actions")
        self.add_button.setEnabled(self.mission_id is not None)
        self._update_buttons()

    # selection

    def _selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def _select(self, action_id: str) -> None:
        row = self.model.row_of(action_id)
        if row >= 0:
            self.view.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self._selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # actions

    def _set_done(self, action_id: str, done: bool) -> None:
        status = ActionStatus.DONE if done else ActionStatus.OPEN
        try:
            with self.database.session() as session:
                update_action(session, action_id, status=status)
        except FieldnotesError as exc:
            QMessageBox.warning(self, "Actions", exc.message)
            self.refresh()  # show the stored state again
            return
        self.changed.emit()

    def toggle_selected(self) -> None:
        """Tick or untick the selected action."""
        action_id = self._selected_id()
        if action_id is None:
            return
        index = self.model.index(self.model.row_of(action_id), ActionsTableModel.DONE)
        done = self.model.row_at(index.row()).done
        state = Qt.CheckState.Unchecked if done else Qt.CheckState.Checked
        self.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    def add_action(self) -> None:
        if self.mission_id is not None:
            meeting_id = self.meeting_id if self.scope.meeting_only else None
            self._open(
                ActionDialog(self.database, self.mission_id, parent=self, meeting_id=meeting_id)
            )

    def edit_selected(self) -> None:
        action_id = self._selected_id()
        if action_id is not None and self.mission_id is not None:
            self._open(ActionDialog(self.database, self.mission_id, action_id, parent=self))

    def _activated(self) -> None:
        self.edit_selected()

    def open_meeting_of_selected(self) -> None:
        meeting_id = self._meeting_of.get(self._selected_id() or "")
        if meeting_id:
            self.meeting_selected.emit(meeting_id)

    def remove_selected(self) -> None:
        action_id = self._selected_id()
        if action_id is None:
            return
        text = self.model.row_at(self.model.row_of(action_id)).text
        short = text if len(text) <= 60 else text[:57] + "…"
        if not self.confirm_deletion(self, f"the action “{short}”", ""):
            return
        try:
            with self.database.session() as session:
                delete_action(session, action_id)
        except FieldnotesError as exc:
            QMessageBox.warning(self, "Actions", exc.message)
            return
        self.refresh()
        self.changed.emit()
