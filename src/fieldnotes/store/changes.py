"""Bookkeeping of every local change: version vector, who and when, revision history."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from fieldnotes.model import Mission, MissionLink, Revision, SyncedRecord, utc_now
from fieldnotes.store.record_codec import canonical_json, content_document, content_hash

# Enough history for users to step back through a note and for merges to find a common
# ancestor, without letting a day of autosaves grow the file without bound.
HISTORY_LIMIT = 30

R = TypeVar("R", bound=SyncedRecord)


def local_member_id(session: Session, mission_id: str) -> str | None:
    """The member this profile writes as in ``mission_id`` (cached for the session)."""
    cache: dict[str, str | None] = session.info.setdefault("member_by_mission", {})
    if mission_id not in cache:
        cache[mission_id] = session.scalar(
            select(MissionLink.member_id).where(MissionLink.mission_id == mission_id)
        )
    return cache[mission_id]


def record_change(session: Session, record: SyncedRecord, *, author_id: str | None = None) -> None:
    """Mark ``record`` as changed on this device; call after setting its new values.

    Bumps this device's counter in the version vector, stamps time and author (``author_id``,
    by default the member this profile writes as), and appends the new content to the
    record's revision history.
    """
    device_id: str = session.info["device_id"]
    member_id = author_id
    if member_id is None:
        # A mission is its own mission; topics belong to none.
        mission_id = (
            record.id if isinstance(record, Mission) else getattr(record, "mission_id", None)
        )
        member_id = local_member_id(session, mission_id) if mission_id else None
    version = dict(record.version or {})
    version[device_id] = version.get(device_id, 0) + 1
    record.version = version
    record.updated_at = utc_now()
    record.updated_by = member_id
    if record.deleted is None:
        record.deleted = False
    session.add(record)
    append_revision(session, record, member_id)


def append_revision(session: Session, record: SyncedRecord, member_id: str | None) -> None:
    """Add the current content of ``record`` to its history, oldest beyond the limit dropped."""
    document = content_document(record)
    table = type(record).__tablename__  # type: ignore[attr-defined]
    session.add(
        Revision(
            table_name=table,
            record_id=record.id,
            version=dict(record.version),
            content_hash=content_hash(document),
            content=canonical_json(document),
            recorded_by=member_id,
        )
    )
    if inspect(record).pending or inspect(record).transient:
        return  # a record not yet written has no older revisions to drop
    with session.no_autoflush:  # counting must not force a write per record (bulk imports)
        count = session.scalar(
            select(func.count()).select_from(Revision).where(Revision.record_id == record.id)
        )
    if (count or 0) <= HISTORY_LIMIT:
        return
    keep = (
        select(Revision.id)
        .where(Revision.record_id == record.id)
        .order_by(Revision.id.desc())
        .limit(HISTORY_LIMIT)
        .scalar_subquery()
    )
    session.execute(
        delete(Revision).where(Revision.record_id == record.id, Revision.id.not_in(keep))
    )


def create_record(session: Session, record: R, *, author_id: str | None = None) -> R:
    """Add a new record made on this device (first version, first revision)."""
    record_change(session, record, author_id=author_id)
    return record


def update_record(session: Session, record: SyncedRecord, changes: dict[str, object]) -> bool:
    """Set the fields in ``changes`` that differ; record the change. True if anything changed."""
    changed = False
    for name, value in changes.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    if changed:
        record_change(session, record)
    return changed


def delete_record(session: Session, record: SyncedRecord) -> None:
    """Turn ``record`` into a tombstone, so that the deletion travels to other profiles."""
    if not record.deleted:
        record.deleted = True
        record_change(session, record)


def restore_record(session: Session, record: SyncedRecord) -> None:
    """Undo a deletion: the record comes back as a new change."""
    if record.deleted:
        record.deleted = False
        record_change(session, record)
