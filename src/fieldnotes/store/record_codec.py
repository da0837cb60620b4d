"""Records as JSON-ready documents and back: one codec for mission JSON, packages, history.

The document of a record holds every column by its attribute name; values are JSON types:
dates ``YYYY-MM-DD``, times ``HH:MM``, UTC instants ISO 8601 with ``Z``, enums by value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.types import Boolean, Date, Enum, Integer, String, Time

from fieldnotes.model import SyncedRecord
from fieldnotes.model.types import UTCDateTime, format_utc, parse_utc

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


def _encode_time(value: dt.time) -> str:
    return value.strftime("%H:%M") if value.second == 0 else value.strftime("%H:%M:%S")


def _decode_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _decode_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected a whole number")
    return value


def _decode_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _enum_encoder(enum_class: type[StrEnum]) -> Encoder:
    return lambda value: enum_class(value).value


def _identity(value: Any) -> Any:
    return value


@cache
def field_codecs(model: type[SyncedRecord]) -> dict[str, tuple[Encoder, Decoder]]:
    """Encoder and decoder of every column of ``model``, by attribute name, in table order."""
    codecs: dict[str, tuple[Encoder, Decoder]] = {}
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        kind = column.type
        encode: Encoder
        decode: Decoder
        if isinstance(kind, UTCDateTime):
            encode, decode = format_utc, parse_utc
        elif isinstance(kind, Date):
            encode, decode = dt.date.isoformat, dt.date.fromisoformat
        elif isinstance(kind, Time):
            encode, decode = _encode_time, dt.time.fromisoformat
        elif isinstance(kind, Enum):
            enum_class: type[StrEnum] = kind.enum_class  # type: ignore[assignment]
            encode, decode = _enum_encoder(enum_class), enum_class
        elif isinstance(kind, Boolean):
            encode, decode = _identity, _decode_bool
        elif isinstance(kind, Integer):
            encode, decode = _identity, _decode_int
        elif isinstance(kind, String):
            encode, decode = _identity, _decode_str
        else:
            encode, decode = _identity, _identity
        nullable = bool(column.nullable)
        if nullable:
            encode, decode = _nullable(encode), _nullable(decode)
        codecs[attr.key] = (encode, decode)
    return codecs


def _nullable(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else function(value)


def to_document(record: SyncedRecord) -> dict[str, Any]:
    """The JSON-ready document of ``record``."""
    return {
        name: encode(getattr(record, name))
        for name, (encode, _decode) in field_codecs(type(record)).items()
    }


def from_document(model: type[SyncedRecord], document: dict[str, Any]) -> dict[str, Any]:
    """Python values for the columns of ``model`` from a document (ValueError names the field)."""
    values: dict[str, Any] = {}
    for name, (_encode, decode) in field_codecs(model).items():
        if name not in document:
            continue
        try:
            values[name] = decode(document[name])
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{name}: {exc}") from exc
    return values


def content_document(record: SyncedRecord) -> dict[str, Any]:
    """The document without bookkeeping fields: what a merge compares."""
    return {
        name: encode(getattr(record, name))
        for name, (encode, _decode) in field_codecs(type(record)).items()
        if name not in SyncedRecord.BOOKKEEPING_FIELDS
    }


def canonical_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()
