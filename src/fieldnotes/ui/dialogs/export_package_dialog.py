"""Export package…: write the mission with this profile's notes to a file for the team.

The package is built and written in the background (atomically: a half-written package
never appears); a passphrase, typed twice, optionally encrypts it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError
from fieldnotes.exchange import encryption
from fieldnotes.exchange.package import PACKAGE_SUFFIX
from fieldnotes.model import Member
from fieldnotes.services.missions import get_mission
from fieldnotes.services.packages import ExportResult, export_package
from fieldnotes.services.profile import linked_member_id
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.passphrase_dialog import ask_new_passphrase
from fieldnotes.ui.workers import CancelToken, ProgressCallback, Runner

log = logging.getLogger(__name__)

FILE_FILTER = f"fieldnotes packages (*{PACKAGE_SUFFIX})"


def default_package_name(mission_title: str, member_name: str, day: dt.date) -> str:
    """``Belarus mission - Anna Virtanen - 2025-05-12.fieldnotes``: who sent what, and when."""
    parts = [mission_title, member_name, day.isoformat()]
    text = " - ".join(p for p in (re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", p) for p in parts) if p)
    return " ".join(text.split()).strip(" .") + PACKAGE_SUFFIX


class ExportPackageDialog(QDialog):
    """Export one mission as a package file.

    ``ask_new_passphrase`` (attribute) asks for the passphrase when protection is chosen;
    tests replace it. ``cost`` is the key derivation cost (tests pass a cheap one).

    Signals: ``exported(ExportResult)`` once the file is written.
    """

    exported = Signal(object)

    def __init__(
        self,
        database: Database,
        mission_id: str,
        *,
        runner: Runner,
        parent: QWidget | None = None,
        cost: encryption.ScryptCost = encryption.DEFAULT_COST,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        self._runner = runner
        self._cost = cost
        self._busy = False
        self.ask_new_passphrase: Callable[[], str | None] = lambda: ask_new_passphrase(self)
        with database.session() as session:
            title = get_mission(session, mission_id).title
            member_id = linked_member_id(session, mission_id)
            member = session.get(Member, member_id) if member_id else None
            member_name = member.name if member else ""
        self.setWindowTitle("Export package")
        self.setAccessibleName("Export package")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"A package holds “{title}” with everything you wrote, for the team lead or a "
            "teammate to merge (Import/merge…). Send it by e-mail or put it in a shared folder."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.file_edit = QLineEdit(
            str(_documents_folder() / default_package_name(title, member_name, dt.date.today()))
        )
        self.file_edit.setAccessibleName("Package file")
        self.file_edit.textChanged.connect(self._file_changed)
        browse = QPushButton("Bro&wse…")
        browse.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        form.addRow("&File:", row)
        self.encrypt_check = QCheckBox("&Protect with a passphrase")
        self.encrypt_check.setToolTip(
            "Recommended when the package goes by e-mail or through a cloud folder."
        )
        form.addRow("", self.encrypt_check)
        layout.addLayout(form)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Export status")
        layout.addWidget(self.status_label)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def _file_changed(self) -> None:
        self.export_button.setEnabled(not self._busy)  # another file: export again

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save package as", self.file_edit.text(), FILE_FILTER
        )
        if path:
            self.file_edit.setText(path if path.endswith(PACKAGE_SUFFIX) else path + PACKAGE_SUFFIX)

    def start_export(self) -> None:
        if self._busy:
            return
        target = self.file_edit.text().strip()
        if not target:
            self.status_label.setText("Choose where to save the package.")
            return
        path = Path(target).expanduser()
        if not path.name.endswith(PACKAGE_SUFFIX):
            path = path.with_name(path.name + PACKAGE_SUFFIX)
        passphrase: str | None = None
        if self.encrypt_check.isChecked():
            passphrase = self.ask_new_passphrase()
            if not passphrase:
                self.status_label.setText("Not exported: no passphrase was chosen.")
                return
        database, mission_id, cost = self._database, self._mission_id, self._cost
        self._set_busy(True)
        self.status_label.setText("Writing the package…")

        def job(_token: CancelToken, _progress: ProgressCallback) -> ExportResult:
            return export_package(database, mission_id, path, passphrase=passphrase, cost=cost)

        self._runner.submit(job, self._exported, self._failed)

    def _exported(self, result: Any) -> None:
        self._set_busy(False)
        protection = "protected with a passphrase" if result.encrypted else "not encrypted"
        self.status_label.setText(f"Saved {result.path} ({result.records} records, {protection}).")
        self.export_button.setEnabled(False)
        self.close_button.setFocus()
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, FieldnotesError):
            self.status_label.setText(error.message)
        elif isinstance(error, OSError):
            self.status_label.setText(
                f"The package cannot be written there: {error.strerror or error}. "
                "Choose another folder."
            )
        else:
            log.error("package export failed", exc_info=error)
            self.status_label.setText(
                "The package could not be written because of an internal error (a bug, not "
                "your mistake); the details are in the log file."
            )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress_bar.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.file_edit.setEnabled(not busy)
        self.encrypt_check.setEnabled(not busy)

    def reject(self) -> None:
        if self._busy:
            return  # the file is being written; it takes a moment and cannot be torn
        super().reject()


def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
