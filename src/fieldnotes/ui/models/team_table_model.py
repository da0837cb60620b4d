"""The mission team as a table: name, country, institution, role, e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from fieldnotes.model import Member, label
from fieldnotes.ui.models.row_table_model import Index, RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


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


class TeamTableModel(RowTableModel[MemberRow]):
    NAME, COUNTRY, INSTITUTION, ROLE, EMAIL = range(5)
    HEADERS = ("Name", "Country", "Institution", "Role", "E-mail")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.name, row.country, row.institution, row.role, row.email)[index.column()]
        if role == ID_ROLE:
            return row.id
        return None
