"""Items of the mission's programme."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base, SyncedRecord
from fieldnotes.model.enums import MeetingKind, MeetingStatus
from fieldnotes.model.mission import _enum
from fieldnotes.model.types import IdList


class Meeting(SyncedRecord, Base):
    """One item of the itinerary; date and times are host-local (the mission's time zone).

    Participants are kept as ordered id lists rather than association tables: each list is
    one field to merge, and a package carries it as it is.
    """

    __tablename__ = "meetings"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time, default=None)
    end_time: Mapped[dt.time | None] = mapped_column(Time, default=None)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind), default=MeetingKind.MEETING)
    venue: Mapped[str] = mapped_column(String(300), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MeetingStatus] = mapped_column(
        _enum(MeetingStatus), default=MeetingStatus.PLANNED
    )
    organisation_ids: Mapped[list[str]] = mapped_column(IdList(), default=list)
    contact_ids: Mapped[list[str]] = mapped_column(IdList(), default=list)
    member_ids: Mapped[list[str]] = mapped_column(IdList(), default=list)
