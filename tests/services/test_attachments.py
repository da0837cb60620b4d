"""Attachments: content-addressed, deduplicated, size-limited, upright thumbnails."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from attachment_pictures import png, sideways_jpeg
from fieldnotes.errors import ValidationError
from fieldnotes.images import report_jpeg
from fieldnotes.paths import attachments_dir
from fieldnotes.services import attachments, itinerary, missions
from fieldnotes.services.notes import create_note, delete_note, set_note_flags
from fieldnotes.services.team import add_member
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobError, BlobStore, sha256_of


@pytest.fixture
def meeting(user_db: Database) -> tuple[str, str]:
    with user_db.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        meeting = itinerary.add_meeting(
            session, mission.id, title="Meeting at the DCM", date=dt.date(2026, 5, 12)
        )
        return mission.id, meeting.id


def blobs_of(database: Database) -> BlobStore:
    return BlobStore.for_profile(database.path.parent)


def test_a_photo_is_stored_once_and_described(user_db, meeting, tmp_path):
    mission_id, meeting_id = meeting
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(sideways_jpeg())
    with user_db.session() as session:
        first = attachments.add_attachment_file(
            session,
            blobs_of(user_db),
            mission_id,
            photo,
            meeting_id=meeting_id,
            caption="  Slide 3:   work permits ",
        )
        second = attachments.add_attachment_file(
            session, blobs_of(user_db), mission_id, photo, meeting_id=meeting_id
        )
    assert first.sha256 == second.sha256 == sha256_of(photo.read_bytes())
    assert (first.media_type, first.size, first.caption) == (
        "image/jpeg",
        photo.stat().st_size,
        "Slide 3: work permits",
    )
    assert first.author_id is not None and (first.position, second.position) == (0, 1)
    stored = list(attachments_dir(user_db.path.parent).iterdir())
    assert [p.name for p in stored] == [first.sha256]  # one blob, no temporary leftovers
    with user_db.session() as session:
        listed = attachments.list_attachments(session, mission_id, meeting_id=meeting_id)
    assert [a.id for a in listed] == [first.id, second.id]


def test_thumbnails_and_report_copies_are_upright(user_db, meeting, tmp_path):
    mission_id, meeting_id = meeting
    with user_db.session() as session:
        photo = attachments.add_attachment_bytes(
            session,
            blobs_of(user_db),
            mission_id,
            sideways_jpeg(80, 40),
            "slide.jpg",
            meeting_id=meeting_id,
        )
    data_dir = user_db.path.parent
    thumb = Image.open(io.BytesIO(attachments.thumbnail(data_dir, photo.sha256, 32)))
    assert thumb.size == (16, 32)  # portrait: the EXIF rotation was applied
    assert attachments.thumbnail(data_dir, photo.sha256, 32) == attachments.thumbnail(
        data_dir, photo.sha256, 32
    )
    data, width, height = report_jpeg(blobs_of(user_db).read(photo.sha256), 20)
    assert (width, height) == (10, 20)
    # The blue band was on the left of the stored picture: upright, it is at the top.
    top = Image.open(io.BytesIO(data)).convert("RGB").getpixel((5, 1))
    assert top[2] > top[0]


def test_documents_are_kept_without_thumbnails(user_db, meeting, tmp_path):
    mission_id, meeting_id = meeting
    pdf = tmp_path / "Handout: labour migration.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% not really a PDF, but named like one\n")
    with user_db.session() as session:
        handout = attachments.add_attachment_file(
            session, blobs_of(user_db), mission_id, pdf, meeting_id=meeting_id
        )
    assert handout.media_type == "application/pdf"
    assert handout.file_name == "Handout_ labour migration.pdf"
    assert attachments.thumbnail(user_db.path.parent, handout.sha256) is None
    viewing = attachments.file_for_viewing(user_db.path.parent, handout)
    assert viewing.name == handout.file_name and viewing.read_bytes() == pdf.read_bytes()


def test_too_large_files_are_refused_with_a_clear_message(user_db, meeting, tmp_path):
    mission_id, meeting_id = meeting
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 3000)
    with user_db.session() as session, pytest.raises(ValidationError, match="larger than 0 MB"):
        attachments.add_attachment_file(
            session, blobs_of(user_db), mission_id, big, meeting_id=meeting_id, limit=2000
        )
    with user_db.session() as session, pytest.raises(ValidationError, match="the limit for one"):
        attachments.add_attachment_stream(
            session,
            blobs_of(user_db),
            mission_id,
            io.BytesIO(b"y" * 3000),
            "stream.bin",
            meeting_id=meeting_id,
            limit=2000,
        )
    with user_db.session() as session:
        assert attachments.list_attachments(session, mission_id, everything=True) == []
    assert not any(attachments_dir(user_db.path.parent).glob("*"))


def test_caption_internal_delete_and_restore(user_db, meeting):
    mission_id, meeting_id = meeting
    with user_db.session() as session:
        picture = attachments.add_attachment_bytes(
            session, blobs_of(user_db), mission_id, png(), "paste.png", meeting_id=meeting_id
        )
        attachments.update_attachment(session, picture.id, caption="Organigram", internal=True)
    with user_db.session() as session:
        stored = attachments.get_attachment(session, picture.id)
        assert (stored.caption, stored.internal, stored.media_type) == (
            "Organigram",
            True,
            "image/png",
        )
        attachments.delete_attachment(session, picture.id)
    with user_db.session() as session:
        assert attachments.list_attachments(session, mission_id, meeting_id=meeting_id) == []
        attachments.restore_attachment(session, picture.id)
        assert len(attachments.list_attachments(session, mission_id, meeting_id=meeting_id)) == 1
    assert blobs_of(user_db).has(picture.sha256)  # deletion keeps the bytes


def test_a_blob_damaged_on_disk_is_reported(user_db, meeting):
    mission_id, meeting_id = meeting
    with user_db.session() as session:
        picture = attachments.add_attachment_bytes(
            session, blobs_of(user_db), mission_id, png(), "paste.png", meeting_id=meeting_id
        )
    path: Path = blobs_of(user_db).path(picture.sha256)
    path.write_bytes(b"bit rot")
    with pytest.raises(BlobError, match="damaged"):
        blobs_of(user_db).read(picture.sha256)
    path.unlink()
    with pytest.raises(BlobError, match="missing"):
        blobs_of(user_db).read(picture.sha256)


def test_attachments_belong_to_their_mission(user_db, meeting):
    _mission_id, meeting_id = meeting
    with user_db.session() as session:
        other = missions.create_mission(session, title="Georgia", timezone="Asia/Tbilisi")
    with user_db.session() as session, pytest.raises(ValidationError, match="another mission"):
        attachments.add_attachment_bytes(
            session, blobs_of(user_db), other.id, png(), "x.png", meeting_id=meeting_id
        )


def test_notes_of_attachments_say_whose_note_and_whether_internal(user_db, meeting):
    mission_id, meeting_id = meeting
    with user_db.session() as session:
        zoltan = add_member(session, mission_id, name="Zoltán Kovács", country="Hungary")
        mine = create_note(session, mission_id, meeting_id=meeting_id, text="mine")
        theirs = create_note(session, mission_id, meeting_id=meeting_id, author_id=zoltan.id)
        gone = create_note(session, mission_id, meeting_id=meeting_id, text="deleted")
        set_note_flags(session, mine.id, key_finding=False, internal=True)
        for number, note_id in enumerate((mine.id, theirs.id, gone.id, None)):
            attachments.add_attachment_bytes(
                session,
                blobs_of(user_db),
                mission_id,
                png(colour=(number, 0, 0)),
                f"{number}.png",
                meeting_id=meeting_id,
                note_id=note_id,
            )
        delete_note(session, gone.id)
    with user_db.session() as session:
        shown = attachments.list_attachments(session, mission_id, meeting_id=meeting_id)
        notes = attachments.notes_of_attachments(session, mission_id, shown)
    assert notes == {
        mine.id: attachments.AttachmentNote(mine.id, "Anna Virtanen", True, True),
        theirs.id: attachments.AttachmentNote(theirs.id, "Zoltán Kovács", False, False),
    }
