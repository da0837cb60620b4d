"""The conflicts view: a note changed on two laptops, settled by Keep theirs or a merged text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldnotes.services import itinerary, notes, packages
from fieldnotes.services.conflicts import list_conflicts, suggest_merged_text
from fieldnotes.services.text_diff import side_by_side
from fieldnotes.ui.widgets.conflicts_view import ConflictsView, diff_html, value_text

EXPERT_VERSION = "Agenda agreed with the Deputy Head.\nParticipants: DCM and MFA.\n"
LEAD_VERSION = "Agenda agreed after a long debate.\nParticipants: DCM and MFA.\n"


@pytest.fixture
def note_conflict(pair):
    """The lead and the expert edited the same line of the lead's note at the same time."""
    with pair.expert.session() as session:
        notes.save_note_text(session, pair.lead_note, EXPERT_VERSION)
    with pair.lead.session() as session:
        notes.save_note_text(session, pair.lead_note, LEAD_VERSION)
    packages.import_package(pair.lead, pair.export_from_expert())
    return pair


def _note_text(pair) -> str:
    with pair.lead.session() as session:
        return notes.get_note(session, pair.lead_note).text


def _view(qtbot, pair) -> ConflictsView:
    view = ConflictsView(pair.lead, pair.mission)
    qtbot.addWidget(view)
    return view


def test_both_versions_side_by_side_with_the_differences_marked(qtbot, note_conflict):
    view = _view(qtbot, note_conflict)
    assert view.conflict_list.count() == 1
    assert view.conflict_list.item(0).text().startswith("Note “Agenda agreed")
    assert "1 open conflict" in view.heading.text()
    shown = view.current_conflict()
    assert shown is not None and shown.is_text
    assert view.detail.currentWidget() is view.text_page
    assert {shown.current, shown.other} == {EXPERT_VERSION, LEAD_VERSION}
    assert "Current version" in view.current_title.text()
    assert ("yours (Lead Person)" in view.other_title.text()) == (shown.other == LEAD_VERSION)
    assert ("by Mikko Laine" in view.other_title.text()) == (shown.other == EXPERT_VERSION)
    current = view.current_browser.toPlainText()
    other = view.other_browser.toPlainText()
    assert current.splitlines() == shown.current.splitlines()
    assert other.splitlines() == shown.other.splitlines()
    # Only the changed words carry the stronger mark; the shared line is not marked.
    marked = view.current_browser.toHtml()
    assert "Participants" in marked and "background-color" in marked


def test_keep_theirs_takes_the_other_version(qtbot, note_conflict):
    view = _view(qtbot, note_conflict)
    other = view.current_conflict().other
    with qtbot.waitSignal(view.changed), qtbot.waitSignal(view.count_changed) as count:
        qtbot.mouseClick(view.take_other_button, Qt.MouseButton.LeftButton)
    assert count.args == [0]
    assert _note_text(note_conflict) == other
    assert view.conflict_list.count() == 0
    assert view.detail.currentWidget() is view.empty_page
    with note_conflict.lead.session() as session:
        assert list_conflicts(session, note_conflict.mission) == []


def test_keep_current_keeps_the_merged_version(qtbot, note_conflict):
    view = _view(qtbot, note_conflict)
    current = view.current_conflict().current
    qtbot.mouseClick(view.keep_current_button, Qt.MouseButton.LeftButton)
    assert _note_text(note_conflict) == current
    assert view.conflict_count() == 0


def test_edit_a_merged_text(qtbot, note_conflict):
    view = _view(qtbot, note_conflict)
    shown = view.current_conflict()
    assert not view.merge_box.isVisibleTo(view)
    qtbot.mouseClick(view.edit_merged_button, Qt.MouseButton.LeftButton)
    assert view.merge_box.isVisibleTo(view)
    suggested = view.merged_edit.toPlainText()
    assert suggested == suggest_merged_text(shown.current, shown.other)
    assert "Deputy Head" in suggested and "long debate" in suggested
    merged = (
        "Agenda agreed with the Deputy Head after a long debate.\n"
        "Participants: DCM and MFA — и МВД.\n"
    )
    view.merged_edit.setPlainText(merged)  # non-ASCII: keyClicks would abort
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.save_merged_button, Qt.MouseButton.LeftButton)
    assert _note_text(note_conflict) == merged
    assert view.conflict_count() == 0


def test_another_record_shows_the_field_that_differs(qtbot, pair):
    with pair.expert.session() as session:
        itinerary.update_meeting(session, pair.meeting, venue="Ministry of Labour")
    with pair.lead.session() as session:
        itinerary.update_meeting(session, pair.meeting, venue="Ministry of Interior")
    packages.import_package(pair.lead, pair.export_from_expert())
    view = _view(qtbot, pair)
    shown = view.current_conflict()
    assert shown is not None and shown.field == "venue"
    assert view.detail.currentWidget() is view.field_page
    assert view.field_name_label.text() == "Venue"
    assert {view.field_current_label.text(), view.field_other_label.text()} == {
        "Ministry of Labour",
        "Ministry of Interior",
    }
    assert shown.other_member in view.field_other_header.text()
    qtbot.mouseClick(view.field_take_other_button, Qt.MouseButton.LeftButton)
    with pair.lead.session() as session:
        assert itinerary.get_meeting(session, pair.meeting).venue == shown.other
    assert view.conflict_count() == 0


def test_no_mission_and_no_conflicts(qtbot, pair):
    view = ConflictsView(pair.lead, None)
    qtbot.addWidget(view)
    assert view.conflict_count() == 0
    assert view.detail.currentWidget() is view.empty_page
    view.set_mission(pair.mission)
    assert "No open conflicts" in view.heading.text()


def test_diff_html_marks_changed_words_only():
    left, _right = side_by_side("a <b> same\nkept\n", "a <c> same\nkept\n")
    html = diff_html(left, "#line", "#word")
    assert '<span style="background-color:#word;">b</span>' in html
    assert "&lt;" in html  # text is escaped, never taken as markup
    assert html.count("#line") == 1  # the unchanged second line is not tinted
    assert value_text(None) == "(empty)" and value_text(True) == "Yes"
    assert value_text(["x", "y"]) == ", ".join(["x", "y"])
