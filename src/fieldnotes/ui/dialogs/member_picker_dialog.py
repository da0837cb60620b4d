"""Which team member are you? Asked after importing a mission this profile did not have."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.model import label
from fieldnotes.services.missions import get_mission
from fieldnotes.services.profile import get_profile, link_member, linked_member_id
from fieldnotes.services.team import list_members
from fieldnotes.store import Database

_MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class MemberPickerDialog(QDialog):
    """Links the local profile to one member of the mission's team.

    The member whose name is the profile's name is proposed. Signals:
    ``member_linked(str)`` with the member id once the link is saved (then the dialog is
    accepted).
    """

    member_linked = Signal(str)

    def __init__(self, database: Database, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        with database.session() as session:
            title = get_mission(session, mission_id).title
            own_name = get_profile(session).name
            linked = linked_member_id(session, mission_id)
            members = [
                (m.id, m.name, m.country, label(m.role)) for m in list_members(session, mission_id)
            ]
        self.setWindowTitle("Which team member are you?")
        self.setAccessibleName("Which team member are you?")
        self.setMinimumSize(440, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>“{escape(title)}” is new on this computer.</b><br>"
            "Choose who you are in its team: your notes are signed with that name in the "
            "report and when they are shared."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.member_list = QListWidget()
        self.member_list.setAccessibleName("Team members")
        layout.addWidget(self.member_list, 1)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox()
        self.choose_button = self.buttons.addButton(
            "&Write as this member", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = self.buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip("You can choose when you first write a note.")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill(members, linked, own_name)
        self.member_list.currentItemChanged.connect(self._update_button)
        self.member_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._update_button()

    def _fill(self, members: list[tuple[str, str, str, str]], linked: str | None, own: str) -> None:
        proposed: QListWidgetItem | None = None
        for member_id, name, country, role in members:
            text = name + (f" ({country})" if country else "") + f" — {role}"
            item = QListWidgetItem(text)
            item.setData(_MEMBER_ROLE, member_id)
            self.member_list.addItem(item)
            if member_id == linked or (proposed is None and _same_name(name, own)):
                proposed = item
        if proposed is not None:
            self.member_list.setCurrentItem(proposed)

    def select_member(self, member_id: str) -> None:
        for row in range(self.member_list.count()):
            item = self.member_list.item(row)
            if item.data(_MEMBER_ROLE) == member_id:
                self.member_list.setCurrentItem(item)
                return
        raise KeyError(member_id)

    def chosen_member(self) -> str | None:
        item = self.member_list.currentItem()
        return str(item.data(_MEMBER_ROLE)) if item is not None else None

    def _update_button(self) -> None:
        self.choose_button.setEnabled(self.chosen_member() is not None)

    def accept(self) -> None:
        member_id = self.chosen_member()
        if member_id is None:
            return
        try:
            with self._database.session() as session:
                link_member(session, self._mission_id, member_id)
        except FieldnotesError as exc:
            self.problem_label.setText(exc.message)
            self.problem_label.show()
            return
        self.member_linked.emit(member_id)
        super().accept()


def _same_name(a: str, b: str) -> bool:
    return bool(b.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
