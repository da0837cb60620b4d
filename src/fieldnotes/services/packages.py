"""Use cases of package files: export a mission, import (merge) packages from teammates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from fieldnotes.errors import MassDeleteError
from fieldnotes.exchange import encryption
from fieldnotes.exchange.merge_apply import ImportSummary, apply_plan, plan_import
from fieldnotes.exchange.package import (
    build_package,
    parse_package,
    read_package_file,
    write_atomically,
)
from fieldnotes.exchange.package_content import PackageContent
from fieldnotes.exchange.package_records import history_document, mission_document, mission_records
from fieldnotes.exchange.package_validation import DEFAULT_LIMITS, Limits
from fieldnotes.model import Member
from fieldnotes.model.types import format_utc, utc_now
from fieldnotes.paths import backup_dir
from fieldnotes.services.missions import get_mission
from fieldnotes.services.profile import link_member, linked_member_id
from fieldnotes.services.team import resolve_member
from fieldnotes.store import Database
from fieldnotes.store.backup import timestamped_backup

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


def package_bytes(
    session: Session,
    mission_id: str,
    device_id: str,
    *,
    passphrase: str | None = None,
    cost: encryption.ScryptCost = encryption.DEFAULT_COST,
) -> tuple[bytes, int]:
    """The bytes of a package of ``mission_id`` and the number of records in it."""
    get_mission(session, mission_id)
    records = mission_records(session, mission_id)
    record_ids = [doc["id"] for docs in records.values() for doc in docs]
    member_id = linked_member_id(session, mission_id)
    member = session.get(Member, member_id) if member_id else None
    data = build_package(
        mission_document=mission_document(records),
        history_document=history_document(session, mission_id, record_ids),
        member_id=member_id,
        member_name=member.name if member else "",
        device_id=device_id,
        created_at=format_utc(utc_now()),
    )
    if passphrase:
        data = encryption.encrypt(data, passphrase, cost)
    return data, len(record_ids)


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
        data, count = package_bytes(
            session, mission_id, database.device_id, passphrase=passphrase, cost=cost
        )
    write_atomically(path, data)
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
    package's mission.
    """
    backup: Path | None = None
    with database.session() as session:
        plan = plan_import(session, content)
        if not allow_mass_delete:
            check_mass_delete(plan.summary)
        if plan.writes:
            backup = timestamped_backup(
                database.path, backup_dir(database.path.parent), "before-import"
            )
            apply_plan(session, plan)
            session.flush()
        mission_id = plan.summary.mission_id
        if member is not None:
            chosen = resolve_member(session, mission_id, member)
            link_member(session, mission_id, chosen.id)
        needs_member = linked_member_id(session, mission_id) is None
    return ImportResult(source, plan.summary, backup, needs_member)


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
    content = read_package(path, passphrase, limits)
    return import_content(
        database, content, source=path.name, allow_mass_delete=allow_mass_delete, member=member
    )


def import_package_bytes(
    database: Database,
    data: bytes,
    *,
    source: str = "package",
    passphrase: str | None = None,
    allow_mass_delete: bool = False,
) -> ImportResult:
    """Like :func:`import_package`, for bytes already read (sync, tests)."""
    content = parse_package(data, passphrase)
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
]
