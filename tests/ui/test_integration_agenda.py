"""Mission ▸ Import agenda… and Export agenda as .ics… from the main window."""

from __future__ import annotations

import pytest
from modal_answers import answer_next_modal

from fieldnotes.services.itinerary import list_meetings
from fieldnotes.ui.dialogs.agenda_import_dialog import AgendaImportDialog
from fieldnotes.ui.main_window import MainWindow
from fieldnotes.ui.models.navigator_model import Entry
from fieldnotes.ui.workers import SyncRunner


@pytest.fixture
def window(qtbot, user_db, mission, during_dcm):
    main = MainWindow(user_db, clock=lambda: during_dcm, runner=SyncRunner())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def meeting_titles(database, mission_id):
    with database.session() as session:
        return {m.id: m.title for m in list_meetings(session, mission_id)}


def test_imported_meetings_appear_in_the_navigator(qtbot, window, user_db, mission, tmp_path):
    agenda = tmp_path / "programme.csv"
    agenda.write_text(
        "Date;Start;End;Title;Venue\n"
        "13.05.2025;15:00;16:00;IOM Minsk office;Prospekt Pobeditelei 1\n",
        encoding="utf-8",
    )
    seen = []

    def choose_and_import(dialog):
        seen.append(dialog)
        dialog.load_file(agenda)
        dialog.import_button.click()

    answer_next_modal(choose_and_import)
    window.import_agenda_action.trigger()

    assert isinstance(seen[0], AgendaImportDialog)
    titles = meeting_titles(user_db, mission.mission)
    (iom_id,) = [key for key, title in titles.items() if title == "IOM Minsk office"]
    window.navigator.select_meeting(iom_id)  # the navigator knows the new meeting
    assert window.navigator.current_entry() == (Entry.MEETING, iom_id)
    assert window.meeting_id == iom_id
    assert window.message_label.text() == "1 meeting imported."


def test_agenda_actions_need_a_mission(qtbot, user_db):
    main = MainWindow(user_db, runner=SyncRunner())
    qtbot.addWidget(main)
    assert not main.import_agenda_action.isEnabled()
    assert not main.export_agenda_action.isEnabled()
    assert main.restore_backup_action.isEnabled()


def test_export_writes_a_calendar_and_says_so(qtbot, window, mission, tmp_path):
    suggested = []
    target = tmp_path / "Belarus agenda.ics"

    def choose(path):
        suggested.append(path)
        return target

    window.choose_ics_path = choose
    window.export_agenda_action.trigger()

    assert suggested[0].name == "Labour migration mission to Belarus.ics"
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert data.count(b"BEGIN:VEVENT") == 3
    assert window.message_label.text() == f"3 meetings exported to {target}."


def test_export_failure_is_explained(qtbot, window, tmp_path):
    window.choose_ics_path = lambda _path: tmp_path / "no such folder" / "agenda.ics"
    shown: list[tuple[str, str]] = []

    def read_and_close(box):
        shown.append((box.windowTitle(), box.text()))
        box.done(0)

    answer_next_modal(read_and_close)
    window.export_agenda_action.trigger()

    ((title, text),) = shown
    assert title == "The agenda was not exported"
    assert "no such folder" in text
    assert window.message_label.text() == ""


def test_cancelled_export_writes_nothing(qtbot, window, tmp_path):
    window.choose_ics_path = lambda _path: None
    window.export_agenda_action.trigger()
    assert not list(tmp_path.rglob("*.ics"))
