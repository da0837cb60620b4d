"""The demo mission: complete, realistic, dated relative to today, linked to the profile."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from fieldnotes.model import (
    Action,
    Contact,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MissionStatus,
    Note,
)
from fieldnotes.services.actions import list_actions
from fieldnotes.services.counterparts import list_contacts, list_organisations
from fieldnotes.services.demo import demo_dates, write_demo
from fieldnotes.services.itinerary import itinerary_by_day, list_meetings, meeting_at
from fieldnotes.services.missions import get_mission, list_missions
from fieldnotes.services.notes import mission_notes, notes_for_meeting
from fieldnotes.services.profile import get_profile, linked_member_id
from fieldnotes.services.search import search
from fieldnotes.services.team import list_members
from fieldnotes.services.topics import topics_by_id

TODAY = dt.date(2026, 5, 14)


def test_demo_mission_is_complete(db):
    with db.session() as session:
        mission_id = write_demo(session, today=TODAY)
    with db.session() as session:
        mission = get_mission(session, mission_id)
        assert mission.programme == "Prague Process"
        assert "Objective 2 — Knowledge Base" in mission.components
        assert (mission.host_country, mission.city, mission.timezone) == (
            "Belarus",
            "Minsk",
            "Europe/Minsk",
        )
        assert mission.status == MissionStatus.IN_PROGRESS
        assert (mission.start_date, mission.end_date) == demo_dates(TODAY)
        assert mission.end_date == TODAY
        assert mission.conclusions and mission.recommendations and mission.objectives

        team = list_members(session, mission_id)
        assert sorted(m.country for m in team) == ["Finland", "Hungary", "Romania"]
        assert team[0].role == MemberRole.TEAM_LEAD
        names = " ".join(m.name for m in team)
        assert all(letter in names for letter in "őűȘă")

        acronyms = {o.acronym for o in list_organisations(session, mission_id)}
        assert {"DCM", "SBC", "Belstat", "IOM", "UNHCR", "UNDP", "La Strada", "EUD"} <= acronyms
        contacts = list_contacts(session, mission_id)
        assert any("Ковалёва" in c.name for c in contacts)
        assert any(c.internal for c in contacts)
        # One deleted duplicate: the demo carries a tombstone.
        tombstones = session.scalars(
            select(Contact).where(Contact.mission_id == mission_id, Contact.deleted.is_(True))
        ).all()
        assert len(tombstones) == 1

        days = itinerary_by_day(session, mission_id)
        assert [d.date for d in days] == [mission.start_date + dt.timedelta(n) for n in range(4)]
        meetings = list_meetings(session, mission_id)
        assert sum(m.status == MeetingStatus.CANCELLED for m in meetings) == 1
        assert any(m.kind == MeetingKind.INTERNAL for m in meetings)

        all_notes = session.scalars(select(Note).where(Note.mission_id == mission_id)).all()
        assert len({n.author_id for n in all_notes}) == 3
        assert any(n.internal for n in all_notes)
        key = [n for n in all_notes if n.key_finding]
        assert len(key) >= 5 and all(n.topic_ids for n in key)
        topic_names = {t.name for n in key for t in topics_by_id(session, n.topic_ids)}
        assert {"Work permits", "Readmission", "Counter-trafficking"} <= topic_names
        assert any("**" in n.text for n in all_notes)
        assert any("\n- " in n.text for n in all_notes)
        # Each note's author wrote it: updated_by follows the author.
        assert all(n.updated_by == n.author_id for n in all_notes)

        feedback = mission_notes(session, mission_id)
        assert {n.author_id for n in feedback} == {m.id for m in team}

        held = [
            m for m in meetings if m.status == MeetingStatus.HELD and m.kind != MeetingKind.SOCIAL
        ]
        assert all(notes_for_meeting(session, m.id) for m in held)

        actions = list_actions(session, mission_id)
        assert len(actions) >= 6
        assert any(a.owner_member_id for a in actions)
        assert any(a.owner_organisation_id for a in actions)
        assert all(a.due_date for a in actions)
        assert session.scalars(select(Action).where(Action.internal.is_(True))).first()

        assert linked_member_id(session, mission_id) == team[0].id


def test_now_falls_inside_the_demo(db):
    with db.session() as session:
        mission_id = write_demo(session, today=TODAY)
        meetings = list_meetings(session, mission_id)
        morning = dt.datetime.combine(TODAY, dt.time(10, 0))
        assert meeting_at(meetings, morning).date == TODAY
        late = dt.datetime.combine(TODAY, dt.time(23, 0))
        assert meeting_at(meetings, late).date == TODAY


def test_default_date_is_today_in_minsk(db):
    with db.session() as session:
        mission_id = write_demo(session)
        mission = get_mission(session, mission_id)
        assert mission.end_date == demo_dates()[1]
        assert abs((mission.end_date - dt.date.today()).days) <= 1


def test_demo_profile_and_repeat(db):
    with db.session() as session:
        first = write_demo(session, today=TODAY, set_profile=True)
        profile = get_profile(session)
        assert profile.complete and profile.name == "Anna Virtanen"
    with db.session() as session:
        second = write_demo(session, today=TODAY)
        assert first != second
        assert len(list_missions(session)) == 2


def test_demo_is_searchable(db):
    with db.session() as session:
        mission_id = write_demo(session, today=TODAY)
        hits = search(session, "licensing", mission_id=mission_id)
        assert any(h.kind == "note" for h in hits)
        assert any(h.kind == "contact" for h in search(session, "Ковалёва"))
