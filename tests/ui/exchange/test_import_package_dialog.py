"""Import/merge…: a real package from a second profile, passphrases, mass deletion, who am I."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldnotes.services import counterparts, notes, packages, profile
from fieldnotes.services.notes import notes_for_meeting
from fieldnotes.store import Database
from fieldnotes.ui.dialogs.import_package_dialog import COLUMNS, ImportPackageDialog, State
from fieldnotes.ui.dialogs.member_picker_dialog import MemberPickerDialog
from fieldnotes.ui.workers import TaskRunner

ADDED, DELETED, CONFLICTS, STATUS = (
    COLUMNS.index("Added"),
    COLUMNS.index("Deleted"),
    COLUMNS.index("Conflicts"),
    COLUMNS.index("Status"),
)
EXPERT_TEXT = "Quota for work permits rises to 12 000 — „Ausländerbehörde“ confirms.\n"


def _dialog(qtbot, database, mission_id, runner) -> ImportPackageDialog:
    dialog = ImportPackageDialog(database, mission_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.pick_member = lambda mission_id: False
    return dialog


def _cell(dialog: ImportPackageDialog, row: int, column: int) -> str:
    return dialog.table.item(row, column).text()


def test_wrong_passphrase_then_the_right_one_then_merge(qtbot, pair, runner):
    with pair.expert.session() as session:
        notes.create_note(session, pair.mission, meeting_id=pair.meeting, text=EXPERT_TEXT)
    package = pair.export_from_expert(passphrase="correct horse battery")
    dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
    asked: list[tuple[str, str]] = []
    answers = iter(["wrong horse battery", "correct horse battery"])

    def ask(name: str, problem: str) -> str | None:
        asked.append((name, problem))
        return next(answers)

    dialog.ask_passphrase = ask
    dialog.choose_files = lambda: [package]
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    # First asked because the package is encrypted, then again saying the passphrase failed.
    assert [name for name, _ in asked] == ["mikko.fieldnotes"] * 2
    assert asked[0][1] == ""
    assert "did not open" in asked[1][1]
    (item,) = dialog.items
    assert item.state is State.READY
    assert _cell(dialog, 0, 1) == "Mikko Laine"
    assert _cell(dialog, 0, ADDED) == "1"
    assert "ready" in dialog.status_label.text()
    with pair.lead.session() as session:  # checked and previewed, nothing written yet
        assert len(notes_for_meeting(session, pair.meeting)) == 1

    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    (result,) = signal.args[0]
    assert result.summary.added == 1 and result.backup is not None
    assert item.state is State.IMPORTED
    assert dialog.status_label.text().startswith("Merged 1 package: 1 added")
    with pair.lead.session() as session:
        texts = {n.text for n in notes_for_meeting(session, pair.meeting)}
    assert EXPERT_TEXT in texts
    assert not dialog.import_button.isEnabled()


def test_no_passphrase_skips_the_package_and_a_broken_file_is_explained(
    qtbot, pair, runner, tmp_path
):
    package = pair.export_from_expert(passphrase="correct horse battery")
    broken = tmp_path / "broken.fieldnotes"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
    dialog.ask_passphrase = lambda name, problem: None
    dialog.add_files([package, broken, package])  # the same file twice is listed once
    assert [i.state for i in dialog.items] == [State.SKIPPED, State.FAILED]
    assert "no passphrase" in _cell(dialog, 0, STATUS)
    assert _cell(dialog, 1, STATUS).startswith("Cannot be imported: broken.fieldnotes")
    assert not dialog.import_button.isEnabled()


def test_new_mission_then_the_expert_picks_who_they_are(qtbot, prepared, runner, tmp_path):
    _lead, package, ids = prepared
    newcomer = Database.open(tmp_path / "newcomer")
    try:
        with newcomer.session() as session:
            profile.save_profile(session, name="Mikko  laine")
        dialog = ImportPackageDialog(newcomer, None, runner=runner)
        qtbot.addWidget(dialog)
        pickers: list[MemberPickerDialog] = []

        def pick(mission_id: str) -> bool:
            picker = MemberPickerDialog(newcomer, mission_id, dialog)
            pickers.append(picker)
            # The member with the profile's name is proposed; the expert confirms it.
            assert picker.chosen_member() == ids["expert_member"]
            assert picker.member_list.count() == 3
            with qtbot.waitSignal(picker.member_linked):
                qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
            return True

        dialog.pick_member = pick
        dialog.add_files([package])
        assert "(new on this computer)" in _cell(dialog, 0, COLUMNS.index("Mission"))
        with qtbot.waitSignal(dialog.imported) as signal:
            dialog.start_import()
        assert signal.args[0][0].needs_member
        assert len(pickers) == 1
        with newcomer.session() as session:
            assert profile.linked_member_id(session, str(ids["mission"])) == ids["expert_member"]
    finally:
        newcomer.close()


def test_member_picker_links_the_member_chosen(qtbot, prepared, tmp_path):
    _lead, package, ids = prepared
    newcomer = Database.open(tmp_path / "newcomer")
    try:
        packages.import_package(newcomer, package)
        mission_id = str(ids["mission"])
        picker = MemberPickerDialog(newcomer, mission_id)
        qtbot.addWidget(picker)
        assert picker.chosen_member() is None  # no profile name: nothing proposed
        assert not picker.choose_button.isEnabled()
        picker.select_member(str(ids["expert_member"]))
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
        assert picker.result() == MemberPickerDialog.DialogCode.Accepted
        with newcomer.session() as session:
            assert profile.linked_member_id(session, mission_id) == ids["expert_member"]
    finally:
        newcomer.close()


def _delete_organisations(pair) -> Path:
    with pair.expert.session() as session:
        for organisation_id in pair.organisations:
            counterparts.delete_organisation(session, organisation_id)
    return pair.export_from_expert("cleanup")


def _live_organisations(database: Database, mission_id: str) -> int:
    with database.session() as session:
        return len(counterparts.list_organisations(session, mission_id))


def test_mass_deletion_asks_first_and_no_keeps_everything(qtbot, pair, runner):
    package = _delete_organisations(pair)
    dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
    questions: list[str] = []
    dialog.confirm_mass_delete = lambda message: questions.append(message) or False
    dialog.add_files([package])
    assert _cell(dialog, 0, DELETED) == "12"
    assert "you will be asked first" in _cell(dialog, 0, STATUS)
    assert not questions  # asked at Import, not while checking
    with qtbot.assertNotEmitted(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and "would delete 12 of the" in questions[0]
    assert dialog.items[0].state is State.SKIPPED
    assert dialog.status_label.text() == "Nothing was imported."
    assert _live_organisations(pair.lead, pair.mission) == 12


def test_mass_deletion_confirmed_is_applied(qtbot, pair, runner):
    package = _delete_organisations(pair)
    dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
    dialog.confirm_mass_delete = lambda message: True
    dialog.add_files([package])
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert signal.args[0][0].summary.deleted == 12
    assert _live_organisations(pair.lead, pair.mission) == 0


def test_concurrent_edits_are_announced_as_conflicts(qtbot, pair, runner):
    with pair.expert.session() as session:
        notes.save_note_text(session, pair.lead_note, "Agenda agreed with the Deputy Head.\n")
    with pair.lead.session() as session:
        notes.save_note_text(session, pair.lead_note, "Agenda agreed after a long debate.\n")
    package = pair.export_from_expert()
    dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
    dialog.add_files([package])
    assert _cell(dialog, 0, CONFLICTS) == "1"
    assert "kept as conflicts" in dialog.status_label.text()
    with qtbot.waitSignal(dialog.imported):
        dialog.start_import()
    assert "1 conflict to settle" in dialog.status_label.text()


def test_checks_and_merges_in_the_background(qtbot, pair):
    with pair.expert.session() as session:
        notes.create_note(session, pair.mission, meeting_id=pair.meeting, text=EXPERT_TEXT)
    package = pair.export_from_expert()
    runner = TaskRunner(max_threads=1)
    try:
        dialog = _dialog(qtbot, pair.lead, pair.mission, runner)
        dialog.add_files([package])
        qtbot.waitUntil(lambda: dialog.items[0].state is State.READY)
        assert dialog.import_button.isEnabled() and dialog.progress_bar.isHidden()
        with qtbot.waitSignal(dialog.imported):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.items[0].state is State.IMPORTED
    finally:
        runner.wait_for_done(5_000)
        runner.shutdown()
