"""The "Restore from backup…" dialog: newest good backup chosen, damaged ones refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fieldnotes.paths import database_path
from fieldnotes.services import backups, missions
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.restore_backup_dialog import RestoreBackupDialog


def profile_with_backups(data_dir):
    database = Database.open(data_dir)
    with database.session() as session:
        missions.create_mission(session, title="Belarus", lead=False)
    database.close()
    older = backups.back_up_now(data_dir, now=dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC))
    newer = backups.back_up_now(data_dir, now=dt.datetime(2026, 5, 2, 8, tzinfo=dt.UTC))
    return older, newer


def test_start_up_damage_offers_the_newest_good_backup_and_restores_it(qtbot, data_dir):
    older, newer = profile_with_backups(data_dir)
    newer.write_bytes(b"\x00" * 4096)  # the newest backup is damaged too
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    check = backups.check_at_start(data_dir)
    dialog = RestoreBackupDialog(data_dir, startup_check=check)
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.intro_label.text()
    assert dialog.backup_list.topLevelItemCount() == 2
    damaged_item = dialog.backup_list.topLevelItem(0)
    assert damaged_item.text(3) == "Damaged"
    assert not damaged_item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.selected_backup() == older
    with qtbot.waitSignal(dialog.restored) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].restored_from == older
    assert dialog.result() == RestoreBackupDialog.DialogCode.Accepted
    assert backups.check_at_start(data_dir).ok


def test_without_any_backup_nothing_can_be_restored(qtbot, data_dir):
    Database.open(data_dir).close()
    dialog = RestoreBackupDialog(data_dir)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "No usable backup" in dialog.error_label.text()
    assert "set-aside folder" in dialog.intro_label.text()
