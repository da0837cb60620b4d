"""Input widgets the forms share: optional dates and times, text that commits on leaving,
and the host time-zone chooser."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QPlainTextEdit, QTimeEdit, QWidget

# The smallest value of an optional date or time edit stands for "not set": Qt shows the
# special value text there, and nobody schedules a mission in 1900 or a meeting at 00:00.
_NO_DATE = QDate(1900, 1, 1)
_NO_TIME = QTime(0, 0)
ZONE_FIELD_CHARS = 22  # "America/Argentina/Salta" fits; longer zones scroll


class OptionalDateEdit(QDateEdit):
    """A date with a calendar pop-up that may also be "not set" (its minimum)."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str = "Not set") -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(none_text)
        self.setDate(_NO_DATE)
        # Opening the calendar on an unset date should show this month, not January 1900.
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == _NO_DATE else date.toPython()  # type: ignore[return-value]

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(QDate(value) if value else _NO_DATE)


class OptionalTimeEdit(QTimeEdit):
    """A 24-hour time that may be "no time" (00:00, its minimum)."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str = "--:--") -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(_NO_TIME)
        self.setSpecialValueText(none_text)
        self.setTime(_NO_TIME)

    def value(self) -> dt.time | None:
        time = self.time()
        return None if time == _NO_TIME else time.toPython()  # type: ignore[return-value]

    def set_value(self, value: dt.time | None) -> None:
        self.setTime(QTime(value.hour, value.minute) if value else _NO_TIME)


class CommitPlainTextEdit(QPlainTextEdit):
    """Multi-line text that says when the user is done with it (focus leaves after a change).

    Tab moves focus on, so that keyboard users are not trapped in the field.

    Signals: ``editing_finished()``.
    """

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def set_text(self, text: str) -> None:
        """Replace the text without it counting as the user's edit."""
        self.setPlainText(text)
        self.document().setModified(False)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.editing_finished.emit()


class TimezoneCombo(QComboBox):
    """An editable list of IANA zones; typing "minsk" offers Europe/Minsk.

    The ~600 zones are listed when the user first reaches the field (focus, pop-up, wheel),
    not when a form is built: reading them and filling the list costs the window's start-up
    several milliseconds for a field most people never open. The zone shown is plain text
    until then, so ``zone()`` and ``set_zone()`` do not need the list.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # The width the longest zones need, with or without the list filled in.
        self.setMinimumContentsLength(ZONE_FIELD_CHARS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._listed = False

    def zone(self) -> str:
        return self.currentText().strip()

    def set_zone(self, name: str) -> None:
        index = self.findText(name) if self._listed else -1
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(name)

    def list_zones(self) -> None:
        """Fill in the list of zones (once), keeping the zone shown."""
        if self._listed:
            return
        self._listed = True
        shown = self.currentText()
        self.blockSignals(True)  # filling the list is no choice of the user's
        try:
            self.addItems(sorted(zoneinfo.available_timezones()))
            self.set_zone(shown)
        finally:
            self.blockSignals(False)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.list_zones()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.list_zones()
        super().showPopup()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.list_zones()
        super().wheelEvent(event)
