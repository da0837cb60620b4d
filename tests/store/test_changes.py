"""Every local change bumps this device's counter and leaves a bounded history."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from fieldnotes.model import Mission, Revision
from fieldnotes.store import Database
from fieldnotes.store.changes import HISTORY_LIMIT, create_record, delete_record, update_record


def _mission(db: Database) -> str:
    with db.session() as session:
        return create_record(session, Mission(title="Mission to Minsk")).id


def test_a_new_record_has_version_one_and_one_revision(db: Database):
    mission_id = _mission(db)
    with db.session() as session:
        mission = session.get(Mission, mission_id)
        assert mission.version == {db.device_id: 1}
        assert mission.created_at.tzinfo is not None
        revisions = list(session.scalars(select(Revision).where(Revision.record_id == mission_id)))
    assert len(revisions) == 1
    assert json.loads(revisions[0].content)["title"] == "Mission to Minsk"


def test_an_edit_bumps_only_this_devices_counter(db: Database):
    mission_id = _mission(db)
    with db.session() as session:
        mission = session.get(Mission, mission_id)
        mission.version = {"other-device": 4, db.device_id: 1}
    with db.session() as session:
        mission = session.get(Mission, mission_id)
        assert update_record(session, mission, {"city": "Minsk"})
    with db.session() as session:
        assert session.get(Mission, mission_id).version == {"other-device": 4, db.device_id: 2}


def test_setting_the_same_values_is_not_a_change(db: Database):
    mission_id = _mission(db)
    with db.session() as session:
        mission = session.get(Mission, mission_id)
        assert not update_record(session, mission, {"title": "Mission to Minsk"})
        assert mission.version == {db.device_id: 1}


def test_history_is_bounded(db: Database):
    mission_id = _mission(db)
    for day in range(1, HISTORY_LIMIT + 10):
        with db.session() as session:
            mission = session.get(Mission, mission_id)
            update_record(session, mission, {"start_date": dt.date(2026, 1, 1) + dt.timedelta(day)})
    with db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(Revision).where(Revision.record_id == mission_id)
        )
        newest = session.scalars(
            select(Revision).where(Revision.record_id == mission_id).order_by(Revision.id.desc())
        ).first()
        mission = session.get(Mission, mission_id)
    assert count == HISTORY_LIMIT
    assert newest.version == mission.version


def test_delete_leaves_a_tombstone_that_is_a_change(db: Database):
    mission_id = _mission(db)
    with db.session() as session:
        delete_record(session, session.get(Mission, mission_id))
    with db.session() as session:
        mission = session.get(Mission, mission_id)
        assert mission.deleted
        assert mission.version == {db.device_id: 2}
