"""Schema migrations (Alembic), applied at start-up after a backup copy.

Alembic is imported only when an upgrade is actually due, to keep start-up fast.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from fieldnotes.errors import SchemaTooNewError, StorageError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Every revision this version knows, oldest first; the last is the head. A test checks that
# this list matches the scripts in migrations/versions.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(engine: Engine) -> tuple[bool, str | None]:
    """Whether the database must be migrated, and its current revision.

    Raises SchemaTooNewError for a database written by a newer version, and StorageError for
    a file that is not a fieldnotes database.
    """
    with engine.connect() as connection:
        revision = current_revision(connection)
        if revision is None:
            tables = set(inspect(connection).get_table_names())
            if tables:
                raise StorageError(
                    "This file is not a fieldnotes database (it holds other tables). "
                    "Choose another data folder."
                )
            return True, None
    if revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"This profile was written by a newer version of fieldnotes (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    return revision != HEAD_REVISION, revision


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    log.info("database migrated to %s", revision)
