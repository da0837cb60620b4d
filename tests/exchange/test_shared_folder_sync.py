"""Shared-folder sync: own package written atomically, others merged, offline is quiet."""

from __future__ import annotations

from pathlib import Path

from exchange_team import Team

from fieldnotes.services import notes
from fieldnotes.services.sync import own_package_name, sync_mission


def test_everyone_converges_through_the_folder(team: Team, tmp_path: Path):
    shared = tmp_path / "share"
    shared.mkdir()
    for index, expert in enumerate(team.experts):
        with expert.session() as session:
            notes.create_note(session, team.ids.mission, text=f"Feedback {index}.\n")
    for _ in range(2):
        for database in team.everyone:
            status = sync_mission(database, team.ids.mission, shared)
            assert status.ok, status.failed
    names = sorted(p.name for p in shared.iterdir())
    assert len(names) == 4 and not any(n.startswith(".") for n in names)
    with team.lead.session() as session:
        texts = {n.text for n in notes.mission_notes(session, team.ids.mission)}
    assert texts == {"Feedback 0.\n", "Feedback 1.\n", "Feedback 2.\n"}


def test_unreachable_folder_is_a_quiet_status(team: Team, tmp_path: Path):
    status = sync_mission(team.lead, team.ids.mission, tmp_path / "unplugged")
    assert not status.reachable and "not reachable" in status.message
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert not sync_mission(team.lead, team.ids.mission, a_file).reachable


def test_damaged_package_in_folder_is_reported_not_raised(team: Team, tmp_path: Path):
    shared = tmp_path / "share"
    shared.mkdir()
    (shared / "broken.fieldnotes").write_bytes(b"PK\x03\x04 broken")
    (shared / ".half-written.fieldnotes.tmp").write_bytes(b"")
    status = sync_mission(team.lead, team.ids.mission, shared)
    assert status.reachable and [name for name, _ in status.failed] == ["broken.fieldnotes"]
    assert status.written is not None and status.written.exists()


def test_own_package_name_cannot_collide():
    a = own_package_name("Zsófia Kovács", "1" * 36, "device-a")
    b = own_package_name("Zsófia Kovács", "1" * 36, "device-b")
    assert a != b and a.startswith("zsofia-kovacs-") and a.endswith(".fieldnotes")
