"""Mission JSON: byte-identical round trips, and every kind of bad input refused untouched."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select

from fieldnotes.errors import MissionFormatError, UserFileError, ValidationError
from fieldnotes.exchange.mission_checks import RECORD_LISTS, mission_schema
from fieldnotes.exchange.mission_json import (
    dump_document,
    export_document,
    export_mission,
    export_mission_file,
    import_mission,
    import_mission_file,
)
from fieldnotes.exchange.strict_json import parse_json, read_limited
from fieldnotes.model import Contact, Mission, Revision, SyncedRecord, Topic
from fieldnotes.paths import resource
from fieldnotes.services.demo import write_demo
from fieldnotes.services.missions import create_mission
from fieldnotes.store import Database

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 5, 14)


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo mission exported once per module (a populated source profile)."""
    database = Database.open(tmp_path_factory.mktemp("source"))
    try:
        with database.session() as session:
            mission_id = write_demo(session, today=TODAY)
        with database.session() as session:
            return export_mission(session, mission_id)
    finally:
        database.close()


@pytest.fixture
def document(demo_export: bytes) -> dict[str, Any]:
    return json.loads(demo_export)


def dump_tables(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: the before/after picture of "nothing was written"."""
    connection = sqlite3.connect(database.path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            # Some FTS5 shadow tables have no rowid: sort in Python instead.
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


# ------------------------------------------------------------------------------ round trip


def test_round_trip_is_byte_identical(db, demo_export):
    with db.session() as session:
        imported = import_mission(session, demo_export)
    with db.session() as session:
        again = export_mission(session, imported.mission_id)
    assert again == demo_export
    assert imported.record_counts["notes"] > 20


def test_export_is_canonical(demo_export, document):
    assert demo_export.endswith(b"}\n")
    assert "Ковалёва".encode() in demo_export  # UTF-8, not \u escapes
    assert dump_document(document) == demo_export
    assert document["format"] == "fieldnotes-mission" and document["format_version"] == 1
    for key, _model in RECORD_LISTS:
        ids = [record["id"] for record in document[key]]
        assert ids == sorted(ids), key
    # The tombstone travels, with version vectors and bookkeeping.
    assert any(contact["deleted"] for contact in document["contacts"])
    assert all(record["version"] for key, _m in RECORD_LISTS for record in document[key])
    assert document["mission"]["updated_by"] in {m["id"] for m in document["members"]}


def test_import_keeps_versions_and_writes_history(db, document, demo_export):
    with db.session() as session:
        imported = import_mission(session, demo_export)
    with db.session() as session:
        contact_doc = next(c for c in document["contacts"] if c["deleted"])
        contact = session.get(Contact, contact_doc["id"])
        assert contact.deleted and contact.version == contact_doc["version"]
        mission = session.get(Mission, imported.mission_id)
        assert mission.version == document["mission"]["version"]  # no counter bump
        assert session.info["device_id"] not in mission.version
        history = session.scalars(
            select(Revision).where(Revision.record_id == imported.mission_id)
        ).all()
        assert len(history) == 1 and history[0].version == mission.version


def test_export_validates_against_the_schema(document):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(mission_schema())
    Draft202012Validator(mission_schema()).validate(document)


def test_minimal_hand_written_itinerary_imports(db):
    mission_id, member_id, meeting_id = (str(uuid.uuid4()) for _ in range(3))
    minimal = {
        "format": "fieldnotes-mission",
        "format_version": 1,
        "mission": {
            "id": mission_id,
            "title": "Study visit to Tbilisi",
            "timezone": "Asia/Tbilisi",
        },
        "members": [{"id": member_id, "mission_id": mission_id, "name": "Nino Beridze"}],
        "meetings": [
            {
                "id": meeting_id,
                "mission_id": mission_id,
                "date": "2026-06-02",
                "title": "Public Service Development Agency",
                "start_time": "10:00",
                "member_ids": [member_id],
            }
        ],
    }
    with db.session() as session:
        import_mission(session, json.dumps(minimal).encode())
    with db.session() as session:
        exported = export_document(session, mission_id)
    assert exported["mission"]["version"] == {}
    assert exported["meetings"][0]["start_time"] == "10:00"
    assert exported["members"][0]["role"] == "expert"
    # What was filled in is itself valid and round-trips.
    db2 = Database.open(db.path.parent.parent / "second")
    try:
        with db2.session() as session:
            import_mission(session, dump_document(exported))
        with db2.session() as session:
            assert export_mission(session, mission_id) == dump_document(exported)
    finally:
        db2.close()


def test_a_topic_already_in_the_profile_is_kept(db, demo_export, document):
    topic_doc = document["topics"][0]
    with db.session() as session:
        session.add(Topic(id=topic_doc["id"], name=topic_doc["name"], version={"x": 1}))
    with db.session() as session:
        imported = import_mission(session, demo_export)
        assert imported.record_counts["topics"] == len(document["topics"]) - 1
        assert session.get(Topic, topic_doc["id"]).version == {"x": 1}


def test_export_file_is_written_whole(db, tmp_path, demo_export):
    with db.session() as session:
        imported = import_mission(session, demo_export)
        folder = tmp_path / "exports"
        folder.mkdir()
        target = folder / "out.json"
        export_mission_file(session, imported.mission_id, target)
    assert target.read_bytes() == demo_export
    assert [p.name for p in folder.iterdir()] == ["out.json"]  # no temporary left behind
    with db.session() as session, pytest.raises(UserFileError, match="Cannot write"):
        export_mission_file(session, imported.mission_id, tmp_path / "missing" / "x.json")


# ----------------------------------------------------------------------------- bad inputs

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation setting ``a.b[2].c`` to ``value``."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = _parts(path)
        target: Any = doc
        for part in parents:
            target = target[part]
        target[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = _parts(path)
        target: Any = doc
        for part in parents:
            target = target[part]
        del target[last]

    return mutate


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.replace("]", "").replace("[", ".").split("."):
        parts.append(int(piece) if piece.isdigit() else piece)
    return parts


def _copy_id(source: str, target: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        value: Any = doc
        for part in _parts(source):
            value = value[part]
        _set(target, value)(doc)

    return mutate


def _first_meeting_with(field: str) -> Callable[[dict[str, Any]], int]:
    def find(doc: dict[str, Any]) -> int:
        return next(i for i, m in enumerate(doc["meetings"]) if m[field])

    return find


NEW_ID = "7d9b2a58-3f7e-4c51-9a43-0f3c6c1d2e8b"

BAD_DOCUMENTS: list[tuple[str, Mutation, str]] = [
    ("format", _set("format", "something-else"), "not a fieldnotes mission file"),
    ("newer version", _set("format_version", 2), "newer fieldnotes"),
    ("version as text", _set("format_version", "1"), "format_version: expected 1"),
    ("missing mission", _delete("mission"), "the field 'mission' is missing"),
    ("bad date", _set("meetings[3].date", "tomorrow"), "meetings[3].date: expected a date"),
    ("impossible date", _set("meetings[3].date", "2026-02-30"), "meetings[3].date: day"),
    (
        "bad time",
        _set("meetings[2].start_time", "25:00"),
        "meetings[2].start_time: expected a time",
    ),
    (
        "end before start",
        _set("meetings[2].end_time", "00:01"),
        "meetings[2].end_time: the meeting ends",
    ),
    (
        "bad flag",
        _set("notes[2].key_finding", "yes"),
        "notes[2].key_finding: expected true or false",
    ),
    ("bad enum", _set("members[0].role", "boss"), 'members[0].role: "boss" is not one of'),
    ("missing title", _delete("meetings[0].title"), "meetings[0]: the field 'title' is missing"),
    ("empty name", _set("members[1].name", ""), "members[1].name: must not be empty"),
    ("unknown field", _set("contacts[1].nickname", "x"), "contacts[1]: unknown field 'nickname'"),
    (
        "too long",
        _set("organisations[0].acronym", "A" * 41),
        "organisations[0].acronym: longer than 40",
    ),
    ("not a uuid", _set("notes[0].id", "123"), "notes[0].id: expected a lower-case UUID"),
    (
        "upper-case uuid",
        _set("notes[0].id", NEW_ID.upper()),
        "notes[0].id: expected a lower-case UUID",
    ),
    (
        "bad timestamp",
        _set("actions[1].updated_at", "yesterday"),
        "actions[1].updated_at: expected a UTC",
    ),
    ("bad vv key", _set("mission.version", {"laptop": 1}), "mission.version"),
    ("negative counter", _set("members[1].version", {NEW_ID: -1}), "members[1].version"),
    ("list not object", _set("members", {}), "members: expected a list"),
    ("duplicate id", _copy_id("contacts[0].id", "contacts[1].id"), "contacts[1].id: the id"),
    ("id shared across kinds", _copy_id("members[0].id", "topics[0].id"), "topics[0].id: the id"),
    (
        "dangling organisation",
        _set("contacts[0].organisation_id", NEW_ID),
        "contacts[0].organisation_id: no organisation",
    ),
    ("dangling author", _set("notes[4].author_id", NEW_ID), "notes[4].author_id: no member"),
    ("dangling meeting", _set("notes[1].meeting_id", NEW_ID), "notes[1].meeting_id: no meeting"),
    ("dangling topic", _set("notes[0].topic_ids", [NEW_ID]), "notes[0].topic_ids[0]: no topic"),
    ("dangling note", _set("actions[0].note_id", NEW_ID), "actions[0].note_id: no note"),
    (
        "dangling owner",
        _set("actions[2].owner_organisation_id", NEW_ID),
        "actions[2].owner_organisation_id: no organisation",
    ),
    (
        "dangling participant",
        _set("meetings[1].member_ids", [NEW_ID]),
        "meetings[1].member_ids[0]: no member",
    ),
    (
        "repeated participant",
        _copy_id("members[0].id", "meetings[1].member_ids"),
        "meetings[1].member_ids",
    ),
    (
        "another mission",
        _set("members[2].mission_id", NEW_ID),
        "members[2].mission_id: this record belongs to another mission",
    ),
    (
        "unknown zone",
        _set("mission.timezone", "Europe/Atlantis"),
        "mission.timezone: unknown time zone",
    ),
    (
        "mission dates",
        _set("mission.start_date", "2030-01-01"),
        "mission.end_date: the mission ends before",
    ),
]


def _fix_repeated(doc: dict[str, Any]) -> None:
    member = doc["members"][0]["id"]
    doc["meetings"][1]["member_ids"] = [member, member]


BAD_DOCUMENTS = [
    (name, _fix_repeated if name == "repeated participant" else mutate, expected)
    for name, mutate, expected in BAD_DOCUMENTS
]


@pytest.fixture(scope="module")
def populated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("populated")
    database = Database.open(folder)
    with database.session() as session:
        write_demo(session, today=TODAY)
    database.close()  # the last connection checkpoints the WAL into the file
    return folder


@pytest.fixture
def populated(populated_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A profile that already holds another mission, so "unchanged" is not trivially empty."""
    folder = tmp_path / "populated"
    shutil.copytree(populated_template, folder)
    database = Database.open(folder)
    yield database
    database.close()


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(m, e, id=name) for name, m, e in BAD_DOCUMENTS],
)
def test_bad_documents_are_refused_untouched(populated, document, mutate, expected):
    bad = copy.deepcopy(document)
    mutate(bad)
    before = dump_tables(populated)
    with pytest.raises(MissionFormatError) as caught, populated.session() as session:
        import_mission(session, json.dumps(bad, ensure_ascii=False).encode())
    assert expected in caught.value.message
    assert dump_tables(populated) == before


BAD_BYTES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "not valid JSON: Expecting value at line 1, column 1"),
    ("syntax", b'{\n  "format": "fieldnotes-mission",\n  "mission": {,}\n}', "line 3, column 15"),
    ("trailing comma", b'{"a": 1,\n}', "line 2, column 1"),
    ("not utf-8", b'{"format": "\xff"}\n', "not UTF-8 text: invalid byte at line 1"),
    ("not an object", b"[1, 2]", "not a JSON object"),
    ("nested too deeply", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (
        "duplicate key",
        b'{"format": "fieldnotes-mission", "members": [{"id": 1, "id": 2}]}',
        "members[0]: the key 'id' appears more than once",
    ),
    ("duplicate top key", b'{"format": 1, "format": 2}', "the document: the key 'format'"),
]


@pytest.mark.parametrize(
    ("data", "expected"), [pytest.param(d, e, id=name) for name, d, e in BAD_BYTES]
)
def test_bad_bytes_are_refused_untouched(populated, data, expected):
    before = dump_tables(populated)
    with pytest.raises(MissionFormatError) as caught, populated.session() as session:
        import_mission(session, data)
    assert expected in caught.value.message
    assert dump_tables(populated) == before


def test_size_is_checked_before_parsing(tmp_path):
    with pytest.raises(MissionFormatError, match="too large"):
        parse_json(b"[" + b" " * 2000 + b"]", limit=1000)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(MissionFormatError, match="too large"):
        read_limited(big, limit=1000)


def test_a_bom_is_tolerated(db, demo_export):
    with db.session() as session:
        import_mission(session, b"\xef\xbb\xbf" + demo_export)


def test_already_present_mission_is_refused(db, demo_export):
    with db.session() as session:
        import_mission(session, demo_export)
    before = dump_tables(db)
    with (
        pytest.raises(ValidationError, match="merging arrives with packages"),
        db.session() as session,
    ):
        import_mission(session, demo_export)
    assert dump_tables(db) == before


def test_record_ids_of_another_mission_are_refused(db, document, demo_export):
    with db.session() as session:
        import_mission(session, demo_export)
    copied = copy.deepcopy(document)
    copied["mission"]["id"] = NEW_ID
    for key, _model in RECORD_LISTS:
        for record in copied[key]:
            if "mission_id" in record:
                record["mission_id"] = NEW_ID
    before = dump_tables(db)
    with (
        pytest.raises(MissionFormatError, match=r"members\[0\]\.id: a record with the id"),
        db.session() as session,
    ):
        import_mission(session, json.dumps(copied).encode())
    assert dump_tables(db) == before


def test_file_errors_name_the_file(db, tmp_path):
    with db.session() as session:
        with pytest.raises(UserFileError, match="no such file"):
            import_mission_file(session, tmp_path / "nothing.json")
        with pytest.raises(UserFileError, match="folder"):
            import_mission_file(session, tmp_path)
        broken = tmp_path / "broken.json"
        broken.write_text("{", encoding="utf-8")
        with pytest.raises(MissionFormatError, match=r"^broken\.json: .*line 1, column 2"):
            import_mission_file(session, broken)


def test_a_mission_not_in_the_profile_cannot_be_exported(user_db):
    from fieldnotes.errors import NotFoundError

    with user_db.session() as session:
        create_mission(session, title="Only mission")
        with pytest.raises(NotFoundError):
            export_mission(session, NEW_ID)


# ---------------------------------------------------------------------------------- schema


def test_schema_in_docs_is_the_shipped_one():
    assert (REPO / "docs" / "mission.schema.json").read_bytes() == resource(
        "schema", "mission.schema.json"
    ).read_bytes()


@pytest.mark.parametrize(("key", "model"), [("mission", Mission), *RECORD_LISTS])
def test_schema_describes_every_column(key, model: type[SyncedRecord]):
    definitions = mission_schema()["$defs"]
    name = "mission" if key == "mission" else key[:-1]
    properties = definitions[name]["properties"]
    columns = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    assert set(properties) == set(columns)
    for field, column in columns.items():
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is not None:
            assert properties[field]["enum"] == [member.value for member in enum_class]
        length = getattr(column.type, "length", None)
        if isinstance(length, int) and "maxLength" in properties[field]:
            assert properties[field]["maxLength"] == length, field
