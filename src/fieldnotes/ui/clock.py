"""The window's notion of "now": injected, so tests can stand in any moment of a mission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldnotes.services.itinerary import zone_name

Clock = Callable[[], dt.datetime]  # returns an aware UTC instant


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def host_time_text(timezone: str, now: dt.datetime) -> str:
    """``Minsk time 14:05`` for the status bar; the zone is named once, as look.md asks."""
    try:
        local = now.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    return f"{zone_name(timezone)} {local:%H:%M}"
