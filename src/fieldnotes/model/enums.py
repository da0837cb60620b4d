"""Closed vocabularies of the domain, stored by their value."""

from __future__ import annotations

from enum import StrEnum


class MissionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REPORTED = "reported"


class MemberRole(StrEnum):
    TEAM_LEAD = "team_lead"
    EXPERT = "expert"
    SECRETARIAT = "secretariat"
    OBSERVER = "observer"


class OrganisationKind(StrEnum):
    MINISTRY = "ministry"
    AGENCY = "agency"
    INTERNATIONAL = "international_organisation"
    NGO = "ngo"
    EMBASSY = "embassy_delegation"
    PRIVATE = "private"
    OTHER = "other"


class MeetingKind(StrEnum):
    MEETING = "meeting"
    SITE_VISIT = "site_visit"
    BRIEFING = "briefing"
    TRAVEL = "travel"
    SOCIAL = "social_cultural"
    INTERNAL = "internal_session"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


LABELS: dict[StrEnum, str] = {
    MissionStatus.PLANNED: "Planned",
    MissionStatus.IN_PROGRESS: "In progress",
    MissionStatus.COMPLETED: "Completed",
    MissionStatus.REPORTED: "Reported",
    MemberRole.TEAM_LEAD: "Team lead",
    MemberRole.EXPERT: "Expert",
    MemberRole.SECRETARIAT: "Secretariat",
    MemberRole.OBSERVER: "Observer",
    OrganisationKind.MINISTRY: "Ministry",
    OrganisationKind.AGENCY: "Agency",
    OrganisationKind.INTERNATIONAL: "International organisation",
    OrganisationKind.NGO: "NGO",
    OrganisationKind.EMBASSY: "Embassy / delegation",
    OrganisationKind.PRIVATE: "Private",
    OrganisationKind.OTHER: "Other",
    MeetingKind.MEETING: "Meeting",
    MeetingKind.SITE_VISIT: "Site visit",
    MeetingKind.BRIEFING: "Briefing",
    MeetingKind.TRAVEL: "Travel",
    MeetingKind.SOCIAL: "Social / cultural",
    MeetingKind.INTERNAL: "Internal team session",
    MeetingStatus.PLANNED: "Planned",
    MeetingStatus.HELD: "Held",
    MeetingStatus.CANCELLED: "Cancelled",
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}


def label(value: StrEnum) -> str:
    """The human label of an enum value (what the window and the report show)."""
    return LABELS.get(value, str(value).replace("_", " ").capitalize())
