"""The mission team as a table: name, country, institution, role, e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fieldnotes.model import Member, label

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    country: str
    institution: str
    role: str
    email: str

    @classmethod
    def of(cls, member: Member) -> MemberRow:
        return cls(
            member.id,
            member.name,
            member.country,
            member.institution,
            label(member.role),
            member.email,
        )


class TeamTableModel(QAbstractTableModel):
    NAME, COUNTRY, INSTITUTION, ROLE, EMAIL = range(5)
    HEADERS = ("Name", "Country", "Institution", "Role", "E-mail")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRow] = []

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> MemberRow:
        return self._rows[row]

    def row_of(self, member_id: str) -> int:
        """The row showing ``member_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == member_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.name, row.country, row.institution, row.role, row.email)[index.column()]
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None
