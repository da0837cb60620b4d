"""Consistent copies of a live database with the SQLite backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_database(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` to ``destination`` page by page, consistently."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)
    return destination


def timestamped_backup(
    source: Path, folder: Path, reason: str, *, now: datetime | None = None
) -> Path:
    """Back ``source`` up into ``folder`` under a name saying when and why.

    ``now`` (an aware instant) lets tests and the rotation date a backup.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_database(source, folder / f"{source.stem}-{stamp}-{reason}.sqlite3")
