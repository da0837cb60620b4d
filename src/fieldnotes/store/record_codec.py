"""Records as JSON-ready documents and back: one codec for mission JSON, packages, history.

The document of a record holds every column by its attribute name; values are JSON types:
dates ``YYYY-MM-DD``, times ``HH:MM``, UTC instants ISO 8601 with ``Z``, enums by value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import Boolean, Date, Enum, Integer, String, Time

from fieldnotes.model import SyncedRecord
from fieldnotes.model.types import (
    IdList,
    UTCDateTime,
    VersionVectorType,
    format_utc,
    parse_utc,
)

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


def field_codecs(model: type[SyncedRecord]) -> dict[str, tuple[Encoder, Decoder]]:
    """Encoder and decoder of every column of ``model``, by attribute name, in table order."""
    key: Any = model  # mypy does not see ORM classes as hashable, though classes always are
    return _field_codecs(key)


@cache
def _field_codecs(model: Any) -> dict[str, tuple[Encoder, Decoder]]:
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


# What json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) uses,
# built once: json.dumps builds a new encoder for every call with options.
_CANONICAL_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(document: dict[str, Any]) -> str:
    return _CANONICAL_ENCODER.encode(document)


def content_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------ rows for bulk writes

# Kinds of column a RowCodec converts without calling a function per value (the common ones);
# every other kind goes through the column's decoder and SQLAlchemy's own bind processor.
_TEXT, _TEXT_OR_NULL, _BOOL, _INT, _UTC, _OTHER = range(6)
# How format_utc writes an instant, which is how UTCDateTime stores it.
_CANONICAL_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\Z")
_DIALECT = sqlite.dialect()


@dataclass(frozen=True)
class RowCodec:
    """Documents of one model checked and turned into database values in one pass.

    A package import checks tens of thousands of documents and writes most of them: doing
    both at once, with the kind of each column resolved up front, costs a fraction of
    :func:`from_document` followed by SQLAlchemy's per-value bind processing. The values
    are exactly what SQLAlchemy would store (they come from its own bind processors where
    they are not plain text, numbers or canonical instants), so a row read back raw from
    the database compares equal when nothing changed.
    """

    columns: tuple[str, ...]
    steps: tuple[_Step, ...]
    # The fields of a content document (no bookkeeping) and their steps, for check().
    content_names: frozenset[str]
    content_steps: tuple[_Step, ...]

    def row(self, document: dict[str, Any]) -> tuple[Any, ...]:
        """The database values of every column, in ``columns`` order; ValueError names the
        field (the same messages as :func:`from_document`); KeyError for a missing field."""
        return _values(self.steps, document, True)

    def check(self, document: dict[str, Any]) -> None:
        """Check the fields ``document`` has (a content document lacks the bookkeeping)."""
        if document.keys() == self.content_names:  # the usual case: steps chosen up front
            steps = self.content_steps
        else:
            steps = tuple(step for step in self.steps if step[0] in document)
        _values(steps, document, False)


# (field, kind, decoder, document value -> database value)
_Step = tuple[str, int, Decoder, Callable[[Any], Any]]
# Version vector texts by the vector's items: most records of a package share a handful.
_VERSION_TEXTS: dict[tuple[tuple[str, int], ...], str] = {}


def _version_text(value: Any) -> str:
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    key = tuple(value.items())
    text = _VERSION_TEXTS.get(key)
    if text is None:
        # What VersionVectorType stores: sorted keys, then SQLAlchemy's JSON (json.dumps).
        text = json.dumps(dict(sorted(value.items())))
        if len(_VERSION_TEXTS) < 4096:
            _VERSION_TEXTS[key] = text
    return text


def _id_list_text(value: Any) -> str:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of ids")
    return json.dumps(value) if value else "[]"  # what IdList stores


def _values(
    steps: tuple[_Step, ...], document: dict[str, Any], to_database: bool
) -> tuple[Any, ...]:
    values: list[Any] = []
    append = values.append
    for name, kind, decode, convert in steps:
        value = document[name]
        if kind == _TEXT:
            if not isinstance(value, str):
                raise ValueError(f"{name}: expected text")
        elif kind == _TEXT_OR_NULL:
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name}: expected text")
        elif kind == _BOOL:
            if not isinstance(value, bool):
                raise ValueError(f"{name}: expected true or false")
        elif kind == _INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name}: expected a whole number")
        elif kind == _UTC and isinstance(value, str) and _CANONICAL_UTC.match(value):
            try:
                dt.datetime.fromisoformat(value)  # a real date and time, already canonical
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from exc
        else:
            try:
                value = convert(value) if to_database else decode(value)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValueError(f"{name}: {exc}") from exc
        append(value)
    return tuple(values)


_ROW_CODECS: dict[type[SyncedRecord], RowCodec] = {}


def row_codec(model: type[SyncedRecord]) -> RowCodec:
    """The :class:`RowCodec` of ``model`` (columns in :func:`field_codecs` order)."""
    codec = _ROW_CODECS.get(model)
    if codec is None:
        codec = _ROW_CODECS[model] = _build_row_codec(model)
    return codec


def _build_row_codec(model: type[SyncedRecord]) -> RowCodec:
    table = model.__table__  # type: ignore[attr-defined]
    steps: list[_Step] = []
    for name, (_encode, decode) in field_codecs(model).items():
        column = table.c[name]
        kind = column.type
        nullable = bool(column.nullable)
        if isinstance(kind, String) and not isinstance(kind, Enum | UTCDateTime):
            steps.append((name, _TEXT_OR_NULL if nullable else _TEXT, decode, decode))
        elif isinstance(kind, Boolean) and not nullable:
            steps.append((name, _BOOL, decode, decode))
        elif isinstance(kind, Integer) and not nullable:
            steps.append((name, _INT, decode, decode))
        elif isinstance(kind, VersionVectorType) and not nullable:
            steps.append((name, _OTHER, _version_text, _version_text))
        elif isinstance(kind, IdList) and not nullable:
            steps.append((name, _OTHER, _id_list_text, _id_list_text))
        else:
            processor = kind.dialect_impl(_DIALECT).bind_processor(_DIALECT)
            utc = isinstance(kind, UTCDateTime)
            steps.append((name, _UTC if utc else _OTHER, decode, _to_database(decode, processor)))
    content_steps = tuple(s for s in steps if s[0] not in SyncedRecord.BOOKKEEPING_FIELDS)
    return RowCodec(
        tuple(step[0] for step in steps),
        tuple(steps),
        frozenset(step[0] for step in content_steps),
        content_steps,
    )


def _to_database(decode: Decoder, processor: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    if processor is None:
        return decode

    def convert(value: Any) -> Any:
        decoded = decode(value)
        return None if decoded is None else processor(decoded)

    return convert


def bind_processor(column: Any) -> Callable[[Any], Any]:
    """How SQLAlchemy turns a Python value of ``column`` into its stored SQLite value."""
    processor = column.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    return processor if processor is not None else _identity
