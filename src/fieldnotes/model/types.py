"""Column types shared by the ORM classes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

VersionVector = dict[str, int]


def new_id() -> str:
    """A fresh random record id (UUID4, canonical text form)."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_utc(value: datetime) -> str:
    """ISO 8601 text of a UTC instant with a ``Z`` suffix, microseconds kept."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as sortable ISO text (``2026-05-12T07:00:00.000000Z``)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        return format_utc(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


class IdList(TypeDecorator[list[str]]):
    """An ordered list of record ids stored as JSON (meeting participants, note topics)."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> Any:
        return list(value or [])

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str]:
        return list(value or [])


class VersionVectorType(TypeDecorator[VersionVector]):
    """A version vector ``{device_id: counter}`` stored as JSON with sorted keys."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: VersionVector | None, dialect: Dialect) -> Any:
        return dict(sorted((value or {}).items()))

    def process_result_value(self, value: Any, dialect: Dialect) -> VersionVector:
        return {str(k): int(v) for k, v in (value or {}).items()}
