"""The mission and its team."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base, SyncedRecord
from fieldnotes.model.enums import MemberRole, MissionStatus


def _enum(cls: type) -> Enum:
    # Store the value ("team_lead"), not the Python name, and without a CHECK constraint so
    # that a newer version may add values without a table rebuild.
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        create_constraint=False,
        length=32,
    )


class Mission(SyncedRecord, Base):
    __tablename__ = "missions"

    title: Mapped[str] = mapped_column(String(300))
    programme: Mapped[str] = mapped_column(String(200), default="")
    components: Mapped[list[str]] = mapped_column(JSON, default=list)
    host_country: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    objectives: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MissionStatus] = mapped_column(
        _enum(MissionStatus), default=MissionStatus.PLANNED
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")


class Member(SyncedRecord, Base):
    """A person of the mission team; the author of notes."""

    __tablename__ = "members"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(100), default="")
    institution: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole), default=MemberRole.EXPERT)
    email: Mapped[str] = mapped_column(String(200), default="")
