"""Automatic rotating backups of a profile database, and the bounded set that is kept.

Backups are taken with the SQLite backup API (:mod:`fieldnotes.store.backup`), never by
copying the live file. Three kinds of moment take one:

- ``daily``: at most one per day while the app is used (:func:`ensure_daily_backup`);
- ``before-<revision>``: before every migration (``Database.open``);
- ``before-import`` and similar: before every import (:func:`backup_before`).

Pruning keeps, like ``borg prune``: the newest backup of each of the last ``keep_daily`` days
that have one, then the newest of each of the ``keep_weekly`` weeks before those (a backup
already kept as a daily does not count as a weekly), plus the newest ``keep_events``
backups taken before a migration or import (after a bad import, that is the one wanted)
and always the newest backup of all. Days and weeks are UTC, so the set does not depend on
the machine's zone. Only files whose names this module writes are ever deleted: a backup
folder on a shared drive may hold other things.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fieldnotes.paths import DATABASE_FILE_NAME, backup_dir, backup_settings_path, database_path
from fieldnotes.store.backup import timestamped_backup

log = logging.getLogger(__name__)

DAILY = "daily"
BEFORE_IMPORT = "before-import"
BEFORE_RESTORE = "before-restore"

# "<stem>-20260512T070000123456Z-<reason>.sqlite3", as timestamped_backup names them.
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9][a-z0-9-]*)\.sqlite3$"
)
_STAMP = "%Y%m%dT%H%M%S%fZ"
# A .partial file older than this is a backup that was interrupted (power loss): rubbish.
_STALE_PARTIAL = timedelta(days=1)


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups to keep (settings ``keep_daily``, ``keep_weekly``, ``keep_events``)."""

    keep_daily: int = 7
    keep_weekly: int = 4
    keep_events: int = 5

    @property
    def limit(self) -> int:
        """The most backups pruning leaves (the bound the tests check)."""
        return self.keep_daily + self.keep_weekly + self.keep_events + 1


@dataclass(frozen=True)
class BackupFile:
    """One backup in the folder: when (UTC) and why it was taken."""

    path: Path
    taken_at: datetime
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def is_event(self) -> bool:
        """Taken before a migration, import or restore rather than by the daily schedule."""
        return self.reason != DAILY


def parse_backup_name(path: Path, stem: str | None = None) -> BackupFile | None:
    """The backup ``path`` names, or None if the name is not one this module writes."""
    match = _NAME.match(path.name)
    if match is None or (stem is not None and match["stem"] != stem):
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupFile(path, taken_at, match["reason"])


def list_backups(folder: Path, stem: str = Path(DATABASE_FILE_NAME).stem) -> list[BackupFile]:
    """Backups of the database named ``stem`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [parse_backup_name(path, stem) for path in folder.iterdir() if path.is_file()]
    backups = [b for b in found if b is not None]
    backups.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return backups


def load_policy(data_dir: Path) -> RotationPolicy:
    """The profile's rotation policy from its backup settings (defaults where unset or bad)."""
    defaults = RotationPolicy()
    try:
        settings = json.loads(backup_settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return defaults
    if not isinstance(settings, dict):
        return defaults

    def count(name: str, default: int) -> int:
        value = settings.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return default

    return RotationPolicy(
        keep_daily=count("keep_daily", defaults.keep_daily),
        keep_weekly=count("keep_weekly", defaults.keep_weekly),
        keep_events=count("keep_events", defaults.keep_events),
    )


def save_settings(
    data_dir: Path, *, folder: Path | None = None, policy: RotationPolicy | None = None
) -> None:
    """Write the backup settings (``folder`` None: the default ``backups`` folder)."""
    policy = policy or load_policy(data_dir)
    settings: dict[str, object] = {
        "keep_daily": policy.keep_daily,
        "keep_weekly": policy.keep_weekly,
        "keep_events": policy.keep_events,
    }
    if folder is not None:
        settings["folder"] = str(folder)
    path = backup_settings_path(data_dir)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)


def backups_to_keep(backups: Iterable[BackupFile], policy: RotationPolicy) -> set[Path]:
    """The backups the policy keeps (see the module docstring); the rest may go."""
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep: set[Path] = set()

    def keep_newest_per_period(period_of: Callable[[date], object], limit: int) -> None:
        # A period whose newest backup is already kept uses up the period without counting,
        # so weeklies reach back beyond the dailies (as borg prune does).
        last: object = None
        kept = 0
        for backup in ordered:
            if kept >= limit:
                return
            period = period_of(backup.taken_at.date())
            if period == last:
                continue
            last = period
            if backup.path not in keep:
                keep.add(backup.path)
                kept += 1

    keep_newest_per_period(lambda day: day, policy.keep_daily)
    keep_newest_per_period(lambda day: day.isocalendar()[:2], policy.keep_weekly)
    keep.update(b.path for b in [b for b in ordered if b.is_event][: policy.keep_events])
    if ordered:  # even with every count at zero, never leave the folder empty
        keep.add(ordered[0].path)
    return keep


def prune(folder: Path, policy: RotationPolicy, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups in ``folder`` the policy does not keep; return what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, policy)
    deleted: list[Path] = []
    for backup in backups:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
            deleted.append(backup.path)
        except OSError as exc:  # a read-only share: keep going, the next prune retries
            log.warning("cannot delete old backup %s: %s", backup.path, exc)
    instant = now or datetime.now(UTC)
    for partial in folder.glob("*.sqlite3.partial") if folder.is_dir() else ():
        if parse_backup_name(partial.with_suffix("")) is None:
            continue
        try:
            modified = datetime.fromtimestamp(partial.stat().st_mtime, UTC)
            if instant - modified > _STALE_PARTIAL:
                partial.unlink()
                deleted.append(partial)
        except OSError:
            continue
    if deleted:
        log.info("pruned %d old backup(s) in %s", len(deleted), folder)
    return deleted


def backup_before(data_dir: Path, reason: str, *, now: datetime | None = None) -> Path | None:
    """Back the profile's database up before ``reason`` (``before-import`` ...), then prune.

    Returns the backup, or None when there is no database yet (nothing to lose).
    """
    source = database_path(data_dir)
    if not source.exists():
        return None
    folder = backup_dir(data_dir)
    backup = timestamped_backup(source, folder, reason, now=now)
    log.info("backup (%s): %s", reason, backup)
    prune(folder, load_policy(data_dir), now=now)
    return backup


def daily_backup_due(data_dir: Path, *, now: datetime | None = None) -> bool:
    """Whether today (UTC) has no daily backup yet."""
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    return not any(
        b.reason == DAILY and b.taken_at.date() == today for b in list_backups(backup_dir(data_dir))
    )


def ensure_daily_backup(data_dir: Path, *, now: datetime | None = None) -> Path | None:
    """Take today's backup unless it exists (call at start and now and then while in use).

    Cheap when nothing is due: one listing of the backup folder.
    """
    if not daily_backup_due(data_dir, now=now):
        return None
    return backup_before(data_dir, DAILY, now=now)
