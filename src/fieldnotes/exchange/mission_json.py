"""Mission JSON: one mission with all its records, the documented interchange format.

The document (``docs/mission-json.md``, schema ``docs/mission.schema.json``)::

    {"format": "fieldnotes-mission", "format_version": 1, "mission": {...},
     "members": [...], "organisations": [...], "contacts": [...], "topics": [...],
     "meetings": [...], "notes": [...], "actions": [...]}

Export writes every record of the mission, tombstones included, with its version vector and
timestamps; records sorted by id, keys sorted, UTF-8: the same database gives the same
bytes. Import validates everything first, then writes in one transaction, keeping ids,
version vectors and timestamps (an import is not a local edit, so no counter is bumped).
Export, import into an empty profile, export again: the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import MissionFormatError, NotFoundError, ValidationError
from fieldnotes.exchange.atomic_file import write_atomically
from fieldnotes.exchange.mission_checks import (
    RECORD_LISTS,
    MissionDocument,
    check_document,
)
from fieldnotes.exchange.package_records import mission_document, mission_records
from fieldnotes.exchange.strict_json import MAX_DOCUMENT_BYTES, parse_json, place, read_limited
from fieldnotes.model import Mission, Revision, SyncedRecord, Topic, utc_now
from fieldnotes.store.record_codec import (
    canonical_json,
    content_document,
    content_hash,
)

# SQLite accepts at most 32766 bound parameters per statement; stay well below.
_ID_CHUNK = 500


@dataclass(frozen=True)
class ImportedMission:
    """What an import wrote: the mission, and how many records of each list."""

    mission_id: str
    title: str
    record_counts: dict[str, int]


# ---------------------------------------------------------------------------------- export


def export_document(session: Session, mission_id: str) -> dict[str, Any]:
    """The mission document of ``mission_id``: every record, tombstones included."""
    if session.get(Mission, mission_id) is None:
        raise NotFoundError(f"No mission with id {mission_id}.")
    return mission_document(mission_records(session, mission_id))


def dump_document(document: dict[str, Any]) -> bytes:
    """The canonical bytes of a mission document: sorted keys, UTF-8, trailing newline."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


def export_mission(session: Session, mission_id: str) -> bytes:
    """The mission JSON of ``mission_id`` as bytes."""
    return dump_document(export_document(session, mission_id))


def export_mission_file(session: Session, mission_id: str, path: Path) -> None:
    """Write the mission JSON of ``mission_id`` to ``path``, all or nothing."""
    data = export_mission(session, mission_id)
    write_atomically(path, data)


# ---------------------------------------------------------------------------------- import


def read_mission_document(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> MissionDocument:
    """Parse and validate mission JSON without touching any database."""
    return check_document(parse_json(data, limit=limit), now=utc_now())


def import_mission(session: Session, data: bytes) -> ImportedMission:
    """Validate mission JSON, then add its mission to the profile in the session's transaction.

    Nothing is written unless everything is valid. A mission already in the profile is
    refused: bringing two copies together is a merge, which packages do.
    """
    document = read_mission_document(data)
    _check_not_present(session, document)
    counts: dict[str, int] = {}
    added: list[SyncedRecord] = []
    # Topics are shared across missions: a profile's own copy of one stays as it is.
    present_topics = {
        topic.id
        for topic in _records_by_id(
            session, Topic, [values["id"] for model, values in document.records if model is Topic]
        )
    }
    previous_model: type[SyncedRecord] | None = None
    for model, values in document.records:
        if model is not previous_model:
            # No ORM relationships tell the flush which table comes first: flush each kind
            # before the next, in the document's foreign-key order.
            session.flush()
            previous_model = model
        if model is Topic and values["id"] in present_topics:
            continue
        record = model(**values)
        session.add(record)
        added.append(record)
        table = model.__tablename__  # type: ignore[attr-defined]
        counts[table] = counts.get(table, 0) + 1
    session.flush()
    # The history starts with the imported version: a later merge finds it as an ancestor.
    for record in added:
        content = content_document(record)
        session.add(
            Revision(
                table_name=type(record).__tablename__,  # type: ignore[attr-defined]
                record_id=record.id,
                version=dict(record.version),
                content_hash=content_hash(content),
                content=canonical_json(content),
                recorded_by=record.updated_by,
            )
        )
    session.flush()
    return ImportedMission(document.mission_id, document.title, counts)


def import_mission_file(session: Session, path: Path) -> ImportedMission:
    """Import the mission JSON file at ``path`` (see :func:`import_mission`)."""
    data = read_limited(path)
    try:
        return import_mission(session, data)
    except MissionFormatError as exc:
        raise MissionFormatError(f"{path.name}: {exc.message}") from exc


def _check_not_present(session: Session, document: MissionDocument) -> None:
    existing = session.get(Mission, document.mission_id)
    if existing is not None:
        state = "a deleted copy of " if existing.deleted else ""
        raise ValidationError(
            f"This profile already has {state}the mission {existing.title!r} "
            f"({document.mission_id}). Importing it again would mean merging the two "
            "copies; merging arrives with packages (.fieldnotes files)."
        )
    ids_by_model: dict[type[SyncedRecord], list[str]] = {}
    for model, values in document.records:
        if model is not Topic and model is not Mission:
            ids_by_model.setdefault(model, []).append(values["id"])
    key_of = {model: key for key, model in RECORD_LISTS}
    for model, ids in ids_by_model.items():
        clashes = _records_by_id(session, model, ids)
        if clashes:
            index = min(ids.index(record.id) for record in clashes)
            raise MissionFormatError(
                f"{place([key_of[model], index, 'id'])}: a record with the id "
                f"{ids[index]} already exists in this profile, in another mission."
            )


def _records_by_id(
    session: Session, model: type[SyncedRecord], ids: list[str]
) -> list[SyncedRecord]:
    found: list[SyncedRecord] = []
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        found.extend(session.scalars(select(model).where(model.id.in_(chunk))))
    found.sort(key=lambda record: record.id)
    return found
