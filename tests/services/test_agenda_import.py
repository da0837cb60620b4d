"""Agenda import from CSV, XLSX and iCalendar files made here: host-local times, duplicates,
organisations, Cyrillic titles, and bad files refused with nothing written.

The mission is in Minsk (UTC+3 all year). An event at 06:00 UTC and one at 08:00 in Berlin
(UTC+2 in May) both belong at 09:00 Minsk time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from fieldnotes.errors import AgendaError
from fieldnotes.model import Meeting, MeetingKind, Organisation
from fieldnotes.paths import backup_dir
from fieldnotes.services import counterparts, itinerary, missions
from fieldnotes.services.agenda_import import (
    ImportOptions,
    import_agenda,
    parse_date,
    parse_kind,
    parse_time,
    preview_agenda,
)
from fieldnotes.store import Database

T = dt.time


@dataclass
class Mission:
    id: str
    dcm: str
    iom: str


@pytest.fixture
def mission(user_db: Database) -> Mission:
    with user_db.session() as session:
        mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
        dcm = counterparts.add_organisation(
            session, mission.id, name="Department for Citizenship and Migration", acronym="DCM"
        )
        iom = counterparts.add_organisation(
            session, mission.id, name="International Organization for Migration", acronym="IOM"
        )
        itinerary.add_meeting(
            session,
            mission.id,
            title="Meeting at the DCM",
            date=dt.date(2026, 5, 12),
            start_time=T(9, 0),
            organisation_ids=[dcm.id],
        )
        return Mission(mission.id, dcm.id, iom.id)


def meetings(database: Database, mission_id: str) -> dict[str, Meeting]:
    with database.session() as session:
        return {m.title: m for m in itinerary.list_meetings(session, mission_id)}


def organisation_names(database: Database, mission_id: str) -> set[str]:
    with database.session() as session:
        return {o.name for o in counterparts.list_organisations(session, mission_id)}


def run_import(database: Database, mission: Mission, path: Path, **options):
    source, preview = preview_agenda(database, mission.id, path, ImportOptions(**options))
    return preview, import_agenda(database, mission.id, source, ImportOptions(**options))


def test_csv_with_bom_semicolons_any_header_case_and_zones(user_db, mission, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text(
        "\ufeffTITLE;Start Time;end;DATE;Organisation;VENUE;Kind;Time zone\n"
        "meeting at the dcm;09:00;10:30;12.05.2026;DCM;;meeting;\n"  # already there
        "Встреча в Государственном пограничном комитете;11:00;12:30;12.05.2026;"
        "State Border Committee;ул. Володарского 24;Site visit;\n"
        "Брифинг в делегации ЕС;2026-05-13T06:00Z;07:00;;iom;;briefing;\n"
        "Call with the Berlin office;08:00;09:00;13.05.2026;;;;Europe/Berlin\n"
        "Dinner;19:30;;13.05.2026;;Restaurant Kuchmistr;Official dinner;\n",
        encoding="utf-8",
    )
    preview, result = run_import(user_db, mission, path)
    assert preview.mapping["title"] == "TITLE" and preview.mapping["start"] == "Start Time"
    assert [m.title for m in preview.duplicates] == ["meeting at the dcm"]
    assert preview.new_organisations == ("State Border Committee",)
    assert len(result.meeting_ids) == 4 and result.skipped == 1
    assert result.backup is not None and "before-agenda-import" in result.backup.name

    stored = meetings(user_db, mission.id)
    border = stored["Встреча в Государственном пограничном комитете"]
    assert (border.date, border.start_time, border.end_time) == (
        dt.date(2026, 5, 12),
        T(11),
        T(12, 30),
    )
    assert border.kind == MeetingKind.SITE_VISIT and border.venue == "ул. Володарского 24"
    eu = stored["Брифинг в делегации ЕС"]
    assert (eu.date, eu.start_time, eu.end_time) == (dt.date(2026, 5, 13), T(9), T(10))
    assert eu.kind == MeetingKind.BRIEFING and eu.organisation_ids == [mission.iom]
    berlin = stored["Call with the Berlin office"]
    assert (berlin.start_time, berlin.end_time) == (T(9), T(10))
    assert stored["Dinner"].kind == MeetingKind.SOCIAL and stored["Dinner"].end_time is None
    assert "State Border Committee" in organisation_names(user_db, mission.id)
    with user_db.session() as session:
        created = session.scalar(select(Organisation).where(Organisation.name.like("State%")))
        assert border.organisation_ids == [created.id]


def test_csv_with_commas_quotes_and_a_column_map(user_db, mission, tmp_path):
    path = tmp_path / "from-the-host.csv"
    path.write_text(
        "When,Hour,Programme item,Partner\n"
        '2026-05-14,9:30 - 11:00,"Round table: labour migration, recruitment",'
        '"Department for Citizenship and Migration; International Organization for Migration"\n'
        "14/05/2026,2:00 pm,Meeting with UNHCR,UNHCR\n",
        encoding="utf-8",
    )
    with pytest.raises(AgendaError, match=r"No title column.*Programme item.*--map title=COLUMN"):
        preview_agenda(user_db, mission.id, path)
    options = {
        "mapping": {"date": "when", "start": "HOUR", "title": "3", "organization": "Partner"}
    }
    preview, _ = run_import(user_db, mission, path, create_organisations=False, **options)
    assert preview.warnings == ("row 3: not among the mission's organisations: UNHCR",)
    stored = meetings(user_db, mission.id)
    table = stored["Round table: labour migration, recruitment"]
    assert (table.start_time, table.end_time) == (T(9, 30), T(11))
    assert table.organisation_ids == [mission.dcm, mission.iom]
    assert stored["Meeting with UNHCR"].start_time == T(14)
    assert stored["Meeting with UNHCR"].organisation_ids == []
    assert "UNHCR" not in organisation_names(user_db, mission.id)


def test_xlsx_with_date_and_time_cells_and_a_zone_column(user_db, mission, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Дата", "Начало", "Окончание", "Мероприятие", "Организация", "Zone"])
    sheet.append([dt.datetime(2026, 5, 12), T(14, 0), T(15, 30), "Встреча в МВД", "dcm", None])
    sheet.append([dt.datetime(2026, 5, 13), T(6, 0), T(7, 0), "Call with Brussels", None, "UTC"])
    sheet.append([None, None, None, None, None, None])  # an empty row is ignored
    sheet.append(["2026-05-13", "8:00", "9:00", "Call from Berlin", "", "Europe/Berlin"])
    path = tmp_path / "programme.xlsx"
    workbook.save(path)
    preview, result = run_import(user_db, mission, path)
    assert preview.mapping == {
        "date": "Дата",
        "start": "Начало",
        "end": "Окончание",
        "title": "Мероприятие",
        "organisation": "Организация",
        "timezone": "Zone",
    }
    assert len(result.meeting_ids) == 3
    stored = meetings(user_db, mission.id)
    assert stored["Встреча в МВД"].start_time == T(14)
    assert stored["Встреча в МВД"].organisation_ids == [mission.dcm]
    for title in ("Call with Brussels", "Call from Berlin"):
        assert (stored[title].date, stored[title].start_time) == (dt.date(2026, 5, 13), T(9))
        assert stored[title].end_time == T(10)


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host ministry//Programme//RU
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:utc-1
DTSTAMP:20260501T000000Z
DTSTART:20260512T060000Z
DTEND:20260512T073000Z
SUMMARY:Встреча в Департаменте по гражданству и миграции
LOCATION:ул. Городской Вал 4
X-FIELDNOTES-ORGANISATIONS:DCM
END:VEVENT
BEGIN:VEVENT
UID:berlin-1
DTSTAMP:20260501T000000Z
DTSTART;TZID=Europe/Berlin:20260512T100000
DURATION:PT1H
SUMMARY:Call with the Berlin office
CATEGORIES:Internal
END:VEVENT
BEGIN:VEVENT
UID:outlook-1
DTSTAMP:20260501T000000Z
DTSTART;TZID=W. Europe Standard Time:20260513T070000
DTEND;TZID=W. Europe Standard Time:20260513T080000
SUMMARY:Site visit to the border crossing
CATEGORIES:Site visit
END:VEVENT
BEGIN:VEVENT
UID:floating-1
DTSTAMP:20260501T000000Z
DTSTART:20260513T150000
DTEND:20260513T160000
SUMMARY:Ужин с принимающей стороной
END:VEVENT
BEGIN:VEVENT
UID:allday-1
DTSTAMP:20260501T000000Z
DTSTART;VALUE=DATE:20260514
DTEND;VALUE=DATE:20260515
SUMMARY:Travel home
CATEGORIES:Travel
END:VEVENT
END:VCALENDAR
"""


def test_ics_events_in_utc_other_zones_floating_and_all_day(user_db, mission, tmp_path):
    path = tmp_path / "programme.ics"
    path.write_bytes(ICS.replace("\n", "\r\n").encode("utf-8"))
    preview, result = run_import(user_db, mission, path)
    assert not preview.problems and len(result.meeting_ids) == 5
    assert preview.meetings[0].source_time == "06:00 UTC"
    stored = meetings(user_db, mission.id)
    dcm = stored["Встреча в Департаменте по гражданству и миграции"]
    assert (dcm.date, dcm.start_time, dcm.end_time) == (dt.date(2026, 5, 12), T(9), T(10, 30))
    assert dcm.venue == "ул. Городской Вал 4" and dcm.organisation_ids == [mission.dcm]
    berlin = stored["Call with the Berlin office"]
    assert (berlin.start_time, berlin.end_time, berlin.kind) == (
        T(11),
        T(12),
        MeetingKind.INTERNAL,
    )
    outlook = stored["Site visit to the border crossing"]  # Windows zone name, CEST in May
    assert (outlook.date, outlook.start_time, outlook.kind) == (
        dt.date(2026, 5, 13),
        T(8),
        MeetingKind.SITE_VISIT,
    )
    dinner = stored["Ужин с принимающей стороной"]  # floating: host time as written
    assert (dinner.start_time, dinner.end_time) == (T(15), T(16))
    home = stored["Travel home"]
    assert (home.date, home.start_time, home.kind) == (
        dt.date(2026, 5, 14),
        None,
        MeetingKind.TRAVEL,
    )


def test_an_event_landing_on_the_next_host_day(user_db, mission, tmp_path):
    path = tmp_path / "late.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:l\nDTSTAMP:20260501T000000Z\n"
        "DTSTART:20260512T223000Z\nDTEND:20260512T233000Z\nSUMMARY:Night train to Brest\n"
        "END:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    run_import(user_db, mission, path)
    train = meetings(user_db, mission.id)["Night train to Brest"]
    assert (train.date, train.start_time, train.end_time) == (
        dt.date(2026, 5, 13),
        T(1, 30),
        T(2, 30),
    )


def test_the_zone_of_the_whole_file_can_be_given(user_db, mission, tmp_path):
    path = tmp_path / "utc.csv"
    path.write_text("date,start,end,title\n2026-05-15,07:00,08:00,Wrap-up\n", encoding="utf-8")
    run_import(user_db, mission, path, source_zone="UTC")
    wrap = meetings(user_db, mission.id)["Wrap-up"]
    assert (wrap.start_time, wrap.end_time) == (T(10), T(11))


def test_importing_the_same_file_twice_adds_nothing_the_second_time(user_db, mission, tmp_path):
    path = tmp_path / "programme.ics"
    path.write_bytes(ICS.encode("utf-8"))
    run_import(user_db, mission, path)
    before = meetings(user_db, mission.id)
    preview, result = run_import(user_db, mission, path)
    assert len(preview.duplicates) == 5 and not preview.can_import
    assert result.meeting_ids == () and result.backup is None
    assert meetings(user_db, mission.id).keys() == before.keys()


def test_duplicates_inside_one_file_are_reported(user_db, mission, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "date,start,title\n2026-05-16,10:00,Meeting at IOM\n2026-05-16,10:00,MEETING AT IOM\n",
        encoding="utf-8",
    )
    preview, result = run_import(user_db, mission, path)
    assert [m.duplicate_of for m in preview.meetings] == ["", "same as row 2"]
    assert len(result.meeting_ids) == 1


def count_rows(database: Database) -> tuple[int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Meeting)),
            session.scalar(select(func.count()).select_from(Organisation)),
        )


BAD_FILES = {
    "latin1.csv": ("date,title\n12.05.2026,Réunion\n".encode("latin-1"), "not UTF-8"),
    "fake.xlsx": (b"PK\x03\x04 this is no workbook", "not a readable Excel workbook"),
    "broken.ics": (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY", "not a valid iCalendar"),
    "empty.csv": (b"  \n", "is empty"),
    "header-only.csv": (b"date,title\n", "no meetings below"),
    "old.bin": (b"\xd0\xcf\x11\xe0 old excel", "old Excel file"),
    "bad-date.ics": (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026XX\r\nSUMMARY:x\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        "event 1: unreadable DTSTART",
    ),
    "no-events.ics": (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no events"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_give_clear_errors_and_write_nothing(user_db, mission, tmp_path, name):
    data, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = count_rows(user_db)
    with pytest.raises(AgendaError, match=message):
        preview_agenda(user_db, mission.id, path)
    assert count_rows(user_db) == before


def test_bad_rows_are_all_named_and_nothing_is_written(user_db, mission, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text(
        "date,start,end,title,timezone\n"
        "2026-05-12,10:00,11:00,Fine row,\n"
        "31.02.2026,10:00,11:00,Impossible date,\n"
        "2026-05-12,25:00,,Impossible time,\n"
        "2026-05-12,10:00,,,\n"
        "2026-05-12,10:00,,Unknown zone,Mars/Olympus\n",
        encoding="utf-8",
    )
    source, preview = preview_agenda(user_db, mission.id, path)
    assert [str(p) for p in preview.problems] == [
        "row 3: cannot read the date '31.02.2026' (write it as 2026-05-12 or 12.05.2026)",
        "row 4: '25:00' is not a time of day",
        "row 5: no title",
        "row 6: unknown time zone 'Mars/Olympus' (use a name such as Europe/Berlin, or UTC).",
    ]
    before = count_rows(user_db)
    with pytest.raises(AgendaError, match="nothing was changed") as raised:
        import_agenda(user_db, mission.id, source, preview.options)
    assert "row 4: '25:00' is not a time of day" in raised.value.message
    assert count_rows(user_db) == before
    assert not backup_dir(user_db.path.parent).exists()


def test_map_mistakes_are_named(user_db, mission, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("date,title\n2026-05-12,X\n", encoding="utf-8")
    with pytest.raises(AgendaError, match="unknown field; the fields are date, start"):
        preview_agenda(user_db, mission.id, path, ImportOptions(mapping={"colour": "title"}))
    with pytest.raises(AgendaError, match="no column 'Subject'; the columns are: date, title"):
        preview_agenda(user_db, mission.id, path, ImportOptions(mapping={"title": "Subject"}))


def test_preview_writes_nothing(user_db, mission, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("date,title,organisation\n2026-05-12,New,Someone new\n", encoding="utf-8")
    before = count_rows(user_db)
    _source, preview = preview_agenda(user_db, mission.id, path)
    assert preview.can_import and preview.new_organisations == ("Someone new",)
    assert count_rows(user_db) == before
    assert "1 meeting(s) to add, 1 new organisation(s)" in preview.summary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00", T(9)),
        ("09.30", T(9, 30)),
        ("14h30", T(14, 30)),
        ("0930", T(9, 30)),
        ("2:30 pm", T(14, 30)),
        ("12:00 AM", T(0)),
        ("", None),
    ],
)
def test_time_formats(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-12",
        "12.05.2026",
        "12/05/2026",
        "12 May 2026",
        "May 12, 2026",
        "Tuesday, 12 May 2026",
    ],
)
def test_date_formats(text):
    assert parse_date(text) == dt.date(2026, 5, 12)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Site visit", MeetingKind.SITE_VISIT),
        ("site_visit", MeetingKind.SITE_VISIT),
        ("Social / cultural", MeetingKind.SOCIAL),
        ("Official dinner", MeetingKind.SOCIAL),
        ("Internal team session", MeetingKind.INTERNAL),
        ("Flight", MeetingKind.TRAVEL),
        ("Something else", None),
    ],
)
def test_kinds(text, kind):
    assert parse_kind(text) == kind
