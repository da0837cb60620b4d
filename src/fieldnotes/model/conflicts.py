"""Merge conflicts: values that lost a merge, kept until the team lead resolves them."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldnotes.model.base import Base
from fieldnotes.model.types import UTCDateTime, VersionVector, VersionVectorType, utc_now

CONFLICT_NAMESPACE = uuid.UUID("0b5c3f0e-8f47-4a55-9d0c-6c1e9e5f2a71")


def conflict_id_for(table_name: str, record_id: str, field: str, value_json: str) -> str:
    """The id of the conflict "this value of this field lost": the same on every profile.

    Deterministic ids make conflicts travel like sets: two profiles that hit the same
    conflict record the same row, and a package carrying it again changes nothing.
    """
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{table_name}\n{record_id}\n{field}\n{value_json}"))


def value_json(value: Any) -> str:
    """Canonical JSON text of a field value (how a losing value is stored and compared)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Conflict(Base):
    """A value of one field of one record that lost a merge (``kind`` says how).

    ``kind`` is ``field`` (both sides changed the field differently) or ``delete_edit``
    (field ``deleted``: one side deleted the record while the other edited it; the record
    was kept alive). The winning value is whatever the record holds now. A conflict is open
    until resolved, or until the record holds the losing value again (nothing left to lose).
    Conflicts travel in packages; ``resolved`` only ever goes from false to true.
    """

    __tablename__ = "conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    mission_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32), default="field")
    loser_value: Mapped[str] = mapped_column(Text)  # canonical JSON of the value
    loser_version: Mapped[VersionVector] = mapped_column(VersionVectorType(), default=dict)
    loser_member: Mapped[str | None] = mapped_column(String(36), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    resolved_version: Mapped[VersionVector | None] = mapped_column(JSON, default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(36), default=None)

    @property
    def loser(self) -> Any:
        return json.loads(self.loser_value)
