"""The demo mission: a realistic, fully populated mission to show and test the app with.

``write_demo(session)`` writes it through the ordinary services (so it carries version
vectors, revisions and one tombstone like real data) and returns the mission id. The mission
is dated so that its last day is ``today`` in the host's zone: opened in the window, it is a
mission in progress and "now" falls on its last day. Pass ``today`` for a fixed date (tests);
for a given database, everything derived from it (the report included) is deterministic.

``fieldnotes --demo`` wants a ready profile: ``write_demo(session, set_profile=True)`` also
fills in the local profile as the team lead, so no first-start dialog appears.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy.orm import Session

from fieldnotes.model import Contact, SyncedRecord
from fieldnotes.services import demo_content as content
from fieldnotes.services.actions import add_action
from fieldnotes.services.counterparts import add_contact, add_organisation, delete_contact
from fieldnotes.services.itinerary import add_meeting, host_now
from fieldnotes.services.missions import create_mission, update_mission
from fieldnotes.services.notes import create_note
from fieldnotes.services.profile import ProfileInfo, link_member, save_profile
from fieldnotes.services.team import add_member
from fieldnotes.services.topics import ensure_topic


def demo_dates(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of the demo mission ending on ``today`` (default: today in Minsk)."""
    end = today or host_now(content.TIMEZONE).date()
    return end - dt.timedelta(days=content.MISSION_DAYS - 1), end


def write_demo(session: Session, *, today: dt.date | None = None, set_profile: bool = False) -> str:
    """Write the demo mission into the profile of ``session``; return the mission id.

    The local profile writes as the team lead (Anna Virtanen) in the demo mission. With
    ``set_profile``, the profile's name, country and institution become hers as well.
    Every call writes a new, independent copy of the mission.
    """
    start, end = demo_dates(today)
    fields = {
        k: v
        for k, v in content.MISSION.items()
        if k not in {"summary", "conclusions", "recommendations"}
    }
    mission = create_mission(session, lead=False, start_date=start, end_date=end, **fields)
    mission_id = mission.id
    # The session holds written records only weakly: without these references each service
    # call would read back, with a query and a flush, the records it checks (3× slower).
    written: list[object] = []

    def kept(record: SyncedRecord) -> str:
        written.append(record)
        return record.id

    members = {
        m.key: kept(
            add_member(
                session,
                mission_id,
                name=m.name,
                country=m.country,
                institution=m.institution,
                role=m.role,
                email=m.email,
            )
        )
        for m in content.MEMBERS
    }
    lead_id = members[content.LEAD]
    # Each part is written "as" the member who would have written it, so that updated_by
    # and the revision history look like a real team's work.
    link_member(session, mission_id, lead_id)

    organisations = {
        o.key: kept(
            add_organisation(
                session, mission_id, name=o.name, acronym=o.acronym, kind=o.kind, country=o.country
            )
        )
        for o in content.ORGANISATIONS
    }
    contacts = {
        c.key: kept(_add_contact(session, mission_id, c, organisations)) for c in content.CONTACTS
    }
    duplicate = kept(_add_contact(session, mission_id, content.DUPLICATE_CONTACT, organisations))
    delete_contact(session, duplicate)

    topics = {name: kept(ensure_topic(session, name)) for name in _topic_names()}

    meetings: dict[str, str] = {}
    for item in content.MEETINGS:
        meetings[item.key] = kept(
            add_meeting(
                session,
                mission_id,
                date=start + dt.timedelta(days=item.day),
                start_time=item.start,
                end_time=item.end,
                title=item.title,
                kind=item.kind,
                venue=item.venue,
                agenda=item.agenda,
                status=item.status,
                organisation_ids=[organisations[k] for k in item.organisations],
                contact_ids=[contacts[k] for k in item.contacts],
                member_ids=[members[k] for k in item.members],
            )
        )

    notes: list[tuple[str | None, content.DemoNote]] = [
        (meetings[m.key], n) for m in content.MEETINGS for n in m.notes
    ]
    notes += [(None, n) for n in content.FEEDBACK]
    # A new mission: each author's notes on a meeting are numbered from 0 in writing order.
    positions: Counter[tuple[str | None, str]] = Counter()
    for meeting_id, note in notes:
        author_id = members[note.author]
        position = positions[meeting_id, author_id]
        positions[meeting_id, author_id] += 1
        create_note(
            session,
            mission_id,
            meeting_id=meeting_id,
            author_id=author_id,
            text=note.text,
            key_finding=note.key_finding,
            internal=note.internal,
            topic_ids=[topics[name] for name in note.topics],
            position=position,
        )

    for action in content.ACTIONS:
        add_action(
            session,
            mission_id,
            text=action.text,
            meeting_id=meetings[action.meeting] if action.meeting else None,
            owner_member_id=members[action.owner_member] if action.owner_member else None,
            owner_organisation_id=(
                organisations[action.owner_organisation] if action.owner_organisation else None
            ),
            due_date=end + dt.timedelta(days=action.due_in_days),
            status=action.status,
            internal=action.internal,
        )
    # The team lead's last word: summary, conclusions and recommendations.
    update_mission(
        session,
        mission_id,
        summary=content.MISSION["summary"],
        conclusions=content.MISSION["conclusions"],
        recommendations=content.MISSION["recommendations"],
    )
    # record_change finds the author through a record's mission_id, which a mission lacks.
    mission.updated_by = lead_id
    if set_profile:
        write_demo_profile(session)
    session.flush()
    return mission_id


def write_demo_profile(session: Session) -> ProfileInfo:
    """Make the local profile the demo's team lead (the GUI's ``--demo`` needs no set-up)."""
    lead = next(m for m in content.MEMBERS if m.key == content.LEAD)
    return save_profile(
        session,
        name=lead.name,
        country=lead.country,
        institution=lead.institution,
        email=lead.email,
    )


def _add_contact(
    session: Session,
    mission_id: str,
    contact: content.DemoContact,
    organisations: dict[str, str],
) -> Contact:
    return add_contact(
        session,
        mission_id,
        organisation_id=organisations[contact.organisation] if contact.organisation else None,
        name=contact.name,
        position=contact.position,
        email=contact.email,
        phone=contact.phone,
        notes=contact.notes,
        internal=contact.internal,
    )


def _topic_names() -> list[str]:
    """Every topic the demo's notes use, in first-use order."""
    names: dict[str, None] = {}
    for meeting in content.MEETINGS:
        for note in meeting.notes:
            names.update(dict.fromkeys(note.topics))
    return list(names)
