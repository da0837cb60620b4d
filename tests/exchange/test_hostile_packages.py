"""Hostile and damaged packages: each gets a clear error and leaves everything unchanged."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exchange_team import TEST_COST, Team, export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldnotes.errors import FieldnotesError, PackageError, PassphraseError
from fieldnotes.exchange import encryption
from fieldnotes.paths import database_path
from fieldnotes.services import packages


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(entries: list[tuple[str, bytes]], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: we mean them
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                if name == symlink:
                    info.external_attr = 0o120777 << 16
                archive.writestr(info, data)
    return buffer.getvalue()


def _with_manifest(entries: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> bytes:
    """Re-zip ``entries`` with a manifest whose hashes match them (only content is hostile)."""
    manifest = json.loads(entries["manifest.json"])
    manifest["entries"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in entries.items()
        if name != "manifest.json"
    }
    items = [
        ("manifest.json", json.dumps(manifest).encode()),
        *((n, d) for n, d in entries.items() if n != "manifest.json"),
    ]
    return _zip([*items, *extra])


def _edit_mission(entries: dict[str, bytes], change: Callable[[dict[str, Any]], None]) -> bytes:
    document = json.loads(entries["mission.json"])
    change(document)
    return _with_manifest({**entries, "mission.json": json.dumps(document).encode()})


@pytest.fixture
def valid(team: Team) -> bytes:
    from fieldnotes.services import notes

    with team.experts[0].session() as session:
        notes.create_note(session, team.ids.mission, meeting_id=team.ids.meetings[0], text="Ok.\n")
    return export(team.experts[0], team.ids.mission, team.root, "valid").read_bytes()


def _snapshot_tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def assert_refused(
    team: Team,
    data: bytes,
    match: str,
    *,
    passphrase: str | None = None,
    error: type[Exception] = PackageError,
) -> None:
    """Importing ``data`` fails with ``error`` matching ``match``; nothing changed anywhere."""
    path = team.root / "hostile.fieldnotes"
    path.write_bytes(data)
    team.lead.close()  # the file is then complete: compare it byte for byte
    before = _snapshot_tree(team.root.parent)
    team.lead = type(team.lead).open(team.root / "lead")
    with pytest.raises(error, match=match):
        packages.import_package(team.lead, path, passphrase=passphrase)
    team.lead.close()
    assert _snapshot_tree(team.root.parent) == before
    assert database_path(team.root / "lead").exists()
    team.lead = type(team.lead).open(team.root / "lead")


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../evil.json", r"outside the package"),
        ("attachments/../../evil", r"outside the package"),
        ("/etc/passwd", r"absolute path"),
        ("\\windows\\evil", r"absolute path"),
        ("C:/Windows/evil.dll", r"names a drive"),
        ("C:evil", r"names a drive"),
        ("mission.json/../x", r"outside the package"),
        ("attachments\\..\\x", r"backslash"),
        ("notes.txt", r"not part of a fieldnotes package"),
        ("attachments/", r"empty or"),
    ],
)
def test_entry_names_that_could_escape_are_refused(team: Team, valid: bytes, name: str, match: str):
    entries = _entries(valid)
    assert_refused(team, _with_manifest(entries, [(name, b"x")]), match)


def test_symbolic_link_entry_is_refused(team: Team, valid: bytes):
    entries = list(_entries(valid).items())
    link = ("attachments/" + "a" * 64, b"/etc/passwd")
    assert_refused(team, _zip([*entries, link], symlink=link[0]), r"is a link")


def test_duplicate_entries_are_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    twice = [*entries.items(), ("mission.json", entries["mission.json"])]
    assert_refused(team, _zip(twice), r"appears twice")


def test_zip_bomb_is_stopped_while_streaming(team: Team, valid: bytes):
    entries = _entries(valid)
    bomb = b" " * (80 * 1024 * 1024)  # 80 MiB of spaces deflate to about 80 KiB
    assert_refused(team, _with_manifest({**entries, "mission.json": bomb}), r"unpacks to more than")


def test_zip_bomb_with_lying_sizes_is_stopped(team: Team, valid: bytes):
    entries = _entries(valid)
    bomb = b" " * (80 * 1024 * 1024)
    data = bytearray(_with_manifest({**entries, "mission.json": bomb}))
    # Declare 100 bytes for the bomb in both headers: what it unpacks to must still be capped.
    real = (len(bomb)).to_bytes(4, "little")
    count = 0
    position = data.find(real)
    while position != -1:
        data[position : position + 4] = (100).to_bytes(4, "little")
        count += 1
        position = data.find(real, position + 4)
    assert count >= 1
    assert_refused(team, bytes(data), r"damaged|unpacks to more than|SHA-256")


def test_a_hundred_thousand_entries_are_refused(team: Team, valid: bytes):
    entries = list(_entries(valid).items())
    many = [(f"attachments/{i:064x}", b"") for i in range(100_000)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in [*entries, *many]:
            archive.writestr(name, data)
    assert_refused(team, buffer.getvalue(), r"100,003 entries")


def test_truncated_package_is_refused(team: Team, valid: bytes):
    for cut in (10, len(valid) // 2, len(valid) - 5):
        assert_refused(team, valid[:cut], r"not a fieldnotes package|truncated|damaged")


def test_wrong_hash_is_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    document = json.loads(entries["mission.json"])
    document["mission"]["title"] = "Forged title"
    forged = {**entries, "mission.json": json.dumps(document).encode()}
    items = list(forged.items())  # the manifest keeps the old hashes
    assert_refused(team, _zip(items), r"does not match its SHA-256")


def test_entry_missing_from_manifest_is_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    assert_refused(
        team,
        _zip([*entries.items(), ("attachments/" + "b" * 64, b"photo")]),
        r"not listed in the manifest",
    )


def test_invalid_utf8_is_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    broken = entries["mission.json"].replace(b"Minsk", b"Min\xffsk", 1)
    assert_refused(team, _with_manifest({**entries, "mission.json": broken}), r"not UTF-8")


def test_duplicate_json_keys_are_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    text = entries["mission.json"].decode()
    doubled = text.replace('"title":', '"title":"Other","title":', 1).encode()
    assert_refused(
        team, _with_manifest({**entries, "mission.json": doubled}), r"appears more than once"
    )


def test_huge_json_is_refused_before_parsing(team: Team, valid: bytes):
    entries = _entries(valid)
    huge = b'{"format": "fieldnotes-mission", "pad": "' + b"x" * (65 * 1024 * 1024) + b'"}'
    assert_refused(team, _with_manifest({**entries, "mission.json": huge}), r"unpacks to more than")


def test_deeply_nested_json_is_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    deep = b"[" * 100_000 + b"]" * 100_000
    assert_refused(
        team,
        _with_manifest({**entries, "history.json": deep}),
        r"nested too deeply|not a fieldnotes-history",
    )


def test_dangling_reference_is_refused(team: Team, valid: bytes):
    def dangle(document: dict[str, Any]) -> None:
        document["notes"][0]["meeting_id"] = "00000000-0000-4000-8000-000000000000"

    assert_refused(
        team, _edit_mission(_entries(valid), dangle), r"notes\[0\]\.meeting_id: refers to"
    )


def test_record_of_another_mission_is_refused(team: Team, valid: bytes):
    def move(document: dict[str, Any]) -> None:
        document["members"][0]["mission_id"] = "00000000-0000-4000-8000-000000000000"

    assert_refused(team, _edit_mission(_entries(valid), move), r"another mission")


@pytest.fixture
def with_photo(team: Team) -> bytes:
    """A package whose mission has one photo of a meeting (entry attachments/<sha256>)."""
    from attachment_pictures import sideways_jpeg
    from fieldnotes.services import attachments
    from fieldnotes.store.blobs import BlobStore

    expert = team.experts[0]
    with expert.session() as session:
        attachments.add_attachment_bytes(
            session,
            BlobStore.for_profile(expert.path.parent),
            team.ids.mission,
            sideways_jpeg(),
            "IMG_0042.jpg",
            meeting_id=team.ids.meetings[0],
        )
    return export(expert, team.ids.mission, team.root, "photo").read_bytes()


def _photo_entry(entries: dict[str, bytes]) -> str:
    (name,) = [n for n in entries if n.startswith("attachments/")]
    return name


def test_tampered_attachment_is_refused(team: Team, with_photo: bytes):
    entries = _entries(with_photo)
    name = _photo_entry(entries)
    tampered = bytearray(entries[name])
    tampered[len(tampered) // 2] ^= 0xFF
    # The manifest is made to match: only the name (the SHA-256 of the bytes) tells.
    data = _with_manifest({**entries, name: bytes(tampered)})
    assert_refused(team, data, r"does not match its name.*damaged or altered")


def test_tampered_attachment_with_original_manifest_is_refused(team: Team, with_photo: bytes):
    entries = _entries(with_photo)
    name = _photo_entry(entries)
    items = [(n, (d[:-1] + b"X") if n == name else d) for n, d in entries.items()]
    assert_refused(team, _zip(items), r"does not match its SHA-256")


def test_missing_attachment_is_refused(team: Team, with_photo: bytes):
    entries = _entries(with_photo)
    del entries[_photo_entry(entries)]
    assert_refused(team, _with_manifest(entries), r"attachments\[0\]: the file of .* is missing")


def test_stray_attachment_is_refused(team: Team, valid: bytes):
    stray = b"a file no attachment describes"
    name = "attachments/" + hashlib.sha256(stray).hexdigest()
    assert_refused(
        team, _with_manifest({**_entries(valid), name: stray}), r"not the file of any attachment"
    )


def test_attachment_of_the_wrong_size_is_refused(team: Team, with_photo: bytes):
    def grow(document: dict[str, Any]) -> None:
        document["attachments"][0]["size"] += 1

    assert_refused(team, _edit_mission(_entries(with_photo), grow), r"bytes in the package, not")


def test_attachment_with_a_path_for_a_hash_is_refused(team: Team, with_photo: bytes):
    def escape(document: dict[str, Any]) -> None:
        document["attachments"][0]["sha256"] = "../../outside"

    assert_refused(team, _edit_mission(_entries(with_photo), escape), r"not a SHA-256")


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.__setitem__("format_version", 2), r"newer version of fieldnotes"),
        (lambda d: d.__setitem__("format_version", 0), r"format version 0 is not supported"),
        (lambda d: d.__setitem__("format_version", "1"), r"whole number"),
        (lambda d: d.__setitem__("format", "something-else"), r"not a fieldnotes-mission"),
        (lambda d: d["meetings"][0].__setitem__("date", "12 May"), r"meetings\[0\].*date"),
        (lambda d: d["meetings"][0].__setitem__("id", "not-a-uuid"), r"id is not a UUID"),
        (lambda d: d["meetings"][0]["version"].__setitem__("x", 1), r"not a device id"),
        (lambda d: d["meetings"][0].__setitem__("extra", 1), r"unknown fields"),
        (lambda d: d["notes"].append(dict(d["notes"][0])), r"used twice"),
        (
            lambda d: d["mission"].__setitem__("id", "00000000-0000-4000-8000-000000000000"),
            r"not the one the manifest names",
        ),
    ],
)
def test_bad_mission_documents_are_refused(team: Team, valid: bytes, change: Any, match: str):
    assert_refused(team, _edit_mission(_entries(valid), change), match)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda m: m.__setitem__("format_version", 9), r"newer version of fieldnotes"),
        (lambda m: m.__setitem__("format", "zip"), r"not a fieldnotes-package"),
        (lambda m: m.pop("device_id"), r"missing fields"),
    ],
)
def test_bad_manifests_are_refused(team: Team, valid: bytes, change: Any, match: str):
    entries = _entries(valid)
    manifest = json.loads(entries["manifest.json"])
    change(manifest)
    items = [
        ("manifest.json", json.dumps(manifest).encode()),
        *((n, d) for n, d in entries.items() if n != "manifest.json"),
    ]
    assert_refused(team, _zip(items), match)


def test_bad_history_is_refused(team: Team, valid: bytes):
    entries = _entries(valid)
    history = json.loads(entries["history.json"])
    history["conflicts"].append(
        {
            "id": "00000000-0000-4000-8000-000000000000",
            "table": "notes",
            "record_id": "00000000-0000-4000-8000-000000000001",
            "field": "text",
            "kind": "field",
            "loser_value": "x",
            "loser_version": {},
            "loser_member": None,
            "created_at": "2026-05-12T07:00:00.000000Z",
            "resolved": False,
            "resolved_version": None,
            "resolved_by": None,
        }
    )
    data = _with_manifest({**entries, "history.json": json.dumps(history).encode()})
    assert_refused(team, data, r"not in the package")


def test_wrong_passphrase_is_refused(team: Team, valid: bytes):
    sealed = encryption.encrypt(valid, "correct horse", TEST_COST)
    assert_refused(
        team, sealed, r"passphrase is wrong", passphrase="wrong horse", error=PassphraseError
    )
    assert_refused(
        team, sealed, r"encrypted: give its passphrase", passphrase=None, error=PassphraseError
    )


def test_every_flipped_byte_of_an_encrypted_package_is_refused(team: Team, valid: bytes):
    sealed = encryption.encrypt(valid, "correct horse", TEST_COST)
    assert packages.import_package_bytes  # the same path as files, without the disk
    database_file = database_path(team.root / "lead")
    team.lead.close()
    digest = hashlib.sha256(database_file.read_bytes()).hexdigest()
    from fieldnotes.exchange.package import parse_package

    for index in range(len(sealed)):
        damaged = bytearray(sealed)
        damaged[index] ^= 0xFF
        with pytest.raises(PackageError):
            parse_package(bytes(damaged), "correct horse")
    assert hashlib.sha256(database_file.read_bytes()).hexdigest() == digest
    team.lead = type(team.lead).open(team.root / "lead")


def test_sealed_package_round_trip(team: Team, valid: bytes):
    from fieldnotes.exchange.package import parse_package

    sealed = encryption.encrypt(valid, "Jelszó — пароль", TEST_COST)
    content = parse_package(sealed, "Jelszó — пароль")
    assert content.manifest.mission_id == team.ids.mission


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_fuzzed_packages_fail_cleanly_or_import(team: Team, valid: bytes, data: st.DataObject):
    """Random damage never crashes: a FieldnotesError, or (harmless damage) a normal import."""
    from fieldnotes.exchange.package import parse_package

    damaged = bytearray(valid)
    seed = data.draw(st.integers(0, 2**32 - 1))
    rng = random.Random(seed)
    for _ in range(data.draw(st.integers(1, 8))):
        action = rng.choice(("flip", "cut", "insert"))
        position = rng.randrange(len(damaged))
        if action == "flip":
            damaged[position] ^= 1 << rng.randrange(8)
        elif action == "cut":
            del damaged[position : position + rng.randint(1, 64)]
        else:
            damaged[position:position] = rng.randbytes(rng.randint(1, 16))
        if not damaged:
            damaged = bytearray(b"\0")
    with contextlib.suppress(FieldnotesError):
        parse_package(bytes(damaged))
