"""New databases built from the schema snapshot equal those built by the migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldnotes.paths import database_path
from fieldnotes.store import Database, migrate
from fieldnotes.store.engine import create_profile_engine
from fieldnotes.store.schema_snapshot import dump_schema, snapshot_revision


def _schema(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return dump_schema(connection)
    finally:
        connection.close()


def test_snapshot_is_at_the_head_revision():
    assert snapshot_revision() == migrate.HEAD_REVISION, (
        "regenerate it: python -m fieldnotes.store.schema_snapshot"
    )


def test_snapshot_builds_what_the_migrations_build(tmp_path: Path):
    migrated = tmp_path / "migrated.sqlite3"
    engine = create_profile_engine(migrated)
    migrate.upgrade(engine)
    engine.dispose()

    Database.open(tmp_path / "fresh").close()
    assert _schema(database_path(tmp_path / "fresh")) == _schema(migrated), (
        "regenerate it: python -m fieldnotes.store.schema_snapshot"
    )


def test_a_snapshot_database_searches_and_migrates_like_any_other(tmp_path: Path):
    database = Database.open(tmp_path / "fresh")
    with database.engine.connect() as connection:
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
    database.close()
    assert {"notes_fts", "notes_fts_data", "alembic_version"} <= tables
    with create_profile_engine(database_path(tmp_path / "fresh")).connect() as connection:
        assert migrate.current_revision(connection) == migrate.HEAD_REVISION
