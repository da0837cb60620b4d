"""Use cases of the mission team."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Member, MemberRole
from fieldnotes.services.fields import known_fields, required_line
from fieldnotes.services.lookup import get_live, resolve
from fieldnotes.services.missions import get_mission
from fieldnotes.store.changes import create_record, delete_record, update_record

MEMBER_FIELDS = frozenset({"name", "country", "institution", "role", "email"})


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {
        k: (v.strip() if isinstance(v, str) else v)
        for k, v in known_fields(fields, MEMBER_FIELDS, "member").items()
    }
    if "name" in clean:
        clean["name"] = required_line(clean["name"], "A team member needs a name.")
    if "role" in clean:
        clean["role"] = MemberRole(clean["role"])
    return clean


def add_member(session: Session, mission_id: str, **fields: Any) -> Member:
    get_mission(session, mission_id)
    clean = _clean(fields)
    if "name" not in clean:
        raise ValidationError("A team member needs a name.")
    return create_record(session, Member(mission_id=mission_id, **clean))


def update_member(session: Session, member_id: str, **fields: Any) -> Member:
    member = get_live(session, Member, member_id, "member")
    update_record(session, member, _clean(fields))
    return member


def delete_member(session: Session, member_id: str) -> None:
    delete_record(session, get_live(session, Member, member_id, "member"))


def list_members(session: Session, mission_id: str) -> list[Member]:
    """The live team of a mission: team lead first, then by name."""
    members = list(
        session.scalars(
            select(Member).where(Member.mission_id == mission_id, Member.deleted.is_(False))
        )
    )
    order = list(MemberRole)
    members.sort(key=lambda m: (order.index(m.role), m.name.casefold()))
    return members


def resolve_member(session: Session, mission_id: str, reference: str) -> Member:
    """The member of ``mission_id`` named by id, unique id prefix or exact name."""
    return resolve(
        session,
        Member,
        reference,
        name_attribute="name",
        what="member",
        scope={"mission_id": mission_id},
    )
