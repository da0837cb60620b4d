"""The itinerary as an iCalendar file, for the experts' own calendars.

Times are written in the host's zone with its VTIMEZONE, so a calendar on a laptop still set
to Helsinki time shows the DCM meeting at 07:00 Helsinki for 08:00 Minsk, as it should.
Meetings without a start time become all-day events. Each event's UID is the meeting's id,
so importing the file again updates the calendar instead of doubling it. The bytes depend
only on the data (DTSTAMP is the meeting's last change), so an unchanged itinerary gives
an identical file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from fieldnotes import __version__
from fieldnotes.exchange.atomic_file import write_atomically
from fieldnotes.model import Meeting, MeetingStatus, Organisation, label
from fieldnotes.services.agenda_formats import ORGANISATIONS_LINE
from fieldnotes.services.itinerary import list_meetings
from fieldnotes.services.missions import get_mission
from fieldnotes.store import Database

UID_DOMAIN = "fieldnotes"


def _organisation_names(session: Session, meeting: Meeting) -> list[str]:
    names = []
    for organisation_id in meeting.organisation_ids:
        organisation = session.get(Organisation, organisation_id)
        if organisation is not None and not organisation.deleted:
            names.append(organisation.name)
    return names


def itinerary_ics(session: Session, mission_id: str) -> bytes:
    """The iCalendar bytes of the mission's live meetings."""
    from icalendar import Calendar, Event

    mission = get_mission(session, mission_id)
    zone = ZoneInfo(mission.timezone)
    calendar = Calendar()
    calendar.add("prodid", f"-//fieldnotes//fieldnotes {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", mission.title)
    calendar.add("x-wr-timezone", mission.timezone)
    for meeting in list_meetings(session, mission_id):
        event = Event()
        event.add("uid", f"{meeting.id}@{UID_DOMAIN}")
        event.add("dtstamp", meeting.updated_at.astimezone(dt.UTC))
        event.add("summary", meeting.title)
        if meeting.start_time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        else:
            event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start_time, zone))
            if meeting.end_time is not None:
                event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, zone))
        if meeting.venue:
            event.add("location", meeting.venue)
        organisations = _organisation_names(session, meeting)
        description = "\n\n".join(
            part
            for part in (
                ORGANISATIONS_LINE + "; ".join(organisations) if organisations else "",
                meeting.agenda.strip(),
            )
            if part
        )
        if description:
            event.add("description", description)
        if organisations:
            # Read back by the agenda import, so a round trip keeps who was met.
            event.add("x-fieldnotes-organisations", "; ".join(organisations))
        event.add("categories", [label(meeting.kind)])
        cancelled = meeting.status == MeetingStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def export_itinerary(database: Database, mission_id: str, path: Path) -> int:
    """Write the mission's itinerary to ``path`` (.ics) atomically; return the meeting count."""
    with database.session() as session:
        data = itinerary_ics(session, mission_id)
        count = len(list_meetings(session, mission_id))
    write_atomically(path, data)
    return count
