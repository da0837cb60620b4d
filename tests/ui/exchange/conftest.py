"""Two real profiles in temporary folders: a team lead who prepared a mission, and an expert
who imported it (as in the field), to make packages and conflicts for the exchange dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldnotes.exchange.encryption import ScryptCost
from fieldnotes.services import counterparts, itinerary, missions, notes, packages, profile, team
from fieldnotes.store import Database
from fieldnotes.ui.workers import SyncRunner

# Cheap scrypt for tests: the format and checks are the same, only the cost differs.
TEST_COST = ScryptCost(log2_n=10, r=8, p=1)
LEAD_NOTE = "Agenda agreed.\nParticipants: DCM and MFA.\nNext steps to follow.\n"


@dataclass
class Pair:
    root: Path
    lead: Database
    expert: Database
    mission: str
    expert_member: str
    meeting: str
    lead_note: str
    organisations: list[str]

    def export_from_expert(self, name: str = "mikko", passphrase: str | None = None) -> Path:
        path = self.root / "mail" / f"{name}.fieldnotes"
        path.parent.mkdir(exist_ok=True)
        packages.export_package(
            self.expert, self.mission, path, passphrase=passphrase, cost=TEST_COST
        )
        return path


@pytest.fixture
def cost() -> ScryptCost:
    return TEST_COST


@pytest.fixture
def runner() -> SyncRunner:
    return SyncRunner()


@pytest.fixture
def prepared(tmp_path: Path) -> Iterator[tuple[Database, Path, dict[str, object]]]:
    """The lead's profile and the package of the mission the lead prepared."""
    lead = Database.open(tmp_path / "lead")
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
        expert = team.add_member(session, mission.id, name="Mikko Laine", country="Finland")
        team.add_member(session, mission.id, name="Ioana Popescu", country="Romania")
        meeting = itinerary.add_meeting(
            session, mission.id, title="Department for Citizenship", date=dt.date(2026, 5, 12)
        )
        note = notes.create_note(session, mission.id, meeting_id=meeting.id, text=LEAD_NOTE)
        organisations = [
            counterparts.add_organisation(session, mission.id, name=f"Office {n}").id
            for n in range(12)
        ]
        ids: dict[str, object] = {
            "mission": mission.id,
            "expert_member": expert.id,
            "meeting": meeting.id,
            "note": note.id,
            "organisations": organisations,
        }
    package = tmp_path / "prepared.fieldnotes"
    packages.export_package(lead, str(ids["mission"]), package)
    yield lead, package, ids
    lead.close()


@pytest.fixture
def pair(tmp_path: Path, prepared: tuple[Database, Path, dict[str, object]]) -> Iterator[Pair]:
    lead, package, ids = prepared
    expert = Database.open(tmp_path / "expert")
    with expert.session() as session:
        profile.save_profile(session, name="Mikko Laine", country="Finland")
    packages.import_package(expert, package, member="Mikko Laine")
    yield Pair(
        tmp_path,
        lead,
        expert,
        str(ids["mission"]),
        str(ids["expert_member"]),
        str(ids["meeting"]),
        str(ids["note"]),
        list(ids["organisations"]),  # type: ignore[call-overload]
    )
    expert.close()
