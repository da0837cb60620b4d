"""The meeting's attachments strip under the notes: follows the meeting shown, stays small,
and files added while the user is in their own note go with that note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from user_gestures import drag_and_drop

from attachment_pictures import png
from fieldnotes.services import attachments
from fieldnotes.store.blobs import BlobStore
from fieldnotes.ui.main_window import MainWindow
from fieldnotes.ui.models.navigator_model import Entry
from fieldnotes.ui.widgets.attachments_panel import INTERNAL_ROLE
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
    assert strip.isVisible() and strip.is_compact()
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


# -- attachments of the user's note ------------------------------------------------------------


def stored(window):
    with window.database.session() as session:
        return attachments.list_attachments(
            session, window.mission_id, meeting_id=window.meeting_id
        )


def test_a_picture_pasted_into_an_empty_note_attaches_to_that_note(qtbot, window, mission):
    notes, strip = window.note_editor, window.attachments_panel
    assert notes.current_note_id() is None  # nothing typed: the note does not exist yet
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("darkblue"))
    QApplication.clipboard().setImage(image)
    notes.editor.setFocus()
    with qtbot.waitSignal(strip.changed):
        qtbot.keyClick(notes.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    note_id = notes.current_note_id()
    assert note_id is not None  # created so the picture has a note to belong to
    [pasted] = stored(window)
    assert (pasted.note_id, pasted.meeting_id) == (note_id, mission.dcm)
    assert pasted.media_type == "image/png"
    data = BlobStore.for_profile(window.data_dir).read(pasted.sha256)
    assert QImage.fromData(data).size() == image.size()
    assert notes.editor.toPlainText() == ""  # the picture is not pasted as text
    assert strip.list.count() == 1 and strip.list.isVisible()
    assert "Attached to your note" in strip.list.item(0).toolTip()


def test_text_paste_stays_plain_text_even_with_a_picture_beside_it(qtbot, window):
    notes = window.note_editor
    mime = QMimeData()
    mime.setText("Quota: 12 000 permits")
    mime.setHtml("<b>Quota</b>: 12 000 permits")
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    mime.setImageData(image)  # what Word and Excel add to copied text
    QApplication.clipboard().setMimeData(mime)
    notes.editor.setFocus()
    qtbot.keyClick(notes.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert notes.editor.toPlainText() == "Quota: 12 000 permits"
    assert stored(window) == []


def test_a_file_dropped_on_the_strip_goes_with_the_note_shown(qtbot, window, mission, tmp_path):
    notes, strip = window.note_editor, window.attachments_panel
    notes.editor.setFocus()
    notes.editor.insertPlainText("Handout on work permits")
    assert window.autosaver.flush()
    note_id = notes.current_note_id()
    handout = tmp_path / "handout.pdf"
    handout.write_bytes(b"%PDF-1.4 handout")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(handout))])
    with qtbot.waitSignal(strip.changed):
        drag_and_drop(strip, mime)
    [dropped] = stored(window)
    assert (dropped.note_id, dropped.meeting_id, dropped.file_name) == (
        note_id,
        mission.dcm,
        "handout.pdf",
    )

    # On another author's tab the file belongs to the meeting alone.
    notes.tabs.setCurrentIndex(1)
    other = tmp_path / "agenda.pdf"
    other.write_bytes(b"%PDF-1.4 agenda")
    strip.choose_files = lambda: [other]
    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    assert {a.file_name: a.note_id for a in stored(window)} == {
        "handout.pdf": note_id,
        "agenda.pdf": None,
    }


def test_a_picture_dropped_on_the_editor_attaches_to_the_note(qtbot, window, mission, tmp_path):
    notes = window.note_editor
    notes.editor.setFocus()
    notes.editor.insertPlainText("Slide on return migration: ")
    photo = tmp_path / "slide.png"
    photo.write_bytes(png(60, 40))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    with qtbot.waitSignal(window.attachments_panel.changed):
        drag_and_drop(notes.editor.viewport(), mime)
    [dropped] = stored(window)
    assert dropped.note_id == notes.current_note_id() is not None
    assert notes.editor.toPlainText() == "Slide on return migration: "  # no file URL typed in


def test_attachments_of_internal_notes_are_marked_internal(qtbot, window, mission, tmp_path):
    notes, strip = window.note_editor, window.attachments_panel
    photo = tmp_path / "room.png"
    photo.write_bytes(png())
    strip.add_files([photo])  # into the user's (new) note
    with window.database.session() as session:
        attachments.add_attachment_bytes(
            session,
            BlobStore.for_profile(window.data_dir),
            mission.mission,
            png(colour=(9, 9, 9)),
            "zoltan.png",
            meeting_id=mission.dcm,
            note_id=mission.zoltan_note,
        )
    strip.refresh()
    tiles = {strip.list.item(i).text(): strip.list.item(i) for i in range(strip.list.count())}
    assert "Attached to a note by Zoltán Kovács" in tiles["zoltan.png"].toolTip()
    assert not tiles["room.png"].data(INTERNAL_ROLE)

    qtbot.mouseClick(notes.internal_box, Qt.MouseButton.LeftButton)
    assert notes.internal_box.isChecked()
    tiles = {strip.list.item(i).text(): strip.list.item(i) for i in range(strip.list.count())}
    assert tiles["room.png"].data(INTERNAL_ROLE)
    assert "its note is internal" in tiles["room.png"].toolTip()
    assert not tiles["zoltan.png"].data(INTERNAL_ROLE)
    strip.list.setCurrentItem(tiles["room.png"])
    # The note decides: the attachment's own switch shows internal and cannot be turned off.
    assert strip.internal_button.isChecked() and not strip.internal_button.isEnabled()


def test_pictures_pasted_into_mission_notes_are_not_lost_silently(qtbot, window):
    window.navigator.select_entry(Entry.MISSION_NOTES)
    notes = window.note_editor
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    QApplication.clipboard().setImage(image)
    notes.editor.setFocus()
    qtbot.keyClick(notes.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "attached to meetings" in window.message_label.text()
    assert notes.current_note_id() is None  # no empty note made for nothing
