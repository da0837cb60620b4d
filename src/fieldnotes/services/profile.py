"""The local profile: who uses this installation, and which member they are in each mission."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import LocalProfile, Member, MissionLink
from fieldnotes.services.lookup import get_live


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    country: str
    institution: str
    email: str
    device_id: str

    @property
    def complete(self) -> bool:
        """Whether the first-start questions have been answered."""
        return bool(self.name.strip())


def _profile_row(session: Session) -> LocalProfile:
    profile: LocalProfile | None = session.scalar(select(LocalProfile))
    if profile is None:  # Database.open always creates it
        raise RuntimeError("local profile row missing")
    return profile


def get_profile(session: Session) -> ProfileInfo:
    row = _profile_row(session)
    return ProfileInfo(row.name, row.country, row.institution, row.email, row.device_id)


def save_profile(
    session: Session, *, name: str, country: str = "", institution: str = "", email: str = ""
) -> ProfileInfo:
    """Set the user's name, country and institution (the first-start dialog)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Please enter your name: it marks everything you write.")
    row = _profile_row(session)
    row.name = name
    row.country = country.strip()
    row.institution = institution.strip()
    row.email = email.strip()
    return get_profile(session)


def link_member(session: Session, mission_id: str, member_id: str) -> None:
    """From now on, this profile writes as ``member_id`` in ``mission_id``."""
    member = get_live(session, Member, member_id, "member")
    if member.mission_id != mission_id:
        raise ValidationError(f"{member.name} is not a member of this mission.")
    link = session.get(MissionLink, mission_id)
    if link is None:
        session.add(MissionLink(mission_id=mission_id, member_id=member_id))
    else:
        link.member_id = member_id
    session.flush()
    session.info.setdefault("member_by_mission", {})[mission_id] = member_id


def linked_member_id(session: Session, mission_id: str) -> str | None:
    """The member this profile writes as in ``mission_id``, if chosen."""
    link = session.get(MissionLink, mission_id)
    return link.member_id if link else None
