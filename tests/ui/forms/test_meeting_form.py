"""The meeting header and its details: saved as fields are left, ticks saved at once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime

from fieldnotes.model import MeetingKind
from fieldnotes.services.itinerary import get_meeting, list_meetings
from fieldnotes.ui.widgets.meeting_form import MeetingForm


@pytest.fixture
def form(qtbot, user_db, prepared, confirm):
    widget = MeetingForm(user_db)
    qtbot.addWidget(widget)
    widget.confirm_deletion = confirm
    widget.set_mission(prepared.mission)
    widget.set_meeting(prepared.meeting)
    widget.show()
    return widget


def check(model, record_id, checked=True):
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    model.setData(model.index(model.row_of(record_id), 0), state, Qt.ItemDataRole.CheckStateRole)


def test_header_names_the_host_time(form):
    assert form.title_label.text() == "Meeting at the DCM"
    assert "09:00–10:30 Minsk time" in form.facts_label.text()
    assert "Met: DCM; Aliaksei Begun" in form.people_label.text()
    assert "Attending: Anna Virtanen" in form.people_label.text()
    assert not form.details.isVisible()


def test_edit_toggle_and_typing(qtbot, form, read, prepared):
    qtbot.mouseClick(form.edit_button, Qt.MouseButton.LeftButton)
    assert form.details.isVisible()
    assert form.zone_label.text() == "Minsk time"
    form.venue_edit.setFocus()
    qtbot.keyClicks(form.venue_edit, "Ministry of Internal Affairs, room 214")
    with qtbot.waitSignal(form.changed):
        qtbot.keyClick(form.venue_edit, Qt.Key.Key_Return)
    form.agenda_edit.setFocus()
    form.agenda_edit.insertPlainText("Work permits; quotas for Ukrainian workers — статистика")
    with qtbot.waitSignal(form.changed):
        form.venue_edit.setFocus()
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("site_visit"))
    with qtbot.waitSignal(form.changed):
        form.kind_combo.activated.emit(form.kind_combo.currentIndex())
    meeting = read(get_meeting, prepared.meeting)
    assert meeting.venue == "Ministry of Internal Affairs, room 214"
    assert meeting.agenda.endswith("статистика")
    assert meeting.kind == MeetingKind.SITE_VISIT
    assert "Site visit" in form.facts_label.text()
    assert "room 214" in form.facts_label.text()


def test_times_and_end_before_start(qtbot, form, read, prepared):
    form.edit_button.setChecked(True)
    with qtbot.waitSignal(form.changed):
        form.end_edit.setTime(QTime(11, 15))
    assert read(get_meeting, prepared.meeting).end_time == dt.time(11, 15)
    with qtbot.assertNotEmitted(form.changed):
        form.start_edit.setTime(QTime(12, 0))
    assert "ends before it starts" in form.error_label.text()
    assert form.error_label.isVisible()
    assert read(get_meeting, prepared.meeting).start_time == dt.time(9, 0)


def test_empty_title_is_refused(qtbot, form, read, prepared):
    form.edit_button.setChecked(True)
    form.title_edit.selectAll()
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Delete)
    with qtbot.assertNotEmitted(form.changed):
        qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert form.error_label.text() == "A meeting needs a title."
    assert read(get_meeting, prepared.meeting).title == "Meeting at the DCM"


def test_ticking_saves_who_was_met(qtbot, form, read, prepared):
    form.edit_button.setChecked(True)
    # People of organisations not met are not offered; ticking IOM would offer its people.
    offered = {
        form.contacts_model.index(r, 0).data() for r in range(form.contacts_model.rowCount())
    }
    assert offered == {"Aliaksei Begun — Head", "Interpreter Olga"}
    with qtbot.waitSignal(form.changed):
        check(form.organisations_model, prepared.iom)
    with qtbot.waitSignal(form.changed):
        check(form.contacts_model, prepared.interpreter)
    with qtbot.waitSignal(form.changed):
        check(form.members_model, prepared.expert)
    with qtbot.waitSignal(form.changed):
        check(form.members_model, prepared.lead, checked=False)
    meeting = read(get_meeting, prepared.meeting)
    assert meeting.organisation_ids == [prepared.dcm, prepared.iom]
    assert meeting.contact_ids == [prepared.head, prepared.interpreter]
    assert meeting.member_ids == [prepared.expert]
    assert "Attending: Zoltan Kovacs" in form.people_label.text()


def test_delete_meeting_asks_first(qtbot, form, read, prepared, confirm):
    confirm.answer = False
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert len(read(list_meetings, prepared.mission)) == 1
    confirm.answer = True
    with qtbot.waitSignal(form.meeting_deleted) as deleted:
        qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args == [prepared.meeting]
    assert "Meeting at the DCM" in confirm.asked[-1]
    assert read(list_meetings, prepared.mission) == []
    assert form.title_label.text() == "No meeting selected"
    assert not form.edit_button.isEnabled()


def test_no_meeting(form):
    form.set_meeting(None)
    assert form.title_label.text() == "No meeting selected"
    assert not form.delete_button.isEnabled()


def test_inputs_have_accessible_names(form, unnamed_inputs):
    form.edit_button.setChecked(True)
    assert unnamed_inputs(form) == []
