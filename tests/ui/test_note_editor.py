"""The note editor with a real database: autosave, tabs per author, formatting, flags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from fieldnotes.services.actions import list_actions
from fieldnotes.services.notes import get_note, notes_for_meeting
from fieldnotes.ui.autosave import NoteAutosaver, SaveState
from fieldnotes.ui.widgets.note_editor import AuthorNotesView, NoteEditorPanel


@pytest.fixture
def panel(qtbot, user_db, mission, during_dcm):
    autosaver = NoteAutosaver(user_db, delay_ms=100)
    editor = NoteEditorPanel(user_db, autosaver, clock=lambda: during_dcm)
    editor.autosaver = autosaver  # keep a reference for the test's lifetime
    qtbot.addWidget(editor)
    editor.set_meeting(mission.mission, mission.dcm)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def own_notes(db, meeting_id, author_id):
    with db.session() as s:
        return [n.text for n in notes_for_meeting(s, meeting_id) if n.author_id == author_id]


def test_typing_is_saved_after_the_debounce(qtbot, panel, user_db, mission):
    qtbot.keyClicks(panel.editor, "Quota for 2026 agreed")
    panel.editor.insertPlainText(" — Алена Соколова, ő ű ș ț")
    assert own_notes(user_db, mission.dcm, mission.anna) == []  # nothing before the pause
    qtbot.waitUntil(
        lambda: (
            own_notes(user_db, mission.dcm, mission.anna)
            == ["Quota for 2026 agreed — Алена Соколова, ő ű ș ț"]
        ),
        timeout=2000,
    )
    assert panel.autosaver.state is SaveState.SAVED


def test_switching_meeting_saves_at_once(qtbot, panel, user_db, mission):
    panel.autosaver._timer.setInterval(60_000)  # only the switch may save
    qtbot.keyClicks(panel.editor, "before switching")
    panel.autosaver._delay_ms = 60_000
    panel.set_meeting(mission.mission, mission.border)
    assert own_notes(user_db, mission.dcm, mission.anna) == ["before switching"]
    assert panel.editor.toPlainText() == ""


def test_others_have_read_only_tabs(panel, mission):
    assert panel.author_tab_names() == ["My notes", "Zoltán K."]
    view = panel.tabs.widget(1)
    assert isinstance(view, AuthorNotesView)
    assert view.isReadOnly()
    assert "reviewed" in view.toPlainText()
    assert "read-only" in panel.tabs.tabToolTip(1)
    assert not panel.editor.isReadOnly()


def test_ctrl_b_wraps_the_selection(qtbot, panel):
    panel.window().activateWindow()
    qtbot.keyClicks(panel.editor, "quota system")
    cursor = panel.editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    panel.editor.setTextCursor(cursor)
    panel.editor.setFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.toPlainText() == "**quota** system"
    assert panel.editor.textCursor().selectedText() == "quota"
    panel.bold_action.trigger()  # again: removes the markers
    assert panel.editor.toPlainText() == "quota system"


def test_lists_and_headings_toggle(panel):
    panel.editor.setPlainText("one\ntwo")
    panel.editor.selectAll()
    panel.bullet_action.trigger()
    assert panel.editor.toPlainText() == "- one\n- two"
    panel.numbered_action.trigger()
    assert panel.editor.toPlainText() == "1. one\n2. two"
    panel.numbered_action.trigger()
    assert panel.editor.toPlainText() == "one\ntwo"
    panel.heading_action.trigger()
    assert panel.editor.toPlainText() == "## one\n## two"


def test_insert_time_uses_host_time(panel):
    panel.insert_time_action.trigger()
    assert panel.editor.toPlainText() == "[10:30] "  # 07:30 UTC is 10:30 in Minsk


def test_flags_topics_and_internal_marking(qtbot, panel, user_db, mission):
    panel.internal_box.click()  # creates the note on the spot: the flag needs a note
    note_id = panel.current_note_id()
    assert note_id is not None
    assert panel.internal_banner.isVisible()
    panel.key_finding_box.click()
    panel.topics_edit.setText("Work permits, labour migration")
    panel.topics_edit.editingFinished.emit()
    with user_db.session() as s:
        note = get_note(s, note_id)
        assert (note.internal, note.key_finding, len(note.topic_ids)) == (True, True, 2)


def test_new_note_and_add_action(qtbot, panel, user_db, mission):
    qtbot.keyClicks(panel.editor, "First remark")
    panel.new_note_action.trigger()
    assert panel.note_selector.isVisible()
    assert panel.note_selector.count() == 2
    qtbot.keyClicks(panel.editor, "Send the statistics template")
    panel.add_action_action.trigger()
    with user_db.session() as s:
        actions = list_actions(s, mission.mission, meeting_id=mission.dcm)
        assert [a.text for a in actions] == ["Send the statistics template"]
        assert actions[0].note_id == panel.current_note_id()
    qtbot.waitUntil(
        lambda: (
            sorted(own_notes(user_db, mission.dcm, mission.anna))
            == ["First remark", "Send the statistics template"]
        ),
        timeout=2000,
    )


def test_focus_out_saves(qtbot, panel, user_db, mission):
    panel.autosaver._delay_ms = 60_000  # only the focus change may save
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.editor.setFocus()
    qtbot.waitUntil(panel.editor.hasFocus)
    qtbot.keyClicks(panel.editor, "typed")
    panel.topics_edit.setFocus()  # the user moves on to the topics field
    qtbot.waitUntil(lambda: own_notes(user_db, mission.dcm, mission.anna) == ["typed"])


def test_typing_while_a_merge_changes_the_note_loses_neither_text(qtbot, panel, user_db, mission):
    from fieldnotes.model import Note
    from fieldnotes.services.conflicts import list_conflicts

    qtbot.keyClicks(panel.editor, "Quota agreed")
    qtbot.waitUntil(lambda: own_notes(user_db, mission.dcm, mission.anna) == ["Quota agreed"])
    (note_id,) = _own_note_ids(user_db, mission)
    with user_db.session() as session:  # a sync merges the lead's edit of this very note
        stored = session.get(Note, note_id)
        stored.text = "Quota agreed. Ask for the 2025 figures."
        stored.version = {**stored.version, "lead-laptop": 3}
    qtbot.keyClicks(panel.editor, " for 2026")
    qtbot.waitUntil(
        lambda: own_notes(user_db, mission.dcm, mission.anna) == ["Quota agreed for 2026"]
    )
    with user_db.session() as session:
        conflicts = list_conflicts(session, mission.mission)
    assert [c.other for c in conflicts] == ["Quota agreed. Ask for the 2025 figures."]


def _own_note_ids(db, mission):
    with db.session() as s:
        return [n.id for n in notes_for_meeting(s, mission.dcm) if n.author_id == mission.anna]
