"""Checking the keyword fields that the add and update use cases are given."""

from __future__ import annotations

from typing import Any

from fieldnotes.errors import ValidationError


def known_fields(fields: dict[str, Any], allowed: frozenset[str], what: str) -> dict[str, Any]:
    """A copy of ``fields``; ValueError (a programming error) if any is not in ``allowed``."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not {what} fields: {sorted(unknown)}")
    return dict(fields)


def required_line(value: object, message: str) -> str:
    """``value`` as one line with single spaces; ValidationError(message) if nothing is left."""
    line = " ".join(str(value).split())
    if not line:
        raise ValidationError(message)
    return line
