"""The plain, frozen facts one report is built from: no ORM objects, no session.

:mod:`fieldnotes.report.content` fills these from the database, already filtered for the
edition and with every text normalised; the builder only arranges them on pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldnotes.model import MeetingStatus
from fieldnotes.report.options import Edition


@dataclass(frozen=True)
class MissionFacts:
    title: str
    programme: str
    components: tuple[str, ...]
    host_country: str
    city: str
    start_date: dt.date | None
    end_date: dt.date | None
    timezone: str
    objectives: str
    summary: str
    conclusions: str
    recommendations: str


@dataclass(frozen=True)
class TeamMember:
    id: str
    name: str
    country: str
    institution: str
    role: str  # label, e.g. "Team lead"


@dataclass(frozen=True)
class OrganisationEntry:
    id: str
    name: str
    acronym: str
    kind: str  # label
    country: str

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Person:
    """A counterpart met; e-mail, phone and notes are empty in the external edition."""

    id: str
    name: str
    position: str
    organisation_id: str | None
    email: str
    phone: str
    notes: str
    internal: bool


@dataclass(frozen=True)
class NoteEntry:
    id: str
    author_id: str
    meeting_id: str | None
    text: str  # Markdown subset
    key_finding: bool
    internal: bool
    topics: tuple[str, ...]  # topic names, sorted


@dataclass(frozen=True)
class ActionEntry:
    id: str
    text: str
    owner: str
    due_date: dt.date | None
    status: str  # label
    meeting_id: str | None
    internal: bool


@dataclass(frozen=True)
class MeetingEntry:
    id: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    title: str
    kind: str  # label
    venue: str
    agenda: str  # Markdown subset
    status: MeetingStatus
    organisation_ids: tuple[str, ...]
    contact_ids: tuple[str, ...]
    member_ids: tuple[str, ...]
    notes: tuple[NoteEntry, ...]  # in team order, then by each author's position
    actions: tuple[ActionEntry, ...]

    @property
    def has_section(self) -> bool:
        """Held meetings get a section; so do planned ones that have notes or actions (their
        status was not updated, but what was written about them must not be lost); cancelled
        meetings appear in the programme only."""
        if self.status is MeetingStatus.CANCELLED:
            return False
        return self.status is MeetingStatus.HELD or bool(self.notes or self.actions)


# Reads the bytes of an attachment blob by its SHA-256 (e.g. ``BlobStore.read``); raises
# StorageError or OSError when the file is missing or damaged.
BlobReader = Callable[[str], bytes]


@dataclass(frozen=True)
class AttachmentEntry:
    """A photo or document attached to a meeting, a note or the mission.

    ``width`` and ``height`` are the picture's upright size in pixels (after its EXIF
    orientation); both are 0 for documents and for pictures whose file cannot be read.
    """

    id: str
    sha256: str
    file_name: str
    media_type: str
    caption: str
    meeting_id: str | None  # the meeting, directly or through the note
    note_id: str | None
    author_id: str | None
    internal: bool  # the attachment or its note is internal
    width: int = 0
    height: int = 0
    missing: bool = False  # the file is absent from this profile or damaged

    @property
    def is_photo(self) -> bool:
        return self.width > 0 and self.height > 0


@dataclass(frozen=True)
class ReportData:
    mission: MissionFacts
    edition: Edition
    report_date: dt.date
    # Instant of the newest change to the data shown: the PDF's creation date.
    data_timestamp: dt.datetime
    members: tuple[TeamMember, ...]  # team lead first, then by name
    organisations: tuple[OrganisationEntry, ...]  # by name
    contacts: tuple[Person, ...]  # by name
    meetings: tuple[MeetingEntry, ...]  # by date and time
    feedback: tuple[NoteEntry, ...]  # mission-level notes, team order
    actions: tuple[ActionEntry, ...]  # every action of the edition, by due date
    # Pictures for the photo annex, in meeting order; then everything else, listed by name.
    photos: tuple[AttachmentEntry, ...] = ()
    documents: tuple[AttachmentEntry, ...] = ()
    _index: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        records: list[TeamMember | OrganisationEntry | Person | MeetingEntry] = [
            *self.members,
            *self.organisations,
            *self.contacts,
            *self.meetings,
        ]
        self._index.update((record.id, record) for record in records)

    def member(self, member_id: str) -> TeamMember | None:
        record = self._index.get(member_id)
        return record if isinstance(record, TeamMember) else None

    def organisation(self, organisation_id: str | None) -> OrganisationEntry | None:
        record = self._index.get(organisation_id or "")
        return record if isinstance(record, OrganisationEntry) else None

    def contact(self, contact_id: str) -> Person | None:
        record = self._index.get(contact_id)
        return record if isinstance(record, Person) else None

    def meeting(self, meeting_id: str | None) -> MeetingEntry | None:
        record = self._index.get(meeting_id or "")
        return record if isinstance(record, MeetingEntry) else None
