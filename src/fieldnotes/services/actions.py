"""Use cases of follow-up actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Action, ActionStatus, Meeting, Member, Note, Organisation
from fieldnotes.services.fields import known_fields
from fieldnotes.services.lookup import get_live
from fieldnotes.services.missions import get_mission
from fieldnotes.store.changes import create_record, delete_record, update_record

ACTION_FIELDS = frozenset(
    {
        "text",
        "meeting_id",
        "note_id",
        "owner_member_id",
        "owner_organisation_id",
        "due_date",
        "status",
        "internal",
    }
)
_REFERENCES: dict[
    str, tuple[type[Meeting] | type[Note] | type[Member] | type[Organisation], str]
] = {
    "meeting_id": (Meeting, "meeting"),
    "note_id": (Note, "note"),
    "owner_member_id": (Member, "member"),
    "owner_organisation_id": (Organisation, "organisation"),
}


def _clean(session: Session, mission_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    clean = known_fields(fields, ACTION_FIELDS, "action")
    if "text" in clean:
        clean["text"] = clean["text"].strip()
        if not clean["text"]:
            raise ValidationError("An action needs a description.")
    if "status" in clean:
        clean["status"] = ActionStatus(clean["status"])
    for name, (model, what) in _REFERENCES.items():
        if clean.get(name):
            record = get_live(session, model, clean[name], what)
            if record.mission_id != mission_id:
                raise ValidationError(f"That {what} belongs to another mission.")
        elif name in clean:
            clean[name] = None
    return clean


def add_action(session: Session, mission_id: str, **fields: Any) -> Action:
    get_mission(session, mission_id)
    clean = _clean(session, mission_id, fields)
    if not clean.get("text"):
        raise ValidationError("An action needs a description.")
    return create_record(session, Action(mission_id=mission_id, **clean))


def update_action(session: Session, action_id: str, **fields: Any) -> Action:
    action = get_live(session, Action, action_id, "action")
    update_record(session, action, _clean(session, action.mission_id, fields))
    return action


def delete_action(session: Session, action_id: str) -> None:
    delete_record(session, get_live(session, Action, action_id, "action"))


def list_actions(
    session: Session, mission_id: str, *, meeting_id: str | None = None
) -> list[Action]:
    """Live actions of a mission (or one meeting), by due date (undated last)."""
    query = select(Action).where(Action.mission_id == mission_id, Action.deleted.is_(False))
    if meeting_id is not None:
        query = query.where(Action.meeting_id == meeting_id)
    actions = list(session.scalars(query))
    actions.sort(key=lambda a: (a.due_date or dt.date.max, a.created_at))
    return actions
