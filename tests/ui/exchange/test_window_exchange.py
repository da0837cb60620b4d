"""The main window's team exchange: actions in place, sync rounds, the conflict count."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.services import notes, packages
from fieldnotes.services.notes import notes_for_meeting
from fieldnotes.services.sync_settings import (
    AUTO_SYNC_INTERVAL_SECONDS,
    SyncSettings,
    save_sync_settings,
)
from fieldnotes.ui.main_window import MainWindow

NOW = dt.datetime(2026, 5, 12, 7, 42, tzinfo=dt.UTC)


@pytest.fixture
def window(qtbot, pair, runner):
    main = MainWindow(pair.lead, clock=lambda: NOW, runner=runner)
    qtbot.addWidget(main)
    return main


def test_actions_are_in_the_toolbar_and_menus(window):
    exchange = window.exchange
    assert exchange.import_action in window.toolbar.actions()
    assert exchange.import_action.shortcut().toString() == "Ctrl+Shift+I"
    menus = [a for menu in window.menuBar().actions() for a in menu.menu().actions()]
    for action in exchange.actions():
        assert action in menus
    assert exchange.conflicts_action.text() == "&Conflicts (0)"
    assert not exchange.sync_now_action.isEnabled()  # no shared folder yet
    assert not exchange.timer.isActive()


def test_sync_round_merges_the_teammates_package(window, pair, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    with pair.expert.session() as session:
        notes.create_note(session, pair.mission, meeting_id=pair.meeting, text="From Mikko.\n")
    packages.export_package(pair.expert, pair.mission, shared / "mikko.fieldnotes")
    save_sync_settings(pair.lead.path.parent, pair.mission, SyncSettings(shared))
    exchange = window.exchange
    exchange.set_mission(pair.mission)
    assert exchange.timer.isActive()
    assert exchange.timer.interval() == AUTO_SYNC_INTERVAL_SECONDS * 1000
    assert exchange.sync_now_action.isEnabled()

    exchange.sync_now_action.trigger()
    expected = NOW.astimezone().strftime("%H:%M")
    assert exchange.sync_label.text() == f"Synced {expected}"
    assert len(list(shared.glob("*.fieldnotes"))) == 2  # the lead's own package is there too
    with pair.lead.session() as session:
        assert "From Mikko.\n" in {n.text for n in notes_for_meeting(session, pair.meeting)}
    assert "1 package(s) merged" in window.message_label.text()


def test_an_unreachable_folder_is_a_quiet_status(window, pair, tmp_path):
    save_sync_settings(pair.lead.path.parent, pair.mission, SyncSettings(tmp_path / "gone"))
    window.exchange.set_mission(pair.mission)
    window.message_label.clear()
    window.exchange.timer.timeout.emit()  # the automatic round
    assert window.exchange.sync_label.text() == "Shared folder not reachable"
    assert window.message_label.text() == ""


def test_conflict_count_follows_imports_and_resolutions(window, pair):
    with pair.expert.session() as session:
        notes.save_note_text(session, pair.lead_note, "Agenda agreed with the Deputy Head.\n")
    with pair.lead.session() as session:
        notes.save_note_text(session, pair.lead_note, "Agenda agreed after a long debate.\n")
    packages.import_package(pair.lead, pair.export_from_expert())
    assert window.exchange.update_conflict_count() == 1
    assert window.exchange.conflicts_action.text() == "&Conflicts (1)"
