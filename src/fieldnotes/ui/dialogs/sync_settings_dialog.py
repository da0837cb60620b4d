"""Sync settings…: the shared folder a mission syncs through, its passphrase, automatic sync."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError, ValidationError
from fieldnotes.services.missions import get_mission
from fieldnotes.services.sync_settings import (
    AUTO_SYNC_INTERVAL_SECONDS,
    SyncSettings,
    clean_sync_settings,
    load_sync_settings,
    save_sync_settings,
)
from fieldnotes.store import Database


class SyncSettingsDialog(QDialog):
    """Edits and saves one mission's sync settings on this computer.

    Signals: ``saved(SyncSettings)`` once the settings are written (the dialog is then
    accepted).
    """

    saved = Signal(object)

    def __init__(self, database: Database, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = database.path.parent
        self._mission_id = mission_id
        with database.session() as session:
            title = get_mission(session, mission_id).title
        settings = load_sync_settings(self._data_dir, mission_id)
        self.setWindowTitle("Sync settings")
        self.setAccessibleName("Sync settings")
        self.setMinimumWidth(580)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Keep “{title}” in step with the team through a folder that a sync service "
            "you already use keeps up to date (network share, Nextcloud, OneDrive, "
            "Syncthing). Only package files go there, never your database."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._form(settings))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setStyleSheet("font-weight: bold;")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _form(self, settings: SyncSettings) -> QFormLayout:
        form = QFormLayout()
        self.folder_edit = QLineEdit(str(settings.folder) if settings.folder else "")
        self.folder_edit.setAccessibleName("Shared folder")
        self.folder_edit.setPlaceholderText("Empty: no sync for this mission")
        browse = QPushButton("Bro&wse…")
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow("Shared &folder:", row)
        self.passphrase_edit = QLineEdit(settings.passphrase or "")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.setPlaceholderText("Optional; the same for the whole team")
        form.addRow("&Passphrase:", self.passphrase_edit)
        self.confirm_edit = QLineEdit(settings.passphrase or "")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Passphrase again")
        form.addRow("&Again:", self.confirm_edit)
        minutes = AUTO_SYNC_INTERVAL_SECONDS // 60
        self.automatic_check = QCheckBox(
            f"Sync &automatically every {minutes} minutes while the folder is reachable"
        )
        self.automatic_check.setChecked(settings.automatic)
        form.addRow("", self.automatic_check)
        return form

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose the shared folder", self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def settings(self) -> SyncSettings:
        """The settings as entered; ValidationError when they cannot be used."""
        passphrase = self.passphrase_edit.text()
        if passphrase != self.confirm_edit.text():
            raise ValidationError("The two passphrases differ.")
        return clean_sync_settings(
            self.folder_edit.text(), passphrase, automatic=self.automatic_check.isChecked()
        )

    def accept(self) -> None:
        try:
            settings = self.settings()
            save_sync_settings(self._data_dir, self._mission_id, settings)
        except FieldnotesError as exc:
            self.problem_label.setText(exc.message)
            self.problem_label.show()
            return
        self.saved.emit(settings)
        super().accept()
