"""Package files (``*.fieldnotes``): build, write atomically, read and validate.

A package is a ZIP with ``manifest.json`` (format, app version, mission, exporting member and
device, creation time, SHA-256 and size of every other entry), ``mission.json`` (the mission
JSON document: all records of the mission, tombstones and version vectors included),
``history.json`` (recent revisions of each record and the mission's conflicts: what merges
need) and ``attachments/<sha256>`` (the bytes of every live attachment, named by their
SHA-256). Optionally the whole ZIP is encrypted (:mod:`fieldnotes.exchange.encryption`).
See docs/package-format.md.

Attachment bytes are streamed: from the blob store into the ZIP on export, and from the ZIP
through SHA-256 on validation and into the blob store on import, never all in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

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
    ATTACHMENT_PREFIX,
    DEFAULT_LIMITS,
    HISTORY,
    MANIFEST,
    MISSION,
    Limits,
    ZipSource,
    open_archive,
    read_entries,
    source_size,
)
from fieldnotes.gc_pause import paused_gc
from fieldnotes.model import Attachment, SyncedRecord
from fieldnotes.store.blobs import BlobError, BlobStore, is_sha256

_CHUNK = 1024 * 1024

# Fixed ZIP timestamps: the same content gives the same bytes.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
PACKAGE_SUFFIX = ".fieldnotes"


def _json_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def _info(name: str, compress_type: int, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compress_type
    info.external_attr = 0o100644 << 16
    info.file_size = size  # lets zipfile choose ZIP64 up front for very large entries
    return info


def write_package(
    stream: BinaryIO,
    *,
    mission_document: dict[str, Any],
    history_document: dict[str, Any],
    member_id: str | None,
    member_name: str,
    device_id: str,
    created_at: str,
    attachments: Mapping[str, Path] | None = None,
) -> None:
    """Write a package ZIP to ``stream``; ``attachments`` maps SHA-256 -> file of its bytes.

    Each attachment file is streamed into the ZIP and hashed on the way: a blob damaged on
    disk stops the export (BlobError) instead of travelling as a package every importer
    would refuse.
    """
    payload = {MISSION: _json_bytes(mission_document), HISTORY: _json_bytes(history_document)}
    listed: dict[str, dict[str, Any]] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in payload.items()
    }
    files = dict(sorted((attachments or {}).items()))
    for sha256, path in files.items():
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise BlobError(
                f"The attachment file {sha256[:12]}… is missing from {path.parent}."
            ) from exc
        listed[ATTACHMENT_PREFIX + sha256] = {"sha256": sha256, "size": size}
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
        "entries": listed,
    }
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in [(MANIFEST, _json_bytes(manifest)), *payload.items()]:
            archive.writestr(_info(name, zipfile.ZIP_DEFLATED, len(data)), data)
        for sha256, path in files.items():
            name = ATTACHMENT_PREFIX + sha256
            # Stored, not deflated: photos and PDFs are compressed already, and deflating
            # hundreds of megabytes would cost seconds for nothing.
            info = _info(name, zipfile.ZIP_STORED, listed[name]["size"])
            digest = hashlib.sha256()
            try:
                with path.open("rb") as source, archive.open(info, "w") as target:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        target.write(chunk)
            except OSError as exc:
                raise BlobError(f"Cannot read attachment {sha256[:12]}…: {exc.strerror}.") from exc
            if digest.hexdigest() != sha256:
                raise BlobError(
                    f"The attachment file {sha256[:12]}… is damaged (its bytes changed on "
                    "disk); the package was not written."
                )


def build_package(
    *,
    mission_document: dict[str, Any],
    history_document: dict[str, Any],
    member_id: str | None,
    member_name: str,
    device_id: str,
    created_at: str,
    attachments: Mapping[str, Path] | None = None,
) -> bytes:
    """The ZIP bytes of a package (in memory: see :func:`write_package` for large ones)."""
    buffer = io.BytesIO()
    write_package(
        buffer,
        mission_document=mission_document,
        history_document=history_document,
        member_id=member_id,
        member_name=member_name,
        device_id=device_id,
        created_at=created_at,
        attachments=attachments,
    )
    return buffer.getvalue()


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


def open_package(
    data: bytes, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """The ZIP bytes of a package file's bytes: decrypted if it is encrypted."""
    if encryption.is_encrypted(data):
        if len(data) > limits.encrypted_bytes:
            raise PackageError(
                f"The encrypted package is too large ({len(data):,} bytes; the limit is "
                f"{limits.encrypted_bytes:,})."
            )
        return encryption.decrypt(data, passphrase)
    return data


@contextmanager
def opened_package(
    path: Path, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[ZipSource]:
    """The ZIP of the package file at ``path``: the open file itself, or (encrypted) its
    decrypted bytes. A large plain package is never read into memory whole."""
    try:
        stream = path.open("rb")
    except FileNotFoundError as exc:
        raise UserFileError(f"Cannot read {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UserFileError(f"Cannot read {path}: it is a folder, not a package.") from exc
    except OSError as exc:
        raise UserFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    with stream:
        size = source_size(stream)
        try:
            head = stream.read(len(encryption.MAGIC))
            stream.seek(0)
            if encryption.is_encrypted(head):
                if size > limits.encrypted_bytes:
                    raise PackageError(
                        f"{path.name} is too large for an encrypted package ({size:,} bytes; "
                        f"the limit is {limits.encrypted_bytes:,})."
                    )
                data = stream.read(limits.encrypted_bytes + 1)
        except OSError as exc:
            raise UserFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        if encryption.is_encrypted(head):
            yield open_package(data, passphrase, limits)
            return
        if size > limits.package_bytes:
            raise PackageError(
                f"{path.name} is too large for a package ({size:,} bytes; the limit is "
                f"{limits.package_bytes:,})."
            )
        yield stream


def package_digest(source: ZipSource) -> str:
    """What identifies a package's content: the SHA-256 of its (decrypted) ZIP bytes."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    digest = hashlib.sha256()
    try:
        source.seek(0)
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
        source.seek(0)
    except OSError as exc:
        raise PackageError(f"Cannot read the package: {exc.strerror or exc}.") from exc
    return digest.hexdigest()


def parse_package(
    data: bytes, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> PackageContent:
    """Validate a whole package (decrypting it first if needed) and return its content."""
    return parse_package_zip(open_package(data, passphrase, limits), limits)


def parse_package_zip(
    source: ZipSource,
    limits: Limits = DEFAULT_LIMITS,
    *,
    digest: str | None = None,
    path: Path | None = None,
) -> PackageContent:
    """Validate the (decrypted) ZIP of a package and return its content.

    ``path``: the file ``source`` was opened from, where an import later copies the
    attachments from (checking each one's hash again).
    """
    with paused_gc():  # parsing builds a large tree of objects without cycles
        return _parse_package_zip(source, limits, digest, path)


def _parse_package_zip(
    source: ZipSource, limits: Limits, digest: str | None, path: Path | None
) -> PackageContent:
    entries = read_entries(source, limits)
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
    attachments: dict[str, int] = {}
    for name, entry in sorted(entries.items()):
        if name.startswith(ATTACHMENT_PREFIX):
            if entry.sha256 != name[len(ATTACHMENT_PREFIX) :]:
                raise PackageError(
                    f"Package entry {name!r} does not match its name (the SHA-256 of its "
                    "bytes): the attachment was damaged or altered."
                )
            attachments[entry.sha256] = entry.size
    for required in (MISSION, HISTORY):
        if required not in entries:
            raise PackageError(f"The package has no {required}.")
    rows: dict[type[SyncedRecord], list[tuple[Any, ...]]] = {}
    records = parse_mission_document(
        parse_entry(MISSION, entries[MISSION].data, limits.json_bytes), manifest, rows
    )
    _check_attachment_files(records.get(Attachment, []), attachments)
    history, conflicts = parse_history_document(
        parse_entry(HISTORY, entries[HISTORY].data, limits.json_bytes), records
    )
    return PackageContent(
        manifest,
        records,
        history,
        conflicts,
        rows=rows,
        sha256=digest or package_digest(source),
        attachments=attachments,
        source=(source if isinstance(source, bytes) else path) if attachments else None,
    )


def _check_attachment_files(documents: list[dict[str, Any]], files: dict[str, int]) -> None:
    """Every live attachment has its bytes in the package, of its size; no file is stray."""
    wanted: set[str] = set()
    for index, document in enumerate(documents):
        sha256 = document["sha256"]
        where = f"mission.json: attachments[{index}]"
        if not is_sha256(sha256):
            raise PackageError(f"{where}.sha256: not a SHA-256 (64 lowercase hex digits).")
        if document["deleted"]:
            continue  # a removed attachment travels without its bytes
        if sha256 not in files:
            raise PackageError(
                f"{where}: the file of “{document['file_name']}” (SHA-256 {sha256[:12]}…) is "
                "missing from the package."
            )
        if files[sha256] != document["size"]:
            raise PackageError(
                f"{where}: “{document['file_name']}” is {files[sha256]:,} bytes in the package, "
                f"not {document['size']:,}."
            )
        wanted.add(sha256)
    stray = sorted(set(files) - wanted)
    if stray:
        raise PackageError(
            f"Package entry {ATTACHMENT_PREFIX + stray[0]!r} is not the file of any attachment "
            "in mission.json."
        )


def store_attachments(content: PackageContent, blobs: BlobStore, limits: Limits) -> int:
    """Copy the package's attachment files that ``blobs`` lacks into it; how many.

    Each copy is hashed again on the way and renamed into place only if it matches its name,
    so a package file changed since it was validated cannot plant wrong bytes.
    """
    missing = [sha for sha in sorted(content.attachments) if not blobs.has(sha)]
    if not missing:
        return 0
    if content.source is None:
        raise PackageError("The package's attachment files are no longer available.")
    with contextlib.ExitStack() as stack:
        source: ZipSource
        if isinstance(content.source, Path):
            try:
                source = stack.enter_context(content.source.open("rb"))
            except OSError as exc:
                raise PackageError(f"Cannot read the package again: {exc.strerror}.") from exc
        else:
            source = content.source
        archive = stack.enter_context(open_archive(source))
        for sha256 in missing:
            name = ATTACHMENT_PREFIX + sha256
            try:
                with archive.open(name) as stream:
                    blobs.put_stream(stream, limits.attachment_bytes, expected=sha256)
            except (BlobError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
                raise PackageError(
                    f"Package entry {name!r} changed or became unreadable after it was checked "
                    f"({exc}); nothing was imported."
                ) from exc
    blobs.sync()
    return len(missing)


def read_package(
    path: Path, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> PackageContent:
    """Read and validate the package file at ``path``; PackageError names any problem."""
    try:
        with opened_package(path, passphrase, limits) as source:
            return parse_package_zip(source, limits, path=path)
    except PackageError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc
