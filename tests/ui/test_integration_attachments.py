"""The meeting's attachments strip under the notes: follows the meeting shown, stays small."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from attachment_pictures import png
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


def test_strip_follows_the_meeting_and_stays_one_line_when_empty(qtbot, window, mission):
    strip = window.attachments_panel
    assert strip.isVisible()
    assert (strip.mission_id, strip.meeting_id) == (mission.mission, mission.dcm)
    assert strip.add_button.isEnabled()
    assert not strip.list.isVisible()  # no attachments yet: no empty thumbnail box
    assert not strip.remove_button.isVisible()
    assert strip.height() < 60

    window.navigator.select_meeting(mission.border)
    assert strip.meeting_id == mission.border

    window.navigator.select_entry(Entry.MISSION_NOTES)
    assert not strip.isVisible()  # mission notes belong to no meeting


def test_added_files_show_as_thumbnails_under_the_notes(qtbot, window, mission, tmp_path):
    strip = window.attachments_panel
    photo = tmp_path / "whiteboard.png"
    photo.write_bytes(png(120, 80))
    strip.choose_files = lambda: [photo]
    editor_height = window.note_editor.editor.height()
    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)

    assert strip.list.count() == 1
    assert strip.list.isVisible()
    assert strip.remove_button.isVisible()
    assert window.message_label.text() == "Attachments saved."
    # The notes keep most of the height: the strip is a strip, not a gallery.
    qtbot.waitUntil(lambda: window.note_editor.editor.height() < editor_height)
    assert strip.height() < 0.5 * window.note_editor.editor.height()
    assert strip.geometry().top() > window.note_editor.geometry().bottom()

    window.navigator.select_meeting(mission.employment)
    assert strip.list.count() == 0 and not strip.list.isVisible()
    window.navigator.select_meeting(mission.dcm)
    assert strip.list.count() == 1 and strip.list.isVisible()
