"""Start-up as the window does it: the integrity check, the offered restore, daily backups."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from modal_answers import answer_next_modal
from PySide6.QtWidgets import QMessageBox

from fieldnotes.app import EXIT_ERROR, run_gui
from fieldnotes.paths import database_path, set_aside_dir
from fieldnotes.services import backups, missions
from fieldnotes.services.profile import save_profile
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.restore_backup_dialog import RestoreBackupDialog
from fieldnotes.ui.main_window import BACKUP_CHECK_MS, MainWindow
from fieldnotes.ui.workers import SyncRunner

GARBAGE = b"this is not a database" * 200


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """run_gui logs to the profile; the test's root logger is put back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def profile_with_a_backup(data_dir: Path) -> Path:
    database = Database.open(data_dir)
    with database.session() as session:
        save_profile(session, name="Anna Virtanen", country="Finland")
        missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
    database.close()
    return backups.back_up_now(data_dir, now=dt.datetime(2026, 5, 2, 8, tzinfo=dt.UTC))


def gui_args(data_dir: Path, quit_after: int) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), demo=False, quit_after=quit_after)


def click_restore(widget) -> None:
    assert isinstance(widget, RestoreBackupDialog)
    widget.restore_button.click()


def test_damaged_database_is_restored_from_the_offered_backup(qapp, data_dir, restore_logging):
    backup = profile_with_a_backup(data_dir)
    database_path(data_dir).write_bytes(GARBAGE)
    seen = answer_next_modal(click_restore)
    # The window opens on the restored profile, then --quit-after closes it.
    assert run_gui(gui_args(data_dir, quit_after=300)) == 0
    assert seen and "damaged" in seen[0].intro_label.text()
    assert backups.check_at_start(data_dir).ok
    damaged = list(set_aside_dir(data_dir).iterdir())
    assert [p.read_bytes() for p in damaged if p.suffix == ".sqlite3"] == [GARBAGE]
    database = Database.open(data_dir)
    with database.session() as session:
        assert [m.title for m in missions.list_missions(session)] == ["Belarus"]
    database.close()
    # The first window of the day took today's backup, beside the one restored.
    reasons = [entry.reason for entry in backups.list_backups(data_dir)]
    assert "daily" in reasons and backup in [e.path for e in backups.list_backups(data_dir)]


def test_declining_the_restore_leaves_the_damaged_file_alone(qapp, data_dir, restore_logging):
    profile_with_a_backup(data_dir)
    database_path(data_dir).write_bytes(GARBAGE)
    answer_next_modal(lambda dialog: dialog.reject())
    assert run_gui(gui_args(data_dir, quit_after=2000)) == EXIT_ERROR
    assert database_path(data_dir).read_bytes() == GARBAGE
    assert not set_aside_dir(data_dir).exists() or not any(set_aside_dir(data_dir).iterdir())


def test_damage_without_a_backup_is_explained(qapp, data_dir, restore_logging, capsys):
    database_path(data_dir).write_bytes(GARBAGE)
    seen = answer_next_modal(lambda box: box.done(0))
    assert run_gui(gui_args(data_dir, quit_after=2000)) == EXIT_ERROR
    assert isinstance(seen[0], QMessageBox)
    assert seen[0].icon() == QMessageBox.Icon.Critical
    assert "No usable backup" in seen[0].text()
    assert "No usable backup" in capsys.readouterr().err
    assert database_path(data_dir).read_bytes() == GARBAGE


def test_daily_backup_runs_in_the_background_and_hourly(qtbot, user_db, mission):
    window = MainWindow(user_db, runner=SyncRunner())
    qtbot.addWidget(window)
    assert backups.list_backups(user_db.path.parent) == []
    window.start_daily_backups()
    taken = backups.list_backups(user_db.path.parent)
    assert [entry.reason for entry in taken] == ["daily"]
    assert window.backup_timer.isActive()
    assert window.backup_timer.interval() == BACKUP_CHECK_MS
    window.backup_timer.timeout.emit()  # an hour later, same day: nothing more to do
    assert backups.list_backups(user_db.path.parent) == taken


def test_a_failed_daily_backup_is_shown_not_raised(qtbot, user_db, mission, monkeypatch):
    def refuse(_data_dir):
        raise OSError("disk full")

    monkeypatch.setattr("fieldnotes.ui.main_window.daily_backup", refuse)
    window = MainWindow(user_db, runner=SyncRunner())
    qtbot.addWidget(window)
    window.start_daily_backups()
    assert window.message_label.text() == "Today's backup could not be written: disk full"
    window.run_daily_backup()  # the next try is not blocked by the failed one
    assert "disk full" in window.message_label.text()


def test_window_closes_while_the_backup_is_written(qtbot, user_db, mission):
    window = MainWindow(user_db)  # the real background runner
    qtbot.addWidget(window)
    window.show()
    window.start_daily_backups()
    window.close()  # waits for the backup before the database may close
    assert [e.reason for e in backups.list_backups(user_db.path.parent)] == ["daily"]
    assert not window.backup_timer.isActive()
    assert window.isHidden()
