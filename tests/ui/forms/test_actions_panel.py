"""The actions list: tick done, add, edit, delete; per meeting or for the whole mission."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from fieldnotes.model import ActionStatus
from fieldnotes.services.actions import add_action, list_actions
from fieldnotes.ui.dialogs.action_dialog import ActionDialog
from fieldnotes.ui.models.actions_table_model import ActionsTableModel
from fieldnotes.ui.widgets.actions_panel import ActionsPanel


@pytest.fixture
def actions(user_db, prepared):
    with user_db.session() as s:
        mou = add_action(
            s,
            prepared.mission,
            text="Send the draft MoU",
            meeting_id=prepared.meeting,
            owner_organisation_id=prepared.dcm,
            due_date=dt.date(2026, 6, 1),
        )
        stats = add_action(
            s, prepared.mission, text="Share statistics", owner_member_id=prepared.lead
        )
    return mou.id, stats.id


@pytest.fixture
def panel(qtbot, user_db, prepared, actions, confirm):
    widget = ActionsPanel(user_db)
    qtbot.addWidget(widget)
    widget.confirm_deletion = confirm
    widget.set_mission(prepared.mission)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def texts(panel):
    model = panel.model
    return [model.index(r, ActionsTableModel.TEXT).data() for r in range(model.rowCount())]


def test_lists_actions_with_owner_and_due(panel):
    model = panel.model
    assert texts(panel) == ["Send the draft MoU", "Share statistics"]
    assert model.index(0, ActionsTableModel.OWNER).data() == "DCM"
    assert model.index(0, ActionsTableModel.DUE).data() == "01 Jun 2026"
    assert model.index(1, ActionsTableModel.OWNER).data() == "Anna Virtanen"


def test_meeting_scope(panel, prepared):
    panel.set_meeting(prepared.meeting)
    assert texts(panel) == ["Send the draft MoU"]
    panel.scope.mission_button.click()
    assert len(texts(panel)) == 2


def test_tick_marks_done(qtbot, panel, read, prepared, actions):
    index = panel.model.index(0, ActionsTableModel.DONE)
    with qtbot.waitSignal(panel.changed):
        panel.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    statuses = {a.id: a.status for a in read(list_actions, prepared.mission)}
    assert statuses[actions[0]] == ActionStatus.DONE
    # Space on the selected row toggles back.
    panel.view.setFocus()
    panel.view.selectRow(0)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    statuses = {a.id: a.status for a in read(list_actions, prepared.mission)}
    assert statuses[actions[0]] == ActionStatus.OPEN


def test_add_action_to_the_meeting(qtbot, panel, read, prepared):
    panel.set_meeting(prepared.meeting)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(ActionDialog)
    dialog.text_edit.setFocus()
    qtbot.keyClicks(dialog.text_edit, "Ask for the quota statistics 2024")
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findData("member:" + prepared.expert))
    dialog.due_edit.setDate(QDate(2026, 7, 1))
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    action = next(a for a in read(list_actions, prepared.mission) if a.text.startswith("Ask"))
    assert action.meeting_id == prepared.meeting
    assert action.owner_member_id == prepared.expert
    assert action.due_date == dt.date(2026, 7, 1)
    assert "Ask for the quota statistics 2024" in texts(panel)


def test_action_without_text_is_refused(qtbot, panel, read, prepared):
    panel.add_action()
    dialog = panel.findChild(ActionDialog)
    with qtbot.assertNotEmitted(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "An action needs a description."
    assert len(read(list_actions, prepared.mission)) == 2


def test_edit_action(qtbot, panel, read, prepared, actions):
    panel.view.setFocus()
    panel.view.selectRow(1)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    dialog = panel.findChild(ActionDialog)
    assert dialog.text_edit.toPlainText() == "Share statistics"
    assert dialog.owner_combo.currentData() == "member:" + prepared.lead
    dialog.internal_check.setChecked(True)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("in_progress"))
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    action = next(a for a in read(list_actions, prepared.mission) if a.id == actions[1])
    assert action.internal and action.status == ActionStatus.IN_PROGRESS


def test_delete_action_asks(qtbot, panel, read, prepared, actions, confirm):
    panel.view.setFocus()
    panel.view.selectRow(0)
    confirm.answer = False
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(read(list_actions, prepared.mission)) == 2
    confirm.answer = True
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert confirm.asked == ["the action “Send the draft MoU”"] * 2
    assert [a.id for a in read(list_actions, prepared.mission)] == [actions[1]]


def test_ctrl_enter_opens_the_meeting(qtbot, panel, prepared):
    panel.view.setFocus()
    panel.view.selectRow(0)
    with qtbot.waitSignal(panel.meeting_selected) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [prepared.meeting]


def test_inputs_have_accessible_names(panel, unnamed_inputs):
    assert unnamed_inputs(panel) == []
