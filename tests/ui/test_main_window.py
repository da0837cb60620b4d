"""The main window on a real profile: opening on "now", autosave, search, closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldnotes.services.notes import notes_for_meeting
from fieldnotes.ui.main_window import MainWindow
from fieldnotes.ui.models.navigator_model import Entry
from fieldnotes.ui.workers import SyncRunner


@pytest.fixture
def window(qtbot, user_db, mission, during_dcm):
    moment = {"now": during_dcm}
    main = MainWindow(user_db, clock=lambda: moment["now"], runner=SyncRunner())
    main.moment = moment  # tests move the clock
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def own_texts(db, meeting_id, author_id):
    with db.session() as s:
        return [n.text for n in notes_for_meeting(s, meeting_id) if n.author_id == author_id]


def test_opens_on_the_meeting_happening_now_with_own_note_focused(window, mission):
    assert window.mission_id == mission.mission
    assert window.meeting_id == mission.dcm
    assert window.navigator.current_entry() == (Entry.MEETING, mission.dcm)
    assert window.note_editor.tabs.currentIndex() == 0
    assert window.save_state_text() == "All changes saved"
    assert window.user_label.text() == "Anna Virtanen (Finland)"
    assert window.host_time_label.text() == "Minsk time 10:30"


def test_now_jumps_to_the_next_meeting(window, mission, before_border):
    window.navigator.select_meeting(mission.employment)
    assert window.meeting_id == mission.employment
    window.moment["now"] = before_border
    window.now_action.trigger()
    assert window.meeting_id == mission.border


def test_typing_is_saved_within_a_second(qtbot, window, user_db, mission):
    editor = window.note_editor.editor
    qtbot.keyClicks(editor, "Quota for work permits")
    assert window.save_state_text() == "Unsaved changes"
    qtbot.waitUntil(
        lambda: own_texts(user_db, mission.dcm, mission.anna) == ["Quota for work permits"],
        timeout=1500,
    )
    assert window.save_state_text() == "All changes saved"


def test_switching_meeting_saves_at_once(qtbot, window, user_db, mission):
    editor = window.note_editor.editor
    editor.insertPlainText("Алена Соколова: readmission, ő ű ș ț")
    window.navigator.select_meeting(mission.border)  # no wait: the switch itself saves
    assert own_texts(user_db, mission.dcm, mission.anna) == ["Алена Соколова: readmission, ő ű ș ț"]
    assert window.meeting_id == mission.border


def test_closing_saves(qtbot, window, user_db, mission):
    qtbot.keyClicks(window.note_editor.editor, "last words")
    window.close()
    assert own_texts(user_db, mission.dcm, mission.anna) == ["last words"]


def test_search_opens_the_hit(qtbot, window, mission):
    window.navigator.select_meeting(mission.border)
    qtbot.keyClicks(window.search_box, "quota")
    qtbot.waitUntil(lambda: window.left.currentWidget() is window.search_panel, timeout=2000)
    assert window.search_panel.results.count() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.meeting_id == mission.dcm
    assert window.note_editor.tabs.currentIndex() == 1  # Zoltán's tab, where the hit is
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.left.currentWidget() is window.navigator


def test_sections_and_mission_notes(qtbot, window, user_db, mission):
    window.navigator.select_entry(Entry.MISSION_NOTES)
    assert window.note_editor.meeting_id is None
    window.note_editor.editor.insertPlainText("Overall: constructive")
    window.navigator.select_entry(Entry.ACTIONS)
    assert not window.right.isVisible()
    from fieldnotes.services.notes import mission_notes

    with user_db.session() as s:
        assert [n.text for n in mission_notes(s, mission.mission)] == ["Overall: constructive"]


def test_failed_save_keeps_the_text_and_says_so(qtbot, window, user_db, mission, monkeypatch):
    import fieldnotes.ui.autosave as autosave
    from fieldnotes.errors import StorageError

    def broken(*args, **kwargs):
        raise StorageError("The disk is full.")

    monkeypatch.setattr(autosave, "save_note_draft", broken)
    monkeypatch.setattr(autosave, "create_note", broken)
    window.note_editor.editor.insertPlainText("precious")
    assert not window.autosaver.flush()
    assert window.save_state_text().startswith("⚠ Not saved — The disk is full.")
    assert window.note_editor.editor.toPlainText() == "precious"
    monkeypatch.undo()
    assert window.autosaver.flush()
    assert own_texts(user_db, mission.dcm, mission.anna) == ["precious"]
    assert window.save_state_text() == "All changes saved"


def test_export_report_and_shortcuts_are_offered(window):
    assert window.export_report_action.isEnabled()
    assert window.export_report_action in window.toolbar.actions()
    shortcuts = {
        a.text(): a.shortcut().toString()
        for a in (
            window.new_mission_action,
            window.new_meeting_action,
            window.find_action,
            window.save_action,
            window.quit_action,
        )
    }
    assert shortcuts == {
        "New &mission…": "Ctrl+Shift+N",
        "New &meeting…": "Ctrl+N",
        "&Find…": "Ctrl+F",
        "&Save now": "Ctrl+S",
        "&Quit": "Ctrl+Q",
    }


def test_accessible_names_on_the_main_controls(window):
    for widget in (
        window.search_box,
        window.navigator,
        window.note_editor.editor,
        window.note_editor.topics_edit,
        window.save_label,
        window.host_time_label,
    ):
        assert widget.accessibleName()
