"""The mission overview form: typing saves on commit, bad input is shown and not written."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from fieldnotes.model import MemberRole, MissionStatus
from fieldnotes.services.missions import get_mission
from fieldnotes.services.team import list_members
from fieldnotes.ui.dialogs.member_dialog import MemberDialog
from fieldnotes.ui.widgets.mission_form import MissionForm


@pytest.fixture
def form(qtbot, user_db, prepared, confirm):
    widget = MissionForm(user_db)
    qtbot.addWidget(widget)
    widget.confirm_deletion = confirm
    widget.set_mission(prepared.mission)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)  # keys of the lists are shortcuts: they need an active window
    return widget


def commit_text(qtbot, edit, text):
    """Replace a line edit's text by typing, then press Enter."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_shows_the_mission(form):
    assert form.title_edit.text() == "Expert mission to Belarus"
    assert form.timezone_combo.zone() == "Europe/Minsk"
    assert form.zone_hint.text().startswith("Minsk time")
    assert form.team_model.rowCount() == 2
    assert form.isEnabled()


def test_the_zone_list_is_filled_when_the_field_is_reached(qtbot, form):
    combo = form.timezone_combo
    assert combo.count() == 0  # not at start-up: most users never open it
    combo.setFocus()
    qtbot.waitUntil(lambda: combo.count() > 400)
    assert combo.zone() == "Europe/Minsk"
    assert combo.currentText() == combo.itemText(combo.currentIndex()) == "Europe/Minsk"


def test_typing_saves_each_field(qtbot, form, read, prepared):
    with qtbot.waitSignal(form.changed):
        commit_text(qtbot, form.title_edit, "  Expert   mission to Minsk ")
    with qtbot.waitSignal(form.changed):
        commit_text(qtbot, form.city_edit, "Grodno")
    mission = read(get_mission, prepared.mission)
    assert mission.title == "Expert mission to Minsk"
    assert mission.city == "Grodno"
    # The form shows what was stored, cleaned by the service.
    assert form.title_edit.text() == "Expert mission to Minsk"


def test_multiline_fields_save_when_focus_leaves(qtbot, form, read, prepared):
    form.components_edit.setFocus()
    form.components_edit.insertPlainText("Objective 2 — Knowledge Base\n\nPilot Project 2\n")
    with qtbot.waitSignal(form.changed):
        form.title_edit.setFocus()
    form.objectives_edit.setFocus()
    qtbot.keyClicks(form.objectives_edit, "Assess labour migration")
    with qtbot.waitSignal(form.changed):
        qtbot.keyClick(form.objectives_edit, Qt.Key.Key_Tab)  # Tab leaves the field
    mission = read(get_mission, prepared.mission)
    assert mission.components == ["Objective 2 — Knowledge Base", "Pilot Project 2"]
    assert mission.objectives == "Assess labour migration"


def test_status_and_time_zone(qtbot, form, read, prepared):
    form.status_combo.setFocus()
    with qtbot.waitSignal(form.changed):
        qtbot.keyClick(form.status_combo, Qt.Key.Key_Down)
        form.status_combo.activated.emit(form.status_combo.currentIndex())
    form.timezone_combo.setFocus()
    with qtbot.waitSignal(form.changed):
        commit_text(qtbot, form.timezone_combo.lineEdit(), "Asia/Tbilisi")
    mission = read(get_mission, prepared.mission)
    assert mission.status == MissionStatus.IN_PROGRESS
    assert mission.timezone == "Asia/Tbilisi"
    assert form.zone_hint.text().startswith("Tbilisi time")


def test_empty_title_is_refused(qtbot, form, read, prepared):
    with qtbot.assertNotEmitted(form.changed):
        commit_text(qtbot, form.title_edit, "   ")
    assert form.error_label.isVisible()
    assert form.error_label.text() == "A mission needs a title."
    assert read(get_mission, prepared.mission).title == "Expert mission to Belarus"
    # Fixing the field clears the message.
    with qtbot.waitSignal(form.changed):
        commit_text(qtbot, form.title_edit, "Mission to Belarus")
    assert not form.error_label.isVisible()


def test_unknown_time_zone_is_refused(qtbot, form, read, prepared):
    with qtbot.assertNotEmitted(form.changed):
        commit_text(qtbot, form.timezone_combo.lineEdit(), "Europe/Atlantis")
    assert "Unknown time zone" in form.error_label.text()
    assert read(get_mission, prepared.mission).timezone == "Europe/Minsk"


def test_end_before_start_is_refused(qtbot, form, read, prepared):
    with qtbot.assertNotEmitted(form.changed):
        form.end_edit.setDate(QDate(2026, 5, 1))  # as a pick in the calendar pop-up does
    assert "ends before it starts" in form.error_label.text()
    assert read(get_mission, prepared.mission).end_date == dt.date(2026, 5, 14)
    with qtbot.waitSignal(form.changed):
        form.end_edit.setDate(QDate(2026, 5, 15))
    assert read(get_mission, prepared.mission).end_date == dt.date(2026, 5, 15)
    assert not form.error_label.isVisible()


def test_no_mission_disables_the_form(form):
    form.set_mission(None)
    assert not form.isEnabled()
    assert form.title_edit.text() == ""
    assert form.team_model.rowCount() == 0


def test_add_member(qtbot, form, read, prepared):
    qtbot.mouseClick(form.add_member_button, Qt.MouseButton.LeftButton)
    dialog = form.findChild(MemberDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Ioana Popescu")
    qtbot.keyClicks(dialog.country_edit, "Romania")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("observer"))
    with qtbot.waitSignal(form.changed):
        qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    names = {m.name: m for m in read(list_members, prepared.mission)}
    assert names["Ioana Popescu"].country == "Romania"
    assert names["Ioana Popescu"].role == MemberRole.OBSERVER
    assert form.team_model.rowCount() == 3


def test_member_without_name_keeps_dialog_open(qtbot, form, read, prepared):
    form.add_member()
    dialog = form.findChild(MemberDialog)
    qtbot.keyClicks(dialog.country_edit, "Romania")
    with qtbot.assertNotEmitted(form.changed):
        qtbot.keyClick(dialog.country_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A team member needs a name."
    assert len(read(list_members, prepared.mission)) == 2


def test_edit_member(qtbot, form, read, prepared):
    form.team_view.setFocus()
    form.team_view.selectRow(form.team_model.row_of(prepared.expert))
    qtbot.keyClick(form.team_view, Qt.Key.Key_Return)
    dialog = form.findChild(MemberDialog)
    assert dialog.name_edit.text() == "Zoltan Kovacs"
    dialog.name_edit.clear()
    dialog.name_edit.insert("Zoltán Kovács")  # not typed: keyClicks takes ASCII only
    with qtbot.waitSignal(form.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Zoltán Kovács" in {m.name for m in read(list_members, prepared.mission)}


def test_remove_member_asks_first(qtbot, form, read, prepared, confirm):
    form.team_view.selectRow(form.team_model.row_of(prepared.expert))
    confirm.answer = False
    with qtbot.assertNotEmitted(form.changed):
        qtbot.mouseClick(form.remove_member_button, Qt.MouseButton.LeftButton)
    assert len(read(list_members, prepared.mission)) == 2
    confirm.answer = True
    form.team_view.setFocus()
    with qtbot.waitSignal(form.changed):
        qtbot.keyClick(form.team_view, Qt.Key.Key_Delete)
    assert confirm.asked == ["Zoltan Kovacs from the team"] * 2
    assert [m.id for m in read(list_members, prepared.mission)] == [prepared.lead]
    assert form.team_model.rowCount() == 1


def test_inputs_have_accessible_names(form, unnamed_inputs):
    assert unnamed_inputs(form) == []
