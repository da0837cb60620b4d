"""What the experts write: notes, follow-up actions and the topics that group findings."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base, SyncedRecord
from fieldnotes.model.enums import ActionStatus
from fieldnotes.model.mission import _enum
from fieldnotes.model.types import IdList

# Topic ids are derived from the name, so that two experts who both create "Work permits"
# offline end with one topic after a merge instead of two.
TOPIC_NAMESPACE = uuid.UUID("6f0c8e4e-4b7a-4d8e-9a51-2f1d3c6b9a10")


def topic_id_for(name: str) -> str:
    return str(uuid.uuid5(TOPIC_NAMESPACE, " ".join(name.split()).casefold()))


class Topic(SyncedRecord, Base):
    """A tag shared across missions (labour migration, readmission ...)."""

    __tablename__ = "topics"

    name: Mapped[str] = mapped_column(String(100))


class Note(SyncedRecord, Base):
    """Text by one member about a meeting, or about the mission as a whole (meeting_id None).

    Mission-level notes are the member's personal assessment ("expert feedback").
    The text is a Markdown subset: paragraphs, **bold**, *italic*, lists, headings.
    """

    __tablename__ = "notes"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meetings.id"), default=None, index=True
    )
    author_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    key_finding: Mapped[bool] = mapped_column(Boolean, default=False)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_ids: Mapped[list[str]] = mapped_column(IdList(), default=list)


class Action(SyncedRecord, Base):
    """A follow-up agreed in or after a meeting."""

    __tablename__ = "actions"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meetings.id"), default=None, index=True
    )
    note_id: Mapped[str | None] = mapped_column(ForeignKey("notes.id"), default=None)
    text: Mapped[str] = mapped_column(Text)
    owner_member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)
    owner_organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisations.id"), default=None
    )
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.OPEN)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
