"""Use cases of the mission's programme: meetings by day, in the host's local time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Contact, Meeting, MeetingKind, MeetingStatus, Member, Organisation
from fieldnotes.services.fields import known_fields, required_line
from fieldnotes.services.lookup import get_live, resolve
from fieldnotes.services.missions import get_mission
from fieldnotes.store.changes import create_record, delete_record, update_record

MEETING_FIELDS = frozenset(
    {
        "date",
        "start_time",
        "end_time",
        "title",
        "kind",
        "venue",
        "agenda",
        "status",
        "organisation_ids",
        "contact_ids",
        "member_ids",
    }
)
_REFERENCES: dict[str, type[Organisation] | type[Contact] | type[Member]] = {
    "organisation_ids": Organisation,
    "contact_ids": Contact,
    "member_ids": Member,
}


@dataclass(frozen=True)
class Day:
    """One day of the programme with its meetings in time order."""

    date: dt.date
    meetings: tuple[Meeting, ...]


def _clean(session: Session, mission_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    clean = known_fields(fields, MEETING_FIELDS, "meeting")
    if "title" in clean:
        clean["title"] = required_line(clean["title"], "A meeting needs a title.")
    if "venue" in clean:
        clean["venue"] = clean["venue"].strip()
    if "kind" in clean:
        clean["kind"] = MeetingKind(clean["kind"])
    if "status" in clean:
        clean["status"] = MeetingStatus(clean["status"])
    for name, model in _REFERENCES.items():
        if name in clean:
            ids = list(dict.fromkeys(clean[name]))  # unique, order kept
            for record_id in ids:
                record: Any = session.get(model, record_id)  # one of the three kinds above
                if record is None or record.deleted or record.mission_id != mission_id:
                    raise ValidationError(f"Unknown {model.__name__.lower()} in this meeting.")
            clean[name] = ids
    return clean


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start and end and end < start:
        raise ValidationError("The meeting ends before it starts: check the times.")


def add_meeting(session: Session, mission_id: str, **fields: Any) -> Meeting:
    get_mission(session, mission_id)
    clean = _clean(session, mission_id, fields)
    if "title" not in clean:
        raise ValidationError("A meeting needs a title.")
    if not clean.get("date"):
        raise ValidationError("A meeting needs a date.")
    _check_times(clean.get("start_time"), clean.get("end_time"))
    return create_record(session, Meeting(mission_id=mission_id, **clean))


def update_meeting(session: Session, meeting_id: str, **fields: Any) -> Meeting:
    meeting = get_meeting(session, meeting_id)
    clean = _clean(session, meeting.mission_id, fields)
    if "date" in clean and not clean["date"]:
        raise ValidationError("A meeting needs a date.")
    _check_times(
        clean.get("start_time", meeting.start_time), clean.get("end_time", meeting.end_time)
    )
    update_record(session, meeting, clean)
    return meeting


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    return get_live(session, Meeting, meeting_id, "meeting")


def delete_meeting(session: Session, meeting_id: str) -> None:
    delete_record(session, get_meeting(session, meeting_id))


def _sort_key(meeting: Meeting) -> tuple[dt.date, dt.time, str]:
    return (meeting.date, meeting.start_time or dt.time.min, meeting.title.casefold())


def list_meetings(session: Session, mission_id: str) -> list[Meeting]:
    """Live meetings of a mission in programme order."""
    meetings = list(
        session.scalars(
            select(Meeting).where(Meeting.mission_id == mission_id, Meeting.deleted.is_(False))
        )
    )
    meetings.sort(key=_sort_key)
    return meetings


def itinerary_by_day(session: Session, mission_id: str) -> list[Day]:
    """The programme grouped by day, days and meetings in time order."""
    days: dict[dt.date, list[Meeting]] = {}
    for meeting in list_meetings(session, mission_id):
        days.setdefault(meeting.date, []).append(meeting)
    return [Day(date, tuple(meetings)) for date, meetings in days.items()]


def resolve_meeting(session: Session, mission_id: str, reference: str) -> Meeting:
    """The meeting of ``mission_id`` named by id, unique id prefix or exact title."""
    return resolve(
        session,
        Meeting,
        reference,
        name_attribute="title",
        what="meeting",
        scope={"mission_id": mission_id},
    )


def host_now(timezone: str, now: dt.datetime | None = None) -> dt.datetime:
    """The current wall-clock time in the host's zone (``now`` is an aware instant, for tests)."""
    instant = now or dt.datetime.now(dt.UTC)
    return instant.astimezone(ZoneInfo(timezone))


def meeting_at(meetings: list[Meeting], local_now: dt.datetime) -> Meeting | None:
    """The meeting happening at ``local_now`` (host time), else the next one, else the last.

    Cancelled meetings and travel are skipped: nobody takes notes there.
    """
    candidates = [
        m for m in meetings if m.status != MeetingStatus.CANCELLED and m.kind != MeetingKind.TRAVEL
    ] or meetings
    if not candidates:
        return None
    naive_now = local_now.replace(tzinfo=None)

    def bounds(m: Meeting) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(m.date, m.start_time or dt.time(0, 0))
        if m.end_time:
            end = dt.datetime.combine(m.date, m.end_time)
        elif m.start_time:
            end = start + dt.timedelta(hours=1)
        else:
            end = dt.datetime.combine(m.date, dt.time.max)
        return start, end

    ordered = sorted(candidates, key=_sort_key)
    for meeting in ordered:
        start, end = bounds(meeting)
        if start <= naive_now < end:
            return meeting
    upcoming = [m for m in ordered if bounds(m)[0] > naive_now]
    return upcoming[0] if upcoming else ordered[-1]


def zone_name(timezone: str) -> str:
    """How a host zone is named next to a time: ``Europe/Minsk`` → ``Minsk time``.

    Zones without a city (``UTC``, ``Etc/GMT+3``) are shown as they are.
    """
    if "/" not in timezone or timezone.startswith("Etc/"):
        return timezone.removeprefix("Etc/")
    return timezone.rsplit("/", 1)[1].replace("_", " ") + " time"


def next_free_day(session: Session, mission_id: str, *, today: dt.date | None = None) -> dt.date:
    """The day a new meeting most likely belongs to.

    The first day of the mission's dates without a meeting; if every day has one, the day of
    the last meeting; for an undated mission, the day after its last meeting or today.
    """
    mission = get_mission(session, mission_id)
    taken = {m.date for m in list_meetings(session, mission_id)}
    if mission.start_date:
        end = mission.end_date or mission.start_date
        day = mission.start_date
        while day <= end:
            if day not in taken:
                return day
            day += dt.timedelta(days=1)
        return max(taken) if taken else mission.start_date
    if taken:
        return max(taken) + dt.timedelta(days=1)
    return today or dt.date.today()


def mark_met(
    session: Session,
    meeting_id: str,
    *,
    organisation_id: str | None = None,
    contact_id: str | None = None,
) -> Meeting:
    """Record that an organisation, or a person (and so their organisation), was met."""
    meeting = get_meeting(session, meeting_id)
    organisation_ids = list(meeting.organisation_ids)
    contact_ids = list(meeting.contact_ids)
    if contact_id:
        contact = get_live(session, Contact, contact_id, "contact")
        contact_ids.append(contact_id)
        organisation_id = organisation_id or contact.organisation_id
    if organisation_id:
        organisation_ids.append(organisation_id)
    return update_meeting(
        session, meeting_id, organisation_ids=organisation_ids, contact_ids=contact_ids
    )
