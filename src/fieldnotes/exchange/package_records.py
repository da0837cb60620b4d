"""The records of one mission as package documents, and their history and conflicts.

``mission.json`` of a package has the shape of the mission JSON format
(``{"format": "fieldnotes-mission", "format_version": 1, "mission": {...}, "members": [...],
...}``, every record with tombstone flag and version vector). ``history.json`` carries what a
merge needs besides: each record's recent revisions and the mission's conflicts.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.exchange.mission_checks import FORMAT_NAME, FORMAT_VERSION
from fieldnotes.model import (
    SYNCED_MODELS,
    Conflict,
    Mission,
    Note,
    Revision,
    SyncedRecord,
    Topic,
)
from fieldnotes.model.types import format_utc
from fieldnotes.store.record_codec import field_codecs

HISTORY_FORMAT = "fieldnotes-history"
HISTORY_FORMAT_VERSION = 1


# Section of mission.json for each record kind; the mission itself is a single object.
def table_of(model: type[SyncedRecord]) -> str:
    name: str = getattr(model, "__tablename__")  # noqa: B009 - not on the mixin's type
    return name


SECTION_OF: dict[type[SyncedRecord], str] = {
    model: ("mission" if model is Mission else table_of(model)) for model in SYNCED_MODELS
}
MODEL_OF_SECTION: dict[str, type[SyncedRecord]] = {v: k for k, v in SECTION_OF.items()}
MODEL_OF_TABLE: dict[str, type[SyncedRecord]] = {table_of(m): m for m in SYNCED_MODELS}


def encode_rows(model: type[SyncedRecord], rows: list[Any]) -> list[dict[str, Any]]:
    """Documents of Core rows of ``model`` (faster than loading ORM objects)."""
    codecs = list(field_codecs(model).items())
    return [{name: encode(row._mapping[name]) for name, (encode, _d) in codecs} for row in rows]


def mission_records(
    session: Session, mission_id: str
) -> dict[type[SyncedRecord], list[dict[str, Any]]]:
    """Documents of every record of the mission, tombstones included, sorted by id."""
    records: dict[type[SyncedRecord], list[dict[str, Any]]] = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        if model is Mission:
            statement = select(table).where(table.c.id == mission_id)
        elif model is Topic:
            continue  # topics are shared across missions: the notes say which ones travel
        else:
            statement = select(table).where(table.c.mission_id == mission_id)
        records[model] = encode_rows(model, list(session.execute(statement.order_by(table.c.id))))
    topic_ids = sorted({t for note in records[Note] for t in note["topic_ids"]})
    topic_table = Topic.__table__
    topics: list[dict[str, Any]] = []
    for start in range(0, len(topic_ids), 500):
        chunk = topic_ids[start : start + 500]
        topics.extend(
            encode_rows(
                Topic,
                list(session.execute(select(topic_table).where(topic_table.c.id.in_(chunk)))),
            )
        )
    records[Topic] = sorted(topics, key=lambda d: d["id"])
    return {model: records[model] for model in SYNCED_MODELS}


def mission_document(records: dict[type[SyncedRecord], list[dict[str, Any]]]) -> dict[str, Any]:
    document: dict[str, Any] = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION}
    for model, docs in records.items():
        if model is Mission:
            document["mission"] = docs[0]
        else:
            document[SECTION_OF[model]] = docs
    return document


def history_document(session: Session, mission_id: str, record_ids: list[str]) -> dict[str, Any]:
    """Recent revisions of ``record_ids`` (oldest first) and the mission's conflicts."""
    wanted = set(record_ids)
    history: dict[str, list[dict[str, Any]]] = {}
    revision_table = Revision.__table__
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        rows = session.execute(
            select(
                revision_table.c.record_id,
                revision_table.c.version,
                revision_table.c.content,
            )
            .where(revision_table.c.record_id.in_(chunk))
            .order_by(revision_table.c.id)
        )
        for record_id, version, content in rows:
            history.setdefault(record_id, []).append(
                {"version": dict(sorted(version.items())), "content": json.loads(content)}
            )
    conflicts = [
        {
            "id": c.id,
            "table": c.table_name,
            "record_id": c.record_id,
            "field": c.field,
            "kind": c.kind,
            "loser_value": json.loads(c.loser_value),
            "loser_version": dict(sorted(c.loser_version.items())),
            "loser_member": c.loser_member,
            "created_at": format_utc(c.created_at),
            "resolved": c.resolved,
            "resolved_version": (
                dict(sorted(c.resolved_version.items())) if c.resolved_version else None
            ),
            "resolved_by": c.resolved_by,
        }
        for c in session.scalars(select(Conflict).order_by(Conflict.id))
        if c.record_id in wanted
    ]
    return {
        "format": HISTORY_FORMAT,
        "format_version": HISTORY_FORMAT_VERSION,
        "mission_id": mission_id,
        "revisions": {key: history[key] for key in sorted(history)},
        "conflicts": conflicts,
    }
