"""Files kept with a meeting or a note: photos of slides, scans of handouts, documents."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base, SyncedRecord


class Attachment(SyncedRecord, Base):
    """A file's description; its bytes live in the profile's blob store under ``sha256``.

    The record travels and merges like every other (caption, internal flag, deletion); the
    bytes travel beside it in packages as ``attachments/<sha256>``. Two attachments with the
    same content share one blob. ``author_id`` is who added it (shown and reported);
    ``updated_by`` is who changed it last.
    """

    __tablename__ = "attachments"

    mission_id: Mapped[str] = mapped_column(ForeignKey("missions.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(
        ForeignKey("meetings.id"), default=None, index=True
    )
    note_id: Mapped[str | None] = mapped_column(ForeignKey("notes.id"), default=None, index=True)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), default=None)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(String(1000), default="")
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
