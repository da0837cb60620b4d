"""Validation of a mission document, all of it before anything is written.

Order of the checks: envelope (format name and version), the JSON Schema
(``resources/schema/mission.schema.json``, the same file as ``docs/mission.schema.json``),
then what a schema cannot say: values that decode (real dates, known time zones), unique
ids, records of this mission only, and references that point at records of the document.
Every failure is a :class:`MissionFormatError` naming the place, e.g. ``meetings[3].date``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldnotes.errors import MissionFormatError
from fieldnotes.exchange.strict_json import place
from fieldnotes.model import (
    Action,
    Attachment,
    Contact,
    Meeting,
    Member,
    Mission,
    Note,
    Organisation,
    SyncedRecord,
    Topic,
)
from fieldnotes.paths import resource
from fieldnotes.store.record_codec import from_document

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError as SchemaError

FORMAT_NAME = "fieldnotes-mission"
FORMAT_VERSION = 1

# Document key of each list of records, in an order that satisfies foreign keys.
RECORD_LISTS: tuple[tuple[str, type[SyncedRecord]], ...] = (
    ("members", Member),
    ("organisations", Organisation),
    ("contacts", Contact),
    ("topics", Topic),
    ("meetings", Meeting),
    ("notes", Note),
    ("actions", Action),
    ("attachments", Attachment),
)

# field -> the list its id (or each id of its list) must be found in.
REFERENCES: dict[str, dict[str, str]] = {
    "contacts": {"organisation_id": "organisations"},
    "meetings": {
        "organisation_ids": "organisations",
        "contact_ids": "contacts",
        "member_ids": "members",
    },
    "notes": {"meeting_id": "meetings", "author_id": "members", "topic_ids": "topics"},
    "actions": {
        "meeting_id": "meetings",
        "note_id": "notes",
        "owner_member_id": "members",
        "owner_organisation_id": "organisations",
    },
    "attachments": {"meeting_id": "meetings", "note_id": "notes", "author_id": "members"},
}

_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


@dataclass(frozen=True)
class MissionDocument:
    """A validated mission document: column values per record, mission first, in FK order."""

    mission_id: str
    title: str
    records: tuple[tuple[type[SyncedRecord], dict[str, Any]], ...]


@cache
def mission_schema() -> dict[str, Any]:
    """The JSON Schema of mission documents, as shipped in ``resources/schema``."""
    path = resource("schema", "mission.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def check_document(document: Any, *, now: dt.datetime) -> MissionDocument:
    """Validate a parsed mission document; ``now`` fills timestamps the document leaves out."""
    _check_envelope(document)
    _check_schema(document)
    records = list(_decoded_records(document, now))
    _check_unique_ids(records)
    mission_values = records[0][2]
    mission_id: str = mission_values["id"]
    title: str = mission_values["title"]
    _check_mission_fields(mission_values)
    by_list: dict[str, set[str]] = {key: set() for key, _model in RECORD_LISTS}
    for path, _model, values in records[1:]:
        by_list[str(path[0])].add(values["id"])
    for path, model, values in records[1:]:
        if "mission_id" in values and values["mission_id"] != mission_id:
            raise MissionFormatError(
                f"{place([*path, 'mission_id'])}: this record belongs to another mission "
                f"({values['mission_id']}), not to {title!r} ({mission_id})."
            )
        _check_references(path, values, by_list)
        if model is Meeting:
            _check_times(path, values)
    return MissionDocument(
        mission_id, title, tuple((model, values) for _path, model, values in records)
    )


def _check_envelope(document: Any) -> None:
    if not isinstance(document, dict):
        raise MissionFormatError("The document is not a JSON object, so not a mission file.")
    if document.get("format") != FORMAT_NAME:
        raise MissionFormatError(
            f'This is not a fieldnotes mission file ("format" should be {FORMAT_NAME!r}).'
        )
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise MissionFormatError(
            f"This mission file has format version {version}, written by a newer fieldnotes; "
            f"this version reads up to {FORMAT_VERSION}. Please update fieldnotes."
        )


def _check_schema(document: dict[str, Any]) -> None:
    # jsonschema is imported here, not at module level: the window does not need it to start.
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(mission_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: _path_key(e.absolute_path))
    if not errors:
        return
    first = _innermost(errors[0])
    message = f"{place(list(first.absolute_path))}: {_describe(first)}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    raise MissionFormatError(message + ".")


def _path_key(path: Sequence[str | int]) -> tuple[tuple[int, int, str], ...]:
    # Document order of lists and items; the top-level keys in the order a reader sees them.
    order = ["format", "format_version", "mission", *[key for key, _m in RECORD_LISTS]]
    key: list[tuple[int, int, str]] = []
    for depth, part in enumerate(path):
        if isinstance(part, int):
            key.append((0, part, ""))
        else:
            rank = order.index(part) if depth == 0 and part in order else len(order)
            key.append((1, rank, part))
    return tuple(key)


def _innermost(error: SchemaError) -> SchemaError:
    """For ``anyOf`` (a value or null), the reason the value itself was refused."""
    while error.context:
        not_null = [
            e for e in error.context if not (e.validator == "type" and e.validator_value == "null")
        ]
        error = (not_null or list(error.context))[0]
    return error


def _describe(error: SchemaError) -> str:
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind in {"pattern", "type"} and "title" in schema:
        return f"expected a {schema['title']}, got {_show(instance)}"
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_JSON_TYPES.get(n, n) for n in names)
        return f"expected {wanted}, got {_show(instance)}"
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        return f"the field {missing[0]!r} is missing"
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        unknown = sorted(k for k in instance if k not in known)
        return f"unknown field {unknown[0]!r}" if unknown else error.message
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{_show(instance)} is not one of: {allowed}"
    if kind == "const":
        return f"expected {_show(error.validator_value)}, got {_show(instance)}"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"longer than {error.validator_value} characters"
    if kind == "minimum":
        return f"must be at least {error.validator_value}, got {_show(instance)}"
    if kind == "uniqueItems":
        return "the same id is listed twice"
    return str(error.message)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _decoded_records(
    document: dict[str, Any], now: dt.datetime
) -> Iterator[tuple[list[str | int], type[SyncedRecord], dict[str, Any]]]:
    yield ["mission"], Mission, _decode(["mission"], Mission, document["mission"], now)
    for key, model in RECORD_LISTS:
        for index, item in enumerate(document.get(key, [])):
            path: list[str | int] = [key, index]
            yield path, model, _decode(path, model, item, now)


def _decode(
    path: list[str | int], model: type[SyncedRecord], item: dict[str, Any], now: dt.datetime
) -> dict[str, Any]:
    try:
        values = from_document(model, item)
    except ValueError as exc:
        field, _sep, reason = str(exc).partition(": ")
        raise MissionFormatError(f"{place([*path, field])}: {reason}.") from exc
    # What a hand-made file (an itinerary from a secretariat) may leave out.
    values.setdefault("created_at", now)
    values.setdefault("updated_at", values["created_at"])
    values.setdefault("version", {})
    values.setdefault("deleted", False)
    return values


def _check_unique_ids(
    records: list[tuple[list[str | int], type[SyncedRecord], dict[str, Any]]],
) -> None:
    first_place: dict[str, list[str | int]] = {}
    for path, _model, values in records:
        record_id = values["id"]
        if record_id in first_place:
            raise MissionFormatError(
                f"{place([*path, 'id'])}: the id {record_id} is already used by "
                f"{place(first_place[record_id])}."
            )
        first_place[record_id] = path


def _check_mission_fields(values: dict[str, Any]) -> None:
    try:
        ZoneInfo(values.get("timezone", "UTC"))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise MissionFormatError(
            f"mission.timezone: unknown time zone {values['timezone']!r} "
            "(use an IANA name such as Europe/Minsk)."
        ) from exc
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise MissionFormatError("mission.end_date: the mission ends before it starts.")


def _check_times(path: list[str | int], values: dict[str, Any]) -> None:
    start, end = values.get("start_time"), values.get("end_time")
    if start and end and end < start:
        raise MissionFormatError(
            f"{place([*path, 'end_time'])}: the meeting ends before it starts."
        )


def _check_references(
    path: list[str | int], values: dict[str, Any], by_list: dict[str, set[str]]
) -> None:
    for field, target in REFERENCES.get(str(path[0]), {}).items():
        value = values.get(field)
        ids = value if isinstance(value, list) else ([] if value is None else [value])
        for position, record_id in enumerate(ids):
            if record_id not in by_list[target]:
                where = [*path, field, position] if isinstance(value, list) else [*path, field]
                singular = target[:-1]
                raise MissionFormatError(
                    f"{place(where)}: no {singular} with id {record_id} in this document."
                )
