"""A small mission in host time Europe/Minsk, written as the local user Anna Virtanen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from fieldnotes.model import MeetingKind
from fieldnotes.services.counterparts import add_contact, add_organisation
from fieldnotes.services.itinerary import add_meeting
from fieldnotes.services.missions import create_mission
from fieldnotes.services.notes import create_note
from fieldnotes.services.profile import linked_member_id
from fieldnotes.services.team import add_member
from fieldnotes.store import Database

# 12 May 2025, Minsk is UTC+3: 07:30 UTC is 10:30 in Minsk, during the DCM meeting.
DURING_DCM = dt.datetime(2025, 5, 12, 7, 30, tzinfo=dt.UTC)
BEFORE_BORDER = dt.datetime(2025, 5, 13, 5, 0, tzinfo=dt.UTC)  # 08:00 Minsk, day two


@pytest.fixture
def during_dcm() -> dt.datetime:
    return DURING_DCM


@pytest.fixture
def before_border() -> dt.datetime:
    return BEFORE_BORDER


@dataclass
class MissionIds:
    mission: str
    anna: str
    zoltan: str
    ioana: str
    dcm: str
    employment: str
    border: str
    dcm_org: str
    contact: str
    zoltan_note: str


@pytest.fixture
def mission(user_db: Database) -> MissionIds:
    with user_db.session() as s:
        mission = create_mission(
            s,
            title="Labour migration mission to Belarus",
            programme="Prague Process",
            host_country="Belarus",
            city="Minsk",
            timezone="Europe/Minsk",
            start_date=dt.date(2025, 5, 12),
            end_date=dt.date(2025, 5, 13),
        )
        anna_id = linked_member_id(s, mission.id)
        assert anna_id is not None
        zoltan = add_member(s, mission.id, name="Zoltán Kovács", country="Hungary")
        ioana = add_member(s, mission.id, name="Ioana Popescu", country="Romania")
        org = add_organisation(
            s, mission.id, name="Department for Citizenship and Migration", acronym="DCM"
        )
        contact = add_contact(
            s, mission.id, name="Алена Соколова", organisation_id=org.id, position="Head of unit"
        )
        dcm = add_meeting(
            s,
            mission.id,
            date=dt.date(2025, 5, 12),
            start_time=dt.time(9, 0),
            end_time=dt.time(11, 0),
            title="Department for Citizenship and Migration",
            venue="Ministry of Internal Affairs",
            organisation_ids=[org.id],
            contact_ids=[contact.id],
        )
        employment = add_meeting(
            s,
            mission.id,
            date=dt.date(2025, 5, 12),
            start_time=dt.time(14, 0),
            end_time=dt.time(15, 30),
            title="Regional employment office",
            kind=MeetingKind.SITE_VISIT,
        )
        border = add_meeting(
            s,
            mission.id,
            date=dt.date(2025, 5, 13),
            start_time=dt.time(10, 0),
            end_time=dt.time(12, 0),
            title="State Border Committee",
        )
        note = create_note(
            s,
            mission.id,
            meeting_id=dcm.id,
            author_id=zoltan.id,
            text="Work permits: quota system **reviewed** yearly.",
        )
        return MissionIds(
            mission.id,
            anna_id,
            zoltan.id,
            ioana.id,
            dcm.id,
            employment.id,
            border.id,
            org.id,
            contact.id,
            note.id,
        )
