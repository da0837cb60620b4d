"""Export package, the passphrase dialog and the sync settings: saved, reloaded, refused."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from PySide6.QtCore import Qt

from fieldnotes.errors import PassphraseError
from fieldnotes.services.packages import read_package
from fieldnotes.services.sync_settings import SyncSettings, load_sync_settings, sync_settings_path
from fieldnotes.ui.dialogs.export_package_dialog import ExportPackageDialog, default_package_name
from fieldnotes.ui.dialogs.passphrase_dialog import PassphraseDialog
from fieldnotes.ui.dialogs.sync_settings_dialog import SyncSettingsDialog


def test_export_with_a_passphrase(qtbot, pair, runner, cost, tmp_path):
    dialog = ExportPackageDialog(pair.expert, pair.mission, runner=runner, cost=cost)
    qtbot.addWidget(dialog)
    assert "Labour migration, Minsk - Mikko Laine - " in dialog.file_edit.text()
    target = tmp_path / "out" / "für das Team"
    target.parent.mkdir()
    dialog.file_edit.setText(str(target))
    dialog.encrypt_check.setChecked(True)
    dialog.ask_new_passphrase = lambda: "Minsk in May 2026"
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result.encrypted and result.path.name == "für das Team.fieldnotes"
    assert "protected with a passphrase" in dialog.status_label.text()
    assert read_package(result.path, "Minsk in May 2026").manifest.member_name == "Mikko Laine"
    with pytest.raises(PassphraseError):
        read_package(result.path)


def test_export_needs_a_passphrase_when_protection_is_chosen(qtbot, pair, runner, cost, tmp_path):
    dialog = ExportPackageDialog(pair.expert, pair.mission, runner=runner, cost=cost)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "x.fieldnotes"))
    dialog.encrypt_check.setChecked(True)
    dialog.ask_new_passphrase = lambda: None
    with qtbot.assertNotEmitted(dialog.exported):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "no passphrase" in dialog.status_label.text()
    assert not (tmp_path / "x.fieldnotes").exists()


def test_default_package_name_is_safe_for_file_systems():
    name = default_package_name("Mission: A/B?", "Zoltán", dt.date(2026, 5, 12))
    assert name == "Mission A B - Zoltán - 2026-05-12.fieldnotes"


def test_new_passphrase_typed_twice(qtbot):
    dialog = PassphraseDialog(confirm=True)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase_edit, "short")
    qtbot.keyClicks(dialog.confirm_edit, "short")
    assert "at least 8 characters" in dialog.problem_label.text()
    dialog.passphrase_edit.setText("ein langer Satz über Minsk")
    assert dialog.problem_label.text() == "The two passphrases differ."
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_edit.setText("ein langer Satz über Minsk")
    assert dialog.ok_button.isEnabled() and dialog.problem_label.isHidden()
    dialog.show_check.setChecked(True)
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Normal
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == "ein langer Satz über Minsk"


def test_asking_again_says_why(qtbot):
    dialog = PassphraseDialog(message="“x” is encrypted.", problem="That did not open it")
    qtbot.addWidget(dialog)
    assert not dialog.problem_label.isHidden()
    assert dialog.confirm_edit.isHidden()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase_edit, "x")
    assert dialog.ok_button.isEnabled()


def test_sync_settings_saved_and_reloaded(qtbot, pair, tmp_path):
    shared = tmp_path / "Nextcloud" / "Mission Minsk"
    shared.mkdir(parents=True)
    dialog = SyncSettingsDialog(pair.lead, pair.mission)
    qtbot.addWidget(dialog)
    assert dialog.folder_edit.text() == "" and dialog.automatic_check.isChecked()
    dialog.folder_edit.setText(str(shared))
    dialog.passphrase_edit.setText("Minsk in May 2026")
    dialog.confirm_edit.setText("Minsk in May 2026")
    dialog.automatic_check.setChecked(False)
    with qtbot.waitSignal(dialog.saved) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    expected = SyncSettings(shared, "Minsk in May 2026", automatic=False)
    assert signal.args[0] == expected
    data_dir = pair.lead.path.parent
    assert load_sync_settings(data_dir, pair.mission) == expected
    assert stat.S_IMODE(sync_settings_path(data_dir).stat().st_mode) == 0o600

    again = SyncSettingsDialog(pair.lead, pair.mission)
    qtbot.addWidget(again)
    assert again.folder_edit.text() == str(shared)
    assert again.passphrase_edit.text() == "Minsk in May 2026"
    assert not again.automatic_check.isChecked()
    again.folder_edit.clear()  # an empty folder turns sync off
    again.passphrase_edit.clear()
    again.confirm_edit.clear()
    again.automatic_check.setChecked(True)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert load_sync_settings(data_dir, pair.mission) == SyncSettings()


def test_sync_settings_refuse_what_cannot_work(qtbot, pair, tmp_path):
    dialog = SyncSettingsDialog(pair.lead, pair.mission)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.passphrase_edit.setText("one phrase")
    dialog.confirm_edit.setText("another phrase")
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_label.text() == "The two passphrases differ."
    dialog.confirm_edit.setText("one phrase")
    dialog.folder_edit.setText("relative/folder")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "full path" in dialog.problem_label.text()
    assert not sync_settings_path(pair.lead.path.parent).exists()
