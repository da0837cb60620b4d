"""The record codec: every column to a JSON value and back, unchanged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fieldnotes.model import Action, ActionStatus, Meeting, MeetingKind, Mission, new_id
from fieldnotes.store.record_codec import content_document, from_document, to_document


def test_meeting_round_trips_through_json():
    meeting = Meeting(
        id=new_id(),
        mission_id=new_id(),
        date=dt.date(2026, 5, 12),
        start_time=dt.time(9, 30),
        end_time=None,
        title="Встреча с ДГМ",
        kind=MeetingKind.SITE_VISIT,
        venue="Minsk",
        agenda="",
        status="held",
        organisation_ids=[new_id()],
        contact_ids=[],
        member_ids=[],
        created_at=dt.datetime(2026, 5, 1, 7, tzinfo=dt.UTC),
        updated_at=dt.datetime(2026, 5, 2, 7, tzinfo=dt.UTC),
        updated_by=None,
        deleted=False,
        version={"b": 2, "a": 1},
    )
    document = json.loads(json.dumps(to_document(meeting)))
    assert document["date"] == "2026-05-12"
    assert document["start_time"] == "09:30"
    assert document["kind"] == "site_visit"
    assert document["created_at"] == "2026-05-01T07:00:00.000000Z"
    values = from_document(Meeting, document)
    assert values["date"] == meeting.date
    assert values["start_time"] == meeting.start_time
    assert values["kind"] is MeetingKind.SITE_VISIT
    assert values["created_at"] == meeting.created_at
    assert values["organisation_ids"] == meeting.organisation_ids


def test_content_document_leaves_bookkeeping_out():
    action = Action(
        id=new_id(),
        mission_id=new_id(),
        text="Send the statistics",
        status=ActionStatus.OPEN,
        version={"a": 3},
        deleted=False,
    )
    content = content_document(action)
    assert "version" not in content and "id" not in content
    assert content["text"] == "Send the statistics"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_date", "12/05/2026", "start_date"),
        ("status", "finished", "status"),
        ("title", 42, "title: expected text"),
    ],
)
def test_bad_values_name_the_field(field, value, message):
    with pytest.raises(ValueError, match=message):
        from_document(Mission, {field: value})
