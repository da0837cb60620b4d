"""Fixtures for the form and panel tests: a prepared mission in a real profile database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from fieldnotes.services.counterparts import add_contact, add_organisation
from fieldnotes.services.itinerary import add_meeting
from fieldnotes.services.missions import create_mission
from fieldnotes.services.team import add_member, list_members
from fieldnotes.store import Database


@dataclass
class Prepared:
    """Ids of the records of the prepared mission."""

    mission: str
    lead: str
    expert: str
    dcm: str
    iom: str
    head: str  # a person at the DCM
    interpreter: str  # an internal contact, no organisation
    meeting: str


@pytest.fixture
def prepared(user_db: Database) -> Prepared:
    with user_db.session() as s:
        mission = create_mission(
            s,
            title="Expert mission to Belarus",
            programme="Prague Process",
            host_country="Belarus",
            city="Minsk",
            start_date=dt.date(2026, 5, 12),
            end_date=dt.date(2026, 5, 14),
            timezone="Europe/Minsk",
        )
        lead = list_members(s, mission.id)[0]
        expert = add_member(s, mission.id, name="Zoltan Kovacs", country="Hungary")
        dcm = add_organisation(
            s, mission.id, name="Department for Citizenship and Migration", acronym="DCM"
        )
        iom = add_organisation(
            s,
            mission.id,
            name="International Organization for Migration",
            acronym="IOM",
            kind="international_organisation",
        )
        head = add_contact(
            s, mission.id, name="Aliaksei Begun", position="Head", organisation_id=dcm.id
        )
        interpreter = add_contact(s, mission.id, name="Interpreter Olga", internal=True)
        meeting = add_meeting(
            s,
            mission.id,
            title="Meeting at the DCM",
            date=dt.date(2026, 5, 12),
            start_time=dt.time(9, 0),
            end_time=dt.time(10, 30),
            organisation_ids=[dcm.id],
            contact_ids=[head.id],
            member_ids=[lead.id],
        )
        return Prepared(
            mission.id, lead.id, expert.id, dcm.id, iom.id, head.id, interpreter.id, meeting.id
        )


@dataclass
class Confirmations:
    """Stands in for the deletion question: records what was asked, answers ``answer``."""

    answer: bool = True
    asked: list[str] | None = None

    def __call__(self, parent: object, what: str, detail: str = "") -> bool:
        if self.asked is None:
            self.asked = []
        self.asked.append(what)
        return self.answer


@pytest.fixture
def confirm() -> Confirmations:
    return Confirmations()


@pytest.fixture
def read(user_db: Database) -> Callable[..., object]:
    """Run ``function(session, *args)`` in a fresh unit of work and return its result."""

    def run(function: Callable[..., object], *args: object, **kwargs: object) -> object:
        with user_db.session() as session:
            return function(session, *args, **kwargs)

    return run


@pytest.fixture
def unnamed_inputs() -> Callable[[object], list[str]]:
    return _unnamed_inputs


def _unnamed_inputs(widget: object) -> list[str]:
    """Inputs inside ``widget`` without an accessible name (parts of compound widgets aside)."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QCalendarWidget,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QCheckBox)
    compound = (QComboBox, QAbstractSpinBox, QCalendarWidget, QAbstractItemView)
    unnamed = []
    for child in widget.findChildren(QWidget):  # type: ignore[attr-defined]
        if not isinstance(child, kinds):
            continue
        parent, inside = child.parent(), False
        while parent is not None and parent is not widget:
            inside = inside or isinstance(parent, compound)
            parent = parent.parent()
        if not inside and not child.accessibleName():
            unnamed.append(f"{type(child).__name__} {child.objectName()}")
    return unnamed
