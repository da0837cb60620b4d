"""Putting a backup back: the current database is set aside (never deleted), then replaced.

The profile must not be open while this runs: the app closes its :class:`Database` first
(or runs this before opening it at start-up).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fieldnotes.errors import BackupError
from fieldnotes.paths import database_path, set_aside_dir
from fieldnotes.store.integrity import check_database, read_only_uri

log = logging.getLogger(__name__)

# SQLite's companions of a database file: a WAL must never be replayed onto another file.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreOutcome:
    """What a restore did: where from, and where the replaced database now is."""

    restored_from: Path
    database: Path
    set_aside: tuple[Path, ...]
    replaced_was_damaged: bool


def _move_aside(
    data_dir: Path, damaged: bool, now: datetime, moves: list[tuple[Path, Path]]
) -> None:
    """Move the database and its sidecars into the set-aside folder, noting (from, to) pairs.

    ``moves`` is filled as each file goes, so that a failure half-way can be undone.
    """
    current = database_path(data_dir)
    folder = set_aside_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{current.stem}-{stamp}-{'damaged' if damaged else 'replaced'}{current.suffix}"
    # Sidecars keep the main file's new name plus their suffix, so SQLite would still pair
    # them if someone opens the set-aside file to rescue its last minutes.
    for suffix in ("", *SIDECAR_SUFFIXES):
        source = current.with_name(current.name + suffix)
        if source.exists():
            target = folder / (base + suffix)
            source.replace(target)
            moves.append((source, target))


def _undo(moves: list[tuple[Path, Path]]) -> None:
    for source, target in reversed(moves):
        try:
            target.replace(source)
        except OSError:
            log.exception("cannot move %s back to %s", target, source)


def _copy_with_backup_api(backup: Path, destination: Path) -> None:
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    partial.replace(destination)


def restore_database(
    data_dir: Path, backup: Path, *, now: datetime | None = None
) -> RestoreOutcome:
    """Replace the profile's database by ``backup`` (checked first), setting the old one aside.

    If anything fails after the old database was moved, it is moved back: the profile is
    either restored or exactly as it was.
    """
    verdict = check_database(backup, read_only=True)
    if verdict.missing:
        raise BackupError(f"The backup {backup} does not exist.")
    if not verdict.ok:
        raise BackupError(
            f"The backup {backup.name} is damaged too ({verdict.problem}); choose an older one."
        )
    current = database_path(data_dir)
    damaged = not check_database(current).ok
    moves: list[tuple[Path, Path]] = []
    copied = False
    try:
        _move_aside(data_dir, damaged, now or datetime.now(UTC), moves)
        _copy_with_backup_api(backup, current)
        copied = True
        restored = check_database(current)
        if not restored.ok:
            raise BackupError(f"The restored database failed its check: {restored.problem}")
    except (OSError, sqlite3.Error, BackupError) as exc:
        if copied:  # only what this restore wrote is removed; the user's file comes back
            current.unlink(missing_ok=True)
        _undo(moves)
        if isinstance(exc, BackupError):
            raise
        raise BackupError(
            f"Cannot restore {backup.name}: {getattr(exc, 'strerror', None) or exc}. "
            "The profile was left as it was."
        ) from exc
    log.warning(
        "restored %s from %s; previous database set aside as %s",
        current,
        backup,
        [str(target) for _source, target in moves],
    )
    return RestoreOutcome(
        restored_from=backup,
        database=current,
        set_aside=tuple(target for _source, target in moves),
        replaced_was_damaged=damaged,
    )
