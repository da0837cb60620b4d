"""The photo annex: real pictures in a real profile, read back from the PDF with pypdf."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from sqlalchemy import select

from attachment_pictures import sideways_jpeg
from fieldnotes.images import report_jpeg
from fieldnotes.model import Meeting, Note
from fieldnotes.report.options import Edition, ReportOptions, Section
from fieldnotes.services.attachments import add_attachment_bytes
from fieldnotes.services.report import export_report
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobStore, sha256_of

from .conftest import body_text, squash, write_mission

INTERNAL = ReportOptions(edition=Edition.INTERNAL)
EXTERNAL = ReportOptions(edition=Edition.EXTERNAL)


def picture(width: int, height: int, colour: tuple[int, int, int], kind: str = "PNG") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    image.paste((255, 255, 255), (0, 0, width // 3, height // 3))  # not one flat colour
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


@dataclass
class Attached:
    mission_id: str
    shown_everywhere: list[str]  # captions of pictures in both editions
    internal_only: list[str]  # captions of internal pictures (or of internal notes')
    document: str  # file name of the one non-picture


@pytest.fixture
def attached(db: Database) -> Attached:
    fx = write_mission(db)
    blobs = BlobStore.for_profile(db.data_dir)
    with db.session() as s:
        meetings = {
            m.title: m.id
            for m in s.scalars(select(Meeting).where(Meeting.mission_id == fx.mission_id))
        }
        secret_note = s.scalars(
            select(Note).where(Note.text == "Confidential remark about the hosts.")
        ).one()
        dcm = meetings["Meeting at the DCM"]

        def attach(data: bytes, name: str, caption: str, **where: object) -> None:
            add_attachment_bytes(s, blobs, fx.mission_id, data, name, caption=caption, **where)  # type: ignore[arg-type]

        attach(sideways_jpeg(160, 80), "IMG_0001.jpg", "Slide on work permits", meeting_id=dcm)
        attach(
            picture(120, 90, (0, 128, 0)), "handout.png", "Handout <b>& fees</b>", meeting_id=dcm
        )
        attach(
            picture(100, 100, (120, 0, 120)),
            "board.png",
            "Confidential whiteboard",
            meeting_id=meetings["Site visit: employment office"],
            internal=True,
        )
        attach(
            picture(90, 60, (0, 90, 160), "JPEG"),
            "remark.jpg",
            "Picture of an internal note",
            note_id=secret_note.id,
        )
        attach(
            b"%PDF-1.4 not really a PDF",
            "agenda.pdf",
            "The agenda",
            meeting_id=meetings["Round table with IOM"],
        )
    return Attached(
        fx.mission_id,
        ["Slide on work permits", "Handout <b>& fees</b>"],
        ["Confidential whiteboard", "Picture of an internal note"],
        "agenda.pdf",
    )


def images(path: Path) -> list[Image.Image]:
    return [image.image for page in pypdf.PdfReader(path).pages for image in page.images]


def test_internal_edition_shows_every_photo_with_its_caption(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    path = export_report(db, attached.mission_id, tmp_path / "r.pdf", INTERNAL).path
    found = images(path)
    assert len(found) == 4
    text = squash(body_text(path, first_page=3))
    annex = text[text.find(squash("Annex C Photos and attachments")) :]
    assert annex, "no photo annex"
    for number, caption in enumerate(attached.shown_everywhere + attached.internal_only, 1):
        assert squash(caption) in annex, caption
        assert squash(f"Photo {number}") in annex
    assert squash(attached.document) in annex
    # Each meeting section points at its photos in the annex.
    assert squash("Photos 1–3 in Annex C") in text  # the DCM's two and its note's one
    assert squash("Photo 4 in Annex C") in text
    assert squash(f"attached: {attached.document} (listed in Annex C)") in text


def test_external_edition_leaves_out_internal_photos(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    path = export_report(db, attached.mission_id, tmp_path / "r.pdf", EXTERNAL).path
    assert len(images(path)) == 2
    text = squash("".join(page.extract_text() for page in pypdf.PdfReader(path).pages))
    for caption in attached.shown_everywhere:
        assert squash(caption) in text, caption
    for caption in attached.internal_only:
        assert squash(caption) not in text, caption
    assert "remark.jpg" not in text and "board.png" not in text
    assert squash("Photos 1–2 in Annex C") in text


def test_photos_are_upright_and_carry_no_camera_metadata(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    path = export_report(db, attached.mission_id, tmp_path / "r.pdf", INTERNAL).path
    first = images(path)[0]
    # Stored 160 × 80 with EXIF "rotate 90°": printed portrait, the blue band on top.
    assert first.size == (80, 160)
    red, _green, blue = first.convert("RGB").getpixel((40, 5))  # type: ignore[misc]
    assert blue > 150 and red < 100
    for page in pypdf.PdfReader(path).pages:
        for image in page.images:
            assert b"Exif" not in image.data


def test_rebuild_with_photos_is_byte_identical(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    first = export_report(db, attached.mission_id, tmp_path / "a.pdf", INTERNAL)
    second = export_report(db, attached.mission_id, tmp_path / "b.pdf", INTERNAL)
    assert first.path.read_bytes() == second.path.read_bytes()
    data = sideways_jpeg()
    assert report_jpeg(data) == report_jpeg(data)


def test_missing_picture_file_is_listed_and_the_export_succeeds(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    board = BlobStore.for_profile(db.data_dir).path(sha256_of(picture(100, 100, (120, 0, 120))))
    board.unlink()
    path = export_report(db, attached.mission_id, tmp_path / "r.pdf", INTERNAL).path
    assert len(images(path)) == 3
    text = squash(body_text(path, first_page=3))
    assert squash("board.png file missing from this profile") in text


def test_no_annex_without_attachments_or_when_left_out(
    db: Database, attached: Attached, tmp_path: Path
) -> None:
    sections = frozenset(Section) - {Section.PHOTOS}
    options = ReportOptions(edition=Edition.INTERNAL, sections=sections)
    path = export_report(db, attached.mission_id, tmp_path / "r.pdf", options).path
    assert images(path) == []
    text = squash(body_text(path, first_page=3))
    assert squash("Annex C") not in text and squash("in Annex") not in text
