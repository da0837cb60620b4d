"""Use cases of backups: list, take, check the profile at start, restore from a backup.

Everything here works on the profile folder, not on an open :class:`Database`: the start-up
check and a restore run exactly when the database cannot (or must not) be open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fieldnotes.errors import BackupError
from fieldnotes.paths import backup_dir, database_path
from fieldnotes.store import backup_rotation
from fieldnotes.store.backup_rotation import BackupFile, RotationPolicy, load_policy
from fieldnotes.store.integrity import check_database
from fieldnotes.store.recovery import RestoreOutcome, restore_database

MANUAL = "manual"

_REASON_LABELS = {
    backup_rotation.DAILY: "Daily",
    backup_rotation.BEFORE_IMPORT: "Before import",
    backup_rotation.BEFORE_RESTORE: "Before restore",
    "before-agenda-import": "Before agenda import",
    MANUAL: "Taken by hand",
}


@dataclass(frozen=True)
class BackupEntry:
    """A backup as the user sees it in a list."""

    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def reason_label(self) -> str:
        """``Daily``, ``Before import``, ``Before migration from schema 0001`` ..."""
        if self.reason in _REASON_LABELS:
            return _REASON_LABELS[self.reason]
        if self.reason.startswith("before-"):
            what = self.reason.removeprefix("before-")
            if what.isdigit():
                return f"Before migration from schema {what}"
            return f"Before {what.replace('-', ' ')}"
        return self.reason.replace("-", " ").capitalize()

    @property
    def local_time_text(self) -> str:
        """When it was taken, in this computer's time (what the user remembers)."""
        return self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _entry(backup: BackupFile) -> BackupEntry:
    try:
        size = backup.size
    except OSError:
        size = 0
    return BackupEntry(backup.path, backup.taken_at, backup.reason, size)


def backup_folder(data_dir: Path) -> Path:
    return backup_dir(data_dir)


def set_backup_folder(data_dir: Path, folder: Path | None) -> Path:
    """Keep future backups in ``folder`` (None: the default folder in the profile).

    Existing backups stay where they are; the folder is created now, so that a folder that
    cannot be written is refused at once rather than at the next backup.
    """
    target = data_dir / folder.expanduser() if folder is not None else None
    if target is not None:
        try:
            target.mkdir(parents=True, exist_ok=True)
            probe = target / ".fieldnotes-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise BackupError(
                f"Backups cannot be written to {target}: {exc.strerror or exc}."
            ) from exc
    backup_rotation.save_settings(data_dir, folder=target)
    return backup_dir(data_dir)


def rotation_policy(data_dir: Path) -> RotationPolicy:
    return load_policy(data_dir)


def list_backups(data_dir: Path) -> list[BackupEntry]:
    """The profile's backups, newest first."""
    return [_entry(b) for b in backup_rotation.list_backups(backup_dir(data_dir))]


def back_up_now(data_dir: Path, reason: str = MANUAL, *, now: datetime | None = None) -> Path:
    """Take a backup at once (the old ones are pruned by the rotation policy)."""
    try:
        path = backup_rotation.backup_before(data_dir, reason, now=now)
    except OSError as exc:
        raise BackupError(f"The backup could not be written: {exc.strerror or exc}.") from exc
    if path is None:
        raise BackupError(f"There is no database in {data_dir} to back up yet.")
    return path


def daily_backup(data_dir: Path, *, now: datetime | None = None) -> Path | None:
    """Today's backup if none was taken yet (at start, and hourly while the app is open)."""
    return backup_rotation.ensure_daily_backup(data_dir, now=now)


def backup_before_import(data_dir: Path, what: str = "import") -> Path | None:
    """The backup every import takes before it writes (``what``: ``import``, ``agenda-import``)."""
    return backup_rotation.backup_before(data_dir, f"before-{what}")


@dataclass(frozen=True)
class StartupCheck:
    """The verdict of the start-up check, and what can be offered if the database is damaged."""

    database: Path
    ok: bool
    problem: str
    newest_good: BackupEntry | None

    @property
    def message(self) -> str:
        """What to tell the user, plainly."""
        if self.ok:
            return "The database is sound."
        text = (
            f"Your fieldnotes database is damaged and cannot be used safely ({self.problem}).\n\n"
        )
        if self.newest_good is None:
            return text + (
                "No usable backup was found. The damaged file stays where it is; "
                f"ask for help before changing it:\n{self.database}"
            )
        return text + (
            f"The newest good backup is from {self.newest_good.local_time_text} "
            f"({self.newest_good.reason_label.lower()}). Restoring it brings back everything "
            "saved up to then; the damaged file is kept in the profile's set-aside folder."
        )


def newest_good_backup(data_dir: Path) -> BackupEntry | None:
    """The newest backup that passes the integrity check (damaged ones are skipped)."""
    for entry in list_backups(data_dir):
        if check_database(entry.path, read_only=True).ok:
            return entry
    return None


def check_at_start(data_dir: Path) -> StartupCheck:
    """Check the profile's database before opening it; on damage, find the newest good backup."""
    path = database_path(data_dir)
    verdict = check_database(path)
    if verdict.ok:
        return StartupCheck(path, True, "", None)
    return StartupCheck(path, False, verdict.problem, newest_good_backup(data_dir))


def find_backup(data_dir: Path, reference: str) -> BackupEntry:
    """The backup named by its number in :func:`list_backups` (1 = newest), name or path."""
    entries = list_backups(data_dir)
    reference = reference.strip()
    if reference.isdigit():
        index = int(reference)
        if 1 <= index <= len(entries):
            return entries[index - 1]
        raise BackupError(
            f"There is no backup number {index}: the folder holds {len(entries)} backup(s)."
        )
    for entry in entries:
        if entry.name == reference:
            return entry
    path = Path(reference).expanduser()
    if path.is_file():
        parsed = backup_rotation.parse_backup_name(path)
        taken = parsed.taken_at if parsed else datetime.fromtimestamp(path.stat().st_mtime, UTC)
        return BackupEntry(path, taken, parsed.reason if parsed else MANUAL, path.stat().st_size)
    raise BackupError(
        f"No backup {reference!r} in {backup_dir(data_dir)} "
        "(give its number from 'fieldnotes backup list', its file name or a path)."
    )


def restore_backup(
    data_dir: Path, backup: BackupEntry | Path | None = None, *, now: datetime | None = None
) -> RestoreOutcome:
    """Put ``backup`` (default: the newest good one) back as the profile's database.

    The current database, damaged or not, is moved to the set-aside folder, never deleted.
    The database must not be open.
    """
    if backup is None:
        chosen = newest_good_backup(data_dir)
        if chosen is None:
            raise BackupError(f"No usable backup in {backup_dir(data_dir)}: nothing was changed.")
        path = chosen.path
    else:
        path = backup.path if isinstance(backup, BackupEntry) else backup
    return restore_database(data_dir, path, now=now)
