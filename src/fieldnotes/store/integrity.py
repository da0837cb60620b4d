"""Is a database file sound? ``PRAGMA quick_check``, and a file SQLite cannot read is damaged.

Run at start-up before the profile is opened, and on every backup before it is offered for
a restore. ``quick_check`` walks every page of every table and index (without comparing
index contents to their tables): milliseconds for a profile of notes, since attachments live
outside the database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Enough lines of SQLite's report to say what is wrong without flooding a message box.
_PROBLEM_LINES = 3


@dataclass(frozen=True)
class IntegrityResult:
    """The verdict on one file; ``problem`` is SQLite's own description when damaged."""

    path: Path
    ok: bool
    problem: str = ""
    missing: bool = False


def read_only_uri(path: Path) -> str:
    """A URI opening ``path`` read-only and immutable: no -wal/-shm created, nothing changed.

    Only for files nobody writes (backups); the live database may hold a WAL to recover.
    """
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def check_database(path: Path, *, read_only: bool = False) -> IntegrityResult:
    """Check the SQLite file at ``path``; a missing file is sound (a profile not made yet).

    With ``read_only`` the file is opened immutable (for backups); otherwise normally, so
    that a WAL left by a crash is recovered first, as the app would.
    """
    if not path.exists():
        return IntegrityResult(path, ok=True, missing=True)
    try:
        if read_only:
            connection = sqlite3.connect(read_only_uri(path), uri=True)
        else:
            connection = sqlite3.connect(path)
        try:
            rows = connection.execute(f"PRAGMA quick_check({_PROBLEM_LINES})").fetchall()
            # quick_check says nothing about a file that is valid SQLite but empty of tables
            # because its header lies; reading the schema catches a truncated file too.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return IntegrityResult(path, ok=False, problem=str(exc))
    lines = [str(row[0]) for row in rows]
    if lines == ["ok"]:
        return IntegrityResult(path, ok=True)
    return IntegrityResult(path, ok=False, problem="; ".join(lines) or "no answer from SQLite")
