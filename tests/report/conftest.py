"""A small mission written through the services, and helpers to read a report PDF back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest

from fieldnotes.model import ActionStatus, MeetingKind, MeetingStatus, MemberRole, OrganisationKind
from fieldnotes.services.actions import add_action
from fieldnotes.services.counterparts import add_contact, add_organisation
from fieldnotes.services.itinerary import add_meeting
from fieldnotes.services.missions import create_mission, update_mission
from fieldnotes.services.notes import create_note
from fieldnotes.services.team import add_member
from fieldnotes.services.topics import ensure_topic
from fieldnotes.store import Database

# Names from every script the report must render (Prague Process states).
LEAD = "Zoltán Kőműves"  # Hungarian ő ű
EXPERT_RO = "Ionuț Ștefănescu-Roșu"  # Romanian ș ț
EXPERT_AZ = "Aysel Məmmədova Doğan Işık"  # Azerbaijani ə, Turkish ğ ı
CONTACT_RU = "Дмитрий Шиманский"
CONTACT_KA = "ნინო ბერიძე"
CONTACT_HY = "Արամ Պետրոսյան"
SECRET_CONTACT = "Secretive Person"


@dataclass
class MissionFixture:
    mission_id: str
    title: str
    members: dict[str, str] = field(default_factory=dict)  # name -> id
    held_titles: list[str] = field(default_factory=list)
    cancelled_title: str = ""
    # (meeting title or None, author name, text, internal, key finding)
    notes: list[tuple[str | None, str, str, bool, bool]] = field(default_factory=list)
    internal_texts: list[str] = field(default_factory=list)
    private_details: list[str] = field(default_factory=list)  # e-mails and phones


def write_mission(db: Database, *, extra_note: str | None = None) -> MissionFixture:
    with db.session() as s:
        mission = create_mission(
            s,
            lead=False,
            title="Expert mission to Belarus",
            programme="Prague Process",
            components=["Objective 2 — Knowledge Base"],
            host_country="Belarus",
            city="Minsk",
            start_date=dt.date(2026, 5, 12),
            end_date=dt.date(2026, 5, 14),
            timezone="Europe/Minsk",
            objectives="1. Map the **legal framework**\n2. Identify gaps",
        )
        fx = MissionFixture(mission.id, mission.title)
        for name, country, role in (
            (LEAD, "Hungary", MemberRole.TEAM_LEAD),
            (EXPERT_RO, "Romania", MemberRole.EXPERT),
            (EXPERT_AZ, "Azerbaijan", MemberRole.EXPERT),
        ):
            fx.members[name] = add_member(
                s, mission.id, name=name, country=country, institution="Ministry", role=role
            ).id
        dcm = add_organisation(
            s,
            mission.id,
            name="Department for Citizenship and Migration",
            acronym="DCM",
            kind=OrganisationKind.MINISTRY,
            country="Belarus",
        ).id
        iom = add_organisation(
            s,
            mission.id,
            name="International Organization for Migration",
            acronym="IOM",
            kind=OrganisationKind.INTERNATIONAL,
        ).id
        contacts = [
            add_contact(
                s,
                mission.id,
                organisation_id=dcm,
                name=CONTACT_RU,
                position="Head",
                email="d.shimansky@example.by",
                phone="+375 17 555 01 10",
            ).id,
            add_contact(
                s,
                mission.id,
                organisation_id=iom,
                name=CONTACT_KA,
                position="Officer",
                email="nino@example.ge",
            ).id,
            add_contact(
                s,
                mission.id,
                organisation_id=iom,
                name=CONTACT_HY,
                position="Adviser",
                phone="+374 10 555 123",
            ).id,
            add_contact(
                s,
                mission.id,
                organisation_id=dcm,
                name=SECRET_CONTACT,
                position="Informant",
                internal=True,
            ).id,
        ]
        fx.private_details = [
            "d.shimansky@example.by",
            "+375 17 555 01 10",
            "nino@example.ge",
            "+374 10 555 123",
        ]
        fx.internal_texts.append(SECRET_CONTACT)
        labour = ensure_topic(s, "Labour migration").id
        permits = ensure_topic(s, "Work permits").id

        meetings = []
        for day, hour, title, status in (
            (12, 9, "Meeting at the DCM", MeetingStatus.HELD),
            (12, 14, "Site visit: employment office", MeetingStatus.HELD),
            (13, 10, "Round table with IOM", MeetingStatus.HELD),
            (13, 15, "Visit to a recruitment agency", MeetingStatus.CANCELLED),
        ):
            meeting = add_meeting(
                s,
                mission.id,
                date=dt.date(2026, 5, day),
                start_time=dt.time(hour),
                end_time=dt.time(hour + 1, 30),
                title=title,
                kind=MeetingKind.MEETING,
                venue="Minsk",
                status=status,
                organisation_ids=[dcm, iom],
                contact_ids=contacts,
                member_ids=list(fx.members.values()),
            )
            meetings.append(meeting.id)
            if status is MeetingStatus.CANCELLED:
                fx.cancelled_title = title
            else:
                fx.held_titles.append(title)

        def note(
            meeting_index: int | None,
            author: str,
            text: str,
            *,
            internal: bool = False,
            key: bool = False,
            topics: tuple[str, ...] = (),
        ) -> None:
            create_note(
                s,
                mission.id,
                meeting_id=None if meeting_index is None else meetings[meeting_index],
                author_id=fx.members[author],
                text=text,
                internal=internal,
                key_finding=key,
                topic_ids=list(topics),
            )
            title = None if meeting_index is None else fx.held_titles[meeting_index]
            fx.notes.append((title, author, text, internal, key))
            if internal:
                fx.internal_texts.append(text)

        note(0, LEAD, "The DCM explained the **work permit** procedure.\n\n- quota\n- fees")
        note(
            0,
            EXPERT_RO,
            "Recruiters need a *licence* from the DCM.",
            key=True,
            topics=(labour, permits),
        )
        note(0, EXPERT_AZ, "Confidential remark about the hosts.", internal=True)
        note(1, EXPERT_RO, "The employment office keeps a vacancy database.")
        note(
            1,
            LEAD,
            "Job seekers register online; about 40 requests a week.",
            key=True,
            topics=(labour,),
        )
        note(2, EXPERT_AZ, "IOM runs information sessions in five regions.")
        if extra_note is not None:
            note(2, LEAD, extra_note)
        note(None, LEAD, "My overall assessment: a **useful** mission.")
        note(None, EXPERT_RO, "Feedback from Romania: strong interest in licensing.", key=True)
        note(None, EXPERT_AZ, "Internal feedback on logistics.", internal=True)

        add_action(
            s,
            mission.id,
            text="Send the legal texts to the team",
            meeting_id=meetings[0],
            owner_organisation_id=dcm,
            due_date=dt.date(2026, 6, 1),
        )
        add_action(
            s,
            mission.id,
            text="Check the interpreter invoice",
            meeting_id=meetings[0],
            owner_member_id=fx.members[LEAD],
            internal=True,
            status=ActionStatus.IN_PROGRESS,
        )
        fx.internal_texts.append("Check the interpreter invoice")
        update_mission(
            s,
            mission.id,
            conclusions="The framework is **sound**.",
            recommendations="- Publish the list of licensed agencies",
        )
    return fx


@pytest.fixture
def mission(db: Database) -> MissionFixture:
    return write_mission(db)


# -- reading a PDF back ----------------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace-insensitive form: line wrapping and spacing do not matter."""
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def body_text(path: Path, first_page: int = 1) -> str:
    """The text of the pages from ``first_page`` (1-based) on, without the running header and
    footer, in reading order."""
    from fieldnotes.report.document import TOP_MARGIN
    from fieldnotes.report.styles import MARGIN

    parts: list[str] = []
    for page in pypdf.PdfReader(path).pages[first_page - 1 :]:
        height = float(page.mediabox.height)

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, height: float = height
        ) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if MARGIN - 2 <= y <= height - TOP_MARGIN + 2 or (text == "\n" and parts):
                parts.append(text)

        page.extract_text(visitor_text=visit)
        parts.append("\n")
    return "".join(parts)
