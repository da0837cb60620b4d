"""Conflicts…: the conflicts view in a window of its own, opened from the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from fieldnotes.store import Database
from fieldnotes.ui.widgets.conflicts_view import ConflictsView


class ConflictsDialog(QDialog):
    """Hosts a :class:`ConflictsView`; its ``changed`` signal is the view's."""

    def __init__(self, database: Database, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conflicts")
        self.setAccessibleName("Conflicts")
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        self.view = ConflictsView(database, mission_id, self)
        self.changed = self.view.changed
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
