"""The counterparts tree: add, edit, delete; a meeting's "Counterparts met"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldnotes.services.counterparts import list_contacts, list_organisations
from fieldnotes.services.itinerary import get_meeting
from fieldnotes.ui.dialogs.contact_dialog import ContactDialog
from fieldnotes.ui.dialogs.organisation_dialog import OrganisationDialog
from fieldnotes.ui.models.counterparts_tree_model import INTERNAL_ROLE
from fieldnotes.ui.widgets.counterparts_panel import CounterpartsPanel


@pytest.fixture
def panel(qtbot, user_db, prepared, confirm):
    widget = CounterpartsPanel(user_db)
    qtbot.addWidget(widget)
    widget.confirm_deletion = confirm
    widget.set_mission(prepared.mission)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def shown_names(panel):
    model = panel.model
    names = []
    for i in range(model.rowCount()):
        organisation = model.index(i, 0)
        names.append(organisation.data())
        names += [
            model.index(j, 0, organisation).data() for j in range(model.rowCount(organisation))
        ]
    return names


def test_tree_of_the_mission(panel, prepared):
    assert shown_names(panel) == [
        "Department for Citizenship and Migration (DCM)",
        "Aliaksei Begun · Head",
        "International Organization for Migration (IOM)",
        "Without organisation",
        "Interpreter Olga",
    ]
    internal = panel.model.index_of(prepared.interpreter)
    assert internal.data(INTERNAL_ROLE) is True
    assert internal.data(Qt.ItemDataRole.DecorationRole) is not None  # the lock
    assert internal.data(Qt.ItemDataRole.BackgroundRole) is not None  # the tint


def test_meeting_scope_shows_who_was_met(panel, prepared):
    panel.set_meeting(prepared.meeting)
    assert panel.scope.meeting_only
    assert panel.heading.text() == "Counterparts met"
    assert shown_names(panel) == [
        "Department for Citizenship and Migration (DCM)",
        "Aliaksei Begun · Head",
    ]
    panel.scope.mission_button.click()
    assert len(shown_names(panel)) == 5
    panel.set_meeting(None)
    assert not panel.scope.meeting_button.isEnabled()


def test_add_organisation(qtbot, panel, read, prepared):
    qtbot.mouseClick(panel.add_organisation_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(OrganisationDialog)
    qtbot.keyClicks(dialog.name_edit, "UNHCR Representation")
    qtbot.keyClicks(dialog.acronym_edit, "UNHCR")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("international_organisation"))
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.acronym_edit, Qt.Key.Key_Return)
    names = {o.acronym: o for o in read(list_organisations, prepared.mission)}
    assert names["UNHCR"].name == "UNHCR Representation"
    assert "UNHCR Representation (UNHCR)" in shown_names(panel)


def test_add_contact_in_a_meeting_records_them_as_met(qtbot, panel, read, prepared):
    panel.set_meeting(prepared.meeting)
    panel.view.setCurrentIndex(panel.model.index_of(prepared.dcm))
    panel.add_contact()
    dialog = panel.findChild(ContactDialog)
    assert dialog.organisation_combo.currentData() == prepared.dcm
    dialog.name_edit.insert("Алена Соколова")
    qtbot.keyClicks(dialog.position_edit, "Deputy head")
    qtbot.mouseClick(dialog.internal_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    contact = next(c for c in read(list_contacts, prepared.mission) if c.position == "Deputy head")
    assert contact.name == "Алена Соколова"
    assert contact.internal
    assert contact.organisation_id == prepared.dcm
    assert contact.id in read(get_meeting, prepared.meeting).contact_ids
    assert "Алена Соколова · Deputy head" in shown_names(panel)


def test_contact_without_name_is_refused(qtbot, panel, read, prepared):
    panel.add_contact()
    dialog = panel.findChild(ContactDialog)
    qtbot.keyClicks(dialog.position_edit, "Driver")
    with qtbot.assertNotEmitted(panel.changed):
        qtbot.keyClick(dialog.position_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "A contact needs a name."
    assert len(read(list_contacts, prepared.mission)) == 2


def test_edit_contact(qtbot, panel, read, prepared):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index_of(prepared.head))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    dialog = panel.findChild(ContactDialog)
    assert dialog.name_edit.text() == "Aliaksei Begun"
    dialog.position_edit.clear()
    qtbot.keyClicks(dialog.position_edit, "Head of Department")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    contact = next(c for c in read(list_contacts, prepared.mission) if c.id == prepared.head)
    assert contact.position == "Head of Department"


def test_delete_organisation_asks_and_keeps_its_people(qtbot, panel, read, prepared, confirm):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index_of(prepared.dcm))
    confirm.answer = False
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(read(list_organisations, prepared.mission)) == 2
    confirm.answer = True
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert confirm.asked[-1] == "Department for Citizenship and Migration (DCM)"
    assert [o.id for o in read(list_organisations, prepared.mission)] == [prepared.iom]
    assert "Aliaksei Begun · Head" in shown_names(panel)  # now without organisation


def test_delete_contact(qtbot, panel, read, prepared, confirm):
    panel.view.setCurrentIndex(panel.model.index_of(prepared.interpreter))
    with qtbot.waitSignal(panel.changed):
        panel.remove_selected()
    assert confirm.asked == ["Interpreter Olga"]
    assert [c.id for c in read(list_contacts, prepared.mission)] == [prepared.head]


def test_remove_from_meeting_needs_no_question(qtbot, panel, read, prepared, confirm):
    panel.set_meeting(prepared.meeting)
    panel.view.setCurrentIndex(panel.model.index_of(prepared.head))
    assert panel.remove_button.text() == "Remove…"
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert confirm.asked is None
    assert read(get_meeting, prepared.meeting).contact_ids == []
    assert len(read(list_contacts, prepared.mission)) == 2


def test_select_record_widens_the_scope(panel, prepared):
    panel.set_meeting(prepared.meeting)
    panel.select_record(prepared.interpreter)  # not met in this meeting
    assert not panel.scope.meeting_only
    assert panel.view.currentIndex().data() == "Interpreter Olga"


def test_inputs_have_accessible_names(panel, unnamed_inputs):
    assert unnamed_inputs(panel) == []
