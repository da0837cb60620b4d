"""Package files (``*.fieldnotes``): build, write atomically, read and validate.

A package is a ZIP with ``manifest.json`` (format, app version, mission, exporting member and
device, creation time, SHA-256 and size of every other entry), ``mission.json`` (the mission
JSON document: all records of the mission, tombstones and version vectors included),
``history.json`` (recent revisions of each record and the mission's conflicts: what merges
need) and ``attachments/<sha256>`` (none yet). Optionally the whole ZIP is encrypted
(:mod:`fieldnotes.exchange.encryption`). See docs/package-format.md.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from fieldnotes import __version__
from fieldnotes.errors import PackageError, UserFileError
from fieldnotes.exchange import encryption
from fieldnotes.exchange.package_content import (
    PACKAGE_FORMAT,
    PACKAGE_FORMAT_VERSION,
    PackageContent,
    parse_entry,
    parse_history_document,
    parse_manifest,
    parse_mission_document,
)
from fieldnotes.exchange.package_validation import (
    DEFAULT_LIMITS,
    HISTORY,
    MANIFEST,
    MISSION,
    Limits,
    read_entries,
)

# Fixed ZIP timestamps: the same content gives the same bytes.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
PACKAGE_SUFFIX = ".fieldnotes"


def _json_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def build_package(
    *,
    mission_document: dict[str, Any],
    history_document: dict[str, Any],
    member_id: str | None,
    member_name: str,
    device_id: str,
    created_at: str,
) -> bytes:
    """The ZIP bytes of a package."""
    import hashlib

    payload = {MISSION: _json_bytes(mission_document), HISTORY: _json_bytes(history_document)}
    mission = mission_document["mission"]
    manifest = {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_FORMAT_VERSION,
        "app_version": __version__,
        "mission_id": mission["id"],
        "mission_title": mission["title"],
        "member_id": member_id,
        "member_name": member_name,
        "device_id": device_id,
        "created_at": created_at,
        "entries": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in payload.items()
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in [(MANIFEST, _json_bytes(manifest)), *payload.items()]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    The temporary file sits in the same folder (a rename across file systems is a copy) and
    starts with a dot, so that shared-folder sync never picks up a half-written package.
    """
    folder = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserFileError(f"Cannot write to {folder}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserFileError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; the rename is durable enough there
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


def read_package_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a package file, refusing oversized files before reading them."""
    try:
        size = path.stat().st_size
        if size > limits.package_bytes:
            raise PackageError(
                f"{path.name} is too large for a package ({size:,} bytes; the limit is "
                f"{limits.package_bytes:,})."
            )
        with path.open("rb") as stream:
            data = stream.read(limits.package_bytes + 1)
    except FileNotFoundError as exc:
        raise UserFileError(f"Cannot read {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UserFileError(f"Cannot read {path}: it is a folder, not a package.") from exc
    except OSError as exc:
        raise UserFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > limits.package_bytes:
        raise PackageError(f"{path.name} is too large for a package.")
    return data


def parse_package(
    data: bytes, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> PackageContent:
    """Validate a whole package (decrypting it first if needed) and return its content."""
    if encryption.is_encrypted(data):
        if len(data) > limits.package_bytes:
            raise PackageError("The package is too large.")
        data = encryption.decrypt(data, passphrase)
    entries = read_entries(data, limits)
    if MANIFEST not in entries:
        raise PackageError("The package has no manifest.json: it is not a fieldnotes package.")
    manifest = parse_manifest(parse_entry(MANIFEST, entries[MANIFEST].data, limits.manifest_bytes))
    listed = set(manifest.entries)
    present = set(entries) - {MANIFEST}
    if present - listed:
        raise PackageError(
            f"Package entry {sorted(present - listed)[0]!r} is not listed in the manifest."
        )
    if listed - present:
        raise PackageError(
            f"The manifest lists {sorted(listed - present)[0]!r}, which the package lacks."
        )
    for name, expected in sorted(manifest.entries.items()):
        if entries[name].sha256 != expected:
            raise PackageError(
                f"Package entry {name!r} does not match its SHA-256 in the manifest: the file "
                "was damaged or altered."
            )
    for required in (MISSION, HISTORY):
        if required not in entries:
            raise PackageError(f"The package has no {required}.")
    records = parse_mission_document(
        parse_entry(MISSION, entries[MISSION].data, limits.json_bytes), manifest
    )
    history, conflicts = parse_history_document(
        parse_entry(HISTORY, entries[HISTORY].data, limits.json_bytes), records
    )
    return PackageContent(manifest, records, history, conflicts)


def read_package(
    path: Path, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> PackageContent:
    """Read and validate the package file at ``path``; PackageError names any problem."""
    data = read_package_file(path, limits)
    try:
        return parse_package(data, passphrase, limits)
    except PackageError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc
