"""Declarative base and the columns every record that travels between machines carries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache, partial
from typing import Any

from sqlalchemy import Boolean, MetaData, String, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from fieldnotes.model.types import (
    UTCDateTime,
    VersionVector,
    VersionVectorType,
    new_id,
    utc_now,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedRecord:
    """Columns of a record that is merged between profiles (see design/merge.md).

    ``version`` is the record's version vector ``{device_id: counter}``; ``deleted`` makes
    the row a tombstone so that a deletion travels like any other change. Wall-clock
    timestamps are for people only and never decide a merge.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_by: Mapped[str | None] = mapped_column(String(36), default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    version: Mapped[VersionVector] = mapped_column(VersionVectorType(), default=dict)

    def __init__(self, **kwargs: Any) -> None:
        # Fill column defaults at construction rather than at INSERT, so that a new record
        # can be hashed into its first revision without a round trip to the database.
        for key, default in _python_defaults(_class_key(self)):
            if key not in kwargs:
                kwargs[key] = default()
        super().__init__(**kwargs)

    # Fields that are bookkeeping, not content: left out of content hashes and merges.
    BOOKKEEPING_FIELDS = frozenset({"id", "created_at", "updated_at", "updated_by", "version"})


@cache
def _python_defaults(model: Any) -> tuple[tuple[str, Callable[[], Any]], ...]:
    """(attribute, zero-argument factory) for every column of ``model`` with a Python default."""
    defaults: list[tuple[str, Callable[[], Any]]] = []
    mapper: Mapper[Any] = inspect(model)
    for attr in mapper.column_attrs:
        default: Any = attr.columns[0].default
        if default is None:
            continue
        if default.is_callable:
            # SQLAlchemy wraps zero-argument callables to take an execution context.
            defaults.append((attr.key, partial(default.arg, None)))
        elif default.is_scalar:
            defaults.append((attr.key, partial(_same, default.arg)))
    return tuple(defaults)


def _same(value: Any) -> Any:
    return value


def _class_key(record: object) -> Any:
    # A class is hashable; mypy does not see ORM classes as such.
    return type(record)
