"""Import/merge…: choose packages from teammates, see what each would change, merge them.

Every package is read, validated and previewed in the background before anything is
written (an encrypted one asks for its passphrase, again when it was wrong). Import then
merges one package after the other, each in its own transaction after a backup; one that
would delete a large share of a mission asks first. After a mission new on this computer,
the user picks which team member they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldnotes.errors import FieldnotesError, MassDeleteError, PassphraseError
from fieldnotes.exchange.package_content import PackageContent
from fieldnotes.services.packages import (
    ImportResult,
    ImportSummary,
    check_mass_delete,
    import_content,
    preview_import,
    read_package,
)
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.member_picker_dialog import MemberPickerDialog
from fieldnotes.ui.dialogs.passphrase_dialog import ask_passphrase
from fieldnotes.ui.workers import CancelToken, ProgressCallback, Runner

log = logging.getLogger(__name__)

FILE_FILTER = "fieldnotes packages (*.fieldnotes);;All files (*)"
COLUMNS = ("File", "From", "Mission", "Added", "Updated", "Deleted", "Conflicts", "Status")
INTERNAL_ERROR = (
    "An internal error stopped this package (a bug, not your mistake); the details are in "
    "the log file. Nothing of it was imported."
)


class State(Enum):
    WAITING = "Waiting to be checked"
    CHECKING = "Checking…"
    READY = "Ready to merge"
    FAILED = "Cannot be imported"
    SKIPPED = "Not imported"
    IMPORTING = "Merging…"
    IMPORTED = "Merged"


@dataclass
class PackageItem:
    """One chosen file and what is known about it so far."""

    path: Path
    state: State = State.WAITING
    passphrase: str | None = None
    content: PackageContent | None = None
    summary: ImportSummary | None = None
    mass_delete: str = ""  # the warning when the import would delete many records
    allow_mass_delete: bool = False
    message: str = ""
    sender: str = ""  # the member who exported the package, as the manifest names them
    result: ImportResult | None = None


class ImportPackageDialog(QDialog):
    """Preview and merge of package files into this profile.

    ``mission_id`` is the mission the window shows (packages of other missions are marked);
    ``runner`` runs reading, checking and merging off the GUI thread. The questions the
    dialog asks are attributes, so tests can answer them: :attr:`choose_files`,
    :attr:`ask_passphrase`, :attr:`confirm_mass_delete` and :attr:`pick_member`.

    Signals: ``imported(list[ImportResult])`` once the chosen packages have been merged.
    """

    imported = Signal(object)

    def __init__(
        self,
        database: Database,
        mission_id: str | None,
        *,
        runner: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._mission_id = mission_id
        self._runner = runner
        self.items: list[PackageItem] = []
        self._passphrase: str | None = None  # the last one that opened a package
        self._busy = False
        self._importing = False
        self._stop_requested = False
        self._queue: list[PackageItem] = []
        self._import_total = 0
        self.results: list[ImportResult] = []
        self.choose_files: Callable[[], list[Path]] = self._choose_files
        self.ask_passphrase: Callable[[str, str], str | None] = lambda name, problem: (
            ask_passphrase(self, name, problem)
        )
        self.confirm_mass_delete: Callable[[str], bool] = self._confirm_mass_delete
        self.pick_member: Callable[[str], bool] = self._pick_member
        self.setWindowTitle("Import and merge packages")
        self.setAccessibleName("Import and merge packages")
        self.resize(900, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Merge the packages your teammates sent. Each one is checked first; nothing "
            "changes until you press Import, and a backup of your database is taken before "
            "each merge. Edits made on two laptops at once are kept as conflicts, never lost."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._file_row())
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.status_label = QLabel("Choose one or more package files (.fieldnotes).")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Import status")
        layout.addWidget(self.status_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Import progress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        layout.addWidget(self._buttons())
        self._update_controls()

    # -- construction ------------------------------------------------------------------------

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add packages…")
        self.add_button.clicked.connect(lambda: self.add_files(self.choose_files()))
        row.addWidget(self.add_button)
        row.addStretch(1)
        return row

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setAccessibleName("Packages")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        return table

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        return self.buttons

    # -- the questions (replaced in tests) ---------------------------------------------------

    def _choose_files(self) -> list[Path]:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        names, _filter = QFileDialog.getOpenFileNames(
            self, "Choose packages to merge", folder, FILE_FILTER
        )
        return [Path(name) for name in names]

    def _confirm_mass_delete(self, message: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Many deletions")
        box.setText("This package deletes a large part of the mission.")
        box.setInformativeText(message)
        merge = box.addButton("&Import anyway", QMessageBox.ButtonRole.DestructiveRole)
        skip = box.addButton("&Skip this package", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(skip)
        box.setEscapeButton(skip)
        box.exec()
        return box.clickedButton() is merge

    def _pick_member(self, mission_id: str) -> bool:
        dialog = MemberPickerDialog(self._database, mission_id, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- checking ----------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        """Add packages to the list and check them (one after the other, in the background)."""
        known = {item.path.resolve() for item in self.items}
        for path in paths:
            if path.resolve() in known:
                continue
            known.add(path.resolve())
            self.items.append(PackageItem(path))
            self.table.insertRow(self.table.rowCount())
            self._show_item(self.items[-1])
        self._check_next()

    def _check_next(self) -> None:
        if self._busy or self._importing:
            return
        item = next((i for i in self.items if i.state is State.WAITING), None)
        if item is None:
            self._show_overview()
            self._update_controls()
            return
        passphrase = item.passphrase or self._passphrase
        database, path = self._database, item.path
        item.state = State.CHECKING
        self._show_item(item)
        self._set_busy(True, f"Checking {path.name}…")

        def job(_token: CancelToken, _progress: ProgressCallback) -> Any:
            content = read_package(path, passphrase)
            return content, preview_import(database, content)

        self._runner.submit(
            job,
            lambda result: self._checked(item, passphrase, result),
            lambda error: self._check_failed(item, passphrase, error),
        )

    def _checked(self, item: PackageItem, passphrase: str | None, result: Any) -> None:
        self._set_busy(False)
        item.content, item.summary = result
        item.sender = item.content.manifest.member_name or "—"
        item.passphrase = passphrase
        if passphrase:
            self._passphrase = passphrase
        try:
            check_mass_delete(item.summary)
        except MassDeleteError as exc:
            item.mass_delete = exc.message
        item.state = State.READY
        self._show_item(item)
        self._check_next()

    def _check_failed(
        self, item: PackageItem, passphrase: str | None, error: BaseException
    ) -> None:
        self._set_busy(False)
        if isinstance(error, PassphraseError):
            problem = (
                "That passphrase did not open it: it is wrong, or the file was damaged or "
                "changed on the way. Try again, or ask the sender."
                if passphrase
                else ""
            )
            given = self.ask_passphrase(item.path.name, problem)
            if given:
                item.passphrase = given
                item.state = State.WAITING
                if passphrase == self._passphrase:
                    self._passphrase = None  # it did not open this one; others may differ
            else:
                item.state = State.SKIPPED
                item.message = "Encrypted, and no passphrase was given."
        else:
            _mark_failed(item, error, "checking")
        self._show_item(item)
        self._check_next()

    # -- importing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        """Merge every package that is ready, one after the other."""
        ready = [i for i in self.items if i.state is State.READY]
        if self._busy or not ready:
            return
        for item in ready:
            if item.mass_delete and not item.allow_mass_delete:
                if self.confirm_mass_delete(item.mass_delete):
                    item.allow_mass_delete = True
                else:
                    self._skip_mass_delete(item)
        self._queue = [i for i in ready if i.state is State.READY]
        self._import_total = len(self._queue)
        self._stop_requested = False
        self._importing = True
        self._import_next()

    def _skip_mass_delete(self, item: PackageItem) -> None:
        item.state = State.SKIPPED
        item.message = "You chose not to apply its deletions; nothing of it was imported."
        self._show_item(item)

    def _import_next(self) -> None:
        if self._stop_requested or not self._queue:
            self._import_finished()
            return
        item = self._queue.pop(0)
        done = self._import_total - len(self._queue) - 1
        content = item.content
        assert content is not None
        database, allow = self._database, item.allow_mass_delete
        source = item.path.name
        item.state = State.IMPORTING
        self._show_item(item)
        self._set_busy(True, f"Merging {source}…")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(int(100 * done / max(self._import_total, 1)))

        def job(_token: CancelToken, _progress: ProgressCallback) -> ImportResult:
            return import_content(database, content, source=source, allow_mass_delete=allow)

        self._runner.submit(
            job,
            lambda result: self._imported_one(item, result),
            lambda error: self._import_failed(item, error),
        )

    def _imported_one(self, item: PackageItem, result: ImportResult) -> None:
        self._set_busy(False)
        item.result = result
        item.summary = result.summary
        item.state = State.IMPORTED
        item.content = None  # the records are in the database now; free the memory
        self.results.append(result)
        self._show_item(item)
        self._import_next()

    def _import_failed(self, item: PackageItem, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, MassDeleteError):
            # An earlier package of this round changed the picture the preview showed.
            if self.confirm_mass_delete(error.message):
                item.allow_mass_delete = True
                item.state = State.READY
                self._queue.insert(0, item)
            else:
                self._skip_mass_delete(item)
        else:
            _mark_failed(item, error, "importing")
        self._show_item(item)
        self._import_next()

    def _import_finished(self) -> None:
        self._importing = False
        self.progress_bar.hide()
        results = [i.result for i in self.items if i.result is not None]
        self.status_label.setText(import_report(results, stopped=self._stop_requested))
        self._queue = []
        asked: set[str] = set()
        for result in results:
            mission_id = result.summary.mission_id
            if result.needs_member and mission_id not in asked:
                asked.add(mission_id)
                self.pick_member(mission_id)
        self._update_controls()
        if results:
            self.imported.emit(list(self.results))
            self.results = []

    # -- showing -----------------------------------------------------------------------------

    def _show_item(self, item: PackageItem) -> None:
        row = self.items.index(item)
        summary = item.summary
        mission = ""
        if summary is not None:
            mission = summary.mission_title
            if summary.new_mission and item.state is not State.IMPORTED:
                mission += " (new on this computer)"
            elif self._mission_id is not None and summary.mission_id != self._mission_id:
                mission += " (another mission)"
        counts = (
            [str(summary.added), str(summary.updated), str(summary.deleted), str(summary.conflicts)]
            if summary is not None and item.state in (State.READY, State.IMPORTED)
            else ["", "", "", ""]
        )
        cells = [item.path.name, item.sender, mission, *counts, self._status_text(item)]
        tips = {0: str(item.path), len(COLUMNS) - 1: item.mass_delete or item.message}
        for column, text in enumerate(cells):
            cell = self.table.item(row, column)
            if cell is None:
                cell = QTableWidgetItem()
                self.table.setItem(row, column, cell)
            cell.setText(text)
            cell.setToolTip(tips.get(column, ""))
        self.table.resizeRowToContents(row)

    def _status_text(self, item: PackageItem) -> str:
        if item.state is State.READY:
            if item.mass_delete:
                return "Ready, but deletes much of the mission: you will be asked first"
            if item.summary is not None and not item.summary.changed:
                return "Nothing new: already merged"
        if item.message:
            return f"{item.state.value}: {item.message}"
        return item.state.value

    def _show_overview(self) -> None:
        ready = [i for i in self.items if i.state is State.READY]
        if self._importing or any(i.state is State.IMPORTED for i in self.items):
            return
        if not self.items:
            return
        if not ready:
            self.status_label.setText("No package can be imported; the list says why.")
            return
        conflicts = sum(i.summary.conflicts for i in ready if i.summary is not None)
        text = (
            f"{len(ready)} package{'s' if len(ready) != 1 else ''} ready. Press Import to "
            "merge; the numbers show what each would change in your data as it is now."
        )
        if conflicts:
            text += (
                f" {conflicts} edit{'s' if conflicts != 1 else ''} made at the same time as "
                "yours will be kept as conflicts for you to settle (Conflicts view)."
            )
        self.status_label.setText(text)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if busy:
            self.status_label.setText(text)
            if not self._importing:
                self.progress_bar.setRange(0, 0)  # reading and checking: no steps to count
            self.progress_bar.show()
        elif not self._importing:
            self.progress_bar.hide()
        self._update_controls()

    def _update_controls(self) -> None:
        working = self._busy or self._importing
        self.add_button.setEnabled(not working)
        ready = any(i.state is State.READY for i in self.items)
        self.import_button.setEnabled(ready and not working)
        self.close_button.setText("Stop after this package" if self._importing else "Close")

    def reject(self) -> None:
        """Close, or while merging, stop after the package being merged (it is not torn)."""
        if self._importing:
            self._stop_requested = True
            self.status_label.setText("Stopping after the package being merged…")
            return
        if self._busy:
            return  # a check is running; it ends on its own in a moment
        super().reject()


def import_report(results: list[ImportResult], *, stopped: bool = False) -> str:
    """What a round of imports did, in one short paragraph."""
    if not results:
        return "Nothing was imported." if not stopped else "Stopped; nothing was imported."
    added = sum(r.summary.added for r in results)
    updated = sum(r.summary.updated for r in results)
    deleted = sum(r.summary.deleted for r in results)
    conflicts = sum(r.summary.conflicts for r in results)
    count = len(results)
    text = (
        f"Merged {count} package{'s' if count != 1 else ''}: {added} added, {updated} updated, "
        f"{deleted} deleted"
    )
    text += (
        f", {conflicts} conflict{'s' if conflicts != 1 else ''} to settle in the Conflicts view."
        if conflicts
        else "."
    )
    if stopped:
        text += " Stopped before the remaining packages."
    return text


def _mark_failed(item: PackageItem, error: BaseException, doing: str) -> None:
    """A user's error shows its message; anything else is a bug, logged with its traceback."""
    item.state = State.FAILED
    if isinstance(error, FieldnotesError):
        item.message = error.message
    else:
        log.error("%s package %s failed", doing, item.path, exc_info=error)
        item.message = INTERNAL_ERROR
