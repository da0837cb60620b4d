"""How the report writes dates, times and time zones.

English names are spelt out here rather than taken from ``strftime``, whose month and day
names follow the machine's locale: the same data must give the same PDF everywhere.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: dt.date) -> str:
    """``12 May 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_heading(day: dt.date) -> str:
    """``Tuesday 12 May 2026``."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"


def short_date(day: dt.date) -> str:
    """``12 May``."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """``12–16 May 2026``, ``30 April – 2 May 2026``, or one date, or nothing."""
    if start is None or end is None or start == end:
        only = start or end
        return long_date(only) if only else ""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def time_span(start: dt.time | None, end: dt.time | None) -> str:
    """``09:00–10:30``, ``09:00``, or nothing."""
    if start is None:
        return ""
    if end is None:
        return f"{start:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def zone_name(timezone: str) -> str:
    """``Europe/Minsk`` → ``Minsk time``; ``UTC`` stays ``UTC``."""
    if "/" not in timezone:
        return timezone
    return f"{timezone.rsplit('/', 1)[1].replace('_', ' ')} time"
