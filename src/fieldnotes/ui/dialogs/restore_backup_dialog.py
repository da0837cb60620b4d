"""Restore from backup…: pick a backup (the newest good one is chosen) and put it back.

Shown from the menu (after the window has closed its database) and at start-up when the
integrity check finds the database damaged. The profile's database must not be open while
the dialog restores.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.services.backups import (
    BackupEntry,
    StartupCheck,
    backup_folder,
    list_backups,
    restore_backup,
)
from fieldnotes.store.integrity import check_database
from fieldnotes.store.recovery import RestoreOutcome

_PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def _size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size, 1) // 1024} kB"


class RestoreBackupDialog(QDialog):
    """Lists the profile's backups, newest first; damaged ones cannot be chosen.

    Signals: ``restored(RestoreOutcome)`` once a backup has been put back (then the dialog
    is accepted and :attr:`outcome` holds the same).
    """

    restored = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        startup_check: StartupCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self.outcome: RestoreOutcome | None = None
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.setMinimumSize(560, 360)
        self.intro_label = self._intro(startup_check)
        self.backup_list = self._list()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Problem")
        self.error_label.setStyleSheet("font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "&Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAccessibleName("Restore the chosen backup")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._fill()

    def _intro(self, check: StartupCheck | None) -> QLabel:
        if check is not None and not check.ok:
            text = check.message.replace("\n", "<br>")
        else:
            text = (
                "Choose the backup to go back to. Everything saved after it is replaced; "
                "the current database is kept in the profile's set-aside folder, never deleted."
            )
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText if "<br>" in text else Qt.TextFormat.PlainText)
        return label

    def _list(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName("Backups")
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(["Taken", "Why", "Size", "State"])
        tree.itemSelectionChanged.connect(self._selection_changed)
        tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        return tree

    def _fill(self) -> None:
        entries = list_backups(self._data_dir)
        chosen: QTreeWidgetItem | None = None
        for entry in entries:
            item = self._item(entry)
            self.backup_list.addTopLevelItem(item)
            if chosen is None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                chosen = item
        for column in range(3):
            self.backup_list.resizeColumnToContents(column)
        if chosen is not None:
            self.backup_list.setCurrentItem(chosen)
        else:
            self._show_error(f"No usable backup in {backup_folder(self._data_dir)}.")
        self._selection_changed()

    @staticmethod
    def _item(entry: BackupEntry) -> QTreeWidgetItem:
        good = check_database(entry.path, read_only=True).ok
        item = QTreeWidgetItem(
            [
                entry.local_time_text,
                entry.reason_label,
                _size_text(entry.size),
                "Good" if good else "Damaged",
            ]
        )
        item.setData(0, _PATH_ROLE, str(entry.path))
        item.setToolTip(0, str(entry.path))
        if not good:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        return item

    def selected_backup(self) -> Path | None:
        item = self.backup_list.currentItem()
        if item is None or not item.isSelected():
            return None
        return Path(str(item.data(0, _PATH_ROLE)))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        try:
            self.outcome = restore_backup(self._data_dir, backup)
        except FieldnotesError as exc:
            self._show_error(exc.message)
            return
        self.restored.emit(self.outcome)
        super().accept()
