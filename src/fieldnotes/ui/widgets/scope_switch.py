"""The "This meeting / Whole mission" switch of the side panels."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget


class ScopeSwitch(QWidget):
    """Two exclusive buttons; "This meeting" is only offered while a meeting is shown.

    The user's last choice is remembered: showing a meeting returns to it.

    Signals: ``scope_changed(meeting_only: bool)``.
    """

    scope_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_button = QToolButton()
        self.meeting_button.setText("This meeting")
        self.mission_button = QToolButton()
        self.mission_button.setText("Whole mission")
        group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for button in (self.meeting_button, self.mission_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            group.addButton(button)
            layout.addWidget(button)
        self.mission_button.setChecked(True)
        self._prefer_meeting = True
        self.meeting_button.clicked.connect(self._chosen)
        self.mission_button.clicked.connect(self._chosen)

    def _chosen(self) -> None:
        # Only the user's clicks count: the owner changes the buttons while reloading.
        self._prefer_meeting = self.meeting_button.isChecked()
        self.scope_changed.emit(self._prefer_meeting)

    def choose(self, *, meeting_only: bool) -> None:
        """Switch scope as if the user had clicked; no signal (the caller reloads)."""
        self._prefer_meeting = meeting_only
        (self.meeting_button if meeting_only else self.mission_button).setChecked(True)

    @property
    def meeting_only(self) -> bool:
        return self.meeting_button.isEnabled() and self.meeting_button.isChecked()

    def set_meeting_available(self, available: bool) -> None:
        """Offer "This meeting" or not; no signal is emitted (the owner reloads anyway)."""
        self.meeting_button.setEnabled(available)
        meeting_only = available and self._prefer_meeting
        (self.meeting_button if meeting_only else self.mission_button).setChecked(True)
