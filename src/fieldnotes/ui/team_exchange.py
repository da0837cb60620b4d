"""The main window's team exchange: import/merge, export package, conflicts, shared-folder sync.

Kept out of ``main_window.py`` so that the window only places the actions and the status
label, and reloads its panels when :attr:`TeamExchange.data_changed` says the data changed.
Automatic sync runs every :data:`AUTO_SYNC_INTERVAL_SECONDS` through the window's runner
while the mission has a shared folder with automatic sync on; an unreachable folder is a
quiet status, retried at the next round.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from fieldnotes.errors import FieldnotesError
from fieldnotes.services.sync_settings import (
    AUTO_SYNC_INTERVAL_SECONDS,
    SyncSettings,
    load_sync_settings,
)
from fieldnotes.store import Database
from fieldnotes.ui.clock import Clock
from fieldnotes.ui.icons import icon
from fieldnotes.ui.workers import CancelToken, ProgressCallback, Runner

if TYPE_CHECKING:
    # The merge code (and cryptography) loads on the first import or sync, not at start-up.
    from fieldnotes.services.packages import ImportResult
    from fieldnotes.services.sync import SyncStatus

log = logging.getLogger(__name__)


class TeamExchange(QObject):
    """Actions and background sync for the mission the window shows.

    ``flush`` saves what is being typed; it runs before anything merges into the database.

    Signals:
        data_changed(): records changed (import, resolution, sync): panels read again.
        missions_changed(): a mission new on this computer was imported.
        message(str): a short status message for the window.
    """

    data_changed = Signal()
    missions_changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        database: Database,
        runner: Runner,
        window: QWidget,
        *,
        clock: Clock,
        flush: Callable[[], Any],
    ) -> None:
        super().__init__(window)
        self._database = database
        self._runner = runner
        self._window = window
        self._clock = clock
        self._flush = flush
        self._mission_id: str | None = None
        self._settings = SyncSettings()
        self._syncing = False
        self._dialog: QDialog | None = None  # the open dialog, kept alive while shown
        self.import_action = self._action("&Import/merge…", "Ctrl+Shift+I", self.import_packages)
        self.import_action.setToolTip("Merge packages sent by your teammates (Ctrl+Shift+I)")
        self.import_action.setIcon(icon("import"))
        self.export_action = self._action("E&xport package…", None, self.export_package)
        self.export_action.setToolTip("Write your notes to a package for the team")
        self.conflicts_action = self._action("&Conflicts (0)", None, self.show_conflicts)
        self.conflicts_action.setToolTip("Edits made on two laptops at once, to settle")
        self.sync_now_action = self._action("S&ync now", None, self.sync_now)
        self.sync_settings_action = self._action("Sync se&ttings…", None, self.edit_sync_settings)
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName("Sync status")
        self.sync_label.setContentsMargins(6, 0, 6, 0)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SYNC_INTERVAL_SECONDS * 1000)
        self.timer.timeout.connect(lambda: self.sync_now(quiet=True))
        self.set_mission(None)

    def _action(self, text: str, shortcut: str | None, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [
            self.import_action,
            self.export_action,
            self.conflicts_action,
            self.sync_now_action,
            self.sync_settings_action,
        ]

    # -- mission -----------------------------------------------------------------------------

    def set_mission(self, mission_id: str | None) -> None:
        self._mission_id = mission_id
        for action in (self.export_action, self.conflicts_action, self.sync_settings_action):
            action.setEnabled(mission_id is not None)
        self._apply_settings(
            load_sync_settings(self._database.path.parent, mission_id) if mission_id else None
        )
        self.update_conflict_count()

    def _apply_settings(self, settings: SyncSettings | None) -> None:
        self._settings = settings or SyncSettings()
        self.sync_now_action.setEnabled(self._settings.configured)
        if self._settings.automatic_sync:
            self.timer.start()
        else:
            self.timer.stop()
        if not self._settings.configured:
            self.sync_label.clear()

    def update_conflict_count(self) -> int:
        count = 0
        if self._mission_id is not None:
            with self._database.session() as session:
                from fieldnotes.services.conflicts import open_conflict_count

                count = open_conflict_count(session, self._mission_id)
        self.conflicts_action.setText(f"&Conflicts ({count})")
        return count

    def stop(self) -> None:
        """No more automatic rounds (the window closes)."""
        self.timer.stop()

    # -- dialogs -----------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> None:
        self._dialog = dialog
        try:
            dialog.exec()
        finally:
            self._dialog = None

    def import_packages(self) -> None:
        from fieldnotes.ui.dialogs.import_package_dialog import ImportPackageDialog

        self._flush()  # what was typed is a local edit, merged like any other
        dialog = ImportPackageDialog(
            self._database, self._mission_id, runner=self._runner, parent=self._window
        )
        dialog.imported.connect(self._imported)
        self._show(dialog)

    def _imported(self, results: list[ImportResult]) -> None:
        if any(r.summary.new_mission for r in results):
            self.missions_changed.emit()
        if any(r.summary.changed for r in results):
            self.data_changed.emit()
        self.update_conflict_count()

    def export_package(self) -> None:
        if self._mission_id is None:
            return
        from fieldnotes.ui.dialogs.export_package_dialog import ExportPackageDialog

        self._flush()  # the package must hold what was just typed
        dialog = ExportPackageDialog(
            self._database, self._mission_id, runner=self._runner, parent=self._window
        )
        self._show(dialog)

    def show_conflicts(self) -> None:
        if self._mission_id is None:
            return
        from fieldnotes.ui.dialogs.conflicts_dialog import ConflictsDialog

        self._flush()
        dialog = ConflictsDialog(self._database, self._mission_id, self._window)
        dialog.view.changed.connect(self.data_changed)
        dialog.view.count_changed.connect(
            lambda n: self.conflicts_action.setText(f"&Conflicts ({n})")
        )
        self._show(dialog)

    def edit_sync_settings(self) -> None:
        if self._mission_id is None:
            return
        from fieldnotes.ui.dialogs.sync_settings_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(self._database, self._mission_id, self._window)
        dialog.saved.connect(self._settings_saved)
        self._show(dialog)

    def _settings_saved(self, settings: SyncSettings) -> None:
        self._apply_settings(settings)
        if settings.configured:
            self.sync_now()

    # -- sync --------------------------------------------------------------------------------

    def sync_now(self, *, quiet: bool = False) -> None:
        """One round with the shared folder in the background (``quiet``: the timer's)."""
        settings, mission_id = self._settings, self._mission_id
        if self._syncing or mission_id is None or settings.folder is None:
            return
        self._flush()
        self._syncing = True
        self.sync_now_action.setEnabled(False)
        if not quiet:
            self.sync_label.setText("Syncing…")
        database, folder, passphrase = self._database, settings.folder, settings.passphrase

        def job(_token: CancelToken, _progress: ProgressCallback) -> SyncStatus:
            from fieldnotes.services.sync import sync_mission

            return sync_mission(database, mission_id, folder, passphrase=passphrase)

        self._runner.submit(
            job,
            lambda status: self._synced(mission_id, status, quiet),
            lambda error: self._sync_failed(error),
        )

    def _synced(self, mission_id: str, status: SyncStatus, quiet: bool) -> None:
        self._syncing = False
        self.sync_now_action.setEnabled(self._settings.configured)
        self.sync_label.setToolTip(status.message)
        if not status.reachable:
            self.sync_label.setText("Shared folder not reachable")
            if not quiet:
                self.message.emit(status.message)
            return
        when = local_time_text(self._clock())
        problems = f" ({len(status.failed)} problem{'s' if len(status.failed) != 1 else ''})"
        self.sync_label.setText(f"Synced {when}" + (problems if status.failed else ""))
        if status.failed:
            self.sync_label.setToolTip(
                status.message + "\n" + "\n".join(f"{name}: {text}" for name, text in status.failed)
            )
        if any(r.summary.new_mission for r in status.imported):
            self.missions_changed.emit()
        if mission_id == self._mission_id and any(r.summary.changed for r in status.imported):
            self.data_changed.emit()
        self.update_conflict_count()
        if not quiet or status.failed:
            self.message.emit(status.message)

    def _sync_failed(self, error: BaseException) -> None:
        self._syncing = False
        self.sync_now_action.setEnabled(self._settings.configured)
        if isinstance(error, FieldnotesError):
            text = error.message
        else:
            log.error("sync failed", exc_info=error)
            text = "Sync stopped because of an internal error; the details are in the log file."
        self.sync_label.setText("Sync failed")
        self.sync_label.setToolTip(text)
        self.message.emit(text)


def local_time_text(moment: dt.datetime) -> str:
    """``10:42`` in this computer's time zone (the status bar's "Synced 10:42")."""
    return moment.astimezone().strftime("%H:%M")
