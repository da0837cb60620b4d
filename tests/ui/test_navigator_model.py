"""The navigator's tree model, with plain rows and with a real mission."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fieldnotes.ui.models.navigator_model import (
    DayRow,
    Entry,
    MeetingRow,
    NavigatorModel,
    Role,
)
from fieldnotes.ui.widgets.navigator import NavigatorView

DAYS = [
    DayRow(
        dt.date(2025, 5, 12),
        (
            MeetingRow("m1", dt.time(9), dt.time(11), "DCM", "Meeting"),
            MeetingRow("m2", dt.time(14), None, "Employment office", "Site visit", cancelled=True),
        ),
    ),
    DayRow(dt.date(2025, 5, 13), (MeetingRow("m3", None, None, "Border", "Meeting"),)),
]


def test_model_passes_qt_model_tester(qtmodeltester):
    model = NavigatorModel()
    qtmodeltester.check(model)
    model.set_rows("mission", "Mission to Belarus", DAYS)
    qtmodeltester.check(model)
    model.set_current_meeting("m1")
    model.clear()
    qtmodeltester.check(model)


def test_tree_is_mission_days_meetings_then_sections(qapp):
    model = NavigatorModel()
    model.set_rows("mission", "Mission to Belarus", DAYS)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Mission to Belarus", "Mission notes", "Counterparts", "Actions"]
    mission = model.index(0, 0)
    assert [model.index(r, 0, mission).data() for r in range(2)] == ["Mon 12 May", "Tue 13 May"]
    day = model.index(0, 0, mission)
    first = model.index(0, 0, day)
    assert first.data() == "09:00  DCM"
    assert first.data(Role.ENTRY) == Entry.MEETING
    assert first.data(Role.DETAILS) == "09:00–11:00 · Meeting"
    cancelled = model.index(1, 0, day)
    assert cancelled.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "cancelled" in cancelled.data(Qt.ItemDataRole.ToolTipRole)
    assert model.meeting_index("m3").parent().data() == "Tue 13 May"


def test_view_selects_meetings_and_sections(qtbot, user_db, mission):
    view = NavigatorView(user_db)
    qtbot.addWidget(view)
    view.set_mission(mission.mission)
    with qtbot.waitSignal(view.meeting_selected) as blocker:
        assert view.select_meeting(mission.border)
    assert blocker.args == [mission.border]
    with qtbot.waitSignal(view.section_selected) as blocker:
        view.select_entry(Entry.ACTIONS)
    assert blocker.args == [Entry.ACTIONS]
    view.refresh()  # keeps the selection
    assert view.current_entry() == (Entry.ACTIONS, mission.mission)
