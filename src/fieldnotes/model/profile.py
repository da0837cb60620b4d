"""Local, never-synced facts of this installation: who the user is, and this device."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base
from fieldnotes.model.types import UTCDateTime, VersionVector, VersionVectorType, utc_now


class LocalProfile(Base):
    """The single row describing this profile's user and device."""

    __tablename__ = "local_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    device_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    institution: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class MissionLink(Base):
    """Which member of a mission this profile writes as."""

    __tablename__ = "mission_links"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))


class Revision(Base):
    """A past version of a synced record: note history, and common ancestors for merges."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[VersionVector] = mapped_column(VersionVectorType())
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    recorded_by: Mapped[str | None] = mapped_column(String(36), default=None)


class ImportedPackage(Base):
    """A package file this profile has merged, by the SHA-256 of its (decrypted) ZIP bytes.

    Importing the same bytes again changes nothing (merges are idempotent), so it is skipped
    without validating and planning again. The row lives in the database, so it is committed
    with the import it records and rolled back with a restore from an older backup.
    """

    __tablename__ = "imported_packages"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mission_id: Mapped[str] = mapped_column(String(36))
    records: Mapped[int] = mapped_column(Integer, default=0)  # for the "unchanged" count
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
