"""Gather one mission's report data from the database: the only report module that reads it.

The edition filter is applied here, so that internal material never even reaches the
builder of the external edition: notes, actions, contacts and attachments flagged internal
are left out (and the attachments of internal notes), and so are every contact's e-mail,
phone and private notes.

Attachment bytes are read through a :data:`~fieldnotes.report.data.BlobReader` given by the
caller, only to tell pictures from other files and to learn their upright size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import NotFoundError, StorageError
from fieldnotes.images import image_info
from fieldnotes.model import (
    Action,
    Attachment,
    Contact,
    Meeting,
    Member,
    MemberRole,
    Mission,
    Note,
    Organisation,
    SyncedRecord,
    Topic,
    label,
)
from fieldnotes.report.data import (
    ActionEntry,
    AttachmentEntry,
    BlobReader,
    MeetingEntry,
    MissionFacts,
    NoteEntry,
    OrganisationEntry,
    Person,
    ReportData,
    TeamMember,
)
from fieldnotes.report.glyphs import clean_text
from fieldnotes.report.options import Edition, ReportOptions

R = TypeVar("R", bound=SyncedRecord)


def _live(session: Session, model: type[R], mission_id: str) -> list[R]:
    column = model.mission_id  # type: ignore[attr-defined]
    return list(
        session.scalars(select(model).where(column == mission_id, model.deleted.is_(False)))
    )


def _key(text: str) -> str:
    return text.casefold()


def gather_report_data(
    session: Session,
    mission_id: str,
    options: ReportOptions,
    blobs: BlobReader | None = None,
) -> ReportData:
    """Read everything the report of ``mission_id`` shows, for ``options.edition``.

    Without ``blobs`` the pictures cannot be looked at: every attachment is then listed by
    name, none is shown.
    """
    mission = session.get(Mission, mission_id)
    if mission is None or mission.deleted:
        raise NotFoundError(f"No mission with id {mission_id}.")
    external = options.edition is Edition.EXTERNAL

    members = _live(session, Member, mission_id)
    role_order = list(MemberRole)
    members.sort(key=lambda m: (role_order.index(m.role), _key(m.name), m.id))
    member_rank = {m.id: rank for rank, m in enumerate(members)}

    organisations = sorted(
        _live(session, Organisation, mission_id), key=lambda o: (_key(o.name), o.id)
    )
    contacts = [c for c in _live(session, Contact, mission_id) if not (external and c.internal)]
    contacts.sort(key=lambda c: (_key(c.name), c.id))
    kept_contacts = {c.id for c in contacts}

    meetings = _live(session, Meeting, mission_id)
    meetings.sort(key=lambda m: (m.date, m.start_time or dt.time.min, _key(m.title), m.id))
    meeting_ids = {m.id for m in meetings}

    notes = [
        n
        for n in _live(session, Note, mission_id)
        if not (external and n.internal)
        and n.author_id in member_rank
        # a note of a deleted meeting went with it
        and (n.meeting_id is None or n.meeting_id in meeting_ids)
    ]
    notes.sort(key=lambda n: (member_rank[n.author_id], n.position, n.created_at, n.id))
    actions = [
        a
        for a in _live(session, Action, mission_id)
        if not (external and a.internal) and (a.meeting_id is None or a.meeting_id in meeting_ids)
    ]
    actions.sort(key=lambda a: (a.due_date or dt.date.max, a.created_at, a.id))

    topic_ids = {t for n in notes for t in n.topic_ids}
    topics = {
        t.id: clean_text(t.name)
        for t in session.scalars(select(Topic).where(Topic.id.in_(topic_ids)))
        if not t.deleted
    }
    team = tuple(_team_member(m) for m in members)
    organisation_entries = tuple(_organisation_entry(o) for o in organisations)
    member_names = {m.id: m.name for m in team}
    organisation_names = {o.id: o.acronym or o.name for o in organisation_entries}

    notes_by_id = {n.id: n for n in notes}
    note_entries = [_note_entry(n, topics) for n in notes]
    action_entries = [_action_entry(a, member_names, organisation_names) for a in actions]
    notes_by_meeting = _by_meeting(note_entries)
    actions_by_meeting = _by_meeting(action_entries)

    attachments = _attachments(session, mission_id, external, notes, meetings)
    entries = [_attachment_entry(a, notes_by_id, blobs) for a in attachments]

    shown: list[SyncedRecord] = [mission, *members, *organisations, *contacts, *meetings]
    shown += [*notes, *actions, *attachments]
    timestamp = max(record.updated_at for record in shown).astimezone(dt.UTC)

    return ReportData(
        mission=MissionFacts(
            title=clean_text(options.title or mission.title),
            programme=clean_text(mission.programme),
            components=tuple(clean_text(c) for c in mission.components or ()),
            host_country=clean_text(mission.host_country),
            city=clean_text(mission.city),
            start_date=mission.start_date,
            end_date=mission.end_date,
            timezone=mission.timezone,
            objectives=clean_text(mission.objectives),
            summary=clean_text(mission.summary),
            conclusions=clean_text(mission.conclusions),
            recommendations=clean_text(mission.recommendations),
        ),
        edition=options.edition,
        report_date=options.report_date or timestamp.date(),
        data_timestamp=timestamp,
        members=team,
        organisations=organisation_entries,
        contacts=tuple(_person(c, external) for c in contacts),
        meetings=tuple(
            _meeting_entry(
                m,
                notes_by_meeting.get(m.id, []),
                actions_by_meeting.get(m.id, []),
                kept_contacts,
                set(member_rank),
            )
            for m in meetings
        ),
        feedback=tuple(n for n in note_entries if n.meeting_id is None),
        actions=tuple(action_entries),
        photos=tuple(e for e in entries if e.is_photo),
        documents=tuple(e for e in entries if not e.is_photo),
    )


def _attachments(
    session: Session,
    mission_id: str,
    external: bool,
    notes: list[Note],
    meetings: list[Meeting],
) -> list[Attachment]:
    """The attachments the edition shows, in report order: by meeting, the meeting's own
    before its notes' (in note order), then those of the mission and its feedback notes."""
    note_rank = {n.id: rank for rank, n in enumerate(notes)}
    meeting_rank = {m.id: rank for rank, m in enumerate(meetings)}
    note_meeting = {n.id: n.meeting_id for n in notes}
    kept: list[tuple[tuple[int, int], Attachment]] = []
    for attachment in _live(session, Attachment, mission_id):
        if external and attachment.internal:
            continue
        note_id = attachment.note_id
        # The note left out (internal, deleted, or of a deleted meeting): its files too.
        if note_id is not None and note_id not in note_rank:
            continue
        meeting_id = attachment.meeting_id or (note_meeting[note_id] if note_id else None)
        if meeting_id is not None and meeting_id not in meeting_rank:
            continue
        rank = meeting_rank[meeting_id] if meeting_id is not None else len(meetings)
        kept.append(((rank, -1 if note_id is None else note_rank[note_id]), attachment))
    kept.sort(key=lambda pair: (pair[0], pair[1].position, pair[1].created_at, pair[1].id))
    return [attachment for _rank, attachment in kept]


def _attachment_entry(
    attachment: Attachment, notes: dict[str, Note], blobs: BlobReader | None
) -> AttachmentEntry:
    note = notes.get(attachment.note_id or "")
    width = height = 0
    missing = False
    if blobs is not None and attachment.media_type.startswith("image/"):
        try:
            info = image_info(blobs(attachment.sha256))
        except (StorageError, OSError, ValueError):
            info, missing = None, True
        if info is not None:
            width, height = info.width, info.height
    return AttachmentEntry(
        id=attachment.id,
        sha256=attachment.sha256,
        file_name=clean_text(attachment.file_name),
        media_type=attachment.media_type,
        caption=clean_text(attachment.caption),
        meeting_id=attachment.meeting_id or (note.meeting_id if note else None),
        note_id=attachment.note_id,
        author_id=attachment.author_id,
        internal=attachment.internal or (note is not None and note.internal),
        width=width,
        height=height,
        missing=missing,
    )


def _team_member(member: Member) -> TeamMember:
    return TeamMember(
        id=member.id,
        name=clean_text(member.name),
        country=clean_text(member.country),
        institution=clean_text(member.institution),
        role=label(member.role),
    )


def _organisation_entry(organisation: Organisation) -> OrganisationEntry:
    return OrganisationEntry(
        id=organisation.id,
        name=clean_text(organisation.name),
        acronym=clean_text(organisation.acronym),
        kind=label(organisation.kind),
        country=clean_text(organisation.country),
    )


def _note_entry(note: Note, topics: dict[str, str]) -> NoteEntry:
    names = sorted({topics[t] for t in note.topic_ids if t in topics}, key=_key)
    return NoteEntry(
        id=note.id,
        author_id=note.author_id,
        meeting_id=note.meeting_id,
        text=clean_text(note.text),
        key_finding=note.key_finding,
        internal=note.internal,
        topics=tuple(names),
    )


def _action_entry(
    action: Action, member_names: dict[str, str], organisation_names: dict[str, str]
) -> ActionEntry:
    owners = [
        member_names.get(action.owner_member_id or ""),
        organisation_names.get(action.owner_organisation_id or ""),
    ]
    return ActionEntry(
        id=action.id,
        text=clean_text(action.text),
        owner=" / ".join(o for o in owners if o),
        due_date=action.due_date,
        status=label(action.status),
        meeting_id=action.meeting_id,
        internal=action.internal,
    )


def _person(contact: Contact, external: bool) -> Person:
    return Person(
        id=contact.id,
        name=clean_text(contact.name),
        position=clean_text(contact.position),
        organisation_id=contact.organisation_id,
        email="" if external else clean_text(contact.email),
        phone="" if external else clean_text(contact.phone),
        notes="" if external else clean_text(contact.notes),
        internal=contact.internal,
    )


E = TypeVar("E", NoteEntry, ActionEntry)


def _by_meeting(entries: list[E]) -> dict[str | None, list[E]]:
    grouped: dict[str | None, list[E]] = {}
    for entry in entries:
        grouped.setdefault(entry.meeting_id, []).append(entry)
    return grouped


def _only(ids: Iterable[str], kept: set[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i in kept)


def _meeting_entry(
    meeting: Meeting,
    notes: list[NoteEntry],
    actions: list[ActionEntry],
    kept_contacts: set[str],
    kept_members: set[str],
) -> MeetingEntry:
    return MeetingEntry(
        id=meeting.id,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        title=clean_text(meeting.title),
        kind=label(meeting.kind),
        venue=clean_text(meeting.venue),
        agenda=clean_text(meeting.agenda),
        status=meeting.status,
        organisation_ids=tuple(meeting.organisation_ids),
        contact_ids=_only(meeting.contact_ids, kept_contacts),
        member_ids=_only(meeting.member_ids, kept_members),
        notes=tuple(notes),
        actions=tuple(actions),
    )
