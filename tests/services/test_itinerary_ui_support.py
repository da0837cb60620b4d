"""Itinerary services added for the window: zone names, the next free day, marking who was met."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.errors import NotFoundError
from fieldnotes.services.counterparts import add_contact, add_organisation
from fieldnotes.services.itinerary import (
    add_meeting,
    get_meeting,
    mark_met,
    next_free_day,
    zone_name,
)
from fieldnotes.services.missions import create_mission


@pytest.mark.parametrize(
    ("zone", "name"),
    [
        ("Europe/Minsk", "Minsk time"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time"),
        ("UTC", "UTC"),
        ("Etc/GMT+3", "GMT+3"),
    ],
)
def test_zone_name(zone, name):
    assert zone_name(zone) == name


def test_next_free_day(db):
    with db.session() as s:
        mission = create_mission(
            s, title="M", start_date=dt.date(2026, 5, 12), end_date=dt.date(2026, 5, 13), lead=False
        )
        assert next_free_day(s, mission.id) == dt.date(2026, 5, 12)
        add_meeting(s, mission.id, title="A", date=dt.date(2026, 5, 12))
        assert next_free_day(s, mission.id) == dt.date(2026, 5, 13)
        add_meeting(s, mission.id, title="B", date=dt.date(2026, 5, 13))
        assert next_free_day(s, mission.id) == dt.date(2026, 5, 13)  # all taken: the last day
        undated = create_mission(s, title="U", lead=False)
        assert next_free_day(s, undated.id, today=dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
        add_meeting(s, undated.id, title="C", date=dt.date(2026, 3, 1))
        assert next_free_day(s, undated.id) == dt.date(2026, 3, 2)


def test_mark_met(db):
    with db.session() as s:
        mission = create_mission(s, title="M", lead=False)
        dcm = add_organisation(s, mission.id, name="DCM")
        iom = add_organisation(s, mission.id, name="IOM")
        head = add_contact(s, mission.id, name="Head", organisation_id=dcm.id)
        meeting = add_meeting(s, mission.id, title="A", date=dt.date(2026, 5, 12))
        mark_met(s, meeting.id, contact_id=head.id)
        mark_met(s, meeting.id, organisation_id=iom.id)
        mark_met(s, meeting.id, contact_id=head.id)  # twice: still once
        meeting = get_meeting(s, meeting.id)
        assert meeting.contact_ids == [head.id]
        assert meeting.organisation_ids == [dcm.id, iom.id]
        with pytest.raises(NotFoundError):
            mark_met(s, meeting.id, contact_id="nobody")
