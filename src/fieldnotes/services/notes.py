"""Use cases of notes: what each expert writes about a meeting or the mission."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldnotes.errors import ValidationError
from fieldnotes.model import Conflict, Meeting, Member, Note, VersionVector
from fieldnotes.model.conflicts import conflict_id_for, value_json
from fieldnotes.services.lookup import get_live
from fieldnotes.services.missions import get_mission
from fieldnotes.services.topics import ensure_topic
from fieldnotes.store.changes import create_record, delete_record, local_member_id, record_change


def _author_for(session: Session, mission_id: str, author_id: str | None) -> str:
    author_id = author_id or local_member_id(session, mission_id)
    if author_id is None:
        raise ValidationError(
            "Choose which team member you are in this mission before writing notes."
        )
    member = get_live(session, Member, author_id, "member")
    if member.mission_id != mission_id:
        raise ValidationError(f"{member.name} is not a member of this mission.")
    return author_id


def create_note(
    session: Session,
    mission_id: str,
    *,
    meeting_id: str | None = None,
    author_id: str | None = None,
    text: str = "",
    key_finding: bool = False,
    internal: bool = False,
    topic_ids: list[str] | None = None,
    position: int | None = None,
) -> Note:
    """A new note by ``author_id`` (default: the local user) on a meeting or the mission.

    ``position`` orders the author's notes there; by default the note comes after the
    others. A caller writing many notes at once (the demo) passes it, which spares a query,
    and with it a flush, per note.
    """
    get_mission(session, mission_id)
    author = _author_for(session, mission_id, author_id)
    if meeting_id is not None:
        meeting = get_live(session, Meeting, meeting_id, "meeting")
        if meeting.mission_id != mission_id:
            raise ValidationError("That meeting belongs to another mission.")
    if position is None:
        position = session.scalar(
            select(func.count(Note.id)).where(
                Note.mission_id == mission_id,
                Note.meeting_id.is_(None) if meeting_id is None else Note.meeting_id == meeting_id,
                Note.author_id == author,
            )
        )
    return create_record(
        session,
        Note(
            mission_id=mission_id,
            meeting_id=meeting_id,
            author_id=author,
            position=position or 0,
            text=text,
            key_finding=key_finding,
            internal=internal,
            topic_ids=list(topic_ids or []),
        ),
        author_id=author,  # written by its author, also when the team lead types it in
    )


def get_note(session: Session, note_id: str) -> Note:
    return get_live(session, Note, note_id, "note")


def save_note_text(session: Session, note_id: str, text: str) -> bool:
    """Store the note's new text (the autosave path). True if it differed from what was stored."""
    note = get_note(session, note_id)
    if note.text == text:
        return False
    note.text = text
    record_change(session, note)
    return True


def save_note_draft(
    session: Session, note_id: str, text: str, base_version: VersionVector | None
) -> VersionVector:
    """The editor's autosave: store ``text``, typed on top of the note at ``base_version``.

    If the stored note changed since then (an import or sync merged a teammate's edit while
    the user was typing), the typed text still wins, since it is what the user sees, but the
    text it replaces is kept as an open conflict, so that nothing is lost silently. Returns
    the note's version after the save: the base of the next one.
    """
    note = get_note(session, note_id)
    if note.text == text:
        return dict(note.version)
    if base_version is not None and note.version != base_version:
        _keep_replaced_text(session, note)
    note.text = text
    record_change(session, note)
    return dict(note.version)


def _keep_replaced_text(session: Session, note: Note) -> None:
    replaced = value_json(note.text)
    conflict_id = conflict_id_for("notes", note.id, "text", replaced)
    if session.get(Conflict, conflict_id) is None:
        session.add(
            Conflict(
                id=conflict_id,
                table_name="notes",
                record_id=note.id,
                mission_id=note.mission_id,
                field="text",
                kind="field",
                loser_value=replaced,
                loser_version=dict(note.version),
                loser_member=note.updated_by,
            )
        )


def set_note_flags(
    session: Session,
    note_id: str,
    *,
    key_finding: bool | None = None,
    internal: bool | None = None,
) -> Note:
    note = get_note(session, note_id)
    changed = False
    if key_finding is not None and note.key_finding != key_finding:
        note.key_finding = key_finding
        changed = True
    if internal is not None and note.internal != internal:
        note.internal = internal
        changed = True
    if changed:
        record_change(session, note)
    return note


def set_note_topics(session: Session, note_id: str, names: list[str]) -> Note:
    """Tag the note with the topics called ``names`` (created as needed)."""
    note = get_note(session, note_id)
    topic_ids = list(dict.fromkeys(ensure_topic(session, n).id for n in names if n.strip()))
    if topic_ids != note.topic_ids:
        note.topic_ids = topic_ids
        record_change(session, note)
    return note


def delete_note(session: Session, note_id: str) -> None:
    delete_record(session, get_note(session, note_id))


def _live_notes(session: Session, *conditions: Any) -> list[Note]:
    return list(
        session.scalars(
            select(Note)
            .where(Note.deleted.is_(False), *conditions)
            .order_by(Note.position, Note.created_at)
        )
    )


def notes_for_meeting(session: Session, meeting_id: str) -> list[Note]:
    """Live notes on a meeting, in writing order per author."""
    return _live_notes(session, Note.meeting_id == meeting_id)


def mission_notes(session: Session, mission_id: str) -> list[Note]:
    """Live notes on the mission as a whole (the experts' own assessments)."""
    return _live_notes(session, Note.mission_id == mission_id, Note.meeting_id.is_(None))


def own_note(session: Session, mission_id: str, meeting_id: str | None) -> Note:
    """The local user's first note on the meeting (or the mission), created when missing."""
    author = _author_for(session, mission_id, None)
    condition = Note.meeting_id.is_(None) if meeting_id is None else Note.meeting_id == meeting_id
    for note in _live_notes(session, Note.mission_id == mission_id, condition):
        if note.author_id == author:
            return note
    return create_note(session, mission_id, meeting_id=meeting_id, author_id=author)
