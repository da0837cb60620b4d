"""The attachments strip driven like a user: add files, paste a picture, drop files, caption."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from user_gestures import drag_and_drop

from attachment_pictures import png, sideways_jpeg
from fieldnotes.services import attachments, itinerary, missions
from fieldnotes.store.blobs import BlobStore
from fieldnotes.ui.widgets.attachments_panel import INTERNAL_ROLE, AttachmentsPanel


@pytest.fixture
def panel(qtbot, user_db):
    with user_db.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        meeting = itinerary.add_meeting(
            session, mission.id, title="Meeting at the DCM", date=dt.date(2026, 5, 12)
        )
    widget = AttachmentsPanel(user_db)
    qtbot.addWidget(widget)
    widget.set_mission(mission.id)
    assert not widget.add_button.isEnabled()  # no meeting chosen yet
    widget.set_meeting(meeting.id)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(panel):
    with panel.database.session() as session:
        return attachments.list_attachments(session, panel.mission_id, meeting_id=panel.meeting_id)


def test_add_files_through_the_button_shows_upright_thumbnails(qtbot, panel, tmp_path):
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(sideways_jpeg(80, 40))
    handout = tmp_path / "handout.pdf"
    handout.write_bytes(b"%PDF-1.4 handout")
    panel.choose_files = lambda: [photo, handout]
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 2
    assert [a.file_name for a in stored(panel)] == ["IMG_0042.jpg", "handout.pdf"]
    thumb = panel.list.item(0).icon().pixmap(96, 96).size()
    assert thumb.height() > thumb.width()  # the sideways photo is shown upright
    assert BlobStore.for_profile(panel.data_dir).has(stored(panel)[0].sha256)


def test_paste_an_image_from_the_clipboard(qtbot, panel):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    QApplication.clipboard().setImage(image)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    [pasted] = stored(panel)
    assert (pasted.file_name, pasted.media_type) == ("Pasted picture.png", "image/png")
    data = BlobStore.for_profile(panel.data_dir).read(pasted.sha256)
    assert QImage.fromData(data).size() == image.size()


def test_paste_without_a_picture_says_so(qtbot, panel):
    QApplication.clipboard().setText("just words")
    qtbot.mouseClick(panel.paste_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "The clipboard holds no picture to attach."
    assert stored(panel) == []


def test_drop_files_onto_the_strip(qtbot, panel, tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(png(colour=(255, 0, 0)))
    second.write_bytes(png(colour=(0, 0, 255)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    with qtbot.waitSignal(panel.changed):
        drag_and_drop(panel, mime)
    assert sorted(a.file_name for a in stored(panel)) == ["a.png", "b.png"]


def test_caption_internal_open_and_remove(qtbot, panel, tmp_path):
    photo = tmp_path / "slide.png"
    photo.write_bytes(png())
    panel.add_files([photo])
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    panel.ask_caption = lambda current: "Organigram of the DCM"
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert stored(panel)[0].caption == "Organigram of the DCM"
    assert panel.list.item(0).text() == "Organigram of the DCM"
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.internal_button, Qt.MouseButton.LeftButton)
    tile = panel.list.item(0)
    assert stored(panel)[0].internal and tile.data(INTERNAL_ROLE)
    # Marked by a drawn lock and the tint, not by an emoji the shipped font cannot draw.
    assert tile.text() == "Organigram of the DCM"
    assert "Internal" in tile.toolTip()
    opened = []
    panel.open_url = lambda url: opened.append(url.toLocalFile()) or True
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].endswith("slide.png")
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert stored(panel) == [] and panel.list.count() == 0


def test_a_file_over_the_limit_is_refused_with_a_message(qtbot, panel, tmp_path):
    huge = tmp_path / "lecture.mov"
    with huge.open("wb") as stream:
        stream.truncate(attachments.MAX_ATTACHMENT_BYTES + 1)  # sparse: nothing is written
    small = tmp_path / "ok.png"
    small.write_bytes(png())
    assert panel.add_files([huge, small]) == 1
    assert "lecture.mov" in panel.message.text() and "the limit" in panel.message.text()
    assert [a.file_name for a in stored(panel)] == ["ok.png"]
