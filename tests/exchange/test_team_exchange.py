"""End to end: the lead prepares, three experts write offline, the lead merges everything."""

from __future__ import annotations

import re
import shutil

from exchange_team import Team, content_snapshot, export
from sqlalchemy import select

from fieldnotes.model import Note
from fieldnotes.paths import database_path
from fieldnotes.services import notes, packages
from fieldnotes.services.conflicts import (
    Choice,
    list_conflicts,
    resolve_conflict,
    suggest_merged_text,
)
from fieldnotes.store import Database


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_lead_ends_with_every_word_anyone_wrote(team: Team):
    ids = team.ids
    written: list[str] = []

    def write(database, **kwargs) -> str:
        with database.session() as session:
            note = notes.create_note(session, ids.mission, **kwargs)
            written.append(note.text)
            return note.id

    def edit(database, note_id: str, text: str) -> None:
        with database.session() as session:
            notes.save_note_text(session, note_id, text)
        written.append(text)

    e0, e1, e2 = team.experts
    # Two experts on the same meeting, one on the mission as a whole (feedback).
    write(e0, meeting_id=ids.meetings[0], text="Quota for work permits rises to 12000.\n")
    write(e1, meeting_id=ids.meetings[0], text="Recruitment agencies need a licence since 2024.\n")
    write(e2, text="Assessment: strong counterpart engagement; readmission data gaps.\n")
    # One expert edits the lead's note while the lead edits it too (same line: a conflict),
    # and another expert adds a line elsewhere in it (merges cleanly).
    edit(
        e1,
        ids.lead_note,
        "Agenda agreed with the Deputy Head.\nParticipants: DCM and MFA.\nNext steps to follow.\n",
    )
    edit(
        e2,
        ids.lead_note,
        "Agenda agreed.\nParticipants: DCM and MFA.\nNext steps to follow.\nUNHCR joined late.\n",
    )
    edit(
        team.lead,
        ids.lead_note,
        "Agenda agreed after a long debate.\nParticipants: DCM and MFA.\nNext steps to follow.\n",
    )

    folder = team.root / "mail"
    folder.mkdir()
    sent = [export(e, ids.mission, folder, f"expert{i}") for i, e in enumerate(team.experts)]
    results = [packages.import_package(team.lead, path) for path in sent]
    assert sum(r.summary.added for r in results) == 3
    assert sum(r.summary.conflicts for r in results) >= 1

    with team.lead.session() as session:
        open_conflicts = list_conflicts(session, ids.mission)
        assert open_conflicts, "the concurrent edits of one line must be a recorded conflict"
        while open_conflicts:
            # One at a time: each resolution changes the "current" side of the next one.
            view = open_conflicts[0]
            if view.is_text:
                merged = suggest_merged_text(view.current, view.other)
                resolve_conflict(session, view.id, Choice.EDITED, merged)
            else:
                resolve_conflict(session, view.id, Choice.KEEP_CURRENT)
            open_conflicts = list_conflicts(session, ids.mission)
        assert list_conflicts(session, ids.mission) == []
        texts = " ".join(
            n.text for n in session.scalars(select(Note).where(Note.deleted.is_(False)))
        )
    missing = set().union(*(_words(t) for t in written)) - _words(texts)
    assert not missing, f"words lost in the merge: {sorted(missing)}"

    # The lead's merged result travels back: every expert converges on the same content.
    final = export(team.lead, ids.mission, folder, "lead")
    for expert in team.experts:
        packages.import_package(expert, final)
    lead_view = content_snapshot(team.lead)
    for expert in team.experts:
        expert_view = content_snapshot(expert)
        shared = {k: v for k, v in expert_view.items() if k in lead_view}
        assert shared == {k: lead_view[k] for k in shared}
        with expert.session() as session:
            assert list_conflicts(session, ids.mission) == []


def test_importing_the_same_package_twice_changes_nothing(team: Team):
    with team.experts[0].session() as session:
        notes.create_note(session, team.ids.mission, text="Pension portability is unresolved.\n")
    path = export(team.experts[0], team.ids.mission, team.root, "e0")
    first = packages.import_package(team.lead, path)
    assert first.summary.added == 1 and first.backup is not None
    before = content_snapshot(team.lead)
    again = packages.import_package(team.lead, path)
    assert not again.summary.changed and again.backup is None
    assert again.summary.unchanged == first.summary.added + first.summary.unchanged
    assert content_snapshot(team.lead) == before
    # Not only skipped as the same bytes: merging the content again changes nothing either.
    merged = packages.import_content(team.lead, packages.read_package(path))
    assert not merged.summary.changed and merged.backup is None
    assert content_snapshot(team.lead) == before


def test_a_restored_profile_imports_a_package_again(team: Team):
    """The record of imported packages is in the database: a restore forgets it too."""
    with team.experts[0].session() as session:
        notes.create_note(session, team.ids.mission, text="Quota figures for 2026.\n")
    path = export(team.experts[0], team.ids.mission, team.root, "e0")
    team.lead.close()
    saved = team.root / "lead-before.sqlite3"
    shutil.copy2(database_path(team.root / "lead"), saved)
    team.lead = Database.open(team.root / "lead")
    assert packages.import_package(team.lead, path).summary.added == 1
    team.lead.close()
    shutil.copy2(saved, database_path(team.root / "lead"))  # "restore" the older state
    team.lead = Database.open(team.root / "lead")
    assert packages.import_package(team.lead, path).summary.added == 1


def test_deletion_travels_and_edit_beats_concurrent_delete(team: Team):
    ids = team.ids
    with team.lead.session() as session:
        notes.delete_note(session, ids.lead_note)
    path = export(team.lead, ids.mission, team.root, "lead")
    result = packages.import_package(team.experts[0], path)
    assert result.summary.deleted == 1
    with team.experts[0].session() as session:
        assert session.get(Note, ids.lead_note).deleted
    # Expert 1 edited the note offline while the lead deleted it: the note stays, with a conflict.
    with team.experts[1].session() as session:
        notes.save_note_text(session, ids.lead_note, "Agenda agreed.\nMinutes by IOM.\n")
    packages.import_package(team.experts[1], path)
    with team.experts[1].session() as session:
        assert not session.get(Note, ids.lead_note).deleted
        views = list_conflicts(session, ids.mission)
    assert [(v.field, v.kind) for v in views] == [("deleted", "delete_edit")]
