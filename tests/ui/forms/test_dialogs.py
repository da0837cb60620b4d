"""New mission, new meeting, and the real deletion question."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldnotes.model import MemberRole
from fieldnotes.services.itinerary import get_meeting, list_meetings
from fieldnotes.services.missions import get_mission, list_missions
from fieldnotes.services.profile import linked_member_id
from fieldnotes.services.team import list_members
from fieldnotes.ui.dialogs.confirm_deletion import confirm_deletion
from fieldnotes.ui.dialogs.meeting_dialog import MeetingDialog
from fieldnotes.ui.dialogs.new_mission_dialog import NewMissionDialog


def test_new_mission_makes_the_user_team_lead(qtbot, user_db, read):
    dialog = NewMissionDialog(user_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Expert mission to Georgia")
    qtbot.keyClicks(dialog.programme_edit, "Prague Process")
    qtbot.keyClicks(dialog.country_edit, "Georgia")
    qtbot.keyClicks(dialog.city_edit, "Tbilisi")
    dialog.start_edit.setDate(QDate(2026, 9, 7))
    dialog.end_edit.setDate(QDate(2026, 9, 9))
    dialog.timezone_combo.setEditText("Asia/Tbilisi")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    mission = read(get_mission, saved.args[0])
    assert (mission.title, mission.city, mission.timezone) == (
        "Expert mission to Georgia",
        "Tbilisi",
        "Asia/Tbilisi",
    )
    assert mission.start_date == dt.date(2026, 9, 7)
    [lead] = read(list_members, mission.id)
    assert lead.name == "Anna Virtanen" and lead.role == MemberRole.TEAM_LEAD
    assert read(linked_member_id, mission.id) == lead.id
    assert not dialog.isVisible()


def test_new_mission_refuses_bad_input(qtbot, user_db, read):
    dialog = NewMissionDialog(user_db)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "A mission needs a title."
    qtbot.keyClicks(dialog.title_edit, "Mission")
    dialog.timezone_combo.setEditText("Mars/Olympus")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Unknown time zone" in dialog.error_label.text()
    dialog.timezone_combo.setEditText("Europe/Minsk")
    dialog.start_edit.setDate(QDate(2026, 9, 9))
    dialog.end_edit.setDate(QDate(2026, 9, 7))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in dialog.error_label.text()
    assert dialog.isVisible()
    assert read(list_missions) == []


def test_new_meeting_defaults_to_the_next_free_day(qtbot, user_db, read, prepared):
    dialog = MeetingDialog(user_db, prepared.mission)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date_edit.value() == dt.date(2026, 5, 13)  # the 12th has a meeting
    qtbot.keyClicks(dialog.title_edit, "State Border Committee")
    dialog.start_edit.setTime(QTime(14, 0))
    dialog.end_edit.setTime(QTime(15, 30))
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    meeting = read(get_meeting, saved.args[0])
    assert (meeting.date, meeting.start_time, meeting.end_time) == (
        dt.date(2026, 5, 13),
        dt.time(14, 0),
        dt.time(15, 30),
    )


def test_new_meeting_refuses_end_before_start(qtbot, user_db, read, prepared):
    dialog = MeetingDialog(user_db, prepared.mission)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Lunch")
    dialog.start_edit.setTime(QTime(14, 0))
    dialog.end_edit.setTime(QTime(13, 0))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in dialog.error_label.text()
    assert len(read(list_meetings, prepared.mission)) == 1


def answer_question(qtbot, button_text):
    """Click ``button_text`` in the message box once it is shown."""
    answered = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        answered.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        button.click()

    QTimer.singleShot(0, click)
    return answered


def test_confirm_deletion_real_box(qtbot):
    asked = answer_question(qtbot, "Delete")
    assert confirm_deletion(None, "Zoltan Kovacs from the team") is True
    assert asked == ["Delete Zoltan Kovacs from the team?"]
    answer_question(qtbot, "Cancel")
    assert confirm_deletion(None, "the meeting") is False
