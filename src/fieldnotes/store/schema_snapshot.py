"""A snapshot of the head schema, to create new profile databases without running Alembic.

Importing Alembic and replaying every migration costs about half a second at the first start
(and at every ``--demo``). A new, empty database gets this snapshot instead; existing
databases are still upgraded by the migrations. A test checks that the snapshot equals what
the migrations build; after adding a migration, regenerate it with::

    python -m fieldnotes.store.schema_snapshot
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Engine

SNAPSHOT_PATH = Path(__file__).resolve().parent / "schema.sql"
_FTS_SHADOW = re.compile(r"_(data|idx|content|docsize|config)$")


def dump_schema(connection: sqlite3.Connection) -> str:
    """The SQL that recreates the schema and revision of ``connection``'s database."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    virtual = {name for _type, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")}
    statements = []
    for _type, name, sql in rows:
        if name.startswith("sqlite_"):
            continue
        shadow = _FTS_SHADOW.sub("", name)
        if shadow != name and shadow in virtual:
            continue  # created by its FTS5 table
        statements.append(sql.strip() + ";")
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');")
    return "\n".join(statements) + "\n"


def snapshot_revision() -> str | None:
    """The schema revision the snapshot builds, or None if there is no snapshot."""
    if not SNAPSHOT_PATH.exists():
        return None
    match = re.search(
        r"INSERT INTO alembic_version \(version_num\) VALUES \('([^']+)'\)",
        SNAPSHOT_PATH.read_text(encoding="utf-8"),
    )
    return match.group(1) if match else None


def create_from_snapshot(engine: Engine) -> None:
    """Build the head schema in the empty database of ``engine`` in one transaction."""
    script = SNAPSHOT_PATH.read_text(encoding="utf-8")
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        assert dbapi is not None
        dbapi.executescript("BEGIN;\n" + script + "COMMIT;\n")
    finally:
        raw.close()


def regenerate() -> Path:
    """Rewrite the snapshot from a database built by the migrations."""
    from fieldnotes.store import migrate
    from fieldnotes.store.engine import create_profile_engine

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.sqlite3"
        engine = create_profile_engine(path)
        migrate.upgrade(engine)
        engine.dispose()
        connection = sqlite3.connect(path)
        try:
            SNAPSHOT_PATH.write_text(dump_schema(connection), encoding="utf-8")
        finally:
            connection.close()
    return SNAPSHOT_PATH


if __name__ == "__main__":
    print(regenerate())
