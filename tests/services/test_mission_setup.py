"""Preparing a mission: mission, team, counterparts, itinerary; user mistakes get messages."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.errors import NotFoundError, ValidationError
from fieldnotes.model import MeetingKind, MeetingStatus, MemberRole, Mission
from fieldnotes.services import counterparts, itinerary, missions, team
from fieldnotes.services.profile import get_profile, linked_member_id, save_profile
from fieldnotes.store import Database


def _new_mission(db: Database, **fields) -> str:
    with db.session() as session:
        return missions.create_mission(
            session,
            title=fields.pop("title", "Expert mission to Belarus"),
            timezone="Europe/Minsk",
            **fields,
        ).id


def test_first_start_profile_needs_a_name(db: Database):
    with db.session() as session:
        assert not get_profile(session).complete
        with pytest.raises(ValidationError, match="your name"):
            save_profile(session, name="   ")
        profile = save_profile(session, name="  Anna   Virtanen ", country="Finland")
    assert profile.name == "Anna Virtanen"
    assert profile.complete


def test_creating_a_mission_makes_the_user_its_team_lead(user_db: Database):
    mission_id = _new_mission(user_db)
    with user_db.session() as session:
        members = team.list_members(session, mission_id)
        assert [(m.name, m.role) for m in members] == [("Anna Virtanen", MemberRole.TEAM_LEAD)]
        assert linked_member_id(session, mission_id) == members[0].id
        assert session.get(Mission, mission_id).updated_by == members[0].id


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "needs a title"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"start_date": dt.date(2026, 5, 14), "end_date": dt.date(2026, 5, 12)}, "ends before"),
    ],
)
def test_bad_mission_input_is_refused_and_nothing_changes(user_db: Database, fields, message):
    mission_id = _new_mission(user_db, city="Minsk")
    with user_db.session() as session:
        before = missions.get_mission(session, mission_id).version
    with pytest.raises(ValidationError, match=message), user_db.session() as session:
        missions.update_mission(session, mission_id, **fields)
    with user_db.session() as session:
        mission = missions.get_mission(session, mission_id)
        assert mission.version == before
        assert mission.title == "Expert mission to Belarus"


def test_missions_are_found_by_id_prefix_or_exact_title(user_db: Database):
    first = _new_mission(user_db, title="Minsk 2026")
    _new_mission(user_db, title="Tbilisi 2026")
    with user_db.session() as session:
        assert missions.resolve_mission(session, "Minsk 2026").id == first
        assert missions.resolve_mission(session, first[:8]).id == first
        assert missions.resolve_mission(session, first).id == first
        with pytest.raises(NotFoundError, match="No mission matches 'Riga'"):
            missions.resolve_mission(session, "Riga")


def test_itinerary_is_grouped_by_day_in_time_order(user_db: Database):
    mission_id = _new_mission(user_db)
    with user_db.session() as session:
        ministry = counterparts.add_organisation(
            session, mission_id, name="Ministry of Internal Affairs", acronym="MIA", kind="ministry"
        )
        for day, hour, title in [(13, 9, "IOM"), (12, 14, "Employment office"), (12, 9, "DCM")]:
            itinerary.add_meeting(
                session,
                mission_id,
                title=title,
                date=dt.date(2026, 5, day),
                start_time=dt.time(hour),
                organisation_ids=[ministry.id],
            )
    with user_db.session() as session:
        days = itinerary.itinerary_by_day(session, mission_id)
    assert [(d.date.day, [m.title for m in d.meetings]) for d in days] == [
        (12, ["DCM", "Employment office"]),
        (13, ["IOM"]),
    ]


def test_a_meeting_cannot_end_before_it_starts(user_db: Database):
    mission_id = _new_mission(user_db)
    with pytest.raises(ValidationError, match="ends before it starts"), user_db.session() as s:
        itinerary.add_meeting(
            s,
            mission_id,
            title="DCM",
            date=dt.date(2026, 5, 12),
            start_time=dt.time(10),
            end_time=dt.time(9),
        )
    with user_db.session() as session:
        assert itinerary.list_meetings(session, mission_id) == []


def test_a_meeting_cannot_reference_another_missions_organisation(user_db: Database):
    first = _new_mission(user_db, title="One")
    second = _new_mission(user_db, title="Two")
    with user_db.session() as session:
        foreign = counterparts.add_organisation(session, second, name="UNHCR")
    with pytest.raises(ValidationError, match="Unknown organisation"), user_db.session() as s:
        itinerary.add_meeting(
            s, first, title="X", date=dt.date(2026, 5, 12), organisation_ids=[foreign.id]
        )


def _meeting(day: int, start: int, end: int | None, **kw):
    from fieldnotes.model import Meeting

    return Meeting(
        title=kw.get("title", f"{day} {start}"),
        date=dt.date(2026, 5, day),
        start_time=dt.time(start),
        end_time=dt.time(end) if end else None,
        kind=kw.get("kind", MeetingKind.MEETING),
        status=kw.get("status", MeetingStatus.PLANNED),
    )


def test_meeting_at_prefers_the_running_then_the_next_meeting():
    morning = _meeting(12, 9, 11, title="morning")
    cancelled = _meeting(12, 11, 12, title="cancelled", status=MeetingStatus.CANCELLED)
    afternoon = _meeting(12, 14, 16, title="afternoon")
    meetings = [morning, cancelled, afternoon]
    at = lambda h, m=0: dt.datetime(2026, 5, 12, h, m)  # noqa: E731
    assert itinerary.meeting_at(meetings, at(10)) is morning
    assert itinerary.meeting_at(meetings, at(11, 30)) is afternoon
    assert itinerary.meeting_at(meetings, at(8)) is morning
    assert itinerary.meeting_at(meetings, at(20)) is afternoon
    assert itinerary.meeting_at([], at(10)) is None


def test_host_now_is_in_the_host_zone():
    instant = dt.datetime(2026, 5, 12, 6, 0, tzinfo=dt.UTC)
    assert itinerary.host_now("Europe/Minsk", instant).hour == 9


def test_contacts_belong_to_the_missions_organisations(user_db: Database):
    mission_id = _new_mission(user_db)
    with user_db.session() as session:
        dcm = counterparts.add_organisation(session, mission_id, name="DCM")
        contact = counterparts.add_contact(
            session, mission_id, name="Алена Ковалёва", organisation_id=dcm.id, internal=True
        )
        counterparts.delete_contact(session, contact.id)
    with user_db.session() as session:
        assert counterparts.list_contacts(session, mission_id) == []
        assert [o.name for o in counterparts.list_organisations(session, mission_id)] == ["DCM"]
