"""A damaged database is found at start and restored from the newest good backup.

The damage is real: pages in the middle of the closed database file are overwritten, as a
failing disk or a crash during a write would leave them.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest

from fieldnotes.errors import BackupError
from fieldnotes.paths import database_path, set_aside_dir
from fieldnotes.services import backups, itinerary, missions, notes
from fieldnotes.store import Database, recovery
from fieldnotes.store.integrity import check_database

PAGE = 4096


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), sorted: a database's content."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True) as con:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def damage(path: Path, seed: int = 7) -> bytes:
    """Overwrite a run of pages in the middle of the file with noise; return the new bytes."""
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 20, "the test database is too small to damage in the middle"
    noise = random.Random(seed)
    for page in range(pages // 3, pages // 2):
        data[page * PAGE : (page + 1) * PAGE] = noise.randbytes(PAGE)
    path.write_bytes(bytes(data))
    return bytes(data)


def write_notes(database: Database, count: int, label: str) -> None:
    with database.session() as session:
        mission = missions.list_missions(session)[0]
        meeting = itinerary.list_meetings(session, mission.id)[0]
        for n in range(count):
            notes.create_note(
                session,
                mission.id,
                meeting_id=meeting.id,
                text=f"{label} {n}: Трудовая миграция, work permits, quotas. " * 12,
            )


@pytest.fixture
def filled_profile(user_db: Database, data_dir: Path) -> Path:
    with user_db.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        itinerary.add_meeting(
            session, mission.id, title="Meeting at the DCM", date=dt.date(2026, 5, 12)
        )
    write_notes(user_db, 150, "Before the backup")
    user_db.close()
    return data_dir


def test_a_sound_database_passes_and_a_missing_one_is_new(filled_profile, tmp_path):
    assert check_database(database_path(filled_profile)).ok
    missing = check_database(tmp_path / "nothing.sqlite3")
    assert missing.ok and missing.missing
    start = backups.check_at_start(filled_profile)
    assert start.ok and start.message == "The database is sound."


@pytest.mark.parametrize(
    "content",
    [b"This is a spreadsheet, not a database" * 200, b"SQLite format 3\x00" + b"\xff" * 5000],
)
def test_a_file_sqlite_cannot_read_is_damaged(tmp_path, content):
    path = tmp_path / "fieldnotes.sqlite3"
    path.write_bytes(content)
    verdict = check_database(path)
    assert not verdict.ok and verdict.problem


def test_damage_is_detected_at_start_and_restored_with_everything_the_backup_held(
    filled_profile,
):
    backup = backups.back_up_now(filled_profile)
    held = dump(backup)
    # Work after the backup: what the backup cannot bring back.
    database = Database.open(filled_profile)
    write_notes(database, 20, "After the backup")
    database.close()

    damaged_bytes = damage(database_path(filled_profile))
    start = backups.check_at_start(filled_profile)
    assert not start.ok
    assert start.newest_good is not None and start.newest_good.path == backup
    assert "damaged" in start.message and "newest good backup" in start.message

    outcome = backups.restore_backup(filled_profile)
    assert outcome.restored_from == backup and outcome.replaced_was_damaged
    assert backups.check_at_start(filled_profile).ok
    assert dump(database_path(filled_profile)) == held
    # The damaged file is kept, byte for byte, in the set-aside folder.
    kept = [p for p in outcome.set_aside if p.suffix == ".sqlite3"]
    assert len(kept) == 1 and kept[0].parent == set_aside_dir(filled_profile)
    assert kept[0].read_bytes() == damaged_bytes and "damaged" in kept[0].name

    database = Database.open(filled_profile)
    try:
        with database.session() as session:
            mission = missions.list_missions(session)[0]
            texts = [n.text for n in notes.mission_notes(session, mission.id)]
            meeting = itinerary.list_meetings(session, mission.id)[0]
            texts += [n.text for n in notes.notes_for_meeting(session, meeting.id)]
        assert sum(t.startswith("Before the backup") for t in texts) == 150
        assert not any(t.startswith("After the backup") for t in texts)
    finally:
        database.close()


def test_a_damaged_backup_is_skipped_for_an_older_good_one(filled_profile):
    older = backups.back_up_now(filled_profile, now=dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC))
    newer = backups.back_up_now(filled_profile, now=dt.datetime(2026, 5, 2, 8, tzinfo=dt.UTC))
    damage(newer)
    assert backups.newest_good_backup(filled_profile).path == older
    with pytest.raises(BackupError, match="damaged too"):
        backups.restore_backup(filled_profile, newer)
    assert backups.restore_backup(filled_profile).restored_from == older


def test_restoring_over_a_sound_database_sets_it_aside_as_replaced(filled_profile):
    backup = backups.back_up_now(filled_profile)
    before = database_path(filled_profile).read_bytes()
    outcome = backups.restore_backup(filled_profile, backups.find_backup(filled_profile, "1"))
    assert outcome.restored_from == backup and not outcome.replaced_was_damaged
    kept = next(p for p in outcome.set_aside if p.suffix == ".sqlite3")
    assert "replaced" in kept.name and kept.read_bytes() == before


def test_a_failed_restore_leaves_the_profile_as_it_was(filled_profile, monkeypatch):
    backups.back_up_now(filled_profile)
    damaged_bytes = damage(database_path(filled_profile))

    def full_disk(_backup: Path, destination: Path) -> None:
        destination.write_bytes(b"half a copy")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery, "_copy_with_backup_api", full_disk)
    with pytest.raises(BackupError, match="No space left on device"):
        backups.restore_backup(filled_profile)
    assert database_path(filled_profile).read_bytes() == damaged_bytes
    assert list(set_aside_dir(filled_profile).iterdir()) == []


def test_no_backup_at_all(filled_profile):
    damage(database_path(filled_profile))
    start = backups.check_at_start(filled_profile)
    assert not start.ok and start.newest_good is None
    assert "No usable backup" in start.message
    with pytest.raises(BackupError, match="No usable backup"):
        backups.restore_backup(filled_profile)
    with pytest.raises(BackupError, match="no backup number 3"):
        backups.find_backup(filled_profile, "3")
