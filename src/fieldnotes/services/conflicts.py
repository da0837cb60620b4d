"""Use cases of merge conflicts: list the open ones, resolve one (an edit that travels)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import NotFoundError, ValidationError
from fieldnotes.exchange.package_records import MODEL_OF_TABLE
from fieldnotes.model import Conflict, Member, SyncedRecord
from fieldnotes.model.conflicts import value_json
from fieldnotes.store.changes import local_member_id, record_change
from fieldnotes.store.record_codec import from_document, to_document

# What a record is called in a conflict list: its most telling field.
_TITLE_FIELDS = ("title", "name", "text")
_KIND_NAMES = {
    "missions": "mission",
    "members": "member",
    "organisations": "organisation",
    "contacts": "contact",
    "topics": "topic",
    "meetings": "meeting",
    "notes": "note",
    "actions": "action",
}


class Choice(StrEnum):
    KEEP_CURRENT = "current"  # keep what the record holds now (the merge's winner)
    TAKE_OTHER = "other"  # take the value that lost the merge
    EDITED = "edited"  # a value the user wrote, e.g. both texts merged by hand


@dataclass(frozen=True)
class ConflictView:
    """One open conflict as the conflicts view and the CLI show it."""

    id: str
    table_name: str
    record_id: str
    record_kind: str
    record_label: str
    field: str
    kind: str
    current: Any  # document value the record holds now
    other: Any  # document value that lost
    other_member: str  # who wrote the losing version ("" if unknown)
    is_text: bool

    @property
    def is_deletion(self) -> bool:
        return self.kind == "delete_edit"


def _record(session: Session, conflict: Conflict) -> SyncedRecord:
    model = MODEL_OF_TABLE.get(conflict.table_name)
    record = session.get(model, conflict.record_id) if model else None
    if record is None:
        raise NotFoundError("The record of this conflict no longer exists.")
    return record


def _label(document: dict[str, Any]) -> str:
    for name in _TITLE_FIELDS:
        value = document.get(name)
        if isinstance(value, str) and value.strip():
            first = value.strip().splitlines()[0]
            return first if len(first) <= 60 else first[:59] + "…"
    return str(document.get("id", ""))[:8]


def _is_open(conflict: Conflict, document: dict[str, Any]) -> bool:
    # Open until resolved, or until the record holds the losing value again (nothing lost).
    return (
        not conflict.resolved and value_json(document.get(conflict.field)) != conflict.loser_value
    )


def _view(
    session: Session, conflict: Conflict, record: SyncedRecord, document: dict[str, Any]
) -> ConflictView:
    # The merge code loads when a conflict is shown, not with the window's conflict count.
    from fieldnotes.exchange.merge_apply import text_fields

    member = session.get(Member, conflict.loser_member) if conflict.loser_member else None
    return ConflictView(
        id=conflict.id,
        table_name=conflict.table_name,
        record_id=conflict.record_id,
        record_kind=_KIND_NAMES.get(conflict.table_name, conflict.table_name),
        record_label=_label(document),
        field=conflict.field,
        kind=conflict.kind,
        current=document.get(conflict.field),
        other=json.loads(conflict.loser_value),
        other_member=member.name if member else "",
        is_text=conflict.field in text_fields(type(record)),
    )


def list_conflicts(session: Session, mission_id: str) -> list[ConflictView]:
    """Open conflicts of a mission, by record kind, then record, then field."""
    views: list[ConflictView] = []
    for conflict in session.scalars(
        select(Conflict).where(Conflict.mission_id == mission_id, Conflict.resolved.is_(False))
    ):
        record = _record(session, conflict)
        document = to_document(record)
        if _is_open(conflict, document):
            views.append(_view(session, conflict, record, document))
    order = list(_KIND_NAMES)
    views.sort(
        key=lambda v: (
            order.index(v.table_name) if v.table_name in order else 99,
            v.record_label.casefold(),
            v.record_id,
            v.field,
            v.id,
        )
    )
    return views


def open_conflict_count(session: Session, mission_id: str) -> int:
    return len(list_conflicts(session, mission_id))


def find_conflict(session: Session, mission_id: str | None, reference: str) -> Conflict:
    """The conflict named by its id or a unique id prefix."""
    reference = reference.strip()
    if not reference:
        raise NotFoundError("No conflict given.")
    query = select(Conflict).where(Conflict.id.startswith(reference, autoescape=True))
    if mission_id is not None:
        query = query.where(Conflict.mission_id == mission_id)
    found = list(session.scalars(query.limit(2)))
    if not found:
        raise NotFoundError(f"No conflict matches {reference!r}.")
    if len(found) > 1:
        raise NotFoundError(f"Conflict {reference!r} is ambiguous: give more of its id.")
    return found[0]


def resolve_conflict(
    session: Session, conflict_id: str, choice: Choice, value: Any = None
) -> ConflictView:
    """Settle a conflict with an ordinary local edit (version bumped), so that it travels.

    ``value`` is the document value for :attr:`Choice.EDITED` (e.g. the merged text).
    """
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFoundError("That conflict does not exist.")
    record = _record(session, conflict)
    document = to_document(record)
    if conflict.resolved:
        raise ValidationError("That conflict is already resolved.")
    if choice is Choice.TAKE_OTHER:
        chosen = json.loads(conflict.loser_value)
    elif choice is Choice.EDITED:
        chosen = value
    else:
        chosen = document.get(conflict.field)
    try:
        decoded = from_document(type(record), {conflict.field: chosen})[conflict.field]
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"That value cannot be stored: {exc}") from exc
    view = _view(session, conflict, record, document)
    setattr(record, conflict.field, decoded)
    # Always a change, even when keeping the current value: the resolution must dominate
    # both merged versions so that it travels and settles the conflict everywhere.
    record_change(session, record)
    conflict.resolved = True
    conflict.resolved_version = dict(record.version)
    mission_id = getattr(record, "mission_id", None) or conflict.mission_id
    conflict.resolved_by = local_member_id(session, mission_id) if mission_id else None
    session.flush()
    return view


def suggest_merged_text(current: str, other: str) -> str:
    """A starting point for "edit a merged text": every line of both versions, in order.

    Lines only in ``other`` are placed after the lines of ``current`` they followed, so the
    team lead deletes what is redundant instead of retyping what was lost.
    """
    from difflib import SequenceMatcher

    ours = current.splitlines(keepends=True)
    theirs = other.splitlines(keepends=True)
    result: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        result.extend(ours[i1:i2])
        if tag in ("insert", "replace"):
            added = theirs[j1:j2]
            if result and not result[-1].endswith("\n"):
                result[-1] += "\n"
            result.extend(added)
    return "".join(result)
