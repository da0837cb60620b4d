"""The mission navigator: mission ▸ days ▸ meetings, then mission notes, counterparts, actions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from fieldnotes.model import Meeting, MeetingKind, MeetingStatus, label
from fieldnotes.services.itinerary import itinerary_by_day
from fieldnotes.services.missions import get_mission
from fieldnotes.store import Database
from fieldnotes.ui.icons import icon
from fieldnotes.ui.models.navigator_model import (
    DayRow,
    Entry,
    MeetingRow,
    NavigatorModel,
    Role,
)

_SECTION_ICONS = {
    Entry.OVERVIEW: "overview",
    Entry.MISSION_NOTES: "note",
    Entry.COUNTERPARTS: "people",
    Entry.ACTIONS: "action",
}


class _MeetingDelegate(QStyledItemDelegate):
    """Meetings on two lines: the title, then time and kind in smaller, muted text."""

    def _is_meeting(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.data(Role.ENTRY) == Entry.MEETING

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        if self._is_meeting(index):
            return QSize(size.width(), metrics.height() * 2 + 7)
        return QSize(size.width(), max(size.height(), metrics.height() + 8))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not self._is_meeting(index):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(role)
        muted = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = opt.rect.adjusted(6, 3, -6, -3)
        title_font = QFont(opt.font)
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() - 1.0, 7.0))
        small.setStrikeOut(False)
        line = QFontMetrics(title_font).height()
        painter.save()
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title = str(index.data(Role.TITLE) or "")
        elided = QFontMetrics(title_font).elidedText(
            title, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, elided)
        painter.setFont(small)
        painter.setPen(muted)
        details = str(index.data(Role.DETAILS) or "")
        painter.drawText(
            QRect(rect.left(), rect.top() + line + 1, rect.width(), line),
            0,
            QFontMetrics(small).elidedText(details, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class NavigatorView(QTreeView):
    """The navigator tree of the current mission.

    Signals:
        meeting_selected(str): a meeting was chosen (its id).
        section_selected(str): the overview, mission notes, counterparts or actions were
            chosen (an ``Entry`` value).
    """

    meeting_selected = Signal(str)
    section_selected = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id: str | None = None
        self._quiet = False
        self.navigator_model = NavigatorModel(self)
        self.navigator_model.set_icons({e: icon(name) for e, name in _SECTION_ICONS.items()})
        self.setModel(self.navigator_model)
        self.setItemDelegate(_MeetingDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIndentation(14)
        self.setAccessibleName("Mission navigator")
        self.setObjectName("navigator")
        self.selectionModel().currentChanged.connect(self._current_changed)

    def set_mission(self, mission_id: str | None) -> None:
        self._mission_id = mission_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the programme, keeping the selected row when it still exists."""
        selected = self.current_entry()
        if self._mission_id is None:
            self.navigator_model.clear()
            return
        with self._database.session() as session:
            mission = get_mission(session, self._mission_id)
            title = mission.title
            days = [
                DayRow(day.date, tuple(_meeting_row(m) for m in day.meetings))
                for day in itinerary_by_day(session, self._mission_id)
            ]
        self._quiet = True
        try:
            self.navigator_model.set_rows(self._mission_id, title, days)
            self.expandAll()
            if selected is not None:
                self.select_entry(*selected, emit=False)
        finally:
            self._quiet = False

    def current_entry(self) -> tuple[str, str] | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(Role.ENTRY)), str(index.data(Role.RECORD_ID))

    def select_meeting(self, meeting_id: str, *, emit: bool = True) -> bool:
        index = self.navigator_model.meeting_index(meeting_id)
        return self._select(index, emit)

    def select_entry(self, entry: str, record_id: str = "", *, emit: bool = True) -> bool:
        if entry == Entry.MEETING:
            return self.select_meeting(record_id, emit=emit)
        return self._select(self.navigator_model.entry_index(entry), emit)

    def set_current_meeting(self, meeting_id: str | None) -> None:
        self.navigator_model.set_current_meeting(meeting_id)

    def _select(self, index: QModelIndex, emit: bool) -> bool:
        if not index.isValid():
            return False
        quiet, self._quiet = self._quiet, self._quiet or not emit
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._quiet = quiet
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        entry = current.data(Role.ENTRY)
        if entry == Entry.MEETING:
            self.meeting_selected.emit(str(current.data(Role.RECORD_ID)))
        elif entry != Entry.DAY:
            self.section_selected.emit(str(entry))

    def sizeHint(self) -> QSize:
        return QSize(260, 400)


def _meeting_row(meeting: Meeting) -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        title=meeting.title,
        kind=label(meeting.kind),
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        internal=meeting.kind == MeetingKind.INTERNAL,
    )
