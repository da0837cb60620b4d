"""Counterpart institutions and the people met there."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base, SyncedRecord
from fieldnotes.model.enums import OrganisationKind
from fieldnotes.model.mission import _enum


class Organisation(SyncedRecord, Base):
    __tablename__ = "organisations"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[OrganisationKind] = mapped_column(
        _enum(OrganisationKind), default=OrganisationKind.OTHER
    )
    country: Mapped[str] = mapped_column(String(100), default="")


class Contact(SyncedRecord, Base):
    """A counterpart person. Internal contacts never appear in the external report."""

    __tablename__ = "contacts"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("organisations.id"), default=None, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
