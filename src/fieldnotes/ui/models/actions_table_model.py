"""Follow-up actions as a table: ☐ done · text · owner · due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont

from fieldnotes.ui.models.internal_marking import INTERNAL_TINT, INTERNAL_TOOLTIP, lock_icon
from fieldnotes.ui.models.row_table_model import Index, RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DONE_ROLE = Qt.ItemDataRole.UserRole + 2
INTERNAL_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class ActionRow:
    id: str
    text: str
    owner: str
    due: dt.date | None
    done: bool
    internal: bool = False
    meeting: str = ""


class ActionsTableModel(RowTableModel[ActionRow]):
    """Rows of actions; ticking the box emits ``done_toggled`` for the owner to save.

    Signals: ``done_toggled(action_id: str, done: bool)``.
    """

    DONE, TEXT, OWNER, DUE = range(4)
    HEADERS = ("Done", "Action", "Owner", "Due")

    done_toggled = Signal(str, bool)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TEXT:
                return row.text
            if column == self.OWNER:
                return row.owner
            if column == self.DUE:
                return row.due.strftime("%d %b %Y") if row.due else ""
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DONE:
            return Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.text]
            if row.meeting:
                parts.append(f"Meeting: {row.meeting}")
            if row.internal:
                parts.append(INTERNAL_TOOLTIP)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "done" if row.done else "open"
            return f"{row.text}, {state}" if column == self.DONE else None
        if role == Qt.ItemDataRole.DecorationRole and column == self.TEXT and row.internal:
            return lock_icon()
        if role == Qt.ItemDataRole.BackgroundRole and row.internal:
            return INTERNAL_TINT
        if role == Qt.ItemDataRole.FontRole and row.done and column == self.TEXT:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ID_ROLE:
            return row.id
        if role == DONE_ROLE:
            return row.done
        if role == INTERNAL_ROLE:
            return row.internal
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.DONE
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        row = self._rows[index.row()]
        if row.done == done:
            return True
        self._rows[index.row()] = ActionRow(
            row.id, row.text, row.owner, row.due, done, row.internal, row.meeting
        )
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.DUE))
        self.done_toggled.emit(row.id, done)
        return True
