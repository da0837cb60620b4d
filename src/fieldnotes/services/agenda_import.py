"""Importing a programme (CSV, XLSX, iCalendar) into a mission's itinerary.

Two steps, so that the user sees what will happen before anything is written:

1. :func:`preview_agenda` reads the rows, maps columns to fields, converts times to the
   host's zone, matches organisations and finds duplicates; nothing is written. The
   :class:`AgendaPreview` lists the proposed meetings, the duplicates to skip and every
   problem by row.
2. :func:`import_agenda` writes the preview in one transaction after a backup: all of it or
   nothing. A preview with problems is refused.

Times: a meeting's date and times are host-local (the mission's IANA zone). A value with a
zone (an ``.ics`` event in UTC or Europe/Berlin, a cell ``2026-05-12T07:00Z``, a ``timezone``
column, or the zone given for the whole file) is converted; a value without one (floating)
is taken as host-local already.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from fieldnotes.errors import AgendaError
from fieldnotes.model import MeetingKind, MeetingStatus, Organisation, label
from fieldnotes.services.agenda_formats import (
    AgendaSource,
    AgendaTable,
    CalendarEvent,
    CalendarFile,
    Cell,
    read_agenda,
)
from fieldnotes.services.backups import backup_before_import
from fieldnotes.services.counterparts import add_organisation, list_organisations
from fieldnotes.services.itinerary import add_meeting, list_meetings
from fieldnotes.services.missions import get_mission
from fieldnotes.store import Database

# The fields a column can fill, and the header names recognised for each (compared after
# folding case, spaces, underscores and a trailing "(…)" away). Russian names too: hosts in
# the region often send the programme in Russian.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "дата", "день"),
    "start": (
        "start",
        "start time",
        "starts",
        "begin",
        "begins",
        "from",
        "time",
        "time from",
        "начало",
        "время",
    ),
    "end": ("end", "end time", "ends", "finish", "until", "to", "time to", "окончание", "конец"),
    "title": (
        "title",
        "meeting",
        "subject",
        "summary",
        "event",
        "activity",
        "name",
        "topic",
        "мероприятие",
        "название",
        "тема",
    ),
    "kind": ("kind", "type", "category", "вид", "тип"),
    "venue": ("venue", "location", "place", "address", "where", "room", "место", "адрес"),
    "organisation": (
        "organisation",
        "organisations",
        "organization",
        "organizations",
        "org",
        "institution",
        "institutions",
        "counterpart",
        "counterparts",
        "host",
        "организация",
        "учреждение",
    ),
    "agenda": ("agenda", "description", "notes", "details", "comment", "comments", "повестка"),
    "timezone": ("timezone", "time zone", "tz", "zone"),
}
FIELDS = tuple(FIELD_NAMES)
_FIELD_ALIASES = {"organization": "organisation", "organisations": "organisation"}

KIND_WORDS: dict[MeetingKind, tuple[str, ...]] = {
    MeetingKind.MEETING: ("meeting", "talks", "consultation", "round table", "workshop", "встреча"),
    MeetingKind.SITE_VISIT: ("site visit", "visit", "field visit", "study visit", "визит"),
    MeetingKind.BRIEFING: ("briefing", "debriefing", "брифинг"),
    MeetingKind.TRAVEL: ("travel", "transfer", "flight", "train", "departure", "arrival"),
    MeetingKind.SOCIAL: ("social", "cultural", "dinner", "lunch", "reception", "excursion"),
    MeetingKind.INTERNAL: ("internal", "internal session", "team session", "team meeting"),
}
# Several organisations in one cell are separated by ";" or line breaks (commas are part of
# names: "Ministry of Internal Affairs, Department for Citizenship and Migration").
_ORGANISATION_SEPARATORS = re.compile(r"[;\n]+")
_ACRONYM_IN_PARENS = re.compile(r"^(?P<name>.*?)\s*\((?P<acronym>[^()]+)\)\s*$")
_TIME = re.compile(
    r"^(?P<h>\d{1,2})(?:[:.hH](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>[aApP]\.?[mM]\.?)?$"
)
_COMPACT_TIME = re.compile(r"^(?P<h>\d{2})(?P<m>\d{2})$")
_RANGE = re.compile(r"^(?P<a>.+?)\s*(?:-|–|—|to|до)\s*(?P<b>.+)$")
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
    "%d.%m.%y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
    "%a %d.%m.%Y",
    "%a, %d.%m.%Y",
)


@dataclass(frozen=True)
class RowProblem:
    """Something in one row (or event) that stops the import; ``where`` is "row 4", "event 2"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ProposedMeeting:
    """A meeting the import would add, in host-local time, with what was found on the way."""

    where: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    title: str
    kind: MeetingKind = MeetingKind.MEETING
    venue: str = ""
    agenda: str = ""
    organisation_ids: tuple[str, ...] = ()
    new_organisations: tuple[str, ...] = ()
    status: MeetingStatus = MeetingStatus.PLANNED
    duplicate_of: str = ""  # "existing meeting" or "row 3"; empty when it will be added
    warnings: tuple[str, ...] = ()
    source_time: str = ""  # the time as the file gave it, when a zone conversion happened

    @property
    def duplicate(self) -> bool:
        return bool(self.duplicate_of)

    def key(self) -> tuple[dt.date, dt.time | None, str]:
        return (self.date, self.start_time, _fold(self.title))


@dataclass(frozen=True)
class ImportOptions:
    """What the user chose: column overrides, the file's zone, whether to add organisations."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    source_zone: str | None = None
    create_organisations: bool = True
    format: str | None = None


@dataclass(frozen=True)
class AgendaPreview:
    """What an import would do; shown before committing. Nothing has been written."""

    mission_id: str
    mission_title: str
    zone: str
    source: str
    format: str
    headers: tuple[str, ...]
    mapping: dict[str, str]  # field -> header it was read from (spreadsheets)
    meetings: tuple[ProposedMeeting, ...]
    problems: tuple[RowProblem, ...]
    options: ImportOptions

    @property
    def to_add(self) -> tuple[ProposedMeeting, ...]:
        return tuple(m for m in self.meetings if not m.duplicate)

    @property
    def duplicates(self) -> tuple[ProposedMeeting, ...]:
        return tuple(m for m in self.meetings if m.duplicate)

    @property
    def new_organisations(self) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for meeting in self.to_add:
            for name in meeting.new_organisations:
                names.setdefault(_fold(name), name)
        return tuple(names.values())

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"{m.where}: {w}" for m in self.meetings for w in m.warnings)

    @property
    def can_import(self) -> bool:
        return not self.problems and bool(self.to_add)

    def summary(self) -> str:
        """One paragraph for the CLI and the dialog."""
        parts = [f"{len(self.to_add)} meeting(s) to add"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the itinerary (skipped)")
        if self.new_organisations:
            parts.append(f"{len(self.new_organisations)} new organisation(s)")
        if self.problems:
            parts.append(f"{len(self.problems)} problem(s) to fix first")
        return f"{self.source}: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class AgendaImportResult:
    meeting_ids: tuple[str, ...]
    skipped: int
    organisations_created: tuple[str, ...]
    backup: Path | None


# ------------------------------------------------------------------------------- helpers


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _normal_header(header: str) -> str:
    text = re.sub(r"\(.*?\)", " ", header)
    text = re.sub(r"[_\-:]+", " ", text)
    return _fold(text)


def _zone(name: str, where: str) -> dt.tzinfo:
    """A zone from an IANA name, ``UTC``/``Z`` or an offset like ``+02:00`` / ``UTC+3``."""
    text = name.strip()
    if text.upper() in {"UTC", "Z", "GMT"}:
        return dt.UTC
    offset = _OFFSET.match(text.upper())
    if offset:
        minutes = int(offset["h"]) * 60 + int(offset["m"] or 0)
        sign = -1 if offset["sign"] == "-" else 1
        return dt.timezone(sign * dt.timedelta(minutes=minutes))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise AgendaError(
            f"{where}: unknown time zone {name!r} (use a name such as Europe/Berlin, or UTC)."
        ) from exc


def parse_date(value: Cell) -> dt.date | None:
    """A date from a cell: a date value, ISO, day-first numeric (12.05.2026) or with a month name.

    Numeric dates are read day first (12/05/2026 is 12 May), as everywhere in the region.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"cannot read the date {text!r} (write it as 2026-05-12 or 12.05.2026)")


def parse_time(value: Cell) -> dt.time | None:
    """A time of day from a cell: ``9:00``, ``09.30``, ``14h30``, ``0930``, ``2:30 pm``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(tzinfo=None)
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time stored as a day fraction
        seconds = round(value * 86400)
        return dt.time(seconds // 3600, seconds // 60 % 60)
    text = str(value).strip()
    match = _TIME.match(text) or _COMPACT_TIME.match(text)
    if match is None:
        raise ValueError(f"cannot read the time {text!r} (write it as 09:30)")
    hour, minute = int(match["h"]), int(match["m"] or 0)
    second = int(match.groupdict().get("s") or 0)
    ampm = (match.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return dt.time(hour, minute, second)


def _parse_instant(value: Cell) -> dt.datetime | None:
    """A full date and time in one cell (``2026-05-12T07:00Z``, ``2026-05-12 09:30``), if it is."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def parse_kind(value: str) -> MeetingKind | None:
    """The meeting kind a cell or calendar category names, or None if none fits."""
    text = _fold(value).replace("_", " ").replace("/", " ")
    if not text:
        return None
    for kind in MeetingKind:
        if text in {kind.value.replace("_", " "), _fold(label(kind)).replace("/", " ")}:
            return kind
    for kind, words in KIND_WORDS.items():
        if text in words:
            return kind
    for kind, words in KIND_WORDS.items():  # "Official dinner", "Visit to the border post"
        if any(re.search(rf"\b{re.escape(word)}\b", text) for word in words):
            return kind
    return None


class _Organisations:
    """Matches names to the mission's organisations by name or acronym, case-insensitively."""

    def __init__(self, organisations: Sequence[Organisation]) -> None:
        self._by_key: dict[str, str] = {}
        for organisation in organisations:
            self._by_key.setdefault(_fold(organisation.name), organisation.id)
        for organisation in organisations:  # names win over acronyms when both could match
            if organisation.acronym:
                self._by_key.setdefault(_fold(organisation.acronym), organisation.id)

    def match(self, text: str) -> str | None:
        key = _fold(text)
        if key in self._by_key:
            return self._by_key[key]
        parts = _ACRONYM_IN_PARENS.match(text)  # "International Organization for Migration (IOM)"
        if parts:
            return self._by_key.get(_fold(parts["name"])) or self._by_key.get(
                _fold(parts["acronym"])
            )
        return None

    def resolve(self, names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(ids of known organisations, names of unknown ones), each without repeats."""
        ids: list[str] = []
        unknown: list[str] = []
        for name in names:
            found = self.match(name)
            if found is None:
                if _fold(name) not in {_fold(u) for u in unknown}:
                    unknown.append(" ".join(name.split()))
            elif found not in ids:
                ids.append(found)
        return tuple(ids), tuple(unknown)


def split_organisations(text: str) -> list[str]:
    return [part.strip() for part in _ORGANISATION_SEPARATORS.split(text) if part.strip()]


# ------------------------------------------------------------------------------- mapping


def resolve_mapping(headers: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """Which column (index) fills which field; AgendaError if title or date has none."""
    columns = guess_columns(headers, overrides)
    listing = ", ".join(h or f"(column {n})" for n, h in enumerate(headers, 1))
    if "title" not in columns:
        raise AgendaError(
            f"No title column found (the columns are: {listing}). Name one with --map title=COLUMN."
        )
    if "date" not in columns and "start" not in columns:
        raise AgendaError(
            f"No date column found (the columns are: {listing}). Name one with --map date=COLUMN."
        )
    return columns


def guess_columns(headers: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """Which column (index) fills which field: overrides first, then the usual names.

    An override names a column by its header (any case) or its number (1 = first column);
    an empty name says the field is not in the file (no guessing from the usual names).
    """
    normal = [_normal_header(h) for h in headers]
    columns: dict[str, int] = {}
    unmapped: set[str] = set()
    listing = ", ".join(h or f"(column {n})" for n, h in enumerate(headers, 1))
    for raw_field, column in overrides.items():
        name = _FIELD_ALIASES.get(raw_field.strip().casefold(), raw_field.strip().casefold())
        if name not in FIELD_NAMES:
            raise AgendaError(
                f"--map {raw_field}=…: unknown field; the fields are {', '.join(FIELDS)}."
            )
        reference = column.strip()
        if not reference:
            unmapped.add(name)
            continue
        if reference.isdigit() and 1 <= int(reference) <= len(headers):
            columns[name] = int(reference) - 1
            continue
        wanted = _normal_header(reference)
        if wanted not in normal:
            raise AgendaError(
                f"--map {raw_field}={column}: there is no column {column!r}; "
                f"the columns are: {listing}."
            )
        columns[name] = normal.index(wanted)
    taken = set(columns.values())
    for name, synonyms in FIELD_NAMES.items():
        if name in columns or name in unmapped:
            continue
        for index, header in enumerate(normal):
            if header in synonyms and index not in taken:
                columns[name] = index
                taken.add(index)
                break
    return columns


# ------------------------------------------------------------------------------- preview


@dataclass
class _Draft:
    """A row on its way to a proposed meeting: values as the file gives them."""

    where: str
    title: str
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    zone: dt.tzinfo | None  # the zone of start/end; None: host-local (floating)
    kind: MeetingKind = MeetingKind.MEETING
    venue: str = ""
    agenda: str = ""
    organisations: tuple[str, ...] = ()
    status: MeetingStatus = MeetingStatus.PLANNED
    warnings: list[str] = field(default_factory=list)


def _cell(cells: Sequence[Cell], columns: Mapping[str, int], name: str) -> Cell:
    index = columns.get(name)
    if index is None or index >= len(cells):
        return None
    return cells[index]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _row_draft(
    where: str, cells: Sequence[Cell], columns: Mapping[str, int], file_zone: dt.tzinfo | None
) -> _Draft:
    """Read one spreadsheet row; ValueError or AgendaError says what is wrong with it."""
    title = " ".join(_text(_cell(cells, columns, "title")).split())
    if not title:
        raise ValueError("no title")
    zone = file_zone
    zone_text = _text(_cell(cells, columns, "timezone"))
    if zone_text:
        zone = _zone(zone_text, where)
    start_cell = _cell(cells, columns, "start")
    end_cell = _cell(cells, columns, "end")
    date = parse_date(_cell(cells, columns, "date")) if "date" in columns else None
    start: dt.time | None = None
    end: dt.time | None = None
    instant = _parse_instant(start_cell)
    if instant is not None:  # a full date-time in the start column, perhaps with its zone
        date = date or instant.date()
        if instant.tzinfo is not None:
            zone = instant.tzinfo
            instant_local = instant.replace(tzinfo=None)
            date, start = instant_local.date(), instant_local.time()
        else:
            start = instant.time()
    elif (
        isinstance(start_cell, str)
        and _RANGE.match(start_cell.strip())
        and end_cell
        in (
            None,
            "",
        )
    ):
        pieces = _RANGE.match(start_cell.strip())
        assert pieces is not None
        start, end = parse_time(pieces["a"]), parse_time(pieces["b"])
    else:
        start = parse_time(start_cell)
    end_instant = _parse_instant(end_cell)
    if end_instant is not None:
        end = end_instant.time().replace(tzinfo=None)
    elif end is None:
        end = parse_time(end_cell)
    if date is None:
        raise ValueError("no date")
    draft = _Draft(where, title, date, start, end, zone)
    kind_text = _text(_cell(cells, columns, "kind"))
    if kind_text:
        kind = parse_kind(kind_text)
        if kind is None:
            draft.warnings.append(f"kind {kind_text!r} not known: imported as a meeting")
        else:
            draft.kind = kind
    draft.venue = " ".join(_text(_cell(cells, columns, "venue")).split())
    draft.agenda = _text(_cell(cells, columns, "agenda"))
    draft.organisations = tuple(split_organisations(_text(_cell(cells, columns, "organisation"))))
    return draft


def _event_draft(event: CalendarEvent, file_zone: dt.tzinfo | None) -> _Draft:
    where = f"event {event.number}" + (f" ({event.title})" if event.title else "")
    if not event.title:
        raise ValueError("no title (SUMMARY)")
    if event.start is None:
        raise ValueError("no start (DTSTART)")
    draft: _Draft
    if isinstance(event.start, dt.datetime):
        zone = event.start.tzinfo or file_zone
        end = event.end
        end_time: dt.time | None = None
        end_note = ""
        if isinstance(end, dt.datetime):
            # Into the start's zone first, so that the end is compared on the same clock.
            if end.tzinfo is not None and event.start.tzinfo is not None:
                end = end.astimezone(event.start.tzinfo)
            if end.date() == event.start.date():
                end_time = end.replace(tzinfo=None).time()
            elif end > event.start:
                end_note = "ends on another day: imported without an end time"
        draft = _Draft(
            where,
            event.title,
            event.start.replace(tzinfo=None).date(),
            event.start.replace(tzinfo=None).time(),
            end_time,
            zone,
        )
        if end_note:
            draft.warnings.append(end_note)
    else:
        draft = _Draft(where, event.title, event.start, None, None, None)
        if isinstance(event.end, dt.date) and (event.end - event.start).days > 1:
            draft.warnings.append(
                f"lasts {(event.end - event.start).days} days: imported on its first day"
            )
    for category in event.categories:
        kind = parse_kind(category)
        if kind is not None:
            draft.kind = kind
            break
    if event.cancelled:
        draft.status = MeetingStatus.CANCELLED
    draft.venue = event.venue
    draft.agenda = event.description
    draft.organisations = event.organisations
    return draft


def _to_host(draft: _Draft, host: ZoneInfo) -> tuple[dt.date, dt.time | None, dt.time | None, str]:
    """Date, start and end in host-local time; the original time when a conversion happened."""
    assert draft.date is not None
    if draft.zone is None or draft.start is None:
        return draft.date, draft.start, draft.end, ""
    start = dt.datetime.combine(draft.date, draft.start, tzinfo=draft.zone)
    local_start = start.astimezone(host)
    local_end: dt.time | None = None
    if draft.end is not None:
        end = dt.datetime.combine(draft.date, draft.end, tzinfo=draft.zone).astimezone(host)
        if end.date() == local_start.date() and end >= local_start:
            local_end = end.time().replace(tzinfo=None)
        else:
            draft.warnings.append("ends on another day in host time: imported without an end")
    source = f"{draft.start:%H:%M} {_zone_label(draft.zone, start)}"
    if local_start.utcoffset() == start.utcoffset():
        source = ""  # same clock: nothing worth showing
    return local_start.date(), local_start.time().replace(tzinfo=None), local_end, source


def _zone_label(zone: dt.tzinfo, instant: dt.datetime) -> str:
    key = getattr(zone, "key", None)
    if key:
        return str(key)
    return instant.tzname() or "UTC"


def _drafts(
    source: AgendaSource, options: ImportOptions
) -> tuple[list[_Draft], list[RowProblem], tuple[str, ...], dict[str, str]]:
    file_zone = _zone(options.source_zone, source.source) if options.source_zone else None
    drafts: list[_Draft] = []
    problems: list[RowProblem] = []
    if isinstance(source, CalendarFile):
        for event in source.events:
            try:
                drafts.append(_event_draft(event, file_zone))
            except ValueError as exc:
                problems.append(RowProblem(f"event {event.number}", str(exc)))
        return drafts, problems, (), {}
    columns = resolve_mapping(source.headers, options.mapping)
    for number, cells in source.rows:
        where = f"row {number}"
        try:
            drafts.append(_row_draft(where, cells, columns, file_zone))
        except (ValueError, AgendaError) as exc:
            message = exc.message if isinstance(exc, AgendaError) else str(exc)
            problems.append(RowProblem(where, message.removeprefix(f"{where}: ")))
    mapping = {
        name: source.headers[index] or f"column {index + 1}" for name, index in columns.items()
    }
    return drafts, problems, source.headers, mapping


def preview_source(
    session: Session, mission_id: str, source: AgendaSource, options: ImportOptions
) -> AgendaPreview:
    """What importing ``source`` into the mission would do; nothing is written."""
    mission = get_mission(session, mission_id)
    host = ZoneInfo(mission.timezone)
    drafts, problems, headers, mapping = _drafts(source, options)
    organisations = _Organisations(list_organisations(session, mission_id))
    existing = {
        (m.date, m.start_time, _fold(m.title)): m.title for m in list_meetings(session, mission_id)
    }
    seen: dict[tuple[dt.date, dt.time | None, str], str] = {}
    meetings: list[ProposedMeeting] = []
    for draft in drafts:
        date, start, end, source_time = _to_host(draft, host)
        ids, unknown = organisations.resolve(draft.organisations)
        warnings = list(draft.warnings)
        if unknown and not options.create_organisations:
            warnings.append("not among the mission's organisations: " + "; ".join(unknown))
            unknown = ()
        proposed = ProposedMeeting(
            where=draft.where,
            date=date,
            start_time=start,
            end_time=end,
            title=draft.title,
            kind=draft.kind,
            venue=draft.venue,
            agenda=draft.agenda,
            organisation_ids=ids,
            new_organisations=unknown,
            status=draft.status,
            warnings=tuple(warnings),
            source_time=source_time,
        )
        key = proposed.key()
        if key in existing:
            proposed = replace(proposed, duplicate_of="already in the itinerary")
        elif key in seen:
            proposed = replace(proposed, duplicate_of=f"same as {seen[key]}")
        else:
            seen[key] = draft.where
        meetings.append(proposed)
    return AgendaPreview(
        mission_id=mission.id,
        mission_title=mission.title,
        zone=mission.timezone,
        source=source.source,
        format=source.format,
        headers=headers,
        mapping=mapping,
        meetings=tuple(meetings),
        problems=tuple(problems),
        options=options,
    )


def preview_agenda(
    database: Database, mission_id: str, path: Path, options: ImportOptions | None = None
) -> tuple[AgendaSource, AgendaPreview]:
    """Read ``path`` and preview its import (the source is kept for :func:`import_agenda`)."""
    options = options or ImportOptions()
    source = read_agenda(path, options.format)
    with database.session() as session:
        preview = preview_source(session, mission_id, source, options)
        session.rollback()
    return source, preview


# -------------------------------------------------------------------------------- commit


def import_agenda(
    database: Database, mission_id: str, source: AgendaSource, options: ImportOptions
) -> AgendaImportResult:
    """Add the source's meetings to the mission in one transaction, after a backup.

    The preview is computed again inside the writing transaction, so duplicates added since
    the user looked are still skipped. Any problem: nothing is written.
    """
    with database.session() as session:
        preview = preview_source(session, mission_id, source, options)
        _refuse_problems(preview)
        if not preview.to_add:
            return AgendaImportResult((), len(preview.duplicates), (), None)
    backup = backup_before_import(database.path.parent, "agenda-import")
    with database.session() as session:
        preview = preview_source(session, mission_id, source, options)
        _refuse_problems(preview)
        created: dict[str, str] = {}
        for name in preview.new_organisations:
            created[_fold(name)] = add_organisation(session, mission_id, name=name).id
        added: list[str] = []
        for proposed in preview.to_add:
            ids = list(proposed.organisation_ids)
            ids += [created[_fold(name)] for name in proposed.new_organisations]
            meeting = add_meeting(
                session,
                mission_id,
                date=proposed.date,
                start_time=proposed.start_time,
                end_time=proposed.end_time,
                title=proposed.title,
                kind=proposed.kind,
                venue=proposed.venue,
                agenda=proposed.agenda,
                status=proposed.status,
                organisation_ids=ids,
            )
            added.append(meeting.id)
    return AgendaImportResult(
        tuple(added), len(preview.duplicates), tuple(preview.new_organisations), backup
    )


def _refuse_problems(preview: AgendaPreview) -> None:
    if not preview.problems:
        return
    shown = "\n".join(f"  {problem}" for problem in preview.problems[:10])
    more = len(preview.problems) - 10
    raise AgendaError(
        f"{preview.source} cannot be imported; nothing was changed. Fix these rows "
        f"(or map the columns with --map):\n{shown}"
        + (f"\n  … and {more} more" if more > 0 else "")
    )


__all__ = [
    "FIELDS",
    "AgendaImportResult",
    "AgendaPreview",
    "AgendaTable",
    "ImportOptions",
    "ProposedMeeting",
    "RowProblem",
    "guess_columns",
    "import_agenda",
    "parse_date",
    "parse_kind",
    "parse_time",
    "preview_agenda",
    "preview_source",
    "resolve_mapping",
]
