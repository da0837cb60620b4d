"""File ▸ Restore from backup…: nothing typed is lost, the window shows the restored data."""

from __future__ import annotations

import sqlite3

import pytest
from modal_answers import answer_next_modal

from fieldnotes.paths import set_aside_dir
from fieldnotes.services import backups
from fieldnotes.services.notes import notes_for_meeting
from fieldnotes.services.sync_settings import SyncSettings, save_sync_settings
from fieldnotes.ui.dialogs.restore_backup_dialog import RestoreBackupDialog
from fieldnotes.ui.main_window import MainWindow
from fieldnotes.ui.workers import SyncRunner


@pytest.fixture
def window(qtbot, user_db, mission, during_dcm):
    main = MainWindow(user_db, clock=lambda: during_dcm, runner=SyncRunner())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def replacements(qtbot, window):
    """The windows that take over after a restore; their databases are closed at the end."""
    taken: list[MainWindow] = []

    def adopt(replacement: MainWindow) -> None:
        qtbot.addWidget(replacement)
        taken.append(replacement)

    window.window_replaced.connect(adopt)
    yield taken
    for replacement in taken:
        replacement.close()
        replacement.database.close()


def own_texts(database, meeting_id, author_id):
    with database.session() as session:
        return [n.text for n in notes_for_meeting(session, meeting_id) if n.author_id == author_id]


def set_aside_texts(data_dir, author_id):
    """Notes of the database the restore put aside (read with plain SQLite)."""
    (aside,) = [p for p in set_aside_dir(data_dir).iterdir() if p.suffix == ".sqlite3"]
    connection = sqlite3.connect(aside)
    try:
        rows = connection.execute("SELECT text FROM notes WHERE author_id = ?", (author_id,))
        return [row[0] for row in rows]
    finally:
        connection.close()


def test_restore_keeps_the_typing_aside_and_reopens_on_the_restored_data(
    qtbot, window, replacements, user_db, mission
):
    data_dir = user_db.path.parent
    backups.back_up_now(data_dir)
    window.navigator.select_meeting(mission.border)
    # Typed after the backup and not yet autosaved when the user chooses the restore.
    window.note_editor.editor.insertPlainText("Border: Алена said the queue is 3 days")
    assert window.save_state_text() == "Unsaved changes"
    seen = answer_next_modal(lambda dialog: dialog.restore_button.click())
    window.restore_backup_action.trigger()

    assert isinstance(seen[0], RestoreBackupDialog)
    assert window.isHidden()  # handed over
    (restored,) = replacements
    assert restored.isVisible()
    assert restored.database is not user_db
    assert restored.mission_id == mission.mission
    assert "Restored the backup" in restored.message_label.text()
    # The backup predates the typing; the typing is in the database set aside, not lost.
    assert own_texts(restored.database, mission.border, mission.anna) == []
    assert set_aside_texts(data_dir, mission.anna) == ["Border: Алена said the queue is 3 days"]

    restored.note_editor.editor.insertPlainText("after the restore")
    restored.save_action.trigger()
    assert own_texts(restored.database, mission.dcm, mission.anna) == ["after the restore"]


def test_cancelling_the_restore_keeps_working_on_the_same_database(
    qtbot, window, replacements, user_db, mission
):
    backups.back_up_now(user_db.path.parent)
    window.note_editor.editor.insertPlainText("kept")
    answer_next_modal(lambda dialog: dialog.reject())
    window.restore_backup_action.trigger()

    assert replacements == []
    assert window.isVisible()
    assert own_texts(user_db, mission.dcm, mission.anna) == ["kept"]  # saved before the dialog
    window.note_editor.editor.insertPlainText(", and more")
    window.save_action.trigger()
    assert own_texts(user_db, mission.dcm, mission.anna) == ["kept, and more"]
    assert not set_aside_dir(user_db.path.parent).exists()


def test_no_restore_while_text_cannot_be_saved(
    qtbot, window, replacements, user_db, mission, monkeypatch
):
    window.note_editor.editor.insertPlainText("unsaved words")
    with monkeypatch.context() as patch:  # undone before the window closes at teardown
        patch.setattr(window.autosaver, "flush", lambda: False)
        patch.setattr(window, "_rescue_unsaved", lambda: None)
        shown: list[tuple[str, str]] = []

        def read_and_close(box):
            shown.append((box.windowTitle(), box.text()))  # the box is deleted once closed
            box.done(0)

        answer_next_modal(read_and_close)
        window.restore_backup_action.trigger()

    ((title, text),) = shown
    assert title == "Some text is not saved"
    assert "Nothing was restored" in text
    assert replacements == []
    assert window.isVisible()
    window.save_action.trigger()  # the database was never closed: the text is saved now
    assert own_texts(user_db, mission.dcm, mission.anna) == ["unsaved words"]


def test_no_background_round_runs_while_the_restore_dialog_is_open(
    qtbot, window, replacements, user_db, mission, tmp_path
):
    data_dir = user_db.path.parent
    save_sync_settings(data_dir, mission.mission, SyncSettings(tmp_path / "shared"))
    window.exchange.set_mission(mission.mission)
    window.start_daily_backups()
    assert window.exchange.timer.isActive() and window.backup_timer.isActive()
    timers_while_open: list[tuple[bool, bool]] = []

    def look_then_cancel(dialog):
        timers_while_open.append((window.exchange.timer.isActive(), window.backup_timer.isActive()))
        dialog.reject()

    answer_next_modal(look_then_cancel)
    window.restore_backup_action.trigger()

    assert timers_while_open == [(False, False)]
    assert window.exchange.timer.isActive() and window.backup_timer.isActive()
