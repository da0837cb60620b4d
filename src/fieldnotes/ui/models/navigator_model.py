"""The mission navigator's tree: mission ▸ days ▸ meetings, then the mission-wide sections.

The model holds plain rows (:class:`MeetingRow`, :class:`DayRow`) set with :meth:`set_rows`;
it never sees a database session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

ModelIndex = QModelIndex | QPersistentModelIndex


class Entry:
    """What a navigator row stands for (its ``ENTRY_ROLE`` value)."""

    OVERVIEW = "overview"
    DAY = "day"
    MEETING = "meeting"
    MISSION_NOTES = "mission_notes"
    COUNTERPARTS = "counterparts"
    ACTIONS = "actions"


# The mission-wide sections after the programme, in display order.
SECTIONS = (
    (Entry.MISSION_NOTES, "Mission notes"),
    (Entry.COUNTERPARTS, "Counterparts"),
    (Entry.ACTIONS, "Actions"),
)


class Role(IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1  # an Entry value
    RECORD_ID = Qt.ItemDataRole.UserRole + 2  # meeting id (meetings), mission id (overview)
    TIME = Qt.ItemDataRole.UserRole + 3  # "09:00" or "" (meetings)
    KIND = Qt.ItemDataRole.UserRole + 4  # "Site visit" ... (meetings)
    TITLE = Qt.ItemDataRole.UserRole + 5  # the title without the time
    DETAILS = Qt.ItemDataRole.UserRole + 6  # "09:00–10:30 · Site visit" (meetings)


@dataclass(frozen=True)
class MeetingRow:
    id: str
    start_time: dt.time | None
    end_time: dt.time | None
    title: str
    kind: str  # human label
    cancelled: bool = False
    internal: bool = False  # an internal team session


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    meetings: tuple[MeetingRow, ...]


@dataclass(eq=False)
class _Node:
    entry: str
    text: str
    record_id: str = ""
    meeting: MeetingRow | None = None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0
    uid: int = -1  # position in NavigatorModel._nodes: the index's internal id


def day_label(date: dt.date) -> str:
    """``Mon 12 May`` (English names: the window's language)."""
    return f"{date:%a} {date.day} {date:%b}"


def time_span(meeting: MeetingRow) -> str:
    if meeting.start_time is None:
        return ""
    if meeting.end_time is None:
        return f"{meeting.start_time:%H:%M}"
    return f"{meeting.start_time:%H:%M}–{meeting.end_time:%H:%M}"


class NavigatorModel(QAbstractItemModel):
    """Tree model of one mission's navigator; empty until :meth:`set_rows`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(Entry.OVERVIEW, "")
        # Qt indexes carry an integer id; this list maps it back to the node.
        self._nodes: list[_Node] = []
        self._current_meeting_id: str | None = None
        self._icons: dict[str, QIcon] = {}

    # -- filling ------------------------------------------------------------------------

    def set_rows(self, mission_id: str, mission_title: str, days: list[DayRow]) -> None:
        """Show one mission: its overview entry holding the days, then the sections."""
        self.beginResetModel()
        root = _Node(Entry.OVERVIEW, "")
        mission = self._add(root, _Node(Entry.OVERVIEW, mission_title, record_id=mission_id))
        for day in days:
            day_node = self._add(mission, _Node(Entry.DAY, day_label(day.date)))
            for meeting in day.meetings:
                self._add(
                    day_node,
                    _Node(Entry.MEETING, meeting.title, record_id=meeting.id, meeting=meeting),
                )
        for entry, text in SECTIONS:
            self._add(root, _Node(entry, text, record_id=mission_id))
        self._root = root
        self._nodes = []
        self._register(root)
        self.endResetModel()

    def set_icons(self, icons: dict[str, QIcon]) -> None:
        """Icons of the overview and section rows, by ``Entry`` value."""
        self._icons = dict(icons)

    def clear(self) -> None:
        self.beginResetModel()
        self._root = _Node(Entry.OVERVIEW, "")
        self._nodes = []
        self.endResetModel()

    def set_current_meeting(self, meeting_id: str | None) -> None:
        """Mark the meeting happening now (shown in bold)."""
        previous, self._current_meeting_id = self._current_meeting_id, meeting_id
        for record_id in {previous, meeting_id} - {None}:
            index = self.meeting_index(record_id or "")
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.FontRole])

    @staticmethod
    def _add(parent: _Node, node: _Node) -> _Node:
        node.parent = parent
        node.row = len(parent.children)
        parent.children.append(node)
        return node

    def _register(self, node: _Node) -> None:
        for child in node.children:
            child.uid = len(self._nodes)
            self._nodes.append(child)
            self._register(child)

    # -- lookup -------------------------------------------------------------------------

    def _node(self, index: ModelIndex) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.uid)

    def meeting_index(self, meeting_id: str) -> QModelIndex:
        for node in self._nodes:
            if node.entry == Entry.MEETING and node.record_id == meeting_id:
                return self._index_of(node)
        return QModelIndex()

    def entry_index(self, entry: str) -> QModelIndex:
        """The first row of kind ``entry`` (overview or a section)."""
        for node in self._nodes:
            if node.entry == entry:
                return self._index_of(node)
        return QModelIndex()

    # -- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].uid)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        if node.parent is None:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        meeting = node.meeting
        if role == Qt.ItemDataRole.DisplayRole:
            if meeting is not None and meeting.start_time is not None:
                return f"{meeting.start_time:%H:%M}  {node.text}"
            return node.text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if meeting is None:
                return node.text
            parts = [time_span(meeting), meeting.title, meeting.kind]
            if meeting.cancelled:
                parts.append("cancelled")
            return " · ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(node)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(node.entry) if node.parent is self._root else None
        if role == Role.ENTRY:
            return node.entry
        if role == Role.RECORD_ID:
            return node.record_id
        if role == Role.TITLE:
            return node.text
        if role == Role.TIME:
            return f"{meeting.start_time:%H:%M}" if meeting and meeting.start_time else ""
        if role == Role.KIND:
            return meeting.kind if meeting else ""
        if role == Role.DETAILS:
            return " · ".join(p for p in (time_span(meeting), meeting.kind) if p) if meeting else ""
        return None

    def _font(self, node: _Node) -> QFont | None:
        meeting = node.meeting
        if node.entry == Entry.OVERVIEW or (
            meeting is not None and meeting.id == self._current_meeting_id
        ):
            font = QFont()
            font.setBold(True)
            return font
        if meeting is not None and meeting.cancelled:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None
