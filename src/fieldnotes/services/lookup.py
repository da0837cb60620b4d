"""Finding records by id, or by what a user types: an id, a unique id prefix or an exact name."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldnotes.errors import NotFoundError
from fieldnotes.model import SyncedRecord

R = TypeVar("R", bound=SyncedRecord)


def get_live(session: Session, model: type[R], record_id: str, what: str) -> R:
    """The record ``record_id`` of ``model`` unless missing or deleted (NotFoundError)."""
    record = session.get(model, record_id)
    if record is None or record.deleted:
        raise NotFoundError(f"No {what} with id {record_id}.")
    return record


def resolve(
    session: Session,
    model: type[R],
    reference: str,
    *,
    name_attribute: str,
    what: str,
    scope: dict[str, Any] | None = None,
) -> R:
    """The one live record that ``reference`` names: full id, unique id prefix or exact name."""
    reference = reference.strip()
    base = select(model).where(model.deleted.is_(False))
    for column, value in (scope or {}).items():
        base = base.where(getattr(model, column) == value)
    if not reference:
        raise NotFoundError(f"No {what} given.")
    exact = session.scalars(base.where(model.id == reference)).first()
    if exact is not None:
        return exact
    by_name = list(session.scalars(base.where(getattr(model, name_attribute) == reference)))
    if len(by_name) == 1:
        return by_name[0]
    by_prefix = list(session.scalars(base.where(model.id.startswith(reference, autoescape=True))))
    if len(by_prefix) == 1:
        return by_prefix[0]
    candidates = by_name or by_prefix
    if candidates:
        listing = ", ".join(f"{getattr(c, name_attribute)} ({c.id[:8]})" for c in candidates[:5])
        raise NotFoundError(
            f"{what.capitalize()} {reference!r} is ambiguous: it matches {listing}. "
            "Give more of the id."
        )
    raise NotFoundError(f"No {what} matches {reference!r} (give an id, id prefix or exact name).")
