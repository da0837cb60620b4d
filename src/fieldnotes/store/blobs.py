"""Content-addressed storage of attachment bytes: ``<profile>/attachments/<sha256>``.

Why files beside the database rather than a BLOB column: photos are large (a mission easily
holds hundreds of 3 MB pictures) and never change. Kept out of SQLite, they do not bloat the
WAL, the daily backups (taken with the backup API, page by page) stay small and fast, and the
start-up integrity check reads only the records. A blob is immutable and named by its
hash, so the same picture added twice is stored once, and a database restored from an
older backup still finds every picture it refers to. Blobs are never deleted automatically
for that reason: a deleted attachment may come back with a restore or a merge.

Every write goes to a temporary file in the same folder, is flushed to disk and renamed
into place: a blob is either absent or complete.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from fieldnotes.errors import StorageError
from fieldnotes.paths import attachments_dir

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


class BlobError(StorageError):
    """A blob is missing or its bytes no longer match its hash."""


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """The attachment bytes of one profile."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_profile(cls, data_dir: Path) -> BlobStore:
        return cls(attachments_dir(data_dir))

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.folder / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store ``data`` (checked against ``sha256`` when given); return its hash."""
        digest = sha256_of(data)
        if sha256 is not None and digest != sha256:
            raise BlobError(f"The bytes do not match their SHA-256 {sha256[:12]}….")
        if not self.has(digest):
            self._write(digest, iter((data,)))
        return digest

    def put_stream(
        self, stream: IO[bytes], limit: int, *, expected: str | None = None
    ) -> tuple[str, int]:
        """Store what ``stream`` holds (at most ``limit`` bytes, else ValueError); hash, size.

        The bytes are hashed while copied to a temporary file, so a large file is read once
        and never held in memory. With ``expected``, bytes of another SHA-256 are not stored
        (BlobError).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        descriptor, temporary = tempfile.mkstemp(prefix=".incoming-", dir=self.folder)
        try:
            with os.fdopen(descriptor, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise ValueError(f"more than {limit} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if expected is not None and digest.hexdigest() != expected:
                raise BlobError(f"The bytes do not match their SHA-256 {expected[:12]}….")
            target = self.path(digest.hexdigest())
            if target.exists():
                Path(temporary).unlink()
            else:
                Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest.hexdigest(), size

    def sync(self) -> None:
        """Make the names of blobs written so far durable (fsync of the folder).

        Each blob's bytes are synced before its rename; the rename itself is durable only
        once the folder is. Call before committing records that need the blobs, so that a
        crash can leave an orphan blob but never a record without its bytes.
        """
        try:
            directory = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return  # Windows cannot open folders; NTFS journals renames
        try:
            os.fsync(directory)
        except OSError:
            pass
        finally:
            os.close(directory)

    def _write(self, sha256: str, chunks: Iterator[bytes]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".incoming-", dir=self.folder)
        try:
            with os.fdopen(descriptor, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            Path(temporary).replace(self.path(sha256))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, sha256: str, *, verify: bool = True) -> bytes:
        """The bytes of blob ``sha256``; BlobError if missing or (``verify``) damaged."""
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(
                f"The attachment file {sha256[:12]}… is missing from {self.folder}."
            ) from exc
        except OSError as exc:
            raise BlobError(f"Cannot read attachment {sha256[:12]}…: {exc.strerror}.") from exc
        if verify and sha256_of(data) != sha256:
            raise BlobError(
                f"The attachment file {sha256[:12]}… is damaged (its bytes changed on disk)."
            )
        return data
