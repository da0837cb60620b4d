"""Reading a package ZIP without trusting it: names, sizes, links and hashes.

Nothing is ever extracted to disk: the JSON entries are read into memory, each one streamed
with a byte count so that a lying size in the ZIP directory cannot make us inflate a bomb.
Attachments are only streamed through SHA-256 here (with the same byte counts) and not kept:
a photo-heavy mission is hundreds of megabytes, and an import later copies each one from
the ZIP to the blob store, checking its hash again. Every problem is a PackageError whose
message names the entry and the problem.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from fieldnotes.errors import PackageError

MANIFEST = "manifest.json"
MISSION = "mission.json"
HISTORY = "history.json"
ATTACHMENT_PREFIX = "attachments/"
_ATTACHMENT_NAME = re.compile(r"^attachments/[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps on what a package may hold (generous for real missions, fatal for bombs).

    A mission with 200 photos of 3–6 MB is about a gigabyte: the package and all entries
    together may reach 2 GiB. Only JSON is held in memory (64 MiB each); attachments are
    streamed, so the total cap bounds the time a bomb can cost, not the memory. An encrypted
    package is decrypted in memory, hence its own, lower cap.
    """

    package_bytes: int = 2 * 1024 * 1024 * 1024
    encrypted_bytes: int = 512 * 1024 * 1024
    entries: int = 10_000
    total_bytes: int = 2 * 1024 * 1024 * 1024
    json_bytes: int = 64 * 1024 * 1024
    manifest_bytes: int = 1024 * 1024
    attachment_bytes: int = 64 * 1024 * 1024


DEFAULT_LIMITS = Limits()


def check_entry_name(name: str) -> None:
    """Refuse names that could escape a folder or that a package never contains."""
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    if "\x00" in name:
        raise PackageError(f"Package entry {shown!r} has a NUL character in its name.")
    if name.startswith(("/", "\\")):
        raise PackageError(f"Package entry {shown!r} has an absolute path.")
    if _DRIVE.match(name):
        raise PackageError(f"Package entry {shown!r} names a drive.")
    if "\\" in name:
        raise PackageError(f"Package entry {shown!r} has a backslash in its name.")
    parts = name.split("/")
    if ".." in parts:
        raise PackageError(f"Package entry {shown!r} points outside the package ('..').")
    if any(part in ("", ".") for part in parts):
        raise PackageError(f"Package entry {shown!r} has an empty or '.' path part.")
    if name not in (MANIFEST, MISSION, HISTORY) and not _ATTACHMENT_NAME.match(name):
        raise PackageError(f"Package entry {shown!r} is not part of a fieldnotes package.")


def _check_info(info: zipfile.ZipInfo) -> None:
    check_entry_name(info.orig_filename)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageError(f"Package entry {info.orig_filename!r} is a link.")
    if info.is_dir() or stat.S_ISDIR(mode):
        raise PackageError(f"Package entry {info.orig_filename!r} is a folder.")
    if info.flag_bits & 0x1:
        raise PackageError(f"Package entry {info.orig_filename!r} uses ZIP encryption.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageError(f"Package entry {info.orig_filename!r} uses an unsupported compression.")


def _entry_limit(name: str, limits: Limits) -> int:
    if name == MANIFEST:
        return limits.manifest_bytes
    if name.startswith(ATTACHMENT_PREFIX):
        return limits.attachment_bytes
    return limits.json_bytes


@dataclass(frozen=True)
class Entry:
    """One checked entry: its bytes (empty for attachments, which are not kept), SHA-256
    and size."""

    name: str
    data: bytes
    sha256: str
    size: int


# Where a package's ZIP is: its bytes (decrypted, or read by tests), or its open file. An
# open file, not a path: everything checked (and the digest remembered) is then of the same
# bytes, even if a sync engine renames a newer package over the path meanwhile.
ZipSource = bytes | BinaryIO


def source_size(source: ZipSource) -> int:
    if isinstance(source, bytes):
        return len(source)
    try:
        size = source.seek(0, io.SEEK_END)
        source.seek(0)
    except OSError as exc:
        raise PackageError(f"Cannot read the package: {exc.strerror or exc}.") from exc
    return size


def open_archive(source: ZipSource) -> zipfile.ZipFile:
    """The ZIP of ``source``; PackageError if it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except zipfile.BadZipFile as exc:
        raise PackageError(
            f"This is not a fieldnotes package, or the file is truncated or damaged ({exc})."
        ) from exc
    except (OSError, ValueError, EOFError) as exc:
        raise PackageError(f"The package file is damaged ({exc}).") from exc


def read_entries(source: ZipSource, limits: Limits = DEFAULT_LIMITS) -> dict[str, Entry]:
    """Every entry of the package ZIP in ``source``, checked (JSON entries read into memory)."""
    size = source_size(source)
    if size > limits.package_bytes:
        raise PackageError(
            f"The package is too large ({size:,} bytes; the limit is {limits.package_bytes:,})."
        )
    with open_archive(source) as archive:
        infos = archive.infolist()
        if len(infos) > limits.entries:
            raise PackageError(
                f"The package has {len(infos):,} entries; a fieldnotes package has at most "
                f"{limits.entries:,}."
            )
        seen: set[str] = set()
        for info in infos:
            _check_info(info)
            if info.orig_filename in seen:
                raise PackageError(f"Package entry {info.orig_filename!r} appears twice.")
            seen.add(info.orig_filename)
        entries: dict[str, Entry] = {}
        total = 0
        for info in infos:
            name = info.orig_filename
            entry = _read_entry(
                archive,
                info,
                _entry_limit(name, limits),
                (limits.total_bytes - total, limits.total_bytes),
                keep=not name.startswith(ATTACHMENT_PREFIX),
            )
            total += entry.size
            entries[entry.name] = entry
    return entries


def _read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: int,
    room: tuple[int, int],
    *,
    keep: bool,
) -> Entry:
    name = info.orig_filename
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PackageError(
                        f"Package entry {name!r} unpacks to more than {limit:,} bytes."
                    )
                if size > room[0]:
                    raise PackageError(f"The package unpacks to more than {room[1]:,} bytes.")
                digest.update(chunk)
                if keep:
                    chunks.append(chunk)
    except PackageError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise PackageError(f"Package entry {name!r} is damaged or truncated ({exc}).") from exc
    return Entry(name, b"".join(chunks), digest.hexdigest(), size)
