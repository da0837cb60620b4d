"""Attachments travel in packages: bytes verified on the way, records merged like any other."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from exchange_team import Team, content_snapshot, export
from sqlalchemy import select

from attachment_pictures import png, sideways_jpeg
from fieldnotes.model import Attachment
from fieldnotes.paths import attachments_dir
from fieldnotes.services import attachments, packages
from fieldnotes.store import Database
from fieldnotes.store.blobs import BlobError, BlobStore


def blobs_of(database: Database) -> BlobStore:
    return BlobStore.for_profile(database.path.parent)


def _attachment_documents(database: Database) -> dict[str, object]:
    return {k: v for k, v in content_snapshot(database).items() if k.startswith("attachments/")}


def test_photos_round_trip_between_two_profiles_with_bytes_verified(team: Team, tmp_path: Path):
    ids, expert = team.ids, team.experts[0]
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(sideways_jpeg(640, 480) + b"unique tail")
    scan = png(300, 200)
    with expert.session() as session:
        first = attachments.add_attachment_file(
            session,
            blobs_of(expert),
            ids.mission,
            photo,
            meeting_id=ids.meetings[0],
            caption="Slide 3: work permits",
        )
        second = attachments.add_attachment_bytes(
            session,
            blobs_of(expert),
            ids.mission,
            scan,
            "handout.png",
            meeting_id=ids.meetings[1],
            internal=True,
        )
        removed = attachments.add_attachment_bytes(
            session,
            blobs_of(expert),
            ids.mission,
            png(10, 10, (1, 2, 3)),
            "blurred.png",
            meeting_id=ids.meetings[1],
        )
        attachments.delete_attachment(session, removed.id)
        first_id, second_id, removed_id = first.id, second.id, removed.id
        removed_sha = removed.sha256
    path = export(expert, ids.mission, team.root, "with-photos")
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("attachments/"))
    # Live attachments only: a removed one travels as a tombstone, without its bytes.
    assert names == sorted(f"attachments/{s}" for s in {first.sha256, second.sha256})

    result = packages.import_package(team.lead, path)
    assert result.summary.added == 2  # the tombstone is not counted as an addition
    lead_blobs = blobs_of(team.lead)
    assert lead_blobs.read(first.sha256) == photo.read_bytes()
    assert lead_blobs.read(second.sha256) == scan
    assert not lead_blobs.has(removed_sha)
    assert _attachment_documents(team.lead) == _attachment_documents(expert)
    with team.lead.session() as session:
        kept = session.get(Attachment, removed_id)
        assert kept is not None and kept.deleted
        listed = attachments.list_attachments(session, ids.mission, everything=True)
        assert {a.id for a in listed} == {first_id, second_id}

    # The lead captions the handout; another expert, who never had the files, gets both.
    with team.lead.session() as session:
        attachments.update_attachment(session, second_id, caption="Handout of the DCM")
    back = export(team.lead, ids.mission, team.root, "lead")
    packages.import_package(team.experts[1], back)
    packages.import_package(expert, back)
    assert blobs_of(team.experts[1]).read(first.sha256) == photo.read_bytes()
    assert blobs_of(team.experts[1]).read(second.sha256) == scan
    with expert.session() as session:
        assert session.get(Attachment, second_id).caption == "Handout of the DCM"
    assert _attachment_documents(expert) == _attachment_documents(team.experts[1])
    # No temporary files are left in any blob store.
    for database in (team.lead, team.experts[1]):
        assert all(
            not p.name.startswith(".") for p in attachments_dir(database.path.parent).iterdir()
        )


def test_importing_again_after_a_lost_blob_brings_it_back(team: Team):
    ids, expert = team.ids, team.experts[0]
    data = png(50, 40, (9, 9, 9))
    with expert.session() as session:
        sha = attachments.add_attachment_bytes(
            session, blobs_of(expert), ids.mission, data, "board.png", meeting_id=ids.meetings[0]
        ).sha256
    path = export(expert, ids.mission, team.root, "e0")
    packages.import_package(team.lead, path)
    blobs_of(team.lead).path(sha).unlink()
    # A re-export (new bytes, same records) is merged for real and fills the gap.
    again = export(expert, ids.mission, team.root, "e0-again")
    assert (
        hashlib.sha256(again.read_bytes()).hexdigest()
        != hashlib.sha256(path.read_bytes()).hexdigest()
    )
    result = packages.import_package(team.lead, again)
    assert not result.summary.changed
    assert blobs_of(team.lead).read(sha) == data


def test_an_export_refuses_a_damaged_blob(team: Team):
    ids, expert = team.ids, team.experts[0]
    with expert.session() as session:
        sha = attachments.add_attachment_bytes(
            session, blobs_of(expert), ids.mission, png(), "x.png", meeting_id=ids.meetings[0]
        ).sha256
    blobs_of(expert).path(sha).write_bytes(b"not the picture any more")
    target = team.root / "damaged.fieldnotes"
    with pytest.raises(BlobError, match="damaged"):
        export(expert, ids.mission, team.root, "damaged")
    assert not target.exists()
    assert not [p for p in team.root.iterdir() if p.name.startswith(".damaged")]
    with expert.session() as session:
        assert session.scalars(select(Attachment)).all()
