"""The domain vocabulary: ORM classes and enums."""

from fieldnotes.model.attachments import Attachment
from fieldnotes.model.base import Base, SyncedRecord
from fieldnotes.model.conflicts import Conflict, conflict_id_for
from fieldnotes.model.counterparts import Contact, Organisation
from fieldnotes.model.enums import (
    ActionStatus,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MissionStatus,
    OrganisationKind,
    label,
)
from fieldnotes.model.itinerary import Meeting
from fieldnotes.model.mission import Member, Mission
from fieldnotes.model.notes import Action, Note, Topic, topic_id_for
from fieldnotes.model.profile import ImportedPackage, LocalProfile, MissionLink, Revision
from fieldnotes.model.types import VersionVector, new_id, utc_now

# Every record kind that travels in mission JSON and packages, in an order that satisfies
# foreign keys (referenced kinds first).
SYNCED_MODELS: tuple[type[SyncedRecord], ...] = (
    Mission,
    Member,
    Organisation,
    Contact,
    Topic,
    Meeting,
    Note,
    Action,
    # Last: an attachment refers to meetings, notes and members; its bytes travel beside it.
    Attachment,
)

__all__ = [
    "SYNCED_MODELS",
    "Action",
    "ActionStatus",
    "Attachment",
    "Base",
    "Conflict",
    "Contact",
    "ImportedPackage",
    "LocalProfile",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Member",
    "MemberRole",
    "Mission",
    "MissionLink",
    "MissionStatus",
    "Note",
    "Organisation",
    "OrganisationKind",
    "Revision",
    "SyncedRecord",
    "Topic",
    "VersionVector",
    "conflict_id_for",
    "label",
    "new_id",
    "topic_id_for",
    "utc_now",
]
