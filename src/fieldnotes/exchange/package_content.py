"""The JSON documents of a package, checked field by field before anything is written.

Checks: format names and versions, exact field sets, value types (through the record codec),
UUIDs, version vectors, one mission, unique ids, references between records, and that
history and conflicts only speak of records in the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import inspect

from fieldnotes.errors import MissionFormatError, PackageError
from fieldnotes.exchange.mission_checks import FORMAT_NAME as MISSION_FORMAT
from fieldnotes.exchange.mission_checks import FORMAT_VERSION as MISSION_FORMAT_VERSION
from fieldnotes.exchange.package_records import (
    HISTORY_FORMAT,
    HISTORY_FORMAT_VERSION,
    MODEL_OF_SECTION,
    MODEL_OF_TABLE,
    SECTION_OF,
    table_of,
)
from fieldnotes.exchange.strict_json import parse_json
from fieldnotes.model import SYNCED_MODELS, Mission, SyncedRecord, Topic, conflict_id_for
from fieldnotes.model.conflicts import value_json
from fieldnotes.model.types import parse_utc
from fieldnotes.store.record_codec import field_codecs, from_document, row_codec

T = TypeVar("T")


def _per_model(function: Callable[[type[SyncedRecord]], T]) -> Callable[[type[SyncedRecord]], T]:
    """Memoise a function of a model class (functools.cache's types reject ORM classes)."""
    results: dict[type[SyncedRecord], T] = {}

    def wrapper(model: type[SyncedRecord]) -> T:
        if model not in results:
            results[model] = function(model)
        return results[model]

    return wrapper


PACKAGE_FORMAT = "fieldnotes-package"
PACKAGE_FORMAT_VERSION = 1

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_COUNTER = 2**53
MAX_HISTORY_PER_RECORD = 200
CONFLICT_KINDS = frozenset({"field", "delete_edit"})

MANIFEST_FIELDS = frozenset(
    {
        "format",
        "format_version",
        "app_version",
        "mission_id",
        "mission_title",
        "member_id",
        "member_name",
        "device_id",
        "created_at",
        "entries",
    }
)
CONFLICT_FIELDS = frozenset(
    {
        "id",
        "table",
        "record_id",
        "field",
        "kind",
        "loser_value",
        "loser_version",
        "loser_member",
        "created_at",
        "resolved",
        "resolved_version",
        "resolved_by",
    }
)


@dataclass(frozen=True)
class Manifest:
    app_version: str
    mission_id: str
    mission_title: str
    member_id: str | None
    member_name: str
    device_id: str
    created_at: str
    entries: dict[str, str]  # entry name -> SHA-256


@dataclass
class PackageContent:
    """A package's records (documents by model, FK order), history and conflicts.

    ``rows`` holds each record's database values (``store.record_codec.row_codec`` order),
    parallel to ``records``: computed once while checking, written as they are by an
    import. ``sha256`` is the digest of the package's ZIP bytes (decrypted), if known.
    ``attachments`` lists the checked attachment files, which stay in the ZIP (``source``)
    until an import copies them to the blob store.
    """

    manifest: Manifest
    records: dict[type[SyncedRecord], list[dict[str, Any]]]
    history: dict[str, list[tuple[dict[str, int], dict[str, Any]]]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[type[SyncedRecord], list[tuple[Any, ...]]] = field(default_factory=dict)
    sha256: str | None = None
    attachments: dict[str, int] = field(default_factory=dict)  # SHA-256 -> size of each file
    source: bytes | Path | None = None  # where the attachment files are read from on import

    def rows_of(self, model: type[SyncedRecord]) -> list[tuple[Any, ...]]:
        """Database values of the records of ``model`` (computed here if not yet known)."""
        if model not in self.rows:
            codec = row_codec(model)
            self.rows[model] = [codec.row(doc) for doc in self.records.get(model, [])]
        return self.rows[model]

    @property
    def mission(self) -> dict[str, Any]:
        return self.records[Mission][0]

    def record_count(self) -> int:
        return sum(len(docs) for docs in self.records.values())


def _fail(where: str, problem: str) -> PackageError:
    return PackageError(f"{where}: {problem}")


def parse_entry(name: str, data: bytes, limit: int) -> Any:
    """Strict JSON of one entry (UTF-8, size cap, no duplicate keys, no NaN)."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            raise MissionFormatError("a byte order mark is not allowed in a package")
        # NaN and Infinity are refused while parsing (no second walk over the document).
        return parse_json(data, limit=limit, finite=True)
    except MissionFormatError as exc:
        raise PackageError(f"{name}: {exc.message}") from exc


def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


@functools.lru_cache(maxsize=1024)
def _is_device(value: str) -> bool:
    # A package names a handful of devices in tens of thousands of vectors.
    return is_uuid(value)


def check_version_vector(where: str, value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _fail(where, "the version vector must be an object")
    for device, counter in value.items():
        if not _is_device(device):
            raise _fail(where, f"{device!r} in the version vector is not a device id")
        if isinstance(counter, bool) or not isinstance(counter, int):
            raise _fail(where, "version vector counters must be whole numbers")
        if not 0 <= counter <= MAX_COUNTER:
            raise _fail(where, "a version vector counter is out of range")
    return {d: c for d, c in sorted(value.items()) if c > 0}


def _check_format(where: str, document: Any, name: str, version: int) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise _fail(where, "expected a JSON object")
    if document.get("format") != name:
        raise _fail(where, f"not a {name} document (format {document.get('format')!r})")
    found = document.get("format_version")
    if isinstance(found, bool) or not isinstance(found, int):
        raise _fail(where, "format_version must be a whole number")
    if found > version:
        raise _fail(
            where,
            f"format version {found} was written by a newer version of fieldnotes; "
            "update fieldnotes to import it",
        )
    if found != version:
        raise _fail(where, f"format version {found} is not supported")
    return document


def parse_manifest(document: Any) -> Manifest:
    where = "manifest.json"
    _check_format(where, document, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION)
    keys = set(document)
    if keys != MANIFEST_FIELDS:
        missing, extra = MANIFEST_FIELDS - keys, keys - MANIFEST_FIELDS
        raise _fail(
            where,
            f"missing fields {sorted(missing)}" if missing else f"unknown fields {sorted(extra)}",
        )
    for key in ("mission_id", "device_id"):
        if not is_uuid(document[key]):
            raise _fail(where, f"{key} is not a UUID")
    if document["member_id"] is not None and not is_uuid(document["member_id"]):
        raise _fail(where, "member_id is not a UUID")
    for key in ("app_version", "mission_title", "member_name", "created_at"):
        if not isinstance(document[key], str):
            raise _fail(where, f"{key} must be text")
    try:
        parse_utc(document["created_at"])
    except ValueError as exc:
        raise _fail(where, "created_at is not a UTC timestamp") from exc
    entries = document["entries"]
    if not isinstance(entries, dict) or not entries:
        raise _fail(where, "entries must list the package's files")
    hashes: dict[str, str] = {}
    for name, info in entries.items():
        if not isinstance(info, dict) or set(info) != {"sha256", "size"}:
            raise _fail(where, f"entry {name!r} must have sha256 and size")
        if not isinstance(info["sha256"], str) or not _SHA256.match(info["sha256"]):
            raise _fail(where, f"entry {name!r} has no valid SHA-256")
        if isinstance(info["size"], bool) or not isinstance(info["size"], int) or info["size"] < 0:
            raise _fail(where, f"entry {name!r} has no valid size")
        hashes[name] = info["sha256"]
    return Manifest(
        app_version=document["app_version"],
        mission_id=document["mission_id"],
        mission_title=document["mission_title"],
        member_id=document["member_id"],
        member_name=document["member_name"],
        device_id=document["device_id"],
        created_at=document["created_at"],
        entries=hashes,
    )


@_per_model
def _record_fields(model: type[SyncedRecord]) -> frozenset[str]:
    return frozenset(field_codecs(model))


@_per_model
def content_fields(model: type[SyncedRecord]) -> frozenset[str]:
    return _record_fields(model) - SyncedRecord.BOOKKEEPING_FIELDS


@_per_model
def references(model: type[SyncedRecord]) -> dict[str, tuple[type[SyncedRecord], bool]]:
    """Field -> (referenced model, is a list of ids) for every reference of ``model``."""
    result: dict[str, tuple[type[SyncedRecord], bool]] = {}
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        for foreign_key in column.foreign_keys:
            target = MODEL_OF_TABLE.get(foreign_key.column.table.name)
            if target is not None and attr.key != "mission_id":
                result[attr.key] = (target, False)
        if attr.key.endswith("_ids"):
            target = MODEL_OF_TABLE.get(attr.key[: -len("_ids")] + "s")
            if target is not None:
                result[attr.key] = (target, True)
    return result


def _check_record(
    where: str, model: type[SyncedRecord], document: Any, mission_id: str | None
) -> tuple[Any, ...]:
    """Check one record document; its database values."""
    if not isinstance(document, dict):
        raise _fail(where, "expected a JSON object")
    expected = _record_fields(model)
    if document.keys() != expected:
        keys = set(document)
        missing, extra = sorted(expected - keys), sorted(keys - expected)
        raise _fail(where, f"missing fields {missing}" if missing else f"unknown fields {extra}")
    if not is_uuid(document["id"]):
        raise _fail(where, "id is not a UUID")
    check_version_vector(where, document["version"])
    if document["updated_by"] is not None and not is_uuid(document["updated_by"]):
        raise _fail(where, "updated_by is not a UUID")
    if mission_id is not None and "mission_id" in document and document["mission_id"] != mission_id:
        raise _fail(where, "belongs to another mission than the package's")
    try:
        return row_codec(model).row(document)
    except (ValueError, TypeError) as exc:
        raise _fail(where, str(exc)) from exc


def parse_mission_document(
    document: Any,
    manifest: Manifest,
    rows: dict[type[SyncedRecord], list[tuple[Any, ...]]] | None = None,
) -> dict[type[SyncedRecord], list[dict[str, Any]]]:
    """The checked records of ``mission.json``; their database values go into ``rows``."""
    if rows is None:
        rows = {}
    _check_format("mission.json", document, MISSION_FORMAT, MISSION_FORMAT_VERSION)
    unknown = set(document) - {"format", "format_version", *MODEL_OF_SECTION}
    if unknown:
        raise _fail("mission.json", f"unknown sections {sorted(unknown)}")
    mission = document.get("mission")
    rows[Mission] = [_check_record("mission.json: mission", Mission, mission, None)]
    mission_id = mission["id"]
    if mission_id != manifest.mission_id:
        raise _fail("mission.json", "the mission is not the one the manifest names")
    records: dict[type[SyncedRecord], list[dict[str, Any]]] = {Mission: [mission]}
    ids: dict[str, type[SyncedRecord]] = {mission_id: Mission}
    for model in SYNCED_MODELS[1:]:
        section = SECTION_OF[model]
        docs = document.get(section, [])
        if not isinstance(docs, list):
            raise _fail(f"mission.json: {section}", "expected a list")
        model_rows = rows[model] = []
        for index, doc in enumerate(docs):
            where = f"mission.json: {section}[{index}]"
            model_rows.append(_check_record(where, model, doc, mission_id))
            if doc["id"] in ids:
                raise _fail(where, f"the id {doc['id']} is used twice")
            ids[doc["id"]] = model
        records[model] = docs
    for model, docs in records.items():
        for name, (target, is_list) in references(model).items():
            for index, doc in enumerate(docs):
                value = doc[name]
                if value is None and not is_list:
                    continue
                if is_list and not isinstance(value, list):
                    raise _fail(
                        f"mission.json: {SECTION_OF[model]}[{index}].{name}", "expected a list"
                    )
                for item in value if is_list else (value,):
                    if not isinstance(item, str) or ids.get(item) is not target:
                        raise _fail(
                            f"mission.json: {SECTION_OF[model]}[{index}].{name}",
                            f"refers to {item!r}, which is not a {table_of(target)[:-1]} "
                            "of this package",
                        )
    return records


def parse_history_document(
    document: Any, records: dict[type[SyncedRecord], list[dict[str, Any]]]
) -> tuple[dict[str, list[tuple[dict[str, int], dict[str, Any]]]], list[dict[str, Any]]]:
    where = "history.json"
    _check_format(where, document, HISTORY_FORMAT, HISTORY_FORMAT_VERSION)
    if set(document) != {"format", "format_version", "mission_id", "revisions", "conflicts"}:
        raise _fail(where, "unexpected or missing sections")
    if document["mission_id"] != records[Mission][0]["id"]:
        raise _fail(where, "the history is of another mission")
    model_of = {doc["id"]: model for model, docs in records.items() for doc in docs}
    revisions = document["revisions"]
    if not isinstance(revisions, dict):
        raise _fail(where, "revisions must be an object")
    history: dict[str, list[tuple[dict[str, int], dict[str, Any]]]] = {}
    item_keys = {"version", "content"}
    for record_id, items in revisions.items():
        model = model_of.get(record_id)
        if model is None:
            raise _fail(
                f"{where}: revisions", f"history of {record_id!r}, a record not in the package"
            )
        if not isinstance(items, list) or len(items) > MAX_HISTORY_PER_RECORD:
            raise _fail(f"{where}: revisions.{record_id}", "expected a short list")
        fields, check = content_fields(model), row_codec(model).check
        parsed: list[tuple[dict[str, int], dict[str, Any]]] = []
        for index, item in enumerate(items):
            # The place is only spelled out for an error (tens of thousands of items).
            if not isinstance(item, dict) or item.keys() != item_keys:
                raise _fail(_revision_place(record_id, index), "expected version and content")
            try:
                version = check_version_vector("", item["version"])
            except PackageError:  # checked again, to name the place
                check_version_vector(_revision_place(record_id, index), item["version"])
                raise
            content = item["content"]
            if not isinstance(content, dict) or content.keys() != fields:
                raise _fail(
                    _revision_place(record_id, index),
                    "the content does not have the record's fields",
                )
            try:
                check(content)
            except (ValueError, TypeError) as exc:
                raise _fail(_revision_place(record_id, index), str(exc)) from exc
            parsed.append((version, content))
        history[record_id] = parsed
    conflicts = document["conflicts"]
    if not isinstance(conflicts, list):
        raise _fail(where, "conflicts must be a list")
    for index, conflict in enumerate(conflicts):
        _check_conflict(f"{where}: conflicts[{index}]", conflict, model_of)
    return history, conflicts


def _revision_place(record_id: str, index: int) -> str:
    return f"history.json: revisions.{record_id}[{index}]"


def _check_conflict(where: str, conflict: Any, model_of: dict[str, type[SyncedRecord]]) -> None:
    if not isinstance(conflict, dict) or set(conflict) != CONFLICT_FIELDS:
        raise _fail(where, "not a conflict")
    model = model_of.get(conflict["record_id"])
    if model is None or conflict["table"] != table_of(model):
        raise _fail(where, "about a record that is not in the package")
    name = conflict["field"]
    if name not in content_fields(model):
        raise _fail(where, f"{name!r} is not a field of that record")
    if conflict["kind"] not in CONFLICT_KINDS:
        raise _fail(where, "unknown kind")
    try:
        from_document(model, {name: conflict["loser_value"]})
        parse_utc(conflict["created_at"])
    except (ValueError, TypeError) as exc:
        raise _fail(where, str(exc)) from exc
    expected = conflict_id_for(
        conflict["table"], conflict["record_id"], name, value_json(conflict["loser_value"])
    )
    if conflict["id"] != expected:
        raise _fail(where, "the conflict id does not match its content")
    check_version_vector(where, conflict["loser_version"])
    if conflict["resolved_version"] is not None:
        check_version_vector(where, conflict["resolved_version"])
    if not isinstance(conflict["resolved"], bool):
        raise _fail(where, "resolved must be true or false")
    for key in ("loser_member", "resolved_by"):
        if conflict[key] is not None and not is_uuid(conflict[key]):
            raise _fail(where, f"{key} is not a UUID")


def topic_documents(content: PackageContent) -> list[dict[str, Any]]:
    return content.records.get(Topic, [])
