"""Reading agenda files: CSV and XLSX into rows of cells, iCalendar into events.

Only reading happens here; what the cells mean (columns, times, zones, organisations) is
decided in :mod:`fieldnotes.services.agenda_import`. Every problem a user can cause becomes
an :class:`AgendaError` naming the file (and the row or event where there is one).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldnotes.errors import AgendaError

# A programme is a few dozen rows; anything far larger is the wrong file (or a hostile one).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
CSV_DELIMITERS = (",", ";", "\t", "|")

CSV, XLSX, ICS = "csv", "xlsx", "ics"
# How an exported event's description starts when it names organisations (see agenda_export).
ORGANISATIONS_LINE = "Organisations: "
FORMATS = (CSV, XLSX, ICS)
_SUFFIXES = {".csv": CSV, ".txt": CSV, ".tsv": CSV, ".xlsx": XLSX, ".xlsm": XLSX, ".ics": ICS}

Cell = str | int | float | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True)
class AgendaTable:
    """A spreadsheet: header names and the rows below, each with its row number in the file."""

    source: str
    format: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT. ``start``/``end``: aware or floating (naive) datetimes, or dates (all day)."""

    number: int
    title: str
    start: dt.datetime | dt.date | None
    end: dt.datetime | dt.date | None
    venue: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    cancelled: bool = False
    uid: str = ""


@dataclass(frozen=True)
class CalendarFile:
    source: str
    events: tuple[CalendarEvent, ...] = field(default_factory=tuple)
    format: str = ICS


AgendaSource = AgendaTable | CalendarFile


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AgendaError(
                f"{path.name} is too large for an agenda (limit {MAX_FILE_BYTES // 1_048_576} MB)."
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise AgendaError(f"Cannot read {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise AgendaError(f"Cannot read {path}: it is a folder, not a file.") from exc
    except OSError as exc:
        raise AgendaError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def detect_format(path: Path, data: bytes) -> str:
    """The format by file name, else by content (ZIP → XLSX, BEGIN:VCALENDAR → ICS, else CSV)."""
    by_name = _SUFFIXES.get(path.suffix.lower())
    if by_name:
        return by_name
    if data.startswith(b"PK\x03\x04"):
        return XLSX
    if data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        return ICS
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise AgendaError(
            f"{path.name} is an old Excel file (.xls): save it as .xlsx or CSV UTF-8 first."
        )
    return CSV


def read_agenda(path: Path, format: str | None = None) -> AgendaSource:
    """Read an agenda file; ``format`` (csv, xlsx, ics) overrides the guess from its name."""
    data = _read_bytes(path)
    kind = format or detect_format(path, data)
    if kind not in FORMATS:
        raise AgendaError(f"Unknown agenda format {kind!r}: use one of {', '.join(FORMATS)}.")
    if not data.strip():
        raise AgendaError(f"{path.name} is empty.")
    if kind == XLSX:
        return read_xlsx(path.name, data)
    if kind == ICS:
        return read_ics(path.name, data)
    return read_csv(path.name, data)


# ------------------------------------------------------------------------------------ CSV


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AgendaError(
            f"{name} is not UTF-8 text (invalid byte at line {line}): in Excel, save it as "
            "“CSV UTF-8”, or import the .xlsx file itself."
        ) from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter used in the header line: the candidate found most often outside quotes.

    Headers rarely contain delimiters, so counting them in the first line is more reliable
    than ``csv.Sniffer``, which guesses from data rows full of times (``09:30``) and commas.
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _tidy(cells: list[Cell]) -> tuple[Cell, ...]:
    tidy = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
    while tidy and tidy[-1] in (None, ""):
        tidy.pop()
    return tuple(tidy)


def _table(name: str, format: str, lines: list[tuple[int, list[Cell]]]) -> AgendaTable:
    rows = [(number, _tidy(cells)) for number, cells in lines]
    rows = [(number, cells) for number, cells in rows if cells]
    if not rows:
        raise AgendaError(f"{name} holds no rows.")
    header_number, header_cells = rows[0]
    headers = tuple("" if cell is None else str(cell).strip() for cell in header_cells)
    body = tuple(rows[1:])
    if not body:
        raise AgendaError(f"{name} has a header row (row {header_number}) but no meetings below.")
    if len(body) > MAX_ROWS:
        raise AgendaError(f"{name} has {len(body)} rows; an agenda may have {MAX_ROWS} at most.")
    return AgendaTable(name, format, headers, body)


def read_csv(name: str, data: bytes) -> AgendaTable:
    """Rows of a CSV file in UTF-8 (with or without BOM), any of , ; tab | as delimiter."""
    text = _decode(name, data)
    delimiter = sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        lines: list[tuple[int, list[Cell]]] = [(reader.line_num, list(row)) for row in reader]
    except csv.Error as exc:
        raise AgendaError(
            f"{name} is not readable as CSV (line {reader.line_num}): {exc}."
        ) from exc
    return _table(name, CSV, lines)


# ----------------------------------------------------------------------------------- XLSX


def read_xlsx(name: str, data: bytes) -> AgendaTable:
    """Rows of the first worksheet that holds data; dates and times come as Python values."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it ignores (styles, data validation);
            # none of them matter for reading cell values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    lines: list[tuple[int, list[Cell]]] = [
                        (number, list(values))
                        for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
                    ]
                    if any(_tidy(cells) for _number, cells in lines):
                        return _table(name, XLSX, lines)
            finally:
                workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise AgendaError(f"{name} is not a readable Excel workbook (.xlsx): {exc}.") from exc
    raise AgendaError(f"{name} holds no rows.")


# ------------------------------------------------------------------------------ iCalendar


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _categories(component: Any) -> tuple[str, ...]:
    found: list[str] = []
    values = component.get("CATEGORIES")
    for value in values if isinstance(values, list) else [values] if values else []:
        cats = getattr(value, "cats", None)
        found.extend(str(c) for c in (cats if cats is not None else [value]))
    return tuple(c.strip() for c in found if str(c).strip())


def _end(component: Any, start: dt.datetime | dt.date | None) -> dt.datetime | dt.date | None:
    if component.get("DTEND") is not None:
        value: dt.datetime | dt.date = component.get("DTEND").dt
        return value
    duration = component.get("DURATION")
    if duration is not None and start is not None:
        result: dt.datetime | dt.date = start + duration.dt
        return result
    return None


def read_ics(name: str, data: bytes) -> CalendarFile:
    """The events of an iCalendar file, times as the file gives them (zone conversion later)."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise AgendaError(f"{name} is not a valid iCalendar (.ics) file: {exc}.") from exc
    if not calendars:
        raise AgendaError(f"{name} is not a valid iCalendar (.ics) file: it is incomplete.")
    events: list[CalendarEvent] = []
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            number = len(events) + 1
            # icalendar keeps going past a value it cannot read and notes it here.
            for prop, message in getattr(component, "errors", []):
                raise AgendaError(f"{name}, event {number}: unreadable {prop} ({message}).")
            try:
                start_prop = component.get("DTSTART")
                start = start_prop.dt if start_prop is not None else None
                end = _end(component, start)
            except (ValueError, TypeError, AttributeError) as exc:
                raise AgendaError(
                    f"{name}, event {number}: unreadable date or time ({exc})."
                ) from exc
            organisations = tuple(
                part.strip()
                for part in str(component.get("X-FIELDNOTES-ORGANISATIONS", "")).split(";")
                if part.strip()
            )
            description = str(component.get("DESCRIPTION", "") or "").strip()
            if organisations and description.startswith(ORGANISATIONS_LINE):
                # Our own export repeats the organisations for calendar apps; not agenda text.
                description = description.partition("\n\n")[2].strip()
            events.append(
                CalendarEvent(
                    number=number,
                    title=_text(component.get("SUMMARY")),
                    start=start,
                    end=end,
                    venue=_text(component.get("LOCATION")),
                    description=description,
                    categories=_categories(component),
                    organisations=organisations,
                    cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
                    uid=str(component.get("UID", "") or ""),
                )
            )
    if not events:
        raise AgendaError(f"{name} holds no events.")
    if len(events) > MAX_ROWS:
        raise AgendaError(f"{name} has {len(events)} events; an agenda may have {MAX_ROWS}.")
    return CalendarFile(name, tuple(events))
