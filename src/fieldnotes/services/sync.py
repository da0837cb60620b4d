"""Shared-folder sync: one round writes this profile's package and merges everyone else's.

The folder is kept in step by a sync engine the team already has (network share, Nextcloud,
OneDrive, Syncthing). The live database never goes there: only package files, each written
atomically under a name no other profile can choose (member, mission and device id). An
unreachable folder is a normal state on a laptop: the round reports it and changes nothing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from fieldnotes.errors import FieldnotesError, MassDeleteError, PackageError
from fieldnotes.exchange import encryption
from fieldnotes.exchange.package import (
    PACKAGE_SUFFIX,
    opened_package,
    package_digest,
    parse_package_zip,
)
from fieldnotes.model import Member
from fieldnotes.services.packages import (
    ImportResult,
    import_content,
    repeated_import,
    write_package_file,
)
from fieldnotes.services.profile import linked_member_id
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobStore


@dataclass
class SyncStatus:
    """The outcome of one round, for a status bar or the command line."""

    reachable: bool
    message: str
    written: Path | None = None
    imported: list[ImportResult] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, message)

    @property
    def ok(self) -> bool:
        return self.reachable and not self.failed


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:40] or "profile"


def own_package_name(member_name: str, mission_id: str, device_id: str) -> str:
    """This profile's file name in the shared folder: unique per member, mission and device."""
    return f"{_slug(member_name)}-{mission_id[:8]}-{device_id}{PACKAGE_SUFFIX}"


def _reachable(folder: Path) -> bool:
    try:
        return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        return False


def _merge_file(
    database: Database,
    mission_id: str,
    path: Path,
    passphrase: str | None,
    allow_mass_delete: bool,
) -> list[ImportResult]:
    """Merge one package of the folder if it is of ``mission_id`` (none, or its result)."""
    try:
        with opened_package(path, passphrase) as source:
            digest = package_digest(source)
            repeated = repeated_import(database, digest, source=path.name)
            if repeated is not None:  # these very bytes were merged before: nothing to do
                return [repeated] if repeated.summary.mission_id == mission_id else []
            content = parse_package_zip(source, digest=digest, path=path)
            if content.manifest.mission_id != mission_id:
                return []  # another mission's package shares the folder
            return [
                import_content(
                    database, content, source=path.name, allow_mass_delete=allow_mass_delete
                )
            ]
    except PackageError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc


def sync_mission(
    database: Database,
    mission_id: str,
    folder: Path,
    *,
    passphrase: str | None = None,
    allow_mass_delete: bool = False,
    cost: encryption.ScryptCost = encryption.DEFAULT_COST,
) -> SyncStatus:
    """One sync round for ``mission_id`` with ``folder``; never raises for folder problems."""
    if not _reachable(folder):
        return SyncStatus(False, f"The sync folder {folder} is not reachable; will retry later.")
    with database.session() as session:
        member_id = linked_member_id(session, mission_id)
        member = session.get(Member, member_id) if member_id else None
        own_name = own_package_name(member.name if member else "", mission_id, database.device_id)
    status = SyncStatus(True, "")
    try:
        candidates = sorted(
            p
            for p in folder.iterdir()
            if p.name.endswith(PACKAGE_SUFFIX) and not p.name.startswith(".") and p.name != own_name
        )
    except OSError:
        return SyncStatus(False, f"The sync folder {folder} is not reachable; will retry later.")
    for path in candidates:
        try:
            status.imported.extend(
                _merge_file(database, mission_id, path, passphrase, allow_mass_delete)
            )
        except MassDeleteError as exc:
            status.failed.append((path.name, exc.message))
        except FieldnotesError as exc:
            status.failed.append((path.name, exc.message))
        except OSError as exc:  # the folder went away mid-round
            status.failed.append((path.name, str(exc.strerror or exc)))
    try:
        target = folder / own_name
        with database.session() as session:
            write_package_file(
                session,
                mission_id,
                database.device_id,
                target,
                passphrase=passphrase,
                cost=cost,
                blobs=BlobStore.for_profile(database.path.parent),
            )
        status.written = target
    except FieldnotesError as exc:
        if not _reachable(folder):
            return SyncStatus(
                False, f"The sync folder {folder} is not reachable; will retry later."
            )
        status.failed.append((own_name, exc.message))
    changed = sum(1 for r in status.imported if r.summary.changed)
    status.message = (
        f"Synced with {folder}: {len(status.imported)} package(s) merged, {changed} with changes"
        + (f", {len(status.failed)} problem(s)" if status.failed else "")
        + "."
    )
    return status
