"""A checkable list of records to choose several of (organisations met, members attending)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from fieldnotes.ui.models.internal_marking import INTERNAL_TINT, INTERNAL_TOOLTIP, lock_icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ChoiceRow:
    id: str
    label: str
    checked: bool = False
    detail: str = ""
    internal: bool = False


class ChoiceListModel(QAbstractListModel):
    """Rows with a check box; a toggle by the user emits ``choice_toggled``.

    Signals: ``choice_toggled(record_id: str, checked: bool)``.
    """

    choice_toggled = Signal(str, bool)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChoiceRow] = []

    def set_rows(self, rows: list[ChoiceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        return [r.id for r in self._rows if r.checked]

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.label} — {row.detail}" if row.detail else row.label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and row.internal:
            return INTERNAL_TOOLTIP
        if role == Qt.ItemDataRole.DecorationRole and row.internal:
            return lock_icon()
        if role == Qt.ItemDataRole.BackgroundRole and row.internal:
            return INTERNAL_TINT
        if role == ID_ROLE:
            return row.id
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        row = self._rows[index.row()]
        if row.checked != checked:
            self._rows[index.row()] = replace(row, checked=checked)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.choice_toggled.emit(row.id, checked)
        return True
