"""Counterparts as a two-level tree: organisations ▸ the people met there."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from fieldnotes.ui.models.internal_marking import INTERNAL_TINT, INTERNAL_TOOLTIP, lock_icon
from fieldnotes.ui.models.row_table_model import header_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "organisation" or "contact"
INTERNAL_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

ORGANISATION = "organisation"
CONTACT = "contact"


@dataclass(frozen=True)
class ContactRow:
    id: str
    name: str
    position: str = ""
    internal: bool = False


@dataclass(frozen=True)
class OrganisationRow:
    """An organisation and its people; ``id`` None groups people of no organisation."""

    id: str | None
    name: str
    acronym: str = ""
    kind: str = ""
    contacts: tuple[ContactRow, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


# An index's internal id says where it lives: 0 for an organisation, parent row + 1 for a
# person. Plain integers, so no Python object has to outlive the index.
_TOP = 0


class CounterpartsTreeModel(QAbstractItemModel):
    NAME, DETAIL = range(2)
    HEADERS = ("Name", "Position / kind")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganisationRow] = []

    def set_rows(self, rows: list[OrganisationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def index_of(self, record_id: str) -> QModelIndex:
        """The index (first column) showing an organisation or a person, or an invalid one."""
        for i, organisation in enumerate(self._rows):
            if organisation.id == record_id:
                return self.index(i, 0)
            for j, contact in enumerate(organisation.contacts):
                if contact.id == record_id:
                    return self.index(j, 0, self.index(i, 0))
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._rows[parent.row()].contacts)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def _item(self, index: Index) -> OrganisationRow | ContactRow:
        if index.internalId() == _TOP:
            return self._rows[index.row()]
        return self._rows[index.internalId() - 1].contacts[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._item(index)
        if isinstance(item, OrganisationRow):
            return self._organisation_data(item, index.column(), role)
        return self._contact_data(item, index.column(), role)

    def _organisation_data(self, item: OrganisationRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title if column == self.NAME else item.kind
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{item.kind}" if item.kind else item.title
        if role == Qt.ItemDataRole.FontRole and column == self.NAME:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return ORGANISATION
        if role == INTERNAL_ROLE:
            return False
        return None

    def _contact_data(self, item: ContactRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DETAIL:
                return item.position
            # Narrow panels show only the first column: the position rides along.
            return f"{item.name} · {item.position}" if item.position else item.name
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{item.name}, {item.position}" if item.position else item.name
            return f"{text}\n{INTERNAL_TOOLTIP}" if item.internal else text
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.NAME:
            return f"{item.name} (internal)" if item.internal else item.name
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME and item.internal:
            return lock_icon()
        if role == Qt.ItemDataRole.BackgroundRole and item.internal:
            return INTERNAL_TINT
        if role == ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return CONTACT
        if role == INTERNAL_ROLE:
            return item.internal
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return header_label(self.HEADERS, section, orientation, role)
