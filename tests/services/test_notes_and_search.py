"""Writing notes and finding them again."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.errors import ValidationError
from fieldnotes.model import Note
from fieldnotes.services import actions, counterparts, itinerary, missions, notes, search, team
from fieldnotes.store import Database


@pytest.fixture
def mission(user_db: Database) -> dict[str, str]:
    with user_db.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        dcm = counterparts.add_organisation(
            session, mission.id, name="Department for Citizenship and Migration", acronym="DCM"
        )
        meeting = itinerary.add_meeting(
            session,
            mission.id,
            title="Meeting at the DCM",
            date=dt.date(2026, 5, 12),
            organisation_ids=[dcm.id],
        )
        zoltan = team.add_member(session, mission.id, name="Zoltán Kovács", country="Hungary")
        return {"mission": mission.id, "meeting": meeting.id, "zoltan": zoltan.id}


def test_own_note_is_created_once_and_autosaved(user_db: Database, mission):
    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        again = notes.own_note(session, mission["mission"], mission["meeting"])
        assert note.id == again.id
        assert notes.save_note_text(session, note.id, "Quota: 5 000 work permits.")
        assert not notes.save_note_text(session, note.id, "Quota: 5 000 work permits.")
    with user_db.session() as session:
        stored = session.get(Note, note.id)
        assert stored.text == "Quota: 5 000 work permits."
        assert stored.version == {user_db.device_id: 2}


def test_notes_need_a_linked_member(db: Database):
    with db.session() as session:
        mission = missions.create_mission(session, title="No profile yet")
    with pytest.raises(ValidationError, match="Choose which team member"), db.session() as s:
        notes.own_note(s, mission.id, None)


def test_notes_by_others_and_mission_level_notes(user_db: Database, mission):
    with user_db.session() as session:
        notes.create_note(
            session,
            mission["mission"],
            meeting_id=mission["meeting"],
            author_id=mission["zoltan"],
            text="Readmission agreement in force.",
        )
        notes.own_note(session, mission["mission"], None)
        on_meeting = notes.notes_for_meeting(session, mission["meeting"])
        feedback = notes.mission_notes(session, mission["mission"])
    assert [n.author_id for n in on_meeting] == [mission["zoltan"]]
    assert len(feedback) == 1 and feedback[0].meeting_id is None


def test_topics_are_shared_by_name(user_db: Database, mission):
    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        notes.set_note_topics(session, note.id, ["Work permits", " work  PERMITS", "Readmission"])
        assert len(note.topic_ids) == 2


def test_search_folds_case_and_diacritics_and_scripts(user_db: Database, mission):
    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        notes.save_note_text(session, note.id, "Zoltán Kovács met Алена Ковалёва about quotas.")
    with user_db.session() as session:
        for query in ("zoltan", "ZOLT", "ковалёва", "Алена", "quota"):
            hits = search.search(session, query)
            assert [h.record_id for h in hits if h.kind == "note"] == [note.id], query
        hit = search.search(session, "zoltan")[0]
        assert ("Zoltán", True) in hit.snippet_parts()
        assert hit.title == "Meeting at the DCM · Anna Virtanen"


def test_search_covers_meetings_organisations_and_contacts(user_db: Database, mission):
    with user_db.session() as session:
        counterparts.add_contact(
            session, mission["mission"], name="Ivan Petrov", position="Head of unit"
        )
        kinds = {h.kind for h in search.search(session, "DCM")}
        assert kinds == {"meeting", "organisation"}
        assert [h.kind for h in search.search(session, "petrov")] == ["contact"]


def test_search_operators_are_plain_text_and_deleted_records_vanish(user_db: Database, mission):
    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        notes.save_note_text(session, note.id, 'He said "NEAR" AND (maybe) * OR not')
        assert search.search(session, 'NEAR" AND ( * OR') != []
        assert search.search(session, "  ***  ") == []
        notes.delete_note(session, note.id)
    with user_db.session() as session:
        assert [h for h in search.search(session, "maybe") if h.kind == "note"] == []


def test_search_edits_are_reindexed(user_db: Database, mission):
    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        notes.save_note_text(session, note.id, "pension portability")
        notes.save_note_text(session, note.id, "counter-trafficking")
    with user_db.session() as session:
        assert search.search(session, "pension") == []
        assert [h.record_id for h in search.search(session, "trafficking")] == [note.id]


def test_actions_are_sorted_by_due_date(user_db: Database, mission):
    with user_db.session() as session:
        actions.add_action(session, mission["mission"], text="Later", due_date=dt.date(2026, 7, 1))
        actions.add_action(session, mission["mission"], text="Undated")
        actions.add_action(
            session,
            mission["mission"],
            text="Soon",
            due_date=dt.date(2026, 6, 1),
            meeting_id=mission["meeting"],
            owner_member_id=mission["zoltan"],
        )
        assert [a.text for a in actions.list_actions(session, mission["mission"])] == [
            "Soon",
            "Later",
            "Undated",
        ]
        assert [
            a.text
            for a in actions.list_actions(
                session, mission["mission"], meeting_id=mission["meeting"]
            )
        ] == ["Soon"]
        with pytest.raises(ValidationError, match="needs a description"):
            actions.add_action(session, mission["mission"], text="  ")


def test_typing_over_a_merged_change_keeps_the_replaced_text_as_a_conflict(user_db, mission):
    """An import merges a teammate's edit while the user types: neither text is lost."""
    from fieldnotes.services.conflicts import list_conflicts

    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        base = notes.save_note_draft(session, note.id, "Quota: 5 000.", None)
    with user_db.session() as session:  # what a merge of a teammate's edit leaves behind
        stored = session.get(Note, note.id)
        stored.text = "Quota: 5 000. Lead: check the 2025 figure."
        stored.version = {**stored.version, "teammate-device": 1}
    with user_db.session() as session:
        after = notes.save_note_draft(session, note.id, "Quota: 5 000 permits.", base)
        assert after[user_db.device_id] == base[user_db.device_id] + 1
        conflicts = list_conflicts(session, mission["mission"])
    assert [(c.current, c.other) for c in conflicts] == [
        ("Quota: 5 000 permits.", "Quota: 5 000. Lead: check the 2025 figure.")
    ]


def test_typing_on_the_version_read_records_no_conflict(user_db, mission):
    from fieldnotes.services.conflicts import list_conflicts

    with user_db.session() as session:
        note = notes.own_note(session, mission["mission"], mission["meeting"])
        base = notes.save_note_draft(session, note.id, "First line.", None)
        base = notes.save_note_draft(session, note.id, "First line. Second.", base)
        assert list_conflicts(session, mission["mission"]) == []


def test_search_finds_the_few_live_hits_behind_many_better_ones(user_db, mission):
    """Hits of other missions or deleted notes must not crowd out the ones asked for."""
    with user_db.session() as session:
        other = missions.create_mission(session, title="Georgia", timezone="Asia/Tbilisi")
        for _ in range(40):  # short notes rank best for "quota"
            note = notes.create_note(session, other.id)
            notes.save_note_text(session, note.id, "quota quota")
        for index in range(30):
            note = notes.create_note(session, mission["mission"], meeting_id=mission["meeting"])
            notes.save_note_text(session, note.id, f"quota {index}")
            if index >= 2:
                notes.delete_note(session, note.id)
        lone = notes.create_note(session, mission["mission"])
        notes.save_note_text(session, lone.id, "A long note that mentions the quota only once.")
    with user_db.session() as session:
        hits = search.search(session, "quota", mission_id=mission["mission"])
        everywhere = search.search(session, "quota", limit=100)
    assert sorted(h.plain_snippet for h in hits) == [
        "A long note that mentions the quota only once.",
        "quota 0",
        "quota 1",
    ]
    assert len([h for h in everywhere if h.mission_id == other.id]) == 40
