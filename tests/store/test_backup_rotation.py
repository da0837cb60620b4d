"""Rotating backups: at most one daily backup a day, a bounded set kept, other files untouched."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from fieldnotes.errors import BackupError
from fieldnotes.paths import backup_dir, database_path
from fieldnotes.services import backups
from fieldnotes.store import Database
from fieldnotes.store.backup_rotation import (
    BackupFile,
    RotationPolicy,
    backup_before,
    backups_to_keep,
    ensure_daily_backup,
    list_backups,
    parse_backup_name,
    prune,
    save_settings,
)

END = dt.datetime(2026, 4, 30, 8, 0, tzinfo=dt.UTC)  # a Thursday, ISO week 18


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def days_back(count: int) -> list[dt.date]:
    return [END.date() - dt.timedelta(days=n) for n in range(count)]


def fake(folder: Path, when: dt.datetime, reason: str) -> BackupFile:
    stamp = when.strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"fieldnotes-{stamp}-{reason}.sqlite3"
    parsed = parse_backup_name(path)
    assert parsed is not None and parsed.taken_at == when and parsed.reason == reason
    return parsed


def kept_days(kept: set[Path]) -> set[dt.date]:
    return {parse_backup_name(path).taken_at.date() for path in kept}


def test_policy_keeps_seven_days_then_four_older_weeks(tmp_path):
    backups = [fake(tmp_path, at(day), "daily") for day in days_back(60)]
    kept = backups_to_keep(backups, RotationPolicy(keep_daily=7, keep_weekly=4))
    assert len(kept) == 11
    dailies = {dt.date(2026, 4, d) for d in range(24, 31)}
    # Week 17 (20–26 April) is already represented by the dailies of 24–26 April; the
    # weeklies are the newest backups (Sundays) of the four weeks before it.
    weeklies = {
        dt.date(2026, 4, 19),
        dt.date(2026, 4, 12),
        dt.date(2026, 4, 5),
        dt.date(2026, 3, 29),
    }
    assert kept_days(kept) == dailies | weeklies


def test_policy_keeps_the_newest_event_backups_and_the_newest_of_all(tmp_path):
    daily = [fake(tmp_path, at(day), "daily") for day in days_back(30)]
    events = [
        fake(tmp_path, at(dt.date(2026, 3, 10), 15), "before-import"),
        fake(tmp_path, at(dt.date(2026, 4, 1), 15), "before-0001"),
        fake(tmp_path, at(dt.date(2026, 4, 2), 15), "before-import"),
    ]
    kept = backups_to_keep(
        daily + events, RotationPolicy(keep_daily=2, keep_weekly=0, keep_events=2)
    )
    assert {events[1].path, events[2].path} <= kept
    assert events[0].path not in kept
    assert daily[0].path in kept and daily[1].path in kept
    assert len(kept) == 4
    nothing = RotationPolicy(keep_daily=0, keep_weekly=0, keep_events=0)
    assert backups_to_keep(daily, nothing) == {daily[0].path}


@pytest.fixture
def profile(data_dir: Path) -> Path:
    Database.open(data_dir).close()
    return data_dir


def test_one_daily_backup_a_day_and_the_set_stays_bounded(profile):
    policy = RotationPolicy()
    taken = []
    for day in reversed(days_back(100)):
        for hour in (8, 12, 18):  # the app is used three times a day
            taken.append(ensure_daily_backup(profile, now=at(day, hour)))
        if day.day % 3 == 0:
            backup_before(profile, "before-import", now=at(day, 13))
        assert len(list_backups(backup_dir(profile))) <= policy.limit
    assert sum(path is not None for path in taken) == 100
    remaining = list_backups(backup_dir(profile))
    assert remaining[0].taken_at == at(END.date(), 13)  # the last import of the last day
    assert set(days_back(7)) <= {b.taken_at.date() for b in remaining}
    assert sum(b.reason == "before-import" for b in remaining) >= policy.keep_events
    # The oldest kept reaches back beyond four weeks: the weeklies did their job.
    assert remaining[-1].taken_at.date() <= END.date() - dt.timedelta(days=28)
    for backup in remaining:  # every one is a real, complete database
        with sqlite3.connect(backup.path) as connection:
            assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_prune_touches_only_backups_of_this_profile(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    others = [
        folder / "holiday.jpg",
        folder / "other-20200101T000000000000Z-daily.sqlite3",
        folder / "fieldnotes-not-a-date-daily.sqlite3",
    ]
    for path in others:
        path.write_bytes(b"x")
    for day in days_back(20):
        fake(folder, at(day), "daily").path.write_bytes(b"")
    deleted = prune(folder, RotationPolicy(keep_daily=3, keep_weekly=0, keep_events=0))
    assert len(deleted) == 17
    assert all(path.exists() for path in others)


def test_stale_partial_backups_are_cleared(tmp_path):
    partial = fake(tmp_path, at(dt.date(2026, 4, 1)), "daily").path
    partial = partial.with_name(partial.name + ".partial")
    partial.write_bytes(b"half")
    fresh = tmp_path / (fake(tmp_path, END, "daily").path.name + ".partial")
    fresh.write_bytes(b"being written")
    prune(tmp_path, RotationPolicy(), now=dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
    assert not partial.exists() and not fresh.exists()
    fresh.write_bytes(b"being written")
    prune(tmp_path, RotationPolicy())
    assert fresh.exists()


def test_configurable_folder_and_policy(profile, tmp_path):
    elsewhere = tmp_path / "usb-stick" / "fieldnotes-backups"
    assert backups.set_backup_folder(profile, elsewhere) == elsewhere
    save_settings(profile, folder=elsewhere, policy=RotationPolicy(keep_daily=2, keep_weekly=0))
    for day in reversed(days_back(5)):
        ensure_daily_backup(profile, now=at(day))
    assert len(list(elsewhere.glob("*.sqlite3"))) == 2
    assert not (profile / "backups").exists()
    assert [entry.taken_at.date() for entry in backups.list_backups(profile)] == days_back(2)
    # Relative folders are inside the profile; --default goes back.
    assert backups.set_backup_folder(profile, Path("bk")) == profile / "bk"
    assert backups.set_backup_folder(profile, None) == profile / "backups"


def test_unreadable_settings_fall_back_to_defaults(profile):
    (profile / "backup-settings.json").write_text("{not json", encoding="utf-8")
    assert backup_dir(profile) == profile / "backups"
    assert backups.rotation_policy(profile) == RotationPolicy()
    assert ensure_daily_backup(profile, now=END) is not None


def test_no_database_no_backup(data_dir):
    assert ensure_daily_backup(data_dir, now=END) is None
    assert not database_path(data_dir).exists()


def test_a_folder_that_cannot_be_written_is_refused(profile, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BackupError, match="cannot be written"):
        backups.set_backup_folder(profile, blocker / "backups")
    assert backup_dir(profile) == profile / "backups"
