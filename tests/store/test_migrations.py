"""Opening a profile: schema created from empty, upgraded with a backup, newer ones refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from fieldnotes.errors import SchemaTooNewError, StorageError
from fieldnotes.paths import backup_dir, database_path
from fieldnotes.store import Database, migrate
from fieldnotes.store.engine import create_profile_engine


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_known_revisions_match_the_migration_scripts():
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == migrate.KNOWN_REVISIONS
    assert script.get_current_head() == migrate.HEAD_REVISION


def test_empty_folder_gets_the_head_schema(data_dir: Path):
    database = Database.open(data_dir)
    database.close()
    connection = sqlite3.connect(database_path(data_dir))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    version = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    assert {"missions", "members", "meetings", "notes", "actions", "notes_fts"} <= tables
    assert version == migrate.HEAD_REVISION


def test_pragmas_make_commits_durable(db: Database):
    with db.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_database_from_a_newer_version_is_refused_untouched(data_dir: Path):
    Database.open(data_dir).close()
    path = database_path(data_dir)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = _file_digest(path)
    with pytest.raises(SchemaTooNewError, match="newer version of fieldnotes"):
        Database.open(data_dir)
    assert _file_digest(path) == before


def test_a_foreign_sqlite_file_is_refused(data_dir: Path):
    connection = sqlite3.connect(database_path(data_dir))
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="not a fieldnotes database"):
        Database.open(data_dir)


def test_a_garbage_file_gets_a_clear_message(data_dir: Path):
    database_path(data_dir).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match="cannot be opened"):
        Database.open(data_dir)


@pytest.mark.skipif(
    len(migrate.KNOWN_REVISIONS) < 2, reason="needs a schema older than head to upgrade from"
)
def test_upgrade_takes_a_backup_first(data_dir: Path):
    engine = create_profile_engine(database_path(data_dir))
    migrate.upgrade(engine, migrate.KNOWN_REVISIONS[-2])
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO local_profile (id, device_id, name, country, institution, email, "
            "created_at) VALUES (1, 'dev', 'Anna', '', '', '', '2026-01-01T00:00:00.000000Z')"
        )
    engine.dispose()
    Database.open(data_dir).close()
    backups = list(backup_dir(data_dir).glob("*.sqlite3"))
    assert len(backups) == 1
    connection = sqlite3.connect(backups[0])
    assert connection.execute("SELECT name FROM local_profile").fetchone() == ("Anna",)
    version = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    assert version == migrate.KNOWN_REVISIONS[-2]


def test_reopening_an_up_to_date_database_takes_no_backup(data_dir: Path):
    Database.open(data_dir).close()
    Database.open(data_dir).close()
    assert not backup_dir(data_dir).exists()


def test_device_id_is_stable_across_opens(data_dir: Path):
    first = Database.open(data_dir)
    first.close()
    second = Database.open(data_dir)
    second.close()
    assert first.device_id == second.device_id
    assert len(first.device_id) == 36
