"""Helpers of the exchange tests: a mission team in temporary folders, content snapshots."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldnotes.exchange.encryption import ScryptCost
from fieldnotes.model import SYNCED_MODELS, Conflict
from fieldnotes.paths import database_path
from fieldnotes.services import itinerary, missions, notes, packages, profile, team
from fieldnotes.services.conflicts import list_conflicts
from fieldnotes.store import Database
from fieldnotes.store.record_codec import to_document

# Cheap scrypt for tests: the format and checks are the same, only the cost differs.
TEST_COST = ScryptCost(log2_n=10, r=8, p=1)
EXPERTS = ("Mikko Laine", "Zsófia Kovács", "Ioana Popescu")


@dataclass
class TeamIds:
    mission: str
    lead: str
    experts: tuple[str, ...]
    meetings: tuple[str, ...]
    lead_note: str


def export(database: Database, mission_id: str, folder: Path, name: str) -> Path:
    path = folder / f"{name}.fieldnotes"
    packages.export_package(database, mission_id, path)
    return path


def build_team(root: Path) -> TeamIds:
    """Lead prepares a mission, exports it; three experts import it and pick their member."""
    lead = Database.open(root / "lead")
    with lead.session() as session:
        profile.save_profile(session, name="Lead Person", country="Czechia")
        mission = missions.create_mission(
            session,
            title="Labour migration, Minsk",
            host_country="Belarus",
            timezone="Europe/Minsk",
            start_date=dt.date(2026, 5, 11),
            end_date=dt.date(2026, 5, 15),
        )
        expert_ids = tuple(team.add_member(session, mission.id, name=n).id for n in EXPERTS)
        meetings = tuple(
            itinerary.add_meeting(session, mission.id, title=t, date=dt.date(2026, 5, 12 + i)).id
            for i, t in enumerate(("Department for Citizenship and Migration", "IOM office"))
        )
        note = notes.create_note(
            session,
            mission.id,
            meeting_id=meetings[0],
            text="Agenda agreed.\nParticipants: DCM and MFA.\nNext steps to follow.\n",
        )
        ids = TeamIds(
            mission.id,
            profile.linked_member_id(session, mission.id) or "",
            expert_ids,
            meetings,
            note.id,
        )
    package = export(lead, ids.mission, root, "prepared")
    lead.close()
    for index, name in enumerate(EXPERTS):
        expert = Database.open(root / f"expert{index}")
        with expert.session() as session:
            profile.save_profile(session, name=name)
        packages.import_package(expert, package, member=name)
        expert.close()
    package.unlink()
    return ids


def copy_team(template: Path, target: Path) -> None:
    """Copy the profile folders (closed databases: no WAL left) without backups."""
    for folder in sorted(template.iterdir()):
        if folder.is_dir():
            (target / folder.name).mkdir(parents=True)
            shutil.copy2(database_path(folder), database_path(target / folder.name))


@dataclass
class Team:
    root: Path
    ids: TeamIds
    lead: Database
    experts: list[Database]

    @property
    def everyone(self) -> list[Database]:
        return [self.lead, *self.experts]

    def close(self) -> None:
        for database in self.everyone:
            database.close()


def open_team(template: tuple[Path, TeamIds], target: Path) -> Team:
    root, ids = template
    copy_team(root, target)
    lead = Database.open(target / "lead")
    experts = [Database.open(target / f"expert{i}") for i in range(len(EXPERTS))]
    return Team(target, ids, lead, experts)


def content_snapshot(database: Database, *, timestamps: bool = True) -> dict[str, Any]:
    """Every synced record (document) and every conflict row, comparable across profiles."""
    skip = set() if timestamps else {"created_at", "updated_at"}
    snapshot: dict[str, Any] = {}
    with database.session() as session:
        for model in SYNCED_MODELS:
            for record in session.scalars(select(model)):
                document = {k: v for k, v in to_document(record).items() if k not in skip}
                snapshot[f"{model.__tablename__}/{record.id}"] = document
        for conflict in session.scalars(select(Conflict)):
            snapshot[f"conflict/{conflict.id}"] = (conflict.loser_value, conflict.resolved)
    return snapshot


def open_conflicts(database: Database, mission_id: str) -> list[tuple[str, str, Any]]:
    with database.session() as session:
        return sorted(
            (v.record_id, v.field, str(v.other)) for v in list_conflicts(session, mission_id)
        )


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
