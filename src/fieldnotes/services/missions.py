"""Use cases of the mission itself: create, edit, list, find, delete."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Member, MemberRole, Mission, MissionStatus
from fieldnotes.services.fields import known_fields, required_line
from fieldnotes.services.lookup import get_live, resolve
from fieldnotes.services.profile import get_profile, link_member
from fieldnotes.store.changes import create_record, update_record

MISSION_FIELDS = frozenset(
    {
        "title",
        "programme",
        "components",
        "host_country",
        "city",
        "start_date",
        "end_date",
        "timezone",
        "objectives",
        "status",
        "summary",
        "conclusions",
        "recommendations",
    }
)


def validate_timezone(name: str) -> str:
    """The IANA zone name, checked (e.g. ``Europe/Minsk``)."""
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f"Unknown time zone {name!r}: use a name such as Europe/Minsk or Asia/Tbilisi."
        ) from exc
    return name


def _check_mission_fields(fields: dict[str, Any]) -> dict[str, Any]:
    clean = known_fields(fields, MISSION_FIELDS, "mission")
    if "title" in clean:
        clean["title"] = required_line(clean["title"], "A mission needs a title.")
    if "timezone" in clean:
        clean["timezone"] = validate_timezone(clean["timezone"])
    if "status" in clean:
        clean["status"] = MissionStatus(clean["status"])
    if "components" in clean:
        clean["components"] = [c.strip() for c in clean["components"] if c.strip()]
    return clean


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError("The mission ends before it starts: check the dates.")


def create_mission(session: Session, *, lead: bool = True, **fields: Any) -> Mission:
    """Create a mission; with ``lead``, the local user joins it as team lead and writes as such."""
    clean = _check_mission_fields(fields)
    if "title" not in clean:
        raise ValidationError("A mission needs a title.")
    _check_dates(clean.get("start_date"), clean.get("end_date"))
    mission = create_record(session, Mission(**clean))
    if lead:
        profile = get_profile(session)
        if profile.complete:
            member = create_record(
                session,
                Member(
                    mission_id=mission.id,
                    name=profile.name,
                    country=profile.country,
                    institution=profile.institution,
                    email=profile.email,
                    role=MemberRole.TEAM_LEAD,
                ),
            )
            link_member(session, mission.id, member.id)
            # The member row came after the mission: stamp the mission with its author too.
            mission.updated_by = member.id
    return mission


def update_mission(session: Session, mission_id: str, **fields: Any) -> Mission:
    mission = get_mission(session, mission_id)
    clean = _check_mission_fields(fields)
    _check_dates(
        clean.get("start_date", mission.start_date), clean.get("end_date", mission.end_date)
    )
    update_record(session, mission, clean)
    return mission


def get_mission(session: Session, mission_id: str) -> Mission:
    return get_live(session, Mission, mission_id, "mission")


def list_missions(session: Session) -> list[Mission]:
    """Live missions, newest first by start date (undated last), then by title."""
    missions = list(session.scalars(select(Mission).where(Mission.deleted.is_(False))))
    missions.sort(
        key=lambda m: (
            m.start_date is None,
            -(m.start_date or dt.date.min).toordinal(),
            m.title.casefold(),
        )
    )
    return missions


def resolve_mission(session: Session, reference: str) -> Mission:
    """The mission named by an id, a unique id prefix or its exact title."""
    return resolve(session, Mission, reference, name_attribute="title", what="mission")
