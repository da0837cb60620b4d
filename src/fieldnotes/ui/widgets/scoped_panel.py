"""A side panel listing records of the mission, or of the meeting shown (actions, counterparts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.store import Database
from fieldnotes.ui.dialogs.confirm_deletion import confirm_deletion
from fieldnotes.ui.dialogs.record_dialog import RecordDialog
from fieldnotes.ui.widgets.scope_switch import ScopeSwitch


class ScopedPanel(QWidget):
    """Heading, "whole mission / this meeting" switch, a list and its tool buttons.

    Subclasses build the list and buttons with the helpers here, and implement
    :meth:`refresh`, :meth:`_select` and :meth:`_update_buttons`.

    Signals: ``changed()`` after every successful write.
    """

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.mission_id: str | None = None
        self.meeting_id: str | None = None
        # Tests replace this to answer the question without a modal box.
        self.confirm_deletion: Callable[[QWidget | None, str, str], bool] = confirm_deletion
        self._dialog: RecordDialog | None = None

    # construction

    def _heading_bar(self, title: str, scope_name: str) -> QHBoxLayout:
        """The bold ``heading`` and the ``scope`` switch, side by side."""
        self.heading = QLabel(title)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.scope = ScopeSwitch()
        self.scope.setAccessibleName(scope_name)
        # A bound method, not a lambda: a lambda here made PySide 6.12 crash at exit.
        self.scope.scope_changed.connect(self._scope_changed)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.scope)
        return top

    def _scope_changed(self, meeting_only: bool) -> None:
        self.refresh()

    def _tool_button(self, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text.replace("+ ", "Add ").rstrip("…"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _add_key_actions(
        view: QAbstractItemView, entries: Iterable[tuple[str, str, Callable[[], None]]]
    ) -> None:
        """Keys of the list, also offered in its context menu: (text, keys, slot) each."""
        for text, keys, slot in entries:
            action = QAction(text, view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            view.addAction(action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _lay_out(
        self, top: QHBoxLayout, view: QAbstractItemView, buttons: Iterable[QToolButton]
    ) -> None:
        """Heading bar above the list, tool buttons below; buttons follow the selection."""
        row = QHBoxLayout()
        row.setSpacing(2)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(view, 1)
        layout.addLayout(row)
        view.selectionModel().selectionChanged.connect(self._update_buttons)

    # public interface

    def set_mission(self, mission_id: str | None) -> None:
        if mission_id != self.mission_id:
            self.mission_id = mission_id
            self.meeting_id = None
        self.refresh()

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def set_scope(self, mission_id: str | None, meeting_id: str | None) -> None:
        """Show ``meeting_id`` of ``mission_id`` (None: no meeting), reading the list once."""
        self.mission_id = mission_id
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    # subclasses

    def _select(self, record_id: str) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    # dialogs

    def _open(self, dialog: RecordDialog) -> None:
        self._dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, record_id: str) -> None:
        self.refresh()
        self._select(record_id)
        self.changed.emit()
