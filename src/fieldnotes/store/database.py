"""A profile database: engine, migrations at open, and short unit-of-work sessions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from fieldnotes.errors import StorageError
from fieldnotes.model import LocalProfile, new_id
from fieldnotes.paths import database_path
from fieldnotes.store import migrate
from fieldnotes.store.backup_rotation import backup_before
from fieldnotes.store.engine import create_profile_engine
from fieldnotes.store.schema_snapshot import create_from_snapshot, snapshot_revision

log = logging.getLogger(__name__)


class Database:
    """One profile's SQLite database. Open with :meth:`open`; use :meth:`session` per action.

    ``session.info["device_id"]`` carries this profile's device id to the code that bumps
    version vectors.
    """

    def __init__(self, path: Path, engine: Engine, device_id: str) -> None:
        self.path = path
        self.engine = engine
        self.device_id = device_id
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Which member this profile writes as, per mission: read on every autosave, changed
        # only by services.profile.link_member, which updates this same dict.
        self._member_by_mission: dict[str, str | None] = {}

    @property
    def data_dir(self) -> Path:
        """The profile folder: the database, the attachment blobs, backups, logs."""
        return self.path.parent

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        """Open (creating or migrating as needed) the database of the profile in ``data_dir``."""
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Cannot create the data folder {data_dir}: {exc.strerror}") from exc
        path = database_path(data_dir)
        engine = create_profile_engine(path)
        try:
            due, revision = migrate.needs_upgrade(engine)
            if due:
                if revision is not None:
                    backup = backup_before(data_dir, f"before-{revision}")
                    log.info("backup before migration: %s", backup)
                    migrate.upgrade(engine)
                elif snapshot_revision() == migrate.HEAD_REVISION:
                    create_from_snapshot(engine)
                else:
                    migrate.upgrade(engine)
            device_id = _ensure_local_profile(engine)
        except (OperationalError, DatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise StorageError(
                f"The database {path} cannot be opened: {getattr(exc, 'orig', exc)}"
            ) from exc
        except Exception:
            engine.dispose()
            raise
        return cls(path, engine, device_id)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        session = self._sessions(
            info={"device_id": self.device_id, "member_by_mission": self._member_by_mission}
        )
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            self._member_by_mission.clear()  # a rolled-back link_member may be cached
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def _ensure_local_profile(engine: Engine) -> str:
    with Session(engine) as session, session.begin():
        profile = session.scalar(select(LocalProfile))
        if profile is None:
            profile = LocalProfile(id=1, device_id=new_id())
            session.add(profile)
        return profile.device_id
