"""The itinerary as iCalendar: host-zone times with VTIMEZONE, all-day items, a round trip."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from fieldnotes.model import MeetingKind, MeetingStatus
from fieldnotes.services import counterparts, itinerary, missions
from fieldnotes.services.agenda_export import export_itinerary, itinerary_ics
from fieldnotes.services.agenda_import import ImportOptions, import_agenda, preview_agenda
from fieldnotes.store import Database

MINSK = ZoneInfo("Europe/Minsk")


def make_mission(database: Database) -> str:
    with database.session() as session:
        mission = missions.create_mission(session, title="Беларусь 2026", timezone="Europe/Minsk")
        dcm = counterparts.add_organisation(
            session, mission.id, name="Department for Citizenship and Migration", acronym="DCM"
        )
        itinerary.add_meeting(
            session,
            mission.id,
            title="Встреча в ДГМ МВД",
            date=dt.date(2026, 5, 12),
            start_time=dt.time(9),
            end_time=dt.time(10, 30),
            venue="ул. Городской Вал 4",
            agenda="Labour migration; work permits.",
            organisation_ids=[dcm.id],
        )
        itinerary.add_meeting(
            session,
            mission.id,
            title="Travel to Minsk",
            date=dt.date(2026, 5, 11),
            kind=MeetingKind.TRAVEL,
        )
        cancelled = itinerary.add_meeting(
            session,
            mission.id,
            title="Visit to Brest",
            date=dt.date(2026, 5, 13),
            start_time=dt.time(8),
        )
        itinerary.update_meeting(session, cancelled.id, status=MeetingStatus.CANCELLED)
        gone = itinerary.add_meeting(
            session, mission.id, title="Deleted", date=dt.date(2026, 5, 13)
        )
        itinerary.delete_meeting(session, gone.id)
        return mission.id


def test_events_carry_host_time_zone_uid_and_details(user_db):
    mission_id = make_mission(user_db)
    with user_db.session() as session:
        data = itinerary_ics(session, mission_id)
    calendar = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Minsk"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Встреча в ДГМ МВД", "Travel to Minsk", "Visit to Brest"}
    dcm = events["Встреча в ДГМ МВД"]
    start = dcm.decoded("DTSTART")
    assert start == dt.datetime(2026, 5, 12, 9, tzinfo=MINSK)
    assert start.astimezone(dt.UTC).hour == 6
    assert dcm.decoded("DTEND") == dt.datetime(2026, 5, 12, 10, 30, tzinfo=MINSK)
    assert str(dcm["LOCATION"]) == "ул. Городской Вал 4"
    assert "Department for Citizenship and Migration" in str(dcm["DESCRIPTION"])
    assert str(dcm["UID"]).endswith("@fieldnotes")
    travel = events["Travel to Minsk"]
    assert travel.decoded("DTSTART") == dt.date(2026, 5, 11)
    assert travel.decoded("DTEND") == dt.date(2026, 5, 12)
    assert str(events["Visit to Brest"]["STATUS"]) == "CANCELLED"
    with user_db.session() as session:  # the same data gives the same bytes
        assert itinerary_ics(session, mission_id) == data


def test_round_trip_into_another_profile_and_back(user_db, tmp_path):
    mission_id = make_mission(user_db)
    path = tmp_path / "itinerary.ics"
    assert export_itinerary(user_db, mission_id, path) == 3

    # The same file imported into the same mission: everything is already there.
    source, preview = preview_agenda(user_db, mission_id, path)
    assert len(preview.duplicates) == 3 and not preview.to_add

    other = Database.open(tmp_path / "other")
    try:
        with other.session() as session:
            target = missions.create_mission(
                session, title="Copy", timezone="Europe/Minsk", lead=False
            ).id
        source, preview = preview_agenda(other, target, path)
        result = import_agenda(other, target, source, ImportOptions())
        assert len(result.meeting_ids) == 3
        assert result.organisations_created == ("Department for Citizenship and Migration",)
        with other.session() as session:
            copied = {m.title: m for m in itinerary.list_meetings(session, target)}
        dcm = copied["Встреча в ДГМ МВД"]
        assert (dcm.date, dcm.start_time, dcm.end_time) == (
            dt.date(2026, 5, 12),
            dt.time(9),
            dt.time(10, 30),
        )
        assert dcm.agenda == "Labour migration; work permits."
        assert dcm.venue == "ул. Городской Вал 4"
        assert copied["Visit to Brest"].status == MeetingStatus.CANCELLED
        assert copied["Travel to Minsk"].kind == MeetingKind.TRAVEL
        assert copied["Travel to Minsk"].start_time is None
    finally:
        other.close()
