"""The "Import agenda…" dialog: preview with columns recognised, remapping, zone, import."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fieldnotes.services import itinerary, missions
from fieldnotes.ui.dialogs.agenda_import_dialog import AgendaImportDialog


def make_mission(database) -> str:
    with database.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        itinerary.add_meeting(
            session,
            mission.id,
            title="Meeting at the DCM",
            date=dt.date(2026, 5, 12),
            start_time=dt.time(9),
        )
        return mission.id


def stored(database, mission_id):
    with database.session() as session:
        return {m.title: m for m in itinerary.list_meetings(session, mission_id)}


def test_preview_remap_and_import(qtbot, user_db, tmp_path):
    mission_id = make_mission(user_db)
    path = tmp_path / "programme.csv"
    path.write_text(
        "Day;Time;Programme item;Notes\n"
        "12.05.2026;09:00;Meeting at the DCM;\n"
        "12.05.2026;06:00;Встреча с МОМ;labour migration\n",
        encoding="utf-8",
    )
    dialog = AgendaImportDialog(user_db, mission_id)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    # "Programme item" is not a usual name: no title column, a precise message, no import.
    assert "No title column" in dialog.problems_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.mapping_box.isVisibleTo(dialog)

    title = dialog.column_combos["title"]
    title.setCurrentIndex(3)  # "Programme item"
    title.activated.emit(3)
    preview = dialog.preview
    assert preview is not None and len(preview.to_add) == 1 and len(preview.duplicates) == 1
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "Skip"
    assert dialog.table.item(1, 4).text() == "Встреча с МОМ"
    assert dialog.column_combos["agenda"].currentText() == "Notes"

    dialog.zone_combo.setCurrentIndex(1)  # the times in this file are UTC
    dialog.zone_combo.activated.emit(1)
    assert dialog.table.item(1, 2).text() == "09:00"
    assert "from 06:00 UTC" in dialog.table.item(1, 8).text()
    # The first row is now 12:00 Minsk, no longer the 09:00 meeting: both are added.
    assert dialog.table.item(0, 0).text() == "Add"

    dialog.zone_combo.setCurrentIndex(0)
    dialog.zone_combo.activated.emit(0)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(signal.args[0].meeting_ids) == 1
    meeting = stored(user_db, mission_id)["Встреча с МОМ"]
    assert (meeting.start_time, meeting.agenda) == (dt.time(6), "labour migration")


def test_a_bad_file_is_explained_and_nothing_can_be_imported(qtbot, user_db, tmp_path):
    mission_id = make_mission(user_db)
    path = tmp_path / "agenda.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY")
    dialog = AgendaImportDialog(user_db, mission_id)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert "not a valid iCalendar" in dialog.problems_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.result() != AgendaImportDialog.DialogCode.Accepted
    assert list(stored(user_db, mission_id)) == ["Meeting at the DCM"]


def test_calendar_files_have_no_column_mapping(qtbot, user_db, tmp_path):
    mission_id = make_mission(user_db)
    path = tmp_path / "agenda.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        "DTSTAMP:20260501T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260513T080000\r\n"
        "SUMMARY:Call with Berlin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    dialog = AgendaImportDialog(user_db, mission_id)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert not dialog.mapping_box.isVisibleTo(dialog)
    assert dialog.table.item(0, 2).text() == "09:00"
