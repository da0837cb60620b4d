"""Reading JSON that comes from outside: bounded size, strict UTF-8, no duplicate keys.

Every problem is a :class:`MissionFormatError` whose message says where it is (line and
column for syntax, a path such as ``meetings[3]`` for duplicate keys).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fieldnotes.errors import MissionFormatError, UserFileError

# A mission with thousands of notes is a few megabytes; a cap keeps a wrong or hostile file
# from exhausting memory (parsing needs several times the file size).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers the keys it saw more than once."""

    duplicates: tuple[str, ...] = ()


class _DuplicateKey(Exception):
    """Raised by the fast object hook; the slow pass then finds the place to name."""


class _NonFinite(Exception):
    """NaN, Infinity or a number too large for a float, in a document that refuses them."""


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    seen_twice: list[str] = []
    for key, value in pairs:
        if key in result and key not in seen_twice:
            seen_twice.append(key)
        result[key] = value
    if seen_twice:
        result.duplicates = tuple(seen_twice)
    return result


def _fast_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # dict() is built in C; a shorter dict than the pair list means a key came twice. This
    # costs a fraction of the bookkeeping above, which only runs (again) to name the place.
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value - value != 0.0:  # inf - inf and nan - nan are nan; 1e400 parses as inf
        raise _NonFinite(text)
    return value


def place(path: Sequence[str | int]) -> str:
    """A JSON path in the user's terms: ``meetings[3].date``; the whole document if empty."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the document"


def read_limited(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of the file at ``path``, refusing files larger than ``limit`` before reading."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise MissionFormatError(
                f"{path} is too large for a mission file ({size:,} bytes; the limit is {limit:,})."
            )
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError as exc:
        raise UserFileError(f"Cannot read {path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UserFileError(f"Cannot read {path}: it is a folder, not a file.") from exc
    except OSError as exc:
        raise UserFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(data) > limit:  # grew while we looked, or a special file
        raise MissionFormatError(f"{path} is too large for a mission file.")
    return data


def parse_json(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES, finite: bool = False) -> Any:
    """The JSON value in ``data``; MissionFormatError naming the place of any problem.

    With ``finite``, NaN, Infinity and numbers beyond a float's range are refused too.
    """
    if len(data) > limit:
        raise MissionFormatError(
            f"The document is too large ({len(data):,} bytes; the limit is {limit:,})."
        )
    if data.startswith(UTF8_BOM):  # Windows editors add one; harmless
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MissionFormatError(
            f"The document is not UTF-8 text: invalid byte at line {line} (byte {exc.start})."
        ) from exc
    extra: dict[str, Any] = (
        {"parse_constant": _refuse_constant, "parse_float": _finite_float} if finite else {}
    )
    try:
        try:
            return json.loads(text, object_pairs_hook=_fast_object, **extra)
        except _DuplicateKey:
            pass
        # Slow pass, only for documents with a duplicate key: find where it is.
        value = json.loads(text, object_pairs_hook=_object_from_pairs, **extra)
        duplicate = _first_duplicate(value, [])
    except json.JSONDecodeError as exc:
        raise MissionFormatError(
            f"The document is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except _NonFinite as exc:
        raise MissionFormatError("NaN and Infinity are not JSON values.") from exc
    except RecursionError as exc:
        raise MissionFormatError("The document is nested too deeply to be a mission.") from exc
    if duplicate is not None:
        where, key = duplicate
        raise MissionFormatError(f"{place(where)}: the key {key!r} appears more than once.")
    return value


def _first_duplicate(value: Any, path: list[str | int]) -> tuple[list[str | int], str] | None:
    if isinstance(value, _Object) and value.duplicates:
        return path, value.duplicates[0]
    children: list[tuple[str | int, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    for key, child in children:
        found = _first_duplicate(child, [*path, key])
        if found is not None:
            return found
    return None
