"""Use cases of package files: export a mission, import (merge) packages from teammates."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from fieldnotes.errors import MassDeleteError, PackageError
from fieldnotes.exchange import encryption
from fieldnotes.exchange.atomic_file import write_atomically
from fieldnotes.exchange.merge_apply import ImportSummary, apply_plan, plan_import
from fieldnotes.exchange.package import (
    open_package,
    opened_package,
    package_digest,
    parse_package_zip,
    read_package_file,
    store_attachments,
    write_package,
)
from fieldnotes.exchange.package_content import PackageContent
from fieldnotes.exchange.package_records import history_document, mission_document, mission_records
from fieldnotes.exchange.package_validation import DEFAULT_LIMITS, Limits
from fieldnotes.gc_pause import paused_gc
from fieldnotes.model import Attachment, ImportedPackage, Member, Mission
from fieldnotes.model.types import format_utc, utc_now
from fieldnotes.paths import backup_dir
from fieldnotes.services.missions import get_mission
from fieldnotes.services.profile import link_member, linked_member_id
from fieldnotes.services.team import resolve_member
from fieldnotes.store import Database
from fieldnotes.store.backup import timestamped_backup
from fieldnotes.store.blobs import BlobStore

# The lost-update guard: an import that would delete at least this many live records of a
# mission, and more than this share of them, needs the user's confirmation.
MASS_DELETE_MINIMUM = 10
MASS_DELETE_SHARE = 0.25


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    encrypted: bool


@dataclass(frozen=True)
class ImportResult:
    """What one import did; ``needs_member`` asks the user to pick who they are."""

    source: str
    summary: ImportSummary
    backup: Path | None
    needs_member: bool


def _blob_store(session: Session) -> BlobStore:
    """The blob store of the profile whose database ``session`` is bound to."""
    database = session.get_bind().engine.url.database
    return BlobStore.for_profile(Path(database or ".").parent)


def write_mission_package(
    session: Session,
    mission_id: str,
    device_id: str,
    stream: BinaryIO,
    *,
    blobs: BlobStore | None = None,
) -> int:
    """Write a (plain) package of ``mission_id`` to ``stream``; the number of records.

    Every live attachment of the mission travels as ``attachments/<sha256>``, streamed from
    the profile's blob store.
    """
    get_mission(session, mission_id)
    records = mission_records(session, mission_id)
    record_ids = [doc["id"] for docs in records.values() for doc in docs]
    member_id = linked_member_id(session, mission_id)
    member = session.get(Member, member_id) if member_id else None
    store = blobs if blobs is not None else _blob_store(session)
    files = {
        doc["sha256"]: store.path(doc["sha256"])
        for doc in records.get(Attachment, [])
        if not doc["deleted"]
    }
    write_package(
        stream,
        mission_document=mission_document(records),
        history_document=history_document(session, mission_id, record_ids),
        member_id=member_id,
        member_name=member.name if member else "",
        device_id=device_id,
        created_at=format_utc(utc_now()),
        attachments=files,
    )
    return len(record_ids)


def package_bytes(
    session: Session,
    mission_id: str,
    device_id: str,
    *,
    passphrase: str | None = None,
    cost: encryption.ScryptCost = encryption.DEFAULT_COST,
    blobs: BlobStore | None = None,
) -> tuple[bytes, int]:
    """The bytes of a package of ``mission_id`` and the number of records in it."""
    buffer = io.BytesIO()
    count = write_mission_package(session, mission_id, device_id, buffer, blobs=blobs)
    data = buffer.getvalue()
    if passphrase:
        data = encryption.encrypt(data, passphrase, cost)
    return data, count


def write_package_file(
    session: Session,
    mission_id: str,
    device_id: str,
    path: Path,
    *,
    passphrase: str | None = None,
    cost: encryption.ScryptCost = encryption.DEFAULT_COST,
    blobs: BlobStore | None = None,
) -> int:
    """Write a package of the mission to ``path`` atomically; the number of records.

    A plain package is streamed to the file (attachments are never all in memory); an
    encrypted one is sealed in memory, as the authenticated encryption is one-shot.
    """
    if passphrase:
        data, count = package_bytes(
            session, mission_id, device_id, passphrase=passphrase, cost=cost, blobs=blobs
        )
        write_atomically(path, data)
        return count
    counts: list[int] = []

    def write(stream: BinaryIO) -> None:
        counts.append(write_mission_package(session, mission_id, device_id, stream, blobs=blobs))

    write_atomically(path, write)
    return counts[0]


def export_package(
    database: Database,
    mission_id: str,
    path: Path,
    *,
    passphrase: str | None = None,
    cost: encryption.ScryptCost = encryption.DEFAULT_COST,
) -> ExportResult:
    """Write a package of the mission to ``path`` atomically (temporary file, then rename)."""
    with database.session() as session:
        count = write_package_file(
            session,
            mission_id,
            database.device_id,
            path,
            passphrase=passphrase,
            cost=cost,
            blobs=BlobStore.for_profile(database.path.parent),
        )
    return ExportResult(path, count, bool(passphrase))


def read_package(
    path: Path, passphrase: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> PackageContent:
    """Read and validate a package file; nothing is written (PackageError names problems)."""
    from fieldnotes.exchange.package import read_package as read

    return read(path, passphrase, limits)


def check_mass_delete(summary: ImportSummary) -> None:
    deletions = summary.deleted
    if deletions >= MASS_DELETE_MINIMUM and deletions > MASS_DELETE_SHARE * summary.live_before:
        raise MassDeleteError(
            f"This package would delete {deletions} of the {summary.live_before} records of "
            f"“{summary.mission_title}”. Nothing was changed. Import it anyway only if that is "
            "what the team meant (command line: --allow-mass-delete)."
        )


def preview_import(database: Database, content: PackageContent) -> ImportSummary:
    """What importing ``content`` would change, without changing anything."""
    with database.session() as session:
        summary = plan_import(session, content).summary
        session.rollback()
    return summary


def import_content(
    database: Database,
    content: PackageContent,
    *,
    source: str = "package",
    allow_mass_delete: bool = False,
    member: str | None = None,
) -> ImportResult:
    """Merge a validated package into the database in one transaction.

    A backup of the database is taken (SQLite backup API) before anything is written. With
    ``member`` (id, id prefix or exact name), the profile then writes as that member in the
    package's mission. A package whose digest is known is remembered as imported, in the
    same transaction, so that importing the same bytes again is skipped.
    """
    backup: Path | None = None
    # Planning and writing build many objects without cycles (see gc_pause); the session
    # commits before the collector runs again.
    with paused_gc(), database.session() as session:
        plan = plan_import(session, content)
        if not allow_mass_delete:
            check_mass_delete(plan.summary)
        # Attachment bytes first, after every check and before the records are committed:
        # a crash or a failure from here on leaves at worst an unused blob, never an
        # attachment record without its bytes.
        store_attachments(content, BlobStore.for_profile(database.path.parent), DEFAULT_LIMITS)
        if plan.writes:
            backup = timestamped_backup(
                database.path, backup_dir(database.path.parent), "before-import"
            )
            apply_plan(session, plan)
            session.flush()
        mission_id = plan.summary.mission_id
        if content.sha256 is not None:
            session.merge(
                ImportedPackage(
                    sha256=content.sha256,
                    mission_id=mission_id,
                    records=content.record_count(),
                    imported_at=utc_now(),
                )
            )
        needs_member = _link_member(session, mission_id, member)
    return ImportResult(source, plan.summary, backup, needs_member)


def _link_member(session: Session, mission_id: str, member: str | None) -> bool:
    """Link the chosen member, if any; whether the profile still needs to pick one."""
    if member is not None:
        chosen = resolve_member(session, mission_id, member)
        link_member(session, mission_id, chosen.id)
    return linked_member_id(session, mission_id) is None


def repeated_import(
    database: Database, digest: str, *, source: str = "package", member: str | None = None
) -> ImportResult | None:
    """The result of importing the package whose (decrypted) ZIP has the SHA-256 ``digest``
    (:func:`~fieldnotes.exchange.package.package_digest`) if this profile already imported
    these very bytes, else None.

    Such an import changes nothing (merging is idempotent, and every record can only have
    moved on since), so it is skipped before the package is even validated again: a sync
    folder offers the same packages every few minutes. The marker lives in the database,
    so a profile restored from an older backup imports the package again for real.
    """
    with database.session() as session:
        seen = session.get(ImportedPackage, digest)
        if seen is None:
            return None
        mission = session.get(Mission, seen.mission_id)
        summary = ImportSummary(
            seen.mission_id, mission.title if mission else "", unchanged=seen.records
        )
        needs_member = _link_member(session, seen.mission_id, member)
    return ImportResult(source, summary, None, needs_member)


def import_package(
    database: Database,
    path: Path,
    *,
    passphrase: str | None = None,
    allow_mass_delete: bool = False,
    member: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Validate the package at ``path`` completely, then merge it (see :func:`import_content`)."""
    try:
        with opened_package(path, passphrase, limits) as source:
            digest = package_digest(source)
            repeated = repeated_import(database, digest, source=path.name, member=member)
            if repeated is not None:
                return repeated
            content = parse_package_zip(source, limits, digest=digest, path=path)
            return import_content(
                database,
                content,
                source=path.name,
                allow_mass_delete=allow_mass_delete,
                member=member,
            )
    except PackageError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc


def import_package_bytes(
    database: Database,
    data: bytes,
    *,
    source: str = "package",
    passphrase: str | None = None,
    allow_mass_delete: bool = False,
) -> ImportResult:
    """Like :func:`import_package`, for bytes already read (sync, tests)."""
    zip_data = open_package(data, passphrase)
    digest = package_digest(zip_data)
    repeated = repeated_import(database, digest, source=source)
    if repeated is not None:
        return repeated
    content = parse_package_zip(zip_data, digest=digest)
    return import_content(database, content, source=source, allow_mass_delete=allow_mass_delete)


__all__ = [
    "ExportResult",
    "ImportResult",
    "ImportSummary",
    "check_mass_delete",
    "export_package",
    "import_content",
    "import_package",
    "import_package_bytes",
    "package_bytes",
    "preview_import",
    "read_package",
    "read_package_file",
    "repeated_import",
]
