"""Use cases of attachments: add files and pasted pictures, caption, hide, remove, show.

The record (:class:`Attachment`) is written in the caller's session; the bytes go to the
profile's :class:`BlobStore` first. If the session then rolls back, the blob stays as an
orphan, which is harmless: it is content-addressed and the same file added again reuses it.
"""

from __future__ import annotations

import io
import mimetypes
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import UserFileError, ValidationError
from fieldnotes.images import THUMBNAIL_SIZE, image_info, thumbnail_png
from fieldnotes.model import Attachment, Meeting, Member, Note
from fieldnotes.paths import thumbnails_dir
from fieldnotes.services.lookup import get_live
from fieldnotes.services.missions import get_mission
from fieldnotes.services.profile import linked_member_id
from fieldnotes.store.blobs import BlobStore
from fieldnotes.store.changes import (
    create_record,
    delete_record,
    local_member_id,
    restore_record,
    update_record,
)

# One photo of a slide is 2–6 MB; a scanned handout or a deck of slides a few tens. Beyond
# this a file is better shared another way, and packages stay e-mailable.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
# Enough of a file to read a picture's header and EXIF (phones put a thumbnail in the EXIF).
_HEADER_BYTES = 1024 * 1024
_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def _size_text(size: int) -> str:
    return f"{size / 1_048_576:.0f} MB"


def clean_file_name(name: str) -> str:
    """A file name safe to show and to write on any system (folders and odd characters out)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    return base[:200] or "attachment"


def media_type_of(data_head: bytes, file_name: str) -> str:
    """The media type: from the bytes for pictures, else from the name."""
    info = image_info(data_head) if data_head else None
    if info is not None:
        return info.media_type
    guessed, _encoding = mimetypes.guess_type(file_name, strict=False)
    return guessed or "application/octet-stream"


def _check_target(
    session: Session, mission_id: str, meeting_id: str | None, note_id: str | None
) -> None:
    get_mission(session, mission_id)
    if meeting_id is not None:
        meeting = get_live(session, Meeting, meeting_id, "meeting")
        if meeting.mission_id != mission_id:
            raise ValidationError("That meeting belongs to another mission.")
    if note_id is not None:
        note = get_live(session, Note, note_id, "note")
        if note.mission_id != mission_id:
            raise ValidationError("That note belongs to another mission.")


def _next_position(session: Session, meeting_id: str | None, note_id: str | None) -> int:
    positions = session.scalars(
        select(Attachment.position).where(
            Attachment.meeting_id.is_(None)
            if meeting_id is None
            else Attachment.meeting_id == meeting_id,
            Attachment.note_id.is_(None) if note_id is None else Attachment.note_id == note_id,
        )
    ).all()
    return max(positions, default=-1) + 1


def add_attachment_stream(
    session: Session,
    blobs: BlobStore,
    mission_id: str,
    stream: BinaryIO,
    file_name: str,
    *,
    meeting_id: str | None = None,
    note_id: str | None = None,
    caption: str = "",
    internal: bool = False,
    limit: int = MAX_ATTACHMENT_BYTES,
) -> Attachment:
    """Store the bytes of ``stream`` and describe them as an attachment of a meeting or note."""
    _check_target(session, mission_id, meeting_id, note_id)
    name = clean_file_name(file_name)
    try:
        sha256, size = blobs.put_stream(stream, limit)
    except ValueError as exc:
        raise ValidationError(
            f"“{name}” is larger than {_size_text(limit)}, the limit for one attachment. "
            "Share it another way, or attach a smaller copy (e.g. a photo of the page)."
        ) from exc
    with blobs.path(sha256).open("rb") as stored:
        head = stored.read(_HEADER_BYTES)
    attachment = Attachment(
        mission_id=mission_id,
        meeting_id=meeting_id,
        note_id=note_id,
        author_id=local_member_id(session, mission_id),
        sha256=sha256,
        file_name=name,
        media_type=media_type_of(head, name),
        size=size,
        caption=" ".join(caption.split()),
        internal=internal,
        position=_next_position(session, meeting_id, note_id),
    )
    return create_record(session, attachment)


def add_attachment_file(
    session: Session,
    blobs: BlobStore,
    mission_id: str,
    path: Path,
    *,
    meeting_id: str | None = None,
    note_id: str | None = None,
    caption: str = "",
    internal: bool = False,
    limit: int = MAX_ATTACHMENT_BYTES,
) -> Attachment:
    """Attach the file at ``path``; a file over ``limit`` is refused before it is read."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ValidationError(
                f"“{path.name}” is {size / 1_048_576:.1f} MB, larger than {_size_text(limit)}, "
                "the limit for one attachment. Share it another way, or attach a smaller copy."
            )
        with path.open("rb") as stream:
            return add_attachment_stream(
                session,
                blobs,
                mission_id,
                stream,
                path.name,
                meeting_id=meeting_id,
                note_id=note_id,
                caption=caption,
                internal=internal,
                limit=limit,
            )
    except FileNotFoundError as exc:
        raise UserFileError(f"Cannot attach {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UserFileError(f"Cannot attach {path}: it is a folder.") from exc
    except PermissionError as exc:
        raise UserFileError(f"Cannot attach {path}: permission denied.") from exc


def add_attachment_bytes(
    session: Session,
    blobs: BlobStore,
    mission_id: str,
    data: bytes,
    file_name: str,
    *,
    meeting_id: str | None = None,
    note_id: str | None = None,
    caption: str = "",
    internal: bool = False,
) -> Attachment:
    """Attach bytes already in memory (a pasted picture)."""
    return add_attachment_stream(
        session,
        blobs,
        mission_id,
        io.BytesIO(data),
        file_name,
        meeting_id=meeting_id,
        note_id=note_id,
        caption=caption,
        internal=internal,
    )


def get_attachment(session: Session, attachment_id: str) -> Attachment:
    return get_live(session, Attachment, attachment_id, "attachment")


def update_attachment(
    session: Session,
    attachment_id: str,
    *,
    caption: str | None = None,
    internal: bool | None = None,
) -> Attachment:
    attachment = get_attachment(session, attachment_id)
    changes: dict[str, object] = {}
    if caption is not None:
        changes["caption"] = " ".join(caption.split())
    if internal is not None:
        changes["internal"] = internal
    update_record(session, attachment, changes)
    return attachment


def delete_attachment(session: Session, attachment_id: str) -> None:
    """Remove an attachment (a tombstone that travels; the bytes stay for undo and restores)."""
    delete_record(session, get_attachment(session, attachment_id))


def restore_attachment(session: Session, attachment_id: str) -> Attachment:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise ValidationError("That attachment no longer exists.")
    restore_record(session, attachment)
    return attachment


def list_attachments(
    session: Session,
    mission_id: str,
    *,
    meeting_id: str | None = None,
    note_id: str | None = None,
    everything: bool = False,
) -> list[Attachment]:
    """Live attachments of a meeting (or a note, or with ``everything`` the whole mission)."""
    statement = select(Attachment).where(
        Attachment.mission_id == mission_id, Attachment.deleted.is_(False)
    )
    if not everything:
        if note_id is not None:
            statement = statement.where(Attachment.note_id == note_id)
        else:
            statement = statement.where(Attachment.meeting_id == meeting_id)
    rows = list(session.scalars(statement))
    rows.sort(key=lambda a: (a.position, a.created_at, a.id))
    return rows


@dataclass(frozen=True)
class AttachmentNote:
    """The note an attachment belongs to, as far as showing the attachment needs it."""

    note_id: str
    author_name: str
    by_me: bool  # written by the local user
    internal: bool  # the note is internal, so its attachments are too


def notes_of_attachments(
    session: Session, mission_id: str, shown: Iterable[Attachment]
) -> dict[str, AttachmentNote]:
    """The live notes that ``shown`` attachments belong to, by note id."""
    note_ids = {a.note_id for a in shown if a.note_id is not None}
    if not note_ids:
        return {}
    notes = session.scalars(
        select(Note).where(Note.id.in_(note_ids), Note.deleted.is_(False))
    ).all()
    names = {
        m.id: m.name for m in session.scalars(select(Member).where(Member.mission_id == mission_id))
    }
    me = linked_member_id(session, mission_id)
    return {
        n.id: AttachmentNote(
            n.id, names.get(n.author_id, "a former member"), n.author_id == me, n.internal
        )
        for n in notes
    }


def thumbnail(data_dir: Path, sha256: str, size: int = THUMBNAIL_SIZE) -> bytes | None:
    """An upright PNG thumbnail of blob ``sha256``, cached; None for non-pictures."""
    blobs = BlobStore.for_profile(data_dir)
    cache = thumbnails_dir(data_dir) / f"{sha256}-{size}.png"
    if cache.is_file():
        return cache.read_bytes()
    png = thumbnail_png(blobs.read(sha256), size)
    if png is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_name(cache.name + ".partial")
            partial.write_bytes(png)
            partial.replace(cache)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return png


def file_for_viewing(data_dir: Path, attachment: Attachment) -> Path:
    """A copy of the attachment under its own file name, for the system viewer.

    Blobs have no extension, so a viewer could not tell what they are; the copy lives in
    the profile's ``viewing`` folder and may be deleted at any time.
    """
    blobs = BlobStore.for_profile(data_dir)
    source = blobs.path(attachment.sha256)
    if not source.is_file():
        blobs.read(attachment.sha256)  # raises the BlobError that explains it
    folder = data_dir / "viewing" / attachment.sha256[:16]
    target = folder / clean_file_name(attachment.file_name)
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target
